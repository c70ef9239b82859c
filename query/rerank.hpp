// Internal: second-pass passage re-ranking of the best hits.
//
// A long question is usually answered by one or two sentences of a post.
// BM25 scores the post as a whole, so a sibling passage of the same article
// that repeats the question's main name often outranks the passage that
// holds every word of the question in one place. The re-ranker looks at the
// first kRerankDepth hits, finds for each the pair of adjacent sentences
// that covers the most of the query's content words (each word weighted by
// its IDF) and adds that coverage to the BM25 score:
//
//   score = bm25 + kRerankWeight * best_bm25 * covered_idf / query_idf
//
// Measured on KorQuAD dev (bench/RESULTS.md): nDCG@10 0.9723 -> 0.9750.
// It runs only for queries that read as a sentence (BuiltQuery::sentence: a
// question word, or a Hangul word with a particle or an ending) and have
// kRerankMinWords distinct content words or more; keyword lists (삼성 테슬라
// 파운드리: 0.8907 -> 0.8917 nDCG@10 on corpus/queries.tsv when left out)
// and one- or two-word queries are left to BM25 and cost nothing extra,
// and only on the client side from stored text and term statistics, so it
// works alike on a local, sharded or remote database.
#pragma once

#include "query_builder.hpp"

#include <newsidx/analyzer.hpp>

#include <xapian.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace newsidx::detail {

inline constexpr Xapian::doccount kRerankDepth = 50;
inline constexpr std::size_t kRerankMinWords = 3;
inline constexpr double kRerankWeight = 0.4;
/// A word not found whole counts this much times the share of its syllable
/// bigrams in the window (the first pass weighs bigrams 0.6 too).
inline constexpr double kRerankBigramCredit = 0.6;
/// Only the start of a long post is searched for the best passage.
inline constexpr std::size_t kRerankMaxTextBytes = 256 * 1024;

struct Ranked {
    Xapian::MSetIterator it;  ///< the hit in the MSet
    double score;             ///< BM25, plus the passage bonus when re-ranked
};

/// The hits of `ms` as Xapian ranked them.
std::vector<Ranked> in_order(const Xapian::MSet& ms);

/// Whether `bq` is worth re-ranking (a sentence with enough distinct content words).
bool wants_rerank(const BuiltQuery& bq);

/// The hits of `ms` (which must start at rank 0) in their final order: the
/// first kRerankDepth re-ranked when wants_rerank(bq), the rest as Xapian
/// ranked them. Ties keep Xapian's order. `text_of` gives a hit's body text.
std::vector<Ranked> rerank(const Xapian::Database& db, const Xapian::MSet& ms, const BuiltQuery& bq,
                           const Analyzer& analyzer, const std::function<std::string(const Xapian::Document&)>& text_of);

/// Weighted share (0..1) of `stems` found together in the best window of two
/// adjacent sentences of `normalized_text` (sentences end at . ? ! followed
/// by white space). A stem starting with a Latin letter or digit must start
/// a word (ai does not match said); a Hangul stem may sit inside a compound
/// or carry a particle (삼성 in 삼성전자의), except a one-syllable one, which
/// must start a word (상 in 상을, not in 이상). A Hangul word of three or more
/// syllables not found whole earns kRerankBigramCredit times the share of its
/// syllable bigrams found in one sentence of the window.
double passage_coverage(std::string_view normalized_text, const std::vector<std::string>& stems,
                        const std::vector<double>& weights);

}  // namespace newsidx::detail
