// Internal: opening what a search reads — an index folder, a sharded folder,
// a Xapian stub file, remote xapian-tcpsrv shards — with timeouts, and
// naming the shard at fault when one fails.
#pragma once

#include <newsidx/searcher.hpp>  // OpenOptions

#include <xapian.h>

#include <string>
#include <vector>

namespace newsidx::detail {

/// One database of a search.
struct ShardSpec {
    std::string label;           ///< for messages: "shard 2 of 3 (127.0.0.1:7002)"
    std::string path;            ///< a local database folder (empty for remote)
    std::string host;            ///< remote over TCP (port > 0)
    unsigned port = 0;
    std::string program, args;   ///< remote through a program (stub line "remote :PROG ARGS")
    std::string context() const; ///< how Xapian names it in errors: "remote:tcp(host:port)"
};

/// The shards `db` (a folder, a sharded folder, a stub file; "" for none)
/// and `opts.remotes` stand for. Stub lines are read the way Xapian reads
/// them (auto/glass/chert PATH relative to the stub, `remote HOST:PORT`,
/// `remote :PROG ARGS`), nested stubs included. Throws IndexError naming the
/// file and line of a line it cannot use.
std::vector<ShardSpec> list_shards(const std::string& db, const OpenOptions& opts);

/// The shards of one Searcher, opened together as one Xapian::Database.
class ShardedDb {
public:
    ShardedDb() = default;
    ShardedDb(std::string db, OpenOptions opts) : db_(std::move(db)), opts_(std::move(opts)) {}

    /// Opens every shard (remote ones side by side, each within the
    /// timeouts) and checks that each was built by this schema and analyzer.
    /// A shard that fails: IndexError naming it, or with allow_partial it is
    /// left out and listed in missing().
    Xapian::Database open();

    /// After a NetworkError during a search: with allow_partial, the shards
    /// but the one that failed, opened afresh; otherwise IndexError naming it.
    Xapian::Database without_failed(const Xapian::Error& e);

    /// Labels of the shards left out (allow_partial only).
    const std::vector<std::string>& missing() const { return missing_; }
    const std::string& name() const { return db_; }
    /// Whether the last open() joined a remote shard with other shards.
    bool remote_among_several() const { return remote_among_several_; }
    /// Each shard the last open() joined, on its own: what a search reads
    /// per shard (the typo table's metadata, which a database of several
    /// shards reads from its first only).
    const std::vector<Xapian::Database>& parts() const { return parts_; }
    /// The last open() joined several shards, one or more of them local
    /// (a folder or a glass file searched in this process).
    bool local_among_several() const { return local_among_several_; }

private:
    Xapian::Database open_all(const std::vector<ShardSpec>& shards);

    std::string db_;
    OpenOptions opts_;
    std::vector<ShardSpec> dropped_;  // failed during a search: not retried by this Searcher
    std::vector<std::string> missing_;
    std::vector<Xapian::Database> parts_;
    bool remote_among_several_ = false;
    bool local_among_several_ = false;
};

}  // namespace newsidx::detail
