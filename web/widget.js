// newsidx blog widget: a search box for any page of a Jekyll blog, served by
// `newsidx serve` at /widget.js and calling its API across origins (CORS:
// the blog's origin must be given to --cors-origin). One file, no build
// step, no libraries. It draws inside a shadow root (its CSS touches nothing
// else on the page), inserts every string from the server as text (marks
// are built from the snippets' offsets, never from HTML) and links only to
// http(s) URLs.
//
//   <div id="newsidx-search"></div>
//   <script src="https://search.blog.example/widget.js" data-target="#newsidx-search" defer></script>
//
// data-target    CSS selector of the element to draw in (default #newsidx-search;
//                none found: a new element right after the script)
// data-server    the API's address (default: where widget.js came from)
// data-placeholder, data-limit (hits per request, 1-20, default 5),
// data-lang      only posts in these languages (comma list: ko,en)
// data-ui        ko or en: the widget's own words (default: the page's <html lang>)
(function () {
  "use strict";
  const script = document.currentScript;
  if (!script || !script.src) return;
  const opt = script.dataset;

  const httpUrl = (u, base) => {
    try {
      const x = new URL(u, base);
      return x.protocol === "http:" || x.protocol === "https:" ? x : null;
    } catch (e) { return null; }
  };
  const server = (opt.server ? httpUrl(opt.server, location.href) : null) || new URL(".", script.src);
  const API = server.href.replace(/\/?$/, "/");
  const LIMIT = Math.min(20, Math.max(1, parseInt(opt.limit || "5", 10) || 5));
  const LANGS = (opt.lang || "").split(",").map((s) => s.trim()).filter((s) => /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(s));
  const EN = (opt.ui || document.documentElement.lang || "ko").toLowerCase().startsWith("en");

  const T = EN ? {
    label: "Search this blog", placeholder: "Search", go: "Search", searching: "Searching…",
    count: (n) => `${n.toLocaleString()} result${n === 1 ? "" : "s"}`,
    partial: (n) => `${n.toLocaleString()} more with part of the words`,
    none: (q) => q ? `No results for "${q}"` : "No results",
    fix: "Did you mean ", showing: (q) => `Showing results for "${q}". `, instead: (q) => `Search "${q}" instead`,
    tips: ["Check the spelling and the spaces.", "Try fewer or more general words.",
      "Korean words can be found by their initial consonants (초성)."],
    sample: (w, i) => `Korean words can be found by their initial consonants (초성): ${w} → ${i}.`,
    drop: "Remove a filter: ", remove: (l) => `Remove the filter ${l}`, more: (a, b) => `More (${a} of ${b})`,
    tags: "Tags", categories: "Categories", help: "No results", top: "Frequent tags",
    kinds: { word: "word", tag: "tag", category: "category", title: "title" },
    cors: (o) => `The search server does not allow requests from this site (${o}): start it with --cors-origin ${o}.`,
    down: (a) => `Cannot reach the search server (${a}).`, error: (m) => `Search failed: ${m}`,
  } : {
    label: "블로그 검색", placeholder: "검색어", go: "검색", searching: "검색 중…",
    count: (n) => `결과 ${n.toLocaleString()}건`,
    partial: (n) => `일부 단어만 들어간 글 ${n.toLocaleString()}건`,
    none: (q) => q ? `"${q}"에 대한 결과가 없습니다` : "결과가 없습니다",
    fix: "이것을 찾으셨나요? ", showing: (q) => `"${q}" 결과를 보여 줍니다. `, instead: (q) => `"${q}"로 검색`,
    tips: ["맞춤법과 띄어쓰기를 확인해 보세요.", "단어 수를 줄이거나 더 일반적인 단어로 검색해 보세요.",
      "초성만으로도 찾을 수 있습니다."],
    sample: (w, i) => `초성만으로도 찾을 수 있습니다 (예: ${w} → ${i}).`,
    drop: "필터를 빼 보세요: ", remove: (l) => `${l} 필터 해제`, more: (a, b) => `더 보기 (${a}/${b})`,
    tags: "태그", categories: "분류", help: "검색 도움말", top: "자주 쓰인 태그",
    kinds: { word: "단어", tag: "태그", category: "분류", title: "제목" },
    cors: (o) => `검색 서버가 이 사이트(${o})의 요청을 허용하지 않습니다: 서버를 --cors-origin ${o} 로 실행하세요.`,
    down: (a) => `검색 서버(${a})에 연결할 수 없습니다.`, error: (m) => `검색 오류: ${m}`,
  };

  const CSS = `
:host { display: block; box-sizing: border-box; max-width: 100%; --nx-accent: var(--newsidx-accent, #1d4ed8);
  --nx-mark: var(--newsidx-mark, #fde68a); --nx-line: var(--newsidx-line, rgba(127, 127, 127, .35)); }
* { box-sizing: border-box; }
.nx { position: relative; font: inherit; color: inherit; line-height: 1.5; }
form { display: flex; gap: .4em; position: relative; margin: 0; }
input { flex: 1; min-width: 0; font: inherit; padding: .5em .7em; border: 1px solid var(--nx-line); border-radius: .4em;
  background: Canvas; color: CanvasText; }
input:focus, button:focus-visible, a:focus-visible { outline: 2px solid var(--nx-accent); outline-offset: 1px; }
button { font: inherit; cursor: pointer; color: inherit; background: transparent; border: 1px solid var(--nx-line);
  border-radius: .4em; padding: .3em .7em; }
form > button { background: var(--nx-accent); border-color: var(--nx-accent); color: #fff; padding: .5em 1em; }
[role=listbox] { position: absolute; z-index: 10; top: 100%; left: 0; right: 0; margin: .2em 0 0; padding: .2em 0;
  list-style: none; background: Canvas; color: CanvasText; border: 1px solid var(--nx-line); border-radius: .4em;
  box-shadow: 0 4px 14px rgba(0, 0, 0, .15); }
[role=option] { display: flex; justify-content: space-between; gap: 1em; padding: .35em .7em; cursor: pointer; }
[role=option][aria-selected=true], [role=option]:hover { background: var(--nx-mark); color: #000; }
.kind { opacity: .65; font-size: .85em; }
.status { margin: .6em 0 .2em; font-size: .9em; opacity: .8; min-height: 1em; }
.status.error { opacity: 1; color: #b91c1c; font-weight: 600; }
.notes:empty, .filters:empty, .facets:empty { display: none; }
.notes, .filters, .facets { margin: .3em 0; font-size: .9em; }
.facets { display: flex; flex-wrap: wrap; gap: .3em .4em; align-items: center; }
.facets .group { font-weight: 600; margin-left: .2em; }
.facets button, .filters button, .meta button { font-size: .85em; padding: .1em .55em; border-radius: 1em; }
.facets button[aria-pressed=true], .filters button { background: var(--nx-accent); border-color: var(--nx-accent); color: #fff; }
.count { opacity: .7; margin-left: .3em; font-size: .9em; }
ol { list-style: none; margin: .4em 0 0; padding: 0; }
li.hit { padding: .7em 0; border-top: 1px solid var(--nx-line); overflow-wrap: anywhere; }
li.hit > a { font-weight: 600; font-size: 1.05em; color: var(--nx-accent); text-decoration: none; }
li.hit > a:hover { text-decoration: underline; }
.meta { display: flex; flex-wrap: wrap; gap: .3em .5em; align-items: center; font-size: .85em; opacity: .85; margin: .15em 0; }
.snippet { margin: .2em 0 0; font-size: .95em; }
mark { background: var(--nx-mark); color: #000; padding: 0 .1em; border-radius: .15em; }
.sections { list-style: none; margin: .4em 0 0 .8em; padding: 0 0 0 .7em; border-left: 2px solid var(--nx-line); font-size: .9em; }
.sections li { margin: .25em 0; }
.sections a { color: var(--nx-accent); }
.sections p { margin: 0; opacity: .9; }
.empty ul { margin: .3em 0; padding-left: 1.2em; }
.empty .top-tags { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3em; }
.top-tags .n { opacity: .6; font-size: .85em; }
.empty h3 { font-size: 1em; margin: .6em 0 .2em; }
.more { display: block; width: 100%; margin: .6em 0 0; padding: .5em; }
[hidden] { display: none !important; }
`;

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c != null) e.append(c);  // strings become text nodes
    return e;
  }

  // A snippet {text, matches: [[begin, end], ...] in code points} with <mark>s, as text nodes.
  function marked(snip) {
    const frag = document.createDocumentFragment();
    if (!snip || typeof snip.text !== "string") return frag;
    const cps = Array.from(snip.text);
    let at = 0;
    for (const m of Array.isArray(snip.matches) ? snip.matches : []) {
      const [b, e] = Array.isArray(m) ? m : [];
      if (!Number.isInteger(b) || !Number.isInteger(e) || b < at || e <= b || e > cps.length) continue;
      frag.append(cps.slice(at, b).join(""), el("mark", {}, cps.slice(b, e).join("")));
      at = e;
    }
    frag.append(cps.slice(at).join(""));
    return frag;
  }

  // A post's link: absolute URLs as they are, site-relative ones on this blog; only http(s).
  const link = (u) => (typeof u === "string" && u ? (httpUrl(u, location.href) || {}).href || null : null);
  const text = (v) => (typeof v === "string" ? v : "");

  const CHO = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
  const initials = (w) => Array.from(w, (c) => {
    const n = c.codePointAt(0) - 0xac00;
    return n >= 0 && n < 11172 ? CHO[Math.floor(n / 588)] : c;
  }).join("");

  function mount() {
    let host = null;
    try { host = opt.target ? document.querySelector(opt.target) : null; } catch (e) { /* not a selector */ }
    host = host || document.getElementById("newsidx-search");
    if (!host) {  // right after the script, or at the end of the body for a script in <head>
      host = el("div", { id: "newsidx-search" });
      if (script.parentNode && script.parentNode !== document.head) script.parentNode.insertBefore(host, script.nextSibling);
      else document.body.append(host);
    }
    if (host.shadowRoot) return;  // included twice
    const root = host.attachShadow({ mode: "open" });
    const input = el("input", { type: "search", role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false",
      "aria-controls": "nx-list", "aria-label": T.label, autocomplete: "off", spellcheck: "false", enterkeyhint: "search",
      placeholder: opt.placeholder || T.placeholder });
    const list = el("ul", { id: "nx-list", role: "listbox", "aria-label": T.label, hidden: "" });
    const form = el("form", { role: "search" }, input, el("button", { type: "submit" }, T.go), list);
    const status = el("div", { class: "status", role: "status", "aria-live": "polite" });
    const notes = el("div", { class: "notes" }), filters = el("div", { class: "filters" }),
      facets = el("div", { class: "facets" }), hits = el("ol", { class: "hits" }),
      empty = el("div", { class: "empty", hidden: "" }),
      more = el("button", { type: "button", class: "more", hidden: "" });
    root.append(el("style", {}, CSS), el("div", { class: "nx", lang: EN ? "en" : "ko" },
      form, status, notes, filters, facets, hits, empty, more));

    const state = { q: "", tag: [], category: [], asTyped: false, shown: 0 };
    let composing = false, searchTimer = 0, suggestTimer = 0, searchAbort = null, suggestAbort = null, active = -1;
    let sample = "";

    fetch(API + "health", { credentials: "omit" }).then((r) => (r.ok ? r.json() : {})).then((h) => {
      const w = h && h.sample && h.sample.word;
      if (typeof w !== "string" || !/^[가-힣]{2,10}$/.test(w)) return;
      sample = w;
      if (!opt.placeholder) input.placeholder = `${T.placeholder} (${EN ? "e.g." : "예:"} ${w}, ${initials(w)})`;
    }).catch(() => { /* reported when a search fails */ });

    // --- searching ------------------------------------------------------------
    const filterList = () => [...state.tag.map((v) => ["tag", v, "#" + v]), ...state.category.map((v) => ["category", v, v])];

    function clear() {
      for (const e of [status, notes, filters, facets, hits, empty]) e.replaceChildren();
      status.className = "status"; empty.hidden = true; more.hidden = true; state.shown = 0;
    }

    async function search(append) {
      clearTimeout(searchTimer);
      renderFilters();
      if (!state.q.trim() && !filterList().length) { clear(); return; }
      const p = new URLSearchParams({ q: state.q, n: String(LIMIT), offset: String(append ? state.shown : 0), facets: "1" });
      for (const v of state.tag) p.append("tag", v);
      for (const v of state.category) p.append("category", v);
      for (const v of LANGS) p.append("lang", v);
      if (state.asTyped) p.set("autocorrect", "0");
      if (searchAbort) searchAbort.abort();
      const abort = (searchAbort = new AbortController());
      if (!append) { status.className = "status"; status.textContent = T.searching; }
      let res, body;
      try {
        res = await fetch(API + "search?" + p, { signal: abort.signal, credentials: "omit" });
        body = await res.json().catch(() => ({}));
      } catch (e) {
        if (e.name !== "AbortError") showError(await diagnose());
        return;
      }
      if (abort !== searchAbort) return;
      if (!res.ok) { showError(T.error(text(body.error) || res.status + " " + res.statusText)); return; }
      render(body, append);
    }

    // A request that failed before any answer: the server is down, or it
    // answered without allowing this origin (the browser then hides the
    // answer). A no-cors request tells them apart: it succeeds if the server answers.
    function diagnose() {
      return fetch(API + "health", { mode: "no-cors", credentials: "omit", cache: "no-store" })
        .then(() => T.cors(location.origin), () => T.down(API));
    }

    function showError(msg) {
      clear();
      status.className = "status error";
      status.textContent = msg;
    }

    function render(r, append) {
      const whole = Number(r.estimated_total) || 0, part = Number(r.partial_match_total) || 0, total = whole + part;
      const list = Array.isArray(r.hits) ? r.hits : [];
      status.className = "status";
      status.textContent = total === 0 ? T.none(state.q.trim())
        : whole ? T.count(whole) + (part ? " · " + T.partial(part) : "") : T.partial(part);
      if (!append) {
        hits.replaceChildren();
        state.shown = 0;
        notes.replaceChildren();
        if (total && text(r.search_instead)) notes.append(T.showing(text(r.query)),
          el("button", { type: "button", onclick: () => setQuery(r.search_instead, true) }, T.instead(r.search_instead)));
        else if (total && text(r.did_you_mean)) notes.append(T.fix,
          el("button", { type: "button", onclick: () => setQuery(r.did_you_mean) }, r.did_you_mean));
        renderFacets(r.facets);
      }
      for (const h of list) hits.append(hitItem(h));
      state.shown += list.length;
      more.hidden = !(list.length && state.shown < total);
      more.textContent = T.more(state.shown, total);
      renderEmpty(total === 0 ? r : null);
    }

    function hitItem(h) {
      const href = link(h.url);
      const title = h.title_marked && h.title_marked.text ? marked(h.title_marked) : text(h.title) || text(h.id);
      const meta = el("div", { class: "meta" });
      if (text(h.date)) meta.append(el("time", { datetime: h.date }, h.date.slice(0, 10)));
      for (const c of Array.isArray(h.categories) ? h.categories : [])
        if (text(c)) meta.append(el("button", { type: "button", onclick: () => toggle("category", c) }, c));
      for (const t of Array.isArray(h.tags) ? h.tags : [])
        if (text(t)) meta.append(el("button", { type: "button", onclick: () => toggle("tag", t) }, "#" + t));
      const lang = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/.test(text(h.lang)) ? { lang: h.lang } : {};
      return el("li", { class: "hit", "data-id": text(h.id), ...lang },
        href ? el("a", { href }, title) : el("strong", {}, title), meta,
        h.snippet && text(h.snippet.text) ? el("p", { class: "snippet" }, marked(h.snippet)) : null,
        sectionList(h.sections));
    }

    // The sections of a post that matched (`sections`: [{heading, url, snippet}],
    // 0-3 of them; absent from older servers): each heading links to its
    // anchor in the post, its snippet below.
    function sectionList(sections) {
      if (!Array.isArray(sections) || !sections.length) return null;
      const ul = el("ul", { class: "sections" });
      for (const s of sections) {
        if (!s || !text(s.heading)) continue;
        const href = link(s.url);
        ul.append(el("li", {}, href ? el("a", { href }, s.heading) : el("strong", {}, s.heading),
          s.snippet && text(s.snippet.text) ? el("p", {}, marked(s.snippet)) : null));
      }
      return ul.children.length ? ul : null;
    }

    function renderFacets(f) {
      facets.replaceChildren();
      if (!f) return;
      for (const [field, title] of [["tag", T.tags], ["category", T.categories]]) {
        const values = (f[field === "tag" ? "tags" : "categories"] || []).filter((v) => v && text(v.value)).slice(0, 10);
        if (!values.length) continue;
        facets.append(el("span", { class: "group" }, title));
        for (const v of values) facets.append(el("button", { type: "button", "data-field": field,
          "aria-pressed": String(state[field].includes(v.value)), onclick: () => toggle(field, v.value) },
        field === "tag" ? "#" + v.value : v.value, el("span", { class: "count" }, String(Number(v.count) || 0))));
      }
    }

    function renderFilters() {
      filters.replaceChildren();
      for (const [field, v, label] of filterList())
        filters.append(el("button", { type: "button", "aria-label": T.remove(label), onclick: () => toggle(field, v) },
          label + " ×"));
    }

    function renderEmpty(r) {
      empty.replaceChildren();
      empty.hidden = !r;
      if (!r) return;
      const fix = text(r.did_you_mean) || text(r.search_instead);
      if (fix) empty.append(el("p", { class: "fix" }, T.fix,
        el("button", { type: "button", onclick: () => setQuery(fix, !r.did_you_mean) }, fix)));
      const tips = el("ul", { class: "tips" }, ...T.tips.slice(0, 2).map((t) => el("li", {}, t)),
        el("li", {}, sample ? T.sample(sample, initials(sample)) : T.tips[2]));
      if (filterList().length) {
        const li = el("li", { class: "drop" }, T.drop);
        for (const [field, v, label] of filterList())
          li.append(el("button", { type: "button", "aria-label": T.remove(label), onclick: () => toggle(field, v) }, label));
        tips.append(li);
      }
      empty.append(el("h3", {}, T.help), tips);
      // The blog's most frequent tags, each a search of its own (one facet
      // request for the whole blog, made once: every post has a date).
      overview().then((tags) => {
        if (empty.hidden || !tags.length || empty.querySelector(".top-tags")) return;
        const ul = el("ul", { class: "top-tags" });
        for (const t of tags)
          ul.append(el("li", {}, el("button", { type: "button", onclick: () => { state.tag = [t.value]; setQuery("", false); } },
            "#" + t.value + " ", el("span", { class: "n" }, String(t.count)))));
        empty.append(el("h3", {}, T.top), ul);
      });
    }

    let overviewPromise = null;
    function overview() {
      if (!overviewPromise)
        overviewPromise = fetch(API + "search?" + new URLSearchParams({ since: "1000", n: "1", facets: "1" }),
                                { credentials: "omit" })
          .then((r) => (r.ok ? r.json() : {}))
          .then((j) => (j && j.facets && Array.isArray(j.facets.tags) ? j.facets.tags : [])
            .filter((t) => t && text(t.value)).slice(0, 8))
          .catch(() => []);
      return overviewPromise;
    }

    function toggle(field, v) {
      state[field] = state[field].includes(v) ? state[field].filter((x) => x !== v) : [...state[field], v];
      search(false);
    }

    function setQuery(q, asTyped) {
      input.value = q; state.q = q; state.asTyped = !!asTyped;
      closeSuggestions();
      search(false);
    }

    // --- suggestions (/suggest: words, tags, categories, titles; 초성 too) ----------
    function closeSuggestions() {
      list.hidden = true; list.replaceChildren(); active = -1;
      input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant");
      if (suggestAbort) suggestAbort.abort();
    }

    function scheduleSuggest() {
      clearTimeout(suggestTimer);
      suggestTimer = setTimeout(async () => {
        const q = input.value;
        if (!q.trim()) { closeSuggestions(); return; }
        if (suggestAbort) suggestAbort.abort();
        suggestAbort = new AbortController();
        try {
          const res = await fetch(API + "suggest?" + new URLSearchParams({ q, n: "8" }),
            { signal: suggestAbort.signal, credentials: "omit" });
          if (!res.ok || q !== input.value || composing) return;
          const body = await res.json();
          showSuggestions(Array.isArray(body.suggestions) ? body.suggestions.filter((s) => s && text(s.text)) : []);
        } catch (e) { /* aborted or unreachable: the search reports it */ }
      }, 120);
    }

    function showSuggestions(items) {
      list.replaceChildren(); active = -1;
      items.forEach((s, i) => {
        const li = el("li", { id: "nx-opt-" + i, role: "option", "aria-selected": "false", "data-kind": text(s.kind) },
          el("span", {}, s.text), el("span", { class: "kind" }, T.kinds[s.kind] || ""));
        li.addEventListener("mousedown", (e) => { e.preventDefault(); pick(s); });
        li._s = s;
        list.append(li);
      });
      list.hidden = !items.length;
      input.setAttribute("aria-expanded", String(items.length > 0));
    }

    function pick(s) {
      if (s.kind === "title" && link(s.url)) { location.href = link(s.url); return; }
      if (s.kind === "tag" || s.kind === "category") {
        // That tag's (category's) posts: the letters typed were only to find it.
        closeSuggestions(); input.value = ""; state.q = "";
        if (!state[s.kind].includes(s.text)) toggle(s.kind, s.text);
        else search(false);
        return;
      }
      setQuery(s.text);
    }

    function move(delta) {
      const items = [...list.children];
      if (!items.length) return;
      if (active >= 0) items[active].setAttribute("aria-selected", "false");
      // Positions -1..n-1: -1 is the box itself; wraps around.
      active = ((active + 1 + delta + items.length + 1) % (items.length + 1)) - 1;
      if (active >= 0) {
        items[active].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", items[active].id);
      } else input.removeAttribute("aria-activedescendant");
    }

    // --- events: no request while an IME composes; 250 ms after the last key ------
    function onTyped() {
      state.q = input.value; state.asTyped = false;
      scheduleSuggest();
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => search(false), 250);
    }
    input.addEventListener("compositionstart", () => { composing = true; clearTimeout(searchTimer); clearTimeout(suggestTimer); });
    input.addEventListener("compositionend", () => { composing = false; onTyped(); });
    input.addEventListener("input", (e) => { if (!composing && !e.isComposing) onTyped(); });
    input.addEventListener("keydown", (e) => {
      if (e.isComposing || composing) return;  // the IME owns these keys
      if (e.key === "ArrowDown") { e.preventDefault(); if (list.hidden) scheduleSuggest(); else move(1); }
      else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
      else if (e.key === "Escape") {
        e.preventDefault();
        if (!list.hidden) closeSuggestions();
        else { input.value = ""; state.q = ""; search(false); }
      } else if (e.key === "Enter" && active >= 0) { e.preventDefault(); pick(list.children[active]._s); }
    });
    input.addEventListener("blur", () => setTimeout(closeSuggestions, 150));
    form.addEventListener("submit", (e) => {
      e.preventDefault(); clearTimeout(suggestTimer); closeSuggestions();
      if (input.value !== state.q) state.asTyped = false;
      state.q = input.value; search(false);
    });
    more.addEventListener("click", () => search(true));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
