// Shared assertions on Post values for the reader tests (test_reader.cpp,
// test_corpora.cpp).
#pragma once

#include "post.hpp"

#include "utf8.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

namespace reader_checks {

inline bool is_ws(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

/// The invariants every Post's text and sections must keep: sections sorted,
/// non-empty, non-overlapping, inside the text, on UTF-8 boundaries, covering
/// every non-blank byte; the text valid UTF-8, without leading, trailing or
/// doubled whitespace.
inline void check_sections(const newsidx::Post& p) {
    const std::string& t = p.text;
    INFO("post " << p.id);
    REQUIRE(newsidx::utf8::valid(t));
    std::uint32_t prev_end = 0;
    std::size_t bad = p.sections.size();
    for (std::size_t i = 0; i < p.sections.size() && bad == p.sections.size(); ++i) {
        const newsidx::Section& s = p.sections[i];
        const bool ok = s.begin < s.end && s.begin >= prev_end && s.end <= t.size() &&
                        newsidx::utf8::floor_boundary(t, s.begin) == s.begin &&
                        (s.end == t.size() || newsidx::utf8::floor_boundary(t, s.end) == s.end) &&
                        s.zone != newsidx::Zone::Title;
        if (!ok) bad = i;
        prev_end = s.end;
    }
    INFO("first bad section: #" << bad << " of " << p.sections.size());
    REQUIRE(bad == p.sections.size());
    // Coverage: a byte outside every section must be a separator. Checked
    // in a loop and asserted once, so a 50 MB text is not 50 M assertions.
    std::size_t k = 0, uncovered = std::string::npos, doubled = std::string::npos;
    for (std::size_t i = 0; i < t.size(); ++i) {
        while (k < p.sections.size() && p.sections[k].end <= i) ++k;
        const bool inside = k < p.sections.size() && p.sections[k].begin <= i;
        if (!inside && !is_ws(t[i]) && uncovered == std::string::npos) uncovered = i;
        if (i > 0 && is_ws(t[i - 1]) && is_ws(t[i]) && doubled == std::string::npos) doubled = i;
    }
    CHECK(uncovered == std::string::npos);
    CHECK(doubled == std::string::npos);
    if (!t.empty()) {
        CHECK_FALSE(is_ws(t.front()));
        CHECK_FALSE(is_ws(t.back()));
    }
}

/// Every string field of `p` is valid UTF-8.
inline void check_utf8(const newsidx::Post& p) {
    INFO("post " << p.id);
    for (const std::string* s : {&p.id, &p.path, &p.root, &p.title, &p.author, &p.excerpt, &p.permalink,
                                 &p.extra_json, &p.text, &p.date.iso})
        REQUIRE(newsidx::utf8::valid(*s));
    for (const auto* list : {&p.tags, &p.categories, &p.warnings})
        for (const std::string& s : *list) REQUIRE(newsidx::utf8::valid(s));
}

/// The text of all sections of `zone`, joined by '|'.
inline std::string zone_text(const newsidx::Post& p, newsidx::Zone zone) {
    std::string out;
    for (const newsidx::Section& s : p.sections) {
        if (s.zone != zone) continue;
        if (!out.empty()) out += '|';
        out.append(p.text, s.begin, s.end - s.begin);
    }
    return out;
}

}  // namespace reader_checks
