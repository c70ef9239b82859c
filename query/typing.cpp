#include "typing.hpp"

#include "analysis.hpp"
#include "hangul.hpp"
#include "query_builder.hpp"
#include "schema.hpp"
#include "utf8.hpp"

#include <algorithm>

namespace newsidx::detail {

namespace {

std::vector<std::string> split_spaces(const std::string& raw) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : raw) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (!cur.empty()) out.push_back(std::move(cur));
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) out.push_back(std::move(cur));
    return out;
}

std::string join_spaces(const std::vector<std::string>& ws) {
    std::string out;
    for (const std::string& w : ws) out += (out.empty() ? "" : " ") + w;
    return out;
}

// A word without query syntax, which conversions may touch.
bool plain(const std::string& w) {
    if (w == "OR" || w.empty() || w[0] == '-') return false;
    return w.find_first_of(":\"()*") == std::string::npos;
}

bool has_lone_jamo(const std::string& w) {
    for (std::size_t i = 0; i < w.size();) {
        const char32_t c = utf8::next(w, i);
        if (c >= 0x3131 && c <= 0x3163) return true;
    }
    return false;
}

std::string first_char(const std::string& s) {
    std::size_t i = 0;
    utf8::next(s, i);
    return s.substr(0, i);
}

}  // namespace

std::vector<std::string> initials_words(const std::string& raw) {
    std::vector<std::string> ws = split_spaces(raw);
    for (const std::string& w : ws)
        if (!hangul::is_initials(w)) return {};
    return ws;
}

Xapian::Query initials_query(const std::vector<std::string>& words) {
    std::vector<Xapian::Query> qs;
    for (const std::string& w : words)
        qs.emplace_back(Xapian::Query::OP_WILDCARD, schema::term(schema::kInitials, w), kMaxPrefixExpansion,
                        Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT, Xapian::Query::OP_OR);
    return Xapian::Query(Xapian::Query::OP_AND, qs.begin(), qs.end());
}

std::string convert_layout(const std::string& raw) {
    std::vector<std::string> ws = split_spaces(raw);
    bool changed = false;
    for (std::string& w : ws) {
        if (!plain(w)) continue;
        std::optional<std::string> c;
        if (has_lone_jamo(w)) {
            if (!hangul::is_initials(w)) c = hangul::hangul_to_latin(w);
        } else {
            c = hangul::latin_to_hangul(w);
        }
        if (c && *c != w) {
            w = *c;
            changed = true;
        }
    }
    return changed ? join_spaces(ws) : std::string();
}

std::string did_you_mean(const Xapian::Database& db, const Analyzer& analyzer, const std::string& raw) {
    std::vector<std::string> ws = split_spaces(raw);
    bool changed = false;
    std::size_t looked_up = 0, scanned = 0;
    for (std::string& tok : ws) {
        if (looked_up == kMaxSuggestWords || scanned++ == kMaxSuggestScan) break;
        if (!plain(tok) || tok.size() > kMaxSuggestBytes) continue;
        const std::vector<Word> words = analyze(analyzer, tok);
        if (words.size() != 1) continue;
        const Word& w = words[0];
        if (w.stopword || w.surface.empty() || db.term_exists(w.stem) || db.term_exists(w.surface)) continue;
        const std::size_t jamo_len = hangul::jamo_distance(w.surface, "", 64);
        const std::size_t limit = jamo_len <= 4 ? 1 : 2;
        if (jamo_len < 3) continue;  // too short to guess
        ++looked_up;
        std::string best;
        std::size_t best_d = limit + 1;
        Xapian::doccount best_f = 0;
        // Candidates: terms starting with the word's first letter or, for a
        // Hangul word, with any syllable of its first syllable's initial
        // consonant (수타게이트 -> 스타게이트): one contiguous run of terms.
        std::string from = first_char(w.surface), to = from;
        {
            std::size_t i = 0;
            const char32_t c = utf8::next(w.surface, i);
            if (hangul::is_syllable(c)) {
                const char32_t block = hangul::first_with_initial(c);
                from.clear();
                to.clear();
                utf8::append(from, block);
                utf8::append(to, block + hangul::kSyllablesPerInitial);
            } else {
                to.back() = static_cast<char>(to.back() + 1);  // just past every term starting with `from`
            }
        }
        std::size_t scanned = 0;
        Xapian::TermIterator t = db.allterms_begin();
        for (t.skip_to(from); t != db.allterms_end() && scanned < kMaxScan; ++t, ++scanned) {
            const std::string cand = *t;
            if (cand >= to) break;
            const std::size_t d = hangul::jamo_distance(w.surface, cand, limit);
            if (d > limit || d == 0) continue;
            const Xapian::doccount f = t.get_termfreq();
            if (d < best_d || (d == best_d && f > best_f)) best = cand, best_d = d, best_f = f;
        }
        if (!best.empty()) {
            tok = best;
            changed = true;
        }
    }
    return changed ? join_spaces(ws) : std::string();
}

}  // namespace newsidx::detail
