// Internal: the typo table, the index-time structure did-you-mean reads
// (ARCHITECTURE.md "The typo table").
//
// Every free-text word of the index worth suggesting (typo_word) is filed
// under three keys: its jamo string (hangul::jamo_string) cut into three
// parts, each part keyed by the word's length in jamo and the part's place.
// Two words within two jamo edits share at least one part untouched by the
// edits (pigeonhole), at the same place up to the shift the edits before it
// make, so the keys a query word probes (probe_keys) find every word within
// its edit limit without reading the term list.
//
// Stored form, kept small (the table is read rarely, written at each
// commit): a word is written as its packed jamo (one byte per jamo, other
// letters in UTF-8), rotated so that the keyed part comes first, and the keys
// sharing a place, a length and the part's first jamo share one metadata
// entry (a bucket): its entries sorted, front-coded and zlib-compressed
// (stored_text.hpp's codec; the commits of one add write a raw sorted run
// each beside it, under longer keys, merged into it at the add's end).
//
// A writer notes the words a post brings that are new (TypoFiler::note, in
// Index::Impl::apply for add, sync, reindex and a parallel add's parts; in
// rebalance) and writes them, one read and write per bucket, just before it
// commits (TypoFiler::flush), so they land in the same commit as their posts.
// A word is never removed: a reader keeps only the words the index still
// holds (get_termfreq), so a word whose last post went is not suggested, and
// a search over several shards reads each shard's table and checks the words
// against all of them. Compacting a parallel add's parts unions the buckets
// (TypoCompactor).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace newsidx::schema {

/// Metadata keys of the table: kMetaTypo + place (a|b|c) + one byte ('0' +
/// jamo length) + the first byte of the part (a conjoining jamo as one byte
/// 0x80..0xC2, an ASCII letter as itself, the lead byte of any other letter
/// in UTF-8). The value: that bucket's entries (typo.cpp).
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

/// The three keys `word` is filed under: place, length, the packed part.
std::vector<std::string> typo_keys(std::string_view word);

/// The keys to read to find every filed word within `limit` (1 or 2) jamo
/// edits of `word` (deduplicated; empty when the word is out of range).
std::vector<std::string> probe_keys(std::string_view word, std::size_t limit);

/// The words filed in `db` under any of `keys` (typo_keys / probe_keys),
/// sorted, each once: one read per bucket (and per run beside it: see
/// TypoFiler::flush). One database: a database of
/// several shards reads the first one's metadata only.
std::vector<std::string> typo_words(const Xapian::Database& db, const std::vector<std::string>& keys);

/// One writer's words to file.
class TypoFiler {
public:
    /// Notes the words of `doc` that `d` does not hold yet: call it before
    /// the post is written. Terms that are not typo_word are skipped. Each
    /// distinct word is looked up once for the filer's life (none at all
    /// while the filer has seen every post of the index: it began empty).
    void note(const Xapian::WritableDatabase& d, const Xapian::Document& doc);
    /// Files the noted words in `d`'s table: call it before every commit.
    /// `more`: a commit within a run of them (an add's batches): each
    /// bucket's new entries are written as a sorted run under a key of their
    /// own (the bucket's + run_suffix), nothing read back; the next flush
    /// without `more` merges the bucket, its runs and its new entries into
    /// the bucket and deletes the runs. So a long add writes each entry about
    /// twice and reads each bucket once: rewriting a growing bucket at every
    /// batch made the add quadratic in its new words. Runs a killed add left
    /// are read as part of their bucket and merged by the next full flush
    /// that touches it.
    void flush(Xapian::WritableDatabase& d, bool more = false);
    /// After a cancelled transaction: what was filed may not have been
    /// committed, so every word is looked up again.
    void forget();

private:
    std::vector<std::string> new_;  // to file at the next flush
    std::set<std::string> raw_;     // buckets a flush with `more` added a run to (less kMetaTypo)
    std::uint32_t runs_ = 0;        // flushes with `more` so far (run_suffix)
    // Words noted (new or held) since the filer began or last forgot, as
    // their 64-bit hashes (fnv1a64, 0 read as 1) in an open-addressed table:
    // 8 bytes a word where a set of strings took about 70, and one probe
    // into one array. Two words sharing a hash (about 1 in 10^6 over 6
    // million words) cost the later one its entry in the table, which only
    // helps did-you-mean: a missing entry is harmless. Cleared when full
    // (they are then looked up again).
    class Seen {
    public:
        bool insert(std::string_view word);  // false when held already
        bool full() const { return crowded(kMaxSlots); }
        void clear();

    private:
        // One more word would fill more than 3/4 of `slots` slots.
        bool crowded(std::size_t slots) const { return 4 * (n_ + 1) > 3 * slots; }
        std::size_t slot(std::uint64_t h) const;  // where h is, or the empty slot where it goes
        static constexpr std::size_t kMaxSlots = std::size_t{1} << 23;  // 64 MiB, 6.3 million words
        std::vector<std::uint64_t> slots_;  // 0: empty
        std::size_t n_ = 0;
    };
    Seen seen_;
    // 1: the index had no post at the first note and seen_ was never
    // cleared, so a word not in seen_ is new without a look-up.
    int fresh_ = -1;
};

/// Keeps every word of all buckets when compaction meets one typo key in
/// several databases (a parallel add's parts); other metadata keeps the
/// first value, as Xapian's own Compactor does.
class TypoCompactor : public Xapian::Compactor {
public:
    std::string resolve_duplicate_metadata(const std::string& key, size_t num_tags, const std::string tags[]) override;
};

}  // namespace newsidx::schema
