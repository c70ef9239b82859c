# Section anchors are the ids the blog's pages really have: newsidx's
# anchors (build/heading_ids, the renderer the indexer uses) beside those of
# kramdown with GFM input, Jekyll's default (Debian's ruby-kramdown, run on
# the very same bodies): every one of tests/data/headings.md (duplicates,
# empty ids, {#id}, entities, inline HTML and code, images, Unicode case
# mapping, symbols), and at least 99.5 % of the 8,800 headings of
# ../shared/corpora (the rest are lines the two parsers disagree are
# headings at all); serve's preview gives its headings the same ids.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
IDS="$BUILD_DIR/heading_ids"
CHECK="$SRC/tests/cli/heading_ids.py"
KRAMDOWN="$SRC/tests/cli/kramdown_ids.rb"

mkdir -p "$T/bodies"
run "$IDS" --body "$SRC/tests/data/headings.md"
expect_rc 0 "heading_ids --body"
printf '%s\n' "$OUT" >"$T/bodies/headings.md"
"$IDS" "$T/bodies/headings.md" >"$T/ours.tsv" || fail "heading_ids"
ruby "$KRAMDOWN" "$T/bodies/headings.md" >"$T/theirs.tsv" || fail "kramdown"
[ "$(wc -l <"$T/theirs.tsv")" -ge 30 ] || fail "kramdown found $(wc -l <"$T/theirs.tsv") headings in headings.md"
run python3 "$CHECK" "$T/ours.tsv" "$T/theirs.tsv" 1.0
expect_rc 0 "every anchor of headings.md as kramdown's: $OUT"
echo "$OUT"

# The real blogs.
n=0
: >"$T/corp.tsv"
while IFS= read -r -d '' f; do
  n=$((n + 1))
  "$IDS" --body "$f" >"$T/bodies/c$n.md" 2>/dev/null || { rm -f "$T/bodies/c$n.md"; continue; }
done < <(find "$SHARED/corpora" -name '*.md' -print0 | sort -z)
[ "$n" -gt 1000 ] || fail "only $n posts in $SHARED/corpora"
"$IDS" "$T"/bodies/c*.md >"$T/corp.tsv" || fail "heading_ids on the corpora"
ruby "$KRAMDOWN" "$T"/bodies/c*.md >"$T/corp-k.tsv" || fail "kramdown on the corpora"
run python3 "$CHECK" "$T/corp.tsv" "$T/corp-k.tsv" 0.995
expect_rc 0 "anchors of ../shared/corpora: $OUT"
echo "$OUT"

# serve's preview of a post: its headings carry the same ids.
mkdir -p "$T/site/_posts"
cp "$SRC/tests/data/headings.md" "$T/site/_posts/2025-05-01-headings.md"
run "$NEWSIDX" add "$T/site/_posts"
expect_rc 0 "add"
start_server prev -q || { finish; exit 1; }
run python3 -c 'import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1]).read().decode())' \
  "http://127.0.0.1:$PORT/2025/05/01/headings.html"
expect_rc 0 "preview"
grep -o '<h[1-6][^>]*>' <<<"$OUT" | sed -n 's/.*id="\([^"]*\)".*/\1/p' >"$T/preview.ids"
cut -f2 "$T/theirs.tsv" | grep -v '^$' >"$T/kramdown.ids"
diff "$T/kramdown.ids" "$T/preview.ids" >"$T/diff" || fail "preview ids differ from kramdown's: $(head -5 "$T/diff")"
expect_not_in '{#my-id}' "$OUT" "preview (the {#id} is markup)"
expect_in '<h2 id="my-id">Custom</h2>' "$OUT" "preview"
stop_server
expect_rc 0 "server exit"
finish
