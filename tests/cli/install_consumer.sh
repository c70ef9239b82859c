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
# The example's error handling: a missing posts folder is reported (exit 2)
# before anything is created.
run "$T/example/search_folder" /nonexistent "$T/missing/db" x
expect_rc 2 "the consumer given a missing posts folder"
expect_in "/nonexistent: no such file or folder" "$ERR"
[ ! -e "$T/missing" ] || fail "the consumer created the index folder of a failed run"
# A post that fails is reported with its file, and the exit code says so.
mkdir -p "$T/bad"
printf -- '---\ntitle: [unclosed\n---\nbody\n' >"$T/bad/2025-01-01-broken.md"
run "$T/example/search_folder" "$T/bad" "$T/idx-bad" x
expect_rc 1 "the consumer given a broken post"
expect_in "2025-01-01-broken.md" "$ERR"
# pkg-config is right for the prefix given at install time, not the one the
# build was configured with (newsidx.pc finds it from its own place).
export PKG_CONFIG_PATH="$T/prefix/lib/pkgconfig"
run pkg-config --cflags --libs newsidx
expect_rc 0 "pkg-config"
expect_in "-lnewsidx" "$OUT"
inc=$(pkg-config --variable=includedir newsidx)
expect_eq "$(readlink -f "$inc")" "$(readlink -f "$T/prefix/include")" "pkg-config includedir"
libdir=$(pkg-config --variable=libdir newsidx)
[ -f "$libdir/libnewsidx.a" ] || fail "pkg-config libdir $libdir holds no libnewsidx.a"
cp -r "$SRC/examples" "$T/ex-pc"
run make -C "$T/ex-pc" CXXFLAGS="-O1 $flags"
expect_rc 0 "build the consumer with pkg-config"
run "$T/ex-pc/search_folder" "$SRC/corpus" "$T/idx2" 스타게이트
expect_rc 0 "run the pkg-config consumer"
expect_in "[스타게이트" "$OUT"
# The README's embedding snippet is a program that compiles and links.
awk '/^## As a library/{on=1} on && /^```cpp/{c=1; next} c && /^```/{exit} c' "$SRC/README.md" >"$T/snippet.cpp"
grep -q 'int main' "$T/snippet.cpp" || fail "README's As a library section has no complete C++ program"
run bash -c "c++ -std=c++20 -Wall -Wextra -Werror $flags \$(pkg-config --cflags newsidx) -o '$T/snippet' '$T/snippet.cpp' \$(pkg-config --libs newsidx)"
expect_rc 0 "compile the README snippet"
finish
