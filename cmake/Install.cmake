# `cmake --install` puts the tools and their man pages (component `tools`)
# and the headers, libnewsidx.a, the CMake package, the pkg-config file and
# the example program (component `dev`) under the prefix. CPack turns the two
# components into two Debian packages, newsidx and newsidx-dev
# (`cmake --build build --target package`).
include(CMakePackageConfigHelpers)

install(TARGETS newsidx_cli newsq RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT tools)
install(FILES ${NEWSIDX_MAN_PAGES} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT tools)

install(DIRECTORY include/newsidx DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT dev)
install(TARGETS newsidx EXPORT newsidxTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev)
# `cmake --install --strip` and the package strip the tools; the archive only
# loses its debug sections (its symbols are needed to link it).
install(CODE "set(_newsidx_strip \"${CMAKE_STRIP}\")" COMPONENT dev)
install(CODE [[
  if(CMAKE_INSTALL_DO_STRIP AND _newsidx_strip)
    file(GLOB _newsidx_archives "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}/*/libnewsidx.a"
                                "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}/*/*/libnewsidx.a")
    foreach(_a IN LISTS _newsidx_archives)
      execute_process(COMMAND "${_newsidx_strip}" --strip-debug "${_a}" COMMAND_ERROR_IS_FATAL ANY)
    endforeach()
  endif()
]] COMPONENT dev)
install(EXPORT newsidxTargets NAMESPACE newsidx:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/newsidx
        COMPONENT dev)

configure_package_config_file(cmake/newsidxConfig.cmake.in ${PROJECT_BINARY_DIR}/newsidxConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/newsidx)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/newsidxConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/newsidxConfig.cmake ${PROJECT_BINARY_DIR}/newsidxConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/newsidxDependencyTargets.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/newsidx COMPONENT dev)

# pkg-config, for builds that do not use CMake (`pkg-config --cflags --libs
# newsidx`). The prefix is found from the .pc file's own place
# (${pcfiledir}), so the file is right wherever the tree is installed:
# `cmake --install build --prefix P` with any P, or the Debian package.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}" OR IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(NEWSIDX_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")  # absolute dirs: nothing to relocate
  set(NEWSIDX_PC_LIBDIR "${CMAKE_INSTALL_FULL_LIBDIR}")
  set(NEWSIDX_PC_INCLUDEDIR "${CMAKE_INSTALL_FULL_INCLUDEDIR}")
else()
  file(RELATIVE_PATH _pc_up "/root/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/root")
  string(REGEX REPLACE "/$" "" _pc_up "${_pc_up}")
  set(NEWSIDX_PC_PREFIX "\${pcfiledir}/${_pc_up}")
  set(NEWSIDX_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
  set(NEWSIDX_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
configure_file(cmake/newsidx.pc.in ${PROJECT_BINARY_DIR}/newsidx.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/newsidx.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT dev)

# The example program, a complete embedding of the public API (README "As a library").
install(FILES examples/CMakeLists.txt examples/search_folder.cpp examples/Makefile
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/newsidx-dev/examples COMPONENT dev)

# ---- Debian packages (CPack DEB): newsidx_<version>_amd64.deb, newsidx-dev_<version>_amd64.deb
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME newsidx)
set(CPACK_PACKAGE_VENDOR "newsidx")
set(CPACK_PACKAGE_CONTACT "newsidx maintainers <maintainers@users.noreply.r-seed-59381659.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)  # the RelWithDebInfo build's debug info stays in build/, not in the package
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL tools dev)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # <name>_<version>-<release>_<arch>.deb, Debian's own scheme
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)

set(CPACK_DEBIAN_TOOLS_PACKAGE_NAME newsidx)
set(CPACK_COMPONENT_TOOLS_DESCRIPTION "Korean and English full-text search for Jekyll-style Markdown posts
 newsidx indexes Markdown posts with YAML front matter into an embedded
 Xapian database; newsq searches it from the terminal, and `newsidx serve`
 is a local HTTP JSON API with a search page.")
set(CPACK_DEBIAN_TOOLS_PACKAGE_SHLIBDEPS ON)  # Depends: from the binaries' shared libraries
set(CPACK_DEBIAN_TOOLS_PACKAGE_RECOMMENDS "xapian-tools")  # xapian-tcpsrv serves remote shards
set(CPACK_DEBIAN_TOOLS_PACKAGE_SECTION text)

set(CPACK_DEBIAN_DEV_PACKAGE_NAME newsidx-dev)
set(CPACK_COMPONENT_DEV_DESCRIPTION "newsidx search engine library: headers, static library, CMake and pkg-config files
 libnewsidx.a and its public headers, for programs that embed newsidx as
 their search backend: find_package(newsidx) or pkg-config newsidx.")
# A static library: a program linking it needs the libraries it uses
# (newsidxConfig.cmake and newsidx.pc name them).
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS
    "libxapian-dev (>= 1.4), libicu-dev, libyaml-cpp-dev, libmd4c-dev, zlib1g-dev, pkg-config")
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
include(CPack)
