// newsidx — searching an index.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsidx {

/// Hit order. Ties are always broken by post id (ascending), so that one
/// index and the same posts spread over shards list hits alike.
enum class Sort {
    Relevance,  ///< best score first
    Date,       ///< newest first
    DateAsc,    ///< oldest first
};

/// "relevance", "date", "date-asc" -> Sort; nothing for anything else.
std::optional<Sort> parse_sort(std::string_view name);

/// What to search for. Every field has a plain name so that other front ends
/// (an HTTP server's URL parameters, say) can map onto it one to one.
struct SearchRequest {
    std::string query;        ///< user query in newsidx's query syntax (README "Query syntax"); may be
                              ///< empty when a filter below is set (then every post passing the filters)
    std::size_t limit = 10;   ///< hits to return
    std::size_t offset = 0;   ///< hits to skip (pagination)
    bool snippets = true;     ///< compute snippets (reads each hit's stored text around its matches)
    std::size_t snippet_chars = 160;  ///< snippet length, in code points (approximate)

    // Filters: boolean, they never change scores. Values of one field are
    // ORed, different fields ANDed. Compared after NFKC + case folding, so
    // "ai" finds posts tagged "AI".
    std::vector<std::string> tags;
    std::vector<std::string> categories;
    std::vector<std::string> authors;
    /// Languages (ko, en, zh-tw …; `zh` also finds zh-cn and zh-tw). A
    /// post in several languages (its translations share a `ref`) is one
    /// hit, shown in the first of these languages it has. A value that is
    /// not a language tag throws RequestError naming the field.
    std::vector<std::string> langs;
    /// Inclusive day bounds in the post's own calendar: YYYY, YYYY-MM or
    /// YYYY-MM-DD. `until` covers its whole last year/month ("2025-03" ends
    /// with March 31). Empty = open. A malformed value, or since after
    /// until, throws RequestError naming the field.
    std::string since, until;

    Sort sort = Sort::Relevance;
    /// Relevance with a recency boost: each hit's score becomes
    ///   BM25 - recent_weight * (age of the post in years, as of now),
    /// so a post one year newer outranks an equally good one by recent_weight
    /// (BM25 scores of a good match here run about 5 to 25). Ignored unless
    /// sort is Relevance.
    bool recent = false;
    double recent_weight = 2.0;

    /// Count tags, categories and years over every match (not just the page).
    /// Costs a full evaluation of the match set.
    bool facets = false;
    std::size_t facet_limit = 20;  ///< values kept per facet, most frequent first

    /// Count every match exactly (SearchResult::estimated_total and
    /// partial_match_total). Otherwise
    /// Xapian skips the posts that cannot reach the page (pruning by weight
    /// bounds) and the total is an estimate; the hits, their order and
    /// scores are the same either way, on one database and over shards.
    /// Facets imply it. Over several shards of which one or more is local,
    /// every match is weighed anyway (Xapian 1.4.22's multi-database matcher, pruned,
    /// ended matches early and lost posts; ARCHITECTURE.md "Shards").
    bool exact_total = false;
    /// Without exact_total: where at most this many posts can match (the
    /// pruned match's upper bound; always on an index of no more posts), a
    /// second match without pruning counts them exactly, so a blog's counts
    /// are exact and "about" only where more may match. 0: Xapian's
    /// estimate (a batch that prints no counts: `newsq --batch --format
    /// trec`).
    std::uint64_t exact_up_to = 2000;

    /// Per hit: matched terms with their zone and weight; for the query: the
    /// parsed and the expanded tree (SearchResult::explain).
    bool explain = false;

    /// Related posts: instead of `query`, the posts most like the post with
    /// this id (relevance feedback over its terms), never that post itself.
    /// Filters and sort still apply. Unknown id: NotFoundError.
    /// Also the post's file (path), the id with .md, or its file name
    /// when only one post has it (Searcher resolves it).
    std::string similar;

    /// Korean typing help on the raw query: 초성-only queries, a query typed
    /// with the wrong keyboard layout (searched converted when that finds
    /// more), did-you-mean suggestions. Off: the query is searched as typed.
    bool autocorrect = true;

    /// Every word required, as if each had a + (README "Query syntax"):
    /// a post must hold them all; stop and question words (무엇, the) stay
    /// optional and are dropped beside other words, as always. Operators
    /// still apply: OR alternatives stay alternatives, -word excludes.
    bool all = false;

    /// Where the blog lives (http(s)://host[:port][/path]; README "Post
    /// URLs"): each hit's site-relative `url` (/ai/2025/…) is answered
    /// under it (https://blog.example/base/ai/2025/…), without reindexing.
    /// URLs already absolute (a _config.yml `url`, `add --site-url`) stay.
    /// "" = as stored. A malformed one throws RequestError("site_url").
    std::string site_url;
};

/// A passage of a post with the matched words marked.
struct Snippet {
    std::string text;  ///< plain text, UTF-8
    /// Matched words as [begin, end) offsets in Unicode code points of `text`.
    std::vector<std::pair<std::size_t, std::size_t>> matches;
};

/// One matched term of a hit (SearchRequest::explain).
struct TermMatch {
    std::string term;  ///< the index term, prefix included (XB = Hangul bigram, S = title word ...)
    std::string zone;  ///< "text", "title", "title+text", "bigram", "title-bigram", "tag", "initials" ...
    double weight = 0; ///< BM25 weight of this term alone for this post (scale factors not applied)
};

/// A section of a hit: a heading of the post and the text under it (to the
/// next heading), where the query's words are (Hit::sections).
struct HitSection {
    std::string heading;  ///< the heading's text
    int level = 2;        ///< 1..6 (# .. ######)
    /// The id the blog's pages give the heading (kramdown's with GFM input,
    /// Jekyll's default, or the heading's own `{#id}`); "" when it has none.
    std::string anchor;
    /// The hit's url with `#anchor` (percent-encoded); the hit's url when
    /// the heading has no id.
    std::string url;
    Snippet snippet;  ///< the best passage of the section's text
};

/// Another language's copy of a hit (Hit::translations).
struct Translation {
    std::string lang, id, title, url;
};

struct Hit {
    std::size_t rank = 0;  ///< 1-based, counting from the first hit of the whole result
    double score = 0;      ///< BM25 score (higher is better; comparable within one query only)
    std::string id, path, title, date, url, author;
    /// The post's first heading when its title came from its file name (no
    /// `title:`, as Jekyll titles it); "" otherwise.
    std::string subtitle;
    std::vector<std::string> tags, categories;
    /// The post's language (`lang` front matter, else read from its text;
    /// "" unknown), and its copies in other languages: posts of its root
    /// sharing its `ref` (`translation_key`, `lang_ref`), which are never
    /// hits of their own beside it. The hit is the copy in the request's
    /// first language (SearchRequest::langs), else in the query's script
    /// (Hangul: ko, kana: ja, Han: zh, Latin: en), else the best-scoring one.
    std::string lang;
    std::vector<Translation> translations;
    Snippet snippet;       ///< best passage of the body
    /// Up to three sections of the post that hold the query's words, the
    /// one holding the most of them (by IDF) first; only those holding at
    /// least half as much as the best. Empty for a post without headings,
    /// without snippets, for prefix and 초성 queries, and for posts indexed
    /// before sections were kept (`newsidx reindex`).
    std::vector<HitSection> sections;
    Snippet title_marked;  ///< the title, with matched words marked
    std::vector<TermMatch> explain;  ///< with SearchRequest::explain
    /// Found only through parts of an unknown query word (the last resort:
    /// its Hangul bigrams, SearchResult::partial_match_words): the post holds
    /// none of the query's words as a word. Such a hit has nothing marked for
    /// that word (a part is never marked as the word) and is not counted in
    /// SearchResult::estimated_total.
    bool partial_match = false;
};

struct FacetCount {
    std::string value;       ///< as written in the posts (the most common spelling)
    std::uint64_t count = 0; ///< matching posts having it (exact)
};

struct Facets {
    std::vector<FacetCount> tags, categories, years;  ///< most frequent first, ties by value
};

struct SearchResult {
    std::string query;                  ///< the query searched (after any layout correction)
    /// The posts that match the query by its words: exact with facets,
    /// exact_total or where at most SearchRequest::exact_up_to can match,
    /// else Xapian's estimate. Posts found only through parts
    /// of an unknown word are not in it: they are partial_match_total.
    std::uint64_t estimated_total = 0;
    std::vector<Hit> hits;
    /// The query words no post holds as a word (after analysis; a rare name,
    /// a typo), searched as a last resort by their two-syllable pieces
    /// (쿼카 inside 쿼카멜레온). Empty when the query has no such word.
    std::vector<std::string> partial_match_words;
    /// The posts that match only through those pieces, listed among the hits
    /// (Hit::partial_match) but not counted in estimated_total: estimated
    /// like it, exact when it is. estimated_total 0 with partial_match_total
    /// N reads "no post contains 쿼카; N posts contain parts of it".
    std::uint64_t partial_match_total = 0;
    /// Whether estimated_total and partial_match_total are exact counts
    /// (exact_total or facets asked for it, or at most
    /// SearchRequest::exact_up_to posts can match). Else they are estimates
    /// ("about").
    bool total_exact = false;
    /// False when nothing in the query weighs posts (filters only: tag:,
    /// date:, --tag …, or only excluded words): the hits come newest first
    /// whatever the sort asked, and their scores are 0, no ranking.
    bool scored = true;
    std::vector<std::string> warnings;  ///< e.g. a malformed query that fell back to plain words

    /// Set when the query was searched converted (a wrong keyboard layout,
    /// tmxkrpdlxm -> 스타게이트): "showing results for `query`; search
    /// instead for `search_instead`" (the query as typed).
    std::string search_instead;
    /// A query of the index's own words close to the one given (스타게이투 ->
    /// 스타게이트), offered when some word of the query is unknown.
    std::string did_you_mean;
    /// "initials" when the query was read as 초성 (ㅅㅌㄱㅇㅌ), else empty.
    std::string mode;

    Facets facets;  ///< with SearchRequest::facets

    /// With SearchRequest::explain: the parsed query, and the Xapian query
    /// after analysis and expansion (synonyms, splits, bigrams).
    std::string explain_parsed, explain_expanded;
    /// With SearchRequest::explain: how the page was found — "whole query",
    /// or "coordinated first: …" when a keyword list's posts holding every
    /// word were ranked alone and provably outscore every other post (the
    /// same page, each posting list walked once).
    std::string explain_run;
    /// With SearchRequest::similar: the post the list is about (its id and
    /// title), so that a page opened from a bookmark can name it; empty otherwise.
    std::string similar_id, similar_title;
    /// With OpenOptions::allow_partial: true when some shards did not answer;
    /// their labels ("shard 2 of 3 (127.0.0.1:7002)") are in missing_shards.
    bool partial = false;
    std::vector<std::string> missing_shards;
};

/// How a Searcher opens its database(s).
struct OpenOptions {
    /// Remote shards, "HOST:PORT" each (a xapian-tcpsrv serving one shard
    /// folder), searched together with the database given, if any (newsq --remote).
    std::vector<std::string> remotes;
    /// Milliseconds a remote shard may take for any one exchange (opening, each
    /// round trip of a search). Xapian's own default, also what a stub file's
    /// `remote` lines get when Xapian opens them, is 10 s; newsidx opens remote
    /// lines itself with this value so that a stopped shard fails fast.
    unsigned timeout_ms = 1000;
    /// Milliseconds to wait for a remote shard to accept the connection.
    unsigned connect_timeout_ms = 1000;
    /// When a shard cannot be reached or stops answering: search the others
    /// and mark the result partial (SearchResult::partial, missing_shards)
    /// instead of throwing IndexError naming the shard.
    bool allow_partial = false;
    /// Bytes of passage sketches (what re-ranking reads of each hit) the
    /// Searcher keeps between queries, least recently used out first; they
    /// are dropped whenever it moves to a newer revision of the index or a
    /// shard leaves (allow_partial). 0: none.
    std::size_t sketch_cache_bytes = std::size_t{16} << 20;
};

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
    /// reached throws IndexError naming it, unless opts.allow_partial; a
    /// malformed opts.remotes entry throws RequestError.
    Searcher(const std::string& db_path, const OpenOptions& opts);
    ~Searcher();
    Searcher(Searcher&&) noexcept;
    Searcher& operator=(Searcher&&) noexcept;

    /// Throws RequestError for a bad request field (since, until,
    /// recent_weight), NotFoundError for an unknown `similar` id, IndexError
    /// when the index fails (a shard unreachable without allow_partial).
    /// A malformed query is not an error (SearchResult::warnings).
    SearchResult search(const SearchRequest& req);

    /// Picks up commits made since opening (search() also does when needed).
    void reopen();

    /// The post whose site-relative URL is `url_path` (a Hit's `url` as
    /// stored, "/ai/2025/01/22/stargate.html"; percent-encoding ignored:
    /// /a/%EC%8A%A4 and /a/스 are one), for `newsidx serve`'s preview. Only
    /// the index is asked (a boolean term), never the file system. `hit`
    /// gets the post's fields (rank 1, no score or snippet) and `text` the
    /// text the index stored for it (its first MiB, templates left out).
    /// False when no post has that URL (an absolute URL never has one).
    bool post_at(std::string_view url_path, Hit& hit, std::string* text = nullptr);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace newsidx
