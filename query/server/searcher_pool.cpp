#include "searcher_pool.hpp"

#include <newsidx/error.hpp>

#include <sys/stat.h>

#include <algorithm>

namespace newsidx::service {

std::string layout_key(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return {};
    auto id = [](const struct stat& s) {
        return std::to_string(s.st_dev) + ":" + std::to_string(s.st_ino) + ":" + std::to_string(s.st_size) + ":" +
               std::to_string(s.st_mtim.tv_sec) + "." + std::to_string(s.st_mtim.tv_nsec);
    };
    if (!S_ISDIR(st.st_mode)) return "file " + id(st);
    std::string key = "dir " + std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
    struct stat stub {};
    if (::stat((path + "/XAPIANDB").c_str(), &stub) == 0) key += " stub " + id(stub);
    return key;
}

SearcherPool::SearcherPool(std::string db_path, std::size_t size) : path_(std::move(db_path)), size_(size ? size : 1) {}

SearcherPool::Lease::~Lease() {
    if (s_) pool_->give_back(std::move(s_), std::move(layout_));
}

void SearcherPool::give_back(std::unique_ptr<Searcher> s, std::string layout) {
    {
        std::lock_guard lock(mu_);
        idle_.push_back({std::move(s), std::move(layout)});
    }
    cv_.notify_all();  // only the first in line may take it; the others wait again
}

std::optional<SearcherPool::Lease> SearcherPool::acquire(std::chrono::milliseconds timeout) {
    Idle got;
    {
        // First come, first served: a request waits behind those that came
        // before it, so its wait is bounded by the line ahead (a condition
        // variable alone wakes waiters in no order: at 50 clients on 2
        // Searchers some were passed over for the whole queue timeout).
        std::unique_lock lock(mu_);
        const std::uint64_t me = next_ticket_++;
        line_.push_back(me);
        const bool ready =
            cv_.wait_for(lock, timeout, [&] { return line_.front() == me && (!idle_.empty() || opened_ < size_); });
        line_.erase(std::find(line_.begin(), line_.end(), me));
        cv_.notify_all();  // the next in line: a Searcher may be free for it too, or it is first now
        if (!ready) return std::nullopt;
        if (!idle_.empty()) {
            got = std::move(idle_.back());
            idle_.pop_back();
        } else {
            ++opened_;  // reserve the slot; open outside the lock
        }
    }
    // From here the slot is ours: give it back (as free) if nothing comes of it.
    auto fresh = [&]() -> Lease {
        got.s.reset();
        try {
            std::string layout = layout_key(path_);
            auto s = std::make_unique<Searcher>(path_);
            return Lease(*this, std::move(s), std::move(layout));
        } catch (...) {
            {
                std::lock_guard lock(mu_);
                --opened_;
            }
            cv_.notify_all();
            throw;
        }
    };
    if (!got.s || got.layout != layout_key(path_)) return fresh();
    try {
        got.s->reopen();
    } catch (...) {
        return fresh();  // e.g. the folder's files were replaced under it
    }
    return Lease(*this, std::move(got.s), std::move(got.layout));
}

}  // namespace newsidx::service
