// Internal: the index's metadata, read and written here only.
//  - The stamp: what built the index (schema version and analyzer), written
//    by every writer and checked, with one message, by every opener: the
//    writer (indexer/index.cpp), the searcher and each shard
//    (query/open_db.cpp), rebalance (indexer/shards.cpp).
//  - The roots: the folders `add` was given (stats, sync, rebalance).
//  - The templates: each root's boilerplate paragraphs as last computed
//    (indexer/boilerplate.hpp), for `stats` and the next writer's ingest.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace newsidx::detail {
struct UserLexicon;
}

namespace newsidx::schema {

/// "newsidx-ko-en/5+ko-nouns:…,ko-verbs:…,decompound:…,names:…,concepts:1":
/// the analyzer this build writes into kMetaAnalyzer of an index that adds
/// nothing of its own (analyzer_tag(db) for one that does).
std::string analyzer_tag();

/// The tag of `db`'s analysis: analyzer_tag(), plus ",groups:XXXXXXXX" when
/// its posts were analyzed with synonym groups of its user
/// (kMetaConceptGroups, detail::analyzer_config) and ",user:XXXXXXXX" when
/// it holds a user dictionary (kMetaDictionary); 8 hex digits of the hash.
/// Changing either makes its posts Outdated until `reindex`.
std::string analyzer_tag(const Xapian::Database& db);

/// Writes this build's schema version and `db`'s analyzer tag.
void write_stamp(Xapian::WritableDatabase& db);

/// The user dictionary `db` holds (UserLexicon::canonical(); "" for none).
std::string read_dictionary(const Xapian::Database& db);

/// The user dictionary the Analyzer of `db` uses, or null when it holds
/// none. Throws IndexError when the stored text does not parse.
std::shared_ptr<const detail::UserLexicon> user_lexicon(const Xapian::Database& db);

/// Stores `canonical` as `db`'s dictionary ("" removes it) and, when `db`
/// holds no posts, its stamp with it (nothing to reindex). Does not commit.
/// Returns false when `db` already held exactly that.
bool write_dictionary(Xapian::WritableDatabase& db, const std::string& canonical);

struct Stamp {
    std::string schema;    ///< kMetaSchema as stored ("" when absent)
    std::string analyzer;  ///< kMetaAnalyzer as stored
    std::string expected;  ///< analyzer_tag(db): what it must be
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

/// The post extensions beside .md the index takes (kMetaExtensions, `add --ext`), as stored: sorted.
std::vector<std::string> read_extensions(const Xapian::Database& db);

/// Records `roots` besides those already recorded.
void add_roots(Xapian::WritableDatabase& db, const std::set<std::string>& roots);

/// One root's templates (kMetaTemplates): its post count and each template
/// paragraph (hash as 16 hex digits, posts holding it, its text, cut at ~200 bytes).
struct RootTemplates {
    std::size_t posts = 0;
    struct Entry {
        std::string hash;
        std::size_t posts = 0;
        std::string text;
    };
    std::vector<Entry> templates;  ///< most posts first, then by hash
};

/// Per root; none when absent or unreadable.
std::map<std::string, RootTemplates> read_templates(const Xapian::Database& db);

/// The value write_templates stores ("" when no root has templates).
std::string encode_templates(const std::map<std::string, RootTemplates>& all);

/// Stores `all` (roots without templates are left out).
void write_templates(Xapian::WritableDatabase& db, const std::map<std::string, RootTemplates>& all);

}  // namespace newsidx::schema
