# Exit codes of both tools: 0 ok, 1 partial / no hits, 2 usage, 3 index locked or unusable.
source "$(dirname "$0")/lib.sh"
run "$NEWSIDX" --help;            expect_rc 0 "newsidx --help"; expect_in "Exit codes" "$OUT"
run "$NEWSIDX" --version;         expect_rc 0 "newsidx --version"; expect_in "newsidx 0." "$OUT"
run "$NEWSIDX";                   expect_rc 2 "newsidx without subcommand"
run "$NEWSIDX" add;               expect_rc 2 "add without paths"
run "$NEWSIDX" add --bogus x;     expect_rc 2 "unknown option"
run "$NEWSIDX" frobnicate;        expect_rc 2 "unknown subcommand"; expect_in "the commands are: add, sync" "$ERR"
# A mistyped command is named with the one meant (issue 19's papercuts).
run "$NEWSIDX" ad "$T/p";         expect_rc 2 "ad"; expect_in "unknown command 'ad'; did you mean 'add'?" "$ERR"
run "$NEWSIDX" reindx;            expect_rc 2 "reindx"; expect_in "did you mean 'reindex'?" "$ERR"
run "$NEWSIDX" serch 삼성;        expect_rc 2 "serch"; expect_in "newsq QUERY" "$ERR"
# A path that is not there: a usage error, and no index is created.
run "$NEWSIDX" --db "$T/fresh" add "$T/nowhere"
expect_rc 2 "add of a missing path"; expect_in "$T/nowhere: no such file or folder; nothing was indexed" "$ERR"
[ ! -e "$T/fresh" ] || fail "add of a missing path created the index folder"
run "$NEWSIDX" --db "$T/fresh" sync "$T/nowhere"
expect_rc 2 "sync of a missing folder"; [ ! -e "$T/fresh" ] || fail "sync of a missing folder created the index"
run "$NEWSQ" --help;              expect_rc 0 "newsq --help"; expect_in "Exit codes" "$OUT"
run "$NEWSQ" --version;           expect_rc 0 "newsq --version"
run "$NEWSQ";                     expect_rc 2 "newsq without query"
run "$NEWSQ" --format xml 삼성;   expect_rc 2 "bad format"
run "$NEWSQ" --db "$T/none" 삼성; expect_rc 3 "missing index"; expect_in "$T/none" "$ERR"

post "$T/p/x.md" "삼성" "삼성이 발표했다."
run "$NEWSIDX" add "$T/p"
run "$NEWSQ" 삼성;                expect_rc 0 "hits"
run "$NEWSQ" 없는말;              expect_rc 1 "no hits"
run "$NEWSQ" '"unclosed';         expect_rc 1 "malformed query without hits"; expect_in "warning" "$ERR"
run "$NEWSQ" '"삼성';             expect_rc 0 "malformed query with hits"
# A repeated option takes its last value; repeatable lists keep them all.
post "$T/p/y.md" "삼성 둘" "삼성이 또 발표했다."
post "$T/p/z.md" "삼성 셋" "삼성이 다시 발표했다."
run "$NEWSIDX" add "$T/p"
run "$NEWSQ" -n 1 -n 3 --format trec 삼성; expect_rc 0 "-n twice"
expect_eq "$(grep -c . <<<"$OUT")" "3" "-n 1 -n 3 shows 3"
run "$NEWSQ" -n 3 -n 1 --format trec 삼성
expect_eq "$(grep -c . <<<"$OUT")" "1" "-n 3 -n 1 shows 1"

# Exit 3 for a second writer (the lock) is tested in concurrent_readers.sh,
# which holds the lock with a long real `add`.
finish
