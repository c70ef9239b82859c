#!/usr/bin/env bash
# Installs what newsidx needs (Debian 12 packages only) and builds it.
#   scripts/setup.sh            what building and running need; a release
#                               build in build/ (tools, library, man pages)
#   scripts/setup.sh --test     also the test tools; build/ with the tests
#   scripts/setup.sh --asan     --test, plus an ASan+UBSan build in
#                               build-asan/ and the libFuzzer targets (clang)
#                               in build-fuzz/ (README's test command)
#   scripts/setup.sh --list build|test   prints the package list
#   scripts/setup.sh --summary  prints what set-up installed and where the
#                               programs and the default index are (nothing
#                               is installed or built)
# Re-running is cheap: apt-get is skipped when everything is present, and
# the builds are incremental. Runs as root, or as a user with sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

# What building and running newsidx needs: compiler and build tools, the
# libraries (headers), hunspell-ko (its noun list is frozen into the
# analyzer at build time: text/lexicon.hpp), help2man for the man pages,
# file for `--target package` (CPack reads the binaries' types to compute
# Depends).
BUILD_PACKAGES=(
  build-essential cmake pkg-config help2man file
  libxapian-dev libicu-dev libcli11-dev libyaml-cpp-dev libmd4c-dev
  nlohmann-json3-dev zlib1g-dev libcpp-httplib-dev hunspell-ko
)
# What only the tests and benchmarks need: Catch2; Xapian's tools
# (xapian-check, xapian-tcpsrv for remote shards); python3 with Xapian's
# bindings and SQLite for the baselines and JSON checks; clang and its
# sanitizer/libFuzzer runtime; headless Chromium and a Korean font for the
# search page test; strace for fault injection; man-db to render the man
# pages; Ruby's kramdown with its GFM parser (Jekyll's default Markdown) to
# check the heading anchors newsidx gives sections.
TEST_PACKAGES=(
  catch2 xapian-tools python3 python3-xapian sqlite3 libsqlite3-dev
  clang libclang-rt-14-dev chromium fonts-nanum strace man-db
  ruby-kramdown ruby-kramdown-parser-gfm
)

mode=${1:-}
case "$mode" in
  "" | --test | --asan | --summary) ;;
  --list)
    case "${2:-}" in
      build) echo "${BUILD_PACKAGES[*]}" ;;
      test) echo "${TEST_PACKAGES[*]}" ;;
      *) echo "usage: scripts/setup.sh --list build|test" >&2; exit 2 ;;
    esac
    exit 0 ;;
  *) echo "usage: scripts/setup.sh [--test | --asan | --summary | --list build|test]" >&2; exit 2 ;;
esac
state=build/setup-installed.txt  # packages this script installed (one per line)

summary() {
  local here; here=$(pwd)
  echo
  echo "== newsidx set-up"
  if [ -s "$state" ]; then
    echo "Debian packages installed by scripts/setup.sh: $(wc -l < "$state") in all, of them named by it:"
    local named=() p
    for p in "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"; do
      grep -qx "$p" "$state" && named+=("$p")
    done
    echo "  ${named[*]:-(none: only their dependencies)}"
    echo "  (the whole list: $here/$state)"
  else
    echo "Debian packages installed by scripts/setup.sh: none (everything was already present)"
  fi
  echo "Programs (not on PATH; \`cmake --install build\` puts them in /usr/local, or build the"
  echo "Debian package: \`cmake --build build --target package && apt-get install ./build/newsidx_*.deb\`):"
  local b
  for b in build/newsidx build/newsq; do
    [ -x "$b" ] && echo "  $here/$b" || echo "  $here/$b (not built: run scripts/setup.sh)"
  done
  echo "Man pages: $here/build/man/ (man -l build/man/newsidx.1.gz)"
  if [ -x build/newsidx ]; then
    local db docs
    db=${NEWSIDX_DB:-${XDG_DATA_HOME:-$HOME/.local/share}/newsidx/db}
    docs=$(build/newsidx --db "$db" stats 2>/dev/null | awk -F': *' '/^documents/{print $2; exit}' || true)
    echo "Default index: $db (${docs:-no index yet} documents)"
  fi
}
if [ "$mode" = --summary ]; then summary; exit 0; fi

packages=("${BUILD_PACKAGES[@]}")
[ -z "$mode" ] || packages+=("${TEST_PACKAGES[@]}")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  installed() { dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' | awk '$1 == "ii" {print $2}' | sort; }
  before=$(installed)
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  mkdir -p build
  { [ ! -f "$state" ] || cat "$state"; comm -13 <(echo "$before") <(installed); } | sort -u > "$state.new"
  mv "$state.new" "$state"
fi

JOBS=$(nproc 2>/dev/null || echo 2)
build() {  # dir, extra cmake args...
  local dir=$1; shift
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$dir" -j "$JOBS"
}

# The tests are built when asked for, or when an earlier test set-up built
# them in build/ (a plain re-run does not take them away).
tests=OFF
[ -n "$mode" ] && tests=ON
grep -qs '^NEWSIDX_BUILD_TESTS:BOOL=ON' build/CMakeCache.txt && tests=ON
build build -DNEWSIDX_BUILD_TESTS=$tests
if [ "$mode" = --asan ]; then
  build build-asan -DNEWSIDX_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
  # libFuzzer needs clang; only the four fuzz targets are built there
  # (tests/fuzz/README.md). scripts/test.sh runs them for 60 s each.
  cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEWSIDX_FUZZ=ON \
    -DCMAKE_CXX_COMPILER=clang++ >/dev/null
  cmake --build build-fuzz -j "$JOBS" --target fuzz_reader fuzz_analyzer fuzz_query fuzz_routes
fi
