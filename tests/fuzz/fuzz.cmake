# libFuzzer targets (issue 6): the post reader, the Analyzer, the query side;
# (issue 15) the HTTP routes of `newsidx serve`.
#
#   cmake -S . -B build-fuzz -DNEWSIDX_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++
#   cmake --build build-fuzz --target fuzz_reader fuzz_analyzer fuzz_query fuzz_routes
#   ctest --test-dir build-fuzz -L fuzz          # NEWSIDX_FUZZ_SECONDS each
#
# With NEWSIDX_FUZZ on, the newsidx library itself is compiled with
# coverage instrumentation and ASan+UBSan (every program linking it gets the
# sanitizer runtimes through its link options). tests/fuzz/README.md tells
# how to run long campaigns.

option(NEWSIDX_FUZZ "Build the libFuzzer targets (clang only; instruments the library)" OFF)
set(NEWSIDX_FUZZ_SECONDS 60 CACHE STRING "Seconds each fuzz.* ctest runs its fuzzer")

if(NOT NEWSIDX_FUZZ)
  return()
endif()

if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "NEWSIDX_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++ "
                      "(Debian: apt-get install clang libclang-rt-14-dev)")
endif()

set(NEWSIDX_FUZZ_SANITIZERS address,undefined)
set(_fuzz_common -fno-omit-frame-pointer -fno-sanitize-recover=all)

# The library: instrumented for coverage (fuzzer-no-link) and sanitized.
# PUBLIC link options: newsidx, newsq, unit_tests and the fuzzers all need
# the sanitizer runtimes once the library references them.
get_property(_modules GLOBAL PROPERTY NEWSIDX_MODULES)  # its objects (cmake/Modules.cmake)
foreach(m IN LISTS _modules)
  target_compile_options(${m} PRIVATE -fsanitize=${NEWSIDX_FUZZ_SANITIZERS},fuzzer-no-link ${_fuzz_common})
endforeach()
target_link_options(newsidx PUBLIC -fsanitize=${NEWSIDX_FUZZ_SANITIZERS})

# The service library (routes, searcher pool, suggestions) likewise, for fuzz_routes.
target_compile_options(newsidx_service PRIVATE -fsanitize=${NEWSIDX_FUZZ_SANITIZERS},fuzzer-no-link ${_fuzz_common})

set(NEWSIDX_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})
foreach(name reader analyzer query routes)
  add_executable(fuzz_${name} ${NEWSIDX_FUZZ_DIR}/fuzz_${name}.cpp)
  set_target_properties(fuzz_${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR})
  target_compile_options(fuzz_${name} PRIVATE -fsanitize=fuzzer,${NEWSIDX_FUZZ_SANITIZERS} ${_fuzz_common})
  target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer,${NEWSIDX_FUZZ_SANITIZERS})
  target_link_libraries(fuzz_${name} PRIVATE newsidx newsidx_flags newsidx_xapian nlohmann_json::nlohmann_json
                        newsidx_index_headers newsidx_search_headers)
  target_include_directories(fuzz_${name} PRIVATE ${NEWSIDX_FUZZ_DIR})
  if(name STREQUAL "routes")
    target_link_libraries(fuzz_${name} PRIVATE newsidx_service)
  endif()

  # A short campaign on a scratch copy of the seed corpus (run.sh prints the
  # executions; crash inputs land in <build>/fuzz-artifacts/).
  add_test(NAME fuzz.${name}
           COMMAND bash ${NEWSIDX_FUZZ_DIR}/run.sh $<TARGET_FILE:fuzz_${name}>
                   ${NEWSIDX_FUZZ_DIR}/corpus_${name} ${NEWSIDX_FUZZ_SECONDS} ${PROJECT_BINARY_DIR}/fuzz-artifacts)
  math(EXPR _fuzz_timeout "${NEWSIDX_FUZZ_SECONDS} * 2 + 120")
  set_tests_properties(fuzz.${name} PROPERTIES LABELS fuzz TIMEOUT ${_fuzz_timeout})
endforeach()
