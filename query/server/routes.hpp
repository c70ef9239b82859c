// Internal: the JSON endpoints, independent of the HTTP library.
#pragma once

#include "searcher_pool.hpp"
#include "server.hpp"
#include "suggest.hpp"

#include <map>
#include <string>

namespace newsidx::service {

using Params = std::multimap<std::string, std::string>;

struct Reply {
    int status = 200;
    std::string body;  ///< JSON
};

/// {"status": N, "error": "message"}
std::string error_json(int status, const std::string& message);

class Api {
public:
    Api(const ServerOptions& opts, SearcherPool& pool, Suggester& suggester)
        : opts_(opts), pool_(pool), suggester_(suggester) {}

    Reply search(const Params& p);   ///< GET /search
    Reply similar(const Params& p);  ///< GET /similar
    Reply suggest(const Params& p);  ///< GET /suggest
    Reply health(const Params& p);   ///< GET /health

private:
    Reply run(const SearchRequest& req);  // on a pooled Searcher
    template <class F>
    Reply guarded(F&& f);

    const ServerOptions& opts_;
    SearcherPool& pool_;
    Suggester& suggester_;
};

}  // namespace newsidx::service
