# Writers that race or die around the index folder's siblings (issue 15,
# D1-D3), made deterministic with strace fault injection: a syscall held
# back (delay_enter) opens the window, a SIGKILL at the Nth syscall stops a
# run at every step.
source "$(dirname "$0")/lib.sh"
# LeakSanitizer cannot run under ptrace: in the sanitized build the
# processes strace runs would abort at exit. Leaks are checked by the rest
# of the suite; here ASan and UBSan still watch every run.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
docs() { "$NEWSIDX" --db "$1" stats 2>/dev/null | awk '/^documents:/{print $2}'; }
n_corpus=$(find "$SRC/corpus" -name '*.md' -path '*_posts*' | wc -l)

# D1: a second writer refused during compact's swap leaves compact's
# finished copy alone, and compact then swaps it in.
"$NEWSIDX" --db "$T/cr" add -q "$SRC/corpus"
n=$(docs "$T/cr")
[ "$n" -gt 0 ] || fail "no posts indexed"
strace -f -qq -o /dev/null -e trace=renameat2 -e inject=renameat2:delay_enter=4000000 \
  "$NEWSIDX" --db "$T/cr" compact >"$T/compact.out" 2>&1 &
cpid=$!
for _ in $(seq 300); do [ -e "$T/cr.newsidx-compact/iamglass" ] && break; sleep 0.05; done
[ -e "$T/cr.newsidx-compact/iamglass" ] || fail "compact made no copy to swap in"
sleep 0.3  # compact is now held in its swap (4 s)
for cmd in "remove no-such-id" "add -q $SRC/corpus" "compact"; do
  run "$NEWSIDX" --db "$T/cr" $cmd
  expect_rc 3 "newsidx $cmd while compact holds the lock"
  expect_in "locked by" "$ERR" "newsidx $cmd while compact holds the lock"
  [ -e "$T/cr.newsidx-compact/iamglass" ] || fail "newsidx $cmd (refused) deleted compact's copy"
done
wait "$cpid"
expect_eq "$?" "0" "compact after the refused writers ($(cat "$T/compact.out"))"
expect_eq "$(docs "$T/cr")" "$n" "documents after compact"
[ ! -e "$T/cr.newsidx-compact" ] || fail "compact left its folder behind"

# D1 for rebalance: a second rebalance refused while the first holds the locks.
"$NEWSIDX" --db "$T/r2" add -q "$SRC/corpus"
strace -f -qq -o /dev/null -e trace=renameat2 -e inject=renameat2:delay_enter=4000000 \
  "$NEWSIDX" --db "$T/r2" rebalance --shards 2 >"$T/rb.out" 2>&1 &
rpid=$!
for _ in $(seq 300); do [ -e "$T/r2.rebalance/XAPIANDB" ] && break; sleep 0.05; done
[ -e "$T/r2.rebalance/XAPIANDB" ] || fail "rebalance made no new index to swap in"
sleep 0.3
run "$NEWSIDX" --db "$T/r2" rebalance --shards 3
expect_rc 3 "a second rebalance"
[ -e "$T/r2.rebalance/XAPIANDB" ] || fail "the refused rebalance deleted the first one's new index"
wait "$rpid"
expect_eq "$?" "0" "the first rebalance ($(cat "$T/rb.out"))"
expect_eq "$(docs "$T/r2")" "$n" "documents after rebalance"
[ -e "$T/r2/XAPIANDB" ] || fail "the index is not the 2-shard layout"

# D2: a kill at every file-system step of rebalance (1 -> 2 shards) leaves
# a whole index, old or new; the next rebalance finishes the job.
"$NEWSIDX" --db "$T/rk" add -q "$SRC/corpus"
FS_CALLS=rename,renameat2,unlink,unlinkat,rmdir,mkdir
# How many such calls one whole rebalance makes (the sanitized build makes
# more): every step up to 40, then 30 points spread over the rest, then
# past the end, so the loop's length does not depend on the build.
strace -f -qq -c -o "$T/count.txt" -e trace=$FS_CALLS \
  "$NEWSIDX" --db "$T/rk" rebalance --shards 2 >/dev/null 2>&1 || fail "a clean rebalance failed"
"$NEWSIDX" --db "$T/rk" rebalance --shards 1 >/dev/null || fail "back to one shard failed"
total=$(awk '$NF == "total" {print $4}' "$T/count.txt")
[ "${total:-0}" -gt 10 ] || fail "could not count rebalance's file-system calls ($(cat "$T/count.txt"))"
echo "one rebalance makes $total file-system calls"
points=$(seq 1 $((total < 40 ? total : 40)))
[ "$total" -gt 40 ] && points="$points $(seq 41 $(((total - 40) / 30 + 1)) "$total")"
points="$points $((total + 1)) $((total * 2))"
done_at=0
for k in $points; do
  rc=0
  strace -f -qq -o /dev/null -e trace=$FS_CALLS -e inject=$FS_CALLS:signal=SIGKILL:when=$k \
    "$NEWSIDX" --db "$T/rk" rebalance --shards 2 >/dev/null 2>&1 || rc=$?
  got=$(docs "$T/rk")
  [ "$got" = "$n" ] || { fail "killed at step $k: $got documents, expected $n"; break; }
  run "$NEWSIDX" --db "$T/rk" rebalance --shards 2
  expect_rc 0 "rebalance after a kill at step $k"
  expect_eq "$(docs "$T/rk")" "$n" "documents after recovering from step $k"
  run "$NEWSIDX" --db "$T/rk" rebalance --shards 1
  expect_rc 0 "back to one shard after step $k"
  [ "$rc" -eq 0 ] && { done_at=$k; break; }  # the run got past its last step
done
[ "$done_at" -gt 0 ] || fail "rebalance was still killed at step $k (of $total)"
ls "$T" | grep -E '^rk\.(old|rebalance)' && fail "rebalance left siblings behind"

# D3: a parallel first add killed before its merge; rebalance merges the
# committed parts first instead of orphaning them.
strace -f -qq -o /dev/null -e trace=renameat2 -e inject=renameat2:signal=SIGKILL \
  "$NEWSIDX" --db "$T/pp" add -q --jobs 2 --parallel-min 1 "$SRC/corpus" >/dev/null 2>&1
[ -d "$T/pp.newsidx-parts" ] || fail "the killed parallel add left no parts (the test's premise)"
run "$NEWSIDX" --db "$T/pp" rebalance --shards 2
expect_rc 0 "rebalance after a killed parallel add"
expect_eq "$(docs "$T/pp")" "$n" "documents after rebalance of a killed parallel add"
[ ! -e "$T/pp.newsidx-parts" ] || fail "the parts are still there"
finish
