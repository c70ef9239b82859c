// newsidx — error types.
//
// Every error the library throws derives from newsidx::Error (itself a
// std::runtime_error), so an embedding program needs one catch clause.
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

/// A user query could not be understood (only thrown where the caller asked
/// for strict parsing; by default queries degrade to plain words instead).
class QueryError : public Error {
public:
    QueryError(const std::string& message, std::size_t column);
    /// 1-based column, in code points, of the problem within the query.
    std::size_t column() const noexcept { return column_; }

private:
    std::size_t column_;
};

}  // namespace newsidx
