// newsidx — error types.
//
// Every error the library throws derives from newsidx::Error (itself a
// std::runtime_error), so an embedding program needs one catch clause; the
// type says whose move it is: RequestError (change the request), NotFoundError
// (nothing by that name), IndexError/LockError (the index: try later or fix
// it), PostError (a post file).
// Xapian::Error (which in Xapian 1.4 does not derive from std::exception) is
// caught at the library boundary and rethrown as IndexError or LockError.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace newsidx {

/// Root of every newsidx error. what() is a complete, user-facing sentence.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A post could not be read or parsed. file() is the path as given; line() is
/// 1-based, 0 when unknown. what() already contains "file:line: problem".
class PostError : public Error {
public:
    PostError(std::string file, std::size_t line, const std::string& problem);
    const std::string& file() const noexcept { return file_; }
    std::size_t line() const noexcept { return line_; }
    const std::string& problem() const noexcept { return problem_; }

private:
    std::string file_;
    std::size_t line_;
    std::string problem_;
};

/// The index is missing, corrupt, of an incompatible schema/analyzer version,
/// or the disk refused a write.
class IndexError : public Error {
public:
    using Error::Error;
};

/// Another process holds the index's write lock.
class LockError : public IndexError {
public:
    using IndexError::IndexError;
};

/// The request must change: a field holds a value the library cannot use
/// (`since: '2025-13' is not a date`, since after until). parameter() is the
/// field's name as in SearchRequest ("since", "until", "recent_weight"). An
/// HTTP front end answers 400. (A malformed query is not an error: it is
/// searched as its plain words, with a warning in SearchResult::warnings.)
class RequestError : public Error {
public:
    RequestError(std::string parameter, const std::string& message);
    const std::string& parameter() const noexcept { return parameter_; }

private:
    std::string parameter_;
};

/// The request names something the index does not hold: the post of
/// SearchRequest::similar. id() is the id asked for. An HTTP front end
/// answers 404.
class NotFoundError : public Error {
public:
    NotFoundError(const std::string& message, std::string id);
    const std::string& id() const noexcept { return id_; }

private:
    std::string id_;
};

}  // namespace newsidx
