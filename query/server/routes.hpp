// Internal: every answer of `newsidx serve`, independent of the HTTP
// library: Api::handle maps one request (method, target, headers) onto a
// reply. server.cpp feeds it what cpp-httplib parsed; tests/fuzz/fuzz_routes
// calls it directly.
#pragma once

#include "http_policy.hpp"
#include "searcher_pool.hpp"
#include "server.hpp"
#include "autocomplete.hpp"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace newsidx::service {

using Params = std::multimap<std::string, std::string>;

/// One request as it arrived.
struct HttpRequest {
    std::string method;  ///< "GET", "HEAD", ...
    std::string target;  ///< as on the request line: path and query string, still percent-encoded
    std::vector<std::pair<std::string, std::string>> headers;  ///< names in any case, in order
};

struct Reply {
    Reply() = default;
    Reply(int s, std::string b) : status(s), body(std::move(b)) {}

    int status = 200;
    std::string body;  ///< JSON unless content_type says otherwise
    std::string content_type = "application/json; charset=utf-8";
    std::vector<std::pair<std::string, std::string>> headers;  ///< besides Content-Type
    bool close = false;  ///< answer with `Connection: close` (a body the API does not read)
};

/// {"status": N, "error": "message"}
std::string error_json(int status, const std::string& message);

/// `s` decoded: %XX (two hex digits) and, when `plus` is set, '+' as a
/// space; other '%' are kept as they are.
std::string url_decode(const std::string& s, bool plus);

/// The query string of a target ("a=1&b=&c"): every parameter, repeated
/// ones included, in order; names and values decoded (+ = space).
Params parse_query_string(const std::string& target);

/// A value for an error message: control bytes and invalid UTF-8 as \xNN,
/// at most about `max` bytes (cut on a character boundary, then "…").
std::string quoted(const std::string& v, std::size_t max = 40);

class Api {
public:
    /// Throws Error for a malformed entry of opts.cors_origins.
    Api(const ServerOptions& opts, SearcherPool& pool, Suggester& suggester);

    /// Everything: the Host check, CORS, the method, the body, then the
    /// endpoint (404 if none). Never throws.
    Reply handle(const HttpRequest& req);

    Reply search(const Params& p);   ///< GET /search
    Reply similar(const Params& p);  ///< GET /similar
    Reply suggest(const Params& p);  ///< GET /suggest
    Reply health(const Params& p);   ///< GET /health
    /// GET of any other path: the preview of the post whose site-relative
    /// URL it is (found in the index, never on disk), else 404 — an HTML
    /// page when `html` (the client accepts text/html), else JSON.
    Reply preview(const std::string& path, const Params& p, bool html);

    /// The Host names accepted (lower case, no port).
    bool host_allowed(const std::string& host_header) const;

private:
    Reply route(const HttpRequest& req);
    Reply run(const SearchRequest& req);  // on a pooled Searcher
    template <class F>
    Reply guarded(F&& f);
    /// `msg` with the index folder's path replaced by "the index".
    std::string scrub(std::string msg) const;

    const ServerOptions& opts_;
    SearcherPool& pool_;
    Suggester& suggester_;
    std::vector<std::string> db_paths_;  // spellings of the index folder, longest first (scrub)
    std::vector<std::string> hit_fields_;  // JSON hit fields answered (no "path" unless expose_paths)
    Cors cors_;                              // --cors-origin
    std::map<std::string, std::string> etags_;  // web asset ("/widget.js") -> its ETag
};

}  // namespace newsidx::service
