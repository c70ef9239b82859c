// Internal: Xapian errors become newsidx errors at the library boundary.
#pragma once

#include <newsidx/error.hpp>

#include <xapian.h>

#include <string>

namespace newsidx::detail {

/// Throws the newsidx error that fits `e` (LockError, IndexError with a
/// "disk full" message, ...), prefixed by `context` (e.g. the db path).
[[noreturn]] void rethrow_xapian(const Xapian::Error& e, const std::string& context);

}  // namespace newsidx::detail
