// Internal: snippets and highlights, computed from the analyzer's offsets.
#pragma once

#include "query_builder.hpp"

#include <newsidx/analyzer.hpp>
#include <newsidx/searcher.hpp>

#include <string_view>

namespace newsidx::detail {

/// The passage of about `chars` code points of `text` with the most distinct
/// query words (then the most words sharing a bigram with an unknown query
/// word), cut on character boundaries (preferably at spaces), with whole
/// matched words marked: a query word's spellings, parts and completions,
/// the two halves of a spaced split side by side; never a word that only
/// shares a bigram with the query (a partial match: it places the passage). Runs of whitespace become one space; "…"
/// marks a cut. With `whole` the entire text is returned (titles).
Snippet make_snippet(std::string_view text, const Analyzer& analyzer, const BuiltQuery& q, std::size_t chars,
                     bool whole = false);

}  // namespace newsidx::detail
