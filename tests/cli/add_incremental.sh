# A second add reports every post unchanged; a change is picked up.
source "$(dirname "$0")/lib.sh"
cp -r "$SRC/corpus" "$T/corpus"
run "$NEWSIDX" add "$T/corpus"
expect_rc 0 "first add"
first=$(summary)
added=$(cut -d' ' -f1 <<<"$first")
[ "$added" -ge 40 ] || fail "first add indexed only $added posts"
run "$NEWSIDX" add "$T/corpus"
expect_eq "$(summary)" "0 0 $added 3 0 0" "second add"
# Touching a file without changing it costs a hash, not a re-analysis.
f=$(find "$T/corpus/_posts" -name '*.md' | sort | head -1)
touch "$f"
run "$NEWSIDX" add "$T/corpus"
expect_eq "$(summary)" "0 0 $added 3 0 0" "after touch"
echo "추가된 문장: 증분 색인 확인" >>"$f"
run "$NEWSIDX" add "$T/corpus"
expect_eq "$(summary)" "0 1 $((added - 1)) 3 0 0" "after a change"
run "$NEWSQ" -q --format trec 증분
expect_rc 0 "newsq finds the new words"
# --force re-analyzes everything.
run "$NEWSIDX" add --force "$T/corpus"
expect_eq "$(summary)" "0 $added 0 3 0 0" "--force"
finish
