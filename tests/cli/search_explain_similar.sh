# --explain (matched terms with zone and weight per hit; the parsed and the
# expanded query, synonyms included) and --similar ID (related posts by
# relevance feedback, never the post itself).
source "$(dirname "$0")/lib.sh"
P="$T/posts"
post "$P/_posts/sg1.md" "스타게이트 데이터센터" "스타게이트 데이터센터 부지가 텍사스로 정해졌다. 전력과 냉각 설비가 관건이다." "date: 2025-01-22\n"
post "$P/_posts/sg2.md" "텍사스 데이터센터 착공" "스타게이트의 텍사스 데이터센터가 착공했다. 냉각 설비와 전력망을 새로 깐다." "date: 2025-03-01\n"
post "$P/_posts/sg3.md" "데이터센터 전력 수요" "데이터센터 전력 수요가 늘자 냉각 기술 투자도 늘었다. 스타게이트도 예외가 아니다." "date: 2025-05-01\n"
post "$P/_posts/food1.md" "김치찌개 끓이는 법" "묵은지와 돼지고기로 김치찌개를 끓인다. 두부는 마지막에 넣는다." "date: 2024-01-01\n"
post "$P/_posts/food2.md" "된장찌개 레시피" "된장찌개에 두부와 애호박을 넣고 끓인다. 돼지고기를 넣어도 좋다." "date: 2024-02-01\n"
post "$P/_posts/oa.md" "OpenAI news" "OpenAI opened an office in Seoul." "date: 2025-05-26\n"
run "$NEWSIDX" add "$P"
expect_rc 0 "add"

run "$NEWSQ" --explain 스타게이트
expect_rc 0 "--explain"
expect_in "parsed: 스타게이트" "$OUT" "parsed tree"
expect_in "expanded: Query(" "$OUT" "expanded tree"
expect_not_in "(스타 PHRASE 2 게이트)" "$OUT" "a known word: no spaced splits (analyzer v4)"
expect_not_in "XB" "$OUT" "a known word: no bigram branch"
expect_in "expanded: Query(XN스타게이트)" "$OUT" "a known name: its concept term alone, one posting list"
expect_in "matched XN스타게이트 [title+concept]" "$OUT" "concept zone, the title names it"
expect_in "matched XN스타게이트 [concept]" "$OUT" "concept zone (스타게이트의, 스타게이트도: in the text only)"
# A word the index lacks gets the last resort: its spaced splits and its
# bigrams, which meet the bigrams of an unknown word in a post (스타게이트).
run "$NEWSQ" --explain 타게이트
expect_rc 0 "--explain, an unknown word"
expect_in "(타게 PHRASE 2 이트)" "$OUT" "an unknown word: spaced splits"
expect_in "matched XB게이 [bigram]" "$OUT" "an unknown word: found by its bigrams"
run "$NEWSQ" --explain '스타게*'
expect_in "parsed: 스타게*" "$OUT" "prefix parsed"
expect_in "matched 스타게이트의 [text]" "$OUT" "prefix completions explained"
run "$NEWSQ" --explain 오픈AI
expect_in "openai" "$OUT" "synonym in the expanded tree"
run "$NEWSQ" --json --explain 스타게이트
python3 - "$OUT" <<'PY' || fail "explain JSON"
import json, sys
j = json.loads(sys.argv[1])
assert j["explain"]["parsed"] == "스타게이트" and j["explain"]["expanded"] == "Query(XN스타게이트)", j["explain"]
first = j["hits"][0]
assert first["id"] == "_posts/sg1", first["id"]
zones = {m["term"]: m["zone"] for m in first["explain"]}
assert zones.get("XN스타게이트") == "title+concept", zones
assert not any(z == "bigram" for z in zones.values()), zones
ws = [m["weight"] for m in first["explain"]]
assert all(w > 0 for w in ws) and ws == sorted(ws, reverse=True), ws
PY
run "$NEWSQ" --json 스타게이트
python3 -c 'import json,sys; j=json.load(sys.stdin); assert j["explain"]=={"parsed":"","expanded":"","run":""} and all(h["explain"]==[] for h in j["hits"])' <<<"$OUT" \
  || fail "no explanation unless asked"

# Related posts: the other data-centre posts first, never the post itself, never the food posts first.
run "$NEWSQ" --format trec --similar _posts/sg1
expect_rc 0 "--similar"
got=$(awk '{print $3}' <<<"$OUT" | head -2 | sort | tr '\n' ' ')
expect_eq "$got" "_posts/sg2 _posts/sg3 " "related to sg1"
expect_not_in "_posts/sg1 " "$OUT" "the post itself"
run "$NEWSQ" --format trec --similar _posts/food1
expect_eq "$(awk 'NR==1{print $3}' <<<"$OUT")" "_posts/food2" "related to food1"
run "$NEWSQ" --format trec --similar _posts/sg1 --since 2025-04
expect_eq "$(awk '{print $3}' <<<"$OUT" | tr '\n' ' ')" "_posts/sg3 " "--similar with a filter"
# The list names the post it is about: a note in text, similar_to in JSON (named by its file: the id).
run "$NEWSQ" --similar sg1.md
expect_in "similar to: 스타게이트 데이터센터 (_posts/sg1)" "$OUT" "--similar text"
run "$NEWSQ" --json --similar sg1
python3 -c 'import json,sys; j=json.load(sys.stdin); assert j["similar_to"]=={"id":"_posts/sg1","title":"스타게이트 데이터센터"}, j.get("similar_to")' <<<"$OUT" \
  || fail "similar_to in JSON: ${OUT:0:300}"
run "$NEWSQ" --json 스타게이트
python3 -c 'import json,sys; assert "similar_to" not in json.load(sys.stdin)' <<<"$OUT" || fail "similar_to only for --similar"
run "$NEWSQ" --similar _posts/nope
expect_rc 2 "--similar unknown id"
expect_in "_posts/nope" "$ERR" "unknown id named"
# The post may be named as the reader knows it: its file name, the file
# with its extension, its path (absolute or from here); the same answer.
run "$NEWSQ" --format trec --similar _posts/sg1
want=$OUT
for name in sg1 sg1.md _posts/sg1.md "$P/_posts/sg1.md"; do
  run "$NEWSQ" --format trec --similar "$name"
  expect_rc 0 "--similar $name"
  expect_eq "$OUT" "$want" "--similar $name = --similar _posts/sg1"
done
(cd "$P" && "$NEWSQ" --format trec --similar _posts/sg1.md) >"$T/rel.out" 2>&1
expect_eq "$(cat "$T/rel.out")" "$want" "--similar with a path from the posts' folder"
# A file name two posts share is an error naming both, not a guess.
post "$P/notes/sg1.md" "메모" "스타게이트 메모." "date: 2025-06-01\n"
run "$NEWSIDX" add "$P"
run "$NEWSQ" --similar sg1
expect_rc 2 "--similar ambiguous name"
expect_in "'sg1' names 2 posts (_posts/sg1, notes/sg1); give the whole id" "$ERR"
finish
