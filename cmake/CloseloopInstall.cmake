# Install headers, the library and a relocatable package config so that
# vendors can find_package(closeloop CONFIG) and link closeloop::closeloop
# (and closeloop::sample, the sample provider, when it was built).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# The sample's headers go with the sample's library.
set(closeloop_header_excludes "")
if(NOT TARGET closeloop_sample)
  set(closeloop_header_excludes PATTERN "sample" EXCLUDE)
endif()
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/closeloop"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
  FILES_MATCHING PATTERN "*.hpp" ${closeloop_header_excludes})
install(FILES "${PROJECT_BINARY_DIR}/include/closeloop/version.hpp"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/closeloop")

install(TARGETS closeloop
  EXPORT closeloopTargets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
  INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")

# closeloop::sample (the sample provider and the seed scenarios), when built:
# the command and the Python module link it; a vendor links it only to
# demonstrate or test against the sample.
if(TARGET closeloop_sample)
  install(TARGETS closeloop_sample
    EXPORT closeloopTargets
    ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
    LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
    RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
    INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
endif()

if(TARGET closeloop_cli)
  install(TARGETS closeloop_cli RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
endif()

set(closeloop_config_dir "${CMAKE_INSTALL_LIBDIR}/cmake/closeloop")

install(EXPORT closeloopTargets
  NAMESPACE closeloop::
  DESTINATION "${closeloop_config_dir}")

configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/closeloopConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/closeloopConfig.cmake"
  INSTALL_DESTINATION "${closeloop_config_dir}")

write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/closeloopConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMinorVersion)

install(FILES
  "${PROJECT_BINARY_DIR}/closeloopConfig.cmake"
  "${PROJECT_BINARY_DIR}/closeloopConfigVersion.cmake"
  DESTINATION "${closeloop_config_dir}")

# A build-tree export, so a consumer can also point at an unbuilt-for-install tree.
export(EXPORT closeloopTargets
  NAMESPACE closeloop::
  FILE "${PROJECT_BINARY_DIR}/closeloopTargets.cmake")
