// Internal: snippets and highlights, computed from the analyzer's offsets.
#pragma once

#include "query_builder.hpp"
#include "rerank.hpp"
#include "stored_post.hpp"

#include <newsidx/analyzer.hpp>
#include <newsidx/searcher.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsidx::detail {

/// The passage of about `chars` code points of `text` with the most distinct
/// query words (then the most words sharing a bigram with an unknown query
/// word), cut on character boundaries (preferably at spaces), with whole
/// matched words marked: a query word's spellings, parts and completions,
/// the two halves of a spaced split side by side; never a word that only
/// shares a bigram with the query (a partial match: it places the passage). Runs of whitespace become one space; "…"
/// marks a cut. With `whole` the entire text is returned (titles).
/// With `windows` (bytes of `text`), the passage starts at a match in one
/// of them (where none is, at one just after; failing that the text's
/// beginning is shown), and only they and the text the passage may show are
/// analyzed.
struct Around {
    std::size_t begin = 0, end = 0;
};
Snippet make_snippet(std::string_view text, const Analyzer& analyzer, const BuiltQuery& q, std::size_t chars,
                     bool whole = false, const std::vector<Around>* windows = nullptr);

/// The snippet of a hit's stored text, read from bounded windows: the
/// passage sketch (schema/passages.hpp) names the pairs of adjacent
/// sentences that hold the most of `focus` (the re-ranker's best passages,
/// the best few), and only the text up to them (and a snippet's length
/// after) is inflated and only they are searched for the query's words —
/// never the whole post; make_snippet chooses among them. A text of 16 KiB
/// or less is read whole (a bounded window already, and cheaper than the sketch). Posts
/// indexed before the sketch kept sentence offsets, and a null `focus`
/// (prefix completions, 초성 marks: words the sketch cannot be asked
/// about), take make_snippet over the whole text.
/// With `sections` (the post's stored headings, schema::StoredSection) and
/// `out`, also the hit's sections (Hit::sections): the sketch's sentences
/// are grouped by the section they start in, each section's share of
/// `focus` is measured as the re-ranker measures a passage's
/// (span_coverages), and the best three holding at least half of the
/// best's get a snippet of `chars / 2` code points from their own text
/// (its first kSectionTextBytes). `url` is the hit's, for theirs. No
/// sections without `focus` or sentence offsets.
Snippet hit_snippet(const Xapian::Document& doc, const Analyzer& analyzer, const BuiltQuery& q,
                    const std::vector<FocusWord>* focus, std::size_t chars,
                    const std::vector<schema::StoredSection>* sections = nullptr, const std::string& url = {},
                    std::vector<HitSection>* out = nullptr);

inline constexpr std::size_t kMaxHitSections = 3;
inline constexpr std::size_t kSectionTextBytes = 16u << 10;

/// `url` with its fragment set to `anchor`, percent-encoded (`url` itself
/// for an empty anchor).
std::string section_url(std::string_view url, std::string_view anchor);

/// The windows hit_snippet searches in a stored text of `text_size` bytes,
/// in text order (nullopt: the whole text, as for a text of 16 KiB or less;
/// none: the beginning), and how much of the stored text it inflates.
std::optional<std::vector<Around>> snippet_windows(const Xapian::Document& doc, const std::vector<FocusWord>* focus,
                                                   std::size_t text_size);
/// The same from a sketch already read (hit_snippet reads it once for the windows and the sections).
std::optional<std::vector<Around>> snippet_windows(const PassageSketch& sketch, const std::vector<FocusWord>& focus,
                                                   std::size_t text_size);
std::size_t snippet_read_bytes(const std::vector<Around>& windows, std::size_t chars);

/// What hit_snippet looks for in `db`'s hits: the query's focus words by
/// their IDF (weighted_focus), else (a phrase or a field's words alone)
/// every term the query marks.
std::vector<FocusWord> snippet_focus(const Xapian::Database& db, const BuiltQuery& q);

}  // namespace newsidx::detail
