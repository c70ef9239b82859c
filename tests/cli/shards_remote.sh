# Searching shards gives the answers of one database: the same posts indexed
# into one database and into 3 shards, searched as a sharded folder, a stub
# of local shard paths, 3 xapian-tcpsrv servers on loopback (--remote and a
# stub of `remote` lines); then a dead, a stopped and a dying shard: the
# documented error (exit 3, the shard named) or, with --allow-partial,
# results marked partial — within 2 s (asserted < 4 s for a loaded machine).
# Also filters, date ranges, --recent, facets (exact counts), date sorts,
# pages, -n 1 against -n 50 and --similar agree with one database.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/shards_lib.sh"
SHARDS="$SRC/scripts/shards.sh"
RUN="$T/servers"
# Every server is stopped at exit, whatever happened (process groups: tcpsrv forks per connection).
trap '[ -f "$RUN/pids" ] && bash "$SHARDS" stop "$RUN" >/dev/null 2>&1; rm -rf "$T"' EXIT
command -v xapian-tcpsrv >/dev/null || fail "xapian-tcpsrv missing (scripts/setup.sh installs xapian-tools)"

N=${SHARDS_TEST_POSTS:-400}
gen_posts "$T/gen" "$N" 7
run "$NEWSIDX" --db "$T/one" add "$SRC/corpus" "$T/gen"
expect_rc 0 "add into one database"
run "$NEWSIDX" --db "$T/sh" add --shards 3 "$SRC/corpus" "$T/gen"
expect_rc 0 "add into 3 shards"

cat >"$T/queries.tsv" <<'Q'
ko1	스타게이트
ko2	삼성전자가 반도체를
ko3	데이터센터 전력
ko4	김치찌개
en1	OpenAI
en2	semiconductor market
en3	search engine
mix	오픈AI 투자
ph1	"AI 동맹"
ph2	"search engine"
ex1	삼성 -반도체
or1	제주 OR 바다
ti1	title:스타게이트
tag1	tag:AI 메모리
cat1	category:tech 검색엔진
au1	author:편집부 인공지능
syn1	Samsung
rare	형태소
Q
batch() {  # batch OUT newsq-args...: the fixed queries, JSON, 30 hits each
  local out=$1; shift
  "$NEWSQ" "$@" --json -n 30 --batch "$T/queries.tsv" >"$out" 2>"$T/batch.err"
  local rc=$?
  [ "$rc" -eq 0 ] || fail "newsq $* --batch: exit $rc ($(head -c 400 "$T/batch.err"))"
}
batch "$T/one.json" --db "$T/one"
hits=$(python3 -c 'import json,sys; print(sum(len(json.loads(l)["hits"]) for l in open(sys.argv[1])))' "$T/one.json")
[ "$hits" -gt 150 ] || fail "the query set finds too little to compare ($hits hits)"
ties=$(python3 -c '
import json, sys
n = 0
for l in open(sys.argv[1]):
    s = [h["score"] for h in json.loads(l)["hits"]]
    n += sum(1 for a, b in zip(s, s[1:]) if a == b)
print(n)' "$T/one.json")
[ "$ties" -gt 0 ] || fail "no tied scores among the hits: the tie order is not tested"
echo "one database: $hits hits over $(wc -l <"$T/queries.tsv") queries, $ties ties"

batch "$T/sh.json" --db "$T/sh"
same_results "$T/one.json" "$T/sh.json" || fail "sharded folder differs from one database"

printf '# three local shards\nauto %s\nauto sh/shard-1\nauto ./sh/shard-2\n' "$T/sh/shard-0" >"$T/local.stub"
batch "$T/stub.json" --db "$T/local.stub"
same_results "$T/one.json" "$T/stub.json" || fail "stub of local shards differs from one database"

# Three servers, one per shard.
run bash "$SHARDS" start "$T/sh" --run "$RUN"
expect_rc 0 "shards.sh start"
mapfile -t PORTS < <(sed -n 's/^remote 127\.0\.0\.1:\([0-9]*\)$/\1/p' <<<"$OUT")
expect_eq "${#PORTS[@]}" "3" "servers started"
REMOTES=()
for p in "${PORTS[@]}"; do REMOTES+=(--remote "127.0.0.1:$p"); done

batch "$T/remote.json" "${REMOTES[@]}"
same_results "$T/one.json" "$T/remote.json" || fail "3 remote shards (--remote) differ from one database"
batch "$T/rstub.json" --db "$RUN/stub"
same_results "$T/one.json" "$T/rstub.json" || fail "stub of remote shards differs from one database"
# Filters, date ranges, the recency boost, facets (exact counts), date
# sorts and pages through every layout: the same ids, order and scores
# (within 1e-9) and the same facet counts as one database.
cat >"$T/typing.tsv" <<'Q'
ini	ㅅㅌㄱㅇㅌ
layout	tmxkrpdlxm
dym	스타게이투
dym2	반도쳬
Q
LOCAL=("--db $T/sh" "--db $T/local.stub")
REMOTE=("--db $RUN/stub" "${REMOTES[*]}")
LAYOUTS=("${LOCAL[@]}" "${REMOTE[@]}")
compare_opts() {  # compare_opts "OPTIONS": one database against every layout
  local o lo l
  read -ra o <<<"$1"
  batch "$T/o1.json" --db "$T/one" "${o[@]}"
  [ "$(python3 -c 'import json,sys; print(sum(len(json.loads(l)["hits"]) for l in open(sys.argv[1])))' "$T/o1.json")" -gt 20 ] \
    || fail "$1: too few hits to compare"
  for l in "${LAYOUTS[@]}"; do
    read -ra lo <<<"$l"
    batch "$T/o2.json" "${lo[@]}" "${o[@]}"
    same_results "$T/o1.json" "$T/o2.json" >"$T/cmp.txt" || fail "$1 over ${l:0:60}: $(head -c 1500 "$T/cmp.txt")"
  done
  echo "$1: $(tail -1 "$T/cmp.txt"), ${#LAYOUTS[@]} layouts agree"
}
for opts in "--sort date" "--sort date-asc --category tech" "--facets" "--facets --tag AI --since 2024" \
  "--tag AI --offset 7" "--since 2024 --until 2024-06" "--recent --author 편집부" "--tag 반도체 --sort date --offset 3"; do
  compare_opts "$opts"
done
# Facet counts are the number of matching posts per value (partial matches
# too): years add up to the total.
"$NEWSQ" --db "$RUN/stub" --json -n 5 --facets --batch "$T/queries.tsv" >"$T/f.json"
python3 - "$T/f.json" <<'PY' || fail "remote facet counts do not add up to the matches"
import json, sys
for l in open(sys.argv[1]):
    j = json.loads(l)
    years = sum(f["count"] for f in j["facets"]["years"])
    total = j["estimated_total"] + j["partial_match_total"]
    assert years == total, (j["query"], years, total)
PY

# A filter only restricts: each post keeps the score it has without the
# filter; and a post's score does not depend on -n (Xapian 1.4.22 pruned
# and rewrote the query differently as the page filled).
"$NEWSQ" --db "$T/one" --json -n 1000 --batch "$T/queries.tsv" >"$T/all.json" || fail "unfiltered -n 1000"
checked=0
for l in "--db $T/one" "${LAYOUTS[@]}"; do
  read -ra lo <<<"$l"
  : >"$T/f50.json"; : >"$T/f1.json"
  for f in "--tag AI" "--since 2024 --until 2024-06"; do
    read -ra fo <<<"$f"
    "$NEWSQ" "${lo[@]}" "${fo[@]}" --json -n 50 --batch "$T/queries.tsv" >>"$T/f50.json" || fail "$f -n 50 over ${l:0:60}"
    "$NEWSQ" "${lo[@]}" "${fo[@]}" --json -n 1 --batch "$T/queries.tsv" >>"$T/f1.json" || fail "$f -n 1 over ${l:0:60}"
  done
  python3 - "$T/all.json" "$T/f50.json" "$T/f1.json" <<'PY' >"$T/cmp.txt" || fail "filters over ${l:0:60}: $(head -c 1500 "$T/cmp.txt")"
import json, sys
full = [json.loads(l) for l in open(sys.argv[1])]
f50 = [json.loads(l) for l in open(sys.argv[2])]
f1 = [json.loads(l) for l in open(sys.argv[3])]
assert len(f50) == len(f1) == 2 * len(full), (len(full), len(f50), len(f1))
bad = n = 0
for i, (b, c) in enumerate(zip(f50, f1)):
    score = {h["id"]: h["score"] for h in full[i % len(full)]["hits"]}
    for h in b["hits"]:
        n += 1
        if h["id"] not in score or abs(score[h["id"]] - h["score"]) > 1e-9 * abs(h["score"]):
            print(f"{b['query']}: {h['id']} scores {h['score']!r} filtered, {score.get(h['id'])!r} unfiltered"); bad += 1
    if [(h["id"], h["score"]) for h in c["hits"]] != [(h["id"], h["score"]) for h in b["hits"][:1]]:
        print(f"{b['query']}: -n 1 gives {c['hits'][:1]}, -n 50 starts {b['hits'][:1]}"); bad += 1
print(n)
sys.exit(1 if bad else 0)
PY
  checked=$((checked + $(tail -1 "$T/cmp.txt" | grep -o '^[0-9]*$' || echo 0)))
done
[ "$checked" -gt 1000 ] || fail "too few filtered hits checked ($checked)"
echo "filtered scores = unfiltered scores, -n 1 = first of -n 50: $checked filtered hits in $((${#LAYOUTS[@]} + 1)) layouts"

# Pages: --offset 0/10/20 with -n 10 make up -n 30 of one database (one database, shards, remote shards).
batch "$T/t30.json" --db "$T/one" --tag AI
for l in "--db $T/one" "--db $T/sh" "--db $RUN/stub"; do
  read -ra lo <<<"$l"
  for k in 0 10 20; do
    "$NEWSQ" "${lo[@]}" --tag AI --json -n 10 --offset "$k" --batch "$T/queries.tsv" >"$T/p$k.json"
  done
  python3 - "$T/t30.json" "$T/p0.json" "$T/p10.json" "$T/p20.json" <<'PY' >"$T/cmp.txt" || fail "pages over ${l:0:60}: $(cat "$T/cmp.txt")"
import json, sys
whole = [json.loads(l) for l in open(sys.argv[1])]
pages = [[json.loads(l) for l in open(p)] for p in sys.argv[2:]]
for i, w in enumerate(whole):
    hits = [h for p in pages for h in p[i]["hits"]]
    if [h["rank"] for h in hits] != list(range(1, len(hits) + 1)):
        print(w["query"], "ranks", [h["rank"] for h in hits]); sys.exit(1)
    got, want = [h["id"] for h in hits], [h["id"] for h in w["hits"]]
    if got != want or any(abs(a["score"] - b["score"]) > 1e-9 * abs(b["score"]) for a, b in zip(hits, w["hits"])):
        print(w["query"], got[:8], want[:8]); sys.exit(1)
PY
done
echo "pages of 10 make up -n 30 in 3 layouts"

# Related posts: the expansion terms and the list are the same in every layout.
mapfile -t SIMILAR < <(python3 -c '
import json, sys
for l in open(sys.argv[1]):
    j = json.loads(l)
    if j["query"] in ("스타게이트", "semiconductor market", "김치찌개") and j["hits"]:
        print(j["hits"][0]["id"])' "$T/one.json")
[ "${#SIMILAR[@]}" -ge 3 ] || fail "too few posts for --similar (${#SIMILAR[@]})"
for id in "${SIMILAR[@]}"; do
  for l in "--db $T/one" "${LAYOUTS[@]}"; do
    read -ra lo <<<"$l"
    "$NEWSQ" "${lo[@]}" --json -n 20 --explain --similar "$id" >>"$T/similar.json" || fail "--similar $id over ${l:0:60}"
  done
done
python3 - "$T/similar.json" "$(( ${#LAYOUTS[@]} + 1 ))" <<'PY' >"$T/cmp.txt" || fail "--similar differs: $(head -c 1500 "$T/cmp.txt")"
import json, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
k = int(sys.argv[2])
bad = 0
for i in range(0, len(runs), k):
    want = runs[i]
    for j, got in enumerate(runs[i + 1:i + k], 1):
        if got["explain"]["expanded"] != want["explain"]["expanded"]:
            print(f"{want['explain']['parsed']} layout {j}: other expansion terms"); bad += 1
        w = [(h["id"], h["score"]) for h in want["hits"]]
        g = [(h["id"], h["score"]) for h in got["hits"]]
        if [x[0] for x in w] != [x[0] for x in g] or any(abs(a[1] - b[1]) > 1e-9 * abs(a[1]) for a, b in zip(w, g)):
            print(f"{want['explain']['parsed']} layout {j}:\n  want {w[:6]}\n  got  {g[:6]}"); bad += 1
    if len(want["hits"]) < 5:
        print(f"{want['explain']['parsed']}: only {len(want['hits'])} related posts"); bad += 1
sys.exit(1 if bad else 0)
PY
echo "--similar: ${#SIMILAR[@]} posts, same lists and terms in ${#LAYOUTS[@]} layouts"

# Korean typing help (초성, keyboard layout, did-you-mean from each shard's typo table: metadata, which remote shards serve).
"$NEWSQ" --db "$T/one" --json -n 30 --autocorrect --batch "$T/typing.tsv" >"$T/t1.json"
python3 -c 'import json,sys; r=[json.loads(l) for l in open(sys.argv[1])]; assert r[0]["mode"] and r[1]["search_instead"] and r[2]["search_instead"] == "스타게이투", r' \
  "$T/t1.json" || fail "typing help does not trigger on one database"
for l in "${LOCAL[@]}" "${REMOTE[@]}"; do
  read -ra lo <<<"$l"
  "$NEWSQ" "${lo[@]}" --json -n 30 --autocorrect --batch "$T/typing.tsv" >"$T/t2.json" 2>"$T/t2.err"
  same_results "$T/t1.json" "$T/t2.json" >"$T/cmp.txt" || fail "typing help over ${l:0:60}: $(cat "$T/cmp.txt")"
done

# Names in two scripts come from the synonym table, which remote shards do not serve: its metadata copy is used.
run "$NEWSQ" --db "$RUN/stub" --json -n 50 Samsung
python3 -c 'import json,sys; j=json.load(sys.stdin); assert any("삼성" in h["title"] for h in j["hits"]), j["hits"][:3]' <<<"$OUT" \
  || fail "Samsung over remote shards does not find 삼성 (synonyms lost)"
run bash "$SHARDS" search "$RUN" -q -n 1 스타게이트
expect_rc 0 "shards.sh search"

# A dead shard: refused at once. The error names it; exit 3.
read -r pid2 port2 _ < <(sed -n 2p "$RUN/pids")
kill -TERM -- "-$pid2"
for ((i = 0; i < 100; i++)); do kill -0 "$pid2" 2>/dev/null || break; sleep 0.05; done
t0=$(now); run "$NEWSQ" "${REMOTES[@]}" 스타게이트; t1=$(now)
expect_rc 3 "dead shard"
expect_in "shard 2 of 3 (127.0.0.1:$port2) is unreachable" "$ERR" "dead shard error"
expect_in "--allow-partial" "$ERR" "dead shard error"
echo "dead shard: error after $(elapsed "$t0" "$t1") s"
python3 -c 'import sys; sys.exit(float(sys.argv[1]) < 4)' "$(elapsed "$t0" "$t1")" && fail "dead shard took $(elapsed "$t0" "$t1") s"

# With --allow-partial: the other shards' hits, in the one-database order, marked partial.
t0=$(now); run "$NEWSQ" "${REMOTES[@]}" --allow-partial --json -n 30 스타게이트; t1=$(now)
expect_rc 0 "partial"
echo "dead shard, --allow-partial: answer after $(elapsed "$t0" "$t1") s"
printf '%s\n' "$OUT" >"$T/partial.json"
grep -P '^ko1\t' "$T/queries.tsv" >/dev/null || fail "query ko1 missing"
python3 - "$T/one.json" "$T/partial.json" "$T/sh/XAPIANDB" <<'PY' || fail "partial result"
import json, sys
one = json.loads(open(sys.argv[1]).readline())  # ko1 = 스타게이트, 30 hits
got = json.loads(open(sys.argv[2]).read())
def shard(i):
    h = 0xcbf29ce484222325
    for c in i.encode(): h = ((h ^ c) * 0x100000001b3) % (1 << 64)
    return h % 3
assert got["partial"] is True, got.get("partial")
assert len(got["missing_shards"]) == 1 and "shard 2 of 3" in got["missing_shards"][0], got["missing_shards"]
assert any("partial" in w for w in got["warnings"]), got["warnings"]
ids = [h["id"] for h in got["hits"]]
assert ids and all(shard(i) != 1 for i in ids), ids
# In the order the full result has them (scores differ: shard 2's posts no longer count in BM25's statistics).
full = [h["id"] for h in one["hits"] if shard(h["id"]) != 1]
n = min(len(full), len(ids))
assert n >= 5 and ids[:n] == full[:n] or set(ids[:5]) <= set(full), (ids[:n], full[:n])
PY

# A stopped shard (SIGSTOP: connections hang): the timeout (1 s default) decides.
read -r pid3 port3 _ < <(sed -n 3p "$RUN/pids")
kill -STOP "$pid3"
REMOTES2=(--remote "127.0.0.1:${PORTS[0]}" --remote "127.0.0.1:$port3")
t0=$(now); run "$NEWSQ" "${REMOTES2[@]}" 스타게이트; t1=$(now)
expect_rc 3 "stopped shard"
expect_in "shard 2 of 2 (127.0.0.1:$port3) did not answer within 1000 ms" "$ERR" "stopped shard error"
e=$(elapsed "$t0" "$t1"); echo "stopped shard: error after $e s"
python3 -c 'import sys; sys.exit(not (0.9 < float(sys.argv[1]) < 4))' "$e" || fail "stopped shard took $e s (timeout 1 s)"
t0=$(now); run "$NEWSQ" "${REMOTES2[@]}" --allow-partial --json 스타게이트; t1=$(now)
expect_rc 0 "stopped shard, partial"
expect_in '"partial":true' "$OUT" "stopped shard, partial"
e=$(elapsed "$t0" "$t1"); echo "stopped shard, --allow-partial: answer after $e s"
python3 -c 'import sys; sys.exit(float(sys.argv[1]) >= 4)' "$e" || fail "stopped shard, partial took $e s"
t0=$(now); run "$NEWSQ" "${REMOTES2[@]}" --timeout 300 스타게이트; t1=$(now)
expect_rc 3 "--timeout 300"
expect_in "within 300 ms" "$ERR" "--timeout 300"
echo "stopped shard, --timeout 300: error after $(elapsed "$t0" "$t1") s"
kill -CONT "$pid3"

# A shard that dies between two queries of one newsq (--batch from a pipe):
# the second query fails naming it, or with --allow-partial goes on without
# it, ranking as a fresh search of the shard left does (a question: its hits
# are re-ranked by passage sketches, which the Searcher keeps between
# queries under docids that change when a shard leaves).
QUESTION='스타게이트 데이터센터에 전력을 공급하는 회사는 어디인가'
serve() {  # serve SHARD_DIR: one more server (stopped at exit with the others); sets SPID SPORT
  SPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$SPORT" "$1" >/dev/null 2>&1 </dev/null &
  SPID=$!; disown "$SPID"
  echo "$SPID $SPORT $1" >>"$RUN/pids"
  for ((i = 0; i < 100; i++)); do (exec 3<>"/dev/tcp/127.0.0.1/$SPORT") 2>/dev/null && return; sleep 0.05; done
  fail "xapian-tcpsrv on $SPORT did not start"
}
for mode in strict partial; do
  serve "$T/sh/shard-0"; pa=$SPID; porta=$SPORT
  serve "$T/sh/shard-2"; pb=$SPID; portb=$SPORT
  extra=(); [ $mode = partial ] && extra=(--allow-partial)
  rm -f "$T/fifo"; mkfifo "$T/fifo"
  : >"$T/mid.out"
  "$NEWSQ" --remote "127.0.0.1:$porta" --remote "127.0.0.1:$portb" "${extra[@]}" --json -n 20 --batch - \
    <"$T/fifo" >"$T/mid.out" 2>"$T/mid.err" &
  qpid=$!
  exec 7>"$T/fifo"
  printf 'a\t%s\n' "$QUESTION" >&7
  for ((i = 0; i < 100; i++)); do [ -s "$T/mid.out" ] && break; sleep 0.05; done
  kill -KILL -- "-$pb"  # the server and the child serving newsq's connection
  t0=$(now)
  printf 'b\t%s\n' "$QUESTION" >&7
  exec 7>&-
  wait "$qpid"; rc=$?; t1=$(now)
  e=$(elapsed "$t0" "$t1")
  echo "shard killed mid-batch ($mode): second query done after $e s, exit $rc"
  python3 -c 'import sys; sys.exit(float(sys.argv[1]) >= 4)' "$e" || fail "mid-batch $mode took $e s"
  if [ $mode = strict ]; then
    [ "$rc" -eq 3 ] || fail "mid-batch strict: exit $rc"
    grep -qF "shard 2 of 2 (127.0.0.1:$portb)" "$T/mid.err" || fail "mid-batch strict: $(cat "$T/mid.err")"
  else
    [ "$rc" -eq 0 ] || fail "mid-batch partial: exit $rc ($(cat "$T/mid.err"))"
    python3 -c '
import json, sys
a, b = [json.loads(l) for l in open(sys.argv[1])]
assert not a["partial"] and b["partial"] and "shard 2 of 2" in b["missing_shards"][0], (a["partial"], b.get("missing_shards"))
assert b["hits"], "no hits from the shard left"' "$T/mid.out" || fail "mid-batch partial output"
    printf 'b\t%s\n' "$QUESTION" | "$NEWSQ" --remote "127.0.0.1:$porta" --json -n 20 --batch - >"$T/left.out" 2>"$T/left.err" ||
      fail "the shard left, searched alone: $(cat "$T/left.err")"
    python3 -c '
import json, sys
b = [json.loads(l) for l in open(sys.argv[1])][1]
left = json.loads(open(sys.argv[2]).read())
got = [(h["id"], round(h["score"], 9)) for h in b["hits"]]
want = [(h["id"], round(h["score"], 9)) for h in left["hits"]]
assert got == want, f"after the shard left {got}, the shard alone {want}"' "$T/mid.out" "$T/left.out" ||
      fail "mid-batch partial: ranked otherwise than the shard left alone"
  fi
  kill -TERM -- "-$pa" 2>/dev/null
done
finish
