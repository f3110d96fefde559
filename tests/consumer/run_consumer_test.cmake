# Installs the built closeloop into a scratch prefix, then configures, builds
# and runs tests/consumer against it with find_package(closeloop CONFIG).
set(prefix "${WORK_DIR}/install")
set(build "${WORK_DIR}/build")
file(REMOVE_RECURSE "${WORK_DIR}")

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "failed (${result}): ${ARGN}\n${out}\n${err}")
  endif()
  message(STATUS "${out}")
endfunction()

if(NOT BUILD_TYPE)
  set(BUILD_TYPE RelWithDebInfo)
endif()
run(${CMAKE_COMMAND} --install "${CLOSELOOP_BINARY_DIR}" --prefix "${prefix}" --config "${BUILD_TYPE}")
# The package config exports closeloop::closeloop and nothing of the project's
# own tooling: a vendor must never inherit closeloop's warnings or sanitizers.
file(GLOB exported "${prefix}/lib*/cmake/closeloop/closeloopTargets*.cmake")
if(NOT exported)
  message(FATAL_ERROR "no closeloopTargets*.cmake under ${prefix}")
endif()
foreach(file IN LISTS exported)
  file(READ "${file}" text)
  if(text MATCHES "closeloop_warnings|closeloop_sanitizers|-Werror|-fsanitize")
    message(FATAL_ERROR "${file} exports the project's build tooling")
  endif()
endforeach()
run(${CMAKE_COMMAND} -S "${CONSUMER_SOURCE_DIR}" -B "${build}"
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_BUILD_TYPE=${BUILD_TYPE})
run(${CMAKE_COMMAND} --build "${build}")
run("${build}/consumer")
