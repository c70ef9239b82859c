#!/usr/bin/env bash
# Runs the whole test suite: the release build, then the ASan+UBSan build.
# Needs scripts/setup.sh --asan first (the README's test command does both).
# ctest fails when a run executes no test (--no-tests=error).
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=$(nproc 2>/dev/null || echo 2)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for dir in build build-asan; do
  echo "== ctest in $dir"
  ctest --test-dir "$dir" --output-on-failure --no-tests=error -j "$JOBS" "$@"
done
