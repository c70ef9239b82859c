# Disk full: `add` into a filesystem too small for the index fails with a
# clear message naming the index and exit 3, leaves the index at its last
# commit (opens, xapian-check clean, whole posts only), and a rerun with
# space completes to the exact count.
#
# Two ways to run out of space, each run when the machine allows:
#   tmpfs   a 2 MiB tmpfs mounted by the test (as root, or in a user
#           namespace; in a private mount namespace via `unshare` when
#           possible, so it cannot outlive the test): writes fail with ENOSPC
#           -> "disk full"; then remounted larger for the rerun.
#   ulimit  `ulimit -f` (works anywhere): writes over the limit fail with
#           EFBIG -> "file too large" (newsidx ignores SIGXFSZ so that it can
#           say so); then rerun without the limit.
# The test prints which ran; at least the ulimit one always does.

# Re-run inside a private mount namespace, so that the tmpfs can never
# outlive the test (not even if it is killed); not root, a user namespace
# (-r) may still allow mounting one.
if [ -z "${NEWSIDX_DISKFULL_NS:-}" ]; then
  for ns in "-m" "-r -m"; do
    # shellcheck disable=SC2086
    if unshare $ns --propagation private true 2>/dev/null; then
      NEWSIDX_DISKFULL_NS=1 exec unshare $ns --propagation private bash "$0" "$@"
    fi
  done
fi
source "$(dirname "$0")/lib.sh"
trap 'umount "$T/small" 2>/dev/null; rm -rf "$T"' EXIT
command -v xapian-check >/dev/null || { fail "xapian-check is not installed (apt-get install xapian-tools)"; finish; }
PY=$(python3 -c 'import sys; print(sys.executable)')
POSTS=${DISKFULL_POSTS:-450}
P=$T/posts

# Posts of ~1.5 KB, Korean and English, each with a unique id word.
"$PY" - "$P" "$POSTS" <<'PY' || fail "generator"
import os, random, sys
out, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(7)
KO = ("삼성전자가 새로운 반도체 공장을 발표했다", "서울의 봄 날씨는 따뜻하고 맑았다",
      "데이터센터의 전력 소비가 빠르게 늘고 있다", "제주 올레길을 걸으며 바다를 보았다")
EN = ("Samsung announced a new foundry deal", "power demand of data centers keeps rising",
      "memory chips such as HBM are in short supply", "we walked along the coast of Jeju")
for i in range(n):
    d = os.path.join(out, "_posts", f"m{i % 12 + 1:02d}")
    os.makedirs(d, exist_ok=True)
    body = " ".join(rng.choice(KO) + ". " + rng.choice(EN) + f" w{i}x{j}." for j in range(rng.randint(8, 16)))
    with open(os.path.join(d, f"2024-{i % 12 + 1:02d}-01-post-{i:04d}.md"), "w", encoding="utf-8") as f:
        f.write(f"---\ntitle: \"글 {i} 공통어\"\ntags: [AI, 반도체]\ndate: 2024-{i % 12 + 1:02d}-01\n---\n\n{body}\n")
PY

# whole_posts DB LABEL: every document has its id value and one Q term, and
# they agree (delve reads the index independently of newsidx).
whole_posts() {
  local ids q
  ids=$(xapian-delve -1 -V3 "$1" | tail -n +2 | cut -d: -f2- | sort)
  q=$(xapian-delve -1 -A Q "$1" | tail -n +2 | sed 's/^Q//' | sort)
  [ -n "$ids" ] && [ "$ids" = "$q" ] && [ -z "$(uniq -d <<<"$ids")" ] ||
    fail "$2: documents and Q terms differ ($(grep -c . <<<"$ids") ids, $(grep -c . <<<"$q") Q terms)"
}

# fill_up KIND DB MESSAGE [ulimit-blocks]: add fails for lack of room; checks it.
fill_up() {
  local kind=$1 db=$2 msg=$3
  if [ "$kind" = ulimit ]; then
    run bash -c 'ulimit -f "$1"; shift; exec "$@"' _ "$4" "$NEWSIDX" --db "$db" add --batch-mb 0.2 "$P"
  else
    run "$NEWSIDX" --db "$db" add --batch-mb 0.2 "$P"
  fi
  expect_rc 3 "$kind: add into a full filesystem"
  expect_in "$msg" "$ERR" "$kind: stderr"
  expect_in "$db:" "$ERR" "$kind: stderr names the index"
  expect_in "keeps its last commit" "$ERR" "$kind: stderr"
  expect_not_in "unexpected" "$ERR" "$kind: stderr"
  [ "$(grep -c . <<<"$ERR")" -eq 1 ] || fail "$kind: expected one error line, got: ${ERR:0:600}"
  echo "$kind: ${ERR:0:300}"
  # The index is at its last commit: it opens, is consistent, holds whole posts.
  run "$NEWSIDX" --db "$db" stats --json
  expect_rc 0 "$kind: stats after the failure"
  DOCS=$(sed -n 's/^ *"documents": \([0-9]*\),$/\1/p' <<<"$OUT")
  [ "${DOCS:-0}" -gt 0 ] && [ "$DOCS" -lt "$POSTS" ] ||
    fail "$kind: expected some but not all posts committed before the disk filled, got ${DOCS:-?}"
  run xapian-check "$db"
  expect_rc 0 "$kind: xapian-check after the failure"
  whole_posts "$db" "$kind"
  echo "$kind: $DOCS of $POSTS posts committed before the failure"
  run "$NEWSQ" --db "$db" --format trec -n 100000 공통어
  expect_rc 0 "$kind: newsq after the failure"
  expect_eq "$(grep -c . <<<"$OUT")" "$DOCS" "$kind: hits of a word of every committed post"
}

# rerun KIND DB [PREFIX...]: with room again, add completes to the exact count.
rerun() {
  local kind=$1 db=$2
  shift 2
  run "$@" "$NEWSIDX" --db "$db" add "$P"
  expect_rc 0 "$kind: add with room again"
  expect_eq "$(summary)" "$((POSTS - DOCS)) 0 $DOCS 0 0 0" "$kind: rerun added/updated/unchanged/skipped/removed/failed"
  run "$NEWSIDX" --db "$db" stats --json
  expect_in "\"documents\": $POSTS," "$OUT" "$kind: stats after the rerun"
  run xapian-check "$db"
  expect_rc 0 "$kind: xapian-check after the rerun"
  whole_posts "$db" "$kind rerun"
  run "$NEWSIDX" --db "$db" add "$P"
  expect_eq "$(summary)" "0 0 $POSTS 0 0 0" "$kind: a second rerun"
}

ran=""
# --- tmpfs: ENOSPC
mkdir -p "$T/small"
if mount -t tmpfs -o size=2m newsidx-diskfull "$T/small" 2>"$T/mount.err"; then
  ran+=" tmpfs"
  echo "disk_full: tmpfs of 2 MiB at $T/small$([ -n "${NEWSIDX_DISKFULL_NS:-}" ] && echo ' (private mount namespace)')"
  fill_up tmpfs "$T/small/db" "disk full while writing the index"
  # Once more on the full disk: a clear failure again, nothing lost.
  before=$DOCS
  run "$NEWSIDX" --db "$T/small/db" add "$P"
  expect_rc 3 "tmpfs: add on a disk that is still full"
  expect_in "disk full" "$ERR" "tmpfs: second failure"
  run xapian-check "$T/small/db"
  expect_rc 0 "tmpfs: xapian-check after the second failure"
  run "$NEWSIDX" --db "$T/small/db" stats --json
  expect_in "\"documents\": $before," "$OUT" "tmpfs: the second failure lost nothing"
  mount -o remount,size=256m "$T/small" || fail "tmpfs: cannot grow the tmpfs"
  rerun tmpfs "$T/small/db"
  umount "$T/small" || fail "tmpfs: umount"
else
  echo "disk_full: no tmpfs (mount: $(head -1 "$T/mount.err" | cut -c1-200)); ulimit -f only"
fi

# --- ulimit -f: EFBIG (bash counts 1024-byte blocks)
ran+=" ulimit"
echo "disk_full: ulimit -f 1000 (1 MB per file)"
fill_up ulimit "$T/db" "file too large" 1000
rerun ulimit "$T/db"

echo "disk_full: ran:$ran; $POSTS posts"
finish
