# newsidx watch on a sharded index (issue 16): added, edited and deleted
# posts reach the shard their id routes to, and only that shard; the stub
# and the shard count stay as they were; SIGINT stops it cleanly.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/shards_lib.sh"
export NEWSIDX_DB="$T/sh"
D="$T/blog/_posts"
birds=(gannet puffin plover curlew dunlin avocet godwit merlin osprey kestrel shrike wryneck)
for i in 0 1 2 3 4 5; do post "$D/2025-02-0$((i + 1))-${birds[$i]}.md" "새 ${birds[$i]}" "${birds[$i]} 관찰 기록"; done
run "$NEWSIDX" add --shards 3 "$D"
expect_rc 0 "add --shards 3"
expect_eq "$(summary)" "6 0 0 0 0 0" "first sharded add"

"$NEWSIDX" watch "$D" >"$T/w.out" 2>"$T/w.err" &
W=$!
for _ in $(seq 300); do grep -q "^added " "$T/w.out" && break; sleep 0.1; done
expect_in "added 0, updated 0, unchanged 6, removed 0, failed 0" "$(head -n 1 "$T/w.out")" "the first pass of watch on a sharded index ($(cat "$T/w.err"))"

ids_in() {  # ids_in DB WORD: the ids a search for WORD finds in DB
  "$NEWSQ" --db "$1" --json -n 50 "$2" | python3 -c 'import json, sys; print(" ".join(sorted(h["id"] for h in json.load(sys.stdin)["hits"])))'
}
wait_for() {  # wait_for WORD WANT: up to 10 s until the whole index finds exactly WANT for WORD
  for _ in $(seq 100); do [ "$(ids_in "$NEWSIDX_DB" "$1")" = "$2" ] && return 0; sleep 0.1; done
  fail "$1: found '$(ids_in "$NEWSIDX_DB" "$1")', expected '$2' ($(tail -n 2 "$T/w.out" "$T/w.err"))"
}
in_its_shard() {  # in_its_shard ID WORD: WORD finds ID in shard shard_of(ID) and in no other
  local want k got
  want=$(shard_of "$1" 3)
  for k in 0 1 2; do
    got=$(ids_in "$NEWSIDX_DB/shard-$k" "$2")
    if [ "$k" = "$want" ]; then expect_eq "$got" "$1" "$2 in shard-$k (its shard)"; else expect_eq "$got" "" "$2 in shard-$k (not its shard)"; fi
  done
}

# New posts while watching: six ids spread over the three shards.
used=""
for i in 6 7 8 9 10 11; do
  id="2025-03-$((i + 1))-${birds[$i]}"
  post "$D/$id.md" "새 ${birds[$i]}" "${birds[$i]} 둥지 발견"
  used+="$(shard_of "$id" 3)"
done
for i in 6 7 8 9 10 11; do
  id="2025-03-$((i + 1))-${birds[$i]}"
  wait_for "${birds[$i]}" "$id"
  in_its_shard "$id" "${birds[$i]}"
done
[[ $used == *0* && $used == *1* && $used == *2* ]] || fail "the test's premise: new posts in every shard (routes: $used)"

# An edit and a deletion, each in its own shard.
post "$D/2025-02-01-gannet.md" "새 gannet" "gannet 번식지 이동 tern"
wait_for tern "2025-02-01-gannet"
in_its_shard 2025-02-01-gannet tern
expect_eq "$(ids_in "$NEWSIDX_DB" 관찰 | wc -w)" "5" "posts still saying 관찰 after the edit"
rm "$D/2025-02-02-puffin.md"
wait_for puffin ""
for k in 0 1 2; do expect_eq "$(ids_in "$NEWSIDX_DB/shard-$k" puffin)" "" "the deleted post in shard-$k"; done

kill -INT "$W"
wait "$W"
RC=$?
expect_rc 0 "watch stops on SIGINT"
[ -s "$T/w.err" ] && fail "watch wrote to stderr: $(head -c 400 "$T/w.err")"
expect_eq "$(grep -c '^auto shard-' "$NEWSIDX_DB/XAPIANDB")" "3" "the stub still lists 3 shards"
run "$NEWSIDX" stats --json
python3 - "$OUT" <<'PY' || fail "stats after watching: $OUT"
import json, sys
j = json.loads(sys.argv[1])
assert j["documents"] == 11, j["documents"]
assert len(j["shards"]) == 3, j["shards"]
PY
[ -e "$NEWSIDX_DB/iamglass" ] && fail "watch wrote a single database into the sharded folder"
finish
