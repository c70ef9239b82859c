# `cmake --install` puts headers, the library, the tools and a CMake package
# (find_package(newsidx) -> newsidx::newsidx) under the prefix.
include(CMakePackageConfigHelpers)

install(DIRECTORY include/newsidx DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS newsidx EXPORT newsidxTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS newsidx_cli newsq RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(EXPORT newsidxTargets NAMESPACE newsidx:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/newsidx)

configure_package_config_file(cmake/newsidxConfig.cmake.in ${PROJECT_BINARY_DIR}/newsidxConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/newsidx)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/newsidxConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/newsidxConfig.cmake ${PROJECT_BINARY_DIR}/newsidxConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/newsidx)

# pkg-config, for builds that do not use CMake (`pkg-config --cflags --libs --static newsidx`).
configure_file(cmake/newsidx.pc.in ${PROJECT_BINARY_DIR}/newsidx.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/newsidx.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
