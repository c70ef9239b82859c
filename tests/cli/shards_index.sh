# Sharded indexing: add --shards N routes each post by its id's hash and
# keeps it there; re-adding is incremental; remove, sync, reindex, synonyms
# and stats work per shard; the shard count changes only through rebalance,
# after which searches still give the one-database answers.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/shards_lib.sh"
gen_posts "$T/posts" 150 3
cp -r "$SRC/corpus/_posts" "$T/posts/corpus"
run "$NEWSIDX" --db "$T/one" add "$T/posts"
expect_rc 0 "add one"
total=$(summary | cut -d' ' -f1)
sk=$(summary | cut -d' ' -f4)  # the corpus's unpublished post

run "$NEWSIDX" --db "$T/sh" add --shards 3 "$T/posts"
expect_rc 0 "add --shards 3"
expect_eq "$(summary)" "$total 0 0 $sk 0 0" "first sharded add"
expect_eq "$(grep -c '^auto shard-' "$T/sh/XAPIANDB")" "3" "stub lines"
run "$NEWSIDX" --db "$T/sh" add "$T/posts"
expect_eq "$(summary)" "0 0 $total $sk 0 0" "re-add without --shards is incremental"
run "$NEWSIDX" --db "$T/sh" add --shards 3 "$T/posts"
expect_eq "$(summary)" "0 0 $total $sk 0 0" "re-add with the same --shards"

# Every post is in the shard its id hashes to, and only there.
run "$NEWSIDX" --db "$T/sh" stats --json
python3 - "$OUT" "$total" <<'PY' || fail "stats --json per shard"
import json, sys
j = json.loads(sys.argv[1]); total = int(sys.argv[2])
assert j["documents"] == total, j["documents"]
assert len(j["shards"]) == 3 and sum(s["documents"] for s in j["shards"]) == total, j["shards"]
assert all(s["documents"] > total // 6 for s in j["shards"]), [s["documents"] for s in j["shards"]]
assert j["shards"][1]["path"].endswith("/shard-1")
PY
run "$NEWSIDX" --db "$T/sh" stats
expect_in "shards:      3" "$OUT" "stats text"
expect_in "shard 2" "$OUT" "stats text"
checked=0
for f in $(find "$T/posts"/g? -name '*.md' | sort | awk 'NR % 12 == 1'); do  # generated posts: all published
  id=${f#"$T/posts/"}; id=${id%.md}
  want=$(shard_of "$id" 3)
  for k in 0 1 2; do
    "$NEWSIDX" --db "$T/sh/shard-$k" terms "$id" >/dev/null 2>&1; rc=$?
    if [ "$k" = "$want" ]; then [ $rc -eq 0 ] || fail "$id not in shard $k"; else [ $rc -eq 1 ] || fail "$id also in shard $k ($rc)"; fi
  done
  checked=$((checked + 1))
done
[ "$checked" -gt 8 ] || fail "only $checked posts checked"
run "$NEWSIDX" --db "$T/sh" terms "g1/$(ls "$T/posts/g1" | head -1 | sed 's/\.md$//')"
expect_rc 0 "terms through the stub"

# The count cannot change by accident.
run "$NEWSIDX" --db "$T/sh" add --shards 2 "$T/posts"
expect_rc 3 "--shards 2 on 3 shards"
expect_in "has 3 shards, not 2" "$ERR"
expect_in "newsidx rebalance --shards 2" "$ERR"
run "$NEWSIDX" --db "$T/one" add --shards 3 "$T/posts"
expect_rc 3 "--shards 3 on a single index"
expect_in "rebalance --shards 3" "$ERR"
run "$NEWSIDX" --db "$T/x" add --shards 0 "$T/posts"
expect_rc 2 "--shards 0"

# An edit updates the post in its own shard; remove and sync find posts wherever they are.
f=$(find "$T/posts/g2" -name '*.md' | sort | head -1); id=${f#"$T/posts/"}; id=${id%.md}
k=$(shard_of "$id" 3)
printf '\n타조알 zebrafinch\n' >>"$f"
run "$NEWSIDX" --db "$T/sh" add "$T/posts"
expect_eq "$(summary)" "0 1 $((total - 1)) $sk 0 0" "one edited post"
run "$NEWSQ" --db "$T/sh" --format trec zebrafinch
expect_eq "$(awk '{print $3}' <<<"$OUT")" "$id" "edited post found"
"$NEWSIDX" --db "$T/sh/shard-$k" terms "$id" | grep -q '^zebrafinch' || fail "edit not in shard $k"
run "$NEWSIDX" --db "$T/sh" remove "$id" no/such/post
expect_rc 1 "remove one present, one missing"
expect_in "removed 1" "$OUT"
expect_in "no/such/post: no such post" "$ERR"
expect_not_in "$id: no such" "$ERR" "a post found in one shard is not missing"
g=$(find "$T/posts/g3" -name '*.md' | sort | head -1); rm "$g"
run "$NEWSIDX" --db "$T/sh" sync "$T/posts"
expect_eq "$(summary)" "1 0 $((total - 2)) $sk 1 0" "sync re-adds the removed post and drops the deleted file"
run "$NEWSIDX" --db "$T/one" sync "$T/posts"
run "$NEWSIDX" --db "$T/sh" reindex
expect_rc 0 "reindex"
expect_in "reindexed $((total - 1))" "$OUT"

# Synonyms go to every shard.
printf 'zebrafinch = 금화조\n' >"$T/syn.txt"
run "$NEWSIDX" --db "$T/sh" synonyms "$T/syn.txt"
expect_rc 0 "synonyms"
run "$NEWSIDX" --db "$T/one" synonyms "$T/syn.txt"
run "$NEWSQ" --db "$T/sh" --format trec 금화조
expect_eq "$(awk '{print $3}' <<<"$OUT")" "$id" "synonym through shards"

cat >"$T/q.tsv" <<'Q'
1	스타게이트
2	삼성전자가 반도체를
3	"search engine"
4	tag:AI 메모리
5	OpenAI
6	금화조
Q
"$NEWSQ" --db "$T/one" --json -n 40 --batch "$T/q.tsv" >"$T/one.json"
"$NEWSQ" --db "$T/sh" --json -n 40 --batch "$T/q.tsv" >"$T/sh.json"
same_results "$T/one.json" "$T/sh.json" || fail "3 shards differ from one database"

# Stub files: nested (a stub naming the sharded folder) searches alike; a bad line is named.
printf '# nested\nauto sh\n' >"$T/nested.stub"
"$NEWSQ" --db "$T/nested.stub" --json -n 40 --batch "$T/q.tsv" >"$T/nested.json"
same_results "$T/one.json" "$T/nested.json" || fail "stub naming a sharded folder"
printf 'auto sh\nauto nope\n' >"$T/bad.stub"
run "$NEWSQ" --db "$T/bad.stub" 스타게이트
expect_rc 3 "stub naming a missing database"
expect_in "bad.stub:2: $T/nope: no such database" "$ERR"
printf 'frob sh\n' >"$T/bad2.stub"
run "$NEWSQ" --db "$T/bad2.stub" 스타게이트
expect_rc 3 "stub with an unknown line"
expect_in 'bad2.stub:1: expected "auto PATH"' "$ERR"
run "$NEWSQ" --remote nonsense 스타게이트
expect_rc 2 "--remote without a port"
expect_in "--remote nonsense: expected HOST:PORT" "$ERR"

# Rebalance: 3 -> 2 shards -> 1 (unsharded) -> 4, answers unchanged each time.
for n in 2 1 4; do
  run "$NEWSIDX" --db "$T/sh" rebalance --shards $n
  expect_rc 0 "rebalance --shards $n"
  expect_in "rebalanced $((total - 1)) posts" "$OUT" "rebalance $n"
  [ ! -e "$T/sh.rebalance" ] && [ ! -e "$T/sh.old" ] || fail "rebalance $n left its work folders"
  if [ $n = 1 ]; then [ ! -e "$T/sh/XAPIANDB" ] || fail "rebalance 1 still sharded"
  else expect_eq "$(grep -c '^auto shard-' "$T/sh/XAPIANDB")" "$n" "stub after rebalance $n"; fi
  "$NEWSQ" --db "$T/sh" --json -n 40 --batch "$T/q.tsv" >"$T/sh.json"
  same_results "$T/one.json" "$T/sh.json" || fail "after rebalance --shards $n"
  run "$NEWSIDX" --db "$T/sh" add "$T/posts"
  expect_eq "$(summary)" "0 0 $((total - 1)) $sk 0 0" "add after rebalance $n is incremental"
done
f=$(find "$T/posts/g4" -name '*.md' | sort | head -1); id=${f#"$T/posts/"}; id=${id%.md}
"$NEWSIDX" --db "$T/sh/shard-$(shard_of "$id" 4)" terms "$id" >/dev/null || fail "$id not in its shard after rebalance"
finish
