# The progress bar of `add` on a terminal (`script` gives it one): percent,
# files, rate and ETA, redrawn in place, and erased before the summary so
# that the summary starts a line of its own. Off the terminal, no bar.
source "$(dirname "$0")/lib.sh"
: "${SHARED:?}"
command -v script >/dev/null || fail "script (bsdutils) is missing"
script -qec "$(printf '%q ' "$NEWSIDX" --db "$T/db" add "$SHARED/corpora")" /dev/null >"$T/tty.out" 2>&1
rc=$?
expect_eq "$rc" "0" "add on a terminal"
python3 - "$T/tty.out" <<'PY' || fail "progress bar on a terminal"
import re, sys
raw = open(sys.argv[1], encoding="utf-8", errors="replace", newline="").read()
frames = [f for f in raw.split("\r") if f.startswith("\x1b[K[")]
assert frames, "no bar drawn: %r" % raw[-300:]
bar = re.compile(r"^\x1b\[K\[#* *\] +(\d+)%  (\d+)/(\d+) files  \d+/s(  ETA \d+:\d\d)?$")
for f in frames:
    m = bar.match(f)
    assert m, "bad frame %r" % f
    assert int(m.group(1)) == 100 * int(m.group(2)) // int(m.group(3)), f
assert any("ETA" in f for f in frames), "no ETA while files were left"
# The summary starts a clean line: the bar is erased just before it.
i = raw.index("added ")
assert raw[:i].endswith("\r\x1b[K"), "summary glued to the bar: %r" % raw[i - 60:i + 20]
PY
# Not a terminal: no bar at all.
run "$NEWSIDX" --db "$T/db2" add "$SHARED/corpora/nolboo"
expect_rc 0 "add off a terminal"
expect_not_in "files  " "$ERR" "no bar off a terminal"
expect_in "added " "$OUT"
finish
