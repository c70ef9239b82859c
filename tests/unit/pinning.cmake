# Tests that pin today's shapes (issue 16, step 7; tests/README.md "Pinning
# tests"): the golden query shapes (tests/data/query_shapes.tsv), the oracle
# (pruned = every match weighed = two local shards).
target_sources(unit_tests PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/test_query_shapes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_oracle.cpp
  )
