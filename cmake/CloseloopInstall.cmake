# Install headers, the library and a relocatable package config so that
# vendors can find_package(closeloop CONFIG) and link closeloop::closeloop.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/closeloop"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
  FILES_MATCHING PATTERN "*.hpp")
install(FILES "${PROJECT_BINARY_DIR}/include/closeloop/version.hpp"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/closeloop")

install(TARGETS closeloop
  EXPORT closeloopTargets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
  INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")

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
