# The modules' dependency direction (cmake/Modules.cmake) is enforced by the
# include paths: each probe is one #include compiled with exactly the
# include path of a module (its INCLUDE_DIRECTORIES, its dependencies'
# included). A header of a module it must not see has to fail ("No such
# file"), a header of a dependency has to compile. The probes are built only
# by the test (tests/modules/direction.sh), never by `all`.
#
# name | module compiled as | header | pass or fail
set(NEWSIDX_DIRECTION_PROBES
  "search_sees_index|search|ingest.hpp|fail"
  "search_sees_index_folder|search|index_folder.hpp|fail"
  "search_sees_service|search|routes.hpp|fail"
  "index_sees_search|index|query_builder.hpp|fail"
  "schema_sees_index|schema|document.hpp|fail"
  "schema_sees_search|schema|open_db.hpp|fail"
  "text_sees_schema|text|schema.hpp|fail"
  "text_sees_index|text|walk.hpp|fail"
  "search_sees_schema|search|folder_check.hpp|pass"
  "search_sees_text|search|utf8.hpp|pass"
  "index_sees_schema|index|synonyms.hpp|pass"
  "schema_sees_text|schema|korean.hpp|pass")
set(_probe_targets)
foreach(p IN LISTS NEWSIDX_DIRECTION_PROBES)
  string(REPLACE "|" ";" f "${p}")
  list(GET f 0 _name)
  list(GET f 1 _module)
  list(GET f 2 _header)
  set(_tu ${CMAKE_CURRENT_BINARY_DIR}/direction/${_name}.cpp)
  file(CONFIGURE OUTPUT ${_tu} CONTENT "// ${_module} including ${_header}\n#include \"${_header}\"\nint newsidx_probe_${_name} = 0;\n")
  add_library(probe_${_name} OBJECT EXCLUDE_FROM_ALL ${_tu})
  target_include_directories(probe_${_name} PRIVATE $<TARGET_PROPERTY:newsidx_${_module},INCLUDE_DIRECTORIES>)
  target_compile_options(probe_${_name} PRIVATE $<TARGET_PROPERTY:newsidx_${_module},COMPILE_OPTIONS>)
  target_compile_features(probe_${_name} PRIVATE cxx_std_20)
endforeach()
add_test(NAME unit.module_direction
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/direction.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR}
                 ${NEWSIDX_DIRECTION_PROBES})
set_tests_properties(unit.module_direction PROPERTIES LABELS unit TIMEOUT 600)

# Which third-party library each module may use (tests/modules/libraries.sh):
# system headers are on every include path, so this is checked by reading
# the includes rather than by the compiler.
add_test(NAME unit.module_libraries COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/libraries.sh ${PROJECT_SOURCE_DIR})
set_tests_properties(unit.module_libraries PROPERTIES LABELS unit TIMEOUT 60)
