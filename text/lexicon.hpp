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
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsidx::detail {

/// A Hangul noun of two or more syllables (normalized UTF-8).
bool is_lexicon_noun(std::string_view word);

/// A word with a segmentation line that splits it (네이버랩스 네이버 랩스).
bool is_segmented(std::string_view word);

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
std::vector<std::size_t> compound_split(std::string_view stem);
inline constexpr std::size_t kMaxCompoundSyllables = 12;

/// A stem the particle stripper left as noun + 하다/되다/시키다/이다 ending
/// (정리했음 -> 정리, 예상됩니다 -> 예상, 사용하였 -> 사용): the longest noun
/// prefix of >= 2 syllables whose remainder starts such an ending. Empty
/// when the stem is a noun or a compound itself, or nothing applies.
std::string light_verb_noun(std::string_view stem);

/// The built-in segmentation list (corpus/decompound.txt).
std::string_view builtin_decompound();

/// "decompound:XXXXXXXX,names:XXXXXXXX": the two built-in lists' marks
/// (8 hex digits of each one's SHA-256, computed when CMake embeds them).
std::string_view builtin_lists_tag();

/// The built-in synonym list (corpus/synonyms.txt), compiled in once for the
/// analyzer (names) and for the schema (synonym groups).
std::string_view builtin_synonyms();

/// Identifies the lexicon for the analyzer tag: the hunspell noun list's
/// hash and the two built-in lists' marks, 8 hex digits each.
std::string lexicon_tag();

}  // namespace newsidx::detail
