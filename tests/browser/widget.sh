# The blog widget (/widget.js, issue 20) in headless chromium, on blog pages
# served from other origins than the newsidx server: a page of an origin
# given to --cors-origin (the docs/jekyll include, rendered) searches,
# suggests (초성), filters by facet and pages; a page of another origin shows
# the CORS error and no results; a page pointed at a server that is down says
# so. The page's own CSS does not reach the widget.
# SCREENSHOT=docs/widget.png also saves docs/widget-desktop.png (1280x900)
# and docs/widget-phone.png (390x844).
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/../cli/serve_lib.sh"

make_site "$T/site"
# No url in _config.yml: hits carry site-relative URLs (/blog/...), which the
# widget resolves on the blog's own origin.
sed -i '/^url:/d' "$T/site/_config.yml"
# A fourth post with 스타게이트 (the widget shows three, then "더 보기").
post "$T/site/_posts/2025-04-05-stargate-power.md" "스타게이트 전력 확보 경쟁" \
  "스타게이트 데이터센터 하나가 쓰는 전력은 원전 한 기에 맞먹는다. 전력 확보가 다음 과제다." \
  'date: 2025-04-05\ntags: [스타게이트, 전력]\ncategories: [에너지]\n'
# A digest post: its item about 개인정보 유출 is listed under the hit.
post "$T/site/_posts/2025-04-06-digest.md" "[2025-04-06] IT 뉴스 Top 2" \
  $'## 1. 회원 개인정보 유출\n\n쇼핑몰 회원의 개인정보가 해킹으로 유출됐다.\n\n## 2. 클라우드\n\n클라우드 점유율이 올랐다.'
run "$NEWSIDX" add "$T/site/_posts"
expect_rc 0 "add"

# Two static "blogs" on free ports (python's http.server prints its port).
static_server() {  # static_server DIR: sets SPORT, leaves the pid in STATIC_PIDS
  mkdir -p "$1"
  python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$1" >"$1.log" 2>&1 &
  STATIC_PIDS+=" $!"
  SPORT=""
  for _ in $(seq 200); do
    SPORT=$(sed -n 's/^Serving HTTP on .* port \([0-9]*\) .*/\1/p' "$1.log")
    [ -n "$SPORT" ] && break
    sleep 0.05
  done
  [ -n "$SPORT" ] || fail "static server for $1 did not start: $(cat "$1.log")"
}
STATIC_PIDS=""
trap 'kill $STATIC_PIDS 2>/dev/null; rm -rf "$T"' EXIT
static_server "$T/blog"; BLOG="http://127.0.0.1:$SPORT"
static_server "$T/other"; OTHER="http://127.0.0.1:$SPORT"
[ -n "$SPORT" ] || { finish; exit 1; }

start_server widget -q --cors-origin "$BLOG" || { finish; exit 1; }
python3 "$SRC/tests/browser/widget.py" --api "http://127.0.0.1:$PORT" --blog "$BLOG" --other "$OTHER" \
  --include "$SRC/docs/jekyll/_includes/search.html" --pages "$T/blog" "$T/other" \
  ${SCREENSHOT:+--screenshot "$SCREENSHOT"} 2>"$T/browser.err"
RC=$?
expect_rc 0 "browser checks"
[ "$RC" -eq 0 ] || cat "$T/browser.err" >&2
stop_server
expect_rc 0 "server exit (sanitizer reports fail it)"
finish
