// Internal: the Korean lexicon the analyzer decompounds with (issue 17;
// docs/design/analysis-v4.md). Three sources, all compiled in, so a post's
// terms depend on the post alone and on the binary, never on the other
// posts of an index:
//   - nouns: Debian's hunspell-ko, nouns of two or more syllables, frozen
//     into the build by text/lexicon/gen_lexicon (its hash is in the
//     analyzer tag);
//   - segmentations: corpus/decompound.txt, lines "WORD PART PART..." (split
//     WORD so) or "WORD" (never split WORD), like Nori's user dictionary;
//   - names: the one-word Hangul members of corpus/synonyms.txt (스타게이트,
//     데이터센터): their spaced spellings are joined (스타 게이트). Those the
//     rule would split wrongly have a "keep whole" segmentation line.
// And one that is not compiled in: an index's user dictionary (`newsidx dict
// FILE`, UserLexicon below), stored in the index's metadata and marked in
// its analyzer tag, which the Analyzer of that index (writer and searcher)
// carries; every function below takes it (null: the built-in lists only).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsidx::detail {

/// An index's user dictionary (`newsidx dict FILE`, README "User
/// dictionary"), in Nori's user-dictionary format: "WORD" (a noun: known,
/// kept whole, a part for the rule's splits, the target of a spaced join)
/// or "WORD PART PART..." (split WORD so). Normalized like the analyzer's
/// text (NFKC + case folding). Its entries override the built-in ones for
/// the same word; every entry is also a noun (like Nori's, whose user
/// words are all nouns).
struct UserLexicon {
    /// word -> its parts (empty: a noun kept whole), sorted by word.
    std::map<std::string, std::vector<std::string>> entries;

    /// The entry of `word`, or null.
    const std::vector<std::string>* find(std::string_view word) const;
    /// One line per entry ("WORD" or "WORD PART PART"), sorted, each ending
    /// in '\n': what the index stores, and what its mark hashes (equal
    /// dictionaries, however written, have equal text).
    std::string canonical() const;
};

/// Parses a dictionary file; `name` is used in errors, which are Error
/// "name:line: problem" (a word that is not Hangul, parts that do not spell
/// the word, one part, a word given twice with different parts, a word over
/// Analyzer::kMaxTermBytes, invalid UTF-8). '#' starts a comment line;
/// blank lines are skipped; fields are separated by spaces or tabs.
UserLexicon parse_user_lexicon(std::string_view text, const std::string& name);

/// A Hangul noun of two or more syllables (normalized UTF-8), or a word of
/// the user dictionary.
bool is_lexicon_noun(std::string_view word, const UserLexicon* user = nullptr);

/// A word with a segmentation line that splits it (네이버랩스 네이버 랩스);
/// the user's line for the word decides first.
bool is_segmented(std::string_view word, const UserLexicon* user = nullptr);

/// A one-word Hangul name of the built-in synonym list.
bool is_lexicon_name(std::string_view word);

/// Where a Hangul stem splits into known words, as syllable counts of its
/// parts (삼성전자 -> {2, 2}; 공정거래위원회 -> {2, 2, 3}); empty when it does
/// not split. A segmentation line decides first ("WORD" alone: never, for
/// names whose parts happen to be nouns: 스타게이트, 아이패드). Else stems of
/// 4 to kMaxCompoundSyllables syllables split into two (else three) nouns
/// of >= 2 syllables each:
/// fewer parts first, then the longest shortest part, then the longest
/// first part. No frequencies: the answer depends on the stem only.
/// The user dictionary's line for the stem decides before all of this, and
/// its words are nouns for the rule.
std::vector<std::size_t> compound_split(std::string_view stem, const UserLexicon* user = nullptr);
inline constexpr std::size_t kMaxCompoundSyllables = 12;

/// A stem the particle stripper left as noun + 하다/되다/시키다/이다 ending
/// (정리했음 -> 정리, 예상됩니다 -> 예상, 사용하였 -> 사용): the longest noun
/// prefix of >= 2 syllables whose remainder starts such an ending. Empty
/// when the stem is a noun or a compound itself (or a user word), or nothing applies.
std::string light_verb_noun(std::string_view stem, const UserLexicon* user = nullptr);

/// The built-in segmentation list (corpus/decompound.txt).
std::string_view builtin_decompound();

/// "decompound:XXXXXXXX,names:XXXXXXXX": the two built-in lists' marks
/// (8 hex digits of each one's SHA-256, computed when CMake embeds them).
std::string_view builtin_lists_tag();

/// The built-in synonym list (corpus/synonyms.txt), compiled in once for the
/// analyzer (names) and for the schema (synonym groups).
std::string_view builtin_synonyms();

/// The groups of a synonym list ("a = b = c" a line, `#` comments): the one
/// parser of the format, for the built-in list (concept terms, the schema's
/// synonym table) and a user's file (`newsidx synonyms`). Throws Error
/// "NAME:LINE: problem" on invalid UTF-8, an empty member or a line of one
/// member.
std::vector<std::vector<std::string>> parse_synonym_groups(std::string_view text, const std::string& name);

/// Identifies the lexicon for the analyzer tag: the hunspell noun list's
/// hash and the two built-in lists' marks, 8 hex digits each.
std::string lexicon_tag();

}  // namespace newsidx::detail
