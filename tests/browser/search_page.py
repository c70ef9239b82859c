#!/usr/bin/env python3
"""Drives the search page in headless chromium over the DevTools protocol
(standard library only: a minimal WebSocket client) and checks what a user
sees after typing a Korean query with an IME.

search_page.py BASE_URL [--screenshot FILE]
Exit 0 when every check passes; failures are printed one per line.
"""
import json, os, re, sys, time, urllib.parse, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from devtools import shot, viewport, with_chromium  # noqa: E402

BASE = sys.argv[1].rstrip("/")
SHOT = sys.argv[sys.argv.index("--screenshot") + 1] if "--screenshot" in sys.argv else None
PREVIEW = sys.argv[sys.argv.index("--preview-base") + 1].rstrip("/") if "--preview-base" in sys.argv else None
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def main():
    return with_chromium(run) or (1 if failures else 0)


def open_url(page, url, ready):
    """A fresh load of url (as a bookmark or a link opens it), then waits for ready."""
    page.call("Page.navigate", url="about:blank")
    page.wait("location.href === 'about:blank'")
    page.call("Page.navigate", url=url)
    return page.wait("document.readyState === 'complete' && !!document.getElementById('q') && (" + ready + ")")


HIT_IDS = "[...document.querySelectorAll('#results li.hit')].map(li => li.dataset.id).join()"
VISIBLE = "(e => !!e && e.getClientRects().length > 0)"


def run(page):
    viewport(page, 1280, 900, False)
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
    # A reload keeps the list and, from the history entry, the post's title.
    page.js("window.__old = true")
    page.call("Page.reload")
    check(page.wait("!window.__old && document.querySelectorAll('#results li.hit').length > 0 && "
                    "document.getElementById('status').textContent.includes('\"스타게이트 프로젝트 발표\"와 비슷한 글')"),
          "reload keeps the similar list with its title (%r)" % page.js("document.getElementById('status').textContent"))
    page.js("window.__requests = []; const f = window.fetch;"
            "window.fetch = (u, o) => { window.__requests.push(String(u)); return f(u, o); }; true")

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
        shot(page, SHOT)

    url_state(page)
    placeholder(page)
    languages(page)
    sections(page)
    if PREVIEW:
        preview(page)
    zero_results(page)
    phone(page)


def url_state(page):
    """Every state comes back from the URL: a bookmark, a reload, Back and Forward."""
    q = "스타게이트"
    check(open_url(page, BASE + "/#q=" + urllib.parse.quote(q) + "&tag=OpenAI&sort=date",
                   HIT_IDS + " === '2025-02-04-openai-korea'"),
          "a bookmarked query with a tag filter and a sort loads its results (%r)" % page.js(HIT_IDS))
    got = page.js("[document.getElementById('q').value, document.getElementById('sort').value,"
                  " document.querySelector('#filters button') && document.querySelector('#filters button').textContent]")
    check(got == [q, "date", "#OpenAI"], f"query box, sort and filter chip restored ({got})")
    reqs = page.js("performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/search?'))")
    check(any("sort=date" in r and "tag=OpenAI" in r for r in reqs), f"the restored search sends sort and tag ({reqs})")

    # #similar=ID: the page writes it on a click; a bookmark of it lists the similar posts.
    check(open_url(page, BASE + "/#similar=2025-01-22-stargate",
                   "document.getElementById('status').textContent.includes('비슷한 글') && "
                   "document.querySelectorAll('#results li.hit').length > 0"),
          "a #similar= URL loads the similar list (status %r)" % page.js("document.getElementById('status').textContent"))
    sim = page.js(HIT_IDS)
    check("2025-01-22-stargate" not in (sim or "").split(","), f"similar list without the post itself ({sim})")
    check(page.js(VISIBLE + "(document.querySelector('#filters button'))") is True, "a chip to leave the similar list")
    # A bookmark knows only the id: the list and its chip name the post by its title (the server's similar_to).
    status = page.js("document.getElementById('status').textContent") or ""
    chip = page.js("document.querySelector('#filters button').textContent") or ""
    check("스타게이트 프로젝트 발표" in status and "2025-01-22-stargate" not in status,
          f"a bookmarked similar list names the post by its title ({status!r})")
    check(chip == "비슷한 글: 스타게이트 프로젝트 발표", f"the chip names it too ({chip!r})")
    page.js("window.__old = true")
    page.call("Page.reload")
    check(page.wait("!window.__old && document.readyState === 'complete' && document.querySelectorAll('#results li.hit').length > 0 && "
                    "document.getElementById('status').textContent.includes('비슷한 글')"), "reload keeps the similar list")

    # Page through history: a query, then a tag, then Back and Forward.
    page.js("{ const i = document.getElementById('q'); i.value = '" + q + "'; i.form.requestSubmit(); } true")
    check(page.wait("document.querySelectorAll('#results li.hit').length === 3"), "query after leaving similar")
    page.js("[...document.querySelectorAll('#facets button')].find(b => b.firstChild.textContent === 'OpenAI').click(); true")
    check(page.wait(HIT_IDS + " === '2025-02-04-openai-korea'"), "tag facet narrows")
    page.js("history.back(); true")
    check(page.wait("document.querySelectorAll('#results li.hit').length === 3 && !location.hash.includes('tag=')"),
          "Back drops the tag filter (%r)" % page.js("location.hash"))
    page.js("history.back(); true")
    check(page.wait("location.hash.includes('similar=') && document.getElementById('status').textContent.includes('비슷한 글')"),
          "Back again returns to the similar list (%r)" % page.js("location.hash"))
    page.js("history.forward(); true")
    check(page.wait("document.querySelectorAll('#results li.hit').length === 3 && !location.hash.includes('similar=')"),
          "Forward returns to the query")
    page.js("history.forward(); true")
    check(page.wait(HIT_IDS + " === '2025-02-04-openai-korea' && document.querySelector('#filters button') &&"
                    " document.querySelector('#filters button').textContent === '#OpenAI'"),
          "Forward restores the tag filter (%r)" % page.js("location.hash"))
    # A hash edited by hand (hashchange).
    page.js("location.hash = '#q=' + encodeURIComponent('반도체'); true")
    check(page.wait(HIT_IDS + " === '2025-04-01-chips' && document.getElementById('q').value === '반도체'"),
          "a hash edited by hand searches it")


def initials(word):
    cho = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
    return "".join(cho[(ord(c) - 0xAC00) // 588] if 0xAC00 <= ord(c) <= 0xD7A3 else c for c in word)


def placeholder(page):
    """The placeholder's example comes from the index served (/health "sample"), not from a sample corpus."""
    open_url(page, BASE + "/", "true")
    page.wait("document.getElementById('q').placeholder.includes('예:')")
    ph = page.js("document.getElementById('q').placeholder")
    sample = json.load(urllib.request.urlopen(BASE + "/health", timeout=10)).get("sample")
    # 스타게이트 is the one Hangul word in two titles of this site.
    check(sample == {"word": "스타게이트", "initials": "ㅅㅌㄱㅇㅌ"}, f"/health sample ({sample})")
    m = re.search(r"예: ([가-힣]+), ([ㄱ-ㅎ]+)", ph or "")
    check(bool(m) and m.group(1) == "스타게이트" and m.group(2) == initials(m.group(1)),
          f"placeholder names the blog's frequent title word and its 초성 ({ph!r})")


def languages(page):
    """Each hit carries its post's language as its lang attribute; translations are one hit, the others named."""
    check(open_url(page, BASE + "/#q=%EC%8A%A4%ED%83%80%EA%B2%8C%EC%9D%B4%ED%8A%B8",
                   "document.querySelectorAll('#results li.hit').length > 0"), "a Korean query loads")
    langs = page.js("[...document.querySelectorAll('#results li.hit')].map(li => li.getAttribute('lang'))")
    check(bool(langs) and all(l == "ko" for l in langs), f"Korean posts are lang=ko ({langs})")
    check(open_url(page, BASE + "/#q=webpack", "document.querySelectorAll('#results li.hit').length > 0"),
          "a query for the translated post loads")
    hits = page.js("[...document.querySelectorAll('#results li.hit')].map(li => ({id: li.dataset.id,"
                   " lang: li.getAttribute('lang'), also: (li.querySelector('.translations') || {}).textContent || ''}))")
    check(len(hits) == 1, f"two translations are one hit ({hits})")
    check(bool(hits) and hits[0]["lang"] == "en" and hits[0]["id"].endswith("webpack-en"),
          f"a Latin query shows the English copy, lang=en ({hits})")
    check(bool(hits) and "ko" in hits[0]["also"], f"the other copy is named ({hits})")


def sections(page):
    """A digest post's item about the query is listed under the hit: its heading links to its anchor."""
    check(open_url(page, BASE + "/#q=" + urllib.parse.quote("개인정보 유출"),
                   "document.querySelectorAll('#results li.hit .sections li').length > 0"), "a hit with sections loads")
    secs = page.js("[...document.querySelectorAll('#results li.hit')].map(li => ({id: li.dataset.id,"
                   " sections: [...li.querySelectorAll('.sections li')].map(s => ({"
                   " heading: s.querySelector('a').textContent, href: s.querySelector('a').getAttribute('href'),"
                   " marks: [...s.querySelectorAll('mark')].map(m => m.textContent)}))}))")
    digest = [h for h in secs if h["id"].endswith("digest")]
    check(len(digest) == 1 and secs[0]["id"] == digest[0]["id"], f"the digest post is the first hit ({secs})")
    s = digest[0]["sections"] if digest else []
    check(len(s) == 1 and s[0]["heading"] == "§ 1. 회원 개인정보 유출", f"its one section about both words ({s})")
    anchor = "#" + urllib.parse.quote("1-회원-개인정보-유출")
    hit_href = page.js("document.querySelector('#results li.hit h2 a').getAttribute('href')")
    check(bool(s) and s[0]["href"] == hit_href.split("#")[0] + anchor,
          f"the section links to the post's own page and the heading's anchor ({s}, hit {hit_href})")
    check(bool(s) and set(s[0]["marks"]) >= {"개인정보가", "유출됐다"}, f"its passage marks the words ({s})")
    others = [h for h in secs if not h["id"].endswith("digest")]
    check(all(not h["sections"] for h in others), f"posts without headings list no sections ({others})")
    # The section sits under its hit, indented, inside the hit's box, on a desktop and on a phone.
    for width, height, mobile in ((1280, 900, False), (390, 844, True)):
        viewport(page, width, height, mobile)
        time.sleep(0.2)
        box = page.js("(() => { const li = document.querySelector('#results li.hit');"
                      " const s = li.querySelector('.sections'), sn = li.querySelector(':scope > .snippet');"
                      " const a = li.getBoundingClientRect(), b = s.getBoundingClientRect(), c = sn.getBoundingClientRect();"
                      " return {inside: b.left >= a.left && b.right <= a.right + 1 && b.bottom <= a.bottom + 1,"
                      " below: b.top >= c.bottom - 1, indent: b.left - a.left,"
                      " wide: document.documentElement.scrollWidth <= innerWidth}; })()")
        check(box["inside"] and box["below"] and box["indent"] > 0 and box["wide"],
              f"{width}px: the section is under the hit's passage, indented, inside its box, nothing wider ({box})")
        if SHOT:
            shot(page, SHOT.replace(".png", "-sections.png" if not mobile else "-sections-phone.png"))
    viewport(page, 1280, 900, False)


def preview(page):
    """A site-relative hit opens the server's preview of the post; a section's link lands on its heading there."""
    q = urllib.parse.quote("금리 동결")
    check(open_url(page, PREVIEW + "/#q=" + q, "document.querySelectorAll('#results li.hit .sections a').length > 0"),
          "the plain site's page lists the hit with its section")
    link = page.js("document.querySelector('#results li.hit .sections a').getAttribute('href')") or ""
    check(link.startswith("/2025/05/01/digest.html?q=") and link.endswith("#rates"),
          f"a site-relative section link keeps the query before the anchor ({link!r})")
    page.js("document.querySelector('#results li.hit .sections a').click(); true")
    check(page.wait("location.pathname === '/2025/05/01/digest.html' && document.readyState === 'complete' && "
                    "!!document.getElementById('rates')"), "the section's link opens the preview (%r)" % page.js("location.href"))
    page.wait("scrollY > 0", 3)
    got = page.js("({hash: location.hash, h: document.getElementById('rates').tagName + ' ' + document.getElementById('rates').textContent,"
                  " ids: [...document.querySelectorAll('h1[id],h2[id],h3[id]')].map(h => h.id),"
                  " top: document.getElementById('rates').getBoundingClientRect().top, height: innerHeight, scroll: scrollY,"
                  " back: [...document.querySelectorAll('a')].some(a => a.getAttribute('href') && a.getAttribute('href').startsWith('/#q=') || a.getAttribute('href') === '/'),"
                  " text: document.body.textContent})")
    check(got["hash"] == "#rates" and got["h"] == "H2 2. 금리 동결", f"the preview's heading carries the anchor ({got['hash']}, {got['h']})")
    check(got["ids"] == ["1-반도체-수출-최대", "rates"], f"every heading has its kramdown id ({got['ids']})")
    check(got["scroll"] > 1000 and 0 <= got["top"] < got["height"],
          f"the browser scrolled far down the post to the section's heading (scrollY {got['scroll']}, top {got['top']})")
    check(got["back"], "a link back to the search")
    check("기준금리가 동결됐다" in got["text"] and "{#rates}" not in got["text"], "the post's text, without the {#id}")


def zero_results(page):
    """Zero results: tips, a button a filter, the blog's frequent tags; the correction when the server has one."""
    check(open_url(page, BASE + "/#q=" + urllib.parse.quote("없는낱말쿼크") + "&tag=OpenAI",
                   VISIBLE + "(document.getElementById('empty')) && !!document.querySelector('#empty .top-tags button')"),
          "zero results show help and frequent tags")
    status = page.js("document.getElementById('status').textContent")
    check("결과가 없습니다" in (status or ""), f"zero-results status ({status})")
    tips = page.js("[...document.querySelectorAll('#empty .tips li')].map(li => li.textContent)") or []
    check(len(tips) >= 3 and any("맞춤법" in t for t in tips), f"tips listed ({tips})")
    check(page.js("[...document.querySelectorAll('#empty .drop button')].map(b => b.textContent).join()") == "#OpenAI",
          "a button drops the tag filter")
    top = page.js("[...document.querySelectorAll('#empty .top-tags button')].map(b => b.firstChild.textContent)") or []
    check("#스타게이트" in top and "#반도체" in top, f"the blog's tags offered ({top})")
    if SHOT:
        shot(page, SHOT.replace(".png", "-empty.png"))
    page.js("document.querySelector('#empty .drop button').click(); true")
    check(page.wait("!location.hash.includes('tag=') && !document.querySelector('#filters button') && "
                    "!!document.querySelector('#empty .tips') && !document.querySelector('#empty .drop')"),
          "dropping the filter searches again, without it")
    # A tag button lists that tag's posts.
    open_url(page, BASE + "/#q=" + urllib.parse.quote("없는낱말쿼크"), "!!document.querySelector('#empty .top-tags button')")
    page.js("[...document.querySelectorAll('#empty .top-tags button')].find(b => b.firstChild.textContent === '#반도체')"
            ".click(); true")
    check(page.wait(HIT_IDS + " === '2025-04-01-chips' && location.hash === '#tag=' + encodeURIComponent('반도체')"),
          "a frequent tag lists its posts (%r)" % page.js("location.hash"))
    # A misspelling: the server's correction, if it has one, is offered as a button.
    typo = "스타게이투"
    api = page.js("fetch('/search?q=' + encodeURIComponent('" + typo + "') + '&n=1').then(r => r.json())") or {}
    open_url(page, BASE + "/#q=" + urllib.parse.quote(typo), "document.getElementById('status').textContent.includes('결')")
    fix = api.get("did_you_mean") or api.get("search_instead")
    total = api.get("estimated_total", 0) + api.get("partial_match_total", 0)
    if fix and total == 0:
        check(page.js("[...document.querySelectorAll('#empty .fix button')].map(b => b.textContent).join()") == fix,
              f"the correction {fix!r} offered on zero results")
    elif fix:
        check(fix in (page.js("document.getElementById('notes').textContent") or ""), f"the correction {fix!r} in the notes")


def phone(page):
    """A 390x844 phone: three tag chips a hit and "+5"; the facets behind a 필터 button above the results."""
    viewport(page, 390, 844, True)
    check(open_url(page, BASE + "/#q=" + urllib.parse.quote("반도체"), HIT_IDS + " === '2025-04-01-chips'"),
          "phone: results load")
    chips = "[...document.querySelectorAll('#results li.hit .meta button.tag')].filter(b => b.getClientRects().length)"
    check(page.js(chips + ".length") == 3, f"phone: three tag chips ({page.js(chips + '.map(b => b.textContent)')})")
    more = page.js("(b => b && b.getClientRects().length ? b.textContent : null)(document.querySelector('#results .meta .more'))")
    check(more == "+5", f"phone: a +5 button ({more!r})")
    check(page.js(VISIBLE + "(document.getElementById('facets'))") is False, "phone: facets hidden at first")
    toggle_top = page.js("(b => b.getClientRects().length ? b.getBoundingClientRect().top : null)(document.getElementById('facet-toggle'))")
    first_hit = page.js("document.querySelector('#results li.hit').getBoundingClientRect().top")
    check(toggle_top is not None and toggle_top < first_hit, f"phone: the 필터 button above the results ({toggle_top}, {first_hit})")
    if SHOT:
        shot(page, SHOT.replace(".png", "-phone.png"))
    page.js("document.querySelector('#results .meta .more').click(); true")
    check(page.js(chips + ".length") == 8, "phone: +5 shows all eight tags")
    page.js("document.getElementById('facet-toggle').click(); true")
    check(page.js(VISIBLE + "(document.getElementById('facets'))") is True, "phone: 필터 opens the facets")
    check(page.js("document.getElementById('facets').getBoundingClientRect().top < "
                  "document.querySelector('#results li.hit').getBoundingClientRect().top"), "phone: facets above the hits")
    check(page.js("document.getElementById('facet-toggle').getAttribute('aria-expanded')") == "true", "phone: aria-expanded")
    if SHOT:
        shot(page, SHOT.replace(".png", "-phone-filters.png"))
    # A desktop shows every tag, the facets beside the results and no 필터 button.
    viewport(page, 1280, 900, False)
    check(page.wait(chips + ".length === 8 && !" + VISIBLE + "(document.getElementById('facet-toggle'))"),
          "desktop: every tag chip, no 필터 button")


if __name__ == "__main__":
    sys.exit(main())
