#!/usr/bin/env bash
# Installs newsidx's build dependencies (Debian 12 packages only) and builds.
#   scripts/setup.sh            release build in build/
#   scripts/setup.sh --asan     also an ASan+UBSan build in build-asan/ and the
#                               libFuzzer targets (clang) in build-fuzz/
# Re-running is cheap: apt-get is skipped when everything is present, and
# the builds are incremental.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake pkg-config git
  libxapian-dev xapian-tools libicu-dev libcli11-dev catch2
  libyaml-cpp-dev libmd4c-dev nlohmann-json3-dev zlib1g-dev
  python3 sqlite3 libsqlite3-dev
  clang libclang-rt-14-dev
  libcpp-httplib-dev chromium fonts-nanum
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

JOBS=$(nproc 2>/dev/null || echo 2)
build() {  # dir, extra cmake args...
  local dir=$1; shift
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$dir" -j "$JOBS"
}

build build
if [ "${1:-}" = "--asan" ]; then
  build build-asan -DNEWSIDX_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
  # libFuzzer needs clang; only the three fuzz targets are built there
  # (tests/fuzz/README.md). scripts/test.sh runs them for 60 s each.
  cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEWSIDX_FUZZ=ON \
    -DCMAKE_CXX_COMPILER=clang++ >/dev/null
  cmake --build build-fuzz -j "$JOBS" --target fuzz_reader fuzz_analyzer fuzz_query
fi
