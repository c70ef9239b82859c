#!/usr/bin/env bash
# The ctest bench.serve_smoke: serve_load against `newsidx serve` on a small
# synthetic index, 1 and 4 clients and the library, a fixed number of
# requests each. Checks the harness only: every request answered 200 with a
# JSON object holding hits, the counts add up, the library row and the
# machine and command lines are printed. No speed is asserted.
#
#   bench/serve_check.sh BUILD_DIR [N]
set -uo pipefail
BUILD=${1:?usage: serve_check.sh BUILD_DIR [N]}
N=${2:-200}
W=$(mktemp -d "${TMPDIR:-/tmp}/newsidx-serve-load-XXXXXX")
trap 'rm -rf "$W"' EXIT
FAILS=0
fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }
R=40

"$BUILD/gen_corpus" --n "$N" --out "$W/corpus" --profile blog --queries "$W/q.tsv" --per-class 5 2>/dev/null ||
    fail "gen_corpus exited $?"
"$BUILD/newsidx" --db "$W/db" -q add "$W/corpus" >/dev/null 2>"$W/add.err" || fail "newsidx add exited $?: $(tail -3 "$W/add.err")"
"$BUILD/serve_load" "$W/db" "$W/q.tsv" --clients "1 4" --requests $R --seconds 60 --tsv >"$W/out" 2>"$W/err"
rc=$?
[ "$rc" = 0 ] || fail "serve_load exited $rc: $(tail -5 "$W/err")"
for level in "library 1" "serve 1" "serve 4"; do
    row=$(awk -F'\t' -v l="${level% *}" -v c="${level#* }" '$1 == l && $2 == c' "$W/out")
    [ -n "$row" ] || { fail "no row for $level"; continue; }
    IFS=$'\t' read -r _ _ requests ok errors wall qps p50 p95 p99 max _ <<<"$row"
    [ "$requests" = $R ] || fail "$level: $requests requests, expected $R (the count bound)"
    [ "$ok" = "$requests" ] && [ "$errors" = 0 ] || fail "$level: $ok ok and $errors errors of $requests"
    awk -v q="$qps" -v a="$p50" -v b="$p95" -v c="$p99" -v m="$max" \
        'BEGIN { exit !(q > 0 && a > 0 && a <= b && b <= c && c <= m) }' || fail "$level: figures out of order: $row"
done
# the mix holds the derived classes: sentences and date filters
grep -q "^# mix: .*date [0-9].*sentence [0-9]" "$W/out" || fail "mix line without date and sentence classes: $(grep mix "$W/out")"
grep -q "^# nproc: [0-9]* *cpu: " "$W/out" || fail "no machine line"
grep -q "^# command: serve_load $W/db" "$W/out" || fail "no command line"
# a server that answers errors is counted, not hidden: a missing index fails to start
"$BUILD/serve_load" "$W/nope" "$W/q.tsv" --clients 1 --requests 2 --no-library >/dev/null 2>&1 && fail "serve_load on a missing index exited 0"
if [ "$FAILS" -gt 0 ]; then echo "$FAILS check(s) failed" >&2; cat "$W/out" >&2; exit 1; fi
echo "ok: serve_load at N=$N"
