// Small text helpers of the Markdown reading code (markdown.cpp, liquid.cpp):
// blanks, and kramdown's header ids. Internal to the indexer.
#pragma once

#include <algorithm>
#include <string_view>

namespace newsidx::markdown::text {

inline constexpr std::size_t npos = std::string_view::npos;

inline bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

inline bool only_blanks(std::string_view s) noexcept {
    return std::all_of(s.begin(), s.end(), [](char c) { return is_blank(c); });
}

// `s` without the blanks it ends with.
inline std::string_view trim_end(std::string_view s) noexcept {
    while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
    return s;
}

// A kramdown id as `{#id}` and `{: #id}` take it: a letter, then letters,
// digits, `_`, `:` or `-`.
inline bool valid_id(std::string_view id) noexcept {
    if (id.empty() || !((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= 'A' && id[0] <= 'Z'))) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == ':' ||
               c == '-';
    });
}

// kramdown's header id syntax at the end of a heading: `## Title {#my-id}`.
// Returns the id, or "".
inline std::string_view trailing_id(std::string_view h) {
    if (h.size() < 5 || h.back() != '}') return {};
    const std::size_t open = h.rfind("{#");
    if (open == npos || open == 0 || !is_blank(h[open - 1])) return {};
    const std::string_view id = h.substr(open + 2, h.size() - open - 3);
    return valid_id(id) ? id : std::string_view();
}

}  // namespace newsidx::markdown::text
