# The library's modules (ARCHITECTURE.md "Modules"). Each is an OBJECT
# library newsidx_<name> built from one folder, and that folder is an include
# path only for the module itself and for the modules that depend on it
# (through newsidx_<name>_headers). So a header of a module that is not a
# dependency is not found: a wrong-direction include fails to compile
# (tests/modules/ proves it). The installed library newsidx (libnewsidx.a)
# is the union of every module's objects.
#
#   text   -> schema -> index    (indexer/, writing)
#                     -> search   (query/, reading)     index and search never see each other
#   service (query/server/, static newsidx_service) -> search
#   tools   (newsidx: indexer/cli/, newsq: query/cli/) -> service, index

# What every module compiles with: our flags, the public headers, the
# third-party headers (which module may use which library is not checked).
add_library(newsidx_module_base INTERFACE)
target_include_directories(newsidx_module_base INTERFACE ${PROJECT_SOURCE_DIR}/include)
target_link_libraries(newsidx_module_base INTERFACE newsidx_flags newsidx_xapian ICU::uc ICU::i18n yaml-cpp
                      newsidx_md4c nlohmann_json::nlohmann_json ZLIB::ZLIB Threads::Threads)

# newsidx_module(<name> SOURCES <files>... [DEPENDS <module>...]): the module
# in the current source folder, depending on the modules named (each module
# lists every module it may include, its dependencies' included).
function(newsidx_module name)
  cmake_parse_arguments(PARSE_ARGV 1 M "" "" "SOURCES;DEPENDS")
  add_library(newsidx_${name}_headers INTERFACE)
  target_include_directories(newsidx_${name}_headers INTERFACE ${CMAKE_CURRENT_SOURCE_DIR})
  foreach(d IN LISTS M_DEPENDS)
    target_link_libraries(newsidx_${name}_headers INTERFACE newsidx_${d}_headers)
  endforeach()
  add_library(newsidx_${name} OBJECT ${M_SOURCES})
  target_link_libraries(newsidx_${name} PRIVATE newsidx_${name}_headers newsidx_module_base)
  set_target_properties(newsidx_${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  target_sources(newsidx PRIVATE $<TARGET_OBJECTS:newsidx_${name}>)
  set_property(GLOBAL APPEND PROPERTY NEWSIDX_MODULES newsidx_${name})
endfunction()
