// Internal: the words of an analysis — the pipeline's own data, behind the
// public Analyzer façade (include/newsidx/analyzer.hpp says why). The
// indexer, the query builder, snippets, synonyms and typing help read words
// (surface, stem, parts, bigrams, stopword); an embedder gets the flat
// Analyzer::tokens(). The stages that make a Word are in stages.hpp.
#pragma once

#include <newsidx/analyzer.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsidx::detail {

/// One part of a word written in several scripts ("오픈AI" -> 오픈, ai), or a
/// number with its counter ("3억" -> 3, 억).
struct WordPart {
    std::string surface;  ///< normalized part as written (particle stripped from the last)
    std::string stem;     ///< its stem (== surface when nothing was stripped)
    std::uint32_t position = 0;
    std::uint32_t begin = 0, end = 0;  ///< byte offsets into the analyzed text
    bool hangul = false;
};

/// A member of a synonym or variant group found in the text (concepts.hpp):
/// the group's key, indexed under its own prefix at the member's first word.
struct Concept {
    std::string key;                   ///< the group's canonical key ("openai")
    std::uint32_t position = 0;        ///< the member's first word (or the part's position)
    std::uint32_t words = 1;           ///< words the member spans in the text (1: this word alone)
    std::uint32_t begin = 0, end = 0;  ///< byte offsets of the member in the analyzed text
    bool part = false;                 ///< a part of a mixed word or compound (삼성 of 삼성전자), not the word
};

/// One word (an eojeol for Korean) after analysis.
struct Word {
    std::uint32_t begin = 0, end = 0;  ///< byte offsets into the analyzed text, [begin, end)
    std::uint32_t position = 0;        ///< position of the first part (1-based)
    std::string surface;               ///< normalized whole word: "삼성전자의", "오픈ai가"
    std::string stem;                  ///< whole word stemmed: "삼성전자", "오픈ai"
    /// >= 2 entries for a mixed-script word (오픈ai가: 오픈, ai) or a compound
    /// (삼성전자의: 삼성, 전자; `compound` set), else empty.
    std::vector<WordPart> parts;
    std::vector<std::string> bigrams;  ///< Hangul bigrams of the stem (see Analyzer docs)
    bool hangul = false;               ///< the word is Hangul only
    bool compound = false;             ///< Hangul only, split by the lexicon (lexicon.hpp) into `parts`
    /// This word and the next written together, when that is a known word
    /// (개인 정보 -> 개인정보, 스타 게이트 -> 스타게이트): indexed at this
    /// word's position, so the spaced spelling meets the joined one.
    std::string joined;
    /// `joined` is this word and the next written with a hyphen (gpt-4o ->
    /// gpt4o: stages.hpp join_hyphenated), not a spaced pair.
    bool hyphen = false;
    bool stopword = false;             ///< a function word (the, of, 및, 등 ...)
    /// Group members starting at this word (stage 6, concepts.hpp).
    std::vector<Concept> concepts;

    /// Positions this word occupies (1 + parts beyond the first).
    std::uint32_t width() const { return parts.empty() ? 1u : static_cast<std::uint32_t>(parts.size()); }
};

/// Analyzes `text` into words, through every stage (stages.hpp) in order.
/// Positions start at `first_position`; a word too long to index is
/// dropped but keeps its position. The same words for a post and a query.
/// `analyzer` carries the index's user dictionary (`newsidx dict`), if any:
/// the writer and the searcher of an index analyze with the same one.
/// `analyzer` carries the synonym and variant groups whose members get
/// concept terms (concepts.hpp).
std::vector<Word> analyze(const Analyzer& analyzer, std::string_view text, std::uint32_t first_position = 1);

/// The same words without concepts: what the concept table itself is built
/// from (a member's units).
std::vector<Word> analyze_words(std::string_view text, std::uint32_t first_position = 1,
                                const UserLexicon* user = nullptr);

class ConceptTable;

/// What an index adds to the built-in analysis (Analyzer(const AnalyzerConfig&)).
struct AnalyzerConfig {
    /// Synonym groups of the index's user, members as written: their members
    /// get concept terms too (the built-in groups always do).
    std::vector<std::vector<std::string>> groups;
    /// The index's user dictionary (`newsidx dict`), or null.
    std::shared_ptr<const UserLexicon> user;
};

/// What the pipeline reads of an Analyzer (its private state).
struct AnalyzerAccess {
    static const ConceptTable* concepts(const Analyzer& a);
};

/// The tokens of `w` (what Analyzer::tokens() emits for it), appended to out.
void word_tokens(const Word& w, std::vector<Token>& out);

}  // namespace newsidx::detail
