#include "concepts.hpp"

#include "korean.hpp"
#include "lexicon.hpp"
#include "utf8.hpp"

#include <algorithm>

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
            add_key(exact_[join(units, 0, units.size(), "\x1f")], key);
            const std::string together = join(units, 0, units.size(), "");
            add_key(joined_[together], key);
            first_units_.insert(units[0]);
            std::size_t at0 = 0;
            first_chars_.insert(utf8::next(together, at0));
            for (std::size_t at = 1; at <= together.size(); ++at)
                if (at == together.size() || (static_cast<unsigned char>(together[at]) & 0xC0) != 0x80)
                    joined_prefixes_.insert(together.substr(0, at));
        }
    }
}

const std::vector<std::string>* ConceptTable::exact(const std::string& units) const {
    const auto it = exact_.find(units);
    return it == exact_.end() ? nullptr : &it->second;
}

void ConceptTable::mark(std::vector<Word>& words) const {
    if (exact_.empty()) return;
    std::vector<std::vector<std::string>> units(words.size());
    for (std::size_t i = 0; i < words.size(); ++i) units[i] = concept_units(words[i]);
    auto emit = [](Word& w, const std::string& key, std::uint32_t pos, std::uint32_t n, std::uint32_t end, bool part) {
        for (const Concept& c : w.concepts)
            if (c.key == key && (c.position == pos || part)) return;  // a part repeating its word's group adds nothing
        w.concepts.push_back(Concept{key, pos, n, part ? 0 : w.begin, end, part});
    };
    for (std::size_t i = 0; i < words.size(); ++i) {
        // Most words start no member: neither its first unit nor the start
        // of one written together (a few hash look-ups instead of a span's).
        std::size_t at0 = 0;
        const bool may_start =
            !units[i].empty() && !units[i][0].empty() && first_chars_.count(utf8::next(units[i][0], at0)) > 0 &&
            (first_units_.count(units[i][0]) > 0 ||
             joined_prefixes_.count(units[i].size() == 1 ? units[i][0] : join(units[i], 0, units[i].size(), "")) > 0);
        std::vector<std::string> span;  // units of words[i..j]
        bool all_joinable = true;
        for (std::size_t j = i; may_start && j < words.size(); ++j) {
            if (j > i && (words[j].position != words[j - 1].position + words[j - 1].width() || !bare(words[j - 1])))
                break;  // a dropped word or a block between them; an ending before the next word
            span.insert(span.end(), units[j].begin(), units[j].end());
            if (span.size() > kMaxConceptUnits) break;
            all_joinable = all_joinable && joinable(words[j]);
            const auto n = static_cast<std::uint32_t>(j - i + 1);
            const std::vector<std::string>* keys = exact(join(span, 0, span.size(), "\x1f"));
            if (!keys && all_joinable) {
                const auto it = joined_.find(join(span, 0, span.size(), ""));
                if (it != joined_.end()) keys = &it->second;
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
