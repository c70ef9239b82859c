# newsidx stats / analyze / terms.
source "$(dirname "$0")/lib.sh"
post "$T/p/x.md" "삼성전자의 미래" "오픈AI가 칩을 샀다."
run "$NEWSIDX" add "$T/p"
run "$NEWSIDX" stats
expect_rc 0 "stats"
expect_in "documents:   1" "$OUT"
expect_in "analyzer:    newsidx-ko-en/5+ko-nouns:" "$OUT"
run "$NEWSIDX" stats --json
python3 -c 'import json,sys; j=json.load(sys.stdin); assert j["documents"]==1 and j["terms"]>5 and j["size_bytes"]>0 and j["schema_version"]==7 and j["last_update"], j' <<<"$OUT" \
  || fail "stats --json: $OUT"
run "$NEWSIDX" analyze "삼성전자의 오픈AI가"
expect_rc 0 "analyze"
expect_in "삼성전자" "$OUT"
expect_in "stem" "$OUT"
expect_in "part" "$OUT"  # 삼성전자 -> 삼성, 전자 (analyzer v4: parts, no bigrams)
expect_not_in "bigram" "$OUT" "a compound and a mixed word need no bigrams"
expect_in "오픈ai" "$OUT"
# Columns line up on a terminal: the kind starts at the same display column
# on every row, Hangul terms (two columns a syllable) or Latin ones.
cols=$(python3 -c '
import sys, unicodedata
def width(s): return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
rows = sys.stdin.read().splitlines()
print(sorted({width(r[:r.index(k)]) for r in rows for k in ("kind","surface","stem","part","joined","concept") if (" "+k+" ") in r}))' <<<"$OUT")
expect_eq "$cols" "[25]" "analyze: the kind column at one display width"
# --query: what a search makes of the text, not the token table (no index read).
run "$NEWSIDX" analyze --query '오픈AI가 -애플 "데이터 센터"'
expect_rc 0 "analyze --query"
expect_in 'parsed:    AND(오픈AI가 -애플 "데이터 센터")' "$OUT"
expect_in "openai" "$OUT"              # the built-in synonyms
expect_in "bigrams:   -" "$OUT"  # without an index every word counts as known: no last resort
expect_in "데이터 PHRASE 2 센터" "$OUT"
expect_in "AND_NOT" "$OUT"
expect_not_in "kind" "$OUT" "analyze --query (the token table)"
run "$NEWSIDX" analyze --query '...'
expect_rc 0 "analyze --query with nothing to search"
expect_in "(nothing to search)" "$OUT"
run "$NEWSIDX" terms x
expect_rc 0 "terms"
expect_in "Qx" "$OUT"
expect_in "칩" "$OUT"
expect_in "S삼성전자" "$OUT"
finish
