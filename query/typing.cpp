#include "typing.hpp"

#include "analysis.hpp"
#include "hangul.hpp"
#include "query_builder.hpp"
#include "schema.hpp"
#include "typo.hpp"
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

HoldsWord holds_word(const Xapian::Database& db, const Analyzer& analyzer) {
    return [&db, &analyzer](const std::string& word) {
        bool any = false;
        for (const Word& w : analyze(analyzer, word)) {
            if (w.stopword) continue;
            if (!db.term_exists(w.stem) && !db.term_exists(w.surface)) return false;
            any = true;
        }
        return any;
    };
}

HoldsWord stopwords_only(const Analyzer& analyzer) {
    return [&analyzer](const std::string& word) {
        const std::vector<Word> ws = analyze(analyzer, word);
        return !ws.empty() && std::all_of(ws.begin(), ws.end(), [](const Word& w) { return w.stopword; });
    };
}

std::string convert_layout(const std::string& raw, const HoldsWord& holds, const HoldsWord& stopword) {
    std::vector<std::string> ws = split_spaces(raw);
    bool changed = false;
    for (std::string& w : ws) {
        if (!plain(w) || (stopword && stopword(w))) continue;  // so, to, did: words, not 내, 새, 양
        std::optional<std::string> c;
        if (has_lone_jamo(w)) {
            if (!hangul::is_initials(w)) c = hangul::hangul_to_latin(w);
        } else {
            c = hangul::latin_to_hangul(w);
        }
        // Never a word the index holds as typed; only into a word it holds.
        if (c && *c != w && !holds(w) && holds(*c)) {
            w = *c;
            changed = true;
        }
    }
    return changed ? join_spaces(ws) : std::string();
}

std::size_t typo_limit(std::string_view letters) {
    std::size_t weight = 0;
    for (std::size_t i = 0; i < letters.size();) weight += hangul::is_syllable(utf8::next(letters, i)) ? 2 : 1;
    return weight >= kTwoTyposFrom ? 2 : weight >= kOneTypoFrom ? 1 : 0;
}

namespace {

// A query word's parts: leading digits, letters, trailing digits (아이폰17:
// "", 아이폰, 17). False when the word is not one run of letters with digits
// at most on one side (.net, c++, 3d2y, a lone number): such a word is
// never corrected.
bool letter_part(const std::string& w, std::string& pre, std::string& letters, std::string& post) {
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    std::size_t a = 0, b = w.size();
    while (a < b && digit(w[a])) ++a;
    while (b > a && digit(w[b - 1])) --b;
    if (a == b || (a > 0 && b < w.size())) return false;
    pre = w.substr(0, a);
    letters = w.substr(a, b - a);
    post = w.substr(b);
    // Letters only, as the typo table files them (no mark, no digit inside).
    return schema::typo_word(letters);
}

std::size_t syllables(std::string_view w) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < w.size();) n += hangul::is_syllable(utf8::next(w, i));
    return n;
}

}  // namespace

std::string did_you_mean(const Xapian::Database& db, const std::vector<Xapian::Database>& shards,
                         const Analyzer& analyzer, const std::string& raw) {
    std::vector<std::string> ws = split_spaces(raw);
    bool changed = false;
    std::size_t looked_up = 0, scanned = 0;
    for (std::string& tok : ws) {
        if (looked_up == kMaxSuggestWords || scanned++ == kMaxSuggestScan) break;
        if (!plain(tok) || tok.size() > kMaxSuggestBytes) continue;
        const std::vector<Word> words = analyze(analyzer, tok);
        if (words.size() != 1) continue;
        const Word& w = words[0];
        // A word the index holds (as a term, or its stem: 만난) is never corrected.
        if (w.stopword || w.surface.empty() || db.term_exists(w.stem) || db.term_exists(w.surface)) continue;
        std::string pre, letters, post;
        if (!letter_part(w.surface, pre, letters, post)) continue;
        const std::size_t limit = typo_limit(letters);
        if (limit == 0) continue;  // too short to guess
        ++looked_up;
        // Every filed word within `limit` shares one of these keys (typo.hpp).
        const std::vector<std::string> keys = schema::probe_keys(letters, limit);
        std::vector<std::string> cands;
        for (const Xapian::Database& shard : shards.empty() ? std::vector<Xapian::Database>{db} : shards)
            for (std::string& c : schema::typo_words(shard, keys)) cands.push_back(std::move(c));
        std::sort(cands.begin(), cands.end());
        cands.erase(std::unique(cands.begin(), cands.end()), cands.end());
        const std::size_t typed_syllables = syllables(letters);
        std::string best;
        std::size_t best_d = limit + 1;
        Xapian::doccount best_f = 0;
        for (const std::string& cand : cands) {
            const std::size_t d = hangul::jamo_distance(letters, cand, limit);
            if (d > limit || d == 0 || d > best_d) continue;
            // A typo changes jamo, not whole syllables away: 형태소분석기 is not 형태소분석.
            if (syllables(cand) < typed_syllables) continue;
            // The digits stay: 아이펀17 is 아이폰17, offered only when the index holds it.
            const std::string whole = pre + cand + post;
            // The table only grows: a word whose last post went is no longer a term.
            const Xapian::doccount f = db.get_termfreq(whole);
            if (f == 0) continue;
            if (d < best_d || f > best_f) best = whole, best_d = d, best_f = f;  // sorted: the smaller on a tie
        }
        if (!best.empty()) {
            tok = best;
            changed = true;
        }
    }
    return changed ? join_spaces(ws) : std::string();
}

bool holds_none(const std::string& raw, const HoldsWord& holds) {
    bool any = false;
    for (const std::string& w : split_spaces(raw)) {
        if (w == "OR") continue;
        if (!plain(w) || holds(w)) return false;
        any = true;
    }
    return any;
}

}  // namespace newsidx::detail
