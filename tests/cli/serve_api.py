#!/usr/bin/env python3
"""HTTP checks of `newsidx serve` (run by serve_api.sh, one process so the
test stays fast on a loaded machine).
  serve_api.py PORT SITE_DIR   the API (needs $NEWSIDX, $NEWSQ, $NEWSIDX_DB)
  serve_api.py --cors PORT     a server started with --cors-origin https://blog.example,
                               http://127.0.0.1:4000 and https://b.example:8443
Prints FAIL lines; exit 1 if any."""
import http.client, json, os, subprocess, sys, threading, time, urllib.parse

CORS = sys.argv[1] == "--cors"
PORT, SITE = (int(sys.argv[2]), None) if CORS else (int(sys.argv[1]), sys.argv[2])
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, done, fail  # noqa: E402


def req(method, target, body=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    c.putrequest(method, target, skip_accept_encoding=True)
    for k, v in (headers or {}).items():
        c.putheader(k, v)
    if body is not None:
        c.putheader("Content-Length", str(len(body)))
    c.endheaders(body)
    r = c.getresponse()
    data = r.read()
    c.close()
    hdrs = {k.lower(): v for k, v in r.getheaders()}
    return r.status, hdrs, data


def get_json(target, status=200):
    s, h, b = req("GET", target)
    check(s == status, f"{target}: status {s}, expected {status} ({b[:300]!r})")
    check(h.get("content-type", "").startswith("application/json"), f"{target}: content-type {h.get('content-type')}")
    try:
        return json.loads(b)
    except ValueError:
        fail(f"{target}: not JSON: {b[:300]!r}")
        return {}


if CORS:
    for origin in ("https://blog.example", "http://127.0.0.1:4000", "https://b.example:8443"):
        s, h, b = req("GET", "/health", headers={"Origin": origin})
        check(h.get("access-control-allow-origin") == origin and h.get("vary") == "Origin",
              f"CORS headers for {origin}: {h}")
    # Another origin, or none: the same answer, no Access-Control-Allow-Origin.
    for headers in ({"Origin": "https://evil.example"}, {"Origin": "https://b.example"}, {}):
        s, h, b = req("GET", "/health", headers=headers)
        check(s == 200 and "access-control-allow-origin" not in h and h.get("vary") == "Origin",
              f"no CORS header for {headers}: {s} {h}")
    s, h, b = req("OPTIONS", "/search?q=a",
                  headers={"Origin": "https://blog.example", "Access-Control-Request-Method": "GET"})
    check(s == 204, f"preflight status {s}")
    check(h.get("access-control-allow-methods") == "GET, HEAD, OPTIONS", f"preflight headers: {h}")
    s, h, b = req("POST", "/search?q=a")
    check(s == 405 and h.get("allow") == "GET, HEAD, OPTIONS", f"405 with CORS: {s} {h}")
    done()

q = lambda s: urllib.parse.quote(s, safe="")
STAR = q("스타게이트")

# --- health and the page -----------------------------------------------------------
j = get_json("/health")
check(j.get("status") == "ok" and j.get("documents") == 4, f"/health: {j}")
s, h, b = req("GET", "/")
check(s == 200 and h["content-type"].startswith("text/html"), f"GET /: {s} {h.get('content-type')}")
check(h.get("content-security-policy", "").startswith("default-src 'none'"), "page CSP")
check(b'<script src="/app.js"' in b, "page links app.js")
s, h, b = req("GET", "/app.js")
check(s == 200 and b"compositionstart" in b and "javascript" in h["content-type"], "app.js")
s, h, b = req("HEAD", "/style.css")
check(s == 200 and b == b"", f"HEAD /style.css: {s}")

# --- /search is newsq --json without the hits' file paths (serve_http checks those) ---
def no_paths(j):
    for hit in j.get("hits", []):
        hit.pop("path", None)
    return j


j = get_json(f"/search?q={STAR}&n=5")
cli = no_paths(json.loads(subprocess.run([os.environ["NEWSQ"], "--json", "-n", "5", "스타게이트"], capture_output=True,
                                         check=False).stdout))
check(j == cli, f"/search differs from newsq --json:\n{j}\n{cli}")
check(len(j.get("hits", [])) == 3, "three hits for 스타게이트")
urls = {hit["id"]: hit["url"] for hit in j.get("hits", [])}
check(urls.get("2025-01-22-stargate") == "https://blog.example/blog/ai/2025/01/22/stargate/",
      f"Jekyll URL with url + baseurl, pretty style: {urls}")
check(urls.get("2025-02-04-openai-korea") == "https://blog.example/blog/ai/2025/02/04/openai-korea/", f"{urls}")
j = get_json(f"/search?q={STAR}&n=1&offset=1")
check([hit["rank"] for hit in j.get("hits", [])] == [2], f"offset: {j}")
j = get_json(f"/search?q={STAR}&tag=OpenAI")
check([hit["id"] for hit in j.get("hits", [])] == ["2025-02-04-openai-korea"], f"tag filter: {j}")
j = get_json("/search?tag=AI&n=10")
check([hit["id"] for hit in j.get("hits", [])] == ["2025-01-22-stargate"], f"tag=AI without q: {j}")

# Every newsq option has its URL parameter; the answers agree.
def same_as_newsq(target, args):
    j = get_json(target)
    cli = subprocess.run([os.environ["NEWSQ"], "--json", *args], capture_output=True, check=False)
    try:
        want = no_paths(json.loads(cli.stdout))
    except ValueError:
        fail(f"newsq {args}: {cli.stderr!r}")
        return j
    check(j == want, f"{target} differs from newsq {args}:\n{j}\n{want}")
    return j


j = same_as_newsq(f"/search?q={STAR}&facets=1&sort=date", ["--facets", "--sort", "date", "스타게이트"])
check([hit["id"] for hit in j.get("hits", [])] == ["2025-02-04-openai-korea", "2025-01-22-stargate", "2024-11-20-hostile"],
      f"sort=date: {j.get('hits')}")
check({"value": "AI", "count": 1} in j.get("facets", {}).get("tags", []), f"facets: {j.get('facets')}")
check([y["value"] for y in j.get("facets", {}).get("years", [])] == ["2025", "2024"] or
      sorted(y["value"] for y in j.get("facets", {}).get("years", [])) == ["2024", "2025"], f"year facets: {j.get('facets')}")
j = same_as_newsq(f"/search?q={STAR}&since=2025&until=2025-01", ["--since", "2025", "--until", "2025-01", "스타게이트"])
check([hit["id"] for hit in j.get("hits", [])] == ["2025-01-22-stargate"], f"since/until: {j.get('hits')}")
same_as_newsq(f"/search?q={STAR}&recent=1&category=ai&author=nobody", ["--recent", "--category", "ai", "--author", "nobody", "스타게이트"])
j = same_as_newsq("/similar?id=2025-01-22-stargate&n=5", ["--similar", "2025-01-22-stargate", "-n", "5"])
sim = [h["id"] for h in j.get("hits", [])]
check("2025-03-10-softbank-texas" in sim and "2025-01-22-stargate" not in sim, f"/similar: {sim}")

# --- hostile strings are escaped in every HTML form -------------------------------------
j = get_json(f"/search?q={q('경고')}")
hit = (j.get("hits") or [{}])[0]
check(hit.get("id") == "2024-11-20-hostile", f"hostile post found: {j}")
th = hit.get("title_marked", {}).get("html", "")
check("<img" not in th and "&lt;img src=x onerror=alert(1)&gt;" in th, f"title html escaped: {th}")
check("&quot;<mark>경고</mark>&quot;" in th, f"mark around escaped text: {th}")
check("<script" not in hit.get("snippet", {}).get("html", ""), "snippet html escaped")

# --- errors: status and a JSON body naming the problem --------------------------------
def error(status, target, words, method="GET", **kw):
    s, h, b = req(method, target, **kw)
    check(s == status, f"{method} {target[:80]}: status {s}, expected {status} ({b[:200]!r})")
    try:
        e = json.loads(b)
        check(e.get("status") == status and words in e.get("error", ""), f"{target[:80]}: error body {e}")
    except ValueError:
        fail(f"{target[:80]}: error body is not JSON: {b[:200]!r}")
    return h


error(400, "/search", "missing parameter 'q'")
error(400, "/search?q=a&n=0", "n: expected a whole number from 1 to 100, got '0'")
error(400, "/search?q=a&n=abc", "got 'abc'")
error(400, "/search?q=a&n=101", "n: expected")
error(400, "/search?q=a&offset=-1", "offset: expected")
error(400, "/search?q=a&colour=red", "unknown parameter 'colour'")
error(400, "/search?q=a&q=b", "q: given more than once")
error(400, "/search?q=%FF%FE", "q: not valid UTF-8")
error(400, "/search?q=" + "a" * 5000, "q: longer than 4096 bytes")
error(400, "/suggest", "missing parameter 'q'")
error(400, "/suggest?q=a&n=51", "n: expected")
error(400, "/similar", "missing parameter 'id'")
error(404, "/nope", "no such endpoint")
error(404, "/similar?id=no/such/post", "no/such/post")
error(400, "/similar?id=x&q=y", "unknown parameter 'q'")
error(400, "/search?q=a&sort=best", "sort: expected relevance, date or date-asc")
error(400, "/search?q=a&since=2025-1", "since: expected YYYY, YYYY-MM or YYYY-MM-DD")
error(400, "/search?q=a&until=2025-13", "until")
error(400, "/search?q=a&facets=maybe", "facets: expected 1 or 0")
h = error(405, "/search?q=a", "method POST not allowed", method="POST")
check(h.get("allow") == "GET, HEAD", f"405 Allow: {h.get('allow')}")
error(405, "/search?q=a", "method OPTIONS not allowed", method="OPTIONS")
error(414, "/search?q=" + "a" * 17000, "request line longer than 16384 bytes")
error(413, "/health", "request body", body=b"x" * 20000)
s, h, b = req("GET", "/health")
check(not any(k.startswith("access-control-") for k in h), f"CORS off by default: {h}")
check(h.get("x-content-type-options") == "nosniff", "nosniff")

# --- /suggest: prefixes, unfinished syllables, 초성 -------------------------------------
def first_suggestion(typed, want):
    j = get_json(f"/suggest?q={q(typed)}")
    got = [s["text"] for s in j.get("suggestions", [])]
    check(got[:1] == [want], f"/suggest {typed}: {got}, expected {want} first")


for typed in ("스타", "스타게", "스탁", "ㅅㅌㄱ", "ㅅㅌ", "스타게이트"):
    first_suggestion(typed, "스타게이트")
first_suggestion("open", "OpenAI")
first_suggestion("OPENA", "OpenAI")
first_suggestion("한", "한국")
first_suggestion("프로젝", "프로젝트")
j = get_json(f"/suggest?q={q('스타')}&n=2")
sg = j.get("suggestions", [])
check(len(sg) == 2, f"/suggest n=2: {sg}")
check(sg and sg[0]["kind"] in ("word", "tag") and sg[0].get("count") == 2, f"count of posts: {sg}")
j = get_json(f"/suggest?q={STAR}&n=8")
check(any(s["kind"] == "title" and s.get("id") == "2025-01-22-stargate" and
          s.get("url", "").startswith("https://blog.example/blog/") for s in j.get("suggestions", [])),
      f"titles suggested with their URL: {j}")
check(get_json("/suggest?q=zzzz").get("suggestions") == [], "no suggestion for zzzz")

# --- more requests at once than searchers ------------------------------------------------
statuses = []
def one():
    statuses.append(req("GET", f"/search?q={STAR}&n=3")[0])
threads = [threading.Thread(target=one) for _ in range(24)]
[t.start() for t in threads]
[t.join() for t in threads]
check(statuses == [200] * 24, f"parallel requests: {statuses}")

# --- a commit made while serving is seen by the next request ---------------------------
with open(os.path.join(SITE, "_posts", "2025-03-01-hbm.md"), "w") as f:
    f.write("---\ntitle: HBM4 양산 소식\ntags: [HBM]\n---\n삼성전자가 HBM4 양산을 시작했다.\n")
r = subprocess.run([os.environ["NEWSIDX"], "add", "-q", os.path.join(SITE, "_posts")], capture_output=True)
check(r.returncode == 0, f"add while serving: {r.stderr!r}")
j = get_json("/search?q=HBM4")
check([hit["id"] for hit in j.get("hits", [])] == ["2025-03-01-hbm"], f"new post without restart: {j}")
check(get_json("/health").get("documents") == 5, "health sees the commit")
deadline = time.time() + 3
while time.time() < deadline:
    if any(s["text"] == "HBM" for s in get_json("/suggest?q=hbm").get("suggestions", [])):
        break
    time.sleep(0.1)
else:
    fail("/suggest did not pick up the new post's tag")

done()
