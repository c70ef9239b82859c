# --json against its documented schema (tests/data/newsq-json.schema.json,
# README "JSON output"), --fields, snippets: code point offsets of whole
# words, HTML with every post character escaped, highlighted titles.
source "$(dirname "$0")/lib.sh"
P="$T/posts"
SCHEMA="$SRC/tests/data/newsq-json.schema.json"
post "$P/_posts/2025-02-04-a.md" "삼성과 <오픈AI> 동맹 & 협력" \
  "서초에서 회담이 열렸다. 삼성전자의 반도체와 \"오픈AI\"의 모델이 만났다. 점수는 1 < 2 & 3 > 2 였다. 😀 이모지 뒤에도 삼성이 나온다." \
  "date: 2025-02-04\ntags: [AI, 반도체]\ncategories: [tech]\nauthor: Kim\n"
post "$P/_posts/2025-02-05-b.md" "Samsung earnings" "Samsung reported record memory sales; analysts expected less." "date: 2025-02-05\ntags: [memory]\n"
run "$NEWSIDX" add "$P"
expect_rc 0 "add"
validate() { python3 "$SRC/tests/cli/validate_json.py" "$SCHEMA"; }

# Every option combination gives schema-valid output.
for args in "삼성" "--facets 삼성" "--explain 삼성" "--fields id,snippet 삼성" "--similar _posts/2025-02-04-a" \
            "ㅅㅅ" "tkatjd" "삼섬" "없는단어" "'\"broken'" "--sort date --tag ai 삼성"; do
  eval "set -- $args"
  "$NEWSQ" --json "$@" >"$T/j.json" 2>"$T/j.err"
  validate <"$T/j.json" 2>"$T/v.err" || fail "schema ($args): $(cat "$T/v.err")"
done
# The validator itself rejects what the schema forbids.
echo '{"query": 1}' | validate 2>/dev/null && fail "validator accepted a bad document"

run "$NEWSQ" --json 삼성
python3 - "$OUT" <<'PY' || fail "snippet offsets and HTML"
import json, sys, html
j = json.loads(sys.argv[1])
hit = next(h for h in j["hits"] if h["id"] == "_posts/2025-02-04-a")
s = hit["snippet"]
words = [s["text"][b:e] for b, e in s["matches"]]     # code point offsets: Python str slicing
assert words == ["삼성전자의", "삼성이"], words         # whole words, never a stray syllable
assert "😀" in s["text"]
# HTML: every character from the post escaped; unescaping and dropping <mark> gives the text back.
h = s["html"]
assert "1 &lt; 2 &amp; 3 &gt; 2" in h and "&quot;오픈AI&quot;" in h, h
assert h.count("<mark>") == 2 and h.count("</mark>") == 2, h
assert html.unescape(h.replace("<mark>", "").replace("</mark>", "")) == s["text"]
t = hit["title_marked"]
assert [t["text"][b:e] for b, e in t["matches"]] == ["삼성과"], t
assert t["html"].startswith("<mark>삼성과</mark> &amp;lt;") is False and "&lt;오픈AI&gt;" in t["html"], t["html"]
PY

run "$NEWSQ" --json --fields id,score,title 삼성
python3 -c '
import json,sys
j=json.load(sys.stdin)
assert j["hits"] and all(sorted(h)==["id","score","title"] for h in j["hits"]), j["hits"]' <<<"$OUT" || fail "--fields"
run "$NEWSQ" --json --fields id,nonsense 삼성
expect_rc 2 "--fields with an unknown name"
expect_in "nonsense" "$ERR" "unknown field named"

# Text output: titles highlighted, [[ ]] without a terminal.
run "$NEWSQ" 삼성
expect_in "[[삼성과]] <오픈AI> 동맹" "$OUT" "highlighted title"
expect_in "[[삼성전자의]]" "$OUT" "highlighted snippet"
finish
