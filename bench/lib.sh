# Shared by bench/index.sh and bench/query.sh (sourced): common options,
# tool checks, the synthetic corpus cache and the machine description that
# every result table ends with.
#
#   source "$(dirname "$0")/lib.sh"; bench_init "name" "$@"
#   while (($#)); do bench_option "$@" && { shift "$SHIFT"; continue; }; case $1 in ... esac; done
#   bench_ready gen_corpus newsidx ... -- sqlite3 python3   # built tools -- system tools
#
# Common options (defaults): --n "10000 100000"  --work /tmp/newsidx-bench
# --build <repo>/build  --seed 1  --profile zipf (gen_corpus --profile: zipf
# or blog). Every file of a run is named with $RUN_TAG: "sS" for zipf (the
# names of earlier runs), "sS-blog" for blog (corpus-N-sS-blog, dbs-N-sS-blog …).

BENCH_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_REPO=$(cd "$BENCH_HERE/.." && pwd)
NS="10000 100000"
WORK=/tmp/newsidx-bench
BUILD=$BENCH_REPO/build
SEED=1
PROFILE=zipf

# bench_init NAME ARGS...: remembers the command line and the load at start.
bench_init() {
    BENCH_NAME=$1; shift
    BENCH_CMDLINE="bench/$BENCH_NAME.sh $*"
    BENCH_LOAD0=$(cut -d" " -f1-3 /proc/loadavg)
}

log() { echo "$BENCH_NAME.sh: $*" >&2; }

# The script's header comment (lines 2.. up to the first non-comment) as help.
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit "${1:-2}"; }

# bench_option ARGS...: consumes a common option; sets SHIFT. False if not one.
bench_option() {
    SHIFT=2
    case $1 in
        --n) NS=$2 ;;
        --work) WORK=$2 ;;
        --build) BUILD=$2 ;;
        --seed) SEED=$2 ;;
        --profile) PROFILE=$2 ;;
        -h|--help) usage 0 ;;
        *) return 1 ;;
    esac
    [ $# -ge 2 ] || { echo "$BENCH_NAME.sh: $1 needs a value" >&2; exit 2; }
}

# bench_ready BUILT... -- SYSTEM...: checks the tools, makes WORK absolute.
bench_ready() {
    BUILD=$(cd "$BUILD" && pwd)
    local system=0 t
    for t in "$@"; do
        if [ "$t" = -- ]; then system=1; continue; fi
        if [ "$system" = 0 ]; then
            [ -x "$BUILD/$t" ] || { echo "$BENCH_NAME.sh: $BUILD/$t missing (build first)" >&2; exit 2; }
        else
            command -v "$t" >/dev/null || { echo "$BENCH_NAME.sh: $t not found (scripts/setup.sh installs it)" >&2; exit 2; }
        fi
    done
    case $PROFILE in zipf | blog) ;; *) echo "$BENCH_NAME.sh: --profile: zipf or blog, not $PROFILE" >&2; exit 2 ;; esac
    RUN_TAG=s$SEED
    [ "$PROFILE" = zipf ] || RUN_TAG=$RUN_TAG-$PROFILE
    mkdir -p "$WORK"
    WORK=$(cd "$WORK" && pwd)
}

# corpus_for N: generates (or reuses) the corpus for N; prints its folder.
# Reused only if complete (the manifest is written last), of the same N and
# seed, and newer than the generator.
corpus_for() {
    local n=$1 dir="$WORK/corpus-$1-$RUN_TAG"
    if [ -f "$dir/.gen_corpus" ] && grep -qx "n $n" "$dir/.gen_corpus" && grep -qx "seed $SEED" "$dir/.gen_corpus" \
        && grep -qx "profile $PROFILE" "$dir/.gen_corpus" \
        && [ "$dir/.gen_corpus" -nt "$BUILD/gen_corpus" ]; then
        log "reusing $dir"
    else
        rm -rf "$dir"
        log "generating $n posts into $dir"
        local s; s=$(date +%s.%N)
        "$BUILD/gen_corpus" --n "$n" --out "$dir" --seed "$SEED" --profile "$PROFILE" >&2
        log "generated in $(python3 -c "print(f'{$(date +%s.%N) - $s:.1f}')") s"
    fi
    echo "$dir"
}

# machine_info [EXTRA-LINE]: where and how the figures were made.
machine_info() {
    local cpu rev
    cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
    rev=$(git -C "$BENCH_REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
    git -C "$BENCH_REPO" diff --quiet HEAD 2>/dev/null || rev="$rev+uncommitted"
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  nproc: $(nproc)  cpu: $cpu  mem: $(free -g | awk '/^Mem:/{print $2}') GiB  load avg start/end: $BENCH_LOAD0 / $(cut -d" " -f1-3 /proc/loadavg)"
    echo "corpus profile: $PROFILE (gen_corpus --profile $PROFILE --seed $SEED)"
    echo "newsidx: $rev  xapian: $(dpkg-query -W -f='${Version}' libxapian30 2>/dev/null || echo ?)  sqlite3: $(sqlite3 --version | cut -d' ' -f1)  build: $BUILD"
    [ -z "${1:-}" ] || echo "$1"
    echo "command: $BENCH_CMDLINE"
}
