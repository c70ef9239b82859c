# An index from another analyzer version is refused until `newsidx reindex`.
source "$(dirname "$0")/lib.sh"
post "$T/p/x.md" "스타게이트" "스타게이트를 짓는다."
run "$NEWSIDX" add "$T/p"
xapian-metadata set "$NEWSIDX_DB" newsidx.analyzer newsidx-ko-en/0
run "$NEWSQ" 스타게이트
expect_rc 3 "newsq on an old index"
expect_in "newsidx reindex" "$ERR"
run "$NEWSIDX" add "$T/p"
expect_rc 3 "add on an old index"
run "$NEWSIDX" reindex
expect_rc 0 "reindex"
expect_in "reindexed 1" "$OUT"
run "$NEWSQ" 스타게이트
expect_rc 0 "newsq after reindex"
# A post whose file is gone is dropped by reindex, and said so.
post "$T/p/y.md" "y" "와이"
run "$NEWSIDX" add "$T/p"
rm "$T/p/y.md"
run "$NEWSIDX" reindex
expect_rc 1 "reindex with a vanished file"
expect_in "y.md" "$ERR"
run "$NEWSIDX" stats --json
expect_in '"documents": 1' "$OUT"
finish
