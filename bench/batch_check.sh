#!/usr/bin/env bash
# The ctest bench.batch_smoke: bench/batch.sh works (one round). It fails by
# itself if newsq's hits differ with and without kept sketches (--cache-mb
# 0); here every row of its table must be there with its figures. No time is
# asserted (bench/RESULTS.md has them).
#   bench/batch_check.sh BUILD_DIR
set -euo pipefail
BUILD=${1:?usage: batch_check.sh BUILD_DIR}
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$(mktemp "${TMPDIR:-/tmp}/newsidx-batch-check-XXXXXX")
trap 'rm -f "$OUT"' EXIT
bash "$HERE/batch.sh" "$BUILD" --rounds 1 | tee "$OUT"
python3 - "$OUT" <<'PY'
import re, sys
rows = [l.split("|")[1:-1] for l in open(sys.argv[1], encoding="utf-8") if l.startswith("| questions") or l.startswith("| keywords")]
runs = {(r[0].strip(), r[2].strip()) for r in rows}
want = {(b, k) for b in ("questions", "keywords") for k in ("xapian", "newsq", "newsq --cache-mb 0")}
if runs != want:
    sys.exit(f"batch_check: rows {sorted(runs)}, expected {sorted(want)}")
for r in rows:
    if int(r[1]) < 1000 or not all(re.fullmatch(r"\d+\.\d\d", c.strip()) and float(c) > 0 for c in r[3:]):
        sys.exit(f"batch_check: a row without its figures: {r}")
print("batch_check: ok")
PY
