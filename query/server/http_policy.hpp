// Internal: the HTTP header rules of `newsidx serve` that do not depend on
// an endpoint — reading request headers, the Host name, origins and CORS
// (--cors-origin), and ETags of the built-in files. routes.cpp applies them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsidx::service {

struct HttpRequest;  // routes.hpp

using Headers = std::vector<std::pair<std::string, std::string>>;

/// The value of request header `name` (case-insensitive), the first of
/// several, or nullptr; `count`, if given, is how many there are.
const std::string* header(const HttpRequest& r, const char* name, std::size_t* count = nullptr);

/// ASCII lower case.
std::string lower(std::string s);

/// A Host header's name ("Name:port", "[v6]:port", "name") in lower case,
/// without the port; "" if malformed.
std::string host_name(const std::string& h);

/// --cors-origin: `*` answers any origin; a list answers a request's Origin
/// only when it is on it (the answer then depends on Origin: Vary). Another
/// origin gets the same answer without Access-Control-Allow-Origin, so the
/// browser keeps it from the page.
class Cors {
public:
    /// Throws Error naming --cors-origin for a value that is not an origin.
    explicit Cors(const std::vector<std::string>& origins);
    /// Whether any origin was given (OPTIONS is then answered).
    bool enabled() const { return any_ || !allowed_.empty(); }
    /// The headers every answer to `req` carries.
    Headers headers(const HttpRequest& req) const;
    /// The headers of the answer to a preflight (OPTIONS).
    static Headers preflight();

private:
    bool any_ = false;                  // '*'
    std::vector<std::string> allowed_;  // the other values, normalized
};

/// A strong validator of an embedded file: the schema's one hash of it, quoted.
std::string etag_of(std::string_view body);
/// Whether If-None-Match (a list, weak or strong, or *) names `etag`.
bool etag_matches(const std::string& if_none_match, const std::string& etag);

}  // namespace newsidx::service
