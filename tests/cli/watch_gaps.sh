# What happens while nobody watches, and bursts (issue 15 D7, D13): a
# _config.yml edited while `watch` was down gives the new URLs at its next
# start (and at any add); files deleted while a pass runs are not errors;
# a pass prints at most 20 error lines and counts the rest in one.
source "$(dirname "$0")/lib.sh"
# LeakSanitizer cannot run under ptrace (the strace part below).
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
url_of() { "$NEWSQ" --json --fields id,url -n 5 "$1" | python3 -c 'import json, sys; print(" ".join(h["url"] for h in json.load(sys.stdin)["hits"]))'; }
wait_line() {  # wait_line FILE PATTERN: up to 30 s
  for _ in $(seq 300); do grep -q -- "$2" "$1" && return 0; sleep 0.1; done
  fail "no line '$2' in $1: $(tail -n 5 "$1")"
}

# D7: the site's permalink changes while watch is not running.
B="$T/blog"
mkdir -p "$B"
printf 'url: https://example.org\npermalink: /:year/:title/\n' >"$B/_config.yml"
post "$B/_posts/2025-03-01-crane.md" "두루미" "crane watching notes"
post "$B/_posts/2025-03-02-heron.md" "왜가리" "heron watching notes"
"$NEWSIDX" watch "$B" >"$T/w.out" 2>"$T/w.err" &
W=$!
wait_line "$T/w.out" "^added 2, "
expect_eq "$(url_of crane)" "https://example.org/2025/crane/" "the URL from the first config"
kill "$W"; wait "$W"
printf 'url: https://example.org\nbaseurl: /blog\npermalink: /posts/:title.html\n' >"$B/_config.yml"
"$NEWSIDX" watch "$B" >"$T/w2.out" 2>"$T/w2.err" &
W=$!
wait_line "$T/w2.out" "^added 0, updated 2, "
expect_eq "$(url_of crane)" "https://example.org/blog/posts/crane.html" "the URL after the config changed while watch was down"
expect_eq "$(url_of heron)" "https://example.org/blog/posts/heron.html" "the other post's URL"
kill "$W"; wait "$W"
# The same for add, and nothing re-read when nothing changed.
printf 'url: https://example.org\npermalink: /:title/\n' >"$B/_config.yml"
run "$NEWSIDX" add "$B"
expect_eq "$(summary)" "0 2 0 0 0 0" "add after a config change updates every post"
expect_eq "$(url_of crane)" "https://example.org/crane/" "the URL after add"
run "$NEWSIDX" add "$B"
expect_eq "$(summary)" "0 0 2 0 0 0" "add with nothing changed"
# An edit of the config that does not touch URLs (a title) changes nothing.
printf 'title: My birds\nurl: https://example.org\npermalink: /:title/\n' >"$B/_config.yml"
run "$NEWSIDX" add "$B"
expect_eq "$(summary)" "0 0 2 0 0 0" "add after a config edit that does not change URLs"

# D13: 400 posts; each file open is slowed (strace), and the posts are
# deleted while the first pass reads them.
export NEWSIDX_DB="$T/burst"
M="$T/many"
mkdir -p "$M/_posts"
for i in $(seq -w 1 400); do
  printf -- '---\ntitle: "post %s"\n---\n\nsparrow number %s\n' "$i" "$i" >"$M/_posts/2025-04-01-p$i.md"
done
strace -f -qq -o /dev/null -e trace=openat -e inject=openat:delay_enter=20000:when=20+ \
  "$NEWSIDX" watch "$M" >"$T/m.out" 2>"$T/m.err" &
W=$!
sleep 1.5
rm -f "$M"/_posts/*.md
wait_line "$T/m.out" "^added "
first=$(head -n 1 "$T/m.out")
added=$(sed -n 's/^added \([0-9]*\), .*/\1/p' <<<"$first")
[ "${added:-400}" -lt 400 ] || fail "the deletion did not overlap the first pass (the test's premise): $first"
expect_in "failed 0" "$first" "the first pass: files deleted under it are not failures"
expect_eq "$(grep -c 'cannot read' "$T/m.err")" "0" "error lines for files deleted during the pass"
# Then the deletions are applied.
for _ in $(seq 300); do [ "$("$NEWSIDX" stats 2>/dev/null | awk '/^documents:/{print $2}')" = 0 ] && break; sleep 0.1; done
expect_eq "$("$NEWSIDX" stats | awk '/^documents:/{print $2}')" "0" "documents after the deletions"
pkill -TERM -f -- "watch $M" ; wait "$W" 2>/dev/null

# 50 broken posts appear at once: 20 lines, then one that counts the rest.
export NEWSIDX_DB="$T/broken"
K="$T/broken-blog"
mkdir -p "$K/_posts"
post "$K/_posts/2025-05-01-ok.md" "fine" "robin"
"$NEWSIDX" watch "$K" >"$T/k.out" 2>"$T/k.err" &
W=$!
wait_line "$T/k.out" "^added 1, "
mkdir -p "$T/stage"
for i in $(seq -w 1 50); do printf -- '---\ntitle: [unclosed\n---\nbody\n' >"$T/stage/2025-05-02-bad$i.md"; done
mv "$T/stage"/*.md "$K/_posts/"
wait_line "$T/k.out" "failed 50"
wait_line "$T/k.err" "30 more files could not be indexed in this pass"
expect_eq "$(grep -c '2025-05-02-bad' "$T/k.err")" "20" "error lines shown for one pass"
kill "$W"; wait "$W"
finish
