#!/usr/bin/env python3
"""`newsidx serve` while `newsidx rebalance` changes the folder's layout
(run by serve_rebalance.sh; needs $NEWSIDX).
  serve_rebalance.py PORT DB
Prints figures on stdout, FAIL lines on stderr; exit 1 if any."""
import http.client, json, os, subprocess, sys, time, urllib.parse

PORT, DB = int(sys.argv[1]), sys.argv[2]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, done, fail  # noqa: E402


def get(target):
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=20)
    c.request("GET", target)
    r = c.getresponse()
    body = r.read()
    c.close()
    try:
        return r.status, json.loads(body)
    except ValueError:
        return r.status, {"raw": body[:300]}


STAR = urllib.parse.quote("스타게이트")
TARGETS = [f"/search?q={STAR}&n=10", f"/search?q={STAR}&facets=1&sort=date", "/similar?id=2025-01-22-stargate&n=5",
           f"/suggest?q={urllib.parse.quote('스타')}"]


def answers():
    out = {}
    for t in TARGETS:
        s, j = get(t)
        if t.startswith("/suggest"):
            out[t] = (s, [x["text"] for x in j.get("suggestions", [])])
        else:
            out[t] = (s, [(h["id"], round(h["score"], 6)) for h in j.get("hits", [])], j.get("facets"))
    return out


before = answers()
check(all(v[0] == 200 for v in before.values()), f"before: {before}")
check(len(before[TARGETS[0]][1]) == 3, f"three hits before: {before[TARGETS[0]]}")
s, h = get("/health")
check(s == 200 and h.get("documents") == 4, f"health before: {s} {h}")

for shards in (2, 1, 2, 1):
    r = subprocess.run([os.environ["NEWSIDX"], "--db", DB, "rebalance", "--shards", str(shards)], capture_output=True)
    check(r.returncode == 0, f"rebalance --shards {shards}: {r.returncode} {r.stderr!r}")
    check(os.path.exists(os.path.join(DB, "XAPIANDB")) == (shards > 1), f"layout after rebalance --shards {shards}")
    # Past the Suggester's 250 ms between checks of the index, so that
    # /suggest really reads the new layout.
    time.sleep(0.3)
    # Bounded: 20 tries 0.1 s apart; the fixed server answers the first.
    tries, after, health_lied = 0, None, 0
    for tries in range(1, 21):
        after = answers()
        if all(v[0] == 200 for v in after.values()):
            break
        print(f"  try {tries}: " + ", ".join(f"{t.split('?')[0]} {v[0]}" for t, v in after.items()))
        health_lied += get("/health")[0] == 200
        time.sleep(0.1)
    check(not health_lied, f"/health said ok {health_lied} times while searches failed after --shards {shards}")
    print(f"rebalance --shards {shards}: all endpoints 200 after {tries} tries")
    for t in TARGETS:
        check(after[t][0] == 200, f"{t} after rebalance --shards {shards}: {after[t]}")
        check(after[t] == before[t], f"{t} differs after rebalance --shards {shards}:\n  {after[t]}\n  {before[t]}")
    s, h = get("/health")
    check(s == 200 and h.get("status") == "ok" and h.get("documents") == 4,
          f"health after rebalance --shards {shards}: {s} {h}")

done()
