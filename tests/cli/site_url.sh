# Links that work (issue 20 item 5): `add --site-url` makes the hits' URLs
# absolute (and the index keeps it), a bad one is a usage error before any
# index exists, `newsq --site-url` joins stored site-relative URLs, and
# `newsidx serve` without one answers a hit's URL with the post's preview.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"

C="$SRC/corpus/_posts"
# fetch PATH [ACCEPT]: GET http://127.0.0.1:$PORT/PATH as written (no curl on a
# fresh machine); prints the status, the Content-Type, then the body.
fetch() {
  python3 - "$PORT" "$1" "${2:-}" <<'PY'
import http.client, sys
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=10)
c.request("GET", sys.argv[2], headers={"Accept": sys.argv[3]} if sys.argv[3] else {})
r = c.getresponse()
print(r.status)
print(r.getheader("Content-Type"))
sys.stdout.write(r.read().decode("utf-8", "replace"))
PY
}
urls() { python3 -c 'import json,sys; print("\n".join(h["url"] for h in json.load(sys.stdin)["hits"]))'; }

# A bad site URL: exit 2, the option and the problem named, no index made.
for bad in ftp://blog.example blog.example 'https://blog.example/?x=1' 'https://user@blog.example' 'https://h:0'; do
  run "$NEWSIDX" --db "$T/bad" add --site-url "$bad" "$C"
  expect_rc 2 "add --site-url $bad"
  expect_in "--site-url" "$ERR" "add --site-url $bad"
  [ -e "$T/bad" ] && fail "add --site-url $bad created the index"
done
run "$NEWSIDX" --db "$T/bad" add --site-url ftp://blog.example "$C"
expect_in "'ftp://blog.example' does not start with http:// or https://" "$ERR"
run "$NEWSQ" --db "$T/bad" --site-url blog.example 반도체
expect_rc 2 "newsq --site-url blog.example"
expect_in "--site-url" "$ERR" "newsq --site-url"

# add --site-url: every hit's URL absolute under it; a later add keeps it.
run "$NEWSIDX" --db "$T/abs" add --site-url https://blog.example/base "$C"
expect_rc 0 "add --site-url"
run "$NEWSQ" --db "$T/abs" --format json -n 50 반도체
expect_rc 0 "newsq"
U=$(urls <<<"$OUT")
[ -n "$U" ] || fail "no hits"
while read -r u; do
  case "$u" in https://blog.example/base/*) ;; *) fail "not absolute under the site: $u" ;; esac
done <<<"$U"
expect_in "https://blog.example/base/%EA%B2%BD%EC%A0%9C/2025/01/28/deepseek-shock.html" "$U" "the deepseek post's URL"
run "$NEWSIDX" --db "$T/abs" stats
expect_in "site url:    https://blog.example/base (add --site-url)" "$OUT" "stats"
run "$NEWSIDX" --db "$T/abs" add --force "$C"
expect_rc 0 "add --force without --site-url"
run "$NEWSQ" --db "$T/abs" --format json -n 50 반도체
expect_in "https://blog.example/base/%EA%B2%BD%EC%A0%9C/2025/01/28/deepseek-shock.html" "$(urls <<<"$OUT")" "kept"
run "$NEWSIDX" --db "$T/abs" add --site-url none "$C"
run "$NEWSQ" --db "$T/abs" --format json -n 50 반도체
expect_in "
/%EA%B2%BD%EC%A0%9C/2025/01/28/deepseek-shock.html" "
$(urls <<<"$OUT")" "--site-url none forgets it"

# newsq --site-url over an index of site-relative URLs.
run "$NEWSIDX" add "$C"
expect_rc 0 "add"
run "$NEWSQ" --format json --site-url https://blog.example/ 딥시크
expect_in "https://blog.example/%EA%B2%BD%EC%A0%9C/2025/01/28/deepseek-shock.html" "$(urls <<<"$OUT")" "newsq --site-url"

# serve without a site URL: a hit's URL is the post's preview on this server.
start_server preview -q || { finish; exit 1; }
run fetch "/search?q=%EB%94%A5%EC%8B%9C%ED%81%AC"
U=$(tail -n +3 <<<"$OUT" | urls | sed -n 1p)
expect_eq "$U" "/%EA%B2%BD%EC%A0%9C/2025/01/28/deepseek-shock.html" "the hit's url"
run fetch "$U?q=%EB%94%A5%EC%8B%9C%ED%81%AC"
expect_rc 0 "fetch the post"
expect_eq "$(head -2 <<<"$OUT" | tr '\n' ' ')" "200 text/html; charset=utf-8 " "status and type"
expect_in "<h1 class=\"title\">딥시크 쇼크에 엔비디아 하루 만에 17% 급락… 반도체주 동반 약세</h1>" "$OUT" "preview"
expect_in "<html lang=\"ko\">" "$OUT" "preview"
expect_in "오지훈" "$OUT" "preview's author"
expect_in "href=\"/#q=%EB%94%A5%EC%8B%9C%ED%81%AC\"" "$OUT" "back link"
# Traversal and unknown paths: 404, a page for a browser, JSON for a program.
for t in /../../etc/passwd /%2e%2e/%2e%2e/etc/passwd /..%2f..%2fetc%2fpasswd; do
  run fetch "$t"
  expect_eq "$(head -1 <<<"$OUT")" 404 "$t"
  expect_not_in "root:" "$OUT" "$t"
done
run fetch /no/such/post.html "text/html,application/xhtml+xml"
expect_eq "$(head -2 <<<"$OUT" | tr '\n' ' ')" "404 text/html; charset=utf-8 " "404 page for a browser"
expect_in "<!doctype html>" "$OUT" "404 page"
run fetch /no/such/post.html
expect_in '"status":404' "$OUT" "404 JSON"
stop_server TERM
expect_rc 0 "serve exit"

# serve --site-url: the same hit opens the blog.
start_server site -q --site-url https://blog.example/base || { finish; exit 1; }
run fetch "/search?q=%EB%94%A5%EC%8B%9C%ED%81%AC"
expect_eq "$(tail -n +3 <<<"$OUT" | urls | sed -n 1p)" "https://blog.example/base/%EA%B2%BD%EC%A0%9C/2025/01/28/deepseek-shock.html" \
  "serve --site-url"
stop_server TERM
run "$NEWSIDX" serve --port 0 --site-url 'https://blog.example/#x'
expect_rc 2 "serve --site-url with a fragment"
expect_in "--site-url" "$ERR"
finish
