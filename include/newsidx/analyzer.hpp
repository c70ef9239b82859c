// newsidx — the Analyzer: the only code that turns text into terms.
//
// The same Analyzer runs at index time (Mode::Document) and at query time
// (Mode::Query), so a word in a query and the same word in a post always
// meet. Pipeline (ARCHITECTURE.md, "Analysis"):
//
//   1. normalize  ICU NFKC + case folding (NFD Hangul from macOS, full/half
//                 width forms, case). Offsets always refer to the original.
//   2. segment    ICU word boundaries, then runs split at script changes:
//                 "오픈AI가" -> 오픈 | ai | 가 (trailing particle dropped).
//   3. Korean     surface and stem (particles/endings stripped by a suffix
//                 table that respects 받침), plus the Hangul bigrams of every
//                 stem of two or more syllables, under their own prefix
//                 (compounds and spacing: 삼성전자 ⊃ 삼성).
//   4. English    Snowball English stem, never applied to Hangul; numbers
//                 kept as written.
//
// Thread-safety: analyze() and normalize() are const and may be called from
// several threads at once on one Analyzer.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsidx {

/// One part of a word written in several scripts ("오픈AI" -> 오픈, ai), or a
/// number with its counter ("3억" -> 3, 억).
struct WordPart {
    std::string surface;  ///< normalized part as written (particle stripped from the last)
    std::string stem;     ///< its stem (== surface when nothing was stripped)
    std::uint32_t position = 0;
    std::uint32_t begin = 0, end = 0;  ///< byte offsets into the analyzed text
    bool hangul = false;
};

/// One word (an eojeol for Korean) after analysis.
struct Word {
    std::uint32_t begin = 0, end = 0;  ///< byte offsets into the analyzed text, [begin, end)
    std::uint32_t position = 0;        ///< position of the first part (1-based)
    std::string surface;               ///< normalized whole word: "삼성전자의", "오픈ai가"
    std::string stem;                  ///< whole word stemmed: "삼성전자", "오픈ai"
    std::vector<WordPart> parts;       ///< >= 2 entries for mixed-script words, else empty
    std::vector<std::string> bigrams;  ///< Hangul bigrams of the stem (see Analyzer docs)
    bool hangul = false;               ///< the word is Hangul only
    bool stopword = false;             ///< a function word (the, of, 및, 등 ...)

    /// Positions this word occupies (1 + parts beyond the first).
    std::uint32_t width() const { return parts.empty() ? 1u : static_cast<std::uint32_t>(parts.size()); }
};

/// The kinds of term a word contributes to a document.
enum class TermKind : std::uint8_t {
    Surface,  ///< the word as written (normalized)
    Stem,     ///< the stem, when it differs from the surface
    Part,     ///< one script run of a mixed word
    Bigram,   ///< a Hangul bigram (indexed under its own prefix, without position)
};

struct Token {
    std::string term;  ///< without prefix
    TermKind kind = TermKind::Surface;
    std::uint32_t position = 0;  ///< 0 for bigrams (they carry no position)
    std::uint32_t begin = 0, end = 0;
};

class Analyzer {
public:
    enum class Mode : std::uint8_t { Document, Query };

    /// Stored in the index; newsq refuses an index built by another version.
    static constexpr const char* kName = "newsidx-ko-en";
    static constexpr int kVersion = 3;
    /// Longest term (bytes, prefix excluded) ever produced. Longer words are
    /// skipped (they still take a position).
    static constexpr std::size_t kMaxTermBytes = 200;

    Analyzer();
    ~Analyzer();
    Analyzer(Analyzer&&) noexcept;
    Analyzer& operator=(Analyzer&&) noexcept;

    /// Analyzes `text` into words. Positions start at `first_position`.
    /// Both modes give the same words today; the mode is part of the
    /// interface so that a rule can differ between the sides without an API
    /// change (FTS5's tokenizer reason flag does the same).
    std::vector<Word> analyze(std::string_view text, Mode mode = Mode::Document,
                              std::uint32_t first_position = 1) const;

    /// The flat token stream a document gets (surface, stem, parts, bigrams).
    std::vector<Token> tokens(std::string_view text, Mode mode = Mode::Document,
                              std::uint32_t first_position = 1) const;

    /// NFKC + case folding of `text` (for tags, categories, authors).
    std::string normalize(std::string_view text) const;

    /// Stem of one normalized word, as the analyzer would give it.
    std::string stem_word(std::string_view normalized_word) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// The tokens of `w` (what Analyzer::tokens() emits for it), appended to out.
void word_tokens(const Word& w, Analyzer::Mode mode, std::vector<Token>& out);

}  // namespace newsidx
