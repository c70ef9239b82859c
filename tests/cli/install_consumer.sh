# cmake --install into a temporary prefix, then build and run a separate
# consumer project (examples/) against it with find_package(newsidx).
source "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?}"
run cmake --install "$BUILD_DIR" --prefix "$T/prefix"
expect_rc 0 "cmake --install"
for f in include/newsidx/newsidx.hpp lib/libnewsidx.a lib/cmake/newsidx/newsidxConfig.cmake lib/pkgconfig/newsidx.pc bin/newsidx bin/newsq; do
  [ -e "$T/prefix/$f" ] || fail "not installed: $f"
done
# A sanitized build's library needs the sanitizer runtime in the consumer too.
flags=""
grep -q '^NEWSIDX_SANITIZE:BOOL=ON' "$BUILD_DIR/CMakeCache.txt" && flags="-fsanitize=address,undefined"
run cmake -S "$SRC/examples" -B "$T/example" -DCMAKE_PREFIX_PATH="$T/prefix" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS="$flags"
expect_rc 0 "configure the consumer"
run cmake --build "$T/example"
expect_rc 0 "build the consumer"
run "$T/example/search_folder" "$SRC/corpus" "$T/idx" 스타게이트
expect_rc 0 "run the consumer"
expect_in "stargate" "$OUT"
expect_in "[스타게이트" "$OUT"
# pkg-config sees the package too.
run env PKG_CONFIG_PATH="$T/prefix/lib/pkgconfig" pkg-config --cflags --libs newsidx
expect_rc 0 "pkg-config"
expect_in "-lnewsidx" "$OUT"
finish
