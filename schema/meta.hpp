// Internal: the index's metadata, read and written here only.
//  - The stamp: what built the index (schema version and analyzer), written
//    by every writer and checked, with one message, by every opener: the
//    writer (indexer/index.cpp), the searcher and each shard
//    (query/open_db.cpp), rebalance (indexer/shards.cpp).
//  - The roots: the folders `add` was given (stats, sync, rebalance).
#pragma once

#include <xapian.h>

#include <set>
#include <string>
#include <vector>

namespace newsidx::schema {

/// "newsidx-ko-en/4+ko-nouns:…,decompound:…,names:…": the analyzer this build writes into kMetaAnalyzer.
std::string analyzer_tag();

/// Writes this build's schema version and analyzer tag.
void write_stamp(Xapian::WritableDatabase& db);

struct Stamp {
    std::string schema;    ///< kMetaSchema as stored ("" when absent)
    std::string analyzer;  ///< kMetaAnalyzer as stored
    enum class State {
        Current,   ///< this build's schema and analyzer
        Fresh,     ///< no stamp and no documents: a database nobody wrote to yet
        Foreign,   ///< no stamp but documents: not made by newsidx
        Outdated,  ///< another schema or analyzer: `newsidx reindex`
    } state = State::Fresh;

    bool usable() const { return state == State::Current || state == State::Fresh; }
    /// One sentence for Foreign and Outdated ("" otherwise), without the
    /// folder's name: callers prefix it.
    std::string problem() const;
};

Stamp read_stamp(const Xapian::Database& db);

/// The roots recorded (sorted; none when absent or unreadable).
std::vector<std::string> read_roots(const Xapian::Database& db);

/// Records `roots` besides those already recorded.
void add_roots(Xapian::WritableDatabase& db, const std::set<std::string>& roots);

}  // namespace newsidx::schema
