#include "snippet.hpp"

#include "utf8.hpp"

#include <algorithm>
#include <set>

namespace newsidx::detail {

namespace {

constexpr std::size_t kScanBytes = 256u << 10;  // look for the best passage in the first 256 KiB
constexpr std::size_t kLead = 24;               // code points shown before the first match

bool matches(const Word& w, const BuiltQuery& q) {
    if (q.terms.count(w.surface) || q.terms.count(w.stem)) return true;
    for (const WordPart& p : w.parts)
        if (q.terms.count(p.stem) || q.terms.count(p.surface)) return true;
    for (const std::string& b : w.bigrams)
        if (q.bigrams.count(b)) return true;
    for (const std::string& p : q.prefixes)
        if (w.surface.compare(0, p.size(), p) == 0 || w.stem.compare(0, p.size(), p) == 0) return true;
    return false;
}

bool is_space(char32_t c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == 0x3000 || c == 0xA0; }

}  // namespace

Snippet make_snippet(std::string_view text, const Analyzer& analyzer, const BuiltQuery& q, std::size_t chars,
                     bool whole) {
    const std::string_view scan = text.substr(0, utf8::floor_boundary(text, std::min(text.size(), kScanBytes)));
    struct Match {
        std::size_t begin, end;  // bytes
        std::size_t cp;          // code point offset of begin
        std::string key;
    };
    std::vector<Match> ms;
    {
        std::size_t cp = 0, at = 0;
        for (const Word& w : analyzer.analyze(scan, Analyzer::Mode::Document)) {
            if (!matches(w, q)) continue;
            cp += utf8::length(scan.substr(at, w.begin - at));
            at = w.begin;
            ms.push_back({w.begin, w.end, cp, w.stem});
        }
    }

    // Choose the window [from, to) in bytes.
    std::size_t from = 0, to = text.size();
    if (!whole) {
        std::size_t best = 0, best_score = 0;
        for (std::size_t i = 0; i < ms.size(); ++i) {
            std::set<std::string_view> distinct;
            std::size_t count = 0;
            for (std::size_t j = i; j < ms.size() && ms[j].cp < ms[i].cp + chars - kLead; ++j) {
                distinct.insert(ms[j].key);
                ++count;
            }
            const std::size_t score = distinct.size() * 1000 + count;
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

}  // namespace newsidx::detail
