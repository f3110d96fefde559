# Warnings and sanitizers as INTERFACE targets for closeloop's own targets (the
# library copies their options rather than linking them, so no export names
# them); nothing here touches global flags, so a vendor embedding closeloop
# keeps their own.

add_library(closeloop_warnings INTERFACE)
target_compile_options(closeloop_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Wunused -Woverloaded-virtual -Wconversion -Wsign-conversion -Wnull-dereference
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(CLOSELOOP_WARNINGS_AS_ERRORS)
  target_compile_options(closeloop_warnings INTERFACE -Werror)
endif()
# g++ 12 at -O3 reports -Wrestrict inside std::string's operator+ (GCC bug
# 105329, a false positive); it would stop the release and bench presets.
# At -O3 (Release) it also reports -Wnull-dereference and -Wmaybe-uninitialized
# deep inside std::basic_string and std::variant after inlining, false positives
# of that compiler; they stay visible as warnings but do not stop a -Werror build.
set(closeloop_gcc12_false_positives "")
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  set(closeloop_gcc12_false_positives -Wno-restrict
    $<$<CONFIG:Release>:-Wno-error=null-dereference -Wno-error=maybe-uninitialized>)
endif()
target_compile_options(closeloop_warnings INTERFACE ${closeloop_gcc12_false_positives})

# Test and binding code uses third-party macros that trip the strictest
# conversions; it keeps the rest of the warnings.
add_library(closeloop_test_warnings INTERFACE)
target_compile_options(closeloop_test_warnings INTERFACE -Wall -Wextra -Wpedantic
  ${closeloop_gcc12_false_positives})
if(CLOSELOOP_WARNINGS_AS_ERRORS)
  target_compile_options(closeloop_test_warnings INTERFACE -Werror)
endif()

add_library(closeloop_sanitizers INTERFACE)
if(CLOSELOOP_BUILD_FUZZ)
  # Coverage for libFuzzer in every closeloop target; the fuzz targets add
  # -fsanitize=fuzzer (the driver) at link time.
  target_compile_options(closeloop_sanitizers INTERFACE -fsanitize=fuzzer-no-link)
endif()
if(CLOSELOOP_SANITIZE OR CLOSELOOP_BUILD_FUZZ)
  target_compile_options(closeloop_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(closeloop_sanitizers INTERFACE -fsanitize=address,undefined)
endif()

# closeloop_exported_library(<target> <export name>): the properties of a
# library closeloop installs (closeloop::closeloop, closeloop::sample):
# position-independent (it links into the Python module), versioned, and
# taking the warning and sanitizer options without linking their targets, so
# that no export names the project's tooling.
function(closeloop_exported_library target export_name)
  set_target_properties(${target} PROPERTIES
    POSITION_INDEPENDENT_CODE ON
    VERSION ${PROJECT_VERSION}
    SOVERSION ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR}
    EXPORT_NAME ${export_name})
  foreach(tooling IN ITEMS closeloop_warnings closeloop_sanitizers)
    target_compile_options(${target} PRIVATE $<TARGET_PROPERTY:${tooling},INTERFACE_COMPILE_OPTIONS>)
    target_link_options(${target} PRIVATE $<TARGET_PROPERTY:${tooling},INTERFACE_LINK_OPTIONS>)
  endforeach()
endfunction()
