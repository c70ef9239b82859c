#!/usr/bin/env bash
# unit.module_libraries: which third-party library each module may use
# (ARCHITECTURE.md "Modules"). Every `#include <...>` in a module's own
# folder is classified: the C++ and C standard library, POSIX and Linux
# system headers, our public headers (<newsidx/...>), or one of the
# libraries below. A library a module is not allowed, or a header this
# script does not know, fails the test. (System headers are on every include
# path, so the compiler cannot refuse them the way it refuses another
# module's internal headers: this check does.) Usage: libraries.sh SOURCE_DIR
set -uo pipefail
src=$1
# folder (no subfolders) -> the libraries it may use
declare -A allowed=(
  [text]="icu xapian"                       # ICU: normalization, word breaks, scripts; Xapian: the Snowball stemmer
  [schema]="xapian nlohmann zlib"           # the database, metadata and stored-post JSON, the text codec
  [indexer]="xapian nlohmann yaml-cpp md4c icu"  # + front matter, Markdown, time zones (ICU)
  [query]="xapian nlohmann"
  [query/server]="xapian nlohmann httplib"
  [indexer/cli]="cli11 nlohmann"
  [query/cli]="cli11"
)
library_of() {  # header -> library name, "std" (standard/system/ours) or "unknown"
  case $1 in
    xapian.h) echo xapian ;;
    unicode/*) echo icu ;;
    nlohmann/*) echo nlohmann ;;
    zlib.h) echo zlib ;;
    yaml-cpp/*) echo yaml-cpp ;;
    md4c.h) echo md4c ;;
    httplib.h) echo httplib ;;
    CLI/*) echo cli11 ;;
    newsidx/*) echo std ;;
    sys/* | arpa/* | netinet/* | unistd.h | fcntl.h | fnmatch.h | poll.h | signal.h | pthread.h | stdio.h | dirent.h | \
      errno.h | limits.h | time.h | string.h | stdlib.h) echo std ;;
    *.hpp) echo internal ;;  # one of ours, named like a system header
    *.h | */*) echo unknown ;;
    *) echo std ;;  # <algorithm>, <cstdio>, ...
  esac
}
fails=0 checked=0
for folder in "${!allowed[@]}"; do
  for f in "$src/$folder"/*.cpp "$src/$folder"/*.hpp "$src/$folder"/*.in; do
    [ -e "$f" ] || continue
    while IFS= read -r header; do
      checked=$((checked + 1))
      lib=$(library_of "$header")
      case $lib in
        std) ;;
        unknown) echo "FAIL ${f#$src/}: <$header> is not classified: add it to library_of in $0"; fails=$((fails + 1)) ;;
        internal) echo "FAIL ${f#$src/}: <$header> is an internal header: write \"$header\""; fails=$((fails + 1)) ;;
        *) if [[ " ${allowed[$folder]} " != *" $lib "* ]]; then
             echo "FAIL ${f#$src/}: <$header> is $lib, which $folder/ may not use (allowed: ${allowed[$folder]})"
             fails=$((fails + 1))
           fi ;;
      esac
    done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*<\([^>]*\)>.*/\1/p' "$f")
  done
done
# A folder holding sources that the table does not list is a module nobody classified.
for f in $(cd "$src" && ls text/*.cpp schema/*.cpp indexer/*.cpp indexer/*/*.cpp query/*.cpp query/*/*.cpp 2>/dev/null); do
  d=$(dirname "$f")
  [ -n "${allowed[$d]+x}" ] || { echo "FAIL $f: its folder $d/ is not in the table of $0"; fails=$((fails + 1)); }
done
echo "$checked includes checked in ${#allowed[@]} folders, $fails problems"
[ "$checked" -gt 100 ] || { echo "FAIL: only $checked includes found: is SOURCE_DIR right?"; exit 1; }
[ "$fails" -eq 0 ]
