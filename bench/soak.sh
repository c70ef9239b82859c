#!/usr/bin/env bash
# Crash-safety soak: the long version of tests/cli/crash_kill.sh (which see):
# `newsidx add` SIGKILLed at random moments KILLS times over more posts, the
# index checked after every kill (opens, xapian-check, whole posts only, no
# committed post lost, searches exact, no stale lock), then finished to the
# exact count. Prints kills survived, posts and time; exits non-zero on any
# failure. Documented in tests/README.md.
#
#   bench/soak.sh [KILLS] [BUILD_DIR]        # default: 200 kills, build/
#   SOAK_SEED=7 bench/soak.sh 500 build-asan
#
# SOAK_POSTS     posts generated (default 6000)
# SOAK_SEED      seed of the posts and kill times (default 1; the ctest uses 6)
# SOAK_BATCH_MB  --batch-mb of the killed runs (default 0.02: a commit every ~20 posts)
# SOAK_VERBOSE=1 one line per run (delay, exit, duration) and check time
# TMPDIR         where the posts and the index go (default /tmp: a real disk
#                with real fsyncs, unlike the ctest, which prefers /dev/shm)
set -uo pipefail
cd "$(dirname "$0")/.."
KILLS=${1:-200}
BUILD=${2:-build}
case $BUILD in /*) ;; *) BUILD=$PWD/$BUILD ;; esac
for b in newsidx newsq; do
  [ -x "$BUILD/$b" ] || { echo "soak: $BUILD/$b not found (build first, or give BUILD_DIR)" >&2; exit 2; }
done
export NEWSIDX=$BUILD/newsidx NEWSQ=$BUILD/newsq SRC=$PWD
export SHARED=${NEWSIDX_SHARED_DIR:-$PWD/../shared}
export CRASH_KILLS=$KILLS CRASH_POSTS=${SOAK_POSTS:-6000} CRASH_SEED=${SOAK_SEED:-1}
export CRASH_BATCH_MB=${SOAK_BATCH_MB:-0.02} CRASH_VERBOSE=${SOAK_VERBOSE:-0}
export NEWSIDX_TEST_TMPDIR=${TMPDIR:-/tmp}

log=$(mktemp "${NEWSIDX_TEST_TMPDIR}/newsidx-soak-XXXXXX.log")
trap 'rm -f "$log"' EXIT
start=$(date +%s)
echo "soak: $KILLS kills, $CRASH_POSTS posts, seed $CRASH_SEED, batch $CRASH_BATCH_MB MiB," \
  "in $NEWSIDX_TEST_TMPDIR, $NEWSIDX"
bash tests/cli/crash_kill.sh 2>&1 | tee "$log" | grep -v '^ok$'
rc=${PIPESTATUS[0]}
secs=$(( $(date +%s) - start ))
survived=$(sed -n 's/^crash_kill: \([0-9]*\) kills survived.*/\1/p' "$log")
if [ "$rc" -eq 0 ]; then
  echo "soak: PASS: ${survived:-?} kills survived, $CRASH_POSTS posts, ${secs} s"
else
  echo "soak: FAIL after ${secs} s (exit $rc); rerun with SOAK_SEED=$CRASH_SEED to reproduce" >&2
  exit 1
fi
