// Internal: what an index folder must hold, looked at before and after
// Xapian opens it, and the one message for a damaged index. Shared by the
// writer (indexer/index.cpp, the index folder's owner), `stats`/`terms`
// (indexer/stats.cpp) and the Searcher (query/open_db.cpp).
#pragma once

#include <string>

namespace newsidx::detail {

/// The note a writer leaves in the index folder while it holds the lock
/// (written and read by indexer/index_folder.cpp; a file of ours here).
inline constexpr const char* kHolderFile = "newsidx.writer";

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

}  // namespace newsidx::detail
