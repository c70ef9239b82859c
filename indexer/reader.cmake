target_sources(newsidx_index PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/frontmatter.cpp
  ${CMAKE_CURRENT_LIST_DIR}/markdown.cpp
  ${CMAKE_CURRENT_LIST_DIR}/liquid.cpp
  ${CMAKE_CURRENT_LIST_DIR}/markdown_html.cpp
  ${CMAKE_CURRENT_LIST_DIR}/html.cpp
  ${CMAKE_CURRENT_LIST_DIR}/date.cpp
  ${CMAKE_CURRENT_LIST_DIR}/site_url.cpp)
