// Internal: the index folder around Xapian's files — the writer's note (who
// holds the lock), clean-up after a kill during creation or compaction, and
// the atomic swap of two folders that compaction uses.
#pragma once

#include <cstdint>
#include <string>

namespace newsidx::detail {

/// The note a writer leaves in the index folder while it holds the lock.
inline constexpr const char* kHolderFile = "newsidx.writer";

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

/// "<path>: the index is damaged (<what>). Nothing was changed. ..." with the
/// way to recover: what every damaged-index error says. `seen_before_open`:
/// found before Xapian opened the folder (nothing was written at all);
/// otherwise Xapian found it while working, and nothing was committed.
std::string damaged_message(const std::string& path, const std::string& what, bool seen_before_open = true);

/// What a folder given as --db holds, looked at before Xapian opens it (no
/// lock needed: only reads). Problems name the folder and say what to do.
struct FolderCheck {
    enum class Kind {
        Missing,     ///< nothing there: a writer creates the index
        Empty,       ///< a folder with nothing of an index yet: a writer creates it
        Index,       ///< Xapian's version file and its tables
        Unfinished,  ///< a creation killed before its first commit (empty tables, no version file)
        Problem,     ///< not usable: `problem` says why (a file, damage, someone else's files)
    } kind = Kind::Missing;
    std::string problem;  ///< for Problem: the whole message, starting with the path
};

/// Inspects `path` (an unsharded index folder) for `newsidx` commands;
/// `for_writing` also checks that the folder can be written by this user.
FolderCheck check_folder(const std::string& path, bool for_writing);

/// After Xapian has opened `path`: "" or the damaged-index message when a
/// table the index's own statistics say must exist is missing (Xapian
/// treats a missing table as an empty one: posts without their data, phrase
/// queries silently without hits).
std::string check_tables(const std::string& path, unsigned doccount, unsigned long long total_length,
                         bool has_synonym_mark);

/// ISO 8601 UTC of now.
std::string now_iso();

}  // namespace newsidx::detail
