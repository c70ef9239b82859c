// `newsidx serve` and `newsidx watch`: SIGINT/SIGTERM stop the work cleanly.
#pragma once

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <functional>
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

}  // namespace newsidx::cli
