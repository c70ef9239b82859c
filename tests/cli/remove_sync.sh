# newsidx remove (id, file, folder) and sync (drops posts whose files are gone).
source "$(dirname "$0")/lib.sh"
P=$T/blog
for n in 1 2 3 4; do post "$P/a/p$n.md" "post $n" "본문 $n 삼성"; done
post "$P/b/q.md" "q" "큐"
run "$NEWSIDX" add "$P"
expect_eq "$(summary)" "5 0 0 0 0 0" "add"
run "$NEWSIDX" remove a/p1
expect_rc 0 "remove by id"
expect_in "removed 1" "$OUT"
run "$NEWSIDX" remove "$P/a/p2.md"
expect_in "removed 1" "$OUT"
run "$NEWSIDX" remove "$P/b"
expect_in "removed 1" "$OUT"
run "$NEWSIDX" remove no/such/post
expect_rc 1 "remove unknown"
expect_in "no/such/post" "$ERR"
run "$NEWSIDX" stats --json
expect_in '"documents": 2' "$OUT"

rm "$P/a/p3.md"
run "$NEWSIDX" sync "$P"
expect_rc 0 "sync"
expect_eq "$(summary)" "3 0 1 0 1 0" "sync summary"
run "$NEWSIDX" stats --json
expect_in '"documents": 4' "$OUT"
run "$NEWSIDX" terms a/p3
expect_rc 1 "terms of a synced-away post"
run "$NEWSIDX" sync "$P/a/p4.md"
expect_rc 2 "sync needs a folder"
finish
