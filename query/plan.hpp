// Internal: the first of a search's three steps (ARCHITECTURE.md "search/").
//
//   plan(request)        pure: validates the request into typed errors and
//                        reads the raw query once (초성 words, the parse tree),
//                        builds the filters. No index is touched.
//   execute(plan)        Searcher::Impl (searcher.cpp): the Xapian query (with
//                        the index's synonyms, the typing help for words
//                        the index lacks: layout, did-you-mean,
//                        relevance feedback for `similar`), the match set,
//                        facets, passage re-ranking. Throws NotFoundError for
//                        an unknown `similar` id, IndexError for the index.
//   materialise(page)    materialise.cpp: the page's hits decoded from their
//                        stored data, snippets and explain.
#pragma once

#include "query_parser.hpp"

#include <newsidx/analyzer.hpp>
#include <newsidx/searcher.hpp>

#include <xapian.h>

#include <string>
#include <vector>

namespace newsidx::detail {

struct Plan {
    SearchRequest req;
    enum class Kind {
        Text,      ///< the query's words (possibly none: filters only)
        Initials,  ///< 초성 only (ㅅㅌㄱㅇㅌ), read as title/tag word starts
        Similar,   ///< posts like req.similar
    } kind = Kind::Text;
    /// The part of req.query that is searched (its first 16 KiB): what the
    /// parser and the typing help read.
    std::string text;
    /// Initials: the 초성 words, read so unless the index holds them as
    /// typed (execute then searches `tree`).
    std::vector<std::string> initials;
    QueryNode tree;                     ///< Text (and Initials): the parsed query
    std::vector<std::string> warnings;  ///< Text: the parser's (a syntax error fell back to the plain words)
    Xapian::Query filters;  ///< tags, categories, authors, since/until: boolean, never scored
    /// Relevance with the recency boost (req.recent, by relevance, weight > 0).
    bool recent = false;
};

/// Validates `req` and reads its query. Throws RequestError naming the
/// field for a bad one (since/until not a date, since after until,
/// recent_weight not a finite number). `analyzer` normalizes filter values.
Plan plan(const SearchRequest& req, const Analyzer& analyzer);

}  // namespace newsidx::detail
