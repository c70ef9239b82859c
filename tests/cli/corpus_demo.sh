# README command 1 in miniature, plus a relevance floor on corpus/queries.tsv.
source "$(dirname "$0")/lib.sh"
run "$NEWSIDX" add "$SRC/corpus"
expect_rc 0 "add corpus"
run "$NEWSQ" 스타게이트
expect_rc 0 "sample search"
# The judgments cover drafts too: index them for the relevance check.
run "$NEWSIDX" add --drafts "$SRC/corpus"
expect_rc 0 "add corpus with drafts"
run "$NEWSQ" --batch "$SRC/corpus/queries.tsv" --format trec
expect_rc 0 "corpus queries"
echo "$OUT" >"$T/run.trec"
scores=$(python3 "$SRC/bench/trec_eval.py" "$SRC/corpus/qrels.tsv" "$T/run.trec" --json)
echo "corpus/queries.tsv: $scores"
python3 -c 'import json,sys; s=json.loads(sys.argv[1]); assert s["ndcg@10"]>=0.84 and s["recall@100"]>=0.95, s' "$scores" \
  || fail "relevance floor on corpus/queries.tsv: $scores"
finish
