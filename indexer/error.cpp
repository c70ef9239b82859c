#include <newsidx/error.hpp>
#include "xapian_error.hpp"

namespace newsidx {

namespace {
std::string where(const std::string& file, std::size_t line) {
    return line ? file + ":" + std::to_string(line) : file;
}
}  // namespace

PostError::PostError(std::string file, std::size_t line, const std::string& problem)
    : Error(where(file, line) + ": " + problem),
      file_(std::move(file)),
      line_(line),
      problem_(problem) {}

QueryError::QueryError(const std::string& message, std::size_t column)
    : Error(message), column_(column) {}

}  // namespace newsidx



namespace newsidx::detail {

void rethrow_xapian(const Xapian::Error& e, const std::string& context) {
    const std::string msg = e.get_msg();
    const std::string type = e.get_type();
    if (type == "DatabaseLockError")
        throw LockError(context + ": the index is locked by another newsidx process (" + msg + ")");
    if (msg.find("No space left") != std::string::npos || msg.find("ENOSPC") != std::string::npos)
        throw IndexError(context + ": disk full while writing the index; the index keeps its last commit. "
                                   "Free some space and run the command again");
    if (type == "DatabaseNotFoundError" || type == "DatabaseOpeningError")
        throw IndexError(context + ": no usable index here (" + msg + "). Create one with `newsidx add`");
    if (type == "DatabaseCorruptError")
        throw IndexError(context + ": the index is corrupt (" + msg + "). Rebuild it with `newsidx add`");
    throw IndexError(context + ": " + type + ": " + msg);
}

}  // namespace newsidx::detail
