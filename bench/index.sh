#!/usr/bin/env bash
# Indexing throughput, peak memory and index size: newsidx against Xapian's
# TermGenerator (xapian_baseline --mode default) and SQLite FTS5 (unicode61,
# Debian's sqlite3 CLI), on the same synthetic posts, in the same run.
#
#   bench/index.sh [--n "10000 100000"] [--work DIR] [--build DIR] [--seed S] [--profile zipf|blog]
#                  [--systems "newsidx newsidx-j1 xapian-default sqlite-fts5"] [--newsidx-args "ARGS"]
#   bench/index.sh --n 1000000                    # the big run (3.1 GB of posts, ~40 GB of indexes)
#
# For each N: generates the corpus once with gen_corpus (cached in
# WORK/corpus-N-sS (corpus-N-sS-blog for --profile blog: gen_corpus's
# real-blog document frequencies), default WORK /tmp/newsidx-bench; reused when its
# manifest matches and is newer than the gen_corpus binary), then builds each index from scratch into WORK/dbs-N-sS/
# (kept for bench/query.sh), timing the whole command (wall seconds, and CPU
# seconds: user + system of all its threads) and its peak RSS (getrusage of
# the child, via python3), and measures the index
# folder/file (du -sb, MB = 10^6 bytes) as written and compacted
# (xapian-compact into a temporary copy; SQLite: FTS5 'optimize' + VACUUM on
# a copy). Prints one table per run with ratios to xapian-default and
# SQLite measured in the same run, the machine, the revision and this
# command. Progress goes to stderr; the table to stdout (and WORK/index-N-sS.txt).
# Systems: newsidx (`add`, --jobs = core count), newsidx-j1 (`add --jobs 1`,
# built into dbs-N-sS/newsidx-j1), xapian-default, sqlite-fts5. Shared
# option and machine code: bench/lib.sh.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_init index "$@"
SYSTEMS="newsidx newsidx-j1 xapian-default sqlite-fts5"
NEWSIDX_ARGS=""
while (($#)); do
    bench_option "$@" && { shift "$SHIFT"; continue; }
    case $1 in
        --systems) SYSTEMS=$2; shift 2 ;;
        --newsidx-args) NEWSIDX_ARGS=$2; shift 2 ;;
        *) echo "index.sh: unknown argument $1" >&2; usage ;;
    esac
done
bench_ready gen_corpus newsidx xapian_baseline -- sqlite3 xapian-compact xapian-delve python3

# measure OUT CMD...: runs CMD, writes "wall_seconds peak_rss_kib exit_code cpu_seconds" to OUT.
measure() {
    local out=$1; shift
    python3 - "$out" "$@" <<'PY'
import resource, subprocess, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
t = time.monotonic()
rc = subprocess.call(cmd, stdout=subprocess.DEVNULL)
secs = time.monotonic() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(out, "w") as f:
    f.write(f"{secs:.3f} {ru.ru_maxrss} {rc} {ru.ru_utime + ru.ru_stime:.3f}\n")
PY
}
bytes_of() { du -sb "$1" | cut -f1; }

for N in $NS; do
    CORPUS=$(corpus_for "$N")
    INPUT=$(awk '$1 == "bytes" {print $2}' "$CORPUS/.gen_corpus")
    DBS="$WORK/dbs-$N-$RUN_TAG"
    mkdir -p "$DBS"
    RES="$DBS/index-results.tsv"
    : >"$RES"
    log "N=$N reading the corpus once (page cache warm for every system)"
    find "$CORPUS/_posts" -name '*.md' -print0 | xargs -0 cat >/dev/null
    for sys in $SYSTEMS; do
        M="$DBS/$sys.measure"
        case $sys in
            newsidx|newsidx-j1)
                rm -rf "${DBS:?}/$sys"
                jobs=(); [ "$sys" = newsidx-j1 ] && jobs=(--jobs 1)
                log "N=$N newsidx add ${jobs[*]} $NEWSIDX_ARGS"
                # shellcheck disable=SC2086
                measure "$M" "$BUILD/newsidx" --db "$DBS/$sys" add "${jobs[@]}" $NEWSIDX_ARGS "$CORPUS"
                DB="$DBS/$sys" ;;
            xapian-default)
                rm -rf "$DBS/xapian-default"
                log "N=$N xapian_baseline index --mode default"
                measure "$M" "$BUILD/xapian_baseline" index --mode default "$DBS/xapian-default" "$CORPUS"
                DB="$DBS/xapian-default" ;;
            sqlite-fts5)
                rm -f "$DBS/fts5.sqlite"
                log "N=$N sqlite3 FTS5 load"
                # One statement (one transaction): every .md file under the corpus, read by the CLI's fsdir/readfile.
                measure "$M" sqlite3 "$DBS/fts5.sqlite" \
                    "CREATE VIRTUAL TABLE posts USING fts5(path UNINDEXED, body, tokenize='unicode61');
                     INSERT INTO posts(path, body)
                       SELECT name, CAST(readfile(name) AS TEXT) FROM fsdir('$CORPUS') WHERE name LIKE '%.md';"
                DB="$DBS/fts5.sqlite" ;;
            *) echo "index.sh: unknown system $sys" >&2; exit 2 ;;
        esac
        read -r secs kib rc cpu <"$M"
        [ "$rc" = 0 ] || { echo "index.sh: $sys failed (exit $rc)" >&2; exit 1; }
        size=$(bytes_of "$DB")
        log "N=$N $sys: ${secs}s, compacting"
        if [ "$sys" = sqlite-fts5 ]; then
            cp "$DB" "$DBS/compact.sqlite"
            sqlite3 "$DBS/compact.sqlite" "INSERT INTO posts(posts) VALUES('optimize'); VACUUM;"
            csize=$(bytes_of "$DBS/compact.sqlite")
            rm -f "$DBS/compact.sqlite"
            docs=$(sqlite3 "$DB" "SELECT count(*) FROM posts;")
        else
            rm -rf "$DBS/compact"
            xapian-compact "$DB" "$DBS/compact" >/dev/null
            csize=$(bytes_of "$DBS/compact")
            rm -rf "$DBS/compact"
            docs=$(xapian-delve "$DB" | awk '/number of documents/ {print $NF}')
        fi
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$N" "$sys" "$secs" "$kib" "$size" "$csize" "$docs" "$INPUT" "$cpu" >>"$RES"
    done

    python3 - "$RES" "$(machine_info)" <<'PY' | tee "$WORK/index-$N-$RUN_TAG.txt"
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
by = {r[1]: r for r in rows}
def f(r):
    n, sys_, secs, kib, size, csize, docs, inp, cpu = r
    return dict(n=int(n), sys=sys_, secs=float(secs), rss=int(kib) * 1024 / 1e6, size=int(size) / 1e6,
                csize=int(csize) / 1e6, docs=int(docs or 0), inp=int(inp) / 1e6, cpu=float(cpu))
rows = [f(r) for r in rows]
base = next((r for r in rows if r["sys"] == "xapian-default"), None)
sql = next((r for r in rows if r["sys"] == "sqlite-fts5"), None)
n, inp = rows[0]["n"], rows[0]["inp"]
print(f"\n### Indexing, N = {n:,} posts ({inp:,.1f} MB of Markdown)\n")
print("| system | docs | index s | CPU s | posts/s | MB/s | peak RSS MB | index MB | compacted MB | compacted / input "
      "| throughput × xapian-default | CPU ÷ xapian-default | time ÷ sqlite-fts5 | size ÷ xapian-default (compacted) |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    thr = f"{base['secs'] / r['secs']:.2f}" if base else "–"
    tsql = f"{r['secs'] / sql['secs']:.2f}" if sql else "–"
    sz = f"{r['csize'] / base['csize']:.2f}" if base else "–"
    cpu = f"{r['cpu'] / base['cpu']:.2f}" if base and base["cpu"] > 0 else "–"
    print(f"| {r['sys']} | {r['docs']:,} | {r['secs']:.1f} | {r['cpu']:.1f} | {r['n'] / r['secs']:,.0f} | {inp / r['secs']:.2f} "
          f"| {r['rss']:,.0f} | {r['size']:,.1f} | {r['csize']:,.1f} | {r['csize'] / inp:.2f} | {thr} | {cpu} | {tsql} | {sz} |")
print()
for line in sys.argv[2].splitlines():
    print(line + "  ")
PY
done
