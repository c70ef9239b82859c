#!/usr/bin/env python3
"""Drives the search page in headless chromium over the DevTools protocol
(standard library only: a minimal WebSocket client) and checks what a user
sees after typing a Korean query with an IME.

search_page.py BASE_URL [--screenshot FILE]
Exit 0 when every check passes; failures are printed one per line.
"""
import base64, json, os, random, re, shutil, socket, struct, subprocess, sys, tempfile, time, urllib.request

BASE = sys.argv[1].rstrip("/")
SHOT = sys.argv[sys.argv.index("--screenshot") + 1] if "--screenshot" in sys.argv else None
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


class WebSocket:
    """RFC 6455 client: text frames, masked, no extensions."""

    def __init__(self, url):
        m = re.match(r"ws://([^/:]+):(\d+)(/.*)", url)
        self.sock = socket.create_connection((m.group(1), int(m.group(2))), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {m.group(3)} HTTP/1.1\r\nHost: {m.group(1)}:{m.group(2)}\r\n"
                           f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise RuntimeError("websocket handshake failed: " + head.decode(errors="replace"))

    def send(self, text):
        data = text.encode()
        hdr = bytes([0x81])
        n = len(data)
        if n < 126:
            hdr += bytes([0x80 | n])
        elif n < 65536:
            hdr += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            hdr += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        self.sock.sendall(hdr + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def _exact(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                raise RuntimeError("websocket closed")
            buf += chunk
        return buf

    def recv(self):
        message = b""
        while True:
            b0, b1 = self._exact(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._exact(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._exact(8))[0]
            payload = self._exact(n)
            message += payload
            if b0 & 0x80:
                return message.decode()


class Page:
    def __init__(self, ws_url):
        self.ws = WebSocket(ws_url)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        my = self.next_id
        self.ws.send(json.dumps({"id": my, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == my:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})

    def js(self, expr):
        r = self.call("Runtime.evaluate", expression=expr, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"{expr}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def wait(self, expr, seconds=10):
        end = time.time() + seconds
        while time.time() < end:
            if self.js(expr):
                return True
            time.sleep(0.05)
        return False


def main():
    chrome = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chrome:
        print("chromium is not installed (scripts/setup.sh installs it)", file=sys.stderr)
        return 1
    profile = tempfile.mkdtemp(prefix="newsidx-chrome-")
    proc = subprocess.Popen([chrome, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                             "--disable-extensions", "--remote-debugging-port=0", f"--user-data-dir={profile}",
                             "--window-size=1200,900", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        port = None
        end = time.time() + 30
        while port is None and time.time() < end:
            line = proc.stderr.readline()
            m = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line)
            if m:
                port = int(m.group(1))
        if port is None:
            print("chromium did not start", file=sys.stderr)
            return 1
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10))
        page = Page(next(t for t in targets if t["type"] == "page")["webSocketDebuggerUrl"])
        run(page)
    finally:
        proc.kill()
        proc.wait()
        shutil.rmtree(profile, ignore_errors=True)
    return 1 if failures else 0


def run(page):
    page.call("Page.enable")
    page.call("Page.navigate", url=BASE + "/")
    check(page.wait("document.readyState === 'complete' && !!document.getElementById('q')"), "page loads")
    # Count the API requests the page makes.
    page.js("window.__requests = []; const f = window.fetch;"
            "window.fetch = (u, o) => { window.__requests.push(String(u)); return f(u, o); }; true")
    page.js("document.getElementById('q').focus(); true")

    # Type 스타게이트 as a Korean IME does: each keystroke updates the composition.
    steps = ["ㅅ", "스", "슽", "스타", "스탁", "스타게", "스타겡", "스타게이", "스타게잍", "스타게이트"]
    for s in steps:
        page.call("Input.imeSetComposition", text=s, selectionStart=len(s), selectionEnd=len(s))
        time.sleep(0.06)
    time.sleep(0.5)  # longer than the page's debounce
    sent = page.js("window.__requests.length")
    check(sent == 0, f"no request during IME composition (saw {page.js('window.__requests')})")
    # Committing the composition (compositionend) searches.
    page.call("Input.insertText", text="스타게이트")
    ok = page.wait("document.querySelectorAll('#results li.hit').length > 0")
    check(ok, "results appear after typing 스타게이트")
    reqs = page.js("window.__requests")
    check(any(r.startswith("/search?") and "q=%EC%8A%A4%ED%83%80%EA%B2%8C%EC%9D%B4%ED%8A%B8" in r for r in reqs),
          f"a /search request for the committed query ({reqs})")
    hits = page.js("[...document.querySelectorAll('#results li.hit')].map(li => ({id: li.dataset.id,"
                   " title: li.querySelector('h2').textContent, marks: [...li.querySelectorAll('mark')]"
                   ".map(m => m.textContent), href: (li.querySelector('h2 a') || {}).href || ''}))") or []
    ids = [h["id"] for h in hits]
    check("2025-01-22-stargate" in ids, f"the Stargate post is listed ({ids})")
    check(all(any("스타게이트" in m for m in h["marks"]) for h in hits), f"every hit highlights 스타게이트 ({hits})")
    check(any(h["href"] == "https://blog.example/blog/ai/2025/01/22/stargate/" for h in hits),
          f"titles link to the Jekyll URL ({[h['href'] for h in hits]})")
    # The hostile title is shown as text, never as markup.
    check(page.js("!!document.querySelector('#results img, #results script')") is False, "no injected element")
    check(any(h["title"].startswith("<img src=x onerror=alert(1)>") for h in hits), "hostile title shown as text")
    status = page.js("document.getElementById('status').textContent")
    check("결과 3건" in status, f"status line ({status})")
    check(page.js("location.hash") == "#q=%EC%8A%A4%ED%83%80%EA%B2%8C%EC%9D%B4%ED%8A%B8", "query kept in the URL")

    # Facets: clicking a tag narrows the results.
    facet = page.js("[...document.querySelectorAll('#facets button')].map(b => b.firstChild.textContent)")
    if facet is not None and "OpenAI" in facet:
        page.js("[...document.querySelectorAll('#facets button')].find(b => b.firstChild.textContent === 'OpenAI').click(); true")
        check(page.wait("[...document.querySelectorAll('#results li.hit')].map(li => li.dataset.id).join() === '2025-02-04-openai-korea'"),
              "tag facet narrows to the OpenAI post")
        check("tag=OpenAI" in page.js("location.hash"), "filter kept in the URL")
        page.js("document.querySelector('#filters button').click(); true")
        check(page.wait("document.querySelectorAll('#results li.hit').length === 3"), "removing the filter restores the hits")
    else:
        check(False, f"tag facets shown ({facet})")

    # "비슷한 글" on a hit lists related posts, never the post itself.
    page.js("document.querySelector('#results li.hit[data-id=\"2025-01-22-stargate\"] button.similar').click(); true")
    check(page.wait("location.hash.includes('similar=2025-01-22-stargate') && "
                    "document.getElementById('status').textContent.includes('비슷한 글')"), "similar posts shown")
    sim = page.js("[...document.querySelectorAll('#results li.hit')].map(li => li.dataset.id)")
    check(bool(sim) and "2025-01-22-stargate" not in sim, f"similar list excludes the post itself ({sim})")

    # Suggestions: keyboard only (ArrowDown, Enter) picks a completion.
    page.js("{ const q = document.getElementById('q'); q.value = ''; q.focus(); q.dispatchEvent(new Event('input')); } true")
    page.call("Input.insertText", text="프로")
    check(page.wait("!document.getElementById('suggestions').hidden && "
                    "document.querySelector('#suggestions li').firstChild.textContent === '프로젝트'"),
          "suggestions for 프로 open with 프로젝트 first (%r)"
          % page.js("[...document.querySelectorAll('#suggestions li')].map(li => li.firstChild.textContent)"))
    for key, code in (("ArrowDown", 40), ("Enter", 13)):
        page.call("Input.dispatchKeyEvent", type="rawKeyDown", key=key, code=key, windowsVirtualKeyCode=code,
                  nativeVirtualKeyCode=code)
        page.call("Input.dispatchKeyEvent", type="keyUp", key=key, code=key, windowsVirtualKeyCode=code,
                  nativeVirtualKeyCode=code)
    check(page.wait("document.getElementById('q').value === '프로젝트' && "
                    "location.hash === '#q=' + encodeURIComponent('프로젝트')"),
          "Enter on a suggestion searches it (box: %r)" % page.js("document.getElementById('q').value"))

    if SHOT:
        page.js("{ const q = document.getElementById('q'); q.value = '스타게이트'; q.form.requestSubmit(); q.blur(); } true")
        page.wait("document.querySelectorAll('#results li.hit').length === 3")
        time.sleep(0.3)
        png = base64.b64decode(page.call("Page.captureScreenshot", format="png")["data"])
        with open(SHOT, "wb") as f:
            f.write(png)


if __name__ == "__main__":
    sys.exit(main())
