target_sources(unit_tests PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/test_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_reader_body.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_corpora.cpp)
target_sources(unit_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}/test_file_title.cpp)
