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

std::string convert_layout(const std::string& raw, const HoldsWord& holds) {
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
        // Never a word the index holds as typed; only into a word it holds.
        if (c && *c != w && !holds(w) && holds(*c)) {
            w = *c;
            changed = true;
        }
    }
    return changed ? join_spaces(ws) : std::string();
}

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
        if (w.stopword || w.surface.empty() || db.term_exists(w.stem) || db.term_exists(w.surface)) continue;
        const std::size_t jamo_len = hangul::jamo_string(w.surface).size();
        if (jamo_len < schema::kTypoMinJamo) continue;  // too short to guess
        const std::size_t limit = jamo_len <= 4 ? 1 : 2;
        ++looked_up;
        // Every filed word within `limit` shares one of these keys (typo.hpp).
        const std::vector<std::string> keys = schema::probe_keys(w.surface, limit);
        std::vector<std::string> cands;
        for (const Xapian::Database& shard : shards.empty() ? std::vector<Xapian::Database>{db} : shards)
            for (std::string& c : schema::typo_words(shard, keys)) cands.push_back(std::move(c));
        std::sort(cands.begin(), cands.end());
        cands.erase(std::unique(cands.begin(), cands.end()), cands.end());
        std::string best;
        std::size_t best_d = limit + 1;
        Xapian::doccount best_f = 0;
        for (const std::string& cand : cands) {
            const std::size_t d = hangul::jamo_distance(w.surface, cand, limit);
            if (d > limit || d == 0 || d > best_d) continue;
            // The table only grows: a word whose last post went is no longer a term.
            const Xapian::doccount f = db.get_termfreq(cand);
            if (f == 0) continue;
            if (d < best_d || f > best_f) best = cand, best_d = d, best_f = f;  // sorted: the smaller on a tie
        }
        if (!best.empty()) {
            tok = best;
            changed = true;
        }
    }
    return changed ? join_spaces(ws) : std::string();
}

}  // namespace newsidx::detail
