# Shared helpers for the CLI tests (sourced). Each test runs the real
# binaries ($NEWSIDX, $NEWSQ) against a private temporary folder.
set -uo pipefail
: "${NEWSIDX:?}" "${NEWSQ:?}" "${SRC:?}" "${SHARED:?}"
T=$(mktemp -d "${TMPDIR:-/tmp}/newsidx-cli-XXXXXX")
trap 'rm -rf "$T"' EXIT
export NEWSIDX_DB="$T/db"
export HOME="$T/home"
unset NO_COLOR
FAILS=0

fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }
# run CMD...: sets $OUT, $ERR, $RC
run() {
  "$@" >"$T/out" 2>"$T/err"
  RC=$?
  OUT=$(cat "$T/out")
  ERR=$(cat "$T/err")
}
expect_rc() { [ "$RC" -eq "$1" ] || fail "${2:-command}: exit $RC, expected $1 (stderr: ${ERR:0:400})"; }
expect_in() { grep -qF -- "$1" <<<"$2" || fail "${3:-output} lacks '$1': ${2:0:600}"; }
expect_not_in() { ! grep -qF -- "$1" <<<"$2" || fail "${3:-output} has '$1'"; }
expect_eq() { [ "$1" = "$2" ] || fail "${3:-value}: got '$1', expected '$2'"; }
# field N of the add summary line: added updated unchanged skipped removed failed
summary() { sed -n 's/^added \([0-9]*\), updated \([0-9]*\), unchanged \([0-9]*\), skipped \([0-9]*\), removed \([0-9]*\), failed \([0-9]*\).*/\1 \2 \3 \4 \5 \6/p' <<<"$OUT"; }
post() {  # post FILE TITLE BODY [EXTRA-FRONT-MATTER]
  mkdir -p "$(dirname "$1")"
  printf -- '---\ntitle: "%s"\n%b---\n\n%s\n' "$2" "${4:-}" "$3" >"$1"
}
finish() {
  if [ "$FAILS" -gt 0 ]; then echo "$FAILS check(s) failed" >&2; exit 1; fi
  echo "ok"
}
