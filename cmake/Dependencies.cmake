# Every dependency comes from a Debian package (scripts/setup.sh lists them:
# what building and running need, and what only the tests need).
find_package(Threads REQUIRED)
find_package(ICU 72 REQUIRED COMPONENTS uc i18n)
find_package(yaml-cpp REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 2.1 REQUIRED)
find_package(ZLIB REQUIRED)  # the stored post text (indexer/document.cpp)
find_package(PkgConfig REQUIRED)

# The library's dependencies that have no usable CMake target of their own
# are wrapped in imported targets; cmake/newsidxDependencyTargets.cmake
# defines them, and the installed newsidxConfig.cmake includes the same file,
# so that a program linking the static libnewsidx finds them the same way.
include(${CMAKE_CURRENT_LIST_DIR}/newsidxDependencyTargets.cmake)
if(NOT NEWSIDX_DEPENDENCIES_FOUND)
  message(FATAL_ERROR "newsidx: ${NEWSIDX_DEPENDENCIES_MESSAGE} (scripts/setup.sh installs every dependency)")
endif()
