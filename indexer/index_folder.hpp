// Internal: the one owner of an index folder around Xapian's files (issue
// 16): the writer's lock note (who holds the lock), the sibling folders
// (DB.newsidx-compact, DB.newsidx-parts, DB.rebalance), clearing what a
// killed writer left (only once the lock is held), the atomic swap, and the
// folder check before a writer opens. Index (indexer/index.cpp), the
// parallel merge (parts.cpp) and rebalance (shards.cpp) go through it; what
// a folder must hold is schema's (folder_check.hpp), which readers share.
#pragma once

#include "folder_check.hpp"

#include <cstdint>
#include <string>

namespace newsidx::detail {

class IndexFolder {
public:
    /// `path`: the folder given as --db (an index, or a sharded folder for rebalance).
    explicit IndexFolder(std::string path) : path_(std::move(path)) {}
    /// Removes the lock note if this writer wrote it (before Xapian's lock goes).
    ~IndexFolder();
    IndexFolder(IndexFolder&& o) noexcept : path_(std::move(o.path_)), noted_(o.noted_) { o.noted_ = false; }
    IndexFolder& operator=(IndexFolder&&) = delete;
    IndexFolder(const IndexFolder&) = delete;

    const std::string& path() const { return path_; }

    /// The sibling folders, "<path without trailing />" + suffix:
    /// where compaction and the parts merge build the new index,
    std::string compact_dir() const { return sibling(".newsidx-compact"); }
    /// where a parallel first add writes its part databases (part-0, part-1, ...),
    std::string parts_dir() const { return sibling(".newsidx-parts"); }
    /// where rebalance builds the new layout.
    std::string rebalance_dir() const { return sibling(".rebalance"); }

    /// Before a writer opens the folder (nothing is written when it is
    /// refused): throws IndexError for a sharded folder or a Problem, creates
    /// a missing folder, clears an unfinished creation (under its own lock on
    /// flintlock). Returns what the folder held.
    FolderCheck::Kind prepare_writer() const;

    /// "pid 1234 (newsidx add posts) on host since 2025-…Z", or "" when the
    /// note is missing, half-written or left by a process of this host that is gone.
    std::string describe_holder() const;

    /// The writer now holds Xapian's lock: leaves its note ("pid\nhost\nsince\ncommand\n",
    /// errors ignored: only a hint) and clears a compaction or merge that a
    /// kill left beside the folder. Only the lock holder may: a writer
    /// refused the lock never touches the holder's work (issue 15, D1).
    void locked();

    /// Clears what an interrupted rebalance left in rebalance_dir(). Only
    /// while holding the lock of every shard of the folder.
    void clear_rebalance_leftover() const;

    /// Exchanges the folder with `built` (a sibling holding a complete index)
    /// in one renameat2 RENAME_EXCHANGE and syncs the parent folder, so a
    /// kill leaves one whole index at path(). The old one is then at `built`,
    /// with the lock note: the note is this writer's again after locked().
    /// Returns "" or the problem (errno text).
    std::string swap_in(const std::string& built);

    /// Bytes of the regular files under `dir` (what an index takes on disk);
    /// unreadable entries count 0.
    static std::uint64_t bytes(const std::string& dir);

private:
    std::string sibling(const char* suffix) const;

    std::string path_;
    bool noted_ = false;  // this writer's lock note is in path_
};

}  // namespace newsidx::detail
