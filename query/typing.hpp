// Internal: Korean typing help on the raw query (before the Analyzer's NFKC):
// 초성 queries, wrong keyboard layout, did-you-mean.
#pragma once

#include <newsidx/analyzer.hpp>

#include <xapian.h>

#include <string>
#include <vector>

namespace newsidx::detail {

/// The words of `raw` when it is 초성 only (ㅅㅌㄱㅇㅌ, ㅅㅌㄱㅇㅌ ㅍㄹㅈㅌ); else empty.
std::vector<std::string> initials_words(const std::string& raw);

/// The 초성 query: posts whose title or tag words start with each of `words`.
Xapian::Query initials_query(const std::vector<std::string>& words);

/// `raw` with each word typed on the wrong layout converted: an ASCII word
/// that becomes whole Hangul syllables (tmxkrpdlxm -> 스타게이트), a Hangul
/// word holding lone jamo turned into its keys (ㅐㅔ두ㅁㅑ -> openai). Words
/// with query syntax (field:, quotes, -, *, OR) are kept. Empty when no word
/// changes.
std::string convert_layout(const std::string& raw);

/// `raw` with each plain word the index does not know (neither its stem nor
/// its surface is a term) replaced by the index term closest to it in jamo
/// edit distance (1 for up to 4 jamo, else 2), the more frequent on a tie.
/// Candidates share the word's first letter (for Hangul: its first initial
/// consonant, so 수타게이트 -> 스타게이트 too); at most kMaxScan of them are
/// read per word, for the first kMaxSuggestWords unknown words among the
/// first kMaxSuggestScan words, and no word longer than kMaxSuggestBytes is
/// read (no typo: a pasted URL, a run of symbols). Empty when nothing is
/// replaced.
std::string did_you_mean(const Xapian::Database& db, const Analyzer& analyzer, const std::string& raw);

inline constexpr std::size_t kMaxScan = 20000;
inline constexpr std::size_t kMaxSuggestWords = 8;
inline constexpr std::size_t kMaxSuggestScan = 64;
inline constexpr std::size_t kMaxSuggestBytes = 96;

}  // namespace newsidx::detail
