// newsidx search page: search as you type over the JSON API. No framework,
// no external assets. Every string from a post is inserted as text, except
// the server's highlighted HTML (escaped there, <mark> only — checked here).
"use strict";

const PAGE = 10;
const TAGS_SHOWN = 3;  // tag chips per hit on a phone
const $ = (id) => document.getElementById(id);
const input = $("q"), form = $("search-form"), list = $("suggestions");
const statusEl = $("status"), notes = $("notes"), results = $("results"), pager = $("pager"),
  facetsEl = $("facets"), filtersEl = $("filters"), emptyEl = $("empty"), facetToggle = $("facet-toggle"),
  sortEl = $("sort");
const LISTS = ["tag", "category", "author", "lang"];  // filters that take several values
const SORTS = ["date", "date-asc"];                   // besides relevance, the default

// What is searched: the query, filters and page. Mirrored in the URL hash.
// asTyped: "search instead" was clicked: the query is searched without typing help (autocorrect=0).
// Every field is written to the URL and read back on load, reload, Back and Forward.
const state = { q: "", tag: [], category: [], author: [], lang: [], year: "", sort: "", page: 1, similar: "",
  asTyped: false };
let composing = false;       // inside a Korean IME composition: no requests
let searchTimer = 0, suggestTimer = 0;
let searchAbort = null, suggestAbort = null;
let active = -1;             // highlighted suggestion

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c);  // strings become text nodes
  return e;
}

// The server's snippet HTML: escaped text with <mark> only. Anything else
// (an older server, a bug) falls back to building the marks from offsets.
function marked(snip) {
  const frag = document.createDocumentFragment();
  if (!snip) return frag;
  if (typeof snip.html === "string") {
    const t = document.createElement("template");
    t.innerHTML = snip.html;
    const ok = [...t.content.querySelectorAll("*")].every((n) => n.tagName === "MARK" && n.attributes.length === 0);
    if (ok) { frag.append(t.content); return frag; }
  }
  const cps = Array.from(snip.text || "");
  let at = 0;
  for (const [b, e] of snip.matches || []) {
    frag.append(cps.slice(at, b).join(""), el("mark", {}, cps.slice(b, e).join("")));
    at = e;
  }
  frag.append(cps.slice(at).join(""));
  return frag;
}

function safeUrl(u) {
  if (typeof u !== "string" || !u) return null;
  if (u.startsWith("/") && !u.startsWith("//")) return u;
  try { const p = new URL(u); return p.protocol === "https:" || p.protocol === "http:" ? p.href : null; }
  catch { return null; }
}

// A post's link: an absolute URL opens the blog; a site-relative one (no
// --site-url anywhere) opens this server's preview of the post, told the
// query so that its "back" link returns to these results.
function postUrl(u) {
  const s = safeUrl(u);
  if (!s || !s.startsWith("/") || !state.q) return s;
  // The query goes before a section's #anchor, which must stay last.
  const hash = s.indexOf("#");
  const [path, frag] = hash < 0 ? [s, ""] : [s.slice(0, hash), s.slice(hash)];
  return path + (path.includes("?") ? "&" : "?") + "q=" + encodeURIComponent(state.q) + frag;
}

// --- URL state -------------------------------------------------------------
function readHash() {
  const src = location.hash.length > 1 ? location.hash.slice(1) : location.search.slice(1);
  const p = new URLSearchParams(src);
  state.q = p.get("q") || "";
  for (const f of LISTS) state[f] = p.getAll(f).filter(Boolean);
  state.year = /^\d{4}$/.test(p.get("year") || "") ? p.get("year") : "";
  state.sort = SORTS.includes(p.get("sort")) ? p.get("sort") : "";
  state.page = Math.max(1, parseInt(p.get("page") || "1", 10) || 1);
  // The similar list's title: kept in the history entry (reload, Back,
  // Forward); a bookmark has only the id.
  state.similar = p.get("similar") || "";
  const kept = history.state && typeof history.state.similarTitle === "string" ? history.state.similarTitle : "";
  state.similarTitle = state.similar ? kept : "";
  state.asTyped = p.get("autocorrect") === "0";
  input.value = state.q;
  sortEl.value = state.sort;
}
function writeHash(push) {
  const p = new URLSearchParams();
  if (state.q) p.set("q", state.q);
  for (const f of LISTS) for (const v of state[f]) p.append(f, v);
  if (state.year) p.set("year", state.year);
  if (state.sort) p.set("sort", state.sort);
  if (state.page > 1) p.set("page", String(state.page));
  if (state.similar) p.set("similar", state.similar);
  if (state.asTyped && state.q) p.set("autocorrect", "0");
  const h = "#" + p.toString();
  if (h !== location.hash) history[push ? "pushState" : "replaceState"]({ similarTitle: state.similar ? state.similarTitle || "" : "" },
    "", h === "#" ? location.pathname : h);
}
const hasFilter = () => LISTS.some((f) => state[f].length) || !!state.year;

// --- searching ---------------------------------------------------------------
function scheduleSearch(delay) {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => { state.page = 1; search(false); }, delay);
}

async function search(push) {
  clearTimeout(searchTimer);
  writeHash(push);
  shown = location.hash;
  renderFilters();
  if (!state.q.trim() && !hasFilter() && !state.similar) {
    results.replaceChildren(); pager.replaceChildren(); notes.replaceChildren(); renderFacets(null);
    emptyEl.hidden = true; statusEl.textContent = "";
    return;
  }
  const p = new URLSearchParams({ n: String(PAGE), offset: String((state.page - 1) * PAGE), facets: "1" });
  if (state.similar) p.set("id", state.similar); else p.set("q", state.q);
  if (state.asTyped && !state.similar) p.set("autocorrect", "0");
  for (const f of LISTS) for (const v of state[f]) p.append(f, v);
  if (state.year) { p.set("since", state.year); p.set("until", state.year); }
  if (state.sort) p.set("sort", state.sort);
  if (searchAbort) searchAbort.abort();
  searchAbort = new AbortController();
  const started = performance.now();
  statusEl.textContent = "검색 중…";
  try {
    const res = await fetch((state.similar ? "/similar?" : "/search?") + p, { signal: searchAbort.signal });
    const body = await res.json();
    if (!res.ok) { showError(body.error || res.statusText); return; }
    render(body, (performance.now() - started) / 1000);
  } catch (e) {
    if (e.name !== "AbortError") showError("서버에 연결할 수 없습니다");
  }
}

function showError(msg) {
  statusEl.textContent = "오류: " + msg;
  results.replaceChildren(); pager.replaceChildren(); emptyEl.hidden = true;
}

function render(r, secs) {
  // estimated_total counts posts holding the query's words; partial matches
  // (found only through pieces of a word no post holds) are listed after
  // them but counted apart.
  const whole = r.estimated_total || 0, part = r.partial_match_total || 0, total = whole + part;
  // A #similar= bookmark knows only the id: the server names the post.
  if (state.similar && !state.similarTitle && r.similar_to && r.similar_to.id === state.similar &&
      typeof r.similar_to.title === "string") {
    state.similarTitle = r.similar_to.title;
    history.replaceState({ similarTitle: state.similarTitle }, "");
    renderFilters();
  }
  const what = state.similar ? `"${state.similarTitle || state.similar}"와 비슷한 글` : `"${state.q}"`;
  const words = (r.partial_match_words || []).map((w) => `"${w}"`).join(", ");
  const page = `${state.page}쪽 (${secs.toFixed(2)}초)`;
  statusEl.textContent = total === 0 ? `${what}에 대한 결과가 없습니다`
    : whole === 0 ? `${words}이(가) 들어간 글은 없습니다 · 일부만 들어간 글 ${part.toLocaleString()}건 · ${page}`
    : `${state.similar ? what + " · " : ""}결과 ${whole.toLocaleString()}건` +
      (part ? ` · ${words}의 일부만 들어간 글 ${part.toLocaleString()}건` : "") + ` · ${page}`;
  notes.replaceChildren();
  if (r.search_instead) notes.append(`"${r.query}" 결과를 보여 줍니다. `,
    el("button", { type: "button", onclick: () => setQuery(r.search_instead, true) }, `"${r.search_instead}"로 검색`));
  if (r.did_you_mean) notes.append("이것을 찾으셨나요? ",
    el("button", { type: "button", onclick: () => setQuery(r.did_you_mean) }, r.did_you_mean));
  results.replaceChildren(...(r.hits || []).map(hitItem));
  renderPager(total);
  renderFacets(r.facets);
  renderEmpty(total === 0 ? r : null);
  if (total === 0 && (r.did_you_mean || r.search_instead)) notes.replaceChildren();  // offered in #empty
}

// Zero results: the correction (if the server has one), tips, buttons that
// drop each filter, and the blog's most frequent tags.
function renderEmpty(r) {
  emptyEl.replaceChildren();
  emptyEl.hidden = !r;
  if (!r) return;
  const fix = r.did_you_mean || r.search_instead;
  if (fix) emptyEl.append(el("p", { class: "fix" }, "이것을 찾으셨나요? ",
    el("button", { type: "button", onclick: () => setQuery(fix, !r.did_you_mean) }, fix)));
  const tips = el("ul", { class: "tips" }, el("li", {}, "맞춤법과 띄어쓰기를 확인해 보세요."),
    el("li", {}, "단어 수를 줄이거나 더 일반적인 단어로 검색해 보세요."),
    el("li", {}, sampleWord ? `초성만으로도 찾을 수 있습니다 (예: ${sampleWord} → ${initials(sampleWord)}).`
      : "초성만으로도 찾을 수 있습니다."));
  if (hasFilter()) {
    const li = el("li", { class: "drop" }, "필터를 빼 보세요: ");
    for (const [field, v, label] of filterList())
      li.append(el("button", { type: "button", "aria-label": `${label} 필터 해제`, onclick: () => toggle(field, v) }, label));
    tips.append(li);
  }
  emptyEl.append(el("h2", {}, "검색 도움말"), tips);
  overview().then((o) => {
    if (emptyEl.hidden || !o.tags.length || emptyEl.querySelector(".top-tags")) return;
    const ul = el("ul", { class: "top-tags" });
    for (const t of o.tags.slice(0, 12))
      ul.append(el("li", {}, el("button", { type: "button", title: "이 태그의 글 보기", onclick: () => showTag(t.value) },
        "#" + t.value, el("span", { class: "count" }, String(t.count)))));
    emptyEl.append(el("h2", {}, "자주 쓰인 태그"), ul);
  });
}

function showTag(t) {
  input.value = ""; state.q = ""; state.similar = ""; state.asTyped = false;
  for (const f of LISTS) state[f] = [];
  state.year = ""; state.tag = [t]; state.page = 1;
  search(true);
}

// The blog's tag counts, asked once: a filter-only search that every dated
// post passes (since=1000), facets only.
let overviewPromise = null;
function overview() {
  if (!overviewPromise)
    overviewPromise = fetch("/search?" + new URLSearchParams({ since: "1000", n: "1", facets: "1" }))
      .then((res) => (res.ok ? res.json() : {}))
      .then((b) => ({ tags: (b.facets && b.facets.tags) || [] }))
      .catch(() => ({ tags: [] }));
  return overviewPromise;
}

// 초성 of a Hangul word: the first consonant of each syllable.
const CHO = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
const initials = (w) => Array.from(w, (c) => {
  const n = c.codePointAt(0) - 0xac00;
  return n >= 0 && n < 11172 ? CHO[Math.floor(n / 588)] : c;
}).join("");

// The placeholder's example: the blog's most frequent Hangul title word and
// its 초성 (GET /health "sample").
let sampleWord = "";
function setPlaceholder() {
  fetch("/health").then((res) => (res.ok ? res.json() : {})).then((h) => {
    const s = h.sample;
    if (!s || typeof s.word !== "string" || !/^[가-힣]{2,10}$/.test(s.word)) return;
    sampleWord = s.word;
    input.placeholder = `검색어 (예: ${s.word}, ${initials(s.word)})  — / 키로 이동`;
  }).catch(() => { /* offline: the plain placeholder stays */ });
}

function hitItem(h) {
  const href = postUrl(h.url);
  const title = h.title_marked ? marked(h.title_marked) : document.createTextNode(h.title || h.id);
  const meta = el("div", { class: "meta" });
  if (h.date) meta.append(el("time", { datetime: h.date }, h.date.slice(0, 10)));
  if (h.partial_match) meta.append(el("span", { class: "partial", title: "검색어 일부만 들어 있는 글" }, "부분 일치"));
  for (const c of h.categories || [])
    meta.append(el("button", { type: "button", title: "분류로 좁히기", onclick: () => toggle("category", c) }, c));
  // A phone shows the first TAGS_SHOWN tags and a "+N" button for the rest (style.css hides .extra).
  const tags = h.tags || [];
  tags.forEach((t, i) => meta.append(el("button", { type: "button", title: "태그로 좁히기",
    class: i < TAGS_SHOWN ? "tag" : "tag extra", onclick: () => toggle("tag", t) }, "#" + t)));
  if (tags.length > TAGS_SHOWN)
    meta.append(el("button", { type: "button", class: "more", "aria-label": `태그 ${tags.length - TAGS_SHOWN}개 더 보기`,
      onclick: (e) => { meta.classList.add("all-tags"); e.currentTarget.remove(); } }, `+${tags.length - TAGS_SHOWN}`));
  meta.append(el("button", { type: "button", class: "similar", onclick: () => {
    state.similar = h.id; state.similarTitle = h.title; state.page = 1; search(true); } }, "비슷한 글"));
  // The post's own language, so that Chinese and Japanese text gets a font that has it.
  const lang = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/.test(h.lang || "") ? h.lang : "";
  if ((h.translations || []).length)
    meta.append(el("span", { class: "translations", title: "다른 언어로 된 같은 글" },
      "다른 언어: " + h.translations.map((t) => t.lang || t.id).join(", ")));
  // Its sections that hold the query: the heading, linked to its anchor, and the passage under it.
  const secs = (h.sections || []).filter((s) => s && s.heading);
  const sections = secs.length ? el("ul", { class: "sections", "aria-label": "이 글의 해당 부분" },
    ...secs.map((s) => {
      const to = postUrl(s.url);
      return el("li", { class: "section" },
        el("a", to ? { href: to, class: "section-heading" } : { class: "section-heading" }, "§ " + s.heading),
        s.snippet && s.snippet.text ? el("p", { class: "snippet" }, marked(s.snippet)) : null);
    })) : null;
  return el("li", lang ? { class: "hit", "data-id": h.id, lang } : { class: "hit", "data-id": h.id },
    el("h2", {}, href ? el("a", { href }, title) : title),
    h.subtitle ? el("p", { class: "subtitle" }, h.subtitle) : null,
    meta,
    h.snippet && h.snippet.text ? el("p", { class: "snippet" }, marked(h.snippet)) : null,
    sections);
}

function renderPager(total) {
  pager.replaceChildren();
  const pages = Math.min(Math.ceil(total / PAGE), 1000);
  if (pages <= 1) return;
  const go = (n) => () => { state.page = n; search(true); results.focus(); window.scrollTo(0, 0); };
  if (state.page > 1) pager.append(el("button", { type: "button", onclick: go(state.page - 1) }, "← 이전"));
  const from = Math.max(1, state.page - 4), to = Math.min(pages, from + 9);
  for (let n = from; n <= to; n++) {
    const b = el("button", { type: "button", onclick: go(n), "aria-label": `${n}쪽` }, String(n));
    if (n === state.page) b.setAttribute("aria-current", "page");
    pager.append(b);
  }
  if (state.page < pages) pager.append(el("button", { type: "button", onclick: go(state.page + 1) }, "다음 →"));
}

function renderFacets(f) {
  facetsEl.replaceChildren();
  facetToggle.hidden = true;
  if (!f) return;
  const group = (title, field, values) => {
    if (!values || !values.length) return;
    const ul = el("ul");
    for (const v of values) {
      const on = field === "year" ? state.year === v.value : state[field].includes(v.value);
      facetToggle.hidden = false;
      ul.append(el("li", {}, el("button", { type: "button", "aria-pressed": String(on), onclick: () => toggle(field, v.value) },
        v.value, el("span", { class: "count" }, String(v.count)))));
    }
    facetsEl.append(el("h2", {}, title), ul);
  };
  group("태그", "tag", f.tags);
  group("분류", "category", f.categories);
  group("연도", "year", f.years);
}

// The filters set, as [field, value, label].
function filterList() {
  const out = [];
  for (const t of state.tag) out.push(["tag", t, "#" + t]);
  for (const c of state.category) out.push(["category", c, c]);
  for (const a of state.author) out.push(["author", a, "글쓴이: " + a]);
  for (const l of state.lang) out.push(["lang", l, "언어: " + l]);
  if (state.year) out.push(["year", state.year, state.year + "년"]);
  return out;
}

function renderFilters() {
  filtersEl.replaceChildren();
  for (const [field, v, label] of filterList()) filtersEl.append(
    el("button", { type: "button", "aria-label": `${label} 필터 해제`, onclick: () => toggle(field, v) }, label));
  if (state.similar) filtersEl.append(el("button", { type: "button", "aria-label": "비슷한 글 보기 해제",
    onclick: () => { state.similar = ""; state.page = 1; search(true); } }, "비슷한 글: " + (state.similarTitle || state.similar)));
}

function toggle(field, v) {
  if (field === "year") state.year = state.year === v ? "" : v;
  else state[field] = state[field].includes(v) ? state[field].filter((x) => x !== v) : [...state[field], v];
  state.page = 1;
  search(true);
}

function setQuery(q, asTyped = false) {
  input.value = q; state.q = q; state.asTyped = asTyped; state.page = 1; state.similar = ""; closeSuggestions(); search(true);
}

// --- suggestions ---------------------------------------------------------------
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
      const res = await fetch("/suggest?" + new URLSearchParams({ q, n: "8" }), { signal: suggestAbort.signal });
      if (!res.ok || q !== input.value) return;
      showSuggestions((await res.json()).suggestions || []);
    } catch (e) { /* aborted or offline: no suggestions */ }
  }, 120);
}

function showSuggestions(items) {
  list.replaceChildren(); active = -1;
  items.forEach((s, i) => {
    const li = el("li", { id: "sg-" + i, role: "option", "aria-selected": "false", "data-kind": s.kind },
      el("span", {}, s.text), el("span", { class: "kind" }, { word: "단어", tag: "태그", category: "분류", title: "제목" }[s.kind] || ""));
    li.addEventListener("mousedown", (e) => { e.preventDefault(); pick(s); });
    li._s = s;
    list.append(li);
  });
  list.hidden = items.length === 0;
  input.setAttribute("aria-expanded", String(items.length > 0));
}

function pick(s) {
  if (s.kind === "title" && safeUrl(s.url)) { location.href = postUrl(s.url); return; }
  if (s.kind === "tag") { closeSuggestions(); input.value = state.q; toggle("tag", s.text); return; }
  if (s.kind === "category") { closeSuggestions(); input.value = state.q; toggle("category", s.text); return; }
  setQuery(s.text);
}

function move(delta) {
  const items = [...list.children];
  if (!items.length) return;
  if (active >= 0) items[active].setAttribute("aria-selected", "false");
  // Positions 0..n: 0 is the box itself, i + 1 the i-th suggestion; wraps around.
  active = ((active + 1 + delta + items.length + 1) % (items.length + 1)) - 1;
  if (active >= 0) {
    items[active].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", items[active].id);
  } else input.removeAttribute("aria-activedescendant");
}

// --- events ----------------------------------------------------------------------
input.addEventListener("compositionstart", () => { composing = true; clearTimeout(searchTimer); clearTimeout(suggestTimer); });
input.addEventListener("compositionend", () => { composing = false; onTyped(); });
input.addEventListener("input", (e) => { if (!composing && !e.isComposing) onTyped(); });
function onTyped() {
  state.q = input.value;
  state.similar = "";
  state.asTyped = false;  // a query typed anew gets typing help again
  scheduleSuggest();
  scheduleSearch(250);
}
input.addEventListener("keydown", (e) => {
  if (e.isComposing || composing) return;  // the IME owns these keys
  if (e.key === "ArrowDown") { e.preventDefault(); if (list.hidden) scheduleSuggest(); else move(1); }
  else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
  else if (e.key === "Escape") { if (!list.hidden) { e.preventDefault(); closeSuggestions(); } }
  else if (e.key === "Enter" && active >= 0) { e.preventDefault(); pick(list.children[active]._s); }
});
input.addEventListener("blur", () => setTimeout(closeSuggestions, 100));
form.addEventListener("submit", (e) => {
  e.preventDefault(); clearTimeout(suggestTimer); closeSuggestions();
  if (input.value !== state.q) state.asTyped = false;
  state.q = input.value; state.page = 1; state.similar = ""; search(true);
});
document.addEventListener("keydown", (e) => {
  if (e.key === "/" && document.activeElement !== input && !e.ctrlKey && !e.metaKey && !e.altKey) {
    e.preventDefault(); input.focus(); input.select();
  }
});
// Back, Forward and a hash edited by hand: the URL is the state. Both events
// fire for one history step; the second finds nothing new.
let shown = null;
function restore() {
  if (location.hash === shown) return;
  readHash();
  search(false);
}
window.addEventListener("popstate", restore);
window.addEventListener("hashchange", restore);
sortEl.addEventListener("change", () => { state.sort = SORTS.includes(sortEl.value) ? sortEl.value : ""; state.page = 1; search(true); });
facetToggle.addEventListener("click", () => {
  const open = facetToggle.getAttribute("aria-expanded") !== "true";
  facetToggle.setAttribute("aria-expanded", String(open));
  facetsEl.classList.toggle("open", open);
});
results.tabIndex = -1;

readHash();
setPlaceholder();
if (state.q || hasFilter() || state.similar) search(false);
else input.focus();
