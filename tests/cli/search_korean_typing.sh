# Korean typing help, read from the raw query: 초성 search over titles and
# tags, wrong keyboard layout both ways ("showing results for …; search
# instead for …", also in JSON), did-you-mean with a jamo edit distance.
source "$(dirname "$0")/lib.sh"
P="$T/posts"
post "$P/_posts/2025-01-22-sg.md" "스타게이트 프로젝트 출범" "초대형 데이터센터 계획이 발표됐다. 스타게이트는 4년짜리 사업이다." "date: 2025-01-22\n"
post "$P/_posts/2025-02-01-oa.md" "새 모델 발표" "OpenAI released a new model. OpenAI says it is faster." "date: 2025-02-01\ntags: [오픈AI]\n"
post "$P/_posts/2025-03-01-ss.md" "삼성전자 실적 발표" "삼성전자가 반도체 실적을 공개했다. 삼성의 메모리가 살아났다." "date: 2025-03-01\n"
post "$P/_posts/2025-04-01-st.md" "서울 산책" "스타트업 거리를 걸었다." "date: 2025-04-01\ntags: [서울탐방]\n"
post "$P/_posts/2025-05-01-en.md" "Sam Altman at the form" "Sam Altman said the work is done. The form was filed." "date: 2025-05-01\n"
run "$NEWSIDX" add "$P"
expect_rc 0 "add"
ids() { "$NEWSQ" --format trec -n 50 "$@" | awk '{print $3}' | sed 's|^_posts/||' | tr '\n' ' '; }

# 초성: whole words, prefixes of words, runs of title words, tags.
expect_eq "$(ids ㅅㅌㄱㅇㅌ)" "2025-01-22-sg " "ㅅㅌㄱㅇㅌ"
expect_eq "$(ids ㅅㅌㄱ)" "2025-01-22-sg " "ㅅㅌㄱ (prefix)"
expect_eq "$(ids ㅅㅅㅈㅈ)" "2025-03-01-ss " "ㅅㅅㅈㅈ"
expect_eq "$(ids ㅅㅌㄱㅇㅌㅍㄹㅈㅌ)" "2025-01-22-sg " "run of two title words"
expect_eq "$(ids ㅅㅇㅌㅂ)" "2025-04-01-st " "a tag"
expect_eq "$(ids ㅅㅅㅈㅈ ㅅㅈ)" "2025-03-01-ss " "two 초성 words: both"
run "$NEWSQ" ㅅㅌㄱ
expect_in "[[스타게이트]]" "$OUT" "the 초성 word highlighted in the title"
run "$NEWSQ" --json ㅅㅌㄱㅇㅌ
python3 -c 'import json,sys; j=json.load(sys.stdin); assert j["mode"]=="initials" and j["hits"][0]["id"].endswith("sg"), j' <<<"$OUT" \
  || fail "initials mode in JSON"
run "$NEWSQ" ㅎㅎㅎ
expect_rc 1 "초성 without a match"
run "$NEWSQ" --no-autocorrect ㅅㅌㄱㅇㅌ
expect_rc 1 "--no-autocorrect: 초성 searched as typed"

# Wrong layout: Latin typed for Korean, and Korean typed for Latin.
run "$NEWSQ" tmxkrpdlxm
expect_rc 0 "tmxkrpdlxm"
expect_in "showing results for 스타게이트; search instead for tmxkrpdlxm" "$OUT" "layout note"
expect_eq "$(ids tmxkrpdlxm)" "$(ids 스타게이트)" "converted results"
run "$NEWSQ" --json 'ㅐㅔ두ㅁㅑ'
expect_rc 0 "ㅐㅔ두ㅁㅑ"
python3 -c '
import json,sys
j=json.load(sys.stdin)
assert j["query"]=="openai" and j["search_instead"]=="ㅐㅔ두ㅁㅑ", j
assert [h["id"] for h in j["hits"]]==["_posts/2025-02-01-oa"], j["hits"]' <<<"$OUT" || fail "reverse layout in JSON"
expect_eq "$(ids tkatjd)" "$(ids 삼성)" "tkatjd -> 삼성"
run "$NEWSQ" --no-autocorrect tmxkrpdlxm
expect_rc 1 "--no-autocorrect: searched as typed"
expect_not_in "showing results" "$OUT" "--no-autocorrect note"
# A word that is right as typed is never converted.
run "$NEWSQ" openai
expect_not_in "showing results" "$OUT" "openai kept"
run "$NEWSQ" 삼성
expect_not_in "showing results" "$OUT" "삼성 kept"

# Issue 19: a word the index holds is never read as Hangul typed on QWERTY
# (Altman -> 미스무, form -> 래그, work -> 재가 were shown before), nor is one
# converted into a word the index lacks.
for q in "Sam Altman" form work; do
  run "$NEWSQ" --json $q
  python3 -c 'import json,sys; j=json.load(sys.stdin); assert j["search_instead"]=="" and j["query"]==sys.argv[1] and j["hits"], j' \
    "$q" <<<"$OUT" || fail "$q kept as typed"
done
run "$NEWSQ" tmxkrpdlxm form
expect_in "showing results for 스타게이트 form; search instead for tmxkrpdlxm form" "$OUT" "only the mistaken word converted"

# --batch runs its queries as typed unless --autocorrect.
printf 'ly\ttmxkrpdlxm\ndy\t스타게이투\nin\tㅅㅌㄱㅇㅌ\n' >"$T/typing.tsv"
run "$NEWSQ" --json --batch "$T/typing.tsv"
python3 -c '
import json,sys
r=[json.loads(l) for l in sys.stdin]
assert [x["search_instead"] for x in r]==["","",""] and [x["did_you_mean"] for x in r]==["","",""], r
assert [x["mode"] for x in r]==["","",""], r' <<<"$OUT" || fail "--batch as typed"
run "$NEWSQ" --json --autocorrect --batch "$T/typing.tsv"
python3 -c '
import json,sys
r=[json.loads(l) for l in sys.stdin]
assert r[0]["search_instead"]=="tmxkrpdlxm" and r[1]["search_instead"]=="스타게이투" and r[1]["query"]=="스타게이트" and r[2]["mode"]=="initials", r' <<<"$OUT" \
  || fail "--batch --autocorrect"
run "$NEWSQ" --autocorrect --no-autocorrect tmxkrpdlxm
expect_rc 2 "--autocorrect with --no-autocorrect"

# Did-you-mean from the index's own words, with jamo-level distance:
# searched instead when the query holds no word of the index (issue 19
# item 2), offered beside a query that finds posts as typed.
run "$NEWSQ" 스타게이투
expect_in "showing results for 스타게이트; search instead for 스타게이투" "$OUT" "스타게이투"
expect_rc 0 "스타게이투 finds the 스타게이트 posts"
run "$NEWSQ" --no-autocorrect 스타게이투
expect_not_in "showing results for" "$OUT" "search instead: as typed"
run "$NEWSQ" --json 스타게이투 발표
python3 -c 'import json,sys; j=json.load(sys.stdin); assert j["did_you_mean"]=="스타게이트 발표", j["did_you_mean"]' <<<"$OUT" \
  || fail "did_you_mean in JSON"
run "$NEWSQ" 수타게이트
expect_in "showing results for 스타게이트; search instead for 수타게이트" "$OUT" "a typo in the first syllable"
run "$NEWSQ" 스타게이트
expect_not_in "did you mean" "$OUT" "no suggestion for a known word"
run "$NEWSQ" --json opanai
python3 -c 'import json,sys; j=json.load(sys.stdin); assert j["query"]=="openai" and j["search_instead"]=="opanai", j' <<<"$OUT" || fail "Latin correction"
expect_rc 0 "opanai: the openai posts"
# Bounded: only the first 64 words are read for a suggestion (a pasted page
# must cost what its start costs; issue 16's CI: a 1 MB query took > 10 s).
filler=$(printf '발표 %.0s' $(seq 70))
run "$NEWSQ" 스타게이투 $filler
expect_in "did you mean: 스타게이트 발표 발표" "$OUT" "a typo among the first 64 words"
run "$NEWSQ" $filler 스타게이투
expect_not_in "did you mean" "$OUT" "a typo after the 64th word is not read"

finish
