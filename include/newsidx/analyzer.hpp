// newsidx — the Analyzer: the only code that turns text into terms.
//
// One analysis for both sides. The indexer and the query builder run the
// same stages on a post and on a query, so a word in a query and the same
// word in a post always meet; that sameness is the invariant everything
// else relies on (bigrams of 삼성 meet those of 삼성전자, a stem meets its
// inflected forms). There is therefore no document/query mode: the former
// Analyzer::Mode was ignored, and a rule that must differ between the sides
// belongs to the query builder (which already adds joins, splits, synonyms
// and drops stopwords), or brings a mode back with that rule and its tests.
// `newsidx analyze --query` shows what the search side makes of a query.
//
// Stages, in the order they run (text/stages.hpp, one function each, each
// tested alone in tests/unit/test_stages.cpp; ARCHITECTURE.md "Analysis").
// As in Lucene's Nori, a tokenizer that segments and emits, then filters:
//
//   1. normalize    ICU NFKC + case folding (NFD Hangul from macOS, full/half
//                   width forms, case). Offsets always refer to the original.
//   2. segment      ICU word boundaries; touching letter/number segments are
//                   rejoined into one eojeol (ICU splits 오픈|AI|가, 3|억); a
//                   middle dot separates words (DRAM·HBM); programming names
//                   keep their marks (c++, c#, .net) and R&D stays one name.
//   3. script runs  the eojeol split where the script changes:
//                   "오픈AI가" -> 오픈 | ai | 가, and node.js -> node | js;
//                   a particle glued to a Latin or number run is dropped (가).
//   4. stem         Hangul: one particle or ending stripped by a suffix table
//                   that respects 받침; Latin: Snowball English, only for a
//                   whole Latin word (never on Hangul, never on the name
//                   part of 챗GPT); numbers, Han and Kana kept as written.
//   5. emit         the word: surface, stem, offsets, and for a mixed word
//                   its parts, each at its own position.
//   6. filters      too-long words dropped (their position kept); function
//                   words flagged (the query side drops them); Hangul bigrams
//                   of every stem of two or more syllables, under their own
//                   prefix (compounds and spacing: 삼성전자 ⊃ 삼성); spaced
//                   names joined; concepts: each member of a synonym or
//                   variant group found (오픈AI가, 오픈 AI, OpenAI) also gives
//                   its group's key at its first word.
//   7. terms        the flat Tokens a document gets (tokens()).
//
// What is public and why: an embedder sees the Analyzer, Token and TermKind
// (below), enough to show how newsidx tokenizes a text or to compare its own
// text with the terms of an index (`read_terms`, the matched terms of
// SearchRequest::explain: the same terms, with their prefix).
// The words between the stages (Word, WordPart, the stages' own types) are
// the pipeline's own data: they change whenever a stage is added (issue 17
// decompounds at index time), so they live in text/analysis.hpp.
//
// Thread-safety: every method is const and may be called from several
// threads at once on one Analyzer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsidx {

namespace detail {
struct UserLexicon;  // an index's user dictionary (text/lexicon.hpp; `newsidx dict`)
struct AnalyzerAccess;
struct AnalyzerConfig;
}

/// The kinds of term a word contributes to a document. Public: it tells an
/// embedder which tokens carry a position (phrases) and which do not
/// (bigrams). Later analyzer versions may add kinds.
enum class TermKind : std::uint8_t {
    Surface,  ///< the word as written (normalized)
    Stem,     ///< the stem, when it differs from the surface; a mixed word's whole stem
    Part,     ///< one script run of a mixed word (오픈AI -> 오픈, ai)
    Bigram,   ///< a Hangul bigram (indexed under its own prefix, without position)
    Joined,   ///< a word written spaced, joined: 스타 게이트 -> 스타게이트 at 스타's position,
              ///< when the join is a lexicon noun or name (analyzer v4); two Latin or
              ///< numeric words written with a hyphen, joined and stemmed: GPT-4o ->
              ///< gpt4o at gpt's position (analyzer v5)
    Concept,  ///< a member of a synonym or variant group (OpenAI, 오픈AI, 오픈 AI): the group's
              ///< canonical key at the member's first word, indexed under its own prefix
};

/// One term of the analysis, as an index holds it (without the prefix).
/// Public: what Analyzer::tokens() returns — how an embedder shows or
/// checks the analysis of a text (`newsidx analyze` prints these).
struct Token {
    std::string term;  ///< without prefix
    TermKind kind = TermKind::Surface;
    std::uint32_t position = 0;        ///< 0 for bigrams (they carry no position)
    std::uint32_t begin = 0, end = 0;  ///< byte offsets of the word (or part) in the analyzed text
};

class Analyzer {
public:
    /// Stored in the index; newsq refuses an index built by another version.
    static constexpr const char* kName = "newsidx-ko-en";
    static constexpr int kVersion = 5;
    /// Longest term (bytes, prefix excluded) ever produced. Longer words are
    /// skipped (they still take a position).
    static constexpr std::size_t kMaxTermBytes = 200;

    Analyzer();
    /// The analyzer of an index with a user dictionary (`newsidx dict`;
    /// Index and Searcher make it from the index's metadata). The type is
    /// internal (text/lexicon.hpp); null gives the built-in lexicon only,
    /// as Analyzer() does.
    explicit Analyzer(std::shared_ptr<const detail::UserLexicon> user_lexicon);
    /// An index's own analyzer (internal: text/analysis.hpp): the synonym
    /// groups its user added (`newsidx synonyms`, in effect after `reindex`),
    /// whose members also get concept terms, on top of the built-in ones.
    explicit Analyzer(const detail::AnalyzerConfig& config);
    ~Analyzer();
    Analyzer(Analyzer&&) noexcept;
    Analyzer& operator=(Analyzer&&) noexcept;

    /// The flat token stream `text` gets (surface, stem, parts, bigrams per
    /// word, in order), the same for a post and a query. Positions start
    /// at `first_position`.
    std::vector<Token> tokens(std::string_view text, std::uint32_t first_position = 1) const;

    /// NFKC + case folding of `text` (for tags, categories, authors).
    std::string normalize(std::string_view text) const;

    /// Stem of one normalized word, as the analyzer would give it.
    std::string stem_word(std::string_view normalized_word) const;

    /// The user dictionary this analyzer decompounds with, or null.
    const detail::UserLexicon* user_lexicon() const;

private:
    friend struct detail::AnalyzerAccess;  // the pipeline reads the groups (text/analysis.hpp)
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace newsidx
