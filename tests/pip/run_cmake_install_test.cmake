# cmake --install --component python into PREFIX, then import closeloop from
# PREFIX/PACKAGE_DIR (not the build tree) and check that the stubs came too.
file(REMOVE_RECURSE "${PREFIX}")
execute_process(
  COMMAND "${CMAKE_COMMAND}" --install "${BINARY_DIR}" --component python --prefix "${PREFIX}"
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "cmake --install --component python failed: ${result}")
endif()
if(IS_ABSOLUTE "${PACKAGE_DIR}")
  set(site "${PACKAGE_DIR}")
else()
  set(site "${PREFIX}/${PACKAGE_DIR}")
endif()
foreach(file py.typed _core/__init__.pyi _core/store.pyi _core/spc.pyi __init__.py dask.py)
  if(NOT EXISTS "${site}/closeloop/${file}")
    message(FATAL_ERROR "cmake --install did not install closeloop/${file} into ${site}")
  endif()
endforeach()
execute_process(
  COMMAND "${CMAKE_COMMAND}" -E env "PYTHONPATH=${site}"
          "${PYTHON}" -c "import pathlib, closeloop as cl; assert pathlib.Path(cl._core.__file__).resolve().parent == pathlib.Path('${site}/closeloop').resolve(), cl._core.__file__; print(cl.__version__)"
  WORKING_DIRECTORY "${PREFIX}"
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "the installed closeloop package does not import from ${site}")
endif()
