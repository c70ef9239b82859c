// Internal: the Searcher's state and its three steps (plan.hpp): open and
// reopen plus execute in searcher.cpp, materialise in materialise.cpp.
#pragma once

#include "open_db.hpp"
#include "plan.hpp"
#include "query_builder.hpp"
#include "rerank.hpp"
#include "sketch_cache.hpp"
#include "stored_post.hpp"
#include "synonyms.hpp"

#include <newsidx/analyzer.hpp>
#include <newsidx/searcher.hpp>

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace newsidx {

// What execute() hands to materialise(): the query that ran and the page's
// hits in their final order (the match set kept alive for their documents).
struct SearchPage {
    detail::BuiltQuery bq;               // the terms snippets and explain mark
    std::optional<Xapian::Enquire> enq;  // for explain's matching terms
    Xapian::MSet ms;
    std::vector<detail::Ranked> ranked;  // re-ranked, or the match set's order
    std::size_t from = 0;                // index in `ranked` of the page's first hit
    double scale = 1, shift = 0;         // reported score = score * scale - shift (recency)
    // With a last resort (bq.last_resort): the query without its bigram
    // branches, which matches the posts holding a query word as a word.
    std::optional<Xapian::Query> whole;
    // The query with its wrong-layout words converted, when that was searched.
    detail::QueryNode layout_tree;
};

struct Searcher::Impl {
    std::string path;
    detail::ShardedDb shards;  // what `path` (and OpenOptions::remotes) stand for
    Xapian::Database db;
    /// Whether db holds a term: the query builder keeps the last resort
    /// (spaced splits, bigrams) for words the index lacks. Remembered for
    /// this revision (known_terms): over remote shards each lookup is a
    /// round trip to every shard that lacks the term.
    detail::TermKnown known = [this](const std::string& t) {
        if (const auto it = known_terms.find(t); it != known_terms.end()) return it->second;
        const bool held = db.term_exists(t);
        if (known_terms.size() >= kKnownTermsKept) known_terms.clear();
        known_terms.emplace(t, held);
        return held;
    };
    /// The answers of `known` at this revision (forget_revision; also
    /// emptied when full).
    std::unordered_map<std::string, bool> known_terms;
    static constexpr std::size_t kKnownTermsKept = std::size_t{1} << 16;
    Analyzer analyzer;           // the index's: its user dictionary and synonym groups (load_dictionary)
    std::string dictionary;      // the dictionary it was built with, as stored ("" for none)
    std::string concept_groups;  ///< kMetaConceptGroups the analyzer was built with
    // The compiled-in list, expanded here rather than read from the index, so
    // that a remote shard (whose synonym table reads back empty) expands alike;
    // a local index adds the user's own synonyms (`newsidx synonyms FILE`).
    detail::SynonymMap builtin_synonyms;
    detail::SynonymMap synonyms;  // read once per open, not per query
    /// Passage sketches read by earlier queries at this revision (OpenOptions::sketch_cache_bytes).
    detail::SketchCache sketches{0};

    /// Drops what was read at the revision left behind (sketches, term
    /// answers): on open, at a newer revision, when a shard is left out.
    void forget_revision() {
        sketches.clear();
        known_terms.clear();
    }

    // searcher.cpp: the index.
    void open();
    void reopen();
    void load_dictionary();
    void load_builtin();
    void load_synonyms();
    Xapian::Enquire enquire(const Xapian::Query& q) const;  // BM25 as tuned for posts

    // searcher.cpp: execute. False when nothing is to be searched (no words, no filters).
    bool execute(const detail::Plan& p, SearchPage& page, SearchResult& res);
    detail::BuiltQuery similar_query(const std::string& id, SearchResult& res);
    std::string resolve_post(const std::string& given) const;
    void correct(const detail::Plan& p, SearchPage& page, SearchResult& res);

    // materialise.cpp: the page's hits.
    /// A hit's fields from a document's stored post (no rank, score or snippet): hits, post_at.
    static Hit hit_of(const Xapian::Document& doc);
    void materialise(const detail::Plan& p, const SearchPage& page, SearchResult& res);
    static std::vector<std::string> preferred_languages(const detail::Plan& p);
    static constexpr Xapian::doccount kMaxTranslations = 32;  // copies of one post read per hit
    Xapian::Document translations(const Xapian::Document& matched, const Xapian::Query& q,
                                  const std::vector<std::string>& prefer, std::vector<Translation>& out) const;
    std::set<std::string> whole_matches(const SearchPage& page, std::size_t limit) const;
    detail::BuiltQuery initials_marks(const Hit& h, const std::vector<std::string>& initials,
                                      const detail::BuiltQuery& bq) const;
    std::vector<TermMatch> explain(const Xapian::Enquire& enq, const Xapian::MSetIterator& it,
                                   const Xapian::Document& doc, const detail::BuiltQuery& bq) const;
};

}  // namespace newsidx
