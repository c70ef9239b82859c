# Issue 20, items 2 and 4, through the real binaries: posts whose front matter
# opts out of search (search: false, exclude_from_search: true) are skipped
# with their reason and never found, also once indexed; a post without front
# matter is titled from its file name, keeps its first heading as a subtitle,
# and is found by a word of its file name only, below a post whose text has it.
source "$(dirname "$0")/lib.sh"
P=$T/blog
ids() { python3 -c 'import json,sys; print(" ".join(h["id"] for h in json.load(sys.stdin)["hits"]))' <<<"$OUT"; }
field() { python3 -c 'import json,sys; j=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1" <<<"$OUT"; }

post "$P/_posts/2025-03-01-visible.md" "클러스터 운영기" "쿠버네티스 클러스터를 직접 운영하며 배운 점을 적었다."
post "$P/_posts/2025-03-02-hidden.md" "숨긴 메모" "쿠버네티스 설정을 적어 둔 개인 메모다. 단어 zorblax 는 이 글에만 있다." "search: false\n"
post "$P/_posts/2025-03-03-lunr.md" "감춘 메모" "또 다른 개인 메모, zorblax 를 한 번 더 쓴다." "exclude_from_search: true\n"
post "$P/_posts/2025-03-04-unsure.md" "애매한 글" "이 글의 단어 quillet 은 찾을 수 있어야 한다." "search: maybe\n"

run "$NEWSIDX" add "$P"
expect_rc 0 "add"
expect_eq "$(summary)" "2 0 0 2 0 0" "the two opted-out posts are skipped"
expect_in "skipped 2 opted out of search (search: false or exclude_from_search: true)" "$OUT" "the summary says why"
expect_not_in "skipped:" "$ERR" "skipped files named only with -v"
run "$NEWSQ" --json zorblax
expect_rc 1 "an opted-out post's word finds nothing"
expect_eq "$(ids)" "" "no opted-out post found"
run "$NEWSQ" --json quillet
expect_eq "$(ids)" "_posts/2025-03-04-unsure" "a bad search: value keeps the post searchable"

# -v names each skipped post and its reason, and the bad value with its file.
run "$NEWSIDX" --db "$T/dbv" add -v "$P"
expect_in "2025-03-02-hidden.md: skipped: opted out of search (search: false)" "$ERR" "-v names search: false"
expect_in "2025-03-03-lunr.md: skipped: opted out of search (exclude_from_search: true)" "$ERR" "-v names exclude_from_search"
expect_in "2025-03-04-unsure.md: search: \"maybe\" is not true or false; the post stays searchable" "$ERR" "a bad value warns"

# --drafts does not override the author's opt-out.
run "$NEWSIDX" add --drafts "$P"
expect_eq "$(summary)" "0 0 2 2 0 0" "--drafts still skips opted-out posts"
run "$NEWSQ" zorblax
expect_rc 1 "still not found with --drafts"

# Opting out later removes the indexed post, as published: false does.
run "$NEWSQ" --json 쿠버네티스
expect_eq "$(ids)" "_posts/2025-03-01-visible" "found before it opts out"
post "$P/_posts/2025-03-01-visible.md" "클러스터 운영기" "쿠버네티스 클러스터를 직접 운영하며 배운 점을 적었다." "search: false\n"
run "$NEWSIDX" add "$P"
expect_eq "$(summary)" "0 0 1 3 1 0" "the post that opted out is skipped and removed"
run "$NEWSQ" 쿠버네티스
expect_rc 1 "not found once it opted out"
# sync does the same for exclude_from_search: true, and opting back in adds it again.
post "$P/_posts/2025-03-04-unsure.md" "애매한 글" "이 글의 단어 quillet 은 찾을 수 있어야 한다." "exclude_from_search: yes\n"
run "$NEWSIDX" sync "$P"
expect_eq "$(summary)" "0 0 0 4 1 0" "sync removes the post that opted out"
run "$NEWSQ" quillet
expect_rc 1 "not found after sync"
post "$P/_posts/2025-03-04-unsure.md" "애매한 글" "이 글의 단어 quillet 은 찾을 수 있어야 한다." "search: true\n"
run "$NEWSIDX" add "$P"
expect_eq "$(summary)" "1 0 0 3 0 0" "opting back in indexes it again"

# watch: a post that opts out while watched goes, as one that opts back in comes.
"$NEWSIDX" watch "$P" >"$T/w.out" 2>"$T/w.err" &
W=$!
for _ in $(seq 300); do grep -q "^added " "$T/w.out" && break; sleep 0.1; done
found() { "$NEWSQ" --json "$1" | python3 -c 'import json,sys; print(" ".join(h["id"] for h in json.load(sys.stdin)["hits"]))'; }
wait_for() {  # wait_for WORD WANT: up to 10 s until WORD finds exactly WANT
  for _ in $(seq 100); do [ "$(found "$1")" = "$2" ] && return 0; sleep 0.1; done
  fail "watch: $1 finds '$(found "$1")', expected '$2' ($(tail -n 2 "$T/w.out" "$T/w.err"))"
}
post "$P/_posts/2025-03-04-unsure.md" "애매한 글" "이 글의 단어 quillet 은 찾을 수 있어야 한다." "search: off\n"
wait_for quillet ""
post "$P/_posts/2025-03-01-visible.md" "클러스터 운영기" "쿠버네티스 클러스터를 직접 운영하며 배운 점을 적었다." "search: yes\n"
wait_for 쿠버네티스 "_posts/2025-03-01-visible"
kill -INT "$W"
wait "$W"
RC=$?
expect_rc 0 "watch stops on SIGINT"
expect_in "opted out of search" "$(cat "$T/w.out")" "watch's pass lines count the opted-out posts"

# No front matter: the title is the file name's, the first heading a subtitle.
Q=$T/queue
mkdir -p "$Q/_posts"
printf '# 개념\n\n생산자와 소비자 사이에 버퍼를 두어 둘을 느슨하게 잇는 구조를 설명한다.\n' >"$Q/_posts/2021-06-28-메시지큐.md"
post "$Q/_posts/2021-07-01-queue-notes.md" "비동기 처리 노트" "메시지큐는 생산자와 소비자 사이에 놓인다. 주문 처리에 메시지큐를 붙인 경험을 정리했다."
post "$Q/_posts/2021-07-02-other.md" "다른 글" "생산자와 소비자 이야기는 여기에도 조금 나온다."
run "$NEWSIDX" --db "$T/dbq" add "$Q"
expect_eq "$(summary)" "3 0 0 0 0 0" "add the queue posts"
run "$NEWSQ" --db "$T/dbq" --json 메시지큐
expect_rc 0 "search a word of a file name"
expect_eq "$(ids)" "_posts/2021-07-01-queue-notes _posts/2021-06-28-메시지큐" "the body match first, the file-name match below"
expect_eq "$(field 'j["hits"][1]["title"]')" "메시지큐" "titled from the file name"
expect_eq "$(field 'j["hits"][1]["subtitle"]')" "개념" "the first heading is the subtitle"
expect_eq "$(field 'j["hits"][0]["subtitle"]')" "" "a post with title: has no subtitle"
expect_eq "$(field 'j["search_instead"] + j["did_you_mean"]')" "" "a file-name word is no typo"
run "$NEWSQ" --db "$T/dbq" 메시지큐
expect_in "2. [[메시지큐]] — 개념" "$OUT" "the text output shows title — subtitle"
run "$NEWSQ" --db "$T/dbq" --json --explain 메시지큐
expect_in '"zone":"file-name"' "$OUT" "--explain names the file-name zone"
# The subtitle is searchable: the heading's word finds the post.
run "$NEWSQ" --db "$T/dbq" --json 개념
expect_eq "$(ids)" "_posts/2021-06-28-메시지큐" "the subtitle's word finds the post"
python3 "$SRC/tests/cli/validate_json.py" "$SRC/tests/data/newsq-json.schema.json" <<<"$OUT" >/dev/null ||
  fail "the JSON with a subtitle validates against the schema"
finish
