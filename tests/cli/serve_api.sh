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

# CORS for the origins given (repeated and as a comma list), on request.
start_server cors --cors-origin https://blog.example --cors-origin 'HTTP://127.0.0.1:4000/,https://b.example:8443' -q ||
  { finish; exit 1; }
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
# A malformed origin: a usage error naming it, before any index is opened.
for bad in blog.example https://blog.example/path 'https://a.example,ftp:/x' 'http://a.example:99999'; do
  run "$NEWSIDX" --db "$T/none" serve --port 0 --cors-origin "$bad"
  expect_rc 2 "--cors-origin $bad"
  expect_in "is not an origin" "$ERR" "--cors-origin $bad"
done
run "$NEWSIDX" --db "$T/none" serve --port 0 --cors-origin blog.example
expect_in "--cors-origin: 'blog.example' is not an origin: no scheme" "$ERR"
finish
