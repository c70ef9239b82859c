#include "concepts.hpp"

#include "korean.hpp"
#include "lexicon.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <unordered_map>
#include <utility>

namespace newsidx::detail {

namespace {

std::string join(const std::vector<std::string>& units, std::size_t from, std::size_t to, std::string_view sep) {
    std::string out;
    for (std::size_t k = from; k < to; ++k) {
        if (k > from) out += sep;
        out += units[k];
    }
    return out;
}

void add_key(std::vector<std::string>& keys, const std::string& key) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
}

std::size_t characters(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++n) utf8::next(s, i);
    return n;
}

// A one-run Hangul word that may be written together with its neighbour:
// two or more syllables (spaced single syllables are noise: 리 사수).
bool joinable(const Word& w) { return w.hangul && w.parts.empty() && hangul_syllables(w.stem) >= 2; }

// A word that may stand before another in a member: no ending was stripped
// from a Hangul word or a mixed word's Hangul tail (스타가 게이트 is no name).
bool bare(const Word& w) {
    if (w.hangul) return w.surface == w.stem;
    if (!w.parts.empty() && w.parts.back().hangul) return w.surface == w.stem;
    return true;  // Latin: English stemming is no particle (hugging face)
}

}  // namespace

std::vector<std::string> concept_units(const Word& w) {
    std::vector<std::string> out;
    if (!w.parts.empty() && !w.compound)
        for (const WordPart& p : w.parts) out.push_back(p.stem);
    else
        out.push_back(w.stem);
    return out;
}

ConceptTable::ConceptTable(const std::vector<std::vector<std::string>>& groups) {
    // Gathered in ordinary containers first (a set is sized for its words),
    // a member's keys in group order.
    std::vector<std::pair<std::string, std::vector<std::string>>> exact, joined;
    std::unordered_map<std::string, std::size_t> exact_at, joined_at;
    std::unordered_set<std::string> first_units, joined_prefixes;
    auto keys_of = [](auto& list, auto& at, const std::string& s) -> std::vector<std::string>& {
        const auto [it, fresh] = at.emplace(s, list.size());
        if (fresh) list.emplace_back(s, std::vector<std::string>{});
        return list[it->second].second;
    };
    for (const auto& g : groups) {
        std::vector<std::vector<std::string>> members;
        for (const std::string& m : g) {
            std::vector<std::string> units;
            for (const Word& w : analyze_words(m))
                for (std::string& u : concept_units(w)) units.push_back(std::move(u));
            members.push_back(std::move(units));
        }
        if (members.empty() || members[0].empty() || members[0].size() > kMaxConceptUnits) continue;
        const std::string key = join(members[0], 0, members[0].size(), " ");
        if (key.size() > Analyzer::kMaxTermBytes) continue;
        for (const auto& units : members) {
            if (units.empty() || units.size() > kMaxConceptUnits) continue;
            add_key(keys_of(exact, exact_at, join(units, 0, units.size(), "\x1f")), key);
            const std::string together = join(units, 0, units.size(), "");
            add_key(keys_of(joined, joined_at, together), key);
            first_units.insert(units[0]);
            std::size_t at0 = 0;
            first_chars_.insert(utf8::next(together, at0));
            for (std::size_t at = 1; at <= together.size(); ++at)
                if (at == together.size() || (static_cast<unsigned char>(together[at]) & 0xC0) != 0x80)
                    joined_prefixes.insert(together.substr(0, at));
        }
    }
    auto fill = [&](WordSet& set, std::vector<std::vector<std::string>>* keys,
                    std::vector<std::pair<std::string, std::vector<std::string>>>& list) {
        set = WordSet(list.size());
        if (keys) keys->resize(set.size());
        for (auto& [s, k] : list) {
            const std::size_t slot = set.insert(owned_.emplace_back(std::move(s)));
            if (keys) (*keys)[slot] = std::move(k);
        }
    };
    fill(exact_, &exact_keys_, exact);
    fill(joined_, &joined_keys_, joined);
    auto fill_set = [&](WordSet& set, std::unordered_set<std::string>& words) {
        set = WordSet(words.size());
        for (const std::string& w : words) set.insert(owned_.emplace_back(w));
    };
    fill_set(first_units_, first_units);
    fill_set(joined_prefixes_, joined_prefixes);
    if (exact.empty()) exact_keys_.clear();  // empty(): no member at all
}

const std::vector<std::string>* ConceptTable::exact(std::string_view units) const {
    const std::size_t slot = exact_.find(units);
    return slot == WordSet::npos ? nullptr : &exact_keys_[slot];
}

namespace {

// The units of a word as concept_units() gives them, without copies.
struct Units {
    const Word& w;
    bool split() const { return !w.parts.empty() && !w.compound; }
    std::size_t size() const { return split() ? w.parts.size() : 1; }
    const std::string& operator[](std::size_t k) const { return split() ? w.parts[k].stem : w.stem; }
};

}  // namespace

void ConceptTable::mark(std::vector<Word>& words) const {
    if (empty()) return;
    auto emit = [](Word& w, const std::string& key, std::uint32_t pos, std::uint32_t n, std::uint32_t end, bool part) {
        for (const Concept& c : w.concepts)
            if (c.key == key && (c.position == pos || part)) return;  // a part repeating its word's group adds nothing
        w.concepts.push_back(Concept{key, pos, n, part ? 0 : w.begin, end, part});
    };
    // The span's units joined by \x1f and written together, reused: most
    // words start no span and build neither.
    thread_local std::string sep, together;
    for (std::size_t i = 0; i < words.size(); ++i) {
        // Most words start no member: neither its first unit nor the start
        // of one written together (a few hash look-ups instead of a span's).
        const Units first{words[i]};
        bool may_start = false;
        if (!first[0].empty()) {
            std::size_t at0 = 0;
            if (first_chars_.count(utf8::next(first[0], at0)) > 0) {
                if (first_units_.contains(first[0])) {
                    may_start = true;
                } else if (first.size() == 1) {
                    may_start = joined_prefixes_.contains(first[0]);
                } else {
                    together.clear();
                    for (std::size_t k = 0; k < first.size(); ++k) together += first[k];
                    may_start = joined_prefixes_.contains(together);
                }
            }
        }
        sep.clear();
        together.clear();
        std::size_t span = 0;  // units of words[i..j]
        bool all_joinable = true;
        for (std::size_t j = i; may_start && j < words.size(); ++j) {
            if (j > i && (words[j].position != words[j - 1].position + words[j - 1].width() || !bare(words[j - 1])))
                break;  // a dropped word or a block between them; an ending before the next word
            const Units units{words[j]};
            for (std::size_t k = 0; k < units.size() && span + k < kMaxConceptUnits; ++k) {
                if (span + k > 0) sep += '\x1f';
                sep += units[k];
                together += units[k];
            }
            span += units.size();
            if (span > kMaxConceptUnits) break;
            all_joinable = all_joinable && joinable(words[j]);
            const auto n = static_cast<std::uint32_t>(j - i + 1);
            const std::vector<std::string>* keys = exact(sep);
            if (!keys && all_joinable) {
                const std::size_t slot = joined_.find(together);
                if (slot != WordSet::npos) keys = &joined_keys_[slot];
            }
            if (keys)
                for (const std::string& k : *keys) emit(words[i], k, words[i].position, n, words[j].end, false);
        }
        // One part of a mixed word or compound: 삼성 of 삼성전자, ai of AI칩.
        Word& w = words[i];
        if (w.parts.empty()) continue;
        for (const WordPart& p : w.parts) {
            if (characters(p.stem) < 2) continue;
            if (const std::vector<std::string>* keys = exact(p.stem)) {
                for (const std::string& k : *keys) {
                    const std::size_t before = w.concepts.size();
                    emit(w, k, p.position, 1, p.end, true);
                    if (w.concepts.size() > before) w.concepts.back().begin = p.begin;
                }
            }
        }
    }
}

std::vector<std::vector<std::string>> builtin_groups() {
    return parse_synonym_groups(builtin_synonyms(), "corpus/synonyms.txt");
}

std::shared_ptr<const ConceptTable> builtin_concepts() {
    static const std::shared_ptr<const ConceptTable> table = std::make_shared<const ConceptTable>(builtin_groups());
    return table;
}

}  // namespace newsidx::detail
