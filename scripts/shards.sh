#!/usr/bin/env bash
# Serves the shards of a sharded newsidx index with Xapian's xapian-tcpsrv,
# one server per shard, on loopback (README "Shards").
#
#   scripts/shards.sh start DB [--run DIR] [--port-base P] [--timeout MS]
#       Starts `xapian-tcpsrv --interface 127.0.0.1 --port P+k DB/shard-k` for
#       every shard k of DB (an unsharded DB: one server for DB itself; each
#       server in its own process group), waits until each
#       accepts connections, writes DIR/stub (a Xapian stub file: one
#       "remote 127.0.0.1:PORT" line per shard) and DIR/pids, and prints the
#       stub. DIR defaults to DB.servers; P to a free range found at start
#       (0), else P, P+1, …; MS is the servers' idle/active timeout
#       (default 60000 ms).
#   scripts/shards.sh search DIR QUERY...   newsq --db DIR/stub QUERY... (any newsq options too)
#   scripts/shards.sh stop DIR              stops the servers started into DIR
#
# Searching: `newsq --db DIR/stub …`, or `newsq --remote 127.0.0.1:PORT
# --remote …` (same thing). newsq opens each remote shard itself with a 1 s
# timeout (--timeout MS), so that a dead or stopped shard fails fast (exit 3)
# or, with --allow-partial, is left out (result marked partial).
# Environment: XAPIAN_TCPSRV (default xapian-tcpsrv), NEWSQ (default newsq
# on PATH, else build/newsq beside this script).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
TCPSRV=${XAPIAN_TCPSRV:-xapian-tcpsrv}

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit "${1:-2}"; }
die() { echo "shards.sh: $*" >&2; exit 2; }

# A port nothing listens on (bind test through Python, always on Debian with the test suite).
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
    local db=$1; shift
    local run="" base=0 timeout=60000
    while (($#)); do
        case $1 in
            --run) run=$2; shift 2 ;;
            --port-base) base=$2; shift 2 ;;
            --timeout) timeout=$2; shift 2 ;;
            *) die "unknown argument $1" ;;
        esac
    done
    [ -f "$db/XAPIANDB" ] || [ -f "$db/iamglass" ] || die "$db: not a newsidx index (no XAPIANDB, no iamglass)"
    command -v "$TCPSRV" >/dev/null || die "$TCPSRV not found (Debian package xapian-tools)"
    run=${run:-$db.servers}
    mkdir -p "$run"
    [ ! -s "$run/pids" ] || die "$run/pids exists: servers already started there (shards.sh stop $run first)"
    local shards=() line
    while IFS= read -r line; do
        case $line in '#'*|'') continue ;; "auto "*) shards+=("$db/${line#auto }") ;; *) die "$db/XAPIANDB: unexpected line '$line'" ;; esac
    done < <(if [ -f "$db/XAPIANDB" ]; then cat "$db/XAPIANDB"; else echo "auto ."; fi)  # an unsharded index: one server
    : >"$run/stub.tmp"
    : >"$run/pids"
    local k port pid
    for k in "${!shards[@]}"; do
        if [ "$base" -eq 0 ]; then port=$(free_port); else port=$((base + k)); fi
        listening "$port" && die "port $port is already in use (choose --port-base)"
        setsid "$TCPSRV" --quiet --interface 127.0.0.1 --port "$port" --timeout "$timeout" "${shards[$k]}" \
            >"$run/shard-$k.log" 2>&1 </dev/null &
        pid=$!
        echo "$pid $port ${shards[$k]}" >>"$run/pids"
        echo "remote 127.0.0.1:$port" >>"$run/stub.tmp"
    done
    # Ready when every port accepts (bounded wait), or a server died.
    while read -r pid port _; do
        local i
        for ((i = 0; i < 100; i++)); do
            listening "$port" && break
            kill -0 "$pid" 2>/dev/null || { stop "$run"; die "xapian-tcpsrv on port $port exited: $(cat "$run"/shard-*.log)"; }
            sleep 0.05
        done
        listening "$port" || { stop "$run"; die "xapian-tcpsrv on port $port did not start listening within 5 s"; }
    done <"$run/pids"
    mv "$run/stub.tmp" "$run/stub"
    cat "$run/stub"
}

# Kills each server's whole process group: xapian-tcpsrv forks one child per
# connection, and a child outlives its parent otherwise.
stop() {
    local run=$1 pid port path
    [ -f "$run/pids" ] || die "$run/pids: no servers started there"
    while read -r pid port path; do
        kill -TERM -- "-$pid" 2>/dev/null || true
    done <"$run/pids"
    while read -r pid port path; do
        for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
        kill -KILL -- "-$pid" 2>/dev/null || true
    done <"$run/pids"
    rm -f "$run/pids" "$run/stub"
}

search() {
    local run=$1; shift
    local newsq=${NEWSQ:-}
    if [ -z "$newsq" ]; then newsq=$(command -v newsq || echo "$HERE/../build/newsq"); fi
    [ -f "$run/stub" ] || die "$run/stub: no servers started there"
    exec "$newsq" --db "$run/stub" "$@"
}

(($#)) || usage
cmd=$1; shift
case $cmd in
    start) (($#)) || usage; start "$@" ;;
    stop) (($# == 1)) || usage; stop "$1" ;;
    search) (($# >= 2)) || usage; search "$@" ;;
    -h|--help) usage 0 ;;
    *) usage ;;
esac
