# The search page in headless chromium (Debian's package, driven over the
# DevTools protocol by search_page.py): a Korean query typed through IME
# composition, results with highlights and Jekyll links, escaped hostile
# titles, facets, keyboard-picked suggestions; every state restored from the
# URL (load, reload, Back, Forward, #similar= named by the post's title); a
# 390x844 phone (three tag chips a hit, facets behind a 필터 button); zero
# results (correction, tips, the blog's frequent tags); the placeholder from
# the index; each hit's lang, and a post's translations as one hit; a digest
# post's section under its hit; on a blog whose address newsidx does not
# know, a section's site-relative link opens serve's preview scrolled to the
# heading's kramdown id.
# SCREENSHOT=docs/search-page.png also saves screenshots for the docs (the
# desktop at 1280x900 there, the phone and zero results beside it).
source "$(dirname "$0")/../cli/lib.sh"
source "$(dirname "$0")/../cli/serve_lib.sh"

make_site "$T/site"
# A post with eight tags (a phone shows three and "+5").
post "$T/site/_posts/2025-04-01-chips.md" "반도체 수출 동향" "반도체 수출이 메모리 덕분에 늘었다." \
  'tags: [반도체, 수출, 삼성전자, 하이닉스, 메모리, HBM, 엔비디아, 무역]\ncategories: [경제]\n'
# One post in two languages (one ref): one hit, in the query's script.
post "$T/site/_posts/2025-04-02-webpack-en.md" "Webpack basics" "Webpack bundles JavaScript modules into one file." \
  'lang: en\nref: webpack-basics\n'
post "$T/site/_posts/2025-04-02-webpack-ko.md" "웹팩 기초" "웹팩(webpack)은 자바스크립트 모듈을 하나로 묶는다." \
  'lang: ko\nref: webpack-basics\n'
# A digest post: one item holds both words of 개인정보 유출 (listed under the hit, linked to its anchor).
post "$T/site/_posts/2025-04-03-digest.md" "[2025-04-03] IT 뉴스 Top 2" \
  $'## 1. 회원 개인정보 유출\n\n쇼핑몰 회원의 개인정보가 해킹으로 유출됐다.\n\n## 2. 클라우드\n\n클라우드 점유율이 올랐다.'
post "$T/site/_posts/2025-04-04-law.md" "개인정보보호법" "개인정보보호법이 바뀌었다. 자료 유출 처벌도 무거워졌다."
run "$NEWSIDX" add "$T/site/_posts"
expect_rc 0 "add"
start_server page -q || { finish; exit 1; }
MAIN_PID=$SPID MAIN_PORT=$PORT
# A blog whose address newsidx does not know (no _config.yml url): hit links
# are site-relative and the server answers them with a preview of the post
# (a long first item: the second one's heading is below the fold).
post "$T/plain/_posts/2025-05-01-digest.md" "[2025-05-01] 경제 뉴스 Top 2" \
  "$(printf '오늘의 소식.\n\n## 1. 반도체 수출 최대\n\n'; for i in $(seq 120); do printf '반도체 수출이 %d개월째 늘었다.\n\n' "$i"; done
     printf '## 2. 금리 동결 {#rates}\n\n기준금리가 동결됐다.\n')"
run "$NEWSIDX" add --db "$T/db-plain" "$T/plain/_posts"
expect_rc 0 "add (plain site)"
start_server plain --db "$T/db-plain" -q || { finish; exit 1; }
PLAIN_PID=$SPID
python3 "$SRC/tests/browser/search_page.py" "http://127.0.0.1:$MAIN_PORT/" ${SCREENSHOT:+--screenshot "$SCREENSHOT"} \
  --preview-base "http://127.0.0.1:$PORT/" 2>"$T/browser.err"
RC=$?
expect_rc 0 "browser checks"
[ "$RC" -eq 0 ] || cat "$T/browser.err" >&2
stop_server
expect_rc 0 "plain server exit (sanitizer reports fail it)"
SPID=$MAIN_PID
stop_server
expect_rc 0 "server exit (sanitizer reports fail it)"
finish
