// A fixed set of Searchers shared by the server's threads. A Searcher is
// not thread-safe, so each request borrows one for its duration.
#pragma once

#include <newsidx/searcher.hpp>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace newsidx::service {

class SearcherPool {
public:
    /// Up to `size` Searchers on `db_path`, opened when first needed.
    SearcherPool(std::string db_path, std::size_t size);

    /// A borrowed Searcher, returned to the pool when destroyed.
    class Lease {
    public:
        Lease(SearcherPool& pool, std::unique_ptr<Searcher> s, std::string layout)
            : pool_(&pool), s_(std::move(s)), layout_(std::move(layout)) {}
        Lease(Lease&& o) noexcept : pool_(o.pool_), s_(std::move(o.s_)), layout_(std::move(o.layout_)) {}
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        Searcher& operator*() { return *s_; }
        Searcher* operator->() { return s_.get(); }

    private:
        SearcherPool* pool_;
        std::unique_ptr<Searcher> s_;
        std::string layout_;  // layout_key() when s_ was opened
    };

    /// Waits up to `timeout` for a free Searcher, behind the requests that
    /// were waiting before it (first come, first served); nullopt if none
    /// came free in time.
    /// The Searcher is moved to the newest commit first (Searcher::reopen,
    /// a check of the revision when nothing changed), so every request sees
    /// every commit made before it. A Searcher opened on another layout of
    /// the folder (layout_key() changed: `rebalance` swapped in a sharded
    /// folder or back, `compact` a new copy), or one whose reopen fails, is
    /// replaced by a Searcher opened afresh, as a restart would. Throws
    /// IndexError if the index cannot be opened (the slot stays free for a
    /// later try).
    std::optional<Lease> acquire(std::chrono::milliseconds timeout);

    std::size_t size() const { return size_; }

private:
    void give_back(std::unique_ptr<Searcher> s, std::string layout);
    struct Idle {
        std::unique_ptr<Searcher> s;
        std::string layout;
    };

    std::string path_;
    std::size_t size_;
    std::mutex mu_;
    std::condition_variable cv_;
    std::vector<Idle> idle_;
    std::size_t opened_ = 0;  // idle + lent
    std::deque<std::uint64_t> line_;  // tickets of the waiting requests, first come first
    std::uint64_t next_ticket_ = 0;
};

/// What identifies the layout at `path` (an index folder, a sharded folder
/// or a stub file): the folder's device and inode (a swap by `rebalance` or
/// `compact` gives a new one) and, inside it, the stub `XAPIANDB`'s inode,
/// size and mtime or its absence; for a stub file its own. A commit does not
/// change it. "" if `path` cannot be read.
std::string layout_key(const std::string& path);

}  // namespace newsidx::service
