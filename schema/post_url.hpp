// Internal: how a post is found by its URL (the `XU` term, schema.hpp):
// written by build_document (indexer/document.cpp), looked up by
// Searcher::post_at (query/searcher.cpp) for `newsidx serve`'s previews.
#pragma once

#include <string>
#include <string_view>

namespace newsidx::schema {

/// `s` with %XX (two hex digits) decoded and, when `plus`, '+' as a space;
/// any other '%' kept. The one percent-decoder (the service's query strings too).
std::string percent_decode(std::string_view s, bool plus);

/// The term of a site-relative post URL ("/ai/2025/…"): kUrl + the URL
/// percent-decoded, so that /a/%EC%8A%A4 and /a/스 meet. "" for an absolute
/// URL (a post with a site URL is found on its site, not previewed).
std::string url_term(std::string_view url);

}  // namespace newsidx::schema
