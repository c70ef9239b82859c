#!/usr/bin/env bash
# What a batch of queries costs newsq next to Xapian's whole-word BM25 peer
# (`xapian_baseline search --mode default -n 10`) on the same documents: an
# index of ../shared/corpora plus the KorQuAD docs (2,141 posts), built by
# `newsidx add` and by `xapian_baseline index --mode default`. Two batches:
#   questions  the 1,737 KorQuAD dev questions (re-ranked by passages);
#   keywords   the plain keyword queries of tests/data/query_shapes.tsv
#              (no operator, field, phrase or wildcard; not a sentence), x30.
# Each batch runs `newsq --batch Q --format trec -n 10` (as typed, the
# default), the same with `--cache-mb 0` (no sketches kept between queries)
# and Xapian's peer, alternating, ROUNDS times (default 5). Prints the best
# and the median CPU seconds (user + sys) of each, and their ratios to
# Xapian's in the same run. Fails if newsq's hits differ with and without
# kept sketches.
#
#   bench/batch.sh [BUILD_DIR] [--rounds R] [--keep]
#
# BUILD_DIR (default build/) must hold newsidx, newsq and xapian_baseline.
# Nothing outside a temporary folder is written (--keep leaves it).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${NEWSIDX_SHARED_DIR:-$ROOT/../shared}
BUILD=""
ROUNDS=5
KEEP=0
while (($#)); do
  case $1 in
    --rounds) ROUNDS=${2:?--rounds needs a number}; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,20s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    -*) echo "bench/batch.sh: unknown option $1" >&2; exit 2 ;;
    *) [ -z "$BUILD" ] || { echo "bench/batch.sh: one BUILD_DIR only" >&2; exit 2; }; BUILD=$1; shift ;;
  esac
done
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || { echo "bench/batch.sh: --rounds needs a positive number" >&2; exit 2; }
BUILD=${BUILD:-$ROOT/build}
for b in newsidx newsq xapian_baseline; do
  [ -x "$BUILD/$b" ] || { echo "bench/batch.sh: $BUILD/$b is missing: build it first" >&2; exit 2; }
done
QUESTIONS=$SHARED/eval/korquad/queries-dev.tsv
for p in "$SHARED/corpora" "$SHARED/eval/korquad/docs" "$QUESTIONS" "$ROOT/tests/data/query_shapes.tsv"; do
  [ -e "$p" ] || { echo "bench/batch.sh: $p: missing" >&2; exit 2; }
done
command -v python3 >/dev/null || { echo "bench/batch.sh: python3 is missing (scripts/setup.sh installs it)" >&2; exit 2; }

T=$(mktemp -d "${TMPDIR:-/tmp}/newsidx-batch-XXXXXX")
if ((KEEP)); then trap 'echo "bench/batch.sh: kept $T" >&2' EXIT; else trap 'rm -rf "$T"' EXIT; fi
say() { echo "bench/batch.sh: $*" >&2; }

say "indexing (newsidx add) ..."
"$BUILD/newsidx" --db "$T/db" add "$SHARED/corpora" "$SHARED/eval/korquad/docs" >/dev/null
say "indexing (xapian_baseline) ..."
mkdir -p "$T/docs"
cp -r "$SHARED/corpora" "$T/docs/corpora"
cp -r "$SHARED/eval/korquad/docs" "$T/docs/korquad"
"$BUILD/xapian_baseline" index --mode default "$T/xdb" "$T/docs" >/dev/null

# The keyword batch: plain keyword queries of the golden shapes, 30 times over.
awk -F'\t' '!/^#/ && NF >= 2 && $0 !~ /\[sentence\]/ && $1 !~ /["():*]|(^| )-| OR / { print $1 }' \
  "$ROOT/tests/data/query_shapes.tsv" | sort -u >"$T/kw1"
for ((i = 0; i < 30; ++i)); do awk -v r="$i" '{ printf "k%d-%d\t%s\n", r, NR, $0 }' "$T/kw1"; done >"$T/keywords.tsv"

say "searching, $ROUNDS alternating rounds ..."
python3 - "$BUILD" "$T" "$ROUNDS" "$QUESTIONS" "$T/keywords.tsv" <<'PY'
import os, statistics, subprocess, sys
build, t, rounds, questions, keywords = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]

def cpu(cmd):
    """CPU seconds (user + sys) of one run, its output thrown away."""
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench/batch.sh: failed: {' '.join(cmd)}")
    return ru.ru_utime + ru.ru_stime

def runs(q):
    newsq = [f"{build}/newsq", "--db", f"{t}/db", "--batch", q, "--format", "trec", "-n", "10"]
    return {
        "xapian": [f"{build}/xapian_baseline", "search", "--mode", "default", f"{t}/xdb", q, "-n", "10"],
        "newsq": newsq,
        "newsq --cache-mb 0": newsq + ["--cache-mb", "0"],
    }

# Kept sketches must change no result: both newsq runs print the same hits and scores.
for q in (questions, keywords):
    out = [subprocess.run(c, capture_output=True, check=True).stdout for c in list(runs(q).values())[1:]]
    if out[0] != out[1] or not out[0]:
        sys.exit(f"bench/batch.sh: newsq gives other results with --cache-mb 0 on {q}")

print(f"| batch | queries | run | best s | median s | best ÷ xapian | median ÷ xapian |")
print("|---|--:|---|--:|--:|--:|--:|")
for name, q in (("questions", questions), ("keywords", keywords)):
    n = sum(1 for line in open(q, encoding="utf-8") if line.strip())
    cmds = runs(q)
    times = {k: [] for k in cmds}
    for _ in range(rounds):
        for k, c in cmds.items():
            times[k].append(cpu(c))
    xb, xm = min(times["xapian"]), statistics.median(times["xapian"])
    for k, ts in times.items():
        b, m = min(ts), statistics.median(ts)
        print(f"| {name} | {n} | {k} | {b:.2f} | {m:.2f} | {b / xb:.2f} | {m / xm:.2f} |")
PY
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), load at end $(cut -d' ' -f1-3 /proc/loadavg); command: bench/batch.sh --rounds $ROUNDS"
