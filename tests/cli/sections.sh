# Section-level hits (issue 20 item 1), with the real binaries: a digest
# post's sections (heading, level, kramdown anchor, URL, snippet) in newsq's
# JSON (valid against the schema) and text output (indented under the hit);
# the heading's own {#id}; a post without headings has none; a post with one
# section about all the query's words outranks one whose words fall in
# different sections, also when the spread one mentions them more; words of
# the title count in every section; --site-url makes section URLs absolute.
source "$(dirname "$0")/lib.sh"
SCHEMA="$SRC/tests/data/newsq-json.schema.json"
S="$T/site/_posts"

post "$S/2025-11-03-digest.md" "[2025-11-03] IT 뉴스 Top 3" \
'오늘의 IT 소식이다.

## 1. 쇼핑몰 회원 **개인정보** 유출

쇼핑몰 회원 340만 명의 개인정보가 해킹으로 유출됐다. 회사는 비밀번호 변경을 권고했다.

## 2. 스타게이트 착공 {#stargate}

스타게이트 두 번째 데이터센터가 착공했다.

## 3. 클라우드 점유율

국내 클라우드 점유율이 올랐다.'
# The same two words, more often, but each in its own item.
post "$S/2025-11-04-spread.md" "[2025-11-04] IT 뉴스 Top 2" \
'## 1. 개인정보보호법 개정

개인정보보호법 개정안이 통과했다. 개인정보 처리 방침을 바꿔야 한다. 개인정보 담당자는 바빠졌다.

## 2. 설계 자료 유출

설계 자료 유출 혐의로 연구원이 기소됐다. 유출된 자료는 회수됐다. 유출 경로는 메일이었다.'
# Words in different sections, but one of them is in the title: about both.
post "$S/2025-11-05-titled.md" "개인정보 사고 정리" \
'## 쇼핑몰 사고

회원 정보가 해킹으로 유출됐다.

## 통신사 사고

가입자 정보 일부가 새어 나갔다.'
post "$S/2025-11-06-plain.md" "유심 교체 안내" "통신사 가입자 개인정보가 유출되어 유심 교체를 안내했다."

run "$NEWSIDX" add "$S"
expect_rc 0 "add"

run "$NEWSQ" --json "개인정보 유출"
expect_rc 0 "search"
printf '%s\n' "$OUT" | python3 "$SRC/tests/cli/validate_json.py" "$SCHEMA" >/dev/null || fail "schema: $OUT"
python3 - "$OUT" <<'PY' || fail "JSON sections"
import json, sys, urllib.parse
r = json.loads(sys.argv[1])
ids = [h["id"] for h in r["hits"]]
def at(name): return next(i for i, x in enumerate(ids) if x.endswith(name))
errors = []
if not at("2025-11-03-digest") < at("2025-11-04-spread"):
    errors.append(f"the digest item about both is not above the spread post: {ids}")
if not at("2025-11-05-titled") < at("2025-11-04-spread"):
    errors.append(f"the post whose title holds one word is not above the spread post: {ids}")
h = r["hits"][at("2025-11-03-digest")]
s = h["sections"]
if not s or s[0]["heading"] != "1. 쇼핑몰 회원 개인정보 유출" or s[0]["level"] != 2:
    errors.append(f"digest's first section: {s}")
else:
    if s[0]["anchor"] != "1-쇼핑몰-회원-개인정보-유출":
        errors.append(f"anchor {s[0]['anchor']!r}")
    if s[0]["url"] != h["url"] + "#" + urllib.parse.quote(s[0]["anchor"]):
        errors.append(f"url {s[0]['url']!r} (hit {h['url']!r})")
    sn = s[0]["snippet"]
    marked = [sn["text"][a:b] for a, b in sn["matches"]]
    if not sn["text"].startswith("쇼핑몰 회원 340만 명") or "개인정보가" not in marked or "유출됐다" not in marked:
        errors.append(f"section snippet {sn}")
    if len(s) != 1:
        errors.append(f"only one section holds the words: {[x['heading'] for x in s]}")
sp = r["hits"][at("2025-11-04-spread")]["sections"]
if [x["heading"] for x in sp] != ["1. 개인정보보호법 개정", "2. 설계 자료 유출"] and \
   [x["heading"] for x in sp] != ["2. 설계 자료 유출", "1. 개인정보보호법 개정"]:
    errors.append(f"spread post: both sections, each half the query: {[x['heading'] for x in sp]}")
pl = r["hits"][at("2025-11-06-plain")]
if pl["sections"] != []:
    errors.append(f"a post without headings has no sections: {pl['sections']}")
print("\n".join(errors))
sys.exit(1 if errors else 0)
PY

# A heading's own {#id} is its anchor, and not part of its text.
run "$NEWSQ" --json --fields id,sections 스타게이트
expect_rc 0 "search {#id}"
python3 - "$OUT" <<'PY' || fail "{#id}: $OUT"
import json, sys
h = json.loads(sys.argv[1])["hits"][0]
s = h["sections"][0]
assert set(h) == {"id", "sections"}, h
assert s["heading"] == "2. 스타게이트 착공" and s["anchor"] == "stargate", s
assert s["url"].endswith(".html#stargate"), s
PY

# newsq's text: each section indented under its hit, heading then link, then its passage.
run "$NEWSQ" "개인정보 유출"
expect_rc 0 "text"
expect_in "     § 1. 쇼핑몰 회원 개인정보 유출  /2025/11/03/digest.html#1-%EC%87%BC%ED%95%91%EB%AA%B0-%ED%9A%8C%EC%9B%90-%EA%B0%9C%EC%9D%B8%EC%A0%95%EB%B3%B4-%EC%9C%A0%EC%B6%9C" "$OUT" "text output"
expect_in "       쇼핑몰 회원 340만 명의 [[개인정보가]] 해킹으로 [[유출됐다]]." "$OUT" "text output"

# --site-url: section links are absolute too.
run "$NEWSQ" --json --site-url https://blog.example/ --fields sections 스타게이트
expect_rc 0 "site-url"
expect_in '"url":"https://blog.example/2025/11/03/digest.html#stargate"' "$OUT" "absolute section url"

# A prefix query has no sections (the sketch cannot be asked about it), and says nothing wrong.
run "$NEWSQ" --json --fields sections '스타게*'
expect_rc 0 "prefix"
expect_in '"sections":[]' "$OUT" "prefix query"
# A page of one hit fetches 11 (the page + 10): when all of them fall below
# the last fetched (twelve digests, each word in its own item), the whole
# depth is fetched again, and the post about both (13th by BM25) comes first.
R="$T/refetch/_posts"
for i in 01 02 03 04 05 06 07 08 09 10 11 12; do
  post "$R/2025-01-$i-spread.md" "소식 $i" $'## 하나\n\n개인정보 보호 정책.\n\n## 둘\n\n자료 유출.'
done
post "$R/2025-02-01-focused.md" "사고" "개인정보 유출 사고가 있었다. 회사는 고객에게 사과했다. 보상 방안은 다음 주에 나온다."
run "$NEWSIDX" add --db "$T/db-refetch" "$R"
expect_rc 0 "add (refetch)"
run "$NEWSQ" --db "$T/db-refetch" --format trec --sort date -n 20 "개인정보 유출"
expect_eq "$(awk '$3 == "2025-02-01-focused" {print "found"}' <<<"$OUT")" "found" "the focused post matches"
run "$NEWSQ" --db "$T/db-refetch" --format trec -n 1 "개인정보 유출"
expect_eq "$(awk '{print $3}' <<<"$OUT")" "2025-02-01-focused" "one hit: the post about both, fetched past the first 11"
run "$NEWSQ" --db "$T/db-refetch" --format trec -n 3 --offset 1 "개인정보 유출"
expect_eq "$(awk '{print $3}' <<<"$OUT" | tr '\n' ' ')" "2025-01-01-spread 2025-01-02-spread 2025-01-03-spread " "the next page"
finish
