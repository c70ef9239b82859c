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

# A second writer fails at once with exit 3 while the first holds the lock:
# the first blocks reading a FIFO named like a post.
mkdir -p "$T/slow"
mkfifo "$T/slow/wait.md"
"$NEWSIDX" add "$T/slow" >/dev/null 2>&1 &
writer=$!
sleep 1
start=$(date +%s%N)
run timeout 10 "$NEWSIDX" add "$T/p"
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
expect_rc 3 "second writer"
expect_in "locked" "$ERR"
[ "$elapsed_ms" -lt 5000 ] || fail "second writer took ${elapsed_ms} ms to give up"
# Readers are not blocked by the writer.
run "$NEWSQ" 삼성;                expect_rc 0 "reader during a write"
run "$NEWSIDX" stats;             expect_rc 0 "stats during a write"
run "$NEWSIDX" terms x;           expect_rc 0 "terms during a write"
printf -- '---\ntitle: fifo\n---\nbody\n' >"$T/slow/wait.md"
wait "$writer"
finish
