#!/usr/bin/env python3
"""HTTP details of `newsidx serve` (run by serve_http.sh).
  serve_http.py PORT SITE DB             a server with the default options
  serve_http.py --options PORT SITE DB   one with --allow-host blog.local
                                         --allow-host Search.Example --expose-paths
Prints FAIL lines on stderr; exit 1 if any."""
import json, os, socket, sys, urllib.parse

OPTIONS = sys.argv[1] == "--options"
args = sys.argv[2:] if OPTIONS else sys.argv[1:]
PORT, SITE, DB = int(args[0]), os.path.realpath(args[1]), os.path.realpath(args[2])
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, done, fail  # noqa: E402


def raw(request: bytes, timeout=10):
    """One request on its own connection; (status, headers, body)."""
    s = socket.create_connection(("127.0.0.1", PORT), timeout=timeout)
    s.sendall(request)
    data = b""
    while True:
        try:
            chunk = s.recv(65536)
        except OSError:
            break
        if not chunk:
            break
        data += chunk
    s.close()
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    if not lines[0].startswith("HTTP/"):
        return None, {}, data
    hdrs = {l.partition(":")[0].strip().lower(): l.partition(":")[2].strip() for l in lines[1:]}
    return int(lines[0].split(" ")[1]), hdrs, body


def get(target, host="127.0.0.1", extra=""):
    req = f"GET {target} HTTP/1.1\r\n" + (f"Host: {host}\r\n" if host is not None else "") + extra + "Connection: close\r\n\r\n"
    return raw(req.encode("utf-8", "surrogateescape"))


def get_json(target, status=200, **kw):
    s, h, b = get(target, **kw)
    check(s == status, f"{target[:90]}: status {s}, expected {status} ({b[:200]!r})")
    try:
        j = json.loads(b)
    except ValueError:
        fail(f"{target[:90]}: not JSON: {b[:200]!r}")
        return {}
    if status >= 400:
        check(j.get("status") == status and isinstance(j.get("error"), str) and j["error"], f"{target[:90]}: {j}")
    return j


def error(status, target, words, **kw):
    j = get_json(target, status, **kw)
    check(words in j.get("error", ""), f"{target[:90]}: error {j.get('error')!r} lacks {words!r}")
    return j


q = lambda s: urllib.parse.quote(s, safe="")
STAR = q("스타게이트")
SEARCH = f"/search?q={STAR}&n=5"

if OPTIONS:
    # --allow-host names (any case, any port), loopback still; others refused.
    for host in ("blog.local", "blog.local:8080", "BLOG.LOCAL", "search.example:80", "localhost", "127.0.0.1:1"):
        get_json(SEARCH, host=host)
    error(421, SEARCH, "not served here", host="evil.example")
    # --expose-paths: each hit's file path is there again.
    j = get_json(SEARCH)
    paths = [h.get("path") for h in j.get("hits", [])]
    check(len(paths) == 3 and all(p and p.startswith(SITE + "/_posts/") for p in paths), f"--expose-paths: {paths}")
    done()

# --- (a) Host: loopback names only, with or without a port --------------------------------
for host in ("127.0.0.1", f"127.0.0.1:{PORT}", "localhost", f"localhost:{PORT}", "LocalHost", "[::1]", f"[::1]:{PORT}"):
    get_json("/health", host=host)
get_json("/health", host=None)  # no Host at all (HTTP/1.0 clients): no browser sends that
for host in ("evil.example", f"evil.example:{PORT}", "127.0.0.1.evil.example", "localhost.evil.example:80",
             "blog.local", "[::2]", "localhost:abc", "localhost:"):
    error(421, "/health", "not served here", host=host)
error(421, SEARCH, "evil.example", host="evil.example")
s, h, b = get("/", host="evil.example")
check(s == 421 and b"<html" not in b.lower(), f"page for a foreign Host: {s}")
error(400, "/health", "Host: given more than once", extra="Host: localhost\r\n")

# --- (b) no server paths over HTTP -----------------------------------------------------------------
for target in (SEARCH, "/similar?id=2025-01-22-stargate&n=5", f"/search?q={STAR}&facets=1&n=100"):
    s, h, b = get(target)
    check(s == 200, f"{target}: {s}")
    j = json.loads(b) if s == 200 else {}
    check(j.get("hits") and all("path" not in hit for hit in j["hits"]), f"{target}: hits carry path")
    for secret in (SITE, DB, os.path.dirname(DB)):
        check(secret.encode() not in b, f"{target}: answer holds the server path {secret}")
    check(set(j.get("hits", [{}])[0].keys()) == {"rank", "score", "id", "title", "subtitle", "date", "url", "author", "tags",
                                                  "categories", "lang", "translations", "snippet", "sections", "title_marked", "explain",
                                                  "partial_match"},
          f"{target}: hit fields {j.get('hits', [{}])[0].keys()}")
# "search instead" (web/app.js): autocorrect=0 searches the query as typed.
j = get_json("/search?q=tmxkrpdlxm&n=5")
check(j.get("query") == "스타게이트" and j.get("search_instead") == "tmxkrpdlxm" and j.get("hits"), f"layout fix: {j}")
j = get_json("/search?q=tmxkrpdlxm&n=5&autocorrect=0")
check(j.get("query") == "tmxkrpdlxm" and not j.get("search_instead") and not j.get("hits"), f"autocorrect=0: {j}")
j = error(404, "/similar?id=no-such-post", "no post with id 'no-such-post'")
check(DB not in json.dumps(j) and os.path.dirname(DB) not in j.get("error", ""), f"/similar 404 names the folder: {j}")
for target in ("/similar?id=no-such-post&until=2025-13", "/search?q=a&since=2025-02-30"):
    s, h, b = get(target)
    check(s == 400 and DB.encode() not in b, f"{target}: {s} {b[:200]!r}")

# --- (c) /similar?id= empty ------------------------------------------------------------------------
error(400, "/similar?id=", "id: empty")
error(400, "/similar?id=&n=3", "id: empty")

# --- (d) a NUL byte does not cut a message short ----------------------------------------------------------
error(400, "/search?q=a&n=1%002", "got '1\\x002'")
error(400, "/search?q=a&sort=da%00te", "got 'da\\x00te'")
error(400, "/search?q=a&fac%00ets=1", "unknown parameter 'fac\\x00ets' (this endpoint takes:")
error(404, "/similar?id=a%00b", "no post with id 'a\\x00b'")
error(400, "/search?q=a&n=%FF", "got '\\xFF'")

# --- (e) every repeated single-valued parameter is refused alike -------------------------------------
for target, name in (("/search?q=a&n=5&n=5", "n"), ("/search?q=a&q=a", "q"), ("/search?q=a&q=b", "q"),
                     ("/search?q=a&offset=1&offset=1", "offset"), ("/search?q=a&sort=date&sort=date", "sort"),
                     ("/search?q=a&facets=1&facets=1", "facets"), ("/search?q=a&since=2025&since=2025", "since"),
                     ("/search?q=a&autocorrect=0&autocorrect=0", "autocorrect"), ("/suggest?q=a&n=3&n=3", "n"),
                     ("/suggest?q=a&q=a", "q"), ("/similar?id=x&id=x", "id"), ("/similar?id=x&n=2&n=2", "n")):
    error(400, target, f"{name}: given more than once")
j = get_json(f"/search?q={STAR}&tag=AI&tag=AI")  # repeatable ones stay repeatable
check([h["id"] for h in j.get("hits", [])] == ["2025-01-22-stargate"], f"tag twice: {j.get('hits')}")

# --- (f) the query limit is 4,096 bytes decoded, also in Korean -----------------------------------------
under = "가" * 1365  # 4,095 bytes; 12,285 characters percent-encoded
over = "가" * 1366   # 4,098 bytes
j = get_json(f"/search?q={q(under)}&n=1")
check("hits" in j, f"4,095-byte Korean q: {str(j)[:200]}")
get_json(f"/search?q={q(under)}&n=1&tag=AI&category=AI&since=2020&until=2030&sort=date&facets=1")
get_json(f"/search?q={'a' * 4096}&n=1")
error(400, f"/search?q={q(over)}", "q: longer than 4096 bytes (4098)")
error(400, f"/search?q={'a' * 4097}", "q: longer than 4096 bytes (4097)")
error(414, f"/search?q={q('가' * 2000)}", "request line longer than 16384 bytes")
s, h, b = get(f"/search?q={q('가' * 2000)}")
check(h.get("connection") == "close", f"414 closes: {h}")
error(431, "/health", "request headers longer than", extra="".join(f"X-Pad-{i}: {'p' * 1000}\r\n" for i in range(40)))
get_json("/health", extra="".join(f"X-Pad-{i}: {'p' * 1000}\r\n" for i in range(8)))

done()
