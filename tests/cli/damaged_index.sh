# A damaged or unusable --db is refused with exit 3 and a message that names
# the folder, the damage and the way out, and nothing in it changes (issue 15
# D8, D10, D11). Only a creation killed before its first commit is cleared.
source "$(dirname "$0")/lib.sh"
docs() { "$NEWSIDX" --db "$1" stats 2>/dev/null | awk '/^documents:/{print $2}'; }
# The index's files (not the writer's note, a hint a writer rewrites once it holds the lock).
digest() { (cd "$1" && find . -type f ! -name newsidx.writer -print0 | sort -z | xargs -0 sha256sum) | sha256sum; }
mkdir -p "$T/new/_posts"
post "$T/new/_posts/2025-05-01-x.md" "새 글" "스타게이트 새 글"

"$NEWSIDX" --db "$T/base" add -q "$SRC/corpus" || fail "indexing the corpus"
n=$(docs "$T/base")
[ "${n:-0}" -gt 10 ] || fail "the corpus index has ${n:-no} documents"

# refused CONTEXT WORDS: all three commands exit 3 with the damaged message
# naming WORDS, and the folder is byte for byte what it was.
refused() {
  local what=$1 words=$2 before
  before=$(digest "$T/d")
  run "$NEWSIDX" --db "$T/d" add -q "$T/new"
  expect_rc 3 "add into an index with $what"
  expect_in "$T/d: the index is damaged (" "$ERR" "add ($what)"
  expect_in "$words" "$ERR" "add ($what)"
  expect_in "Nothing was c" "$ERR" "add ($what)"  # changed (seen before opening) or committed
  expect_in "mv $T/d $T/d.damaged" "$ERR" "add ($what)"
  expect_eq "$(digest "$T/d")" "$before" "the folder after the refused add ($what)"
  run "$NEWSQ" --db "$T/d" '"오픈 AI"'
  expect_rc 3 "a phrase search in an index with $what"
  expect_in "the index is damaged (" "$ERR" "newsq ($what)"
  expect_not_in "json.exception" "$ERR" "newsq ($what)"
  run "$NEWSQ" --db "$T/d" 삼성
  expect_rc 3 "a search in an index with $what"
  run "$NEWSIDX" --db "$T/d" remove no-such-id
  expect_rc 3 "remove in an index with $what"
  expect_eq "$(digest "$T/d")" "$before" "the folder after the refused commands ($what)"
}
fresh() { rm -rf "$T/d"; cp -a "$T/base" "$T/d"; }

# Each table missing: Xapian reads a missing table as an empty one (posts
# without data, phrases without hits) or, for the version file, replaced
# the whole index with a new one.
for t in iamglass postlist.glass termlist.glass docdata.glass position.glass synonym.glass; do
  fresh; rm "$T/d/$t"
  refused "$t missing" "$t"
  run "$NEWSIDX" --db "$T/d" stats
  expect_rc 3 "stats of an index with $t missing"
  expect_in "the index is damaged (" "$ERR" "stats ($t missing)"
done
# Each table cut short inside a block, and overwritten with garbage.
for t in iamglass postlist.glass termlist.glass docdata.glass position.glass synonym.glass; do
  fresh; truncate -s -100 "$T/d/$t"
  if [ "$t" = iamglass ]; then refused "$t cut short" "(EOF)"; else refused "$t cut short" "$t is cut short"; fi
  fresh; yes 'not a Xapian block' | head -c "$(stat -c %s "$T/d/$t")" >"$T/d/$t.new"; mv "$T/d/$t.new" "$T/d/$t"
  refused "$t overwritten with garbage" ""
done
# Cut at a block boundary, the size looks whole: Xapian finds the damage
# when it reads past the end, and says so in the same words.
# (A command that reads no damaged block, e.g. remove of an unknown id, works.)
fresh; truncate -s "$(( $(stat -c %s "$T/base/postlist.glass") / 16384 * 8192 ))" "$T/d/postlist.glass"
rev=$(sha256sum <"$T/d/iamglass")
for cmd in "$NEWSIDX --db $T/d add -q $T/new" "$NEWSQ --db $T/d 삼성" "$NEWSIDX --db $T/d stats"; do
  run $cmd
  expect_rc 3 "$cmd (postlist.glass cut at a block)"
  expect_in "the index is damaged (EOF reading block" "$ERR" "$cmd (postlist.glass cut at a block)"
  expect_in "Nothing was committed" "$ERR" "$cmd (postlist.glass cut at a block)"
done
expect_eq "$(sha256sum <"$T/d/iamglass")" "$rev" "the revision after the refused add (postlist.glass cut at a block)"
# The recovery the message gives works.
fresh; rm "$T/d/docdata.glass"
mv "$T/d" "$T/d.damaged" && "$NEWSIDX" --db "$T/d" add -q "$SRC/corpus" || fail "the recovery the message gives"
expect_eq "$(docs "$T/d")" "$n" "documents after the recovery"

# A creation killed before its first commit (empty tables, no version file)
# is not damage: the next add starts afresh.
strace -f -qq -o /dev/null -e trace=rename -e inject=rename:signal=SIGKILL:when=1 \
  "$NEWSIDX" --db "$T/u" add -q "$SRC/corpus" >/dev/null 2>&1
[ -e "$T/u/v.tmp" ] && [ ! -e "$T/u/iamglass" ] || fail "the killed creation left no unfinished index (the premise): $(ls "$T/u")"
run "$NEWSIDX" --db "$T/u" add -q "$SRC/corpus"
expect_rc 0 "add after a killed creation"
expect_eq "$(docs "$T/u")" "$n" "documents after a killed creation"

# --db a file, someone else's folder, /proc/self.
echo "my notes" >"$T/afile"
run "$NEWSIDX" --db "$T/afile" add -q "$T/new"
expect_rc 3 "add --db FILE"
expect_in "$T/afile: not a folder" "$ERR" "add --db FILE"
expect_eq "$(cat "$T/afile")" "my notes" "the file after add --db FILE"
run "$NEWSQ" --db "$T/afile" 삼성
expect_rc 3 "newsq --db FILE"
expect_in "neither an index folder nor a Xapian stub file" "$ERR" "newsq --db FILE"
run "$NEWSIDX" --db "$T/afile" stats
expect_rc 3 "stats --db FILE"
expect_in "neither an index folder nor a Xapian stub file" "$ERR" "stats --db FILE"
mkdir -p "$T/mine/sub" && echo "a" >"$T/mine/notes.txt" && echo "b" >"$T/mine/todo.md"
before=$(digest "$T/mine")
run "$NEWSIDX" --db "$T/mine" add -q "$T/new"
expect_rc 3 "add into a folder of other files"
expect_in "$T/mine: this folder is not an index: it holds other files (" "$ERR" "add into a folder of other files"
expect_in "and 2 more" "$ERR" "add into a folder of other files"
expect_eq "$(digest "$T/mine")" "$before" "the user's folder after the refused add"
expect_eq "$(ls -A "$T/mine" | tr '\n' ' ')" "notes.txt sub todo.md " "the user's folder's entries"
run "$NEWSQ" --db "$T/mine" 삼성
expect_rc 3 "newsq in a folder of other files"
expect_in "give --db an index folder" "$ERR" "newsq in a folder of other files"
run "$NEWSIDX" --db /proc/self add -q "$T/new"
expect_rc 3 "add --db /proc/self"
expect_in "/proc/self: this folder is not an index" "$ERR" "add --db /proc/self"
expect_not_in "locked" "$ERR" "add --db /proc/self"
mkdir -p "$T/empty"
run "$NEWSIDX" --db "$T/empty" add -q "$T/new"
expect_rc 0 "add into an empty folder"
expect_eq "$(docs "$T/empty")" "1" "documents in the new index"

# A folder this user cannot write: not "locked by another process"; searches
# still work. As root, run the commands as nobody (root writes anything).
as_other() { if [ "$(id -u)" -eq 0 ]; then setpriv --reuid 65534 --regid 65534 --clear-groups "$@"; else "$@"; fi; }
P=$(mktemp -d "${TMPDIR:-/tmp}/newsidx-perm-XXXXXX")
chmod 755 "$P"
cp -a "$T/base" "$P/db" && chmod -R a+rX "$P/db"
[ "$(id -u)" -eq 0 ] || chmod a-w "$P/db"
before=$(digest "$P/db")
run as_other "$NEWSIDX" --db "$P/db" add -q "$SRC/corpus"
expect_rc 3 "add into a folder this user cannot write"
expect_in "$P/db: cannot write the index folder (Permission denied)" "$ERR" "add without write permission"
expect_not_in "locked" "$ERR" "add without write permission"
run as_other "$NEWSQ" --db "$P/db" 삼성
expect_rc 0 "a search in a folder this user cannot write"
# The folder writable, the lock file not (left by another user).
chmod 777 "$P/db"; chmod 644 "$P/db/flintlock"
[ "$(id -u)" -eq 0 ] || chmod a-w "$P/db/flintlock"
run as_other "$NEWSIDX" --db "$P/db" remove no-such-id
expect_rc 3 "remove with a lock file this user cannot write"
expect_in "$P/db/flintlock: cannot write the index's lock file (Permission denied)" "$ERR" "a lock file of another user"
expect_eq "$(digest "$P/db")" "$before" "the index after the refused writers"
chmod -R u+w "$P"; rm -rf "$P"
finish
