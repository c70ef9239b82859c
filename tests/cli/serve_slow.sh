# newsidx serve under slow and many clients (issue 15 D4): clients that
# trickle a request a byte a second are cut off by the per-request deadline
# (408) while a normal search is answered; 50 simultaneous connects are all
# established and answered (listen backlog); pipelined requests are answered
# in order. The checks are in serve_slow.py.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"

S="$T/site"
indexed_site "$S"

start_server slow --threads 2 || { finish; exit 1; }
start=$SECONDS
python3 "$SRC/tests/cli/serve_slow.py" "$PORT" "$SPID" 2>"$T/slow-checks.err"
RC=$?
cat "$T/slow-checks.err" >&2
expect_rc 0 "slow-client checks: $(grep FAIL "$T/slow-checks.err")"
echo "serve_slow: checks took $((SECONDS - start)) s"
stop_server TERM
expect_rc 0 "SIGTERM exit"
expect_in '" 408 ' "$(cat "$T/slow.err")" "408 in the access log"
finish
