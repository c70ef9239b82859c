#include "typing.hpp"

#include "analysis.hpp"
#include "hangul.hpp"
#include "korean.hpp"
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

// A required word's sign (+word): typing help reads and rewrites the word
// after it and keeps the sign, so +kuberntes is offered as +kubernetes.
std::size_t sign_of(const std::string& tok) { return tok.size() > 1 && tok[0] == '+' ? 1 : 0; }

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
            // A word of a file name only is held too (schema::kFileName): it finds that post.
            if (!db.term_exists(w.stem) && !db.term_exists(w.surface) &&
                !db.term_exists(schema::term(schema::kFileName, w.stem)))
                return false;
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
    for (std::string& tok : ws) {
        const std::size_t sign = sign_of(tok);
        const std::string w = tok.substr(sign);
        if (!plain(w) || (stopword && stopword(w))) continue;  // so, to, did: words, not 내, 새, 양
        std::optional<std::string> c;
        if (has_lone_jamo(w)) {
            if (!hangul::is_initials(w)) c = hangul::hangul_to_latin(w);
        } else {
            c = hangul::latin_to_hangul(w);
        }
        // Never a word the index holds as typed; only into a word it holds.
        if (c && *c != w && !holds(w) && holds(*c)) {
            tok = tok.substr(0, sign) + *c;
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

// Whether the index holds Latin `cand` only as the stem of other words
// (choic, of choice and choices; compani), not as a word anyone wrote: in
// each of the first few posts holding it, every position of it is also a
// position of another term stemming to it (a post writes a word's surface
// and its stem at the same position). A word that is its own stem
// (python, chaotic) has a position of its own. Hangul terms are not asked:
// a noun's stem (스타게이트 of 스타게이트는) is a word.
bool stem_only(const Xapian::Database& db, const Analyzer& analyzer, const std::string& cand) {
    if (std::any_of(cand.begin(), cand.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
        return false;
    const std::vector<Word> self = analyze(analyzer, cand);
    if (self.size() != 1 || self[0].stem != cand) return false;  // it stems to another term: a surface
    constexpr int kPostsLooked = 3;
    int looked = 0;
    for (auto d = db.postlist_begin(cand); d != db.postlist_end(cand) && looked < kPostsLooked; ++d, ++looked) {
        std::vector<Xapian::termpos> own(db.positionlist_begin(*d, cand), db.positionlist_end(*d, cand));
        if (own.empty()) return false;
        std::vector<Xapian::termpos> covered;
        for (auto t = db.termlist_begin(*d); t != db.termlist_end(*d); ++t) {
            const std::string term = *t;
            if (term == cand || term.size() < 2 || term.compare(0, 2, cand, 0, 2) != 0) continue;
            std::vector<Xapian::termpos> shared;
            for (auto q = t.positionlist_begin(); q != t.positionlist_end(); ++q)
                if (std::binary_search(own.begin(), own.end(), *q)) shared.push_back(*q);
            if (shared.empty()) continue;
            const std::vector<Word> ws = analyze(analyzer, term);
            if (ws.size() == 1 && ws[0].stem == cand) covered.insert(covered.end(), shared.begin(), shared.end());
        }
        std::sort(covered.begin(), covered.end());
        if (!std::includes(covered.begin(), covered.end(), own.begin(), own.end())) return false;
    }
    return looked > 0;
}

}  // namespace

std::string did_you_mean(const Xapian::Database& db, const std::vector<Xapian::Database>& shards,
                         const Analyzer& analyzer, const std::string& raw) {
    std::vector<std::string> ws = split_spaces(raw);
    bool changed = false;
    std::size_t looked_up = 0, scanned = 0;
    for (std::string& tok : ws) {
        if (looked_up == kMaxSuggestWords || scanned++ == kMaxSuggestScan) break;
        const std::size_t sign = sign_of(tok);
        if (!plain(tok.substr(sign)) || tok.size() > kMaxSuggestBytes) continue;
        const std::vector<Word> words = analyze(analyzer, tok.substr(sign));
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
        const std::size_t typed_syllables = hangul_syllables(letters);
        struct Found {
            std::size_t d;
            Xapian::doccount f;
            std::string whole, cand;
        };
        std::vector<Found> found;
        for (const std::string& cand : cands) {
            const std::size_t d = hangul::jamo_distance(letters, cand, limit);
            if (d > limit || d == 0) continue;
            // A typo changes jamo, not whole syllables away: 형태소분석기 is not 형태소분석.
            if (hangul_syllables(cand) < typed_syllables) continue;
            // The digits stay: 아이펀17 is 아이폰17, offered only when the index holds it.
            std::string whole = pre + cand + post;
            // The table only grows: a word whose last post went is no longer a term.
            const Xapian::doccount f = db.get_termfreq(whole);
            if (f > 0) found.push_back({d, f, std::move(whole), cand});
        }
        // The nearest, the more frequent on a tie, then the smaller; not a
        // Latin stem nobody wrote (chotic is chaotic, not choic of choice).
        std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
            return a.d != b.d ? a.d < b.d : a.f != b.f ? a.f > b.f : a.whole < b.whole;
        });
        std::string best;
        for (const Found& c : found)
            if (!stem_only(db, analyzer, c.cand)) {
                best = c.whole;
                break;
            }
        if (!best.empty()) {
            tok = tok.substr(0, sign) + best;
            changed = true;
        }
    }
    return changed ? join_spaces(ws) : std::string();
}

bool holds_none(const std::string& raw, const HoldsWord& holds) {
    bool any = false;
    for (const std::string& tok : split_spaces(raw)) {
        if (tok == "OR") continue;
        const std::string w = tok.substr(sign_of(tok));
        if (!plain(w) || holds(w)) return false;
        any = true;
    }
    return any;
}

}  // namespace newsidx::detail
