// Internal: Xapian errors become newsidx errors at the library boundary.
#pragma once

#include <newsidx/error.hpp>

#include <xapian.h>

#include <chrono>
#include <string>

namespace newsidx::detail {

/// Throws the newsidx error that fits `e` (LockError, IndexError with a
/// "disk full" message, ...), prefixed by `context` (e.g. the db path).
[[noreturn]] void rethrow_xapian(const Xapian::Error& e, const std::string& context);

/// How long a reader keeps retrying after DatabaseModifiedError. A reader
/// sees the revision it opened; a writer that commits twice meanwhile
/// discards it, and the reader must reopen at the newest commit and start
/// again. Against a writer committing every few dozen ms (`add --batch-mb
/// 0.02`), a read that takes longer fails attempt after attempt, so the
/// budget is time (until the writer pauses or ends), not a count alone.
class ModifiedRetry {
public:
    /// Call after catching DatabaseModifiedError: true if another attempt is allowed.
    bool again() {
        ++attempts_;
        return attempts_ <= kMinAttempts || std::chrono::steady_clock::now() - start_ < kBudget;
    }

private:
    static constexpr int kMinAttempts = 20;
    static constexpr std::chrono::seconds kBudget{10};
    int attempts_ = 0;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace newsidx::detail
