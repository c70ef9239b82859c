# The KorQuAD dev questions run through newsq --batch --format trec, with a relevance floor.
source "$(dirname "$0")/lib.sh"
K=$SHARED/eval/korquad
run "$NEWSIDX" add "$K/docs"
expect_rc 0 "index korquad"
run "$NEWSQ" --batch "$K/queries-dev.tsv" --format trec
expect_rc 0 "batch"
echo "$OUT" >"$T/run.trec"
expect_eq "$(cut -d' ' -f1 "$T/run.trec" | sort -u | wc -l)" "$(cut -f1 "$K/queries-dev.tsv" | sort -u | wc -l)" "queries answered"
scores=$(python3 "$SRC/bench/trec_eval.py" "$K/qrels-dev.tsv" "$T/run.trec" --json)
echo "korquad dev: $scores"
python3 -c 'import json,sys; s=json.loads(sys.argv[1]); assert s["ndcg@10"]>=float(sys.argv[2]) and s["recall@100"]>=0.99, s' \
  "$scores" "${KORQUAD_NDCG_FLOOR:-0.970}" || fail "korquad floor: $scores"
finish
