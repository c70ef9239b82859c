# newsidx serve's HTTP details (issue 15 D12): the Host check against DNS
# rebinding (421; --allow-host), no server paths in answers (--expose-paths
# puts `path` back), /similar?id= empty, NUL bytes in error messages,
# repeated parameters, the 4,096-byte Korean query and the URI and header
# limits. The HTTP checks are in serve_http.py.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"

S="$T/site"
indexed_site "$S"

start_server http || { finish; exit 1; }
python3 "$SRC/tests/cli/serve_http.py" "$PORT" "$S" "$NEWSIDX_DB" 2>"$T/http-checks.err"
RC=$?
cat "$T/http-checks.err" >&2
expect_rc 0 "HTTP checks: $(grep FAIL "$T/http-checks.err")"
stop_server TERM
expect_rc 0 "SIGTERM exit"

# --allow-host and --expose-paths.
start_server opts --allow-host blog.local --allow-host Search.Example -q --expose-paths || { finish; exit 1; }
python3 "$SRC/tests/cli/serve_http.py" --options "$PORT" "$S" "$NEWSIDX_DB" 2>"$T/opts-checks.err"
RC=$?
cat "$T/opts-checks.err" >&2
expect_rc 0 "option checks: $(grep FAIL "$T/opts-checks.err")"
stop_server TERM

run "$NEWSIDX" serve --help
expect_in "--allow-host" "$OUT" "help names --allow-host"
expect_in "--expose-paths" "$OUT" "help names --expose-paths"
finish
