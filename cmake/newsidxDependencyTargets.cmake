# Imported targets for the newsidx library's dependencies that Debian ships
# without a usable CMake target. Included by the build (Dependencies.cmake)
# and by the installed newsidxConfig.cmake. Sets NEWSIDX_DEPENDENCIES_FOUND
# and, when false, NEWSIDX_DEPENDENCIES_MESSAGE.
set(NEWSIDX_DEPENDENCIES_FOUND TRUE)

# md4c through pkg-config: Debian's libmd4c-dev ships a CMake config that also
# names the HTML renderer, a file of another package (libmd4c-html0) that a
# fresh machine does not have, so find_package(md4c) fails there. md4c.pc
# names only the parser, which is all newsidx uses.
if(NOT TARGET newsidx_md4c)
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(NEWSIDX_MD4C QUIET md4c)
  endif()
  if(NOT NEWSIDX_MD4C_FOUND)
    set(NEWSIDX_DEPENDENCIES_FOUND FALSE)
    set(NEWSIDX_DEPENDENCIES_MESSAGE "md4c not found through pkg-config (Debian: libmd4c-dev, pkg-config)")
    return()
  endif()
  find_library(NEWSIDX_MD4C_LIBRARY NAMES md4c HINTS ${NEWSIDX_MD4C_LIBRARY_DIRS})
  if(NOT NEWSIDX_MD4C_LIBRARY)
    set(NEWSIDX_DEPENDENCIES_FOUND FALSE)
    set(NEWSIDX_DEPENDENCIES_MESSAGE "md4c.pc found, but not libmd4c itself (Debian: libmd4c-dev)")
    return()
  endif()
  add_library(newsidx_md4c INTERFACE IMPORTED)
  target_include_directories(newsidx_md4c SYSTEM INTERFACE ${NEWSIDX_MD4C_INCLUDE_DIRS})
  target_link_libraries(newsidx_md4c INTERFACE ${NEWSIDX_MD4C_LIBRARY})
endif()

# Xapian 1.4 ships a config file with variables only.
if(NOT TARGET newsidx_xapian)
  find_package(Xapian 1.4 QUIET CONFIG NAMES xapian)
  if(NOT Xapian_FOUND)
    set(NEWSIDX_DEPENDENCIES_FOUND FALSE)
    set(NEWSIDX_DEPENDENCIES_MESSAGE "Xapian 1.4 not found (Debian: libxapian-dev)")
    return()
  endif()
  add_library(newsidx_xapian INTERFACE IMPORTED)
  target_include_directories(newsidx_xapian SYSTEM INTERFACE ${XAPIAN_INCLUDE_DIR})
  target_link_libraries(newsidx_xapian INTERFACE ${XAPIAN_LIBRARIES})
endif()
