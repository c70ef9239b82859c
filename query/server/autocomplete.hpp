// Prefix completion over the titles, title words, tags and categories of an
// index, for search-as-you-type (GET /suggest).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsidx::service {

struct Suggestion {
    std::string text;   ///< what to put in the search box (or show, for a title)
    std::string kind;   ///< "word" (from titles), "tag", "category" or "title"
    std::size_t count = 0;  ///< posts carrying it (word/tag/category); 0 for titles
    std::string id, url;    ///< for titles: the post
};

/// Completes what a user has typed so far. Matching is by prefix at the
/// start of any word of a candidate, compared jamo by jamo (jamo.hpp): an
/// unfinished syllable matches (스타게 -> 스타게이트, 스탁 -> 스타게이트), a
/// query of initial consonants matches the 초성 (ㅅㅌㄱ -> 스타게이트), Latin
/// letters ignore case. Title words are the analyzer's stems (particles
/// dropped: 스타게이트를 -> 스타게이트).
///
/// Ranking: words, tags and categories first (most posts first, then
/// shortest), at most half the list when titles also match; then titles,
/// newest first.
///
/// The candidate table is read from the index when first needed and brought
/// up to date when the index has a new commit (checked at most every 250 ms;
/// only posts whose source stamp changed are read again). Thread-safe: one
/// Suggester serves all threads; a refresh never blocks readers of the
/// previous table.
class Suggester {
public:
    explicit Suggester(std::string db_path);
    ~Suggester();
    Suggester(const Suggester&) = delete;
    Suggester& operator=(const Suggester&) = delete;

    /// At most `limit` suggestions for `typed` (empty for blank input).
    /// Throws IndexError if the index cannot be read.
    std::vector<Suggestion> suggest(std::string_view typed, std::size_t limit);

    /// Number of candidates in the current table (for /health and tests).
    std::size_t candidates();

    /// The blog's most frequent Hangul title word (2 to 10 syllables, Hangul
    /// only; ties: the shorter, then the smaller in code point order) and its
    /// 초성, for the search page's placeholder (GET /health "sample"). Empty
    /// when no title has such a word. Read off the completion table: no extra
    /// pass over the index.
    struct Sample {
        std::string word, initials;
    };
    Sample sample();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace newsidx::service
