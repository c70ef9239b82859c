// newsidx — rendering search results (what newsq prints).
#pragma once

#include <newsidx/searcher.hpp>

#include <string>

namespace newsidx {

/// Human-readable hits: rank, title, date, id, snippet. With `color`,
/// matches are bold yellow (ANSI); without, they are wrapped in [[ ]].
std::string format_text(const SearchResult& r, bool color);

/// One JSON object (README "JSON output" documents the schema), no newline.
std::string format_json(const SearchResult& r);

/// TREC run lines "qid Q0 id rank score tag", one per hit. Ids holding
/// spaces, control characters or '%' are percent-encoded.
std::string format_trec(const std::string& qid, const SearchResult& r, const std::string& tag = "newsidx");

/// `s` with the [begin, end) code point ranges wrapped in `open`/`close`;
/// with `html`, every character of `s` is HTML-escaped.
std::string mark(const Snippet& s, const std::string& open, const std::string& close, bool html = false);

}  // namespace newsidx
