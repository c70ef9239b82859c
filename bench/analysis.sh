#!/usr/bin/env bash
# Analysis and indexing CPU of one build against a baseline build, in one run.
#
#   bench/analysis.sh --base BASE_BUILD [--build BUILD] [--rounds N] [--corpus DIR]... [--skip-add]
#   bench/analysis.sh --base /work/wt-base/build --rounds 5
#
# Both builds need newsidx and analysis_bench (bench/analysis_bench.cpp: any
# revision with Analyzer::tokens builds it, so copy it into an older tree to
# compare with that). Alternating base / new, N rounds each (default 5):
#
#   1. analysis_bench --rounds 3 CORPUS... : Analyzer::tokens over the raw
#      Markdown of the corpora, the median round's thread CPU seconds;
#   2. newsidx --db TMP add --jobs 1 CORPUS... into an empty index: user and
#      system CPU seconds (/usr/bin/time), the whole add (read, parse,
#      templates, analysis, Xapian).
#
# Prints every run, then per measure the median of each build and the ratio
# new / base (below 1: the new build is cheaper), the machine and the
# command. Default corpora: ../shared/corpora and corpus/. CPU seconds, not
# wall time: the machine may be shared; alternating keeps a load swing from
# favouring one side. Nothing is asserted.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_init analysis "$@"

BASE=""
ROUNDS=5
CORPORA=()
SKIP_ADD=0
while (($#)); do
    bench_option "$@" && { shift "$SHIFT"; continue; }
    case $1 in
        --base) BASE=$2; shift 2 ;;
        --rounds) ROUNDS=$2; shift 2 ;;
        --corpus) CORPORA+=("$2"); shift 2 ;;
        --skip-add) SKIP_ADD=1; shift ;;
        *) echo "analysis.sh: unknown option $1" >&2; usage ;;
    esac
done
[ -n "$BASE" ] || { echo "analysis.sh: --base BASE_BUILD is required" >&2; usage; }
if [ ${#CORPORA[@]} -eq 0 ]; then
    CORPORA=("${NEWSIDX_SHARED_DIR:-$BENCH_REPO/../shared}/corpora" "$BENCH_REPO/corpus")
fi
bench_ready newsidx analysis_bench -- /usr/bin/time python3
BASE=$(cd "$BASE" && pwd)
for t in newsidx analysis_bench; do
    [ -x "$BASE/$t" ] || { echo "analysis.sh: $BASE/$t missing (build it in the base tree)" >&2; exit 2; }
done
TMP=$(mktemp -d "$WORK/analysis.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

RESULTS=$TMP/results.tsv   # measure side value
: >"$RESULTS"
for ((r = 1; r <= ROUNDS; r++)); do
    for side in base new; do
        b=$BUILD; [ "$side" = base ] && b=$BASE
        s=$("$b/analysis_bench" --rounds 3 "${CORPORA[@]}" | sed -n 's/^median \([0-9.]*\) s CPU.*/\1/p')
        echo "round $r $side analysis_bench median ${s} s CPU" >&2
        printf 'analysis_cpu\t%s\t%s\n' "$side" "$s" >>"$RESULTS"
        if [ "$SKIP_ADD" = 0 ]; then
            rm -rf "$TMP/db"
            /usr/bin/time -f '%U %S' -o "$TMP/time" "$b/newsidx" --db "$TMP/db" -q add --jobs 1 "${CORPORA[@]}" >/dev/null
            read -r u sy <"$TMP/time"
            echo "round $r $side add --jobs 1: ${u} s user, ${sy} s sys" >&2
            printf 'add_user\t%s\t%s\n' "$side" "$u" >>"$RESULTS"
            printf 'add_user_sys\t%s\t%s\n' "$side" "$(python3 -c "print($u + $sy)")" >>"$RESULTS"
        fi
    done
done

python3 - "$RESULTS" <<'EOF'
import sys, statistics
rows = [l.split('\t') for l in open(sys.argv[1]).read().splitlines()]
measures = []
for m, _, _ in rows:
    if m not in measures: measures.append(m)
names = {'analysis_cpu': 'analysis_bench s CPU (median round)',
         'add_user': 'add --jobs 1 user s', 'add_user_sys': 'add --jobs 1 user+sys s'}
print(f"{'measure':<38} {'base median':>11} {'new median':>11} {'new/base':>9}  runs base | new")
for m in measures:
    b = [float(v) for mm, s, v in rows if mm == m and s == 'base']
    n = [float(v) for mm, s, v in rows if mm == m and s == 'new']
    mb, mn = statistics.median(b), statistics.median(n)
    print(f"{names[m]:<38} {mb:>11.3f} {mn:>11.3f} {mn / mb:>9.3f}  "
          + ' '.join(f'{x:.2f}' for x in b) + ' | ' + ' '.join(f'{x:.2f}' for x in n))
EOF
echo "corpora: ${CORPORA[*]}"
machine_info "base: $BASE"
