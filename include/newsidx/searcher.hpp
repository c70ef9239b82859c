// newsidx — searching an index.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace newsidx {

struct SearchRequest {
    std::string query;        ///< user query in newsidx's query syntax (README "Query syntax")
    std::size_t limit = 10;   ///< hits to return
    std::size_t offset = 0;   ///< hits to skip (pagination)
    bool snippets = true;     ///< compute snippets (costs a re-analysis of each hit's text)
    std::size_t snippet_chars = 160;  ///< snippet length, in code points (approximate)
};

/// A passage of a post with the matched words marked.
struct Snippet {
    std::string text;  ///< plain text, UTF-8
    /// Matched words as [begin, end) offsets in Unicode code points of `text`.
    std::vector<std::pair<std::size_t, std::size_t>> matches;
};

struct Hit {
    std::size_t rank = 0;  ///< 1-based, counting from the first hit of the whole result
    double score = 0;      ///< BM25 score (higher is better; comparable within one query only)
    std::string id, path, title, date, url, author;
    std::vector<std::string> tags, categories;
    Snippet snippet;       ///< best passage of the body
    Snippet title_marked;  ///< the title, with matched words marked
};

struct SearchResult {
    std::string query;
    std::uint64_t estimated_total = 0;  ///< Xapian's estimate of all matches
    std::vector<Hit> hits;
    std::vector<std::string> warnings;  ///< e.g. a malformed query that fell back to plain words
    /// With OpenOptions::allow_partial: true when some shards did not answer;
    /// their labels ("shard 2 of 3 (127.0.0.1:7002)") are in missing_shards.
    bool partial = false;
    std::vector<std::string> missing_shards;
};

struct OpenOptions;  // newsidx/shards.hpp

/// Searches one index. Opening checks that the index was built by this
/// schema and analyzer version (IndexError otherwise).
///
/// A Searcher keeps its database, analyzer and weighting set up between
/// queries: make one and reuse it. Not thread-safe: use one Searcher per
/// thread (they are cheap to open side by side on the same index).
/// A search that meets a concurrent commit reopens the index and retries.
class Searcher {
public:
    explicit Searcher(const std::string& db_path);
    /// `db_path`: an index folder, a sharded folder or a Xapian stub file
    /// (README "Shards"); "" with opts.remotes only. A shard that cannot be
    /// reached throws IndexError naming it, unless opts.allow_partial.
    Searcher(const std::string& db_path, const OpenOptions& opts);
    ~Searcher();
    Searcher(Searcher&&) noexcept;
    Searcher& operator=(Searcher&&) noexcept;

    SearchResult search(const SearchRequest& req);

    /// Picks up commits made since opening (search() also does when needed).
    void reopen();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace newsidx
