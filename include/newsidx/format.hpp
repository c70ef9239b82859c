// newsidx — rendering search results (what newsq prints).
#pragma once

#include <newsidx/searcher.hpp>

#include <string>
#include <vector>

namespace newsidx {

/// Human-readable hits: rank, title, date, id, snippet (and the matched terms
/// with --explain), then facets when counted. With `color`, matches are bold
/// yellow (ANSI); without, they are wrapped in [[ ]].
std::string format_text(const SearchResult& r, bool color);

/// The lines a reader sees before the hits: "showing results for …; search
/// instead for …", "did you mean: …?", the explained query. Empty if none.
std::string format_notes(const SearchResult& r);

/// The line on how many posts match, newline included: `N matches for
/// "QUERY"` (`1 match`, `no matches`) when SearchResult::total_exact, else
/// `about N matches for "QUERY"`; without `for "…"` when the query has no
/// text (filters only). With partial matches
/// (SearchResult::partial_match_total), what they are: `no post contains
/// "쿼카"; [about] N posts contain parts of it` when no post matches by the
/// words, else `…; [about] M more contain only parts of "쿼카"`.
std::string format_count(const SearchResult& r);

/// The hit fields format_json() knows, in output order.
const std::vector<std::string>& json_hit_fields();

/// One JSON object (README "JSON output" documents the schema), no newline.
/// `fields` keeps only those hit fields (all when empty); the top-level
/// fields are always there.
std::string format_json(const SearchResult& r, const std::vector<std::string>& fields = {});

/// TREC run lines "qid Q0 id rank score tag", one per hit. Ids holding
/// spaces, control characters or '%' are percent-encoded.
std::string format_trec(const std::string& qid, const SearchResult& r, const std::string& tag = "newsidx");

/// `s` with the [begin, end) code point ranges wrapped in `open`/`close`;
/// with `html`, every character of `s` is HTML-escaped.
std::string mark(const Snippet& s, const std::string& open, const std::string& close, bool html = false);

}  // namespace newsidx
