#!/usr/bin/env bash
# The ctest bench.snippet_smoke: snippet_bench works and the snippet from a
# hit's best passages keeps what the whole-text snippet showed, reading less.
# Over corpus/ plus one long post (the query's words far into it), with
# corpus/queries.tsv and a query for the long post: at least 70 % of the
# snippets are identical to the whole-text ones, the IDF-weighted share of
# query words shown marked is no more than 0.05 below, and fewer stored-text
# bytes are inflated per hit. No time is asserted (bench/RESULTS.md has them).
#   bench/snippet_check.sh BUILD_DIR
set -euo pipefail
BUILD=${1:?usage: snippet_check.sh BUILD_DIR}
HERE=$(cd "$(dirname "$0")" && pwd)
W=$(mktemp -d "${TMPDIR:-/tmp}/newsidx-snippet-XXXXXX")
trap 'rm -rf "$W"' EXIT
mkdir -p "$W/long/_posts"
{
  printf -- '---\ntitle: 긴 기록\n---\n\n'
  for i in $(seq 1 1500); do printf '평범한 기록이 %d번째로 이어진다. 날씨와 산책 이야기가 계속된다.\n\n' "$i"; done
  printf '마침내 쿼카 연구소가 스타게이트 데이터센터 계획을 발표했다.\n\n'
  for i in $(seq 1 200); do printf '뒷이야기 %d번째 문단이다.\n\n' "$i"; done
} >"$W/long/_posts/2025-06-01-long.md"
"$BUILD/newsidx" add --db "$W/db" "$HERE/../corpus" "$W/long" >/dev/null
{ cat "$HERE/../corpus/queries.tsv"; printf 'long\t쿼카 연구소 데이터센터\n'; } >"$W/queries.tsv"
"$BUILD/snippet_bench" "$W/db" "$W/queries.tsv" --rounds 1 | tee "$W/out"
python3 - "$W/out" <<'PY'
import sys
lines = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
table = {l[0]: l[1:] for l in lines}
bytes_whole, bytes_best = float(table["whole text"][1]), float(table["best passage"][1])
same = float(table["identical snippets"][0].split()[0])
shown_whole = float(table["query words shown marked (IDF-weighted share): whole text"][0])
shown_best = float(table["query words shown marked (IDF-weighted share): best passage"][0])
problems = []
if int(table["queries with hits"][0]) < 30: problems.append("fewer than 30 queries had hits")
if same < 70: problems.append(f"only {same} % of the snippets are the whole text's")
if shown_best < shown_whole - 0.05: problems.append(f"query words shown {shown_best} < {shown_whole} - 0.05")
if not bytes_best < bytes_whole: problems.append(f"inflated {bytes_best} bytes a hit, not fewer than {bytes_whole}")
for p in problems: print("FAIL:", p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
# The long post's snippet shows its passage, found far into it.
out=$("$BUILD/newsq" --db "$W/db" --format json 쿼카 연구소 데이터센터)
grep -q '마침내' <<<"$out" || { echo "FAIL: the long post's snippet is not its passage" >&2; exit 1; }
echo ok
