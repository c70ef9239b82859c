// query_bench: newsidx query latency and throughput through the public API
// (one newsidx::Searcher per thread), over a `class<TAB>query` file.
//
//   query_bench DB QUERIES [--threads T] [--rounds R] [-n LIMIT] [--snippets] [--exact-total | --estimate]
//               [--tsv] [--system NAME]
//
// Queries run as written (newsidx syntax: "phrase", tag:NAME). Without
// --snippets a search returns ranked hits with their stored fields (id,
// title, date, tags ...) but no snippet; with it, what newsq prints.
// --exact-total counts every match (SearchRequest::exact_total: no pruning
// by weight bounds), the cost of an exact total against the default, which
// counts again exactly where at most SearchRequest::exact_up_to (2000) posts
// can match; --estimate never does (exact_up_to 0: Xapian's estimate), the
// cost of that default against none. See
// bench/latency.hpp for the protocol and the output columns.
#include "latency.hpp"

#include <newsidx/newsidx.hpp>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    bench::Options opt;
    opt.system = "newsidx";
    std::vector<std::string> pos, given;
    if (!bench::parse_driver_args(argc, argv, "query_bench",
                                  "DB QUERIES [--threads T] [--rounds R] [-n LIMIT] [--snippets] [--exact-total | --estimate] "
                                  "[--tsv] [--system NAME]",
                                  {"--snippets", "--exact-total", "--estimate"}, opt, pos, &given))
        return 2;
    const bool snippets = std::count(given.begin(), given.end(), "--snippets") > 0;
    const bool exact = std::count(given.begin(), given.end(), "--exact-total") > 0;
    const bool estimate = std::count(given.begin(), given.end(), "--estimate") > 0;
    try {
        const auto queries = bench::load_queries(pos[1]);
        const std::string db = pos[0];
        return bench::run(queries, opt, [&]() -> bench::Worker {
            auto searcher = std::make_shared<newsidx::Searcher>(db);
            const std::size_t limit = opt.limit;
            return [searcher, limit, snippets, exact, estimate](const bench::Query& q) {
                newsidx::SearchRequest req;
                req.query = q.text;
                req.limit = limit;
                req.snippets = snippets;
                req.exact_total = exact;
                if (estimate) req.exact_up_to = 0;
                return searcher->search(req).hits.size();
            };
        });
    } catch (const std::exception& e) {
        std::fprintf(stderr, "query_bench: %s\n", e.what());
        return 1;
    }
}
