// Test helpers for searches over posts written in a test: a post writer,
// the words a snippet marks, a hit by id. Header-only, as tmpdir.hpp.
#pragma once

#include <newsidx/searcher.hpp>

#include "tmpdir.hpp"

#include <string>
#include <vector>

namespace newsidx::testing {

// A writer of posts with a title and a body into `posts`.
inline auto post_into(const TempDir& posts) {
    return [&posts](const std::string& name, const std::string& title, const std::string& body) {
        posts.write(name, "---\ntitle: \"" + title + "\"\n---\n\n" + body + "\n");
    };
}

// The substrings a snippet marks (its matches are code point offsets).
inline std::vector<std::string> marked_words(const Snippet& s) {
    std::vector<std::string> out;
    std::vector<std::size_t> at;  // byte offset of each code point
    for (std::size_t i = 0; i < s.text.size(); ++i)
        if ((static_cast<unsigned char>(s.text[i]) & 0xC0) != 0x80) at.push_back(i);
    at.push_back(s.text.size());
    for (const auto& [b, e] : s.matches) out.push_back(s.text.substr(at.at(b), at.at(e) - at.at(b)));
    return out;
}

// The hit of post `id` in `r`, or null.
inline const Hit* hit(const SearchResult& r, const std::string& id) {
    for (const Hit& h : r.hits)
        if (h.id == id) return &h;
    return nullptr;
}

}  // namespace newsidx::testing
