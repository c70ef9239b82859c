#!/usr/bin/env bash
# A long fuzzing campaign for one target, on a corpus kept outside the
# checkout between runs (each run starts from what the last one found).
#   tests/fuzz/campaign.sh TARGET SECONDS [BUILD_DIR]
#   TARGET: reader, analyzer, query or routes; BUILD_DIR: build-fuzz
# Corpus: $NEWSIDX_FUZZ_CORPUS/TARGET (default ~/.cache/newsidx-fuzz/TARGET),
# seeded from tests/fuzz/corpus_TARGET the first time; findings go to
# $NEWSIDX_FUZZ_CORPUS/artifacts-TARGET/. NEWSIDX_FUZZ_JOBS=N runs N
# processes on the one corpus (default 1). Exit status: the fuzzer's.
set -uo pipefail
target=${1:?usage: campaign.sh TARGET SECONDS [BUILD_DIR]}
seconds=${2:?usage: campaign.sh TARGET SECONDS [BUILD_DIR]}
here=$(cd "$(dirname "$0")" && pwd)
build=${3:-$here/../../build-fuzz}
fuzzer=$build/fuzz_$target
[ -x "$fuzzer" ] || { echo "campaign.sh: no $fuzzer (cmake --build $build --target fuzz_$target)" >&2; exit 2; }
root=${NEWSIDX_FUZZ_CORPUS:-$HOME/.cache/newsidx-fuzz}
corpus=$root/$target artifacts=$root/artifacts-$target
mkdir -p "$corpus" "$artifacts"
[ -n "$(ls -A "$corpus")" ] || cp -- "$here/corpus_$target"/* "$corpus/"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
jobs=${NEWSIDX_FUZZ_JOBS:-1}
extra=()
[ "$jobs" -gt 1 ] && extra=(-jobs="$jobs" -workers="$jobs")
before=$(find "$corpus" -type f | wc -l)
start=$(date +%s)
"$fuzzer" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
  -artifact_prefix="$artifacts/" "${extra[@]}" "$corpus" 2>&1 | tee "$root/$target.log" | grep -E '^(#[0-9]+.*(NEW|REDUCE|DONE|pulse)|stat::|==[0-9]+==ERROR|SUMMARY)' | tail -n 40
rc=${PIPESTATUS[0]}
echo "fuzz_$target: $(( $(date +%s) - start )) s, corpus $before -> $(find "$corpus" -type f | wc -l) files, exit $rc (log: $root/$target.log, findings: $artifacts/)"
exit "$rc"
