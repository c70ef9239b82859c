#include "searcher_pool.hpp"

namespace newsidx::service {

SearcherPool::SearcherPool(std::string db_path, std::size_t size) : path_(std::move(db_path)), size_(size ? size : 1) {}

SearcherPool::Lease::~Lease() {
    if (s_) pool_->give_back(std::move(s_));
}

void SearcherPool::give_back(std::unique_ptr<Searcher> s) {
    {
        std::lock_guard lock(mu_);
        idle_.push_back(std::move(s));
    }
    cv_.notify_one();
}

std::optional<SearcherPool::Lease> SearcherPool::acquire(std::chrono::milliseconds timeout) {
    std::unique_ptr<Searcher> s;
    {
        std::unique_lock lock(mu_);
        if (!cv_.wait_for(lock, timeout, [&] { return !idle_.empty() || opened_ < size_; })) return std::nullopt;
        if (!idle_.empty()) {
            s = std::move(idle_.back());
            idle_.pop_back();
        } else {
            ++opened_;  // reserve the slot; open outside the lock
        }
    }
    if (!s) {
        try {
            s = std::make_unique<Searcher>(path_);
        } catch (...) {
            std::lock_guard lock(mu_);
            --opened_;
            cv_.notify_one();
            throw;
        }
        return Lease(*this, std::move(s));
    }
    Lease lease(*this, std::move(s));
    lease->reopen();
    return lease;
}

}  // namespace newsidx::service
