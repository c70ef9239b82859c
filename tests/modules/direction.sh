#!/usr/bin/env bash
# unit.module_direction: builds each probe of tests/modules/direction.cmake
# and checks that it compiles or fails as the module map says, failing for
# the right reason (the header is not on that module's include path). Also
# checks that no source of a module names a header by a relative path
# ("../indexer/x.hpp", "server/y.hpp"), which would go around the include
# paths. Usage: direction.sh BUILD_DIR SOURCE_DIR PROBE...
set -uo pipefail
build=$1 src=$2
shift 2
fails=0
for p in "$@"; do
  IFS='|' read -r name module header want <<<"$p"
  out=$(cmake --build "$build" --target "probe_$name" 2>&1)
  rc=$?
  if [ "$want" = pass ]; then
    if [ $rc -ne 0 ]; then
      echo "FAIL $name: $module should see $header, but the probe did not compile:"; echo "$out" | tail -20
      fails=$((fails + 1))
    else
      echo "ok   $name: $module sees $header"
    fi
  else
    if [ $rc -eq 0 ]; then
      echo "FAIL $name: $module must not see $header, but the probe compiled"
      fails=$((fails + 1))
    elif ! grep -q "$header: No such file or directory" <<<"$out"; then
      echo "FAIL $name: the probe failed, but not because $header is out of reach:"; echo "$out" | tail -20
      fails=$((fails + 1))
    else
      echo "ok   $name: $module cannot include $header"
    fi
  fi
done
# Quoted includes with a folder in them bypass the include paths.
if bad=$(grep -rnE '^\s*#\s*include\s+"[^"]*/' "$src/text" "$src/schema" "$src/indexer" "$src/query" \
          --include='*.cpp' --include='*.hpp' --include='*.in'); then
  echo "FAIL: includes by a relative path (use the bare name; the module's include path decides):"
  echo "$bad"
  fails=$((fails + 1))
else
  echo "ok   no include by a relative path in text/ schema/ indexer/ query/"
fi
[ $fails -eq 0 ] || { echo "$fails problem(s)"; exit 1; }
