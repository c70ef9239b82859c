# All 1,178 real posts of ../shared/corpora index without failure; a second add is all unchanged.
source "$(dirname "$0")/lib.sh"
total=$(find "$SHARED/corpora" -name '*.md' | wc -l)
[ "$total" -eq 1178 ] || fail "expected 1178 posts in shared corpora, found $total"
run "$NEWSIDX" add "$SHARED/corpora"
expect_rc 0 "add corpora"
read -r added updated unchanged skipped removed failed <<<"$(summary)"
expect_eq "$failed" "0" "failed"
expect_eq "$((added + skipped))" "$total" "added + skipped"
run "$NEWSIDX" add "$SHARED/corpora"
expect_eq "$(summary)" "0 0 $added $skipped 0 0" "second add"
run "$NEWSIDX" stats --json
expect_in "\"documents\": $added" "$OUT"
run "$NEWSQ" -n 5 스타게이트
expect_rc 0 "search the real posts"
finish
