# Built-in and user synonyms, spacing variants and NFD posts, through the real binaries.
source "$(dirname "$0")/lib.sh"
P=$T/p
post "$P/en.md" "Stargate grows" "OpenAI and SoftBank expand the Stargate data center plan."
post "$P/ko.md" "스타 게이트 확장" "오픈AI가 스타 게이트 데이터센터를 늘린다."
post "$P/joined.md" "데이터센터 전력" "데이터센터의 전력 수요가 늘었다."
post "$P/spaced.md" "젠슨 황 발표" "젠슨 황 CEO가 신제품을 소개했다."
post "$P/decoy.md" "별 이야기" "스타 선수가 게임에서 이겼다."
# An NFD (macOS) post: 삼성이 written as conjoining jamo.
printf -- '---\ntitle: nfd\n---\n\n\xe1\x84\x89\xe1\x85\xa1\xe1\x86\xb7\xe1\x84\x89\xe1\x85\xa5\xe1\x86\xbc\xe1\x84\x8b\xe1\x85\xb5 발표했다.\n' >"$P/nfd.md"
run "$NEWSIDX" add "$P"
expect_rc 0 "add"
ids() { "$NEWSQ" --format trec -n 20 "$@" | awk '{print $3}' | tr '\n' ' '; }

# Cross-script names from the built-in list, both ways.
got=$(ids 스타게이트);  expect_in "en " "$got" "스타게이트 -> Stargate"; expect_in "ko " "$got" "스타게이트 -> 스타 게이트"
got=$(ids Stargate);    expect_in "ko " "$got" "Stargate -> 스타 게이트"
got=$(ids OpenAI);      expect_in "ko " "$got" "OpenAI -> 오픈AI가"
got=$(ids 오픈AI);      expect_in "en " "$got" "오픈AI -> OpenAI"
# Spacing: joined query finds spaced text and the reverse.
got=$(ids 젠슨황);      expect_in "spaced " "$got" "젠슨황 -> 젠슨 황"
got=$(ids 데이터 센터); expect_in "joined " "$got" "데이터 센터 -> 데이터센터"
top=$(ids 스타게이트 | cut -d' ' -f1); [ "$top" != "decoy" ] || fail "a decoy (스타 alone) ranks first for 스타게이트"
# NFC query finds the NFD post.
got=$(ids 삼성);        expect_in "nfd " "$got" "NFC query -> NFD post"

# User synonyms: unknown before, found after `newsidx synonyms FILE`.
post "$P/fruit.md" "귤 이야기" "제주 귤이 제철이다."
run "$NEWSIDX" add "$P"
got=$(ids tangerine);   expect_not_in "fruit" "$got" "before user synonyms"
printf '# mine\ntangerine = 귤 = 감귤\n' >"$T/syn.txt"
run "$NEWSIDX" synonyms "$T/syn.txt"
expect_rc 0 "synonyms FILE"
expect_in "added synonyms" "$OUT"
got=$(ids tangerine);   expect_in "fruit " "$got" "after user synonyms"
printf 'lonely\n' >"$T/bad.txt"
run "$NEWSIDX" synonyms "$T/bad.txt"
expect_rc 2 "malformed synonym file"
expect_in "bad.txt:1" "$ERR"
finish
