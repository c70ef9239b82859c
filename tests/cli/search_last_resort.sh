# Bigrams are the last resort (issue 17 item 4): a word no post holds is
# also searched by its two-syllable pieces, and a post found only through
# them is a partial match — listed and flagged, never highlighted as the
# word, not in "about N matches" / estimated_total (with or without
# --exact-total), counted apart (partial_match_total). A normal word query
# is unchanged.
source "$(dirname "$0")/lib.sh"
P="$T/posts"
SCHEMA="$SRC/tests/data/newsq-json.schema.json"
# 쿼카 is no word of any post: it is only inside the longer unknown 쿼카멜레온이.
post "$P/_posts/2025-03-01-zoo.md" "동물원 소식" "동물원에 쿼카멜레온이 새로 왔다. 관람객이 몰렸다." "date: 2025-03-01\n"
post "$P/_posts/2025-03-02-photo.md" "사진 전시" "사진 전시회가 열렸다." "date: 2025-03-02\n"
run "$NEWSIDX" add "$P"
expect_rc 0 "add"

# Text: the reader is told no post holds the word; the hit is there, flagged, unmarked.
for opt in "" --exact-total; do
  run "$NEWSQ" $opt 쿼카
  expect_rc 0 "쿼카 $opt (a partial match is a hit)"
  expect_in 'no post contains "쿼카"; 1 post contains parts of it' "$OUT" "partial count $opt"
  expect_not_in "matches for" "$OUT" "no whole-word count line $opt"
  expect_in "2025-03-01-zoo" "$OUT" "partial hit listed $opt"
  expect_in "partial match" "$OUT" "hit flagged $opt"
  expect_in "쿼카멜레온이" "$OUT" "snippet placed at the piece $opt"
  expect_not_in "[[" "$OUT" "nothing highlighted as the word $opt"

  run "$NEWSQ" $opt --json 쿼카
  printf '%s\n' "$OUT" | python3 "$SRC/tests/cli/validate_json.py" "$SCHEMA" || fail "schema $opt"
  python3 - "$OUT" <<'PY' || fail "JSON of a partial match $opt"
import json, sys
j = json.loads(sys.argv[1])
assert j["estimated_total"] == 0, j["estimated_total"]
assert j["partial_match_total"] == 1, j["partial_match_total"]
assert j["partial_match_words"] == ["쿼카"], j["partial_match_words"]
(h,) = j["hits"]
assert h["id"] == "_posts/2025-03-01-zoo" and h["partial_match"] is True, h
assert "쿼카멜레온이" in h["snippet"]["text"], h["snippet"]
assert h["snippet"]["matches"] == [] and "<mark>" not in h["snippet"]["html"], h["snippet"]
assert h["title_marked"]["matches"] == [], h["title_marked"]
PY

  # A known word beside it: only the post holding a word is counted.
  run "$NEWSQ" $opt --json 쿼카 사진
  python3 - "$OUT" <<'PY' || fail "JSON of a mixed query $opt"
import json, sys
j = json.loads(sys.argv[1])
assert (j["estimated_total"], j["partial_match_total"]) == (1, 1), (j["estimated_total"], j["partial_match_total"])
flags = {h["id"]: h["partial_match"] for h in j["hits"]}
assert flags == {"_posts/2025-03-02-photo": False, "_posts/2025-03-01-zoo": True}, flags
marks = {h["id"]: [h["snippet"]["text"][b:e] for b, e in h["snippet"]["matches"]] for h in j["hits"]}
assert marks == {"_posts/2025-03-02-photo": ["사진"], "_posts/2025-03-01-zoo": []}, marks
PY
  run "$NEWSQ" $opt 쿼카 사진
  expect_in '1 match for "쿼카 사진"; 1 more contains only parts of "쿼카"' "$OUT" "mixed count line $opt"

  # A normal word: as before.
  run "$NEWSQ" $opt 사진
  expect_in '1 match for "사진"' "$OUT" "normal count $opt"
  expect_not_in "parts of" "$OUT" "normal query has no partial note $opt"
  expect_not_in "partial match" "$OUT" "normal hit not flagged $opt"
  expect_in "[[사진]] 전시회가" "$OUT" "normal word highlighted $opt"
  run "$NEWSQ" $opt --json 사진
  python3 -c 'import json,sys; j=json.load(sys.stdin)
assert (j["estimated_total"], j["partial_match_total"], j["partial_match_words"]) == (1, 0, []), j
assert [h["partial_match"] for h in j["hits"]] == [False], j["hits"]' <<<"$OUT" || fail "normal JSON $opt"
done

# -v reports both counts.
run "$NEWSQ" -v 쿼카 사진
expect_in "hits shown of 1 (+1 partial)" "$ERR" "-v counts"
finish
