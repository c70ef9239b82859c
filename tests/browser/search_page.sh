# The search page in headless chromium (Debian's package, driven over the
# DevTools protocol by search_page.py): a Korean query typed through IME
# composition, results with highlights and Jekyll links, escaped hostile
# titles, facets, keyboard-picked suggestions.
# SCREENSHOT=docs/search-page.png also saves a screenshot for the docs.
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/../cli/serve_lib.sh"

make_site "$T/site"
run "$NEWSIDX" add "$T/site/_posts"
expect_rc 0 "add"
start_server page -q || { finish; exit 1; }
python3 "$SRC/tests/browser/search_page.py" "http://127.0.0.1:$PORT/" ${SCREENSHOT:+--screenshot "$SCREENSHOT"} \
  2>"$T/browser.err"
RC=$?
expect_rc 0 "browser checks"
[ "$RC" -eq 0 ] || cat "$T/browser.err" >&2
stop_server
expect_rc 0 "server exit (sanitizer reports fail it)"
finish
