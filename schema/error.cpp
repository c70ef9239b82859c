#include <newsidx/error.hpp>

#include "folder_check.hpp"
#include "utf8.hpp"
#include "xapian_error.hpp"

#include <cerrno>
#include <cstring>

namespace newsidx {

namespace {
// what() is shown to people and written into JSON: valid UTF-8 whatever the
// problem quotes (a parser's message can cut a multi-byte character in two,
// and a file name is bytes). file() and problem() keep the bytes as given.
std::string valid_text(const std::string& s) {
    if (utf8::valid(s)) return s;
    std::string out;
    out.reserve(s.size() + 8);
    for (std::size_t i = 0; i < s.size();) utf8::append(out, utf8::next(s, i));
    return out;
}

std::string where(const std::string& file, std::size_t line) {
    return line ? file + ":" + std::to_string(line) : file;
}
}  // namespace

PostError::PostError(std::string file, std::size_t line, const std::string& problem)
    : Error(valid_text(where(file, line) + ": " + problem)),
      file_(std::move(file)),
      line_(line),
      problem_(problem) {}

RequestError::RequestError(std::string parameter, const std::string& message)
    : Error(message), parameter_(std::move(parameter)) {}

NotFoundError::NotFoundError(const std::string& message, std::string id) : Error(message), id_(std::move(id)) {}

}  // namespace newsidx



namespace newsidx::detail {

void rethrow_xapian(const Xapian::Error& e, const std::string& context) {
    const std::string msg = e.get_msg();
    const std::string type = e.get_type();
    // The system error (strerror of errno) is not part of get_msg(): Xapian
    // reports a full disk as "Error writing block 77" with errno ENOSPC.
    const char* sys = e.get_error_string();
    const std::string syserr = sys ? sys : "";
    const std::string detail = syserr.empty() ? msg : msg + ": " + syserr;
    const auto has = [&](int err) {
        const std::string s = std::strerror(err);
        return syserr == s || msg.find(s) != std::string::npos;
    };
    if (type == "DatabaseLockError")
        throw LockError(context + ": the index is locked by another newsidx process (" + detail + ")");
    if (has(ENOSPC) || has(EDQUOT))
        throw IndexError(context + ": disk full while writing the index (" + detail +
                         "); the index keeps its last commit. Free some space and run the command again");
    if (has(EFBIG))
        throw IndexError(context + ": file too large while writing the index: a file reached the file size "
                                   "limit (ulimit -f) or the file system's maximum (" + detail +
                         "); the index keeps its last commit. Raise the limit and run the command again");
    if (type == "DatabaseNotFoundError" || type == "DatabaseOpeningError")
        throw IndexError(context + ": no usable index here (" + detail + "). Create one with `newsidx add`");
    // A table cut short reads past its end: "EOF reading block N" (a DatabaseError).
    if (type == "DatabaseCorruptError" || (type == "DatabaseError" && msg.rfind("EOF reading block", 0) == 0))
        throw IndexError(damaged_message(context, detail, false));
    throw IndexError(context + ": " + type + ": " + detail);
}

}  // namespace newsidx::detail
