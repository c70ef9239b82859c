// Internal: the typo table, the index-time structure did-you-mean reads
// (ARCHITECTURE.md "The typo table").
//
// Every free-text word of the index worth suggesting (typo_word) is filed
// under three keys: its jamo string (hangul::jamo_string) cut into three
// parts, each part keyed by the word's length in jamo and the part's place.
// Two words within two jamo edits share at least one part untouched by the
// edits (pigeonhole), at the same place up to the shift the edits before it
// make, so the keys a query word probes (probe_keys) find every word within
// its edit limit without reading the term list. Each key is one metadata
// entry holding its words, sorted, one per line.
//
// A writer notes the words a post brings that the index lacks
// (TypoFiler::note, in Index::Impl::apply for add, sync, reindex and a
// parallel add's parts; in rebalance) and writes them, one read and write per
// key, just before it commits (TypoFiler::flush), so they land in the same
// commit as their posts. A word is never removed: a reader keeps only the
// words the index still holds (term_exists), so a word whose last post went
// is not suggested, and a search over several shards reads each shard's
// table and checks the words against all of them. Compacting a parallel
// add's parts unions the lists (TypoCompactor).
#pragma once

#include <xapian.h>

#include <set>
#include <unordered_set>
#include <string>
#include <string_view>
#include <vector>

namespace newsidx::schema {

/// Metadata keys of the table: kMetaTypo + place (a|b|c) + one byte ('0' +
/// jamo length) + the part (a conjoining jamo as one byte 0x80..0xC2, any
/// other letter in UTF-8). The value: the words, sorted, '\n' between.
inline constexpr std::string_view kMetaTypo = "newsidx.typo.";

/// Words shorter than this (in jamo) are neither filed nor looked up.
inline constexpr std::size_t kTypoMinJamo = 3;
/// Nor longer ones (a URL, a run of symbols).
inline constexpr std::size_t kTypoMaxJamo = 40;

/// Whether an index term is filed: unprefixed, kTypoMinJamo..kTypoMaxJamo
/// jamo, letters only (Hangul syllables or any other script's letters): no
/// digit, no mark of a name (c++, r&d), no lone or conjoining jamo, so a
/// suggestion is always a whole word made of whole syllables.
bool typo_word(std::string_view term);

/// The three keys `word` is filed under.
std::vector<std::string> typo_keys(std::string_view word);

/// The keys to read to find every filed word within `limit` (1 or 2) jamo
/// edits of `word` (deduplicated; empty when the word is out of range).
std::vector<std::string> probe_keys(std::string_view word, std::size_t limit);

/// The words filed under `key` in `db` (one database: a database of several
/// shards reads the first one's metadata only).
std::vector<std::string> typo_words(const Xapian::Database& db, const std::string& key);

/// One writer's words to file.
class TypoFiler {
public:
    /// Notes the words of `doc` that `d` does not hold yet: call it before
    /// the post is written. Terms that are not typo_word are skipped.
    void note(const Xapian::WritableDatabase& d, const Xapian::Document& doc);
    /// Files the noted words in `d`'s table: call it before every commit.
    void flush(Xapian::WritableDatabase& d);

private:
    std::set<std::string> words_;
    /// Words this batch found in the index already: each distinct word is
    /// looked up once a batch, not at every occurrence (the lookup on a
    /// writable database with pending changes is what an add pays).
    std::unordered_set<std::string> known_;
};

/// Keeps every word of both lists when compaction meets one typo key in
/// several databases (a parallel add's parts); other metadata keeps the
/// first value, as Xapian's own Compactor does.
class TypoCompactor : public Xapian::Compactor {
public:
    std::string resolve_duplicate_metadata(const std::string& key, size_t num_tags, const std::string tags[]) override;
};

}  // namespace newsidx::schema
