# Crash safety: `newsidx add` killed with SIGKILL at random moments (seeded)
# keeps every committed post, never a partial one, and the next run finishes
# the job. After each kill: stats opens, xapian-check passes, every document
# is a whole post (id value, Q term, title and body terms, each exactly once),
# searches see exactly the committed posts, and the next writer is not
# blocked by a stale lock. Also: a kill while the index is being created.
#
# Knobs (bench/soak.sh sets them for the long run; see tests/README.md):
#   CRASH_KILLS     kills that must land in a running add (default 24)
#   CRASH_POSTS     posts generated (default 3000; 1200 for ASan binaries, ~5x slower)
#   CRASH_SEED      seed of the posts and of the kill times (default 6)
#   CRASH_BATCH_MB  --batch-mb of the killed runs (default 0.02: a commit every ~20 posts)
#   CRASH_KEEP=1    keep the temporary folder (printed) for inspection
#   CRASH_VERBOSE=1 print each run (delay, exit, duration) and check time

# Work in RAM when possible (/dev/shm with 512+ MB free, or NEWSIDX_TEST_TMPDIR):
# thousands of fsyncs and file deletions on a busy disk cost minutes, and a
# SIGKILL leaves the page cache intact, so RAM and disk behave the same here
# (bench/soak.sh runs on the disk).
if [ -n "${NEWSIDX_TEST_TMPDIR:-}" ]; then
  export TMPDIR=$NEWSIDX_TEST_TMPDIR
elif [ -w /dev/shm ] && [ "$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }')" -gt 524288 ] 2>/dev/null; then
  export TMPDIR=/dev/shm
fi
source "$(dirname "$0")/lib.sh"
for tool in xapian-check xapian-delve python3; do
  command -v "$tool" >/dev/null || { fail "$tool is not installed (apt-get install xapian-tools python3)"; finish; }
done
PY=$(python3 -c 'import sys; print(sys.executable)')  # not a (slow) pyenv shim: run once per kill, with -S
asan=0
ldd "$NEWSIDX" 2>/dev/null | grep -q libasan && asan=1
KILLS=${CRASH_KILLS:-24}
POSTS=${CRASH_POSTS:-$([ "$asan" = 1 ] && echo 1200 || echo 3000)}
SEED=${CRASH_SEED:-6}
BATCH_MB=${CRASH_BATCH_MB:-0.02}
[ "${CRASH_KEEP:-0}" = 1 ] && trap 'echo "kept $T"' EXIT
DB=$NEWSIDX_DB
P=$T/posts
started=$(date +%s%N)
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

# ---------------------------------------------------------------- the posts
# Korean + English text, varied front matter (dates in several forms, tags as
# lists or flow sequences, categories, authors, permalinks, some unpublished),
# in folders y2020..y2025/m01..m12. Each published post carries a unique
# letters-only marker word (qv + 5 consonants) in its title and body; every
# 17th the word zebrafish. The manifest lists id, marker, zebrafish (0/1) of
# each published post.
"$PY" - "$P" "$POSTS" "$SEED" >"$T/manifest" <<'PY' || fail "generator"
import os, random, sys
out, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
KO = ("삼성전자가 새로운 반도체 공장을 발표했다", "오픈AI와 소프트뱅크는 스타게이트 사업을 추진한다",
      "서울의 봄 날씨는 따뜻하고 맑았다", "데이터센터의 전력 소비가 빠르게 늘고 있다",
      "한강 작가의 소설이 세계에서 읽힌다", "제주 올레길을 걸으며 바다를 보았다",
      "엔비디아의 그래픽 칩 수요가 급증했다", "김치찌개는 묵은지로 끓여야 맛있다",
      "인공지능 기본법이 국회를 통과했다", "손흥민은 유로파리그에서 우승했다")
EN = ("Samsung announced a new foundry deal", "OpenAI and SoftBank build Stargate data centers",
      "the weather in Seoul was warm", "power demand of data centers keeps rising",
      "memory chips such as HBM are in short supply", "we walked along the coast of Jeju",
      "Rust ownership rules prevent data races", "move semantics in C++ avoid copies")
TAGS = ("AI", "반도체", "삼성", "OpenAI", "여행", "요리", "Rust", "C++", "경제", "스포츠")
CONS = "bcdfghjklmnpqrtvwxz"
def marker(i):
    s = ""
    for _ in range(5):
        s = CONS[i % len(CONS)] + s
        i //= len(CONS)
    return "qv" + s
for i in range(n):
    year = 2020 + i % 6
    d = os.path.join(out, "_posts", f"y{year}", f"m{i % 12 + 1:02d}")
    os.makedirs(d, exist_ok=True)
    m = marker(i)
    fm = [f'title: "{rng.choice(KO)[:12]} {m} {i}"']
    fm.append(["date: %d-%02d-%02d 10:00:00 +0900" % (year, i % 12 + 1, i % 28 + 1),
               "date: %d-%02d-%02d" % (year, i % 12 + 1, i % 28 + 1),
               "date: '%d-01-%02dT09:30:00Z'" % (year, i % 28 + 1), "layout: post"][i % 4])
    tags = rng.sample(TAGS, rng.randint(0, 3))
    if tags:
        fm.append("tags: [" + ", ".join(tags) + "]" if i % 2 else
                  "tags:\n" + "\n".join(f"  - {t}" for t in tags))
    if i % 3 == 0: fm.append(f"categories: {rng.choice(TAGS)}")
    if i % 5 == 0: fm.append(f"author: 기자{i % 7}")
    if i % 11 == 0: fm.append(f"permalink: /p/{i}/")
    unpublished = i % 50 == 7
    if unpublished: fm.append("published: false")
    zebra = i % 17 == 0
    body = [rng.choice(KO) + ". " + rng.choice(EN) + "." for _ in range(rng.randint(3, 12))]
    body.insert(rng.randint(0, len(body)), f"공통어 {m} 번호 {i}." + (" zebrafish." if zebra else ""))
    name = f"{year}-{i % 12 + 1:02d}-{i % 28 + 1:02d}-post-{i:05d}"
    with open(os.path.join(d, name + ".md"), "w", encoding="utf-8") as f:
        f.write("---\n" + "\n".join(fm) + "\n---\n\n" + ("## 소제목\n\n" if i % 4 == 3 else "") +
                " ".join(body) + "\n")
    if not unpublished:
        print(f"_posts/y{year}/m{i % 12 + 1:02d}/{name}\t{m}\t{int(zebra)}")
PY
EXPECTED=$(wc -l <"$T/manifest")
UNPUBLISHED=$((POSTS - EXPECTED))

# ------------------------------------------------------------ the checker
# check.py DB DOCS PREV EXACT ITER: the structure of the index, through
# xapian-delve (an independent reader). DOCS is what `stats` said; PREV the
# count after the previous kill (committed posts are never lost: docs >= PREV,
# or == PREV when EXACT). Prints "docs revision zebrafish-expected", then a
# sample "id marker" line.
cat >"$T/check.py" <<'PY'
import random, subprocess, sys
db, docs, prev, exact, it = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1", int(sys.argv[5])
manifest = {}
for line in open(sys.argv[6], encoding="utf-8"):
    pid, marker, zebra = line.rstrip("\n").split("\t")
    manifest[pid] = (marker, zebra == "1")
bad = []
def delve(*args):
    r = subprocess.run(["xapian-delve", *args, db], capture_output=True, text=True)
    if r.returncode != 0:
        bad.append(f"xapian-delve {' '.join(args)}: {r.stderr.strip()}")
    return r.stdout.splitlines()
info = dict(l.split(" = ", 1) for l in delve() if " = " in l)
n = int(info.get("number of documents", "-1"))
if n != docs: bad.append(f"delve says {n} documents, stats said {docs}")
if info.get("currently open for writing") != "false":
    bad.append("the database is still open for writing after its writer was killed")
def terms(prefix):  # {term: termfreq}
    out = {}
    for l in delve("-1", "-v", "-A", prefix)[1:]:
        t, _, f = l.rpartition(" ")
        out[t] = int(f)
    return out
ids = [l.split(":", 1)[1] for l in delve("-1", "-V3")[1:] if ":" in l]
if len(ids) != n: bad.append(f"{n} documents but {len(ids)} id values")
if len(set(ids)) != len(ids): bad.append("duplicate ids: " + str(sorted({i for i in ids if ids.count(i) > 1})[:5]))
unknown = [i for i in ids if i not in manifest]
if unknown: bad.append(f"ids that are no post: {unknown[:5]}")
q = terms("Q")
if set(q) != {"Q" + i for i in ids}: bad.append(f"Q terms ({len(q)}) differ from the id values ({len(ids)})")
if any(f != 1 for f in q.values()): bad.append("a Q term is on several documents")
for prefix, what in (("", "body"), ("S", "title")):
    got = terms(prefix + "qv")
    want = {prefix + manifest[i][0] for i in ids if i in manifest}
    if set(got) != want or any(f != 1 for f in got.values()):
        missing = sorted(want - set(got))[:3]
        bad.append(f"{what} markers: {len(got)} terms for {len(want)} posts (missing {missing})")
if n < prev: bad.append(f"{n} documents, {prev} before this run: committed posts were lost")
if exact and n != prev: bad.append(f"{n} documents, expected exactly {prev}")
if bad:
    print("\n".join(bad), file=sys.stderr)
    sys.exit(1)
print(n, info.get("revision", "?"), sum(1 for i in ids if manifest[i][1]))
for i in random.Random(it).sample(ids, min(1, len(ids))):
    print(i, manifest[i][0])
PY

PREV=0          # documents after the last check
UNCREATED=0     # kills before the index existed at all
REV=0           # Xapian revision after the last check
COMMITTED=0     # kills after which the revision had moved (the killed run had committed)
check_db() {  # check_db LABEL EXACT(0/1) KIND(kill/other)
  local label=$1
  run "$NEWSIDX" stats --json
  if [ "$RC" -ne 0 ]; then
    if [ "$PREV" -eq 0 ] && grep -qE "no index here|no usable index" <<<"$ERR"; then
      UNCREATED=$((UNCREATED + 1)); return
    fi
    fail "$label: stats after the kill: exit $RC: ${ERR:0:300}"; return
  fi
  local docs
  docs=$(sed -n 's/^ *"documents": \([0-9]*\),$/\1/p' <<<"$OUT")
  run xapian-check "$DB"
  [ "$RC" -eq 0 ] || { fail "$label: xapian-check: exit $RC: ${OUT: -300} ${ERR:0:300}"; return; }
  run "$PY" -S "$T/check.py" "$DB" "$docs" "$PREV" "$2" "$ITER" "$T/manifest"
  [ "$RC" -eq 0 ] || { fail "$label: $ERR"; return; }
  local n rev zebra
  read -r n rev zebra <<<"$(head -1 <<<"$OUT")"
  [ "$rev" != "$REV" ] && [ "$3" = kill ] && COMMITTED=$((COMMITTED + 1))
  PREV=$n
  # A post in full through the CLI: id term, title and body terms; found by its marker.
  while read -r id marker; do
    [ -n "$id" ] || continue
    run "$NEWSIDX" terms "$id"
    [ "$RC" -eq 0 ] || { fail "$label: terms $id: exit $RC ${ERR:0:200}"; continue; }
    for t in "Q$id" "$marker" "S$marker" "공통어"; do
      grep -q "^$t	" <<<"$OUT" || fail "$label: post $id lacks term $t"
    done
    run "$NEWSQ" --format trec "$marker"
    [ "$RC" -eq 0 ] && [ "$(grep -c . <<<"$OUT")" = 1 ] && grep -qF " $id " <<<"$OUT" ||
      fail "$label: newsq $marker: exit $RC, expected the one hit $id: ${OUT:0:200} ${ERR:0:200}"
  done < <(tail -n +2 <<<"$OUT")
  # Searches see exactly the committed posts.
  run "$NEWSQ" --format trec -n 100000 zebrafish
  if [ "$zebra" -gt 0 ]; then
    [ "$RC" -eq 0 ] && [ "$(grep -c . <<<"$OUT")" = "$zebra" ] ||
      fail "$label: newsq zebrafish: exit $RC, $(grep -c . <<<"$OUT") hits, expected $zebra ${ERR:0:200}"
  else
    [ "$RC" -eq 1 ] || fail "$label: newsq zebrafish on an index without such posts: exit $RC ${ERR:0:200}"
  fi
  # The killed writer's lock is gone: the next writer gets in at once.
  run timeout 30 "$NEWSIDX" -q remove __crash_probe__
  [ "$RC" -eq 1 ] && grep -q "no such post" <<<"$ERR" ||
    fail "$label: a writer after the kill: exit $RC (expected 1, not locked): ${ERR:0:300}"
  REV=$(xapian-delve "$DB" | sed -n 's/^revision = //p')  # the probe committed
}

# ------------------------------------- a kill while the index is created
# Xapian writes its tables before its version file (iamglass): a kill in
# between leaves a folder nothing can open. `add` must start afresh there,
# but only when the folder holds nothing else. First that state as such,
# then real kills in the first milliseconds (the window is narrow: on a
# tmpfs it is rarely hit; on a disk, at a few ms).
mkdir -p "$T/one/_posts"
printf -- '---\ntitle: 하나\n---\n\n공통어 본문\n' >"$T/one/_posts/one.md"
mkdir -p "$T/half"
: >"$T/half/flintlock"; : >"$T/half/v.tmp"
head -c 8192 /dev/zero >"$T/half/postlist.glass"; head -c 8192 /dev/zero >"$T/half/termlist.glass"
cp -r "$T/half" "$T/half-other"
echo "not Xapian's" >"$T/half-other/notes.txt"
run "$NEWSIDX" --db "$T/half" add "$T/one"
expect_rc 0 "add into a half-created index"
expect_eq "$(summary)" "1 0 0 0 0 0" "add into a half-created index"
run "$NEWSIDX" --db "$T/half-other" add "$T/one"
expect_rc 3 "add into half-created tables beside a file of someone else"
[ -e "$T/half-other/notes.txt" ] && [ -e "$T/half-other/postlist.glass" ] ||
  fail "a folder holding other files was cleaned"
creation_hits=0
for d in $(seq 1 1 40) $(seq 42 3 150); do
  rm -rf "$T/cdb"
  timeout --foreground -s KILL "$(awk -v d="$d" 'BEGIN { printf "%.3f", d / 1000 }')" \
    "$NEWSIDX" --db "$T/cdb" -q add "$T/one" >/dev/null 2>&1
  if [ -e "$T/cdb/postlist.glass" ] && [ ! -e "$T/cdb/iamglass" ]; then
    creation_hits=$((creation_hits + 1))
    run "$NEWSIDX" --db "$T/cdb" add "$T/one"
    expect_rc 0 "add after a kill during creation (killed at ${d} ms)"
    run xapian-check "$T/cdb"
    expect_rc 0 "xapian-check after a kill during creation"
    [ "$creation_hits" -ge 2 ] && break
  fi
done
echo "kills during index creation that left tables without iamglass: $creation_hits"

# -------------------------------------------------------------- the kills
# Phase "fill": add from empty, killed and restarted until one run completes
# (kills hit new posts, batches and commits; committed posts only grow); at
# least 3 kills (else the fill starts over from an empty index).
# Phase "rewrite": add --force of the posts of 1-2 random months (folders
# m01..m12 of every year; the other months --exclude'd), killed at random:
# the count stays exactly the same.
# A kill comes at u*D after the start, u uniform in [0.05, 1], D the
# estimated length of the run: grown by 40% (fill) or 15% (rewrite, until a
# rewrite has completed) after a kill, set to the measured length after a
# run that completed before its kill.
RANDOM=$SEED
D=2.0          # fill: seconds of a whole run
PER_FOLDER=0.5 # rewrite: seconds per month
MEASURED=0     # rewrite: PER_FOLDER was measured by a completed run
FILL_MS=0      # fill: run time so far (a first guess of PER_FOLDER: 1/12 of it)
phase=fill
KILLED=0; KILLED_FILL=0; COMPLETED=0; ITER=0
while [ "$KILLED" -lt "$KILLS" ] && [ "$ITER" -lt $((KILLS * 4)) ]; do
  ITER=$((ITER + 1))
  args=(add --batch-mb "$BATCH_MB")
  folders=12
  if [ "$phase" = rewrite ]; then
    folders=$((1 + RANDOM % 2))
    m1=$((RANDOM % 12))
    keep=" $((m1 + 1)) "
    [ "$folders" = 2 ] && keep+="$(( (m1 + 1 + RANDOM % 11) % 12 + 1 )) "
    args+=(--force)
    for m in $(seq 1 12); do
      [[ "$keep" == *" $m "* ]] || args+=(--exclude "$(printf 'm%02d' "$m")")
    done
    D=$(awk -v p="$PER_FOLDER" -v f="$folders" 'BEGIN { printf "%.3f", p * f }')
  fi
  # (never 0: `timeout 0` means no time limit)
  delay=$(awk -v r="$RANDOM" -v d="$D" 'BEGIN { v = (0.05 + 0.95 * r / 32767) * d; printf "%.3f", v < 0.001 ? 0.001 : v }')
  t0=$(date +%s%N)
  # timeout sends SIGKILL after $delay s (exit 137); it returns as soon as
  # the run ends, so took_ms is the run's real length. --foreground: only
  # newsidx is killed, not timeout itself (no "Killed" notices).
  timeout --foreground -s KILL "$delay" "$NEWSIDX" -q "${args[@]}" "$P" >"$T/add.out" 2>"$T/add.err"
  rc=$?
  took_ms=$(ms_since "$t0")
  [ "$phase" = fill ] && FILL_MS=$((FILL_MS + took_ms))
  [ "${CRASH_VERBOSE:-0}" = 1 ] && echo "run $ITER $phase folders=$folders D=$D delay=$delay rc=$rc took=${took_ms}ms" >&2
  # 124: the timer fired just as the run ended (timeout's race); the kill was
  # sent, the index must be consistent all the same.
  if [ "$rc" -eq 137 ] || [ "$rc" -eq 124 ]; then
    KILLED=$((KILLED + 1))
    [ "$phase" = fill ] && KILLED_FILL=$((KILLED_FILL + 1))
    if [ "$phase" = fill ]; then D=$(awk -v d="$D" 'BEGIN { printf "%.3f", d * 1.4 }')
    elif [ "$MEASURED" = 0 ]; then PER_FOLDER=$(awk -v p="$PER_FOLDER" 'BEGIN { printf "%.3f", p * 1.15 }'); fi
    c0=$(date +%s%N)
    check_db "kill $KILLED ($phase, at ${delay}s)" "$([ "$phase" = rewrite ] && echo 1 || echo 0)" kill
    [ "${CRASH_VERBOSE:-0}" = 1 ] && echo "  check $(ms_since "$c0") ms" >&2
  elif [ "$rc" -eq 0 ]; then
    COMPLETED=$((COMPLETED + 1))
    grep -q . "$T/add.err" && fail "run $ITER ($phase) completed with messages: $(head -c 300 "$T/add.err")"
    check_db "run $ITER ($phase, completed in ${took_ms} ms)" "$([ "$phase" = rewrite ] && echo 1 || echo 0)" other
    if [ "$phase" = fill ] && [ "$KILLED_FILL" -lt 3 ]; then
      # Too fast a machine for D: fill again from empty, with kills sooner.
      rm -rf "$DB"
      PREV=0 REV=0 FILL_MS=0
      D=$(awk -v t="$took_ms" 'BEGIN { printf "%.3f", t / 1000 / 2 }')
    elif [ "$phase" = fill ]; then
      [ "$PREV" -eq "$EXPECTED" ] || fail "a completed add left $PREV documents, expected $EXPECTED"
      phase=rewrite
      PER_FOLDER=$(awk -v t="$FILL_MS" 'BEGIN { printf "%.3f", t / 1000 / 12 }')
    else
      PER_FOLDER=$(awk -v t="$took_ms" -v f="$folders" 'BEGIN { printf "%.3f", t / 1000 / f }')
      MEASURED=1
    fi
  else
    fail "run $ITER ($phase): add exited $rc: $(head -c 400 "$T/add.err")"
  fi
  [ "$FAILS" -gt 0 ] && break
done
[ "$KILLED" -ge "$KILLS" ] || fail "only $KILLED of $KILLS kills hit a running add in $ITER runs"
[ "$KILLED_FILL" -ge 3 ] || fail "only $KILLED_FILL kills hit the first fill of the index"

# ------------------------------------------------------ finish the job
run "$NEWSIDX" add "$P"
expect_rc 0 "final add"
read -r added updated unchanged skipped removed failed <<<"$(summary)"
expect_eq "$((added + unchanged))" "$EXPECTED" "final add: added + unchanged"
expect_eq "$updated $skipped $removed $failed" "0 $UNPUBLISHED 0 0" "final add: updated skipped removed failed"
run "$NEWSIDX" stats --json
expect_in "\"documents\": $EXPECTED," "$OUT" "stats after the final add"
PREV=$EXPECTED ITER=$((ITER + 1))
check_db "after the final add" 1 other
run "$NEWSIDX" add "$P"
expect_eq "$(summary)" "0 0 $EXPECTED $UNPUBLISHED 0 0" "a second add: all unchanged"
run "$NEWSQ" --format trec -n 100000 공통어
expect_rc 0 "newsq 공통어"
expect_eq "$(grep -c . <<<"$OUT")" "$EXPECTED" "hits of a word of every post"

echo "crash_kill: $KILLED kills survived ($KILLED_FILL during the first fill, $((KILLED - KILLED_FILL)) during rewrites;" \
  "$COMMITTED of them after new commits; $UNCREATED before the index existed), $COMPLETED runs completed," \
  "$creation_hits kills during creation; $POSTS posts ($EXPECTED published), batch $BATCH_MB MiB," \
  "seed $SEED; $(( $(ms_since "$started") / 1000 )) s"
finish
