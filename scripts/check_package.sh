#!/usr/bin/env bash
# Installs newsidx's Debian packages with apt-get and uses them as a new user
# and an embedder would: the tools from PATH, the man pages, and the example
# program built in a separate folder against the installed files with
# find_package(newsidx) and with pkg-config. For a throw-away system (a
# pristine Debian 12 root: .ci/run runs it in one), as root:
#   scripts/check_package.sh newsidx_*.deb newsidx-dev_*.deb
# It installs packages system-wide: do not run it on a machine you care for.
# Exit 0 when every check passed; 1 at the first that did not.
set -euo pipefail
cd "$(dirname "$0")/.."
src=$(pwd)
[ "$#" -ge 2 ] || { echo "usage: scripts/check_package.sh newsidx_*.deb newsidx-dev_*.deb" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "check_package: run as root on a throw-away system" >&2; exit 2; }
fail() { echo "check_package: FAILED: $*" >&2; exit 1; }
step() { echo "check_package: $*"; }
debs=()
for d in "$@"; do debs+=("$(readlink -f -- "$d")"); done

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# The packages' own Depends must bring every library: nothing else first.
step "apt-get install ${debs[*]##*/}"
apt-get install -y -qq --no-install-recommends "${debs[@]}" >/dev/null
for b in newsidx newsq; do
  [ "$(command -v "$b")" = "/usr/bin/$b" ] || fail "$b is not /usr/bin/$b on PATH"
done
v=$(newsidx --version)
[ "$v" = "newsidx $(dpkg-query -W -f='${Version}' newsidx)" ] || fail "newsidx --version says '$v'"

step "the tools from PATH"
w=$(mktemp -d)
trap 'rm -rf -- "$w"' EXIT
cp -r "$src/corpus" "$w/posts"
newsidx --db "$w/db" add "$w/posts" > "$w/add.out" || fail "newsidx add: $(cat "$w/add.out")"
grep -q 'added' "$w/add.out" || fail "newsidx add printed no summary"
NO_COLOR=1 newsq --db "$w/db" 스타게이트 > "$w/q.out" || fail "newsq found nothing"
grep -q 'stargate' "$w/q.out" || fail "newsq 스타게이트 does not list the Stargate post: $(head -5 "$w/q.out")"
rc=0; newsq --db "$w/db" qqzxjvwk > /dev/null || rc=$?
[ "$rc" -eq 1 ] || fail "newsq with no hits exits $rc, not 1"

step "man pages"
apt-get install -y -qq --no-install-recommends man-db >/dev/null  # what a reader has to read them
for b in newsidx newsq; do
  [ "$(man -w "$b")" = "/usr/share/man/man1/$b.1.gz" ] || fail "man -w $b: $(man -w "$b" 2>&1)"
  page=$(LANG=C.UTF-8 MANWIDTH=100 man "$b" 2>&1) || fail "man $b: $page"
  for s in NAME SYNOPSIS OPTIONS 'EXIT STATUS' EXAMPLES 'SEE ALSO'; do
    grep -q "^$s" <<<"$page" || fail "man $b has no $s section"
  done
done
grep -q '^   newsidx add' <<<"$(LANG=C.UTF-8 man newsidx)" || fail "man newsidx does not describe newsidx add"

step "the example program, built against the installed package"
# What an embedder brings: a compiler and a build tool (pkg-config and the
# libraries' headers come with newsidx-dev's Depends).
apt-get install -y -qq --no-install-recommends g++ make cmake >/dev/null
ex=/usr/share/doc/newsidx-dev/examples
[ -f "$ex/search_folder.cpp" ] || fail "$ex/search_folder.cpp is not installed"
cp -r "$ex" "$w/cmake-example"
cmake -S "$w/cmake-example" -B "$w/cmake-build" -DCMAKE_BUILD_TYPE=Release > "$w/log" 2>&1 ||
  fail "find_package(newsidx): $(tail -20 "$w/log")"
cmake --build "$w/cmake-build" > "$w/log" 2>&1 || fail "building with CMake: $(tail -20 "$w/log")"
cp -r "$ex" "$w/make-example"
make -C "$w/make-example" > "$w/log" 2>&1 || fail "building with pkg-config: $(tail -20 "$w/log")"
for prog in "$w/cmake-build/search_folder" "$w/make-example/search_folder"; do
  out=$("$prog" "$w/posts" "$w/db2" 스타게이트) || fail "$prog exited $?: $out"
  grep -q '\[스타게이트' <<<"$out" || fail "$prog found no 스타게이트: $out"
  rc=0; out=$("$prog" /nonexistent "$w/missing/db" x 2>&1) || rc=$?
  [ "$rc" -eq 2 ] || fail "$prog with a missing posts folder exits $rc, not 2"
  grep -q '/nonexistent: no such file or folder' <<<"$out" || fail "$prog says '$out'"
  [ ! -e "$w/missing" ] || fail "$prog created the index folder of a failed run"
done
step "all checks passed"
