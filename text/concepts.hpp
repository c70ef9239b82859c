// Internal: names and spellings as one term (issue 17 item 2; design in
// docs/design/analysis-v4.md "Concept terms"). Each member of a synonym or
// variant group (corpus/synonyms.txt: OpenAI = 오픈AI = 오픈에이아이, 파이썬 =
// 파이선 = Python) found in a text also gives one canonical term, the group's
// key, at the position of the member's first word. So 오픈AI가, 오픈 AI and
// OpenAI all carry the term of "openai", and a query for any member searches
// that one term (query/query_builder.cpp).
//
// Members are compared on the analyzer's units: the stems of a text's words,
// a mixed-script word counting as its parts (오픈AI가 -> 오픈 | ai), up to
// kMaxConceptUnits. A span of words matches a member when
//   - its units are the member's units (오픈 AI = 오픈AI; 젠슨 황 = 젠슨 황), or
//   - it is one-run Hangul words of >= 2 syllables each, the ones before the
//     last without an ending, whose stems written together are the member
//     written together (스타 게이트 = 스타게이트; a single 팀쿡 = 팀 쿡);
// and one part of >= 2 characters of a mixed word or compound matches a
// one-unit member (삼성전자 holds 삼성, AI칩 holds AI), as a query for that
// member finds the part today. Spaced single syllables never join (리 사수
// is no 리사 수), and particles are stripped as stems strip them (스타게이트의).
#pragma once

#include "analysis.hpp"
#include "word_set.hpp"

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace newsidx::detail {

/// Longest member matched, in units (words, or parts of a mixed word).
inline constexpr std::size_t kMaxConceptUnits = 4;

/// The groups an Analyzer links, with their keys.
class ConceptTable {
public:
    /// Groups as parsed from a synonym file (members as written). A group's
    /// key is its first member's units joined by a space ("openai", "젠슨 황");
    /// members over kMaxConceptUnits units are left out.
    explicit ConceptTable(const std::vector<std::vector<std::string>>& groups);

    /// Sets w.concepts for each word of `words` where a member starts (the
    /// words of one analyzed text, in order).
    void mark(std::vector<Word>& words) const;

    /// The keys of the groups whose member is exactly these units (joined by
    /// '\x1f'), or nullptr.
    const std::vector<std::string>* exact(std::string_view units) const;

    bool empty() const { return exact_keys_.empty(); }

private:
    // Look-ups run for most words of every text: open-addressing sets over
    // the table's own strings (word_set.hpp), no allocation per look-up; a
    // member's keys are found by its slot.
    std::deque<std::string> owned_;  // what the sets view (a deque never moves its elements)
    WordSet exact_{0};               // units joined by \x1f
    WordSet joined_{0};              // units written together
    std::vector<std::vector<std::string>> exact_keys_, joined_keys_;  // by slot of exact_ / joined_
    // What a member's first word can be, so that most words start no span:
    // the first unit of every member, and every prefix (whole characters) of
    // every member written together.
    WordSet first_units_{0}, joined_prefixes_{0};
    std::unordered_set<char32_t> first_chars_;  // the first character of every member: one test for most words
};

/// The units of a word: its parts' stems for a mixed-script word, else its stem.
std::vector<std::string> concept_units(const Word& w);

/// The groups of the built-in list (corpus/synonyms.txt), parsed by the
/// text module's own reader (the schema's parse_synonyms reports errors).
std::vector<std::vector<std::string>> builtin_groups();

/// The table of the built-in groups, built once.
std::shared_ptr<const ConceptTable> builtin_concepts();

/// The rule's mark in the analyzer tag: a change of how concepts are found
/// changes the terms of every post.
inline constexpr const char* kConceptRule = "concepts:1";

}  // namespace newsidx::detail
