# Tests that pin today's shapes (issue 16, step 7; tests/README.md "Pinning
# tests"): the golden query shapes (tests/data/query_shapes.tsv), the oracle
# (pruned = every match weighed = two local shards), snippets, jamo keys,
# the shard list and the HTTP routes. The routes are the service library's
# (query/server/), which unit_tests then links, as fuzz_routes does.
target_sources(unit_tests PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/test_query_shapes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_oracle.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_components.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_routes.cpp)
target_link_libraries(unit_tests PRIVATE newsidx_service)
