# Single writer, many readers: while a long `add` commits every few posts,
# reader loops run newsq and `newsidx stats` the whole time. Every reader
# run exits 0 or 1 (never 3, never a DatabaseModifiedError, never a crash)
# and sees a committed state: hit counts of a query whose matches only grow
# never go down, ids are never repeated. A second writer meanwhile fails at
# once (exit 3, "locked") naming the holder's pid and command.
#
# Knobs: READERS_POSTS (default 2000; 800 for ASan binaries, ~5x slower),
# READERS_BATCH_MB (--batch-mb of the writer, default 0.02).

# Work in RAM when possible (/dev/shm with 512+ MB free, or NEWSIDX_TEST_TMPDIR):
# a hundred fsyncs on a busy shared disk would make the run's length depend
# on the neighbours, and what is tested here is the same on both.
if [ -n "${NEWSIDX_TEST_TMPDIR:-}" ]; then
  export TMPDIR=$NEWSIDX_TEST_TMPDIR
elif [ -w /dev/shm ] && [ "$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }')" -gt 524288 ] 2>/dev/null; then
  export TMPDIR=/dev/shm
fi
source "$(dirname "$0")/lib.sh"
PY=$(python3 -c 'import sys; print(sys.executable)')
asan=0
ldd "$NEWSIDX" 2>/dev/null | grep -q libasan && asan=1
POSTS=${READERS_POSTS:-$([ "$asan" = 1 ] && echo 800 || echo 2000)}
BATCH_MB=${READERS_BATCH_MB:-0.02}
DB=$NEWSIDX_DB
P=$T/posts

# Every 5th post has "zebrafish", every 7th "해마" (seahorse): words no other
# post contains, so a query's hits are exactly the committed posts with it.
"$PY" - "$P" "$POSTS" <<'PY' || fail "generator"
import os, random, sys
out, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(11)
KO = ("삼성전자가 새로운 반도체 공장을 발표했다", "오픈AI와 소프트뱅크는 스타게이트 사업을 추진한다",
      "데이터센터의 전력 소비가 빠르게 늘고 있다", "제주 올레길을 걸으며 바다를 보았다")
EN = ("Samsung announced a new foundry deal", "OpenAI and SoftBank build Stargate data centers",
      "memory chips such as HBM are in short supply", "we walked along the coast of Jeju")
for i in range(n):
    d = os.path.join(out, "_posts", f"m{i % 12 + 1:02d}")
    os.makedirs(d, exist_ok=True)
    extra = (" zebrafish" if i % 5 == 0 else "") + (" 해마를 보았다" if i % 7 == 0 else "")
    body = " ".join(rng.choice(KO) + ". " + rng.choice(EN) + "." for _ in range(rng.randint(3, 10)))
    with open(os.path.join(d, f"2024-{i % 12 + 1:02d}-01-post-{i:05d}.md"), "w", encoding="utf-8") as f:
        f.write(f"---\ntitle: \"글 {i}\"\ntags: [AI]\n---\n\n{body}{extra}.\n")
PY
ZEBRA=$(( (POSTS + 4) / 5 ))
SEAHORSE=$(( (POSTS + 6) / 7 ))

# reader NAME CMD...: runs CMD until $T/done appears; one count per run in
# $T/NAME.counts; problems in $T/NAME.fail. For newsq the count is the number
# of TREC lines, for stats the documents.
reader() {
  local name=$1 prev=0 rc count runs=0
  shift
  : >"$T/$name.counts"
  while [ ! -e "$T/done" ]; do
    "$@" >"$T/$name.out" 2>"$T/$name.err"
    rc=$?
    runs=$((runs + 1))
    if [ "$1" = "$NEWSQ" ]; then
      count=$(grep -c . "$T/$name.out")
      [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ] || echo "run $runs: exit $rc: $(head -c 300 "$T/$name.err")" >>"$T/$name.fail"
      [ "$rc" -eq 1 ] && [ "$count" -ne 0 ] && echo "run $runs: exit 1 with $count hits" >>"$T/$name.fail"
      [ "$rc" -eq 0 ] && [ "$count" -eq 0 ] && echo "run $runs: exit 0 without hits" >>"$T/$name.fail"
      dup=$(cut -d' ' -f3 "$T/$name.out" | sort | uniq -d | head -3)
      [ -z "$dup" ] || echo "run $runs: ids listed twice: $dup" >>"$T/$name.fail"
    else
      count=$(sed -n 's/^ *"documents": \([0-9]*\),$/\1/p' "$T/$name.out")
      [ "$rc" -eq 0 ] && [ -n "$count" ] || { echo "run $runs: exit $rc: $(head -c 300 "$T/$name.err")" >>"$T/$name.fail"; count=$prev; }
    fi
    [ -s "$T/$name.err" ] && echo "run $runs: stderr: $(head -c 300 "$T/$name.err")" >>"$T/$name.fail"
    [ "$count" -lt "$prev" ] && echo "run $runs: $count after $prev: a committed post vanished" >>"$T/$name.fail"
    prev=$count
    echo "$count" >>"$T/$name.counts"
  done
}

# The writer: frequent commits (--batch-mb) so that readers meet many.
# One worker thread: readers must meet the commits, not race a parallel add.
"$NEWSIDX" add --jobs 1 --batch-mb "$BATCH_MB" "$P" >"$T/writer.out" 2>"$T/writer.err" &
writer=$!
started=$(date +%s%N)
# Wait (bounded) until the index exists (before that, "no index here" is
# right) and the writer has left its lock note.
for _ in $(seq 1 300); do
  [ -s "$DB/newsidx.writer" ] && "$NEWSIDX" stats >/dev/null 2>&1 && break
  sleep 0.05
done
# A second writer while the first holds the lock: exit 3 at once, naming
# the holder. "At once" is behaviour, not a stopwatch (an ASan build on a
# loaded machine takes a second just to start): the second writer must be
# done while the first is still writing, so it cannot have waited for the
# lock. Tried before the readers start.
mkdir -p "$T/other"
printf -- '---\ntitle: 다른 글\n---\n\n다른 본문\n' >"$T/other/x.md"
if kill -0 "$writer" 2>/dev/null; then
  t0=$(date +%s%N)
  run timeout 10 "$NEWSIDX" add "$T/other"
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  expect_rc 3 "second writer"
  expect_in "locked" "$ERR" "second writer"
  expect_in "locked by pid $writer (newsidx add --jobs 1 --batch-mb $BATCH_MB $P)" "$ERR" "second writer names the holder"
  expect_in " since " "$ERR" "second writer says since when"
  kill -0 "$writer" 2>/dev/null ||
    fail "the writer finished during the second writer's attempt ($ms ms): it may have waited for the lock (raise READERS_POSTS)"
  echo "second writer: exit $RC after $ms ms, the first still writing: $ERR"
else
  fail "the writer finished before the second writer could try (raise READERS_POSTS)"
fi

reader zebra "$NEWSQ" --format trec -n 100000 zebrafish &
r1=$!
reader seahorse "$NEWSQ" --format trec -n 100000 해마 &
r2=$!
reader stats "$NEWSIDX" stats --json &
r3=$!
# Every post is tagged AI: this one ranks every committed post and reads the
# first 300 (slower, so at times overtaken by two commits: the
# reopen-and-retry path).
reader all "$NEWSQ" --format trec -n 300 AI &
r4=$!

wait "$writer"
expect_eq "$?" "0" "writer exit code"
writer_ms=$(( ($(date +%s%N) - started) / 1000000 ))
: >"$T/done"
wait "$r1" "$r2" "$r3" "$r4"

# Each reader: no failure, ran often during the write, saw it grow.
for r in zebra seahorse stats all; do
  [ -s "$T/$r.fail" ] && fail "reader $r: $(head -5 "$T/$r.fail")"
  runs=$(grep -c . "$T/$r.counts")
  distinct=$(sort -un "$T/$r.counts" | grep -c .)
  echo "reader $r: $runs runs, $distinct distinct counts, last $(tail -1 "$T/$r.counts")"
  [ "$runs" -ge 5 ] || fail "reader $r ran only $runs times during the write"
  # (the "all" reader's count stops at 300: it may have seen only 0..300)
  [ "$distinct" -ge "$([ "$r" = all ] && echo 2 || echo 3)" ] ||
    fail "reader $r saw only $distinct distinct counts: it did not overlap the commits"
done

# The final state: exact counts.
OUT=$(cat "$T/writer.out")
expect_eq "$(summary)" "$POSTS 0 0 0 0 0" "writer summary"
[ -s "$T/writer.err" ] && fail "writer stderr: $(head -c 300 "$T/writer.err")"
run "$NEWSQ" --format trec -n 100000 zebrafish
expect_eq "$(grep -c . <<<"$OUT")" "$ZEBRA" "final zebrafish hits"
run "$NEWSQ" --format trec -n 100000 해마
expect_eq "$(grep -c . <<<"$OUT")" "$SEAHORSE" "final 해마 hits"
run "$NEWSIDX" stats --json
expect_in "\"documents\": $POSTS," "$OUT" "final stats"
[ -e "$DB/newsidx.writer" ] && fail "the writer's lock note is left behind after a clean exit"
run "$NEWSIDX" add "$T/other"
expect_rc 0 "a writer after the first has finished"

echo "concurrent_readers: $POSTS posts, writer $writer_ms ms, batch $BATCH_MB MiB"
finish
