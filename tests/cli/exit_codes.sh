# Exit codes of both tools: 0 ok, 1 partial / no hits, 2 usage, 3 index locked or unusable.
source "$(dirname "$0")/lib.sh"
run "$NEWSIDX" --help;            expect_rc 0 "newsidx --help"; expect_in "Exit codes" "$OUT"
run "$NEWSIDX" --version;         expect_rc 0 "newsidx --version"; expect_in "newsidx 0." "$OUT"
run "$NEWSIDX";                   expect_rc 2 "newsidx without subcommand"
run "$NEWSIDX" add;               expect_rc 2 "add without paths"
run "$NEWSIDX" add --bogus x;     expect_rc 2 "unknown option"
run "$NEWSIDX" frobnicate;        expect_rc 2 "unknown subcommand"
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

# Exit 3 for a second writer (the lock) is tested in concurrent_readers.sh,
# which holds the lock with a long real `add`.
finish
