#!/usr/bin/env bash
# Runs one libFuzzer target for a bounded time on a scratch copy of its seed
# corpus (the checkout's corpus is never written to), then prints the number
# of executions. Used by the fuzz.* ctest tests (tests/fuzz/fuzz.cmake).
#   run.sh FUZZER SEED_DIR SECONDS [ARTIFACT_DIR]
# Exit status: the fuzzer's (0 when it found nothing).
set -uo pipefail
fuzzer=${1:?fuzzer binary}
seeds=${2:?seed corpus folder}
seconds=${3:-60}
artifacts=${4:-$PWD/fuzz-artifacts}
name=$(basename "$fuzzer")

work=$(mktemp -d "${TMPDIR:-/tmp}/newsidx-$name-XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$artifacts"
cp -- "$seeds"/* "$work/corpus/"

# abort_on_error makes a sanitizer report end in a signal libFuzzer catches.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

start=$(date +%s)
"$fuzzer" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
  -artifact_prefix="$artifacts/$name-" "$work/corpus" >"$work/log" 2>&1
rc=$?
elapsed=$(( $(date +%s) - start ))

execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -n1)
cov=$(grep -E '^#[0-9]+' "$work/log" | tail -n1 | grep -oE 'cov: [0-9]+ ft: [0-9]+' || true)
units=$(find "$work/corpus" -type f | wc -l)
echo "$name: ${execs:-?} executions in ${elapsed} s, ${cov:-cov ?}, corpus $units files, exit $rc"
if [ "$rc" -ne 0 ]; then
  # The report: the end of the log (sanitizer trace, crash input path).
  tail -n 80 "$work/log"
  echo "$name: FAILED; reproduce with: $fuzzer $artifacts/$name-<crash file>" >&2
fi
exit "$rc"
