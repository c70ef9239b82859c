#!/usr/bin/env bash
# The ctest bench.profile_smoke: gen_corpus --profile blog reproduces the
# document frequencies it was tuned to (bench/df_profile.py on the real blogs
# of ../shared/corpora: ai in 70 % of the posts, 구글 22 %, Google 40 %, bare
# 삼성 under 2 %, `the` 38 %), the zipf profile keeps its worst case (삼성 in
# most posts), and both are deterministic whatever --jobs. Bounds are the
# targets ± a margin far above the sampling noise of N posts (2,000: the
# standard error of a 50 % share is 1.1 points).
#
#   bench/profile_check.sh BUILD_DIR [N]
set -uo pipefail
BUILD=${1:?usage: profile_check.sh BUILD_DIR [N]}
N=${2:-2000}
HERE=$(cd "$(dirname "$0")" && pwd)
W=$(mktemp -d "${TMPDIR:-/tmp}/newsidx-profile-XXXXXX")
trap 'rm -rf "$W"' EXIT
FAILS=0
fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }

"$BUILD/gen_corpus" --n "$N" --out "$W/blog" --profile blog --jobs 2 2>/dev/null || fail "gen_corpus --profile blog exited $?"
"$BUILD/gen_corpus" --n "$N" --out "$W/blog1" --profile blog --jobs 1 2>/dev/null || fail "gen_corpus --jobs 1 exited $?"
"$BUILD/gen_corpus" --n "$N" --out "$W/zipf" --jobs 2 2>/dev/null || fail "gen_corpus (zipf) exited $?"
diff -r -q "$W/blog/_posts" "$W/blog1/_posts" >/dev/null || fail "--profile blog: --jobs 1 and --jobs 2 wrote different files"
grep -qx "profile blog" "$W/blog/.gen_corpus" || fail "the manifest does not name the profile"
"$BUILD/gen_corpus" --n 1 --out "$W/bad" --profile nope 2>/dev/null && fail "--profile nope accepted"

probes=(--probe ai --probe 삼성 --probe 구글 --probe google --probe openai --probe the)
python3 "$HERE/df_profile.py" --json "${probes[@]}" "$W/blog" >"$W/blog.json" || fail "df_profile.py (blog) exited $?"
python3 "$HERE/df_profile.py" --json "${probes[@]}" "$W/zipf" >"$W/zipf.json" || fail "df_profile.py (zipf) exited $?"
python3 - "$W/blog.json" "$W/zipf.json" "$N" <<'PY' || FAILS=$((FAILS + 1))
import json, sys
blog, zipf = (json.load(open(p)) for p in sys.argv[1:3])
n = int(sys.argv[3])
bad = []
def within(profile, word, lo, hi):
    got = profile["probes"][word]
    ok = lo <= got <= hi
    print(f"{'ok' if ok else 'FAIL'}: {word} in {got:.2f} % of the posts (bounds {lo}-{hi} %)")
    if not ok:
        bad.append(word)
if blog["posts"] != n or zipf["posts"] != n:
    bad.append(f"posts: {blog['posts']}, {zipf['posts']}, expected {n}")
print("blog profile (targets: the real blogs)")
within(blog, "ai", 62, 78)          # real 69.9
within(blog, "구글", 15, 29)         # real 22.2
within(blog, "google", 30, 48)      # real 39.8
within(blog, "openai", 18, 34)      # real 25.8
within(blog, "삼성", 0.5, 2.0)       # real 1.87: a name in under 2 %
within(blog, "the", 28, 55)         # real 38.2
# a long tail: most words are in one post only, a few hundred in 10 % or more
tail = blog["df1_share"]
print(f"{'ok' if 45 <= tail <= 80 else 'FAIL'}: words in one post only {tail:.1f} % (bounds 45-80; real 66.2)")
if not 45 <= tail <= 80: bad.append("df1")
common = blog["words_at_least"]["10"]
print(f"{'ok' if 150 <= common <= 1200 else 'FAIL'}: words in >= 10 % of the posts {common} (bounds 150-1200; real 655)")
if not 150 <= common <= 1200: bad.append("common")
print("zipf profile (the worst case: names in most posts)")
within(zipf, "삼성", 40, 100)
if bad:
    print("failed: " + ", ".join(bad), file=sys.stderr)
    sys.exit(1)
PY
if [ "$FAILS" -gt 0 ]; then echo "$FAILS check(s) failed" >&2; exit 1; fi
echo "ok: gen_corpus --profile blog at N=$N"
