# Hostile queries (issue 6): huge (1 MB), deeply nested, thousands of terms,
# control characters, invalid UTF-8, lone operators. Each must finish in
# bounded time and memory, say what it did with a warning where the query
# was malformed or cut, and exit like any query: 0 (hits) or 1 (none) —
# never 2 or 3, never a crash. README "Query syntax" documents the limits
# (16 KiB, 256 parts).
source "$(dirname "$0")/lib.sh"
MAX_SECONDS=${NEWSIDX_QUERY_MAX_SECONDS:-10}  # per query; all take < 1 s, even under ASan
MAX_MB=${NEWSIDX_QUERY_MAX_MB:-1024}

P=$T/posts
post "$P/2025-02-04-stargate.md" "스타게이트 프로젝트" "오픈AI와 소프트뱅크가 스타게이트 데이터 센터를 짓는다. 손정의 회장." "tags: [AI]\n"
post "$P/2024-11-30-samsung.md" "Samsung memory" "Samsung Electronics sold more memory chips; 삼성전자의 반도체 수출."
post "$P/2023-05-06-misc.md" "기타" "아무 관계 없는 글 (괄호) 와 \"따옴표\"."
run "$NEWSIDX" add "$P"
expect_rc 0 "add"

# Memory cap: an address-space limit, except under ASan (whose shadow memory
# needs terabytes of address space): there, the sanitizer's own RSS limit.
CAP=()
if (prlimit --as=$((MAX_MB << 20)) "$NEWSQ" --version >/dev/null 2>&1; exit $?) 2>/dev/null; then
  CAP=(prlimit --as=$((MAX_MB << 20)))
  echo "memory cap: prlimit --as=${MAX_MB} MB"
else
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=$MAX_MB"
  echo "memory cap: ASAN_OPTIONS hard_rss_limit_mb=$MAX_MB (sanitized build)"
fi

# hq NAME EXPECTED_RCS WARNING newsq-args...: runs one query under the caps.
# EXPECTED_RCS is e.g. "0" or "01"; WARNING a substring of the stderr
# warning ("" = no warning required, "-" = no warning allowed).
hq() {
  local name=$1 rcs=$2 warning=$3
  shift 3
  local t0 ms
  t0=$(date +%s%N)
  run "${CAP[@]}" timeout "$MAX_SECONDS" "$NEWSQ" "$@"
  ms=$((($(date +%s%N) - t0) / 1000000))
  echo "$name: exit $RC in $ms ms${ERR:+; stderr: ${ERR:0:160}}"
  if [ "$RC" -eq 124 ]; then fail "$name: still running after $MAX_SECONDS s"; return; fi
  if [ "$RC" -ge 128 ]; then fail "$name: crashed (exit $RC): ${ERR: -1500}"; return; fi
  [[ $rcs == *"$RC"* ]] || fail "$name: exit $RC, expected one of [$rcs] (stderr: ${ERR:0:400})"
  grep -q 'AddressSanitizer\|runtime error:\|LeakSanitizer\|out of memory' <<<"$ERR" && fail "$name: ${ERR:0:1500}"
  grep -q 'error:' <<<"$ERR" && fail "$name: an error instead of a warning: ${ERR:0:400}"
  case $warning in
    "") ;;
    -) [ -z "$ERR" ] || fail "$name: unexpected stderr: ${ERR:0:300}" ;;
    *) grep -qF -- "newsq: warning: " <<<"$ERR" && grep -qF -- "$warning" <<<"$ERR" ||
         fail "$name: no warning '$warning' (stderr: ${ERR:0:300})" ;;
  esac
}
json_ok() {  # every line of $OUT is a JSON object (python3 is a build dependency)
  python3 -c 'import json, sys
for l in sys.stdin:
    assert isinstance(json.loads(l), dict)' <<<"$OUT" || fail "$1: output is not valid JSON lines: ${OUT:0:300}"
}
rep() { local s; s=$(printf -- "$1%.0s" $(seq "$2")); printf '%s' "$s"; }  # rep STR N (STR without % or backslash)

# Sanity: an ordinary query.
hq plain 0 - 스타게이트

# 1 MB: as many argv words (one argument may hold at most 128 KiB) ...
chunk=$(rep '스타게이트 ' 8000)  # 16 bytes a word: 128,000 bytes
words=()
for i in $(seq 8); do words+=("$chunk"); done
hq huge-argv-1mb 0 "query longer than 16384 bytes" "${words[@]}"
blanks=$(printf '%128000s' '')
hq huge-blanks-1mb 1 "query longer than 16384 bytes" "$blanks" "$blanks" "$blanks" "$blanks" "$blanks" "$blanks" "$blanks" "$(rep '스타게이트 ' 1100)"
# ... and as --batch lines (a 1 MB line of one "word" that splits into 500,000).
{ printf 'big\t'; rep 'a-' 500000; printf '\nnormal\t스타게이트\n'; } >"$T/batch-big.tsv"
hq huge-batch-1mb 0 "" --json --batch "$T/batch-big.tsv"
json_ok huge-batch-1mb
expect_in '"warnings":["query longer than 16384 bytes' "$(head -n1 <<<"$OUT")" "huge-batch-1mb: the warning in JSON"
expect_eq "$(grep -c . <<<"$OUT")" "2" "huge-batch-1mb: one JSON line per query"
expect_in '"id":"2025-02-04-stargate"' "$(tail -n1 <<<"$OUT")" "huge-batch-1mb: the normal query after it"
{ printf 'q1\t'; rep '(' 500000; printf '스타게이트'; rep ')' 500000; printf '\n'; } >"$T/batch-parens.tsv"
hq huge-parens-1mb 0 "query longer than 16384 bytes" --batch "$T/batch-parens.tsv"
hq long-word-100k 1 "query longer than 16384 bytes" "$(rep x 100000)"

# Nesting.
hq nested-100 0 "parentheses nested too deeply" "$(rep '(' 100)스타게이트$(rep ')' 100)"
hq nested-10000 0 "searching the plain words" "$(rep '(' 10000)스타게이트$(rep ')' 10000)"
hq nested-unbalanced 1 "searching the plain words" "$(rep '(' 10000)"
hq nested-closers 0 "searching the plain words" "스타게이트$(rep ')' 10000)"
hq nested-not-or 01 "" "$(rep '-(a OR ' 3000)b"

# Thousands of terms, operators, phrases, fields.
many=$(seq -f 'word%g' 5000 | tr '\n' ' ')
hq terms-5000 0 "query has more than 256 parts" "스타게이트 $many"
hq terms-korean-1000 0 "more than 256 parts" "$(rep '스타게이트를 삼성전자의 손정의가 데이터센터 ' 250)"
hq or-3000 0 "more than 256 parts" "스타게이트 $(seq -f 'w%g' 3000 | sed 's/$/ OR/' | tr '\n' ' ')z"
hq minus-3000 01 "more than 256 parts" "$(seq -f '-w%g' 3000 | tr '\n' ' ')"
hq phrases-2000 01 "more than 256 parts" "$(rep '"a b" ' 2000)"
hq fields-2000 01 "more than 256 parts" "$(rep 'title:스타게이트 tag:AI ' 1000)"
hq long-phrase 01 "" "\"$(seq -f 'w%g' 3000 | tr '\n' ' ')\""
hq long-phrase-korean 01 "" "\"$(rep '스타게이트 데이터 센터 ' 600)\""

# Control characters and invalid UTF-8 (JSON must stay valid).
hq controls 01 "" --json $'\x01\x02\x1b[31m스타게이트\x07\x7f\x1b]0;title\x07 \t\v\f'
json_ok controls
hq controls-only 1 "" $'\x01\x02\x03\x1b\x7f'
hq invalid-utf8 0 "" --json $'\xff\xfe스타게이트\xc3( \xed\xa0\x80 \xf8\x88\x80\x80\x80'
json_ok invalid-utf8
hq invalid-utf8-only 1 "" --json $'\xff\xfe\xc0\xaf'
json_ok invalid-utf8-only
printf 'nul\t스타\0게이트 \0\nbytes\t\xff\xfe\n' >"$T/batch-nul.tsv"
hq nul-batch 0 "" --json --batch "$T/batch-nul.tsv"
json_ok nul-batch
hq bidi-zero-width 01 "" $'\u202e스타게이트\u200b\u200d\ufeff'

# Lone and misplaced operators.
hq lone-quote 1 "unbalanced quote" '"'
hq quote-words 0 "unbalanced quote" '"스타게이트 프로젝트'
hq many-quotes 01 "" "$(rep '"' 10001)"
hq or-or 1 "OR at column 4 has nothing after it; searched as a word" 'OR OR'
hq or-only 1 "" 'OR'
hq or-trailing 0 "OR at column 7 has nothing after it" '스타게이트 OR'
hq and-trailing 0 "AND at column 7 has nothing after it" '스타게이트 AND'
hq and-leading 0 "AND at column 1 has nothing before it" 'AND 스타게이트'
hq not-alone 1 "NOT at column 1 has nothing after it" 'NOT'
hq operator-soup 01 "searched as a word" 'AND OR NOT && || + ++ +- -+ AND'
hq not-many 01 "" "$(rep 'NOT ' 250)스타게이트"
hq signs-many 01 "" "$(rep '+-' 120)스타게이트"
hq plus-only-word 0 - '+스타게이트'
hq minus-alone 1 - '-'
hq minus-many 1 "" '- -- --- -"" -()'
hq minus-only-word 0 - '-스타게이트'
hq title-alone 1 "title: needs a value" 'title:'
hq tag-alone 1 "tag: needs a value" 'tag:'
hq fields-empty 01 "" 'title:"" tag:"" author:"" category:()'
hq parens-empty 1 "" '()'
hq colon-soup 01 "" ':::: title::: tag:: :'
hq empty 1 - ''
hq spaces 1 - '   '
finish
