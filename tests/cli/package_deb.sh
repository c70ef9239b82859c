# The Debian packages (CPack): built from this build tree, their names,
# Depends and contents, then unpacked (dpkg-deb -x, no system install) and
# used: the tools, the man pages, and the example built against the
# unpacked files with find_package(newsidx) and with pkg-config.
# scripts/check_package.sh installs the same packages with apt-get in a
# pristine root (.ci/run stage 2).
source "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?}"
version=$("$NEWSIDX" --version | awk '{print $2}')
arch=$(dpkg --print-architecture)
run cpack --config "$BUILD_DIR/CPackConfig.cmake" -B "$T/pkg"
expect_rc 0 "cpack"
tools="$T/pkg/newsidx_${version}_${arch}.deb" dev="$T/pkg/newsidx-dev_${version}_${arch}.deb"
[ -f "$tools" ] || fail "no $tools: $(ls "$T/pkg")"
[ -f "$dev" ] || fail "no $dev: $(ls "$T/pkg")"

# Depends of the tools come from their shared libraries (dpkg-shlibdeps).
deps=$(dpkg-deb -f "$tools" Depends)
for lib in libxapian30 libicu72 libyaml-cpp0.7 libmd4c0 zlib1g libstdc++6 libc6; do
  expect_in "$lib" "$deps" "newsidx Depends"
done
expect_eq "$(dpkg-deb -f "$tools" Package)" "newsidx" "tools package name"
expect_eq "$(dpkg-deb -f "$tools" Version)" "$version" "package version"
# The -dev package names what linking the static library needs.
ddeps=$(dpkg-deb -f "$dev" Depends)
for p in libxapian-dev libicu-dev libyaml-cpp-dev libmd4c-dev zlib1g-dev pkg-config; do
  expect_in "$p" "$ddeps" "newsidx-dev Depends"
done

list=$(dpkg-deb -c "$tools"; dpkg-deb -c "$dev")
for f in usr/bin/newsidx usr/bin/newsq usr/share/man/man1/newsidx.1.gz usr/share/man/man1/newsq.1.gz \
         usr/include/newsidx/newsidx.hpp usr/lib/libnewsidx.a usr/lib/cmake/newsidx/newsidxConfig.cmake \
         usr/lib/cmake/newsidx/newsidxDependencyTargets.cmake usr/lib/pkgconfig/newsidx.pc \
         usr/share/doc/newsidx-dev/examples/search_folder.cpp usr/share/doc/newsidx-dev/examples/CMakeLists.txt \
         usr/share/doc/newsidx-dev/examples/Makefile; do
  expect_in "./$f" "$list" "package contents"
done

R="$T/root"
dpkg-deb -x "$tools" "$R" && dpkg-deb -x "$dev" "$R" || fail "dpkg-deb -x"
# The tools are stripped; the archive keeps its symbols but no debug info.
file "$R/usr/bin/newsidx" | grep -q ', stripped' || fail "usr/bin/newsidx is not stripped: $(file "$R/usr/bin/newsidx")"
objdump -h "$R/usr/lib/libnewsidx.a" | grep -q '\.debug_info' && fail "libnewsidx.a carries debug info"

# The tools work from the package.
run "$R/usr/bin/newsidx" --db "$T/db" add "$SRC/corpus"
expect_rc 0 "packaged newsidx add"
run env NO_COLOR=1 "$R/usr/bin/newsq" --db "$T/db" 스타게이트
expect_rc 0 "packaged newsq"
expect_in "stargate" "$OUT" "packaged newsq 스타게이트"

# Man pages: every section, and every subcommand of newsidx.
for b in newsidx newsq; do
  run env LANG=C.UTF-8 MANWIDTH=120 man -l "$R/usr/share/man/man1/$b.1.gz"
  expect_rc 0 "man -l $b.1.gz"
  for s in NAME SYNOPSIS DESCRIPTION OPTIONS 'EXIT STATUS' ENVIRONMENT EXAMPLES 'SEE ALSO'; do
    grep -q "^$s" <<<"$OUT" || fail "man $b: no $s section"
  done
  expect_in "$b $version" "$(zcat "$R/usr/share/man/man1/$b.1.gz")" "man $b version"
done
run env LANG=C.UTF-8 MANWIDTH=120 man -l "$R/usr/share/man/man1/newsidx.1.gz"
subs=$("$NEWSIDX" --help | awk '/^Subcommands:/{on=1; next} on && /^  [a-z]/{print $1} on && /^[^ ]/{on=0}')
[ "$(wc -w <<<"$subs")" -ge 10 ] || fail "newsidx --help lists only: $subs"
for s in $subs; do
  grep -q "^   newsidx $s\$" <<<"$OUT" || fail "man newsidx does not describe 'newsidx $s'"
  expect_in "Usage: newsidx $s" "$OUT" "man newsidx, $s"
done
expect_in "오픈에이아이" "$OUT" "man newsidx keeps UTF-8 text"

# The example, a separate project, against the unpacked package only.
flags=""
grep -q '^NEWSIDX_SANITIZE:BOOL=ON' "$BUILD_DIR/CMakeCache.txt" && flags="-fsanitize=address,undefined"
cp -r "$R/usr/share/doc/newsidx-dev/examples" "$T/ex-cmake"
run cmake -S "$T/ex-cmake" -B "$T/ex-cmake/build" -DCMAKE_PREFIX_PATH="$R/usr" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS="$flags"
expect_rc 0 "configure the example with find_package(newsidx)"
expect_in "$R/usr/lib/cmake/newsidx" "$(grep '^newsidx_DIR' "$T/ex-cmake/build/CMakeCache.txt")" "newsidx_DIR"
run cmake --build "$T/ex-cmake/build"
expect_rc 0 "build the example with CMake"
cp -r "$R/usr/share/doc/newsidx-dev/examples" "$T/ex-pc"
run env PKG_CONFIG_PATH="$R/usr/lib/pkgconfig" make -C "$T/ex-pc" CXXFLAGS="-O1 $flags"
expect_rc 0 "build the example with pkg-config"
run env PKG_CONFIG_PATH="$R/usr/lib/pkgconfig" pkg-config --cflags --libs newsidx
expect_in "-I$R/usr/lib/pkgconfig/../../include" "$OUT" "pkg-config points into the unpacked tree"
expect_not_in "/usr/local" "$(cat "$R/usr/lib/pkgconfig/newsidx.pc")" "newsidx.pc"
for prog in "$T/ex-cmake/build/search_folder" "$T/ex-pc/search_folder"; do
  run "$prog" "$SRC/corpus" "$T/exdb" 스타게이트
  expect_rc 0 "$prog"
  expect_in "[스타게이트" "$OUT" "$prog"
done
finish
