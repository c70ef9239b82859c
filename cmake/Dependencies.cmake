# Every dependency comes from a Debian package (see scripts/setup.sh).
find_package(Threads REQUIRED)
find_package(ICU 72 REQUIRED COMPONENTS uc i18n)
find_package(yaml-cpp REQUIRED)
find_package(md4c REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 2.1 REQUIRED)
find_package(ZLIB REQUIRED)  # the stored post text (indexer/document.cpp)

# Xapian 1.4 ships a config file with variables only: wrap it in a target.
find_package(Xapian 1.4 REQUIRED CONFIG NAMES xapian)
if(NOT TARGET newsidx_xapian)
  add_library(newsidx_xapian INTERFACE IMPORTED)
  target_include_directories(newsidx_xapian SYSTEM INTERFACE ${XAPIAN_INCLUDE_DIR})
  target_link_libraries(newsidx_xapian INTERFACE ${XAPIAN_LIBRARIES})
endif()
