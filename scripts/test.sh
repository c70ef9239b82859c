#!/usr/bin/env bash
# Runs the whole test suite: the release build, the ASan+UBSan build, then
# a short run of each libFuzzer target (build-fuzz, label fuzz: 60 s each).
# Needs scripts/setup.sh --asan first (the README's test command does both).
# ctest fails when a run executes no test (--no-tests=error).
#   scripts/test.sh              everything
#   scripts/test.sh -L unit      ctest arguments: build/ and build-asan/ only
#   scripts/test.sh -L fuzz      (arguments naming fuzz) build-fuzz/ only
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=$(nproc 2>/dev/null || echo 2)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fuzz_only=0
for a in "$@"; do if [[ $a == *fuzz* ]]; then fuzz_only=1; fi; done
if [ "$fuzz_only" -eq 0 ]; then
  for dir in build build-asan; do
    echo "== ctest in $dir"
    ctest --test-dir "$dir" --output-on-failure --no-tests=error -j "$JOBS" "$@"
  done
fi
if [ "$#" -eq 0 ] || [ "$fuzz_only" -eq 1 ]; then
  [ -d build-fuzz ] || { echo "test.sh: build-fuzz/ is missing: run scripts/setup.sh --asan" >&2; exit 1; }
  echo "== ctest in build-fuzz"
  ctest --test-dir build-fuzz --output-on-failure --no-tests=error -j "$JOBS" -L fuzz "$@"
  grep -h ' executions in ' build-fuzz/Testing/Temporary/LastTest.log || true  # one line per fuzzer
fi
