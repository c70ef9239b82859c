# Helpers for the `newsidx serve` / `watch` tests (sourced after lib.sh).

# start_server NAME [serve options...]: starts a server on a free loopback
# port; sets PORT and SPID. Output in $T/NAME.out, $T/NAME.err.
start_server() {
  local name=$1; shift
  : >"$T/$name.out"
  "$NEWSIDX" serve --port 0 "$@" >"$T/$name.out" 2>"$T/$name.err" &
  SPID=$!
  PORT=""
  local deadline=$((SECONDS + 15))
  while [ -z "$PORT" ] && [ $SECONDS -lt $deadline ]; do
    PORT=$(sed -n 's|^listening on http://.*:\([0-9]*\)/$|\1|p' "$T/$name.out")
    kill -0 "$SPID" 2>/dev/null || break
    [ -n "$PORT" ] || sleep 0.05
  done
  [ -n "$PORT" ] || { fail "server $name did not start: $(cat "$T/$name.err")"; return 1; }
}

# stop_server [SIGNAL]: stops $SPID; sets RC to its exit status.
stop_server() {
  kill "-${1:-TERM}" "$SPID" 2>/dev/null
  wait "$SPID"
  RC=$?
}

# make_site DIR: a small Jekyll site (own text) with a _config.yml (url,
# baseurl, pretty permalinks, Seoul time) and four posts, one of them with a
# hostile title and tag. Used by the serve and browser tests.
make_site() {
  mkdir -p "$1/_posts"
  printf 'url: https://blog.example/\nbaseurl: /blog\npermalink: pretty\ntimezone: Asia/Seoul\n' >"$1/_config.yml"
  post "$1/_posts/2025-01-22-stargate.md" "스타게이트 프로젝트 발표" \
    "오픈AI와 소프트뱅크가 스타게이트에 5000억 달러를 투자한다고 밝혔다. 데이터센터가 텍사스에 먼저 지어진다." \
    'date: 2025-01-22 10:00:00 +0900\ntags: [스타게이트, AI]\ncategories: [AI]\n'
  post "$1/_posts/2025-02-04-openai-korea.md" "OpenAI, 한국 지사 설립" \
    "오픈AI가 서울에 지사를 열고 국내 기업과 협력한다. 스타게이트 참여도 논의했다." \
    'tags: [OpenAI]\ncategories: [AI]\n'
  # A hostile title and tag: must reach the page only as escaped text.
  printf '%s\n' '---' "title: '<img src=x onerror=alert(1)> 스타게이트 & \"경고\"'" "tags: ['<b>태그</b>']" '---' \
    '본문에 <script>alert("x")</script> 스타게이트 이야기가 있다.' >"$1/_posts/2024-11-20-hostile.md"
  # Shares words with the Stargate post but not the word 스타게이트 (for /similar).
  post "$1/_posts/2025-03-10-softbank-texas.md" "소프트뱅크, 텍사스 데이터센터 착공" \
    "소프트뱅크가 텍사스에 데이터센터를 짓기 시작했다. 5000억 달러 투자 계획의 첫 단계다." \
    'tags: [소프트뱅크]\ncategories: [AI]\n'
}
# indexed_site DIR: make_site DIR and index its posts (the default database).
indexed_site() {
  make_site "$1"
  run "$NEWSIDX" add "$1/_posts"
  expect_rc 0 "add"
}
