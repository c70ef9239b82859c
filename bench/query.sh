#!/usr/bin/env bash
# Query latency (p50/p95/p99) and throughput (QPS) with 1 and 2 threads, per
# query class, for newsidx (public API, one Searcher per thread; with and
# without snippets; newsidx-exact: every match weighed, as for an exact
# total or facets, SearchRequest::exact_total; newsidx-estimate:
# SearchRequest::exact_up_to 0, Xapian's estimate, against the default that
# counts again exactly where at most 2000 posts can match), Xapian's QueryParser (xapian_baseline bench --mode
# default) and SQLite FTS5 (sqlite_bench), on the indexes bench/index.sh
# built from the same synthetic posts, in the same run; and xapian-floor
# (query_floor: Xapian alone on newsidx's own index, each word
# one bare term, the least any query shape can cost there).
#
#   bench/query.sh [--n "10000 100000"] [--work DIR] [--build DIR] [--seed S] [--profile zipf|blog]
#                  [--threads "1 2"] [--rounds R] [--per-class K]
#                  [--systems "newsidx newsidx+snippets newsidx-exact newsidx-estimate xapian-floor xapian-default sqlite-fts5"]
#
# --profile blog: the corpus and queries of gen_corpus --profile blog (names
# in a few % of the posts, as in real blogs; files named …-sS-blog); zipf
# (default) is the worst case, names in most posts.
# Queries: `gen_corpus --queries WORK/queries-sS-kK.tsv --per-class K` (default
# 200 per class: 1word, 2word, phrase, filtered, particle), the same file for
# every system and N. Indexes: WORK/dbs-N-sS/ from bench/index.sh (run here
# first if missing). Each driver warms up with one untimed pass, then runs
# each class R times (default 3) per thread; see bench/latency.hpp. Prints a
# Markdown table per N with ratios to xapian-default (p99 and QPS), the
# machine and this command; also saved as WORK/query-N-sS.txt. Shared option
# and machine code: bench/lib.sh.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_init query "$@"
THREADS="1 2"
ROUNDS=3
PER_CLASS=200
SYSTEMS="newsidx newsidx+snippets newsidx-exact xapian-floor xapian-default sqlite-fts5"
while (($#)); do
    bench_option "$@" && { shift "$SHIFT"; continue; }
    case $1 in
        --threads) THREADS=$2; shift 2 ;;
        --rounds) ROUNDS=$2; shift 2 ;;
        --per-class) PER_CLASS=$2; shift 2 ;;
        --systems) SYSTEMS=$2; shift 2 ;;
        *) echo "query.sh: unknown argument $1" >&2; usage ;;
    esac
done
bench_ready gen_corpus query_bench query_floor xapian_baseline sqlite_bench -- sqlite3 python3

QUERIES="$WORK/queries-$RUN_TAG-k$PER_CLASS.tsv"
"$BUILD/gen_corpus" --queries "$QUERIES" --seed "$SEED" --profile "$PROFILE" --per-class "$PER_CLASS"

for N in $NS; do
    DBS="$WORK/dbs-$N-$RUN_TAG"
    need=""  # only the indexes the chosen systems search
    case " $SYSTEMS " in *" newsidx"* | *" xapian-floor "*) [ -d "$DBS/newsidx" ] || need="$need newsidx" ;; esac
    case " $SYSTEMS " in *" xapian-default "*) [ -d "$DBS/xapian-default" ] || need="$need xapian-default" ;; esac
    case " $SYSTEMS " in *" sqlite-fts5 "*) [ -f "$DBS/fts5.sqlite" ] || need="$need sqlite-fts5" ;; esac
    if [ -n "$need" ]; then
        log "N=$N: building$need with bench/index.sh"
        "$BENCH_HERE/index.sh" --n "$N" --work "$WORK" --build "$BUILD" --seed "$SEED" --profile "$PROFILE" --systems "${need# }" >&2
    fi
    RES="$DBS/query-results.tsv"
    : >"$RES"
    for T in $THREADS; do
        for sys in $SYSTEMS; do
            log "N=$N threads=$T $sys"
            common=(--threads "$T" --rounds "$ROUNDS" -n 10 --tsv)
            case $sys in
                newsidx) "$BUILD/query_bench" "$DBS/newsidx" "$QUERIES" "${common[@]}" --system newsidx >>"$RES" ;;
                newsidx+snippets)
                    "$BUILD/query_bench" "$DBS/newsidx" "$QUERIES" "${common[@]}" --snippets \
                        --system newsidx+snippets >>"$RES" ;;
                newsidx-exact)
                    "$BUILD/query_bench" "$DBS/newsidx" "$QUERIES" "${common[@]}" --exact-total \
                        --system newsidx-exact >>"$RES" ;;
                newsidx-estimate)
                    "$BUILD/query_bench" "$DBS/newsidx" "$QUERIES" "${common[@]}" --estimate \
                        --system newsidx-estimate >>"$RES" ;;
                xapian-floor) "$BUILD/query_floor" "$DBS/newsidx" "$QUERIES" "${common[@]}" >>"$RES" ;;
                xapian-default)
                    "$BUILD/xapian_baseline" bench --mode default "$DBS/xapian-default" "$QUERIES" "${common[@]}" >>"$RES" ;;
                sqlite-fts5) "$BUILD/sqlite_bench" "$DBS/fts5.sqlite" "$QUERIES" "${common[@]}" >>"$RES" ;;
                *) echo "query.sh: unknown system $sys" >&2; exit 2 ;;
            esac
        done
    done
    python3 - "$RES" "$N" "$(machine_info "queries: $QUERIES ($(wc -l <"$QUERIES") lines), rounds $ROUNDS, 10 hits per query")" "$PROFILE" <<'PY' | tee "$WORK/query-$N-$RUN_TAG.txt"
import sys
rows = []
for line in open(sys.argv[1]):
    f = line.rstrip("\n").split("\t")
    if len(f) != 11:
        continue
    rows.append(dict(sys=f[0], cls=f[1], t=int(f[2]), n=int(f[3]), p50=float(f[4]), p95=float(f[5]),
                     p99=float(f[6]), mean=float(f[7]), qps=float(f[8]), zero=float(f[9]), hits=float(f[10])))
n = int(sys.argv[2])
base = {(r["cls"], r["t"]): r for r in rows if r["sys"] == "xapian-default"}
print(f"\n### Queries, N = {n:,} posts, corpus profile {sys.argv[4]} (10 hits per query; latency in ms)\n")
print("| class | threads | system | p50 | p95 | p99 | mean | QPS | zero-hit % | p99 ÷ xapian-default | QPS × xapian-default |")
print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
classes = list(dict.fromkeys(r["cls"] for r in rows))
for cls in classes:
    for t in sorted({r["t"] for r in rows}):
        for r in rows:
            if r["cls"] != cls or r["t"] != t:
                continue
            b = base.get((cls, t))
            rp = f"{r['p99'] / b['p99']:.2f}" if b and b["p99"] > 0 else "–"
            rq = f"{r['qps'] / b['qps']:.2f}" if b and b["qps"] > 0 else "–"
            print(f"| {cls} | {t} | {r['sys']} | {r['p50']:.2f} | {r['p95']:.2f} | {r['p99']:.2f} | {r['mean']:.2f} "
                  f"| {r['qps']:,.0f} | {r['zero']:.0f} | {rp} | {rq} |")
print()
for line in sys.argv[3].splitlines():
    print(line + "  ")
PY
done
