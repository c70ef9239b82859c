// Internal: the typo table, the index-time structure did-you-mean reads
// (ARCHITECTURE.md "The typo table").
//
// Every free-text word of the index worth suggesting (typo_word) is filed
// under three keys: its jamo string (hangul::jamo_string) cut into three
// parts, each part keyed by the word's length in jamo and the part's place.
// Two words within two jamo edits share at least one part untouched by the
// edits (pigeonhole), at the same place up to the shift the edits before it
// make, so the keys a query word probes (probe_keys) find every word within
// its edit limit without reading the term list. Each (key, word) is one
// metadata entry, key + word -> kTypoFiled, read by a metadata key range
// (Database::metadata_keys_begin(key), which remote shards serve too).
//
// The writer files a word when its first post is written (Index::Impl::apply
// for add, sync, reindex and a parallel add's parts; rebalance), in the same
// transaction, and never removes one: a reader keeps only the words the
// index still holds (term_exists), so a word whose last post went is not
// suggested, and a search over several shards reads each shard's entries
// and checks the words against all of them. An entry is the same in every
// database that holds it, so compaction (the parts' merge, `compact`) keeps
// it as it is.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace newsidx::schema {

/// Metadata keys of the table: kMetaTypo + place (a|b|c) + one byte ('0' +
/// jamo length) + the part (a conjoining jamo as one byte 0x80..0xC2, any
/// other letter in UTF-8) + kTypoWordSep + the word. The value is
/// kTypoFiled (Xapian drops an entry set to "").
inline constexpr std::string_view kMetaTypo = "ty:";
inline constexpr char kTypoWordSep = '\n';
inline constexpr const char* kTypoFiled = "1";

/// Words shorter than this (in jamo) are neither filed nor looked up.
inline constexpr std::size_t kTypoMinJamo = 3;
/// Nor longer ones (a URL, a run of symbols).
inline constexpr std::size_t kTypoMaxJamo = 40;

/// Whether an index term is filed: unprefixed, kTypoMinJamo..kTypoMaxJamo
/// jamo, letters only (Hangul syllables or any other script's letters): no
/// digit, no mark of a name (c++, r&d), no lone or conjoining jamo, so a
/// suggestion is always a whole word made of whole syllables.
bool typo_word(std::string_view term);

/// The three keys `word` is filed under (each followed by the word).
std::vector<std::string> typo_keys(std::string_view word);

/// The keys to read to find every filed word within `limit` (1 or 2) jamo
/// edits of `word` (deduplicated; empty when the word is out of range).
std::vector<std::string> probe_keys(std::string_view word, std::size_t limit);

/// The words filed under `key` in `db` (one database: a database of several
/// shards reads the first one's metadata only).
std::vector<std::string> typo_words(const Xapian::Database& db, const std::string& key);

/// Files the words of `doc` that `d` does not hold yet (called before the
/// post that brings them is written, by every writer, for each post).
/// Terms that are not typo_word are skipped.
void file_new_words(Xapian::WritableDatabase& d, const Xapian::Document& doc);

}  // namespace newsidx::schema
