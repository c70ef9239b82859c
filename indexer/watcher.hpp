// Keeps an index in step with a folder of posts as files change
// (`newsidx watch DIR`), through ShardedIndex (one database or a sharded
// folder), the one writer entry point.
#pragma once

#include <newsidx/index.hpp>

#include <functional>
#include <memory>
#include <string>

namespace newsidx::detail {

struct WatchOptions {
    AddOptions add;                ///< as for `newsidx sync` (prefix, drafts, excludes, callbacks)
    int debounce_ms = 150;         ///< quiet time after the last change before re-indexing
    int max_delay_ms = 500;        ///< re-index at the latest this long after the first change of a burst
    int lock_retry_ms = 500;       ///< another writer holds the index: try again after this
    bool initial_sync = true;      ///< sync once at start (catches changes made while not watching)
    /// After each sync: its report, and the seconds from the first change of
    /// the burst to the end of the sync (0 for the initial sync). Optional.
    std::function<void(const AddReport&, double since_change)> on_sync;
    /// Problems that do not stop watching (lock busy, event overflow). Optional.
    std::function<void(const std::string&)> on_message;
};

/// Watches `dir` recursively with inotify: files created, written, renamed
/// over (editors' safe save), moved in or out and deleted, and folders
/// created or removed (a new folder is watched at once). After a burst of
/// changes settles (debounce) it removes the posts whose files or folders
/// went away (ShardedIndex::remove by path) and runs ShardedIndex::add(dir) — unchanged
/// posts cost a stat — so every added, changed or deleted post is up to
/// date, with the same ids `newsidx add DIR` gives, in whichever shard
/// each post belongs to. The first pass, an
/// event-queue overflow and a .newsidxignore edit run ShardedIndex::sync(dir); a
/// change to the site's _config.yml re-indexes every post (URLs depend on
/// it). The index is opened only for each pass, so other writers can run
/// in between.
///
/// Hidden folders, _site, .git, node_modules and vendor are not watched;
/// symlinked folders are not followed. Linux only (inotify). Use from one
/// thread; stop() may be called from any thread or a signal handler.
class Watcher {
public:
    Watcher(std::string db_path, std::string dir, WatchOptions opts = {});
    ~Watcher();
    Watcher(const Watcher&) = delete;
    Watcher& operator=(const Watcher&) = delete;

    /// Syncs (unless !initial_sync), then watches until stop(). Throws
    /// Error when the folder cannot be watched (missing, no permission,
    /// inotify watch limit reached: the message names the sysctl).
    void run();

    /// Makes run() return after the sync in progress, if any. Async-signal-safe.
    void stop() noexcept;

    /// Folders currently watched.
    std::size_t watched_folders() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace newsidx::detail
