# newsidx add: indexes a folder, reports one summary line, skips drafts.
source "$(dirname "$0")/lib.sh"
P=$T/blog
post "$P/_posts/2025-02-04-a.md" "스타게이트 동맹" "오픈AI와 소프트뱅크가 스타게이트를 추진한다." "tags: [AI]\n"
post "$P/_posts/2025-02-05-b.md" "삼성 반도체" "삼성전자가 HBM을 공급한다."
post "$P/_posts/sub/c.markdown" "English post" "Samsung and OpenAI signed a deal."
post "$P/_drafts/d.md" "draft" "초안"
post "$P/_site/e.md" "generated" "생성된 사본"
post "$P/node_modules/f.md" "dep" "의존성"
echo "not a post" >"$P/_posts/readme.txt"

run "$NEWSIDX" add "$P"
expect_rc 0 "add"
expect_eq "$(summary)" "3 0 0 1 0 0" "summary added/updated/unchanged/skipped/removed/failed"
expect_eq "$(grep -c . <<<"$OUT")" "1" "summary lines"
expect_not_in "skipped:" "$ERR" "skipped files named only with -v"
expect_not_in "no .md or .markdown post here" "$ERR" "a folder with posts and a readme.txt"
# A folder of posts saved as .txt says why nothing was added.
mkdir -p "$T/txt" && printf -- '---\ntitle: t\n---\nbody\n' >"$T/txt/2025-01-01-a.txt"
run "$NEWSIDX" --db "$T/dbt" add "$T/txt"
expect_rc 0 "add a folder without posts"
expect_in "$T/txt: no .md or .markdown post here: 1 other file left out (2025-01-01-a.txt)" "$ERR"
expect_in "(--ext txt)" "$ERR" "the hint names the option for them"
# --ext txt takes them (the id drops .txt); a later sync without it keeps them.
run "$NEWSIDX" --db "$T/dbt" add --ext txt "$T/txt"
expect_rc 0 "add --ext txt"
expect_eq "$(summary)" "1 0 0 0 0 0" "summary with --ext txt"
run "$NEWSIDX" --db "$T/dbt" terms 2025-01-01-a
expect_rc 0 "the id without .txt"
run "$NEWSIDX" --db "$T/dbt" sync "$T/txt"
expect_eq "$(summary)" "0 0 1 0 0 0" "sync remembers --ext"
run "$NEWSIDX" --db "$T/dbt" stats
expect_in "posts also:  .txt files" "$OUT" "stats names the extension"
run "$NEWSIDX" --db "$T/dbx" add --ext ../x "$T/txt"
expect_rc 2 "a bad --ext is a usage error"
expect_in "an extension is 1 to 16 letters or digits" "$ERR"
[ ! -e "$T/dbx" ] || fail "a bad --ext created an index"
# -v names each skipped file and why.
run "$NEWSIDX" --db "$T/dbv" add -v "$P"
expect_in "_drafts/d.md: skipped: a draft (published: false, or under _drafts/); --drafts indexes it" "$ERR" "-v names the draft"

# --db after the subcommand, a single file, and --prefix.
run "$NEWSIDX" add --db "$T/db2" --prefix blog "$P/_posts/2025-02-04-a.md"
expect_rc 0 "add file"
run "$NEWSIDX" terms --db "$T/db2" blog/2025-02-04-a
expect_rc 0 "terms of prefixed id"
expect_in "Qblog/2025-02-04-a" "$OUT"

# --drafts indexes the draft too.
run "$NEWSIDX" add --drafts "$P"
expect_eq "$(summary)" "1 0 3 0 0 0" "summary with --drafts"

# A missing path is a usage error naming it, found before the index is
# touched: exit 2, nothing indexed, nothing lost.
run "$NEWSIDX" add "$P" "$T/nope"
expect_rc 2 "add with a missing path"
expect_in "$T/nope: no such file or folder; nothing was indexed" "$ERR"
expect_eq "$OUT" "" "no summary: nothing ran"
# Without --drafts, the draft indexed before is removed again.
run "$NEWSIDX" add "$P"
expect_eq "$(summary)" "0 0 3 1 1 0" "summary after the missing path"
# A broken post names the file and line.
printf -- '---\ntitle: [oops\n---\nbody\n' >"$P/_posts/broken.md"
run "$NEWSIDX" add "$P"
expect_rc 1 "add with a broken post"
expect_in "broken.md:3: front matter is not valid YAML" "$ERR" "stderr"
run "$NEWSIDX" stats --json
expect_in '"documents": 3' "$OUT"
finish
