# newsq on the sample corpus: ranking, exclusion, formats, colour, words starting with '-'.
source "$(dirname "$0")/lib.sh"
run "$NEWSIDX" add "$SRC/corpus"
expect_rc 0 "add corpus"

run "$NEWSQ" 스타게이트
expect_rc 0 "스타게이트"
expect_in "stargate" "$OUT"
expect_in "[[" "$OUT" "highlights without a terminal"
expect_not_in $'\x1b[' "$OUT" "colour when piped"

# Every post containing 삼성 in any inflected form is found (a grep over the corpus decides which).
run "$NEWSQ" -n 200 --format trec 삼성
want=$(grep -rlE '삼성(이|의|은|을|과|도|에|전자)' "$SRC/corpus/_posts" | sed "s|$SRC/corpus/||; s|\.md$||" | sort)
got=$(awk '{print $3}' <<<"$OUT" | sort)
missing=$(comm -23 <(echo "$want") <(echo "$got"))
[ -z "$missing" ] || fail "삼성 misses: $missing"

run "$NEWSQ" -n 200 --format trec 삼성 -애플
expect_rc 0 "삼성 -애플 unquoted"
while read -r id; do
  f="$SRC/corpus/$id.md"
  ! grep -q '애플' "$f" || fail "삼성 -애플 returned $id, which mentions 애플"
done < <(awk '{print $3}' <<<"$OUT")
run "$NEWSQ" -- -애플 삼성
expect_rc 0 "after --"

run "$NEWSQ" --json -n 3 오픈AI
expect_rc 0 "json"
python3 - "$OUT" <<'PY' || fail "json schema"
import json, sys
j = json.loads(sys.argv[1])
assert j["query"] == "오픈AI" and isinstance(j["estimated_total"], int) and j["warnings"] == []
assert 1 <= len(j["hits"]) <= 3
for i, h in enumerate(j["hits"], 1):
    assert h["rank"] == i and isinstance(h["score"], float)
    for k in ("id", "path", "title", "date", "url", "tags", "categories", "snippet"):
        assert k in h, k
    s = h["snippet"]
    assert s["text"] and s["matches"], h
    for b, e in s["matches"]:
        assert 0 <= b < e <= len(s["text"])
    assert "<mark>" in s["html"]
PY
run "$NEWSQ" --format json -n 1 --offset 1 오픈AI
python3 -c 'import json,sys; j=json.load(sys.stdin); assert j["hits"][0]["rank"]==2' <<<"$OUT" || fail "offset rank"

run "$NEWSQ" --format trec -n 5 OpenAI
expect_eq "$(awk 'NF!=6' <<<"$OUT" | wc -l)" "0" "trec columns"
expect_eq "$(awk '{print $1,$2,$4,$6}' <<<"$OUT" | head -1)" "1 Q0 1 newsidx" "trec first line"

# Colour only on a terminal, and never with NO_COLOR.
if command -v script >/dev/null; then
  script -qc "$NEWSQ 스타게이트" /dev/null >"$T/tty.txt" 2>&1
  grep -q $'\x1b\[1;33m' "$T/tty.txt" || fail "no colour on a terminal"
  NO_COLOR=1 script -qc "$NEWSQ 스타게이트" /dev/null >"$T/tty2.txt" 2>&1
  ! grep -q $'\x1b\[1;33m' "$T/tty2.txt" || fail "colour despite NO_COLOR"
fi
# -v: per query, on stderr only, the hits shown, the total, the time and the parsed query.
run "$NEWSQ" -n 2 --format trec 스타게이트
plain_out=$OUT
run "$NEWSQ" -v -n 2 --format trec 스타게이트
expect_rc 0 "-v"
[ "$OUT" = "$plain_out" ] || fail "-v changed the results on stdout"
expect_in "newsq: query 1: 2 hits shown of " "$ERR" "-v summary"
expect_in " ms; parsed 스타게이트" "$ERR" "-v parsed query"
run "$NEWSQ" -n 2 --format trec 스타게이트
[ -z "$ERR" ] || fail "stderr without -v: $ERR"
finish
