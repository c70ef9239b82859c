#!/usr/bin/env bash
# Query latency and throughput over 1, 2 and 4 shards, local (a sharded
# folder) and remote (one xapian-tcpsrv per shard on loopback), on the same
# synthetic posts and queries, in the same run.
#
#   bench/shards.sh [--n 100000] [--seed S] [--work DIR] [--build DIR]
#                   [--shards "1 2 4"] [--threads "1 2"] [--rounds R] [--per-class K]
#                   [--remote yes|no] [--floor yes|no] [--base-build DIR]
#
# Index: WORK/dbs-N-sS/newsidx from bench/index.sh (built here first if
# missing, `--systems newsidx`). Shard layouts: a copy of it re-routed with
# `newsidx rebalance --shards K` into WORK/shards-N-sS/sK (documents copied
# as indexed, so every layout holds the same posts and BM25 statistics).
# Remote: scripts/shards.sh start WORK/shards-N-sS/sK, then query_bench on
# the stub it prints (newsidx's own remote timeouts, 1 s). Queries:
# `gen_corpus --queries` (default 100 per class), warm-up pass, then R rounds
# (default 3) per class and thread count (bench/latency.hpp); 10 hits per
# query, no snippets. Prints a Markdown table with ratios to the unsharded
# local index (same class and threads), the machine and this command; also
# saved as WORK/shards-N-sS.txt. --base-build DIR also runs DIR's
# query_bench (another revision) on the unsharded index in the same run:
# row "base-1". --floor yes (the default) also runs query_floor (Xapian
# alone on the same posting lists, bench/query_floor.cpp) on every layout,
# local and remote: rows "floor-local-K" and "floor-remote-K", and a second
# table of each layout's p99 against its own floor and of each floor against
# the unsharded one. Shared option and machine code: bench/lib.sh.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_init shards "$@"
NS=100000
SHARDS="1 2 4"
THREADS="1 2"
ROUNDS=3
PER_CLASS=100
REMOTE=yes
FLOOR=yes
BASE=""
while (($#)); do
    bench_option "$@" && { shift "$SHIFT"; continue; }
    case $1 in
        --shards) SHARDS=$2; shift 2 ;;
        --threads) THREADS=$2; shift 2 ;;
        --rounds) ROUNDS=$2; shift 2 ;;
        --per-class) PER_CLASS=$2; shift 2 ;;
        --remote) REMOTE=$2; shift 2 ;;
        --floor) FLOOR=$2; shift 2 ;;
        --base-build) BASE=$(cd "$2" && pwd); shift 2 ;;
        *) echo "shards.sh: unknown argument $1" >&2; usage ;;
    esac
done
bench_ready gen_corpus query_bench query_floor newsidx -- python3 xapian-tcpsrv sqlite3
[ -z "$BASE" ] || [ -x "$BASE/query_bench" ] || { echo "shards.sh: $BASE/query_bench missing" >&2; exit 2; }
RUNS=()
cleanup() { for r in "${RUNS[@]}"; do [ -f "$r/pids" ] && "$BENCH_REPO/scripts/shards.sh" stop "$r" >/dev/null 2>&1; done; return 0; }
trap cleanup EXIT

layout() {  # layout K: the folder holding the index DB as K shards (1: the index itself), under LAY
    local k=$1
    if [ "$k" = 1 ]; then echo "$DB"; return; fi
    if [ ! -f "$LAY/s$k/XAPIANDB" ] || [ "$LAY/s$k/XAPIANDB" -ot "$DB/iamglass" ]; then
        rm -rf "$LAY/s$k"
        cp -r "$DB" "$LAY/s$k"
        rm -f "$LAY/s$k/newsidx.writer"
        log "rebalancing a copy into $k shards"
        "$BUILD/newsidx" --db "$LAY/s$k" rebalance --shards "$k" >&2
    fi
    echo "$LAY/s$k"
}

bench() {  # bench QUERY_BENCH DB SYSTEM: one row per class and thread count into RES
    local T
    for T in $THREADS; do
        log "N=$N $3, threads=$T"
        "$1" "$2" "$QUERIES" --threads "$T" --rounds "$ROUNDS" -n 10 --tsv --system "$3" >>"$RES"
    done
}

floor() {  # floor DB NAME: the Xapian floor on the same layout (query_floor opens a folder or a stub alike)
    [ "$FLOOR" = yes ] || return 0
    bench "$BUILD/query_floor" "$1" "floor-$2"
}

for N in $NS; do
    DB="$WORK/dbs-$N-s$SEED/newsidx"
    if [ ! -d "$DB" ]; then
        log "N=$N: building the index with bench/index.sh"
        "$BENCH_HERE/index.sh" --n "$N" --work "$WORK" --build "$BUILD" --seed "$SEED" --systems newsidx >&2
    fi
    QUERIES="$WORK/queries-s$SEED-k$PER_CLASS.tsv"
    "$BUILD/gen_corpus" --queries "$QUERIES" --seed "$SEED" --per-class "$PER_CLASS"
    LAY="$WORK/shards-$N-s$SEED"
    mkdir -p "$LAY"
    RES="$LAY/results.tsv"
    : >"$RES"
    for k in $SHARDS; do
        dir=$(layout "$k")
        bench "$BUILD/query_bench" "$dir" "local-$k"
        floor "$dir" "local-$k"
        [ "$k" != 1 ] || [ -z "$BASE" ] || bench "$BASE/query_bench" "$dir" "base-1"
        if [ "$REMOTE" = yes ]; then
            run="$LAY/servers-$k"
            RUNS+=("$run")
            "$BENCH_REPO/scripts/shards.sh" start "$dir" --run "$run" >/dev/null
            bench "$BUILD/query_bench" "$run/stub" "remote-$k"
            floor "$run/stub" "remote-$k"
            "$BENCH_REPO/scripts/shards.sh" stop "$run"
        fi
    done
    posts=$("$BUILD/newsidx" --db "$DB" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
    extra="index: $DB ($posts posts), queries: $QUERIES ($(wc -l <"$QUERIES") lines), rounds $ROUNDS, 10 hits per query, no snippets"
    [ -z "$BASE" ] || extra="$extra; base-1: $BASE/query_bench"
    python3 - "$RES" "$N" "$(machine_info "$extra")" <<'PY' | tee "$WORK/shards-$N-s$SEED.txt"
import sys
rows = []
for line in open(sys.argv[1]):
    f = line.rstrip("\n").split("\t")
    if len(f) != 11:
        continue
    rows.append(dict(sys=f[0], cls=f[1], t=int(f[2]), n=int(f[3]), p50=float(f[4]), p95=float(f[5]),
                     p99=float(f[6]), mean=float(f[7]), qps=float(f[8]), zero=float(f[9]), hits=float(f[10])))
n = int(sys.argv[2])
base = {(r["cls"], r["t"]): r for r in rows if r["sys"] == "local-1"}
print(f"\n### Shards, N = {n:,} posts (10 hits per query, no snippets; latency in ms)\n")
print("| class | threads | layout | p50 | p95 | p99 | mean | QPS | p50 ÷ local-1 | QPS × local-1 |")
print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|")
for cls in dict.fromkeys(r["cls"] for r in rows):
    for t in sorted({r["t"] for r in rows}):
        for r in rows:
            if r["cls"] != cls or r["t"] != t:
                continue
            b = base.get((cls, t))
            rp = f"{r['p50'] / b['p50']:.2f}" if b and b["p50"] > 0 else "–"
            rq = f"{r['qps'] / b['qps']:.2f}" if b and b["qps"] > 0 else "–"
            print(f"| {cls} | {t} | {r['sys']} | {r['p50']:.2f} | {r['p95']:.2f} | {r['p99']:.2f} | {r['mean']:.2f} "
                  f"| {r['qps']:,.0f} | {rp} | {rq} |")
floors = {(r["sys"][len("floor-"):], r["cls"], r["t"]): r for r in rows if r["sys"].startswith("floor-")}
if floors:
    print("\n#### Each layout against its Xapian floor (p99, ms)\n")
    print("| class | threads | layout | newsidx p99 | floor p99 | newsidx ÷ floor | floor ÷ floor of local-1 |")
    print("|---|---:|---|---:|---:|---:|---:|")
    for cls in dict.fromkeys(r["cls"] for r in rows):
        for t in sorted({r["t"] for r in rows}):
            f1 = floors.get(("local-1", cls, t))
            for r in rows:
                if r["cls"] != cls or r["t"] != t or r["sys"].startswith(("floor-", "base-")):
                    continue
                f = floors.get((r["sys"], cls, t))
                if not f:
                    continue
                ratio = f"{r['p99'] / f['p99']:.2f}" if f["p99"] > 0 else "–"
                grow = f"{f['p99'] / f1['p99']:.2f}" if f1 and f1["p99"] > 0 else "–"
                print(f"| {cls} | {t} | {r['sys']} | {r['p99']:.2f} | {f['p99']:.2f} | {ratio} | {grow} |")
print()
for line in sys.argv[3].splitlines():
    print(line + "  ")
PY
done
