#include "snippet.hpp"

#include "analysis.hpp"
#include "korean.hpp"
#include "utf8.hpp"

#include "passages.hpp"
#include "schema.hpp"
#include "stored_text.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <utility>

namespace newsidx::detail {

namespace {

constexpr std::size_t kScanBytes = 256u << 10;  // look for the best passage in the first 256 KiB
constexpr std::size_t kLead = 24;               // code points shown before the first match
constexpr std::size_t kMaxNeedleHits = 256;     // per needle: the best passage is rarely beyond

// How a post's word meets the query. A Word is a query word (one of its
// spellings, a part of a compound, a prefix's completion) and is marked. A
// Part only shares a Hangul bigram with an unknown query word (the last
// resort, or a --similar post's bigram terms): it places the snippet but is
// never marked, since it is not the word asked for (쿼카멜레온 is not 카멜레온).
enum class Meets { None, Part, Word };

Meets meets(const Word& w, const BuiltQuery& q) {
    if (q.terms.count(w.surface) || q.terms.count(w.stem)) return Meets::Word;
    for (const WordPart& p : w.parts)
        if (q.terms.count(p.stem) || q.terms.count(p.surface)) return Meets::Word;
    for (const std::string& p : q.prefixes)
        if (w.surface.compare(0, p.size(), p) == 0 || w.stem.compare(0, p.size(), p) == 0) return Meets::Word;
    for (const std::string& b : w.bigrams)
        if (q.bigrams.count(b)) return Meets::Part;
    return Meets::None;
}

// Two neighbouring words that are the halves of a spaced split (쿼카 멜레온
// for 쿼카멜레온), as the phrase matched them: each position holds the
// word's surface and stem.
bool split_pair(const Word& a, const Word& b, const BuiltQuery& q) {
    for (const std::string* x : {&a.stem, &a.surface})
        for (const std::string* y : {&b.stem, &b.surface})
            if (q.splits.count({*x, *y})) return true;
    return false;
}

bool is_space(char32_t c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == 0x3000 || c == 0xA0; }

// The analyzer is the only judge of a match, but running it over a whole
// post per hit is what made snippets cost 4x the search. So first find where
// matches can be with a plain byte search for cheap needles (each query term,
// bigram and prefix; a Latin stem minus its last letter, which Snowball may
// have changed: happili <- happily), then analyze only the text around them.
std::vector<std::string> needles(const BuiltQuery& q) {
    std::vector<std::string> out;
    auto add = [&](std::string n) {
        bool ascii = true;
        for (char& c : n) {
            if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
            else c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        if (ascii && n.size() >= 4) n.pop_back();
        if (!n.empty()) out.push_back(std::move(n));
    };
    for (const std::string& t : q.terms) {
        add(t);
        // Written spaced (스타 게이트 for 스타게이트: the post's join term):
        // its first two syllables find the spot, the analyzer decides.
        if (t.size() >= 12 && hangul_syllables(t) * 3 == t.size()) add(t.substr(0, 6));
    }
    for (const std::string& b : q.bigrams) add(b);
    for (const std::string& p : q.prefixes) add(p);
    // The halves of a split (오픈 AI for 오픈AI) stand in two chunks: both are
    // needles, the analyzer then keeps them only side by side.
    for (const auto& [first, second] : q.splits) {
        add(first);
        add(second);
    }
    std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) { return a.size() < b.size(); });
    // A needle holding a shorter one finds nothing new.
    std::vector<std::string> kept;
    for (const std::string& n : out)
        if (std::none_of(kept.begin(), kept.end(), [&](const std::string& k) { return n.find(k) != std::string::npos; }))
            kept.push_back(n);
    return kept;
}

bool has_ascii_letter(const std::string& s) {
    return std::any_of(s.begin(), s.end(), [](unsigned char c) { return std::isalpha(c); });
}

// Byte ranges of `scan` worth analyzing: the whitespace-delimited chunk (an
// eojeol, with its punctuation) around each needle hit, merged. Words that
// match no needle cannot match the query, and passage choice needs only the
// matches, so the rest of the post is never analyzed. Empty when no needle occurs.
std::vector<std::pair<std::size_t, std::size_t>> regions(std::string_view scan, const std::vector<std::string>& ns) {
    std::vector<std::pair<std::size_t, std::size_t>> hits;
    std::string lower;  // ASCII-lowered copy, made only when a needle needs it
    for (const std::string& n : ns) {
        std::string_view hay = scan;
        if (has_ascii_letter(n)) {
            if (lower.empty()) {
                lower.assign(scan);
                for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            }
            hay = lower;
        }
        std::size_t found = 0;
        for (std::size_t at = hay.find(n); at != std::string_view::npos && found < kMaxNeedleHits;
             at = hay.find(n, at + n.size()), ++found)
            hits.push_back({at, at + n.size()});
    }
    std::sort(hits.begin(), hits.end());
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (const auto& [h, e] : hits) {
        if (!out.empty() && h <= out.back().second) {
            out.back().second = std::max(out.back().second, e);
            continue;
        }
        out.push_back({h, e});
    }
    for (auto& [a, b] : out) {
        // Start and end on whitespace (or a character boundary), never inside a word.
        for (std::size_t k = 0; a > 0 && k < 64 && !std::isspace(static_cast<unsigned char>(scan[a - 1])); ++k) --a;
        a = utf8::floor_boundary(scan, a);
        for (std::size_t k = 0; b < scan.size() && k < 64 && !std::isspace(static_cast<unsigned char>(scan[b])); ++k) ++b;
        // And the next word: a spaced spelling (스타 게이트) is matched by the
        // join of a word and its neighbour.
        for (std::size_t k = 0; b < scan.size() && k < 4 && std::isspace(static_cast<unsigned char>(scan[b])); ++k) ++b;
        for (std::size_t k = 0; b < scan.size() && k < 64 && !std::isspace(static_cast<unsigned char>(scan[b])); ++k) ++b;
        b = utf8::floor_boundary(scan, b);
    }
    // Widening may have made neighbours touch.
    std::vector<std::pair<std::size_t, std::size_t>> merged;
    for (const auto& r : out) {
        if (!merged.empty() && r.first <= merged.back().second) merged.back().second = std::max(merged.back().second, r.second);
        else merged.push_back(r);
    }
    return merged;
}

}  // namespace

Snippet make_snippet(std::string_view text, const Analyzer& analyzer, const BuiltQuery& q, std::size_t chars,
                     bool whole, const std::vector<Around>* windows) {
    const std::string_view scan = text.substr(0, utf8::floor_boundary(text, std::min(text.size(), kScanBytes)));
    struct Match {
        std::size_t begin, end;  // bytes
        std::size_t cp;          // code point offset of begin
        std::string key;
        bool word;  // a query word, marked; else a part (Meets::Part), only placing the window
    };
    std::vector<Match> ms;
    {
        std::vector<std::pair<std::size_t, std::size_t>> parts;
        if (!whole && windows) {
            // Each window, and the text a snippet starting in it may show
            // (its lead before, `chars` after), where matches are marked.
            std::vector<std::pair<std::size_t, std::size_t>> spans;
            for (const Around& w : *windows) {
                if (w.begin >= w.end) continue;
                const std::size_t begin = std::min(w.begin, scan.size());
                spans.push_back({utf8::floor_boundary(scan, begin - std::min(begin, 4 * kLead)),
                                 utf8::floor_boundary(scan, std::min(w.end + 4 * chars + 64, scan.size()))});
            }
            std::sort(spans.begin(), spans.end());
            const std::vector<std::string> ns = needles(q);
            std::size_t done = 0;  // spans overlap: each byte is searched once
            for (auto [lo, hi] : spans) {
                lo = std::max(lo, done);
                if (lo >= hi) continue;
                for (auto [a, b] : regions(scan.substr(lo, hi - lo), ns)) {
                    if (!parts.empty() && a + lo <= parts.back().second) parts.back().second = std::max(parts.back().second, b + lo);
                    else parts.push_back({a + lo, b + lo});
                }
                done = hi;
            }
        } else if (!whole) {
            parts = regions(scan, needles(q));
        }
        // Titles are read whole. A post where no needle occurs (it matched by
        // its title or tags; or it is NFD Hangul or full-width letters, which
        // only the analyzer's normalization matches) shows its beginning, so
        // only that is analyzed.
        if (whole) parts.push_back({0, scan.size()});
        else if (parts.empty()) parts.push_back({0, utf8::floor_boundary(scan, std::min(scan.size(), 4 * chars + 64))});
        // One analyzer call for all regions (a call has a fixed cost): joined
        // by a paragraph break, which no word spans.
        std::string joined;
        std::vector<std::size_t> starts;  // offset of each region in `joined`
        for (const auto& [a, b] : parts) {
            starts.push_back(joined.size());
            joined.append(scan.substr(a, b - a));
            joined += "\n\n";
        }
        auto region = [&](std::size_t b) {
            return static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), b) - starts.begin()) - 1;
        };
        const std::vector<Word> ws = analyze(analyzer, joined);
        std::vector<bool> split(ws.size(), false);  // one of the two halves of a spaced split
        if (!q.splits.empty())
            for (std::size_t i = 0; i + 1 < ws.size(); ++i)
                if (region(ws[i].begin) == region(ws[i + 1].begin) && split_pair(ws[i], ws[i + 1], q))
                    split[i] = split[i + 1] = true;
        std::size_t cp = 0, at = 0;
        bool next_too = false;  // the previous word's join (스타 + 게이트) is a query term
        for (std::size_t i = 0; i < ws.size(); ++i) {
            const Word& w = ws[i];
            const bool spaced = std::exchange(next_too, !w.joined.empty() && q.terms.count(w.joined) > 0);
            const Meets how = spaced || next_too || split[i] ? Meets::Word : meets(w, q);
            if (how == Meets::None) continue;
            const std::size_t k = region(w.begin);
            const std::size_t shift = parts[k].first - starts[k];
            const std::size_t begin = w.begin + shift;
            cp += utf8::length(scan.substr(at, begin - at));
            at = begin;
            ms.push_back({begin, w.end + shift, cp, w.stem, how == Meets::Word});
        }
    }

    // Choose the window [from, to) in bytes.
    std::size_t from = 0, to = text.size();
    if (!whole) {
        // With a window, a passage starts at a match inside it, if there is one.
        auto starts_in = [&](const Match& m) {
            return !windows || std::any_of(windows->begin(), windows->end(),
                                           [&](const Around& w) { return m.begin >= w.begin && m.begin < w.end; });
        };
        const bool any_in = std::any_of(ms.begin(), ms.end(), starts_in);
        std::size_t best = 0, best_score = 0;
        for (std::size_t i = 0; i < ms.size(); ++i) {
            if (any_in && !starts_in(ms[i])) continue;
            // Most distinct query words first, then most distinct parts.
            std::set<std::string_view> words, bits;
            std::size_t count = 0;
            for (std::size_t j = i; j < ms.size() && ms[j].cp < ms[i].cp + chars - kLead; ++j) {
                (ms[j].word ? words : bits).insert(ms[j].key);
                ++count;
            }
            const std::size_t score = words.size() * 100000 + bits.size() * 1000 + count;
            if (score > best_score) best_score = score, best = i;
        }
        // Walk back kLead code points (to a space if one is near), then forward `chars`.
        if (!ms.empty()) {
            from = ms[best].begin;
            for (std::size_t k = 0; k < kLead && from > 0; ++k) from = utf8::floor_boundary(text, from - 1);
            for (std::size_t k = from, steps = 0; k < ms[best].begin && steps < 12; ++steps) {
                if (is_space(static_cast<unsigned char>(text[k]))) {
                    from = k + 1;
                    break;
                }
                utf8::next(text, k);
            }
        }
        to = from;
        for (std::size_t k = 0; k < chars && to < text.size(); ++k) utf8::next(text, to);
        // End at a space when one is close, so a word is not cut in half.
        for (std::size_t k = to, steps = 0; k < text.size() && steps < 12; ++steps) {
            const std::size_t before = k;
            if (is_space(utf8::next(text, k))) {
                to = before;
                break;
            }
        }
    }

    Snippet s;
    std::size_t out_cp = 0;
    auto put = [&](char32_t c) {
        utf8::append(s.text, c);
        ++out_cp;
    };
    // Skip leading whitespace; mark the cut.
    while (from < to && is_space(static_cast<unsigned char>(text[from]))) ++from;
    if (from > 0) put(U'…');
    ms.erase(std::remove_if(ms.begin(), ms.end(), [](const Match& x) { return !x.word; }), ms.end());
    auto m = std::lower_bound(ms.begin(), ms.end(), from, [](const Match& a, std::size_t f) { return a.begin < f; });
    bool last_space = true;
    std::size_t open = 0;
    bool in_match = false;
    for (std::size_t i = from; i < to;) {
        if (in_match && i >= m->end) {
            s.matches.push_back({open, out_cp});
            in_match = false;
            ++m;
        }
        while (!in_match && m != ms.end() && m->begin < i) ++m;  // one cut off by the window start
        if (!in_match && m != ms.end() && i == m->begin && m->end <= to) {
            open = out_cp;
            in_match = true;
        }
        const char32_t c = utf8::next(text, i);
        if (is_space(c) || c < 0x20) {
            if (!last_space) put(U' ');
            last_space = true;
        } else {
            put(c);
            last_space = false;
        }
    }
    if (in_match) s.matches.push_back({open, out_cp});
    while (!s.text.empty() && s.text.back() == ' ') {
        s.text.pop_back();
        --out_cp;
    }
    if (to < text.size()) put(U'…');
    return s;
}

namespace {

constexpr std::size_t kMaxWindowBytes = 32u << 10;  // two sentences: longer ones are cut
constexpr std::size_t kSnippetWindows = 8;           // the best windows searched (bench/RESULTS.md)
constexpr std::size_t kWholeTextBytes = 16u << 10;   // texts up to this are read whole

}  // namespace

std::vector<FocusWord> snippet_focus(const Xapian::Database& db, const BuiltQuery& q) {
    std::vector<FocusWord> focus = weighted_focus(db, q);
    if (focus.empty()) {  // a phrase, a field's words: the terms it looks for
        const std::vector<std::string> terms(q.terms.begin(), q.terms.end());
        focus = focus_words(terms, std::vector<double>(terms.size(), 1.0));
    }
    return focus;
}

std::optional<std::vector<Around>> snippet_windows(const Xapian::Document& doc, const std::vector<FocusWord>* focus,
                                                   std::size_t text_size) {
    // A short text is its own bounded window: read whole, as cheap as the sketch.
    if (!focus || text_size <= kWholeTextBytes) return std::nullopt;
    return snippet_windows(PassageSketch(doc.get_value(schema::kSlotPassages), doc.get_docid()), *focus, text_size);
}

std::optional<std::vector<Around>> snippet_windows(const PassageSketch& sketch, const std::vector<FocusWord>& focus,
                                                   std::size_t text_size) {
    if (text_size <= kWholeTextBytes || !sketch.has_offsets()) return std::nullopt;
    // None (the beginning) when the sketch finds no query word: a post
    // matched by its title or tags.
    std::vector<Around> out;
    for (const BestPassage& best : best_passages(sketch, focus, kSnippetWindows)) {
        Around w;
        w.begin = sketch.start(best.sentence);
        const std::size_t after = best.sentence + 2;
        w.end = std::min(after < sketch.sentences() ? sketch.start(after) : w.begin + kMaxWindowBytes,
                         w.begin + kMaxWindowBytes);
        out.push_back(w);
    }
    std::sort(out.begin(), out.end(), [](const Around& a, const Around& b) { return a.begin < b.begin; });
    return out;
}

std::size_t snippet_read_bytes(const std::vector<Around>& windows, std::size_t chars) {
    std::size_t end = 0;
    for (const Around& w : windows) end = std::max(end, w.end);
    return end + 4 * chars + 256;
}

std::string section_url(std::string_view url, std::string_view anchor) {
    if (anchor.empty()) return std::string(url);
    std::string out(url.substr(0, url.find('#')));
    out.push_back('#');
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (const char c : anchor) {
        const auto u = static_cast<unsigned char>(c);
        // RFC 3986 fragment characters stay; the rest (Hangul's bytes) are escaped.
        if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~' || c == ':')
            out.push_back(c);
        else {
            out.push_back('%');
            out.push_back(kHex[u >> 4]);
            out.push_back(kHex[u & 15]);
        }
    }
    return out;
}

namespace {

// The sections to show: indexes into `sections`, best first.
struct Chosen {
    std::size_t index;
    double coverage;
};

std::vector<Chosen> choose_sections(const PassageSketch& sketch, const std::vector<schema::StoredSection>& sections,
                                    const std::vector<FocusWord>& focus) {
    // Each section's first sentence: the first starting at or after its heading.
    std::vector<std::size_t> first;
    first.reserve(sections.size());
    std::size_t j = 0;
    for (const schema::StoredSection& s : sections) {
        while (j < sketch.sentences() && sketch.start(j) < s.offset) ++j;
        first.push_back(j);
    }
    const std::vector<double> cov = span_coverages(sketch, focus, first);
    double best = 0;
    for (double c : cov) best = std::max(best, c);
    std::vector<Chosen> out;
    if (best <= 0) return out;
    for (std::size_t i = 0; i < cov.size(); ++i)
        if (cov[i] > 0 && cov[i] >= best / 2) out.push_back({i, cov[i]});
    std::stable_sort(out.begin(), out.end(), [](const Chosen& a, const Chosen& b) { return a.coverage > b.coverage; });
    if (out.size() > kMaxHitSections) out.resize(kMaxHitSections);
    return out;
}

// Where section `i`'s text (after its heading's line) starts and ends in the stored text.
std::pair<std::size_t, std::size_t> section_span(const std::vector<schema::StoredSection>& sections, std::size_t i,
                                                 std::size_t text_size) {
    const std::size_t end = i + 1 < sections.size() ? std::min<std::size_t>(sections[i + 1].offset, text_size) : text_size;
    const std::size_t begin = std::min<std::size_t>(sections[i].offset + sections[i].heading.size(), end);
    return {begin, std::min(end, begin + kSectionTextBytes)};
}

}  // namespace

Snippet hit_snippet(const Xapian::Document& doc, const Analyzer& analyzer, const BuiltQuery& q,
                    const std::vector<FocusWord>* focus, std::size_t chars,
                    const std::vector<schema::StoredSection>* sections, const std::string& url,
                    std::vector<HitSection>* out) {
    const std::string packed = doc.get_value(schema::kSlotText);
    const std::size_t size = stored_text_size(packed);
    const bool want_sections = out && sections && !sections->empty() && focus;
    // The sketch, read once: for the windows of a long text and for the sections.
    std::optional<PassageSketch> sketch;
    if (focus && (want_sections || size > kWholeTextBytes))
        sketch.emplace(doc.get_value(schema::kSlotPassages), doc.get_docid());
    const std::optional<std::vector<Around>> windows =
        sketch ? snippet_windows(*sketch, *focus, size) : std::optional<std::vector<Around>>();
    // The sections to show, and how much text they need.
    std::vector<Chosen> chosen;
    std::size_t need = 0;
    if (want_sections && sketch->has_offsets()) {
        chosen = choose_sections(*sketch, *sections, *focus);
        for (const Chosen& c : chosen) need = std::max(need, section_span(*sections, c.index, size).second);
    }
    std::string text;
    Snippet main;
    if (!windows) {
        text = stored_text(packed, doc.get_docid());
        main = make_snippet(text, analyzer, q, chars);
    } else {
        // Enough text after the last window for a snippet of `chars` code
        // points starting at its last match (and the space looked for after it).
        const std::size_t upto = std::max(snippet_read_bytes(*windows, chars), need);
        text = stored_text(packed, doc.get_docid(), upto);
        if (text.size() == upto) text.resize(utf8::floor_boundary(text, text.size()));
        main = make_snippet(text, analyzer, q, chars, false, &*windows);
    }
    for (const Chosen& c : chosen) {
        const schema::StoredSection& s = (*sections)[c.index];
        auto [b, e] = section_span(*sections, c.index, text.size());
        while (b < e && (text[b] == '\n' || text[b] == ' ')) ++b;  // the line break after the heading
        b = utf8::floor_boundary(text, b);
        e = utf8::floor_boundary(text, e);
        HitSection h;
        h.heading = s.heading;
        h.level = s.level;
        h.anchor = s.anchor;
        h.url = section_url(url, s.anchor);
        // A section that fits is shown whole, from its first word; a longer one by its best passage.
        const std::string_view body = std::string_view(text).substr(b, e - b);
        const std::size_t want = std::max<std::size_t>(chars / 2, 60);
        std::size_t cps = 0;
        for (std::size_t k = 0; k < body.size() && cps <= want; ++cps) utf8::next(body, k);
        h.snippet = make_snippet(body, analyzer, q, want, cps <= want);
        out->push_back(std::move(h));
    }
    return main;
}

}  // namespace newsidx::detail
