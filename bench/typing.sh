#!/usr/bin/env bash
# What newsq's typing help costs a batch: `newsq --batch` over the KorQuAD
# dev questions as typed (the default for a batch) and with --autocorrect
# (layout reading, 초성, did-you-mean from the typo table), next to
# `xapian_baseline search --mode default -n 10` on the same documents: an
# index of ../shared/corpora plus the KorQuAD docs. Each is run ROUNDS times
# (default 3); the best time counts. Prints seconds and the ratio of each
# newsq run to Xapian's, the index sizes (MB = 10^6 bytes, du -sb) and the
# time `newsidx add` took.
#
#   bench/typing.sh [BUILD_DIR] [--rounds R] [--keep]
#
# BUILD_DIR (default build/) must hold newsidx, newsq and xapian_baseline.
# Nothing outside a temporary folder is written (--keep leaves it).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${NEWSIDX_SHARED_DIR:-$ROOT/../shared}
BUILD=""
ROUNDS=3
KEEP=0
while (($#)); do
  case $1 in
    --rounds) ROUNDS=${2:?--rounds needs a number}; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,14s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    -*) echo "bench/typing.sh: unknown option $1" >&2; exit 2 ;;
    *) BUILD=$1; shift ;;
  esac
done
BUILD=${BUILD:-$ROOT/build}
for b in newsidx newsq xapian_baseline; do
  [ -x "$BUILD/$b" ] || { echo "bench/typing.sh: $BUILD/$b is missing: build it first" >&2; exit 2; }
done
QUERIES=$SHARED/eval/korquad/queries-dev.tsv
for p in "$SHARED/corpora" "$SHARED/eval/korquad/docs" "$QUERIES"; do
  [ -e "$p" ] || { echo "bench/typing.sh: $p: missing" >&2; exit 2; }
done

T=$(mktemp -d "${TMPDIR:-/tmp}/newsidx-typing-XXXXXX")
if ((KEEP)); then trap 'echo "bench/typing.sh: kept $T" >&2' EXIT; else trap 'rm -rf "$T"' EXIT; fi
say() { echo "bench/typing.sh: $*" >&2; }

# Seconds (wall) of one command, its output thrown away.
secs() {
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >/dev/null
  t1=$(date +%s.%N)
  python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$t0" "$t1"
}
best() {  # best of ROUNDS
  local b="" s
  for ((r = 0; r < ROUNDS; ++r)); do
    s=$(secs "$@")
    b=$(python3 -c "import sys; a=[float(x) for x in sys.argv[1:] if x]; print(f'{min(a):.3f}')" "$b" "$s")
  done
  echo "$b"
}
mb() { du -sb "$1" | awk '{printf "%.2f", $1 / 1e6}'; }

say "indexing (newsidx add) ..."
ADD_S=$(secs "$BUILD/newsidx" --db "$T/db" add "$SHARED/corpora" "$SHARED/eval/korquad/docs")
say "indexing (xapian_baseline) ..."
mkdir -p "$T/docs"
cp -r "$SHARED/corpora" "$T/docs/corpora"
cp -r "$SHARED/eval/korquad/docs" "$T/docs/korquad"
"$BUILD/xapian_baseline" index --mode default "$T/xdb" "$T/docs" >/dev/null
NQ=$(grep -c . "$QUERIES")
say "searching $NQ queries, best of $ROUNDS ..."
X=$(best "$BUILD/xapian_baseline" search --mode default "$T/xdb" "$QUERIES" -n 10)
AS_TYPED=$(best "$BUILD/newsq" --db "$T/db" --batch "$QUERIES" --format trec -n 10)
AUTO=$(best "$BUILD/newsq" --db "$T/db" --batch "$QUERIES" --format trec -n 10 --autocorrect)
# How often the typing help changed something with --autocorrect.
"$BUILD/newsq" --db "$T/db" --batch "$QUERIES" --json -n 1 --fields id --autocorrect >"$T/auto.json"
python3 - "$T/auto.json" "$X" "$AS_TYPED" "$AUTO" "$ADD_S" "$(mb "$T/db")" "$(mb "$T/xdb")" "$NQ" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
x, typed, auto, add = (float(v) for v in sys.argv[2:6])
db_mb, x_mb, nq = sys.argv[6], sys.argv[7], sys.argv[8]
conv = sum(1 for r in rows if r["search_instead"])
dym = sum(1 for r in rows if r["did_you_mean"])
ini = sum(1 for r in rows if r["mode"] == "initials")
print(f"| run | seconds ({nq} queries) | ratio to Xapian |")
print("|---|---|---|")
print(f"| xapian_baseline search --mode default -n 10 | {x:.2f} | 1.00 |")
print(f"| newsq --batch (as typed) --format trec -n 10 | {typed:.2f} | {typed / x:.1f} |")
print(f"| newsq --batch --autocorrect --format trec -n 10 | {auto:.2f} | {auto / x:.1f} |")
print(f"\ntyping help with --autocorrect: {conv} layout conversions, {dym} did-you-mean, {ini} 초성 readings; "
      f"--autocorrect costs {auto - typed:+.2f} s ({(auto - typed) / typed * 100:+.1f} %)")
print(f"newsidx add: {add:.1f} s; index {db_mb} MB (uncompacted); xapian_baseline index {x_mb} MB")
PY
