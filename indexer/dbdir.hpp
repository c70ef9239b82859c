// Internal: the index folder around Xapian's files — the writer's note (who
// holds the lock), clean-up after a kill during creation or compaction, and
// the atomic swap of two folders that compaction uses.
#pragma once

#include "folder_check.hpp"  // kHolderFile; check_folder, which a writer runs first

#include <cstdint>
#include <string>

namespace newsidx::detail {

/// Writes "pid\nhost\nsince\ncommand\n" to `db_path`/newsidx.writer (errors ignored: only a hint).
void write_holder(const std::string& db_path);

/// "pid 1234 (newsidx add posts) on host since 2025-…Z", or "" when the note is
/// missing, half-written or left by a process of this host that is gone.
std::string describe_holder(const std::string& db_path);

/// Removes what a writer killed while Xapian was creating the index left
/// (tables without the version file), if nothing else lives in the folder
/// and nobody holds Xapian's lock.
void clear_unfinished_creation(const std::string& path);

/// Bytes of the regular files under `dir` (what the index takes on disk);
/// unreadable entries count 0.
std::uint64_t folder_bytes(const std::string& dir);

/// "<path without trailing />" + suffix: a folder beside the index.
std::string sibling_dir(const std::string& path, const std::string& suffix);

/// The sibling folder compaction writes to: "<path without trailing />.newsidx-compact".
std::string compact_dir(const std::string& path);

/// The sibling folder a parallel first add writes its part databases to
/// (part-0, part-1, ...): "<path without trailing />.newsidx-parts".
std::string parts_dir(const std::string& path);

/// Exchanges folders `a` and `b` atomically (renameat2 RENAME_EXCHANGE) and
/// syncs their parent folder. Returns "" or the problem (errno text).
std::string swap_folders(const std::string& a, const std::string& b);

}  // namespace newsidx::detail
