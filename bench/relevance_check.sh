#!/usr/bin/env bash
# ctest bench.relevance_smoke: runs bench/relevance --json and checks that the
# harness works: both Xapian baselines answered >= 95% of the queries, and
# newsidx's nDCG@10 beats both (no fixed score floor here; see tests/cli/korquad_batch.sh).
#   bench/relevance_check.sh BUILD_DIR [bench/relevance options...]
set -euo pipefail
out=$(bash "$(dirname "${BASH_SOURCE[0]}")/relevance" "$@" --json)
echo "$out"
python3 - "$out" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
s, n = r["systems"], r["query_count"]
problems = []
for name in ("xapian-default", "xapian-cjk"):
    if s[name]["answered"] < 0.95 * n:
        problems.append(f"{name} answered {s[name]['answered']}/{n} queries (< 95%)")
    if not s["newsidx"]["ndcg@10"] > s[name]["ndcg@10"]:
        problems.append(f"newsidx nDCG@10 {s['newsidx']['ndcg@10']:.4f} <= {name} {s[name]['ndcg@10']:.4f}")
for p in problems:
    print("FAIL:", p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
echo ok
