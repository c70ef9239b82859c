# newsq --batch FILE|- with trec and json output; awkward ids percent-encoded.
source "$(dirname "$0")/lib.sh"
post "$T/p/my post.md" "스타게이트" "스타게이트를 짓는다."
post "$T/p/other.md" "삼성" "삼성이 참여한다."
run "$NEWSIDX" add "$T/p"
printf 'a\t스타게이트\nb\t삼성\n\nc\t없는말\n' >"$T/q.tsv"
run "$NEWSQ" --batch "$T/q.tsv" --format trec
expect_rc 0 "batch trec"
expect_in "a Q0 my%20post 1 " "$OUT"
expect_in "b Q0 other 1 " "$OUT"
expect_not_in "c Q0" "$OUT"
run "$NEWSQ" --batch - --json <"$T/q.tsv"
expect_rc 0 "batch json from stdin"
expect_eq "$(grep -c . <<<"$OUT")" "3" "one JSON line per query"
python3 -c '
import json,sys
rows=[json.loads(l) for l in sys.stdin]
assert [r["query"] for r in rows]==["스타게이트","삼성","없는말"]
assert rows[2]["hits"]==[]' <<<"$OUT" || fail "batch json content"
run "$NEWSQ" --batch "$T/missing.tsv"
expect_rc 2 "missing batch file"
finish
