# newsidx watch: added, changed (in place and by rename-over-write), deleted
# and moved posts, new subfolders and _config.yml edits reach the index
# within a second or two; other files do not trigger work; clean stop.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"

D="$T/blog"
mkdir -p "$D/_posts"
printf 'permalink: /:title/\n' >"$D/_config.yml"
post "$D/_posts/2025-01-01-first.md" "첫 글" "사과나무 이야기"

"$NEWSIDX" watch "$D/_posts" >"$T/watch.out" 2>"$T/watch.err" &
WPID=$!
for _ in $(seq 100); do grep -q "^added 1, " "$T/watch.out" && break; sleep 0.1; done
grep -q "^added 1, " "$T/watch.out" || fail "no initial sync: $(cat "$T/watch.out" "$T/watch.err")"

ids_for() { "$NEWSQ" --json -n 10 "$1" | python3 -c 'import json, sys; print(" ".join(h["id"] for h in json.load(sys.stdin)["hits"]))'; }
has() { [[ " $(ids_for "$1") " == *" $2 "* ]]; }
lacks() { ! has "$@"; }
LAT=()
# within WHAT CHECK...: after a change, the watcher must commit within a
# second of it (its own figure: "x s after the change" on its newest line)
# and CHECK must then hold (polled for up to 5 s: starting newsq on a loaded
# machine is slow, and that is not the watcher's time).
within() {
  local what=$1; shift
  local t0=$SECONDS
  until "$@"; do
    [ $((SECONDS - t0)) -lt 5 ] || { fail "$what: not seen within 5 s ($(tail -n 3 "$T/watch.out" "$T/watch.err"))"; return; }
    sleep 0.05
  done
  # The summary line is printed just after the commit: wait for it.
  local t1=$SECONDS
  while [ "$(wc -l <"$T/watch.out")" -le "$SEEN_LINES" ] && [ $((SECONDS - t1)) -lt 2 ]; do sleep 0.05; done
  SEEN_LINES=$(wc -l <"$T/watch.out")
  local lat
  lat=$(tail -n 1 "$T/watch.out" | sed -n 's/.*, \([0-9.]*\) s after the change$/\1/p')
  LAT+=("$what=${lat:-?}s")
  awk -v l="${lat:-9}" 'BEGIN { exit !(l <= 1.0) }' ||
    fail "$what: committed ${lat:-?} s after the change, over 1 s ($(tail -n 1 "$T/watch.out"))"
}

has 사과나무 2025-01-01-first || fail "initial sync did not index the post"
SEEN_LINES=$(wc -l <"$T/watch.out")

post "$D/_posts/2025-01-02-second.md" "둘째 글" "바나나 맛"
within "new post" has 바나나 2025-01-02-second

# An editor's safe save: write a temporary file, rename it over the post.
post "$D/_posts/.2025-01-02-second.md.swp" "둘째 글" "딸기잼 맛"
mv "$D/_posts/.2025-01-02-second.md.swp" "$D/_posts/2025-01-02-second.md"
within "rename over" has 딸기잼 2025-01-02-second
lacks 바나나 2025-01-02-second || fail "old text still found after rename-over-write"

printf '\n포도주스 한 잔.\n' >>"$D/_posts/2025-01-01-first.md"
within "in-place edit" has 포도주스 2025-01-01-first

rm "$D/_posts/2025-01-02-second.md"
within "delete" lacks 딸기잼 2025-01-02-second

# A new folder is watched at once: a post written into it later is seen.
mkdir -p "$D/_posts/travel/2025"
sleep 0.3
post "$D/_posts/travel/2025/2025-03-03-jeju.md" "제주 여행" "한라산 등반 기록"
within "post in a new folder" has 한라산 travel/2025/2025-03-03-jeju

mv "$D/_posts/travel/2025/2025-03-03-jeju.md" "$T/moved-out.md"
within "moved out" lacks 한라산 travel/2025/2025-03-03-jeju

mkdir -p "$T/incoming"
post "$T/incoming/2025-04-04-busan.md" "부산 여행" "해운대 일출"
mv "$T/incoming" "$D/_posts/incoming"
within "folder moved in" has 해운대 incoming/2025-04-04-busan

# URLs follow the site's _config.yml (above the watched folder).
url_of() { "$NEWSQ" --json -n 1 "$1" | python3 -c 'import json, sys; h = json.load(sys.stdin)["hits"]; print(h[0]["url"] if h else "")'; }
[ "$(url_of 사과나무)" = "/first/" ] || fail "url before the config edit: $(url_of 사과나무)"
printf 'permalink: /posts/:year/:title/\n' >"$D/_config.yml"
url_is() { [ "$(url_of "$1")" = "$2" ]; }
within "_config.yml edit" url_is 사과나무 /posts/2025/first/

# Files that are not posts cause no re-index.
sleep 0.5
lines=$(wc -l <"$T/watch.out")
echo "notes" >"$D/_posts/notes.txt"
mkdir -p "$D/_posts/.git" && echo x >"$D/_posts/.git/HEAD"
sleep 0.8
[ "$(wc -l <"$T/watch.out")" = "$lines" ] || fail "a non-post file triggered a sync: $(tail -n 2 "$T/watch.out")"

kill -INT "$WPID"
wait "$WPID"
RC=$?
expect_rc 0 "watch stops on SIGINT"
[ -s "$T/watch.err" ] && fail "watch wrote to stderr: $(head -c 400 "$T/watch.err")"

run "$NEWSIDX" watch "$T/no-such-dir"
expect_rc 2 "missing folder"
echo "latency: ${LAT[*]}"
finish
