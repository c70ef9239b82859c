#include "typo.hpp"

#include "fields.hpp"
#include "hangul.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <map>

namespace newsidx::schema {

namespace {

// A part of a jamo string, one byte per conjoining jamo (0x80 + its place
// among the 19 initials, 21 vowels and 27 finals), any other code point in
// UTF-8: keys stay short (there is an entry per word and key).
std::string packed(std::u32string_view s) {
    std::string out;
    for (char32_t c : s) {
        if (c >= 0x1100 && c <= 0x1112) out += static_cast<char>(0x80 + (c - 0x1100));
        else if (c >= 0x1161 && c <= 0x1175) out += static_cast<char>(0x93 + (c - 0x1161));
        else if (c >= 0x11A8 && c <= 0x11C2) out += static_cast<char>(0xA8 + (c - 0x11A8));
        else utf8::append(out, c);
    }
    return out;
}

// a = n / 3 jamo, then b, then c = n / 3: the middle part is the longest.
struct Cut {
    std::size_t a, b, c;
};
Cut cut(std::size_t n) { return {n / 3, n - 2 * (n / 3), n / 3}; }

std::string key(char place, std::size_t n, std::u32string_view part) {
    std::string k(kMetaTypo);
    k += place;
    k += static_cast<char>('0' + n);  // 3..40: one printable byte
    k += packed(part);
    return k;
}

std::vector<std::string> split_lines(std::string_view value) {
    std::vector<std::string> out;
    for (std::size_t p = 0; p < value.size();) {
        std::size_t e = value.find('\n', p);
        if (e == std::string_view::npos) e = value.size();
        if (e > p) out.emplace_back(value.substr(p, e - p));
        p = e + 1;
    }
    return out;
}

std::string join_lines(const std::vector<std::string>& ws) {
    std::string out;
    for (const std::string& w : ws) {
        if (!out.empty()) out += '\n';
        out += w;
    }
    return out;
}

// Sorted, without repeats.
void tidy(std::vector<std::string>& ws) {
    std::sort(ws.begin(), ws.end());
    ws.erase(std::unique(ws.begin(), ws.end()), ws.end());
}

}  // namespace

bool typo_word(std::string_view term) {
    if (term.empty() || prefixed(term)) return false;
    std::size_t jamo = 0;
    for (std::size_t i = 0; i < term.size();) {
        const char32_t c = utf8::next(term, i);
        if (c < 0x80) {
            if (c < 'a' || c > 'z') return false;
            ++jamo;
        } else if (detail::hangul::is_syllable(c)) {
            jamo += 2 + (detail::hangul::final_index_of(c) != 0);
        } else if (c < 0xC0 || detail::hangul::is_hangul(c)) {
            return false;  // a mark or sign of Latin-1, a lone or conjoining jamo
        } else {
            ++jamo;
        }
        if (jamo > kTypoMaxJamo) return false;
    }
    return jamo >= kTypoMinJamo;
}

std::vector<std::string> typo_keys(std::string_view word) {
    const std::u32string j = detail::hangul::jamo_string(word);
    const std::size_t n = j.size();
    if (n < kTypoMinJamo || n > kTypoMaxJamo) return {};
    const Cut p = cut(n);
    const std::u32string_view v(j);
    return {key('a', n, v.substr(0, p.a)), key('b', n, v.substr(p.a, p.b)), key('c', n, v.substr(p.a + p.b))};
}

std::vector<std::string> probe_keys(std::string_view word, std::size_t limit) {
    const std::u32string j = detail::hangul::jamo_string(word);
    const std::size_t m = j.size();
    std::vector<std::string> out;
    if (m + limit < kTypoMinJamo || m > kTypoMaxJamo + limit) return out;
    const std::u32string_view v(j);
    const std::size_t lo = std::max(kTypoMinJamo, m > limit ? m - limit : 0);
    const std::size_t hi = std::min(kTypoMaxJamo, m + limit);
    for (std::size_t n = lo; n <= hi; ++n) {
        const Cut p = cut(n);
        // The first part at the start, the last at the end: no edit shifts them.
        if (p.a <= m) out.push_back(key('a', n, v.substr(0, p.a)));
        if (p.c <= m) out.push_back(key('c', n, v.substr(m - p.c)));
        // The middle part moves by the edits before it: at most `limit` either way.
        for (std::size_t off = p.a > limit ? p.a - limit : 0; off <= p.a + limit; ++off)
            if (off + p.b <= m) out.push_back(key('b', n, v.substr(off, p.b)));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<std::string> typo_words(const Xapian::Database& db, const std::string& key) {
    return split_lines(db.get_metadata(key));
}

void TypoFiler::note(const Xapian::WritableDatabase& d, const Xapian::Document& doc) {
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        std::string w = *t;
        if (known_.count(w) || words_.count(w) || !typo_word(w)) continue;
        if (d.term_exists(w)) known_.insert(std::move(w));
        else words_.insert(std::move(w));
    }
}

void TypoFiler::flush(Xapian::WritableDatabase& d) {
    known_.clear();  // bounded by one batch's words
    if (words_.empty()) return;
    std::map<std::string, std::vector<std::string>> by_key;
    for (const std::string& w : words_)
        for (std::string& k : typo_keys(w)) by_key[std::move(k)].push_back(w);
    words_.clear();
    for (auto& [k, ws] : by_key) {
        std::vector<std::string> all = split_lines(d.get_metadata(k));
        all.insert(all.end(), ws.begin(), ws.end());
        tidy(all);
        d.set_metadata(k, join_lines(all));
    }
}

std::string TypoCompactor::resolve_duplicate_metadata(const std::string& key, size_t num_tags,
                                                      const std::string tags[]) {
    // Xapian 1.4 passes the key as its B-tree stores it: "\0\xc0" + the user's key.
    const std::string_view user = key.size() >= 2 && key[0] == '\0' ? std::string_view(key).substr(2) : key;
    if (user.substr(0, kMetaTypo.size()) != kMetaTypo) return tags[0];
    std::vector<std::string> all;
    for (std::size_t i = 0; i < num_tags; ++i)
        for (std::string& w : split_lines(tags[i])) all.push_back(std::move(w));
    tidy(all);
    return join_lines(all);
}

}  // namespace newsidx::schema
