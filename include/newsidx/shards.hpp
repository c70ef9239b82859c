// newsidx — sharded indexes: one index spread over N Xapian databases
// (writing them; how a search opens local, sharded, stub and remote
// (xapian-tcpsrv) ones is OpenOptions, newsidx/searcher.hpp).
//
// Layout of a sharded index folder DB (README "Shards"):
//   DB/XAPIANDB   a Xapian stub file: "auto shard-0" … "auto shard-<N-1>", one per line
//   DB/shard-K/   a complete newsidx index (schema, analyzer, synonyms, its posts)
// A post lives in shard shard_of(id, N) and never moves while N stays the
// same, so re-adding stays incremental. Any Xapian tool opens DB as one
// database through the stub (xapian-delve DB, xapian-compact shard by shard).
#pragma once

#include <newsidx/index.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsidx {

/// The shard (0-based) a post id belongs to among `count` shards: 64-bit
/// FNV-1a of the id's UTF-8 bytes, modulo `count`. The same on every machine
/// and version: changing it would move posts.
std::size_t shard_of(std::string_view id, std::size_t count);

/// True if `path` is a sharded index folder (it holds a XAPIANDB stub).
bool is_sharded(const std::string& path);

/// The shard folders of the sharded index at `path`, in routing order (empty
/// if `path` is not sharded). Throws IndexError if its XAPIANDB is not one
/// newsidx wrote ("auto shard-0" … "auto shard-<N-1>").
std::vector<std::string> shard_paths(const std::string& path);

/// A writable index that is either one database (exactly Index) or a
/// sharded folder (one Index per shard). Same contract as Index: one writer
/// per shard at a time, every method commits before returning.
class ShardedIndex {
public:
    /// Opens `path`. With `create_shards` > 0, a missing or empty folder
    /// becomes a sharded index of that many shards; an existing index with
    /// another number of shards is refused (IndexError: run `newsidx
    /// rebalance`). With 0, a sharded folder is opened as it is and anything
    /// else as a single index (created if missing).
    explicit ShardedIndex(const std::string& path, std::size_t create_shards = 0,
                          bool allow_version_mismatch = false);
    ~ShardedIndex();
    ShardedIndex(ShardedIndex&&) noexcept;
    ShardedIndex& operator=(ShardedIndex&&) noexcept;

    bool sharded() const;
    std::size_t shard_count() const;  ///< 1 for a single index

    /// Index::add on every shard, each taking only the posts routed to it.
    AddReport add(const std::vector<std::string>& paths, const AddOptions& opts = {});
    /// Index::sync on every shard (posts whose files are gone are removed wherever they are).
    AddReport sync(const std::string& dir, const AddOptions& opts = {});
    /// Removes by id or path from every shard; a name is "not found" only if no shard had it.
    std::size_t remove(const std::vector<std::string>& ids_or_paths, std::vector<std::string>* not_found = nullptr);
    AddReport reindex(const AddOptions& opts = {});
    /// Adds the synonym groups of `file` to every shard; returns the keys written (per shard).
    std::size_t add_synonyms(const std::string& file);
    /// Index::set_dictionary / clear_dictionary on every shard (each holds
    /// the dictionary, as each holds the synonyms); a bad file stores nothing.
    DictionaryReport set_dictionary(const std::string& file);
    DictionaryReport clear_dictionary();
    /// One entry per shard, in shard order (one entry for a single index).
    std::vector<IndexStats> stats() const;
    /// Index::post_extensions of the first shard (every add writes them to all).
    std::vector<std::string> post_extensions() const;
    /// Index::compact on every shard in turn (sizes summed).
    CompactReport compact();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

struct RebalanceReport {
    std::size_t from_shards = 0, to_shards = 0;
    std::uint64_t posts = 0;  ///< posts copied
    std::uint64_t moved = 0;  ///< posts whose shard changed (0 ↔ unsharded counts as shard 0)
    double seconds = 0;
};

/// Re-routes every post of the index at `path` into `count` shards (1: a
/// single, unsharded index). Documents are copied as indexed (no
/// re-analysis); synonyms and metadata come along. The new layout is built
/// in "<path>.rebalance" and swapped in when complete, so an interruption
/// leaves the old index untouched. Holds every shard's write lock meanwhile.
RebalanceReport rebalance(const std::string& path, std::size_t count);

}  // namespace newsidx
