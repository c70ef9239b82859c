# --tag/--category/--author (repeats ORed, options ANDed, scores unchanged),
# --sort relevance|date|date-asc with ties by id, --recent, --facets (exact
# counts over all matches, not just the page), filter-only searches.
source "$(dirname "$0")/lib.sh"
P="$T/posts"
post "$P/_posts/2023-05-01-p1.md" "반도체 반도체" "반도체 반도체 반도체 시장이 커졌다. 반도체 수출." \
  "date: 2023-05-01\ntags: [AI, 반도체]\ncategories: [tech]\nauthor: Kim\n"
post "$P/_posts/2024-05-01-p2.md" "시장 소식" "반도체 시장이 움직였다." "date: 2024-05-01\ntags: [ai]\ncategories: [Tech]\nauthor: Lee\n"
post "$P/_posts/2025-05-01-p3.md" "클라우드 이야기" "클라우드와 반도체 이야기." "date: 2025-05-01\ntags: [클라우드]\ncategories: [biz]\nauthor: Kim\n"
post "$P/_posts/2025-06-01-p4.md" "새 반도체" "반도체가 나왔다." "date: 2025-06-01\ntags: [AI]\ncategories: [biz]\nauthor: Park\n"
post "$P/_posts/2022-01-01-p5.md" "여행 이야기" "바다 여행을 떠났다." "date: 2022-01-01\ntags: [여행]\ncategories: [life]\nauthor: Lee\n"
run "$NEWSIDX" add "$P"
expect_rc 0 "add"
# Two identical posts, the later id indexed first: equal scores must still list a before b.
post "$P/_posts/2025-07-01-b.md" "쌍둥이 글" "메모리 쌍둥이 글." "date: 2025-07-01\n"
run "$NEWSIDX" add "$P"
post "$P/_posts/2025-07-01-a.md" "쌍둥이 글" "메모리 쌍둥이 글." "date: 2025-07-01\n"
run "$NEWSIDX" add "$P"
expect_rc 0 "add twins"

ids() { "$NEWSQ" --format trec -n 50 "$@" | awk '{print $3}' | sed 's|^_posts/||' | tr '\n' ' '; }
sorted() { ids "$@" | tr ' ' '\n' | sed '/^$/d' | sort | tr '\n' ' '; }
score_of() { "$NEWSQ" --format trec -n 50 "${@:2}" | awk -v id="_posts/$1" '$3 == id {print $5}'; }

expect_eq "$(sorted --tag ai 반도체)" "2023-05-01-p1 2024-05-01-p2 2025-06-01-p4 " "--tag ai (case-folded)"
expect_eq "$(sorted --tag ai --tag 클라우드 반도체)" "2023-05-01-p1 2024-05-01-p2 2025-05-01-p3 2025-06-01-p4 " "--tag repeated: any"
expect_eq "$(sorted --tag AI --category biz 반도체)" "2025-06-01-p4 " "--tag and --category: both"
expect_eq "$(sorted --author kim 반도체)" "2023-05-01-p1 2025-05-01-p3 " "--author"
expect_eq "$(sorted --author kim --author park --category tech 반도체)" "2023-05-01-p1 " "--author x2 and --category"
# Filters never change scores.
expect_eq "$(score_of 2024-05-01-p2 --tag ai 반도체)" "$(score_of 2024-05-01-p2 반도체)" "score with and without --tag"
# The filtered order is the unfiltered order restricted.
expect_eq "$(ids --tag ai 반도체)" "$(ids 반도체 | tr ' ' '\n' | grep -E 'p1|p2|p4' | tr '\n' ' ')" "filtered order"

plain0=$(ids 반도체)
expect_eq "$(ids --sort date 반도체)" "2025-06-01-p4 2025-05-01-p3 2024-05-01-p2 2023-05-01-p1 " "--sort date"
expect_eq "$(ids --sort date-asc 반도체)" "2023-05-01-p1 2024-05-01-p2 2025-05-01-p3 2025-06-01-p4 " "--sort date-asc"
expect_eq "$(ids 쌍둥이)" "2025-07-01-a 2025-07-01-b " "equal scores: by id"
expect_eq "$(ids --sort date 쌍둥이)" "2025-07-01-a 2025-07-01-b " "equal dates: by id (newest first)"
expect_eq "$(ids --sort date-asc 쌍둥이)" "2025-07-01-a 2025-07-01-b " "equal dates: by id (oldest first)"
run "$NEWSQ" --sort newest 반도체
expect_rc 2 "--sort newest"
for bad in -1 1.5 many; do
  run "$NEWSQ" --exact-up-to "$bad" 반도체
  expect_rc 2 "--exact-up-to $bad"
  expect_in "--exact-up-to: expected a whole number of matches, 0 or more, got '$bad'" "$ERR" "--exact-up-to $bad: the reason"
done
# Counting exactly up to N never changes the hits.
expect_eq "$(ids --exact-up-to 0 반도체)" "$plain0" "--exact-up-to 0: the same hits"

# --recent: p1 says 반도체 most but is two years older than p4.
plain=$(ids 반도체)
recent=$(ids --recent 반도체)
expect_eq "${plain%% *}" "2023-05-01-p1" "best BM25 first without --recent"
expect_eq "${recent%% *}" "2025-06-01-p4" "newest good match first with --recent"
expect_eq "$(tr ' ' '\n' <<<"$recent" | sed '/^$/d' | sort | tr '\n' ' ')" "$(sorted 반도체)" "--recent keeps the same matches"

# Facets over every match, though one hit is shown.
run "$NEWSQ" --json -n 1 --facets 반도체
expect_rc 0 "facets json"
python3 - "$OUT" <<'PY' || fail "facet counts"
import json, sys
j = json.loads(sys.argv[1])
assert len(j["hits"]) == 1, j["hits"]
f = j["facets"]
tags = {x["value"]: x["count"] for x in f["tags"]}
assert tags == {"AI": 3, "반도체": 1, "클라우드": 1}, tags           # AI and ai are one tag
assert f["tags"][0] == {"value": "AI", "count": 3}, f["tags"]
cats = {x["value"]: x["count"] for x in f["categories"]}
assert cats in ({"tech": 2, "biz": 2}, {"Tech": 2, "biz": 2}), cats
years = {x["value"]: x["count"] for x in f["years"]}
assert years == {"2023": 1, "2024": 1, "2025": 2}, years
assert j["estimated_total"] == 4, j["estimated_total"]
PY
run "$NEWSQ" -n 1 --facets --tag ai 반도체
expect_in "tags:  AI (3)" "$OUT" "text facets"
expect_in "years:  " "$OUT" "text facets years"
run "$NEWSQ" --json 반도체
python3 -c 'import json,sys; f=json.load(sys.stdin)["facets"]; assert f=={"tags":[],"categories":[],"years":[]}, f' <<<"$OUT" \
  || fail "no facets unless asked"

# Filters alone list the posts that pass them; nothing passing -> exit 1.
expect_eq "$(sorted --tag 여행)" "2022-01-01-p5 " "filter without a query"
run "$NEWSQ" --tag 없는태그
expect_rc 1 "filter matching nothing"
run "$NEWSQ" --author lee --sort date-asc
expect_rc 0 "author listing"
finish
