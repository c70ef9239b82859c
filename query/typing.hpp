// Internal: Korean typing help on the raw query (before the Analyzer's NFKC):
// 초성 queries, wrong keyboard layout, did-you-mean.
#pragma once

#include <newsidx/analyzer.hpp>

#include <xapian.h>

#include <functional>
#include <string>
#include <vector>

namespace newsidx::detail {

/// The words of `raw` when it is 초성 only (ㅅㅌㄱㅇㅌ, ㅅㅌㄱㅇㅌ ㅍㄹㅈㅌ); else empty.
std::vector<std::string> initials_words(const std::string& raw);

/// The 초성 query: posts whose title or tag words start with each of `words`.
Xapian::Query initials_query(const std::vector<std::string>& words);

/// Whether the index holds `word` as typed: each of its analyzed words
/// (stopwords aside) has its stem or its surface as a term; false when it
/// analyzes to no word.
using HoldsWord = std::function<bool(const std::string& word)>;
HoldsWord holds_word(const Xapian::Database& db, const Analyzer& analyzer);

/// `raw` with each word typed on the wrong layout converted — an ASCII word
/// that becomes whole Hangul syllables (tmxkrpdlxm -> 스타게이트), a Hangul
/// word holding lone jamo turned into its keys (ㅐㅔ두ㅁㅑ -> openai) — only
/// where the index does not hold the word as typed and holds its other
/// reading (Sam Altman, form, work stay: the index holds them, or lacks 미스무).
/// Words with query syntax (field:, quotes, -, *, OR) are kept. Empty when
/// no word changes.
std::string convert_layout(const std::string& raw, const HoldsWord& holds);

/// `raw` with each plain word the index does not know (neither its stem nor
/// its surface is a term) replaced by the index word closest to it in jamo
/// edit distance (1 for up to 4 jamo, else 2), the more frequent on a tie,
/// then the smaller. Candidates come from the typo table (schema/typo.hpp),
/// read from each of `shards` (each shard's own table; the whole of `db` when
/// empty), and only words `db` still holds are kept: a whole term made of
/// whole syllables. At most kMaxSuggestWords unknown words among the first
/// kMaxSuggestScan words are looked up, and no word longer than
/// kMaxSuggestBytes (a pasted URL). Empty when nothing is replaced.
std::string did_you_mean(const Xapian::Database& db, const std::vector<Xapian::Database>& shards,
                         const Analyzer& analyzer, const std::string& raw);

inline constexpr std::size_t kMaxSuggestWords = 8;
inline constexpr std::size_t kMaxSuggestScan = 64;
inline constexpr std::size_t kMaxSuggestBytes = 96;

}  // namespace newsidx::detail
