#!/usr/bin/env bash
# Builds a man page from a tool's own --help (help2man), so that the page
# can never drift from the program:
#   manpage.sh BINARY NAME SECTIONS.h2m OUT.1.gz
# The top-level --help gives NAME, SYNOPSIS, DESCRIPTION and OPTIONS; each
# subcommand's --help (for tools that have them) becomes a subsection of
# COMMANDS; SECTIONS.h2m (help2man's --include format: [SECTION] then roff)
# adds what --help does not say: EXIT STATUS, ENVIRONMENT, FILES, EXAMPLES,
# SEE ALSO. Runs the binary with an empty $HOME-free environment so that the
# page does not depend on the machine that built it.
set -euo pipefail
bin=$(readlink -f -- "$1") name=$2 sections=$3 out=$4
dir=$(dirname -- "$bin")
tmp=$(mktemp -d)
trap 'rm -rf -- "$tmp"' EXIT
# A stable environment: the help text names defaults (core count, $NEWSIDX_DB).
run() { env -i PATH="$dir:/usr/bin:/bin" HOME=/nonexistent LC_ALL=C.UTF-8 NO_COLOR=1 "$name" "$@"; }
[ "$(basename -- "$bin")" = "$name" ] || { echo "manpage.sh: $bin is not named $name" >&2; exit 1; }

# roff-escape plain text: backslashes, and lines that would start a request.
esc() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/" -e 's/-/\\-/g'; }

{
  cat "$sections"
  subs=$(run --help | awk '/^Subcommands:/{on=1; next} on && /^  [a-z]/{print $1} on && /^[^ ]/{on=0}')
  if [ -n "$subs" ]; then
    printf '[COMMANDS]\nEach command has its own options; global options (\\fB\\-\\-db\\fR, \\fB\\-q\\fR, \\fB\\-v\\fR) go before or after it.\n'
    for s in $subs; do
      printf '.SS "%s %s"\n.nf\n' "$name" "$s"
      run "$s" --help | esc
      printf '.fi\n'
    done
  fi
} > "$tmp/include.h2m"

# help2man calls NAME --help and NAME --version through PATH.
env -i PATH="$dir:/usr/bin:/bin" HOME=/nonexistent LC_ALL=C.UTF-8 NO_COLOR=1 \
  help2man --locale=C.UTF-8 --no-info --section 1 --manual "newsidx manual" \
    --include "$tmp/include.h2m" --output "$tmp/page.1" "$name"
# Debian policy: man pages gzip-compressed, with no time stamp (-n: reproducible).
gzip -9nc -- "$tmp/page.1" > "$out"
