#include "searcher_pool.hpp"

#include <newsidx/error.hpp>

#include <sys/stat.h>

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
    cv_.notify_one();
}

std::optional<SearcherPool::Lease> SearcherPool::acquire(std::chrono::milliseconds timeout) {
    Idle got;
    {
        std::unique_lock lock(mu_);
        if (!cv_.wait_for(lock, timeout, [&] { return !idle_.empty() || opened_ < size_; })) return std::nullopt;
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
            cv_.notify_one();
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
