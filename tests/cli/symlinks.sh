# Symbolic links to folders (issue 15 D6): `add`, `sync` and `watch` leave
# them out by default, with a warning naming each, so a link to / cannot put
# the file system in the index; --follow-symlinks walks (and watches) each
# real folder once, loops and second links skipped, and follows changes.
source "$(dirname "$0")/lib.sh"
docs() { "$NEWSIDX" stats 2>/dev/null | awk '/^documents:/{print $2}'; }
ids_for() { "$NEWSQ" --json -n 20 "$1" | python3 -c 'import json, sys; print(" ".join(sorted(h["id"] for h in json.load(sys.stdin)["hits"])))'; }

B="$T/blog"
post "$B/_posts/2025-01-01-home.md" "집" "사과나무 이야기"
O="$T/outside"   # a folder outside the blog, reached by links
post "$O/2025-02-01-far.md" "먼 글" "두루미 이야기"
post "$O/2025-02-02-far2.md" "먼 글 둘" "두루미 둘째"
post "$O/deeper/2025-02-03-far3.md" "먼 글 셋" "두루미 셋째"
ln -s "$O" "$B/_posts/ext"
ln -s "$O" "$B/_posts/ext2"     # the same folder twice
ln -s .. "$B/_posts/loop"       # a loop back to the blog
ln -s / "$B/_posts/root"        # the whole file system

run timeout 60 "$NEWSIDX" add "$B"
expect_rc 0 "add with symlinked folders"
expect_eq "$(summary)" "1 0 0 0 0 0" "add leaves the linked folders out"
for l in ext ext2 loop root; do
  expect_in "$B/_posts/$l: a symbolic link to a folder, not followed (give --follow-symlinks" "$ERR" "the warning for $l"
done
expect_eq "$(docs)" "1" "documents without following"
expect_eq "$(ids_for 두루미)" "" "posts behind a link without following"

rm "$B/_posts/root"
run timeout 60 "$NEWSIDX" add --follow-symlinks "$B"
expect_rc 0 "add --follow-symlinks"
expect_eq "$(summary)" "3 0 1 0 0 0" "add --follow-symlinks: each linked post once"
expect_not_in "not followed" "$ERR" "add --follow-symlinks"
expect_eq "$(docs)" "4" "documents after following (no doubles through ext2 or the loop)"
expect_eq "$(ids_for 두루미)" "_posts/ext/2025-02-01-far _posts/ext/2025-02-02-far2 _posts/ext/deeper/2025-02-03-far3" \
  "linked posts under the first link's path"
# sync without the flag mirrors what it walks: the linked posts go.
run "$NEWSIDX" sync "$B"
expect_rc 0 "sync without following"
expect_eq "$(summary)" "0 0 1 0 3 0" "sync without following removes the linked posts"
expect_in "ext: a symbolic link to a folder, not followed" "$ERR" "sync's warning"

# watch, default: the link stays out, and changes behind it change nothing.
export NEWSIDX_DB="$T/w1"
"$NEWSIDX" watch "$B" >"$T/w1.out" 2>"$T/w1.err" &
W=$!
for _ in $(seq 100); do grep -q "^added 1, " "$T/w1.out" && break; sleep 0.1; done
grep -q "^added 1, " "$T/w1.out" || fail "watch: no initial sync: $(cat "$T/w1.out" "$T/w1.err")"
post "$O/2025-02-04-far4.md" "먼 글 넷" "두루미 넷째"
post "$B/_posts/2025-01-02-home2.md" "집 둘" "persimmon tree"
for _ in $(seq 100); do [ "$(ids_for persimmon)" = "_posts/2025-01-02-home2" ] && break; sleep 0.1; done
expect_eq "$(ids_for persimmon)" "_posts/2025-01-02-home2" "watch sees a post in the blog"
expect_eq "$(ids_for 두루미)" "" "watch (default) indexes nothing behind a link"
expect_eq "$(grep -c 'ext: a symbolic link to a folder, not followed' "$T/w1.err")" "1" "watch warns once per link"
kill "$W"; wait "$W"

# watch --follow-symlinks: what the links point to is indexed and watched.
export NEWSIDX_DB="$T/w2"
"$NEWSIDX" watch --follow-symlinks "$B" >"$T/w2.out" 2>"$T/w2.err" &
W=$!
for _ in $(seq 100); do grep -q "^added 6, " "$T/w2.out" && break; sleep 0.1; done
grep -q "^added 6, " "$T/w2.out" || fail "watch --follow-symlinks: initial sync: $(cat "$T/w2.out" "$T/w2.err")"
within() {  # within WHAT EXPECTED QUERY: polled for up to 10 s
  local t0=$SECONDS
  until [ "$(ids_for "$3")" = "$2" ]; do
    [ $((SECONDS - t0)) -lt 10 ] || { fail "$1: got '$(ids_for "$3")', expected '$2'"; return; }
    sleep 0.1
  done
}
post "$O/deeper/2025-02-05-far5.md" "먼 글 다섯" "황새 다섯째"
within "a new post behind a link" "_posts/ext/deeper/2025-02-05-far5" 황새
rm "$O/2025-02-01-far.md"
within "a post deleted behind a link" "_posts/ext/2025-02-02-far2 _posts/ext/2025-02-04-far4 _posts/ext/deeper/2025-02-03-far3" 두루미
rm "$B/_posts/ext" "$B/_posts/ext2"
within "the links removed" "" 두루미
ln -s "$O/deeper" "$B/_posts/new-link"
within "a new link" "_posts/new-link/2025-02-03-far3" 두루미
kill "$W"; wait "$W"
expect_not_in "not followed" "$(cat "$T/w2.err")" "watch --follow-symlinks"

# Posts deeper than PATH_MAX (issue 15 D9) are reported, not skipped silently.
export NEWSIDX_DB="$T/deep-db"
post "$T/deep/_posts/2025-06-01-ok.md" "ok" "kingfisher shallow"
(cd "$T/deep/_posts" && for _ in $(seq 45); do d=$(printf 'd%.0s' $(seq 99)); mkdir "$d" && cd "$d" || exit 1; done &&
  printf -- '---\ntitle: deep\n---\n\nkingfisher deep\n' >2025-06-02-deep.md) || fail "making the deep tree"
run "$NEWSIDX" add "$T/deep"
expect_rc 1 "add with a post deeper than PATH_MAX"
expect_eq "$(summary)" "1 0 0 0 0 1" "the deep folder counts as failed"
expect_in "the path is longer than the system allows (PATH_MAX" "$ERR" "the message for a path too long"
expect_in "$T/deep/_posts/ddd" "$ERR" "the message names the path"
finish
