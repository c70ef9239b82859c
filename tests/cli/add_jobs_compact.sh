# `add --jobs N` gives the same index, summary, messages and exit code as
# `--jobs 1` (corpus/ plus generated posts plus broken ones); incremental
# re-add and reindex with jobs; `compact` keeps every post searchable, shrinks
# the index, refuses while another writer holds the lock and leaves no
# half-made folder behind. The generator is bench/gen_corpus ($BUILD_DIR).
source "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?}"
N=${JOBS_POSTS:-240}

P="$T/posts"
"$BUILD_DIR/gen_corpus" --n "$N" --out "$P/gen" --seed 5 >/dev/null || fail "gen_corpus failed"
cp -r "$SRC/corpus" "$P/corpus"
mkdir -p "$P/gen/_posts/0000"
printf -- '---\ntitle: [unclosed\n---\nbody\n' >"$P/gen/_posts/0000/2020-01-01-broken.md"
printf -- '---\ntitle: x\n---\n\xff\xfe bad\n' >"$P/gen/_posts/0000/2020-01-02-binary.md"
printf -- '---\ntitle: 초안\npublished: false\n---\n\n초안이다\n' >"$P/gen/_posts/0000/2020-01-03-draft.md"
printf -- '---\ntitle: 첫째\n---\n\n먼저\n' >"$P/gen/_posts/0000/2020-01-04-same.md"
printf -- '---\ntitle: 둘째\n---\n\n나중\n' >"$P/gen/_posts/0000/2020-01-04-same.markdown"
# Posts that end up indexed: all but drafts, unpublished ones, the README,
# the two broken files and the first of the two files sharing an id.
GOOD=$(find "$P" -name '*.md' -o -name '*.markdown' | grep -v -e _drafts -e README -e broken -e binary -e 'same.md$' |
  xargs grep -L '^published: *false' | grep -c .)

# add_with JOBS DB: runs add, stores "rc|summary without seconds|stderr" in $OUT_J
add_with() {
  run "$NEWSIDX" --db "$2" add --jobs "$1" --batch-mb 0.05 "$P"
  OUT_J="$RC|$(sed 's/ in [0-9.]* s$//' <<<"$OUT")|$ERR"
}

add_with 1 "$T/db1"; ONE=$OUT_J
expect_rc 1 "add --jobs 1 with two broken posts"
expect_in "$P/gen/_posts/0000/2020-01-01-broken.md" "$ERR" "errors name the broken file"
expect_in "$P/gen/_posts/0000/2020-01-02-binary.md" "$ERR" "errors name the binary file"
expect_in "failed 2" "$OUT" "summary"
[ "$(grep -c 'error:' <<<"$ERR")" = 2 ] || fail "expected 2 error lines: $ERR"
grep -n 'error:' <<<"$ERR" | grep -q '^1:.*broken' || fail "errors out of file order: $ERR"
add_with 3 "$T/db3"; expect_eq "$OUT_J" "$ONE" "add --jobs 3: rc|summary|stderr"
add_with 0 "$T/db0"; expect_eq "$OUT_J" "$ONE" "add --jobs 0: rc|summary|stderr"
add_with 2 "$T/db2"; expect_eq "$OUT_J" "$ONE" "add --jobs 2: rc|summary|stderr"
# The parallel first add (part databases merged at the end), made to apply
# to these few posts: the same summary, messages and documents.
run "$NEWSIDX" --db "$T/dbp" add --jobs 2 --batch-mb 0.05 --parallel-min 10 "$P"
expect_eq "$RC|$(sed 's/ in [0-9.]* s$//' <<<"$OUT")|$ERR" "$ONE" "add --jobs 2 --parallel-min 10: rc|summary|stderr"
[ -e "$T/dbp.newsidx-parts" ] && fail "the parts folder was left behind"
rev_of() { xapian-delve "$1" | sed -n 's/^revision = //p'; }
[ "$(rev_of "$T/dbp")" -lt 5 ] || fail "--parallel-min 10 did not write in parts (revision $(rev_of "$T/dbp"))"
[ "$(rev_of "$T/db2")" -gt 10 ] || fail "one writer should commit batch by batch (revision $(rev_of "$T/db2"))"
# Parts of 7 posts: many more parts than jobs, the same result.
run "$NEWSIDX" --db "$T/dbs" add --jobs 2 --parallel-min 10 --part-posts 7 "$P"
expect_eq "$RC|$(sed 's/ in [0-9.]* s$//' <<<"$OUT")|$ERR" "$ONE" "add --jobs 2 --part-posts 7: rc|summary|stderr"
[ -e "$T/dbs.newsidx-parts" ] && fail "the parts folder was left behind (--part-posts 7)"
run "$NEWSIDX" --db "$T/dbz" add --part-posts 0 "$P"
expect_rc 2 "add --part-posts 0"
expect_in "part-posts" "$ERR" "the error names the option"
run "$NEWSIDX" --db "$T/db1" -v add --jobs 1 --force "$P"; V1="$RC|$ERR"
run "$NEWSIDX" --db "$T/db3" -v add --jobs 3 --force "$P"; V3="$RC|$ERR"
expect_eq "$V3" "$V1" "add -v --force: warnings and errors in the same order"
expect_in "this file replaces it" "$V1" "a same-id file is reported"

stats_of() { "$NEWSIDX" --db "$1" stats --json | grep -e '"documents"' -e '"terms"' -e '"source_bytes"'; }
expect_eq "$(stats_of "$T/db3")" "$(stats_of "$T/db1")" "stats of --jobs 3 and --jobs 1"
expect_eq "$(stats_of "$T/dbp")" "$(stats_of "$T/db1")" "stats of the parallel first add and --jobs 1"
expect_eq "$(stats_of "$T/dbs")" "$(stats_of "$T/db1")" "stats of the add in small parts and --jobs 1"
expect_in "\"documents\": $GOOD," "$(stats_of "$T/db1")" "documents"
ids=$("$NEWSQ" --db "$T/db1" --format trec -n 100000 "$(sed -n 's/^title: *//p' "$P/corpus/_posts/ai/2025-02-04-ai-alliance.md" | tr -d '"' | cut -c1-20)" | cut -d' ' -f3 | head -5)
for id in $ids gen/_posts/0000/2020-01-04-same gen/_posts/0000/$(ls "$P/gen/_posts/0000" | sed -n '20s/\.md$//p'); do
  expect_eq "$("$NEWSIDX" --db "$T/db3" terms "$id")" "$("$NEWSIDX" --db "$T/db1" terms "$id")" "terms of $id"
done
for q in 삼성 스타게이트를 '"데이터 센터"' 'AI tag:AI' OpenAI; do
  a=$("$NEWSQ" --db "$T/db1" --format trec -n 1000 "$q"); b=$("$NEWSQ" --db "$T/db3" --format trec -n 1000 "$q")
  [ -n "$a" ] || fail "no hits for $q"
  expect_eq "$b" "$a" "results for $q"
  expect_eq "$("$NEWSQ" --db "$T/dbp" --format trec -n 1000 "$q")" "$a" "results for $q (parallel first add)"
done

# Incremental re-add with jobs: edits, a touch, a fix, a new post.
for f in $(find "$P/gen/_posts/0000" -name '*post*' -name '*.md' | sort | head -12); do
  case $((RANDOM % 2)) in
    0) printf '\n덧붙인 문장: 재색인 확인.\n' >>"$f" ;;
    1) touch "$f" ;;
  esac
done
printf -- '---\ntitle: 고쳤다\n---\n\n이제 읽힌다\n' >"$P/gen/_posts/0000/2020-01-01-broken.md"
printf -- '---\ntitle: 새 글\n---\n\n새로 쓴 글\n' >"$P/gen/_posts/0000/2020-01-05-new.md"
add_with 1 "$T/db1"; ONE=$OUT_J
add_with 3 "$T/db3"; expect_eq "$OUT_J" "$ONE" "incremental add --jobs 3 vs 1"
expect_in "added 2," "$ONE" "incremental add"
expect_rc 1 "incremental add (binary.md still fails)"
expect_eq "$(stats_of "$T/db3")" "$(stats_of "$T/db1")" "stats after the incremental add"

# reindex with jobs: the same per-file routine.
rm "$P/gen/_posts/0000/2020-01-05-new.md"
run "$NEWSIDX" --db "$T/db1" reindex --jobs 1; R1="$RC|$(sed 's/ in [0-9.]* s$//' <<<"$OUT")|$ERR"
run "$NEWSIDX" --db "$T/db3" reindex --jobs 3; R3="$RC|$(sed 's/ in [0-9.]* s$//' <<<"$OUT")|$ERR"
expect_eq "$R3" "$R1" "reindex --jobs 3 vs 1"
expect_in "2020-01-05-new.md: source file is gone" "$R1" "reindex reports the gone file"
expect_eq "$(stats_of "$T/db3")" "$(stats_of "$T/db1")" "stats after reindex"

# compact: smaller, same posts, same answers, same terms.
DB="$T/db3"
docs=$("$NEWSIDX" --db "$DB" stats --json | sed -n 's/^ *"documents": \([0-9]*\),$/\1/p')
all_before=$("$NEWSQ" --db "$DB" --format trec -n 100000 AI 삼성 the 그 이 | cut -d' ' -f3 | sort)
terms_before=$("$NEWSIDX" --db "$DB" terms gen/_posts/0000/2020-01-04-same)
size_before=$(du -sb "$DB" | cut -f1)
run "$NEWSIDX" --db "$DB" compact
expect_rc 0 "compact"
expect_in "compacted " "$OUT" "compact summary"
size_after=$(du -sb "$DB" | cut -f1)
[ "$size_after" -lt "$size_before" ] || fail "compact did not shrink the index: $size_before -> $size_after"
[ -e "$DB.newsidx-compact" ] && fail "compact left $DB.newsidx-compact behind"
[ -e "$DB/newsidx.writer" ] && fail "compact left its lock note behind"
expect_in "\"documents\": $docs," "$("$NEWSIDX" --db "$DB" stats --json)" "documents after compact"
expect_eq "$("$NEWSQ" --db "$DB" --format trec -n 100000 AI 삼성 the 그 이 | cut -d' ' -f3 | sort)" "$all_before" "every post found after compact"
expect_eq "$("$NEWSIDX" --db "$DB" terms gen/_posts/0000/2020-01-04-same)" "$terms_before" "terms after compact"
xapian-check "$DB" >/dev/null 2>&1 || fail "xapian-check fails after compact"
run "$NEWSIDX" --db "$DB" stats
expect_in "MB of source files; the index is" "$OUT" "stats reports the size against the posts"
run "$NEWSIDX" --db "$DB" add --jobs 2 "$P"
expect_rc 1 "add after compact"
expect_in "unchanged $((docs - 1))," "$OUT" "add after compact: all unchanged (the one new file is gone)"

# compact refuses while another process holds the write lock (an OFD/POSIX
# lock on flintlock, as Xapian takes it) and changes nothing.
python3 - "$DB/flintlock" "$T/locked" <<'PY' &
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR)
fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
open(sys.argv[2], "w").close()
for _ in range(300):
    if not os.path.exists(sys.argv[2]): break
    time.sleep(0.05)
PY
holder=$!
for _ in $(seq 1 200); do [ -e "$T/locked" ] && break; sleep 0.05; done
size_locked=$(du -sb "$DB" | cut -f1)
run "$NEWSIDX" --db "$DB" compact
expect_rc 3 "compact while locked"
expect_in "locked" "$ERR" "compact while locked"
[ -e "$DB.newsidx-compact" ] && fail "a refused compact left a folder"
expect_eq "$(du -sb "$DB" | cut -f1)" "$size_locked" "index size after a refused compact"
rm -f "$T/locked"; wait "$holder"

# A long post is analyzed a piece at a time: one 10 MB paragraph (2 MB for
# ASan builds) stays far below the ~350 MB it took when analyzed whole, and a
# phrase in its middle is still found.
# (ldd's output is captured first: under pipefail, `ldd | grep -q` fails
# when grep exits before ldd has written everything.)
BIG_MB=10; case "$(ldd "$NEWSIDX")" in *libasan*) BIG_MB=2 ;; esac
mkdir -p "$T/big"
python3 - "$T/big/2024-01-01-big.md" "$BIG_MB" <<'PY'
import random, sys
random.seed(3)
words = ["삼성이", "스타게이트를", "데이터센터에서", "반도체", "투자했다", "search", "engines", "3억", "달러를"]
words += ["낱말%d가" % i for i in range(2000)]
out, n, limit = [], 0, int(sys.argv[2]) * 1000000
while n < limit:
    w = random.choice(words)
    if len(out) == 100000: w = "해바라기가 얼룩말을"
    out.append(w); n += len(w.encode()) + 1
open(sys.argv[1], "w").write("---\ntitle: 긴 글\n---\n\n" + " ".join(out) + "\n")
PY
kib=$(python3 -c 'import resource, subprocess, sys
rc = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss if rc == 0 else -1)' "$NEWSIDX" --db "$T/bigdb" add "$T/big")
[ "$kib" -gt 0 ] || fail "indexing a $BIG_MB MB paragraph failed"
if [ "$BIG_MB" = 10 ]; then [ "$kib" -lt 200000 ] || fail "a 10 MB paragraph peaked at $kib KiB (limit 200000)"; fi
echo "a $BIG_MB MB paragraph: peak RSS $kib KiB"
run "$NEWSQ" --db "$T/bigdb" --format trec '"해바라기가 얼룩말을"'
expect_eq "$(grep -c . <<<"$OUT")" 1 "a phrase inside the long paragraph"

# A folder left by a compaction killed midway is removed by the next writer.
mkdir -p "$DB.newsidx-compact" && echo junk >"$DB.newsidx-compact/postlist.glass"
run "$NEWSIDX" --db "$DB" compact
expect_rc 0 "compact after a killed one"
[ -e "$DB.newsidx-compact" ] && fail "leftover compaction folder not removed"
expect_in "\"documents\": $docs," "$("$NEWSIDX" --db "$DB" stats --json)" "documents after the second compact"
rm -rf "$DB.newsidx-compact"
# SIGINT/SIGTERM stop add: no new file is started, what was done is committed
# (a parallel first add merges its parts), the exit code is 128 + the signal,
# and the next add does the rest. The signal is sent once the run has written
# something, with thousands of posts still to go. (A script's background job
# ignores SIGINT unless job control is on: set -m.)
"$BUILD_DIR/gen_corpus" --n 1500 --out "$T/many" --seed 9 >/dev/null || fail "gen_corpus failed"
MANY=$(find "$T/many" -name '*.md' | xargs grep -L '^published: *false' | grep -vc -e _drafts)
docs_of() { "$NEWSIDX" --db "$1" stats --json 2>/dev/null | sed -n 's/^ *"documents": \([0-9]*\),$/\1/p'; }
# stop_case LABEL SIGNAL DB READY-TEST ADD-ARGS...
stop_case() {
  local label=$1 sig=$2 db=$3 ready=$4; shift 4
  set -m
  "$NEWSIDX" --db "$db" add "$@" "$T/many" >"$T/stop.out" 2>"$T/stop.err" &
  local pid=$!
  set +m
  for _ in $(seq 1 600); do eval "$ready" && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  kill "-$sig" "$pid" 2>/dev/null
  wait "$pid"; RC=$?; OUT=$(cat "$T/stop.out"); ERR=$(cat "$T/stop.err")
  local want=130; [ "$sig" = TERM ] && want=143
  expect_rc "$want" "$label"
  expect_in "stopped by SIG$sig: the files done so far are committed" "$ERR" "$label: message"
  local done_docs; done_docs=$(docs_of "$db")
  [ -n "$done_docs" ] && [ "$done_docs" -gt 0 ] && [ "$done_docs" -lt "$MANY" ] ||
    fail "$label: $done_docs of $MANY posts committed (expected some, not all)"
  [ -e "$db.newsidx-parts" ] && fail "$label: the parts folder was left behind"
  expect_in "added $done_docs," "$OUT" "$label: the summary counts what was committed"
  run "$NEWSIDX" --db "$db" add "$T/many"
  expect_rc 0 "$label: the next add"
  expect_in "added $((MANY - done_docs)), updated 0, unchanged $done_docs," "$OUT" "$label: the next add does the rest"
}
stop_case "add stopped by SIGINT (one writer)" INT "$T/stop1" '[ "$(docs_of "$T/stop1")" -gt 0 ] 2>/dev/null' \
  --jobs 2 --batch-mb 0.05 --parallel-min 0
# (ready once a part has committed posts: a part that exists may hold none yet)
part_docs() { xapian-delve "$T/stop2.newsidx-parts/part-0" 2>/dev/null | sed -n 's/^number of documents = //p'; }
stop_case "add stopped by SIGTERM (parallel first add)" TERM "$T/stop2" '[ "$(part_docs)" -gt 0 ] 2>/dev/null' \
  --jobs 2 --batch-mb 0.05 --parallel-min 10
finish
