// `newsidx serve`, `watch`, `add`, `sync` and `reindex`: SIGINT/SIGTERM stop the work cleanly.
#pragma once

#include "common.hpp"

#include <newsidx/index.hpp>

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <thread>

namespace newsidx::cli {

/// Blocks SIGINT and SIGTERM in this thread and every thread it creates
/// afterwards (call it first), and waits for them on a helper thread that
/// calls `stop` — repeatedly, every 100 ms, until `done()` is called, so
/// that a signal arriving just before the work started still stops it.
class StopOnSignal {
public:
    explicit StopOnSignal(std::function<void()> stop) : stop_(std::move(stop)) {
        sigemptyset(&set_);
        sigaddset(&set_, SIGINT);
        sigaddset(&set_, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &set_, nullptr);
        thread_ = std::thread([this] {
            int sig = 0;
            // sigwait returns for a real signal, or for the SIGTERM done() sends itself.
            sigwait(&set_, &sig);
            signal_ = done_ ? 0 : sig;
            while (!done_) {
                stop_();
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        });
    }
    ~StopOnSignal() { done(); }
    StopOnSignal(const StopOnSignal&) = delete;
    StopOnSignal& operator=(const StopOnSignal&) = delete;

    /// The work is over: ends the helper thread.
    void done() {
        if (!thread_.joinable()) return;
        done_ = true;
        pthread_kill(thread_.native_handle(), SIGTERM);  // wakes sigwait (blocked: not delivered)
        thread_.join();
    }

    /// The signal that stopped the work, 0 if none.
    int signal() const { return signal_; }

private:
    sigset_t set_{};
    std::function<void()> stop_;
    std::atomic<bool> done_{false};
    std::atomic<int> signal_{0};
    std::thread thread_;
};

/// add, sync and reindex: SIGINT/SIGTERM stop taking files (AddOptions::stop);
/// the files done are committed, and the exit code is 128 + the signal.
/// Construct it before the work starts its threads.
class StopAdding {
public:
    std::function<bool()> flag() const {
        return [a = asked_] { return a->load(std::memory_order_relaxed); };
    }
    /// `code` if the run ended by itself; else says so and gives 128 + the signal.
    int exit_code(const AddReport& r, int code) {
        watcher_.done();
        if (!r.stopped) return code;
        const int sig = watcher_.signal() ? watcher_.signal() : SIGTERM;
        error(std::string("stopped by ") + (sig == SIGINT ? "SIGINT" : "SIGTERM") +
              ": the files done so far are committed; run the same command again to go on");
        return 128 + sig;
    }

private:
    std::shared_ptr<std::atomic<bool>> asked_ = std::make_shared<std::atomic<bool>>(false);
    StopOnSignal watcher_{[a = asked_] { a->store(true); }};
};

}  // namespace newsidx::cli
