# date: ranges (whole last month, the post's own calendar day, open ends),
# --since/--until, trailing-* prefixes (Hangul and Latin), malformed queries.
source "$(dirname "$0")/lib.sh"
P="$T/posts"
post "$P/_posts/2025-01-31-jan.md" "스타게이트 발표" "스타게이트 프로젝트가 시작됐다." "date: 2025-01-31\n"
post "$P/_posts/2025-02-01-feb.md" "스타게이트를 둘러싼 논쟁" "스타게이트에 대한 논쟁이 이어졌다." "date: 2025-02-01\n"
# Late on March 31 in Seoul; and just after midnight on April 1 in Seoul, which is still March 31 in UTC.
post "$P/_posts/2025-03-31-mar.md" "3월 말 스타게이트 소식" "스타게이트 부지가 정해졌다." "date: 2025-03-31T23:30:00+09:00\n"
post "$P/_posts/2025-04-01-apr.md" "4월 스타게이트 소식" "스타게이트 착공 소식." "date: 2025-04-01T00:30:00+09:00\n"
post "$P/_posts/2024-12-15-coffee.md" "스타벅스 신메뉴" "스타벅스 겨울 음료가 나왔다." "date: 2024-12-15\n"
post "$P/_posts/2025-02-10-device.md" "A new device" "OpenAI unveiled a device at an opening event." "date: 2025-02-10\n"
run "$NEWSIDX" add "$P"
expect_rc 0 "add"

ids() { "$NEWSQ" --format trec -n 50 "$@" | awk '{print $3}' | sed 's|^_posts/||' | sort | tr '\n' ' '; }

expect_eq "$(ids 'date:2025-02..2025-03' 스타게이트)" "2025-02-01-feb 2025-03-31-mar " "date:2025-02..2025-03 (all of March, not April 1 in Seoul)"
expect_eq "$(ids 'date:2025-02..' 스타게이트)" "2025-02-01-feb 2025-03-31-mar 2025-04-01-apr " "open end"
expect_eq "$(ids 'date:..2025-01')" "2024-12-15-coffee 2025-01-31-jan " "a date range alone lists the posts in it"
expect_eq "$(ids 'date:2025-01-31')" "2025-01-31-jan " "one day"
expect_eq "$(ids '"스타게이트"' -date:2025-02)" "2025-01-31-jan 2025-03-31-mar 2025-04-01-apr " "excluded month"
expect_eq "$(ids --since 2025-02 --until 2025-03 스타게이트)" "2025-02-01-feb 2025-03-31-mar " "--since/--until"
expect_eq "$(ids --until 2025-03-31 '"스타게이트"')" "2025-01-31-jan 2025-02-01-feb 2025-03-31-mar " "--until a day"
expect_eq "$(ids --since 2025-04)" "2025-04-01-apr " "--since alone"

run "$NEWSQ" --since 2025-13 스타게이트
expect_rc 2 "--since 2025-13"
expect_in "since" "$ERR" "bad --since message"
expect_in "2025-13" "$ERR" "bad --since message"
run "$NEWSQ" --since 2025-03 --until 2025-02 스타게이트
expect_rc 2 "--since after --until"

# Prefixes: the most frequent completions, Hangul and Latin, highlighted as whole words.
expect_eq "$(ids '스타게*')" "2025-01-31-jan 2025-02-01-feb 2025-03-31-mar 2025-04-01-apr " "스타게*"
expect_eq "$(ids '스타*' | wc -w)" "5" "스타* also finds 스타벅스"
expect_eq "$(ids 'open*')" "2025-02-10-device " "open* (openai, opening)"
expect_eq "$(ids 'title:스타*')" "2024-12-15-coffee 2025-01-31-jan 2025-02-01-feb 2025-03-31-mar 2025-04-01-apr " "title:스타*"
expect_eq "$(ids 'title:스타게*' 논쟁)" "2025-01-31-jan 2025-02-01-feb 2025-03-31-mar 2025-04-01-apr " "title:스타게*"
run "$NEWSQ" '스타게*' 논쟁
expect_rc 0 "prefix with a word"
expect_in "[[스타게이트를]]" "$OUT" "prefix highlight in the title"
expect_in "[[스타게이트에]]" "$OUT" "prefix highlight in the body"

# Malformed queries never fail: a warning, plain words, the usual exit code.
run "$NEWSQ" 'date:2025-13' 스타게이트
expect_rc 0 "malformed date with a word"
expect_in "warning: date:2025-13" "$ERR" "malformed date warning"
expect_in "searching the plain words" "$ERR" "fallback named"
run "$NEWSQ" 'date:2025-03..2025-02'
expect_rc 1 "backwards range alone: no hits, no failure"
expect_in "ends before it starts" "$ERR" "backwards range warning"
run "$NEWSQ" 'o*'
expect_in "too short" "$ERR" "short prefix warning"
[ "$RC" -le 1 ] || fail "short prefix exit $RC"
run "$NEWSQ" --json 'date:2025-02-30 스타게이트'
expect_rc 0 "json malformed"
python3 -c 'import json,sys; j=json.load(sys.stdin); assert any("2025-02-30" in w for w in j["warnings"]), j["warnings"]' <<<"$OUT" \
  || fail "warning in JSON"
finish
