// Internal: Korean typing help on the raw query (before the Analyzer's NFKC):
// 초성 queries, wrong keyboard layout, did-you-mean.
#pragma once

#include <newsidx/analyzer.hpp>

#include <xapian.h>

#include <functional>
#include <string>
#include <string_view>
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
/// Words with query syntax (field:, quotes, -, *, OR) are kept, and so are
/// words `stopword` says are stopwords only (so, to, did: the index holds
/// no stopword, but they are words, not 내, 새, 양). Empty when no word changes.
std::string convert_layout(const std::string& raw, const HoldsWord& holds, const HoldsWord& stopword = {});

/// Whether `word` analyzes to stopwords only (the, so, 그리고).
HoldsWord stopwords_only(const Analyzer& analyzer);

/// `raw` with each plain word the index does not know (neither its stem nor
/// its surface is a term) replaced by the index word closest to it in jamo
/// edit distance (Damerau: a swap of neighbours is one edit) within
/// typo_limit, the more frequent on a tie, then the smaller. Candidates come
/// from the typo table (schema/typo.hpp), read from each of `shards` (each
/// shard's own table; the whole of `db` when empty), and only words `db`
/// still holds are kept: a whole term made of whole syllables, with no fewer
/// syllables than the word typed (형태소분석기 never becomes 형태소분석), and
/// never a Latin term the index holds only as a stem (choic, of choice). A word
/// with digits on one side (아이펀17) has its letters corrected and keeps its
/// digits (아이폰17, offered only when the index holds that whole word: never
/// 아이폰 or gpt for gpt5); a word with any other sign (.net, c++) is never
/// corrected. At most kMaxSuggestWords unknown words among the first
/// kMaxSuggestScan words are looked up, and no word longer than
/// kMaxSuggestBytes (a pasted URL). Empty when nothing is replaced.
std::string did_you_mean(const Xapian::Database& db, const std::vector<Xapian::Database>& shards,
                         const Analyzer& analyzer, const std::string& raw);

/// How many edits a word's letters may be corrected by, as Meilisearch and
/// Algolia do for Latin words: a Latin letter weighs 1 and a Hangul syllable
/// 2 (a syllable is 2-3 jamo); 0 below kOneTypoFrom (dock, 깃헙), 1 from
/// it (dockr, 쳇gpt, Hangul words of 3-4 syllables), 2 from kTwoTyposFrom
/// (kuberntes at 9 letters, 스타게이츠 at 5+ syllables). Edits are counted in jamo.
std::size_t typo_limit(std::string_view letters);
inline constexpr std::size_t kOneTypoFrom = 5;
inline constexpr std::size_t kTwoTyposFrom = 9;

/// Whether the query as typed holds no word the index holds: every word is
/// plain (no field:, quotes, -, *) and `holds` none of them (OR aside). Such
/// a query finds nothing (or only the last resort's pieces), so a
/// did-you-mean is searched instead of only offered.
bool holds_none(const std::string& raw, const HoldsWord& holds);

inline constexpr std::size_t kMaxSuggestWords = 8;
inline constexpr std::size_t kMaxSuggestScan = 64;
inline constexpr std::size_t kMaxSuggestBytes = 96;

}  // namespace newsidx::detail
