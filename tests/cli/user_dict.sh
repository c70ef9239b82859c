# The user dictionary (`newsidx dict`): a made-up compound's part is not
# found until a segmentation line is stored and the index reindexed; the
# index is Outdated in between; a bad file stores nothing; --show, --clear;
# a sharded index holds it in every shard.
source "$(dirname "$0")/lib.sh"
P=$T/p
# 쿠루미포토칸 is no word of the built-in lexicon, and 포토칸 is a word of
# another post, so a query for it is no last resort (bigrams): only the post
# holding 포토칸 itself is found until the dictionary splits the compound.
post "$P/shop.md" "쿠루미포토칸 새 지점" "쿠루미포토칸이 문을 열었다."
post "$P/part.md" "포토칸 이야기" "포토칸은 사진을 찍는 곳이다."
post "$P/other.md" "삼성전자 실적" "삼성전자의 실적이 늘었다."
run "$NEWSIDX" add "$P"
expect_rc 0 "add"
ids() { "$NEWSQ" --format trec -n 20 "$@" | awk '{print $3}' | sort | tr '\n' ' '; }

got=$(ids 포토칸);   expect_eq "$got" "part " "포토칸 before the dictionary"
got=$(ids 삼성);     expect_in "other " "$got" "삼성 (the rule splits 삼성전자)"
run "$NEWSIDX" dict --show
expect_rc 0 "dict --show without a dictionary"
expect_eq "$OUT" "" "dict --show without a dictionary"
expect_in "no user dictionary" "$ERR"

# A segmentation line and a keep-whole line, in NFD (macOS) for one word.
printf '# my words\n\n쿠루미포토칸 쿠루미 포토칸\n\xe1\x84\x89\xe1\x85\xa1\xe1\x86\xb7\xe1\x84\x89\xe1\x85\xa5\xe1\x86\xbc\xe1\x84\x8c\xe1\x85\xa5\xe1\x86\xab\xe1\x84\x8c\xe1\x85\xa1\n' >"$T/my.dict"
run "$NEWSIDX" dict "$T/my.dict"
expect_rc 0 "dict FILE"
expect_in "dictionary stored: 2 words" "$OUT"
expect_in "newsidx reindex" "$OUT"
run "$NEWSIDX" stats
expect_in "status:      outdated" "$OUT" "stats after dict"
expect_in "user dictionary" "$OUT" "stats after dict"
expect_in "newsidx reindex" "$OUT" "stats after dict"
expect_in "dictionary:  2 words" "$OUT"
run "$NEWSQ" 포토칸
expect_rc 3 "newsq on an index whose dictionary changed"
expect_in "newsidx reindex" "$ERR"
run "$NEWSIDX" add "$P"
expect_rc 3 "add on an index whose dictionary changed"
run "$NEWSIDX" dict --show
expect_eq "$OUT" "$(printf '삼성전자\n쿠루미포토칸 쿠루미 포토칸')" "dict --show (normalized, sorted)"

run "$NEWSIDX" reindex
expect_rc 0 "reindex"
run "$NEWSIDX" stats --json
expect_in '"status": "current"' "$OUT"
expect_in '"dictionary_words": 2' "$OUT"
got=$(ids 포토칸);   expect_eq "$got" "part shop " "포토칸 after dict + reindex"
got=$(ids 쿠루미);   expect_eq "$got" "shop " "쿠루미 after dict + reindex"
got=$(ids 쿠루미포토칸); expect_in "shop " "$got" "the whole compound still"
got=$(ids 삼성);     expect_not_in "other" "$got" "삼성전자 kept whole by the dictionary"
got=$(ids 삼성전자); expect_in "other " "$got" "삼성전자 itself"
run "$NEWSIDX" terms shop
expect_in "포토칸" "$OUT" "the post's terms"

# The same dictionary again, written otherwise: nothing changes.
printf '삼성전자\n쿠루미포토칸\t쿠루미  포토칸\n' >"$T/same.dict"
run "$NEWSIDX" dict "$T/same.dict"
expect_rc 0 "dict with the same content"
expect_in "dictionary unchanged: 2 words" "$OUT"
expect_not_in "reindex" "$OUT"
run "$NEWSIDX" stats
expect_in "status:      current" "$OUT"

# A bad line: file:line and the problem, exit 2, nothing stored, the index still searches.
printf '삼성전자\n쿠루미포토칸 쿠루 포토칸\n' >"$T/bad.dict"
run "$NEWSIDX" dict "$T/bad.dict"
expect_rc 2 "dict with a bad line"
expect_in "bad.dict:2:" "$ERR"
expect_in "do not spell" "$ERR"
printf 'OpenAI\n' >"$T/latin.dict"
run "$NEWSIDX" dict "$T/latin.dict"
expect_rc 2 "dict with a Latin word"
expect_in "latin.dict:1:" "$ERR"
expect_in "not a Hangul word" "$ERR"
run "$NEWSIDX" dict "$T/missing.dict"
expect_rc 2 "dict with a missing file"
run "$NEWSIDX" dict --show --clear
expect_rc 2 "dict --show --clear"
run "$NEWSIDX" dict
expect_rc 2 "dict with nothing to do"
run "$NEWSQ" 포토칸
expect_rc 0 "newsq after the bad files"
got=$(ids 포토칸);   expect_eq "$got" "part shop " "포토칸 after the bad files"
run "$NEWSIDX" dict --show
expect_in "쿠루미포토칸 쿠루미 포토칸" "$OUT" "the stored dictionary after the bad files"

# Try a dictionary without storing it.
run "$NEWSIDX" analyze --dict "$T/my.dict" 쿠루미포토칸이
expect_rc 0 "analyze --dict"
expect_in "포토칸" "$OUT"
run "$NEWSIDX" analyze 쿠루미포토칸이
expect_not_in " part " "$OUT" "analyze without --dict"

# --clear: the posts hold the dictionary's parts, so Outdated until reindexed.
run "$NEWSIDX" dict --clear
expect_rc 0 "dict --clear"
expect_in "dictionary removed" "$OUT"
expect_in "newsidx reindex" "$OUT"
run "$NEWSIDX" dict --show
expect_eq "$OUT" "" "dict --show after --clear"
run "$NEWSIDX" reindex
expect_rc 0 "reindex after --clear"
got=$(ids 포토칸);   expect_eq "$got" "part " "포토칸 after --clear + reindex"
run "$NEWSIDX" dict --clear
expect_in "no dictionary to remove" "$OUT"
run "$NEWSIDX" stats --json
expect_in '"dictionary_words": 0' "$OUT"
expect_in '"status": "current"' "$OUT"

# An index without posts takes a dictionary at once.
run "$NEWSIDX" --db "$T/empty" dict "$T/my.dict"
expect_rc 0 "dict on a new index"
expect_not_in "reindex" "$OUT"
run "$NEWSIDX" --db "$T/empty" add "$P"
expect_rc 0 "add after dict on a new index"
got=$("$NEWSQ" --db "$T/empty" --format trec -n 20 포토칸 | awk '{print $3}' | sort | tr '\n' ' ')
expect_eq "$got" "part shop " "포토칸 in an index made with the dictionary"

# Sharded: every shard holds it and is Outdated until the reindex.
run "$NEWSIDX" --db "$T/sh" add --shards 2 "$P"
expect_rc 0 "add --shards 2"
run "$NEWSIDX" --db "$T/sh" dict "$T/my.dict"
expect_rc 0 "dict on a sharded index"
expect_in "newsidx reindex" "$OUT"
for k in 0 1; do
  expect_in "쿠루미포토칸 쿠루미 포토칸" "$(xapian-metadata get "$T/sh/shard-$k" newsidx.dictionary)" "shard-$k's dictionary"
done
run "$NEWSQ" --db "$T/sh" 포토칸
expect_rc 3 "newsq on a sharded index whose dictionary changed"
run "$NEWSIDX" --db "$T/sh" reindex
expect_rc 0 "reindex of a sharded index"
got=$("$NEWSQ" --db "$T/sh" --format trec -n 20 포토칸 | awk '{print $3}' | sort | tr '\n' ' ')
expect_eq "$got" "part shop " "포토칸 in a sharded index"
run "$NEWSIDX" --db "$T/sh" dict --show
expect_in "쿠루미포토칸 쿠루미 포토칸" "$OUT" "dict --show of a sharded index"
# rebalance copies the posts with the dictionary they were analyzed with: still current.
run "$NEWSIDX" --db "$T/sh" rebalance --shards 3
expect_rc 0 "rebalance --shards 3"
for k in 0 1 2; do
  expect_in "쿠루미포토칸 쿠루미 포토칸" "$(xapian-metadata get "$T/sh/shard-$k" newsidx.dictionary)" "rebalanced shard-$k's dictionary"
done
got=$("$NEWSQ" --db "$T/sh" --format trec -n 20 포토칸 | awk '{print $3}' | sort | tr '\n' ' ')
expect_eq "$got" "part shop " "포토칸 after rebalance"
finish
