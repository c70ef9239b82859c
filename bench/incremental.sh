#!/usr/bin/env bash
# First add vs an immediate second add of the same posts (default: ../shared/corpora).
# Prints both times and their ratio; the target is a ratio under 0.10.
#   bench/incremental.sh [POSTS_DIR] [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
POSTS=${1:-../shared/corpora}
BUILD=${2:-build}
DB=$(mktemp -d)
trap 'rm -rf "$DB"' EXIT
t() { local s=$(date +%s%N); "$@" >/dev/null; echo $(( ($(date +%s%N) - s) / 1000000 )); }
first=$(t "$BUILD/newsidx" --db "$DB/db" add "$POSTS")
second=$(t "$BUILD/newsidx" --db "$DB/db" add "$POSTS")
posts=$("$BUILD/newsidx" --db "$DB/db" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
python3 - "$first" "$second" "$posts" <<'PY'
import sys
first, second, posts = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
print(f"posts {posts}  first add {first} ms ({posts / (first / 1000):.0f} posts/s)  "
      f"second add {second} ms  ratio {second / first:.3f} (target < 0.10)")
PY
