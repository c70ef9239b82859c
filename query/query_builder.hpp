// Internal: query tree -> Xapian::Query, through the Analyzer.
#pragma once

#include "query_parser.hpp"

#include <newsidx/analyzer.hpp>

#include <xapian.h>

#include <set>
#include <string>

namespace newsidx::detail {

struct BuiltQuery {
    Xapian::Query query;  ///< MatchNothing when nothing searchable remains
    /// Unprefixed terms and bigrams the query looks for: snippets highlight
    /// the words of a post that produce any of them.
    std::set<std::string> terms;
    std::set<std::string> bigrams;
};

/// Builds the Xapian query for `root`. Weights: for each word, its surface
/// and stem as one synonym group (a post using the exact form gets the wdf
/// of both), plus its Hangul bigrams at half weight (compounds).
BuiltQuery build_query(const QueryNode& root, const Analyzer& analyzer);

}  // namespace newsidx::detail
