#!/usr/bin/env bash
# The ctest bench.scale_smoke: bench/index.sh and bench/query.sh on a few
# hundred synthetic posts, so that gen_corpus, xapian_baseline, sqlite_bench,
# query_bench, query_floor and the two drivers cannot rot. Checks the harness only (every
# system indexed every post, every class measured, ratios printed), never a
# speed: that is what the full runs in bench/RESULTS.md are for.
#
#   bench/scale_check.sh BUILD_DIR [N]
set -uo pipefail
BUILD=${1:?usage: scale_check.sh BUILD_DIR [N]}
N=${2:-300}
HERE=$(cd "$(dirname "$0")" && pwd)
W=$(mktemp -d "${TMPDIR:-/tmp}/newsidx-scale-XXXXXX")
trap 'rm -rf "$W"' EXIT
FAILS=0
fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }

bash "$HERE/index.sh" --n "$N" --work "$W" --build "$BUILD" >"$W/index.out" 2>"$W/index.err" ||
    fail "index.sh exited $?: $(tail -5 "$W/index.err")"
for sys in newsidx newsidx-j1 xapian-default sqlite-fts5; do
    row=$(grep "^| $sys |" "$W/index.out")
    [ -n "$row" ] || { fail "index.sh: no row for $sys"; continue; }
    docs=$(cut -d'|' -f3 <<<"$row" | tr -d ' ,')
    [ "$docs" = "$N" ] || fail "index.sh: $sys indexed $docs posts, expected $N"
    # 14 columns, all but the name numbers (the ratios too)
    fields=$(awk -F'|' '{ n = 0; for (i = 3; i < NF; i++) if ($i ~ /^ *[0-9][0-9,.]* *$/) n++; print n }' <<<"$row")
    [ "$fields" = 13 ] || fail "index.sh: $sys row has $fields numeric fields, expected 13: $row"
done
grep -q "^command: bench/index.sh --n $N" "$W/index.out" || fail "index.sh does not print its command"
grep -q "^date: .* nproc: " "$W/index.out" || fail "index.sh does not describe the machine"
# newsidx with any --jobs builds the same index: the same compacted size
j=$(grep -e "^| newsidx |" -e "^| newsidx-j1 |" "$W/index.out" | cut -d'|' -f4,11 | sort -u | grep -c .)
[ "$j" -ge 1 ] || fail "index.sh: newsidx rows missing"
[ "$(grep -e "^| newsidx |" -e "^| newsidx-j1 |" "$W/index.out" | cut -d'|' -f11 | sort -u | grep -c .)" = 1 ] ||
    fail "newsidx and newsidx-j1 compacted sizes differ"

bash "$HERE/query.sh" --n "$N" --work "$W" --build "$BUILD" --per-class 5 --rounds 1 >"$W/query.out" 2>"$W/query.err" ||
    fail "query.sh exited $?: $(tail -5 "$W/query.err")"
for cls in 1word 2word phrase filtered particle; do
    for t in 1 2; do
        for sys in newsidx newsidx+snippets newsidx-exact xapian-floor xapian-default sqlite-fts5; do
            grep -q "^| $cls | $t | $sys | [0-9]" "$W/query.out" || fail "query.sh: no row for $cls, $t threads, $sys"
        done
    done
done
grep -q "^| 1word | 1 | newsidx | .* | [0-9.]* | [0-9.]* | [0-9.]* |$" "$W/query.out" ||
    fail "query.sh: newsidx 1word row without hits or ratios: $(grep '^| 1word | 1 | newsidx |' "$W/query.out")"
# the floor searches newsidx's own index: a one-word query finds posts there too
hits=$(awk -F'\t' '$1 == "xapian-floor" && $2 == "1word" && $3 == 1 {print $11}' "$W/dbs-$N-s1/query-results.tsv")
awk -v h="${hits:-0}" 'BEGIN { exit !(h > 0) }' || fail "query.sh: xapian-floor 1word found no post (mean hits ${hits:-none})"
grep -q "^command: bench/query.sh --n $N" "$W/query.out" || fail "query.sh does not print its command"

if [ "$FAILS" -gt 0 ]; then echo "$FAILS check(s) failed" >&2; exit 1; fi
echo "ok: index.sh and query.sh at N=$N"
