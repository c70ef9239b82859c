#!/usr/bin/env python3
"""The blog widget (/widget.js) in headless chromium, on pages served from
other origins than the newsidx server (run by widget.sh).

widget.py --api URL --blog URL --other URL --include FILE --pages BLOG_DIR OTHER_DIR [--screenshot FILE]
  --api      the newsidx server (started with --cors-origin BLOG)
  --blog     a static server's origin allowed by CORS; --other: one that is not
  --include  docs/jekyll/_includes/search.html, rendered here (its few Liquid
             forms) into the pages written to BLOG_DIR and OTHER_DIR
Exit 0 when every check passes; failures are printed one per line.
"""
import html, json, os, re, socket, sys, time, urllib.parse, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from devtools import shot, viewport, with_chromium  # noqa: E402


def arg(name, n=1):
    i = sys.argv.index(name)
    return sys.argv[i + 1] if n == 1 else sys.argv[i + 1:i + 1 + n]


API, BLOG, OTHER = arg("--api"), arg("--blog"), arg("--other")
BLOG_DIR, OTHER_DIR = arg("--pages", 2)
SHOT = arg("--screenshot") if "--screenshot" in sys.argv else None
failures = []
DOWN = ""


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def render_include(path, values):
    """The Liquid of search.html: a comment block and {{ name | default: "x" | escape }}."""
    src = open(path, encoding="utf-8").read()
    src = re.sub(r"\{%-? comment -?%\}.*?\{%-? endcomment -?%\}\n?", "", src, flags=re.S)

    def expr(m):
        parts = [p.strip() for p in m.group(1).split("|")]
        v = values.get(parts[0])
        for f in parts[1:]:
            name, _, a = f.partition(":")
            if name.strip() == "default":
                v = v if v else json.loads(a.strip())
            elif name.strip() == "escape":
                v = html.escape(v or "")
            else:
                raise ValueError("filter not handled: " + f)
        return v or ""

    out = re.sub(r"\{\{(.*?)\}\}", expr, src)
    check("{{" not in out and "{%" not in out, f"the include renders whole: {out!r}")
    return out


PAGE = """<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>테스트 블로그</title>
<style>
body {{ margin: 0; font-family: sans-serif; color: #222; background: #fbfaf6; }}
header {{ background: #1f2937; color: #fff; padding: 14px 24px; font-size: 18px; }}
main {{ max-width: 760px; margin: 0 auto; padding: 8px 20px 40px; }}
/* A theme's broad rules: they must not reach inside the widget. */
button {{ background: hotpink; }} li {{ color: rgb(255, 0, 0); }} mark {{ background: lime; }}
input {{ border: 5px dashed green; }}
</style></head>
<body><header><strong>테스트 블로그</strong> · 기술과 경제 소식</header>
<main><h1>블로그 검색</h1><p>제목, 본문, 태그에서 찾습니다. 초성(ㅅㅌㄱ)으로도 됩니다.</p>
{box}
<p>블로그 본문이 여기 이어집니다.</p></main></body></html>
"""


def write_pages():
    box = render_include(arg("--include"), {"site.newsidx_url": API, "include.limit": "3"})
    check(f'src="{API}/widget.js"' in box and 'data-limit="3"' in box, f"the include names the server ({box!r})")
    for d in (BLOG_DIR, OTHER_DIR):
        with open(os.path.join(d, "index.html"), "w", encoding="utf-8") as f:
            f.write(PAGE.format(box=box))
    # A page whose widget talks to a server that is not there (a port just freed).
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    global DOWN
    DOWN = f"http://127.0.0.1:{s.getsockname()[1]}/"
    s.close()
    down = box.replace('data-target="#newsidx-search"', f'data-target="#newsidx-search" data-server="{DOWN}"')
    with open(os.path.join(BLOG_DIR, "down.html"), "w", encoding="utf-8") as f:
        f.write(PAGE.format(box=down))


def http_checks():
    """The server's side: widget.js, and CORS for the blog's origin only."""
    r = urllib.request.urlopen(urllib.request.Request(API + "/widget.js", headers={"Origin": BLOG}), timeout=10)
    check(r.headers.get("Content-Type") == "text/javascript; charset=utf-8", f"widget.js type {r.headers}")
    etag = r.headers.get("ETag") or ""
    check(re.fullmatch(r'"[0-9a-f]{16}"', etag) is not None, f"widget.js ETag ({etag!r})")
    try:
        urllib.request.urlopen(urllib.request.Request(API + "/widget.js", headers={"If-None-Match": etag}), timeout=10)
        check(False, "If-None-Match with the ETag: 304")
    except urllib.error.HTTPError as e:
        check(e.code == 304, f"If-None-Match with the ETag: {e.code}")
    for origin, allowed in ((BLOG, True), (OTHER, False)):
        r = urllib.request.urlopen(urllib.request.Request(API + "/search?q=a", headers={"Origin": origin}), timeout=10)
        got = r.headers.get("Access-Control-Allow-Origin")
        check(got == (origin if allowed else None), f"Access-Control-Allow-Origin for {origin}: {got!r}")
        check(r.headers.get("Vary") == "Origin", f"Vary for {origin}")


R = "document.getElementById('newsidx-search').shadowRoot"
HITS = f"[...{R}.querySelectorAll('li.hit')]"
HIT_IDS = HITS + ".map(li => li.dataset.id).join()"
STATUS = f"{R}.querySelector('.status').textContent"
VISIBLE = "(e => !!e && e.getClientRects().length > 0)"


def open_page(page, url):
    page.call("Page.navigate", url="about:blank")
    page.wait("location.href === 'about:blank'")
    page.call("Page.navigate", url=url)
    return page.wait(f"document.readyState === 'complete' && !!document.getElementById('newsidx-search') && "
                     f"!!{R} && !!{R}.querySelector('input')")


def type_query(page, text):
    """Replaces the box's text as a paste would (one input event)."""
    page.js(f"{{ const i = {R}.querySelector('input'); i.value = ''; i.focus(); }} true")
    page.call("Input.insertText", text=text)


def submit(page, text):
    page.js(f"{{ const i = {R}.querySelector('input'); i.value = {json.dumps(text)}; "
            f"i.form.requestSubmit(); i.blur(); }} true")


def key(page, name, code):
    for t in ("rawKeyDown", "keyUp"):
        page.call("Input.dispatchKeyEvent", type=t, key=name, code=name, windowsVirtualKeyCode=code,
                  nativeVirtualKeyCode=code)


def run(page):
    viewport(page, 1280, 900, False)
    page.call("Page.enable")
    check(open_page(page, BLOG + "/"), "the blog page loads the widget from the newsidx server")
    check(page.js(f"{R}.querySelector('input').getAttribute('role')") == "combobox", "the box is a combobox")
    check(page.js(f"{R}.querySelector('.status').getAttribute('aria-live')") == "polite", "the count is aria-live")
    check(page.wait(f"{R}.querySelector('input').placeholder.includes('스타게이트')"),
          "placeholder from /health's sample (%r)" % page.js(f"{R}.querySelector('input').placeholder"))
    # The widget's requests (it calls the page's fetch).
    page.js("window.__requests = []; const f = window.fetch;"
            "window.fetch = (u, o) => { window.__requests.push(String(u)); return f(u, o); }; true")
    page.js(f"{R}.querySelector('input').focus(); true")

    # 스타게이트 typed through an IME: nothing is sent while composing.
    for s in ["ㅅ", "스", "슽", "스타", "스탁", "스타게", "스타겡", "스타게이", "스타게잍", "스타게이트"]:
        page.call("Input.imeSetComposition", text=s, selectionStart=len(s), selectionEnd=len(s))
        time.sleep(0.06)
    time.sleep(0.5)  # longer than the debounce
    check(page.js("window.__requests.length") == 0, f"no request during composition ({page.js('window.__requests')})")
    page.call("Input.insertText", text="스타게이트")
    check(page.wait(HITS + ".length === 3"), "three hits (data-limit=3) after typing 스타게이트 (%r)" % page.js(STATUS))
    reqs = page.js("window.__requests") or []
    check(any(r.startswith(API + "/search?") and "q=%EC%8A%A4%ED%83%80%EA%B2%8C%EC%9D%B4%ED%8A%B8" in r for r in reqs),
          f"a /search request to the newsidx server for the committed query ({reqs})")
    check("결과 4건" in (page.js(STATUS) or ""), f"the count ({page.js(STATUS)!r})")
    hits = page.js(HITS + ".map(li => ({id: li.dataset.id, title: li.querySelector('a, strong').textContent,"
                   " marks: [...li.querySelectorAll('mark')].map(m => m.textContent),"
                   " href: (li.querySelector(':scope > a') || {}).href || '', lang: li.getAttribute('lang'),"
                   " date: (li.querySelector('time') || {}).textContent || ''}))") or []
    ids = [h["id"] for h in hits]
    check("2025-01-22-stargate" in ids, f"the Stargate post is listed ({ids})")
    check(all(any("스타게이트" in m for m in h["marks"]) for h in hits), f"every hit marks 스타게이트 ({hits})")
    check(any(h["href"] == BLOG + "/blog/ai/2025/01/22/stargate/" for h in hits),
          f"titles link to the post on the blog's origin ({[h['href'] for h in hits]})")
    check(all(h["href"].startswith(BLOG + "/blog/") for h in hits), "every link is absolute, on the blog")
    check(all(h["lang"] == "ko" for h in hits), f"lang=ko on Korean hits ({hits})")
    check(any(h["date"] == "2025-01-22" for h in hits), "dates shown")
    check(page.js(f"!!{R}.querySelector('li.hit img, li.hit script')") is False, "no element injected by a title")
    more = f"{R}.querySelector('button.more')"
    check(page.js(VISIBLE + f"({more})") and page.js(f"{more}.textContent") == "더 보기 (3/4)",
          "a 더 보기 button (%r)" % page.js(f"{more}.textContent"))
    # The theme's CSS stays outside.
    styles = page.js(f"(() => {{ const r = {R}; return [getComputedStyle(r.querySelector('li.hit')).color,"
                     " getComputedStyle(r.querySelector('mark')).backgroundColor,"
                     " getComputedStyle(r.querySelector('form button')).backgroundColor,"
                     " getComputedStyle(r.querySelector('input')).borderTopStyle]; })()")
    check(styles[0] != "rgb(255, 0, 0)" and styles[1] != "rgb(0, 255, 0)" and styles[2] != "rgb(255, 105, 180)"
          and styles[3] != "dashed", f"the page's CSS does not reach the widget ({styles})")
    page.js(f"{more}.click(); true")
    check(page.wait(HITS + ".length === 4 && !" + VISIBLE + f"({more})"), "더 보기 adds the fourth hit")
    hostile = [t for t in page.js(HITS + ".map(li => li.querySelector(':scope > a').textContent)") if "<img" in t]
    check(bool(hostile) and hostile[0].startswith("<img src=x onerror=alert(1)>"), f"hostile title as text ({hostile})")
    check(page.js(f"!!{R}.querySelector('img, script') || !!document.querySelector('main img')") is False,
          "no injected element anywhere")

    # Facets: a tag narrows, its chip removes the filter.
    facet = f"[...{R}.querySelectorAll('.facets button')]"
    labels = page.js(facet + ".map(b => b.firstChild.textContent)") or []
    check("#OpenAI" in labels and "AI" in labels, f"tag and category facets ({labels})")
    page.js(facet + ".find(b => b.firstChild.textContent === '#OpenAI').click(); true")
    check(page.wait(HIT_IDS + " === '2025-02-04-openai-korea'"), "the OpenAI facet narrows (%r)" % page.js(HIT_IDS))
    check(page.js(facet + ".find(b => b.firstChild.textContent === '#OpenAI').getAttribute('aria-pressed')") == "true",
          "the facet is pressed")
    check(page.js(f"{R}.querySelector('.filters button').textContent") == "#OpenAI ×", "a chip for the filter")
    page.js(f"{R}.querySelector('.filters button').click(); true")
    check(page.wait(HITS + ".length === 3 && !" + f"{R}.querySelector('.filters button')"), "the chip removes it")

    # Suggestions from 초성: ㅅㅌ offers 스타게이트; ArrowDown and Enter search it.
    type_query(page, "ㅅㅌ")
    opts = f"[...{R}.querySelectorAll('[role=option]')]"
    check(page.wait(f"!{R}.querySelector('[role=listbox]').hidden && {opts}.length > 0"), "suggestions open for ㅅㅌ")
    got = page.js(opts + ".map(o => o.firstChild.textContent)") or []
    check(bool(got) and got[0] == "스타게이트", f"ㅅㅌ suggests 스타게이트 first ({got})")
    check(page.js(f"{R}.querySelector('input').getAttribute('aria-expanded')") == "true", "aria-expanded")
    key(page, "ArrowDown", 40)
    check(page.js(f"{R}.querySelector('input').getAttribute('aria-activedescendant')") == "nx-opt-0" and
          page.js(opts + "[0].getAttribute('aria-selected')") == "true", "ArrowDown selects the first suggestion")
    if SHOT:
        shot(page, SHOT.replace(".png", "-suggest.png"))
    key(page, "Enter", 13)
    check(page.wait(f"{R}.querySelector('input').value === '스타게이트' && {R}.querySelector('[role=listbox]').hidden && "
                    + HITS + ".length === 3"), "Enter searches the suggestion (%r)" % page.js(f"{R}.querySelector('input').value"))
    type_query(page, "프로")
    check(page.wait(f"{opts}.length > 0"), "suggestions for 프로")
    key(page, "Escape", 27)
    check(page.wait(f"{R}.querySelector('[role=listbox]').hidden"), "Escape closes the suggestions")

    if SHOT:
        submit(page, "스타게이트")
        page.wait(HITS + ".length === 3")
        time.sleep(0.3)
        shot(page, SHOT.replace(".png", "-desktop.png"))

    # Zero results: help (tips, the 초성 example), and the server's correction if any.
    submit(page, "없는낱말쿼크")
    empty = f"{R}.querySelector('.empty')"
    check(page.wait(VISIBLE + f"({empty}) && {HITS}.length === 0"), "zero results show the help")
    check("결과가 없습니다" in (page.js(STATUS) or ""), f"zero-results count ({page.js(STATUS)!r})")
    tips = page.js(f"[...{empty}.querySelectorAll('.tips li')].map(li => li.textContent)") or []
    check(len(tips) >= 3 and any("스타게이트 → ㅅㅌㄱㅇㅌ" in t for t in tips), f"tips with the 초성 example ({tips})")
    # The blog's frequent tags, with their counts; one click searches the tag.
    top = f"[...{empty}.querySelectorAll('.top-tags button')]"
    check(page.wait(f"{top}.length > 0"), "zero results list the blog's frequent tags")
    labels = page.js(top + ".map(b => b.textContent)") or []
    check(bool(labels) and labels[0] == "#스타게이트 2", f"the most frequent tag first, with its count ({labels})")
    page.js(top + "[0].click(); true")
    check(page.wait(HITS + ".length === 2 && " + f"{R}.querySelector('.filters button').textContent === '#스타게이트 ×'"),
          "a frequent tag searches it (%r)" % page.js(HIT_IDS))
    page.js(f"{R}.querySelector('.filters button').click(); true")
    check(page.wait(f"!{R}.querySelector('.filters button')"), "its chip removes the tag again")
    typo = "스타게이투"
    api = json.load(urllib.request.urlopen(API + "/search?n=1&q=" + urllib.parse.quote(typo), timeout=10))
    submit(page, typo)
    page.wait(f"!{STATUS}.includes('검색 중')")
    fix = api.get("did_you_mean") or api.get("search_instead")
    total = api.get("estimated_total", 0) + api.get("partial_match_total", 0)
    if fix and total == 0:
        check(page.wait(f"[...{empty}.querySelectorAll('.fix button')].map(b => b.textContent).join() === {json.dumps(fix)}"),
              f"the correction {fix!r} offered on zero results")
    elif fix:
        check(page.wait(f"{R}.querySelector('.notes').textContent.includes({json.dumps(fix)})"),
              "the correction %r in the notes (%r)" % (fix, page.js(R + ".querySelector('.notes').textContent")))
        if api.get("search_instead"):  # autocorrected: its button searches the words as typed
            page.js("window.__requests = []; true")
            page.js(f"{R}.querySelector('.notes button').click(); true")
            check(page.wait("window.__requests.some(r => r.includes('autocorrect=0'))"),
                  f"'search instead' asks autocorrect=0 ({page.js('window.__requests')})")
    else:
        print(f"note: the server has no correction of {typo}", file=sys.stderr)

    sections(page)
    phone(page)
    refused(page)


def sections(page):
    """A digest post's item about both words is listed under its hit, linked to the heading's anchor on the blog."""
    submit(page, "개인정보 유출")
    check(page.wait(f"{R}.querySelectorAll('li.hit .sections li').length > 0"),
          "a hit with sections (%r)" % page.js(STATUS))
    got = page.js(HITS + ".map(li => ({id: li.dataset.id, href: (li.querySelector(':scope > a') || {}).href || '',"
                  " sections: [...li.querySelectorAll('.sections li')].map(s => ({heading: s.querySelector('a').textContent,"
                  " href: s.querySelector('a').href, marks: [...s.querySelectorAll('mark')].map(m => m.textContent)}))}))") or []
    check(bool(got) and got[0]["id"].endswith("digest"), f"the digest post first ({got})")
    secs = got[0]["sections"] if got else []
    check(len(secs) == 1 and "1. 회원 개인정보 유출" in secs[0]["heading"], f"its section about both words ({secs})")
    anchor = "#" + urllib.parse.quote("1-회원-개인정보-유출")
    check(bool(secs) and secs[0]["href"] == got[0]["href"] + anchor,
          f"the section links to the heading's anchor on the blog ({secs}, hit {got[0]['href'] if got else ''})")
    check(bool(secs) and {"개인정보가", "유출됐다"} <= set(secs[0]["marks"]), f"its passage marks the words ({secs})")


def phone(page):
    """A 390x844 phone: nothing wider than the screen."""
    viewport(page, 390, 844, True)
    check(open_page(page, BLOG + "/"), "phone: the page loads")
    submit(page, "스타게이트")
    check(page.wait(HITS + ".length === 3"), "phone: results")
    width = page.js("document.documentElement.scrollWidth")
    check(width <= 390, f"phone: no horizontal scrolling ({width}px)")
    right = page.js(f"Math.max(...[{R}.querySelector('form'), ...{R}.querySelectorAll('li.hit, .facets button')]"
                    ".map(e => e.getBoundingClientRect().right))")
    check(right <= 390, f"phone: the box, hits and facets fit ({right})")
    if SHOT:
        time.sleep(0.3)
        shot(page, SHOT.replace(".png", "-phone.png"))
    viewport(page, 1280, 900, False)


def refused(page):
    """Another origin: the answer is kept from the page; the widget says why. A server that is down: that."""
    check(open_page(page, OTHER + "/"), "a page of another origin loads the widget")
    submit(page, "스타게이트")
    error = f"{R}.querySelector('.status.error')"
    check(page.wait(f"!!{error}"), "another origin: an error (%r)" % page.js(STATUS))
    msg = page.js(STATUS) or ""
    check("허용하지 않습니다" in msg and OTHER in msg and "--cors-origin" in msg, f"the CORS error names the origin ({msg!r})")
    check(page.js(HITS + ".length") == 0, "another origin: no results")
    if SHOT:
        shot(page, SHOT.replace(".png", "-refused.png"))
    check(open_page(page, BLOG + "/down.html"), "a page with data-server")
    submit(page, "스타게이트")
    check(page.wait(f"!!{error}"), "server down: an error (%r)" % page.js(STATUS))
    msg = page.js(STATUS) or ""
    check("연결할 수 없습니다" in msg and DOWN in msg, f"the error names the server ({msg!r})")
    check(page.js(HITS + ".length") == 0, "server down: no results")


def main():
    write_pages()
    http_checks()
    return with_chromium(run) or (1 if failures else 0)


if __name__ == "__main__":
    sys.exit(main())
