# Issue 19 item 2: typo tolerance, the short version of bench/typo_check.py
# over the repository's corpus/: 300 typos (one random edit each, fixed
# seed) of words the index holds find the intended word's posts in the top
# 10 for >= 90 %, and the 500 most frequent Latin and Hangul words are
# neither converted by the layout fix nor corrected.
source "$(dirname "$0")/lib.sh"
run python3 "$SRC/bench/typo_check.py" --newsidx "$NEWSIDX" --newsq "$NEWSQ" --words 300 --frequent 500 \
  --seed 19 --min-hit 0.90 "$SRC/corpus"
echo "$OUT"
expect_rc 0 "typo set >= 90 % and 0/0 on frequent words"
expect_in "PASS" "$OUT"
finish
