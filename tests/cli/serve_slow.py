#!/usr/bin/env python3
"""Slow and many clients against `newsidx serve --threads 2` (run by
serve_slow.sh). Standard library only; every wait is bounded.
  serve_slow.py PORT SERVER_PID
Prints figures on stdout, FAIL lines on stderr; exit 1 if any."""
import json, os, select, signal, socket, sys, threading, time, urllib.parse

PORT, SPID = int(sys.argv[1]), int(sys.argv[2])
TRICKLE_S = int(os.environ.get("SLOW_TRICKLE_SECONDS", "30"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, done, fail  # noqa: E402


def read_responses(sock, want, timeout):
    """Reads up to `want` HTTP responses (Content-Length bodies) or until EOF."""
    sock.settimeout(timeout)
    data, out = b"", []
    deadline = time.time() + timeout
    while len(out) < want and time.time() < deadline:
        while True:  # parse what we have
            head_end = data.find(b"\r\n\r\n")
            if head_end < 0:
                break
            head = data[:head_end].decode("latin-1")
            length = 0
            for line in head.split("\r\n")[1:]:
                k, _, v = line.partition(":")
                if k.strip().lower() == "content-length":
                    length = int(v.strip())
            if len(data) < head_end + 4 + length:
                break
            status = int(head.split(" ")[1])
            headers = {l.partition(":")[0].strip().lower(): l.partition(":")[2].strip() for l in head.split("\r\n")[1:]}
            out.append((status, headers, data[head_end + 4:head_end + 4 + length]))
            data = data[head_end + 4 + length:]
        if len(out) >= want:
            break
        try:
            chunk = sock.recv(65536)
        except (socket.timeout, OSError):
            break
        if not chunk:
            break
        data += chunk
    return out


def get(target, timeout=20):
    s = socket.create_connection(("127.0.0.1", PORT), timeout=timeout)
    s.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
    r = read_responses(s, 1, timeout)
    s.close()
    return r[0] if r else (None, {}, b"")


STAR = urllib.parse.quote("스타게이트")
status, _, body = get(f"/search?q={STAR}&n=5")
check(status == 200, f"baseline search: {status}")
want_ids = [h["id"] for h in json.loads(body).get("hits", [])] if status == 200 else []

# --- 1. trickling clients must not stop the server -------------------------------------
# Each sends a request line, then one header byte a second, for TRICKLE_S
# seconds. With 2 workers and 3 tricklers, the old server held both workers
# for the whole trickle.
cut = {}  # trickler -> (seconds until the server cut it off, status or None)


def trickle(i):
    s = socket.create_connection(("127.0.0.1", PORT), timeout=5)
    t0 = time.time()
    s.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    for _ in range(TRICKLE_S):
        r, _, _ = select.select([s], [], [], 1.0)
        if r:  # an answer or EOF: cut off
            got = read_responses(s, 1, 2)
            cut[i] = (time.time() - t0, got[0][0] if got else None)
            break
        try:
            s.send(b"x")
        except OSError:
            cut[i] = (time.time() - t0, None)
            break
    s.close()


tricklers = [threading.Thread(target=trickle, args=(i,)) for i in range(3)]
[t.start() for t in tricklers]
time.sleep(1.0)  # the tricklers now hold the workers
t0 = time.time()
status, _, body = get(f"/search?q={STAR}&n=5", timeout=TRICKLE_S + 5)
normal_s = time.time() - t0
[t.join() for t in tricklers]
print(f"search during the trickle answered {status} in {normal_s:.1f} s (trickle {TRICKLE_S} s); "
      f"tricklers cut after " + ", ".join(f"{c[0]:.1f} s ({c[1]})" for c in cut.values()))
check(status == 200, f"search during the trickle: status {status}")
check(status != 200 or [h["id"] for h in json.loads(body).get("hits", [])] == want_ids, "same hits during the trickle")
check(normal_s < min(12, TRICKLE_S * 0.4), f"search during the trickle took {normal_s:.1f} s (must be < 12 s)")
check(len(cut) == 3, f"only {len(cut)} of 3 tricklers were cut off before their {TRICKLE_S} s ended")
for i, (after, st) in cut.items():
    check(after < TRICKLE_S * 0.6, f"trickler {i} cut only after {after:.1f} s")
    check(st in (408, None), f"trickler {i} got status {st}, expected 408 or a close")
check(any(st == 408 for _, st in cut.values()), f"no trickler got a 408: {cut}")

# --- 2. 50 simultaneous connects: the listen backlog ---------------------------------------
# The server is stopped (SIGSTOP) so it accepts nothing: the kernel completes
# handshakes only up to the listen backlog (httplib's 5: 6 connections).
os.kill(SPID, signal.SIGSTOP)
try:
    socks = []
    for _ in range(50):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(False)
        s.connect_ex(("127.0.0.1", PORT))
        socks.append(s)
    pending, connected = set(socks), 0
    deadline = time.time() + 3
    while pending and time.time() < deadline:
        _, w, _ = select.select([], list(pending), [], 0.2)
        for s in w:
            if s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0:
                connected += 1
            pending.discard(s)
finally:
    os.kill(SPID, signal.SIGCONT)
print(f"50 connects while the server accepted nothing: {connected} established within 3 s")
check(connected == 50, f"only {connected} of 50 simultaneous connects established (listen backlog too small)")
for s in socks:
    s.setblocking(True)
    try:
        s.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    except OSError:
        pass
t0 = time.time()
answered = [r[0][0] if r else None for r in (read_responses(s, 1, 20) for s in socks)]
[s.close() for s in socks]
print(f"... {answered.count(200)} of 50 answered 200 in {time.time() - t0:.1f} s")
check(answered == [200] * 50, f"50 simultaneous requests: {answered}")

# --- 3. pipelined requests are answered in order ----------------------------------------------
s = socket.create_connection(("127.0.0.1", PORT), timeout=10)
s.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
          b"GET /search?q=" + STAR.encode() + b"&n=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
          b"GET /nope HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
got = read_responses(s, 3, 10)
s.close()
check([g[0] for g in got] == [200, 200, 404], f"three pipelined requests: {[g[0] for g in got]}")
if len(got) == 3:
    check(b'"documents"' in got[0][2] and json.loads(got[1][2]).get("hits", [{}])[0].get("id") == want_ids[0]
          and b"no such endpoint" in got[2][2], "pipelined answers in order")
    check(got[2][1].get("connection") == "close", "last pipelined answer closes")

# --- 4. a request body the API does not read closes the connection ------------------------------
s = socket.create_connection(("127.0.0.1", PORT), timeout=10)
s.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nGET /x"
          b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
got = read_responses(s, 2, 5)
s.close()
check([g[0] for g in got] == [200] and got[0][1].get("connection") == "close",
      f"GET with a body: {[(g[0], g[1].get('connection')) for g in got]}")

# --- 5. the server still answers -------------------------------------------------------------
check(get("/health")[0] == 200, "health after the slow clients")
done()
