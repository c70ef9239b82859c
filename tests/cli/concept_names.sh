# Names and spellings as one term (issue 17 item 2): a post writing OpenAI and
# one writing 오픈AI score alike for every spelling of the query; user groups
# work at once (by their spellings) and through the concept term after reindex.
source "$(dirname "$0")/lib.sh"
P=$T/p
post "$P/en.md" "OpenAI 투자" "새 모델 개발에 자금이 들어간다."
post "$P/ko.md" "오픈AI 투자" "새 모델 개발에 자금이 들어간다."
# Other posts on 투자 and AI, so that the terms have an IDF worth the name.
for i in 1 2 3 4 5 6; do
  post "$P/f$i.md" "반도체 투자 $i" "AI 칩 공장에 투자가 몰린다. 삼성과 인텔이 경쟁한다 $i."
done
post "$P/variant.md" "파이선 입문" "파이선으로 메세지를 보내는 법."
post "$P/plain.md" "파이썬 입문" "파이썬 문법 정리."
post "$P/fruit.md" "귤 이야기" "제주 귤이 제철이다."
run "$NEWSIDX" add "$P"
expect_rc 0 "add"

# "docid score" per hit, TREC format: qid Q0 docid rank score run.
hits() { "$NEWSQ" --format trec -n 20 "$@" | awk '{print $3, $5}'; }
score() { awk -v d="$1" '$1 == d {print $2}' <<<"$2"; }
# The two posts' scores within 30 % of each other, both in the top two.
alike() {
  local h a b
  h=$(hits "$1")
  a=$(score en "$h"); b=$(score ko "$h")
  [ -n "$a" ] && [ -n "$b" ] || { fail "'$1': both posts found (got: $h)"; return; }
  awk -v a="$a" -v b="$b" 'BEGIN { r = a > b ? a / b : b / a; exit !(r <= 1.3) }' ||
    fail "'$1': OpenAI $a vs 오픈AI $b, not alike"
  top2=$(head -2 <<<"$h" | awk '{print $1}' | sort | tr '\n' ' ')
  expect_eq "$top2" "en ko " "'$1': the two posts first"
}
alike "OpenAI 투자"
alike "오픈AI 투자"
alike "오픈 AI 투자"
alike "오픈에이아이 투자"

# Loanword variants meet: 파이선 finds 파이썬 and the reverse, 메시지 finds 메세지.
got=$(hits 파이썬 | awk '{print $1}' | tr '\n' ' ')
expect_in "variant " "$got" "파이썬 -> 파이선"
got=$(hits 파이선 | awk '{print $1}' | tr '\n' ' ')
expect_in "plain " "$got" "파이선 -> 파이썬"
got=$(hits 메시지 | awk '{print $1}' | tr '\n' ' ')
expect_in "variant " "$got" "메시지 -> 메세지"

# `newsidx analyze` shows the concept term.
run "$NEWSIDX" analyze "오픈 AI가"
expect_rc 0 "analyze"
expect_in "openai" "$(grep concept <<<"$OUT")" "analyze shows the concept"

# A user group: found at once by its spellings ...
got=$(hits tangerine | awk '{print $1}' | tr '\n' ' ')
expect_not_in "fruit" "$got" "before the user group"
printf 'tangerine = 귤 = 감귤\n' >"$T/syn.txt"
run "$NEWSIDX" synonyms "$T/syn.txt"
expect_rc 0 "synonyms FILE"
got=$(hits tangerine | awk '{print $1}' | tr '\n' ' ')
expect_in "fruit " "$got" "user group at once"
run "$NEWSIDX" terms fruit
expect_not_in "XNtangerin" "$OUT" "no concept term before reindex"
# ... and through its concept term after reindex.
run "$NEWSIDX" reindex
expect_rc 0 "reindex"
run "$NEWSIDX" terms fruit
expect_in "XNtangerin" "$OUT" "the user group's concept term after reindex"
got=$(hits tangerine | awk '{print $1}' | tr '\n' ' ')
expect_in "fruit " "$got" "user group after reindex"
got=$(hits 감귤 | awk '{print $1}' | tr '\n' ' ')
expect_in "fruit " "$got" "another member after reindex"
finish
