# newsidx serve across layout changes (issue 15 D5): `rebalance` swaps in a
# sharded folder (1 -> 2 shards) and back (2 -> 1) while the server runs;
# searches, /similar, /suggest and /health must follow without a restart
# (same hits, 200 within a few tries), and /health must never say ok while
# searches fail. The HTTP checks are in serve_rebalance.py.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"

S="$T/site"
indexed_site "$S"

start_server rb --threads 2 || { finish; exit 1; }
python3 "$SRC/tests/cli/serve_rebalance.py" "$PORT" "$NEWSIDX_DB" 2>"$T/rb-checks.err"
RC=$?
cat "$T/rb-checks.err" >&2
expect_rc 0 "layout checks: $(grep FAIL "$T/rb-checks.err")"
stop_server TERM
expect_rc 0 "SIGTERM exit"
grep -E "\" 5[0-9][0-9] |^newsidx: 5" "$T/rb.err" >&2   # failures, for the log
finish
