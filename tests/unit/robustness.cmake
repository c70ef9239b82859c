# Unit tests for hostile and broken input (issue 6).
target_sources(unit_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}/test_robustness.cpp)
