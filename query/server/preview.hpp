// Internal: the HTML pages `newsidx serve` answers a browser with besides
// the search page (README "Post previews"): a post's preview at its
// site-relative URL, and the page of a path that is no post. Pure
// functions of their arguments: Api::preview (routes.cpp) finds the post
// and its body, tests/unit/test_routes.cpp checks the pages.
#pragma once

#include <newsidx/searcher.hpp>

#include <string>
#include <string_view>

namespace newsidx::service {

/// `s` with & < > " ' as entities: every string of a post on a page.
std::string html_escape(std::string_view s);

/// Where a page's "back to the search" link goes: the search page showing
/// `query` ("/#q=…"), or "/" for none.
std::string search_link(std::string_view query);

/// The body of a post whose file could not be read: its stored text, one
/// escaped paragraph per line.
std::string text_paragraphs(std::string_view text);

/// What a preview shows.
struct PreviewPost {
    Hit post;               ///< title, date, author, categories, tags, url
    std::string body_html;  ///< the body, already HTML (markdown::to_html or text_paragraphs)
    /// Why the body is not the post's Markdown ("" when it is): shown above it.
    std::string notice;
};

/// A whole page (<!doctype html> … ): the post's title as heading, its date,
/// author, categories and tags, the body, a link back to `back`; the page's
/// language is ko when the post holds Hangul, else en.
std::string preview_page(const PreviewPost& p, std::string_view back);

/// A whole page for an error a browser asked for: the status, `message`
/// (escaped) and a link back to `back`.
std::string error_page(int status, std::string_view message, std::string_view back);

/// The Content-Security-Policy of these pages: no script at all, styles from
/// /style.css only, images from anywhere a post names (http, https).
inline constexpr const char* kPageCsp =
    "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self' http: https:; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

}  // namespace newsidx::service
