// Internal: the Analyzer's stages, one small function each, in the order
// detail::analyze() runs them (include/newsidx/analyzer.hpp and
// ARCHITECTURE.md "Analysis" list the same order; tests/unit/test_stages.cpp
// tests each alone). Like Lucene's Nori — a tokenizer that segments and
// emits, then a chain of filters — so that a new stage (decompounding, a
// canonical form) slots in between two named ones:
//
//   1. normalize     detail::normalize (normalize.hpp)   text -> Normalized
//   2. segment       segment()                           -> Segment per eojeol
//   3. script runs   script_runs(), drop_glued_particle() -> Run per script
//   4. stem          stem_runs() (stem_run() per run)    -> Stemmed per run
//   5. emit          emit_word(), decompound()           -> Word
//   6. filters       keep_word(), mark_stopword(), add_bigrams(), join_spaced(),
//                    join_hyphenated()
//   7. terms         word_tokens() (analysis.hpp)        Word -> Tokens
//
// Segments and runs are in UTF-16 units of the normalized text; words,
// parts and tokens in bytes of the original text (Normalized maps one to
// the other).
#pragma once

#include "analysis.hpp"
#include "lexicon.hpp"
#include "normalize.hpp"

#include <unicode/unistr.h>

#include <cstdint>
#include <string>
#include <vector>

namespace newsidx::detail {

/// The scripts a word is split by. Hangul covers syllables and every jamo
/// block; Other is Latin, digits and everything else.
enum class Script : std::uint8_t { Hangul, Han, Kana, Other };
Script script_of(char32_t c);

// --- 2. segment --------------------------------------------------------------

/// One eojeol-like span of the normalized text, [begin, end) in UTF-16 units.
struct Segment {
    std::int32_t begin = 0, end = 0;
    bool ideographic = false;  ///< ICU's Kana/Ideo status: never joined with a neighbour
};

/// ICU word boundaries over `text`, keeping letter, number, Kana and
/// ideographic segments (spaces, punctuation and symbols are dropped).
/// ICU breaks between Hangul and Latin letters or digits (오픈|AI|가):
/// touching letter/number segments are joined back into one eojeol here
/// (오픈AI가), to be split by script in stage 3 with the particle rule.
/// Where ICU's rules and a reader disagree:
///  - a middle dot (U+00B7, U+2027) always separates words: ICU keeps
///    DRAM·HBM one word, here it is dram | hbm (Hangul·Latin already broke);
///  - programming names keep their marks: one letter + "++" or "#" (c++,
///    c#, f#; not c+++, c#d), a listed name (.net, notepad++); a number
///    after the marks is its own word (c++17 -> c++ | 17), a particle joins
///    (C++를 -> c++를);
///  - one or two letters on each side of one '&' are one name (r&d, at&t,
///    m&a); other words joined by '&' or '/' stay apart, as ICU breaks them
///    (tcp/ip -> tcp | ip, rock&roll -> rock | roll).
void segment(const icu::UnicodeString& text, std::vector<Segment>& out);

// --- 3. script runs ----------------------------------------------------------

/// A run of one script inside a segment, [begin, end) in UTF-16 units.
struct Run {
    std::int32_t begin = 0, end = 0;
    Script script = Script::Other;
};

/// `seg` split at every change of script: 오픈ai가 -> 오픈 | ai | 가, 3억 -> 3 | 억;
/// and a JavaScript name before its ".js": node.js -> node | js (so its
/// whole stem is nodejs, and node finds it).
void script_runs(const icu::UnicodeString& text, const Segment& seg, std::vector<Run>& out);

/// Drops the last run when it is a Korean particle glued to a Latin or
/// numeric run (오픈ai가 -> 오픈 | ai, gpt를 -> gpt; 3국의 keeps 국의).
void drop_glued_particle(const icu::UnicodeString& text, std::vector<Run>& runs);

// --- 4. stem -----------------------------------------------------------------

/// Where a run stands in its word: the stem rules differ.
enum class Place : std::uint8_t {
    Alone,  ///< the whole word: Hangul by korean_stem, Latin by Snowball English
    First,  ///< first part of a mixed word: Hangul by korean_stem, Latin kept (a name: 챗GPT)
    Later,  ///< a later part, glued to another script (2025년에, AI칩을): korean_stem may leave
            ///< one syllable; Latin kept
};

/// Drops an English possessive: samsung's, samsung’s -> samsung.
void strip_possessive(std::string& word);

/// Snowball English stem of a normalized Latin word; words holding a digit
/// (h100, 4o, 2025), a name's mark '+', '#', '&' or '.' (c++, c#, r&d,
/// .net, asp.net) and words without a letter a..z are kept as written.
std::string english_stem(const std::string& word);

/// The stem of one normalized run: Hangul loses one particle or ending
/// (korean.hpp; never the English stemmer), and a stem left as noun +
/// 하다/되다/이다 ending that is no compound becomes the noun (정리했음 ->
/// 정리; lexicon.hpp), except in a later part of a mixed word; Latin is
/// stemmed only when it is the whole word, Han and Kana are kept.
std::string stem_run(const std::string& surface, Script script, Place place, const UserLexicon* user = nullptr);

/// One run after stemming.
struct Stemmed {
    std::string surface;  ///< the run as normalized (possessive dropped from a lone Latin word)
    std::string stem;
    Script script = Script::Other;
    std::int32_t begin = 0, end = 0;  ///< UTF-16 units of the normalized text
};

/// Every run of a word stemmed (stem_run at its Place).
void stem_runs(const icu::UnicodeString& text, const std::vector<Run>& runs, std::vector<Stemmed>& out,
               const UserLexicon* user = nullptr);

// --- 5. emit -----------------------------------------------------------------

/// The Word of one segment from its stemmed runs, at `position`: offsets
/// into the original text (n's maps), the surface (the lone run, or the
/// whole segment for a mixed word), the stem (the parts' stems joined) and
/// one part per run of a mixed word, each at its own position. No bigrams
/// or stopword flag yet (stage 6).
Word emit_word(const Normalized& n, const Segment& seg, const std::vector<Stemmed>& runs, std::uint32_t position,
               const UserLexicon* user = nullptr);

/// A one-run Hangul word whose stem the lexicon splits (lexicon.hpp:
/// compound_split) gets its parts, at consecutive positions from
/// w.position, offsets from `n`, and `compound` set (Nori's mixed mode:
/// the whole word and its parts are both indexed). Called by emit_word.
void decompound(const Normalized& n, const Stemmed& run, Word& w, const UserLexicon* user = nullptr);

// --- 6. filters ----------------------------------------------------------------

/// False for a word that cannot be indexed: a surface longer than
/// Analyzer::kMaxTermBytes (it still took its position) or an empty stem.
bool keep_word(const Word& w);

/// Flags a function word (것, 및, 등, the, of ...) of a one-run word; the
/// query builder drops such words when others remain. Mixed words never are.
void mark_stopword(Word& w);

/// The Hangul bigrams of `stem`, appended to out: every two adjacent
/// characters that are both Hangul syllables (삼성전자 -> 삼성 성전 전자).
void bigrams(const std::string& stem, std::vector<std::string>& out);

/// Sets a.joined when a and b, adjacent one-run Hangul words, a without an
/// ending, join into a known word: a name of the synonym list (스타 게이트,
/// one-syllable parts allowed), else, both of >= 2 syllables, a lexicon
/// noun (개인 정보) or a word with a segmentation line (네이버 랩스). Not any
/// two nouns: 미국 스타 and 센터 정리 are two words.
void join_spaced(Word& a, const Word& b, const UserLexicon* user = nullptr);

/// True when the only character between the segment ending at `end` and
/// the one starting at `begin` (UTF-16 units of `text`) is a hyphen
/// (U+002D, U+2010, U+2011): GPT-4o, e-mail; not GPT - 4o, nor an en dash.
bool hyphen_between(const icu::UnicodeString& text, std::int32_t end, std::int32_t begin);

/// Sets a.joined (and a.hyphen) when a and b, one-run words of letters and
/// digits outside Hangul, Han and Kana, neither a stopword, at least one
/// letter between them, are written with a hyphen between them
/// (hyphen_between): their join, stemmed as one Latin word (gpt-4o ->
/// gpt4o, e-mail -> email, covid-19 -> covid19). Like Lucene's word
/// delimiter catenation: GPT-4o and GPT4o meet on one term, and a query
/// word GPT-4o needs no phrase. A chain (gpt-4o-mini) joins each pair;
/// 2020-2024, K-팝, c++-based and state-of-the-art (stopwords) join nothing.
void join_hyphenated(Word& a, const Word& b, const UserLexicon* user = nullptr);

/// True for a Hangul stem that needs bigrams to be found inside: three or
/// more syllables and not a lexicon noun (two-syllable words are their own
/// one bigram; nouns and compounds are found by their terms).
bool needs_bigrams(const std::string& stem, const UserLexicon* user = nullptr);

/// Fills w.bigrams: the bigrams of a Hangul word's stem, or of each Hangul
/// part's stem of a mixed word, where needs_bigrams() (none for a compound:
/// its parts are known words). The last resort for unknown words.
void add_bigrams(Word& w, const UserLexicon* user = nullptr);

}  // namespace newsidx::detail
