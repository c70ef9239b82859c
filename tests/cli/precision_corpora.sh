# The precision suite of issue 17 (item 7): for each row of
# tests/data/precision_words.tsv, the top 10 hits of the query over the real
# posts (../shared/corpora, corpus/, the seed post) hold only true posts, and
# --exact-total is within 10 % of the true count. The truth is the row's
# regex over each post's visible text (precision_corpora.py); `status` pass
# rows must pass and `open` rows (known failures of issue 17) must still
# fail. Knob: PRECISION_ROWS=REGEX (only the rows whose query it finds;
# default all), PRECISION_VERBOSE=1 (false hits with titles).
source "$(dirname "$0")/lib.sh"
seed=("$SHARED"/seed/*.txt)
[ -f "${seed[0]}" ] || fail "no seed post in $SHARED/seed"
t0=$(date +%s%N)
run "$NEWSIDX" --db "$T/db" add "$SHARED/corpora" "$SRC/corpus" "${seed[@]}"
expect_rc 0 "add corpora + corpus + seed"
read -r added _ _ skipped _ failed <<<"$(summary)"
expect_eq "$failed" "0" "failed"
echo "indexed $added posts ($skipped unpublished skipped) in $((($(date +%s%N) - t0) / 1000000)) ms"
python3 "$SRC/tests/cli/precision_corpora.py" "$NEWSQ" "$T/db" "$SRC/tests/data/precision_words.tsv" "$added" \
  "$SHARED/corpora" "$SRC/corpus" "${seed[@]}" || fail "precision rows (see the table and the FAIL lines above)"
finish
