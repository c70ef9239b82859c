# newsidx serve: the JSON API against a server started here on a free
# loopback port — statuses, JSON errors, limits, CORS, HTML escaping,
# /suggest, Jekyll URLs, seeing new commits without a restart, access log,
# shutdown. The HTTP checks are in serve_api.py (one process: fast).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"

S="$T/site"
indexed_site "$S"

start_server main || { finish; exit 1; }
python3 "$SRC/tests/cli/serve_api.py" "$PORT" "$S" 2>"$T/api.err"
RC=$?
expect_rc 0 "HTTP checks: $(grep FAIL "$T/api.err")"
stop_server TERM
expect_rc 0 "SIGTERM exit"
expect_in '"GET /health" 200' "$(cat "$T/main.err")" "access log"
expect_in '"POST /search?q=a" 405' "$(cat "$T/main.err")" "access log of errors"
expect_in "server stopped" "$(cat "$T/main.err")"

# CORS for one origin on request.
start_server cors --cors-origin https://blog.example -q || { finish; exit 1; }
python3 "$SRC/tests/cli/serve_api.py" --cors "$PORT" 2>"$T/cors-checks.err"
RC=$?
expect_rc 0 "CORS checks: $(grep FAIL "$T/cors-checks.err")"
stop_server INT
expect_rc 0 "SIGINT exit"
[ -s "$T/cors.err" ] && fail "-q still logged: $(head -c 300 "$T/cors.err")"

# A warning when reachable from other machines.
start_server open --host 0.0.0.0 && stop_server
expect_in "reachable from other machines" "$(cat "$T/open.err")" "non-loopback warning"

# A missing index fails before listening (exit 3); a bad port is a usage error.
run "$NEWSIDX" --db "$T/none" serve --port 0
expect_rc 3 "missing index"
expect_in "no index" "$ERR"
run "$NEWSIDX" serve --port 70000
expect_rc 2 "bad port"
finish
