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
// and one- or two-word queries are left to BM25 and cost nothing extra.
// Which words each sentence holds was written when the post was indexed
// (the passage sketch of value slot kSlotPassages, schema/passages.hpp):
// a hit costs one value read and a few bit tests, never the stored text,
// and it works alike on a local, sharded or remote database.
#pragma once

#include "passages.hpp"
#include "query_builder.hpp"

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace newsidx::detail {

class SketchCache;  // sketch_cache.hpp

inline constexpr Xapian::doccount kRerankDepth = 50;
/// The section penalty's weight: a hit loses kSectionWeight * (the first
/// hit's BM25) * section_spread (see rerank()).
inline constexpr double kSectionWeight = 0.4;
inline constexpr std::size_t kRerankMinWords = 3;
inline constexpr double kRerankWeight = 0.4;
/// A word not found whole counts this much times the share of its syllable
/// bigrams in the window (the first pass weighs bigrams 0.6 too).
inline constexpr double kRerankBigramCredit = 0.6;

struct Ranked {
    Xapian::MSetIterator it;  ///< the hit in the MSet
    double score;             ///< BM25, plus the passage bonus when re-ranked
};

/// A query word as the sketch is asked about it.
struct FocusWord {
    /// Found in a sentence when one of these is (T<stem>, and F<stem> for
    /// one syllable, B<stem> for two: inside a compound or before a particle).
    std::vector<PassageKey> whole;
    /// A Hangul word of three or more syllables: its syllable bigrams. All
    /// in one sentence count as found; some, kRerankBigramCredit times their share.
    std::vector<PassageKey> bigrams;
    double weight = 1;
};

/// The keys of each stem of a query (BuiltQuery::focus), with its weight.
std::vector<FocusWord> focus_words(const std::vector<std::string>& stems, const std::vector<double>& weights);

/// The hits of `ms` as Xapian ranked them.
std::vector<Ranked> in_order(const Xapian::MSet& ms);

/// Whether `bq` is worth re-ranking by passages (a sentence with enough distinct content words).
bool wants_rerank(const BuiltQuery& bq);

/// Whether `bq` is re-ranked by sections: two distinct content words or more.
bool wants_sections(const BuiltQuery& bq);

/// The weighted share (0..1) of `words` a post holds anywhere (its title
/// included) less the share its best section holds together (the title's
/// words counting in every section; the text before the first heading is a
/// section too): how far the query's concepts are spread over sections
/// rather than treated together in one. 0 for a post without sections
/// (and for sketches written before sections were marked).
double section_spread(const PassageSketch& sketch, const std::vector<FocusWord>& words);

/// The hits of `ms` (which must start at rank 0) in their final order: the
/// first kRerankDepth re-ranked when wants_rerank(bq) or wants_sections(bq),
/// the rest as Xapian ranked them. A hit gains the passage bonus (above,
/// sentence queries) and loses kSectionWeight * top * section_spread
/// (two-word queries and longer): a digest post whose items each hold one of
/// the query's words falls behind a post with an item about all of them. Ties keep Xapian's order. Only the first `needed` hits are
/// promised: a hit that cannot reach them even with a full passage bonus is
/// left unread (with the hits after it), so the order beyond `needed` may
/// differ from a full re-ranking; the first `needed` never do. `read`, if
/// given, is increased by the number of sketches read. With `cache`, sketches
/// come from it (and are kept in it).
std::vector<Ranked> rerank(const Xapian::Database& db, const Xapian::MSet& ms, const BuiltQuery& bq,
                           std::size_t needed = kRerankDepth, std::size_t* read = nullptr,
                           SketchCache* cache = nullptr);

/// Weighted share (0..1) of `words` found together in the best window of two
/// adjacent sentences of a post. A word of three or more syllables not
/// found whole earns kRerankBigramCredit times the share of its syllable
/// bigrams found in one sentence of the window. At most 64 words count.
double passage_coverage(const PassageSketch& sketch, const std::vector<FocusWord>& words);

/// A window of passage_coverage: its coverage and its first sentence (the
/// window is it and the next one).
struct BestPassage {
    double coverage = 0;
    std::size_t sentence = 0;
};
/// The `k` windows of highest coverage (the first of equals first), best
/// first; none where no word is found.
std::vector<BestPassage> best_passages(const PassageSketch& sketch, const std::vector<FocusWord>& words, std::size_t k);

/// Weighted share (0..1) of `words` found in each span of sentences of a
/// post: span i is sentences [first[i], first[i + 1]) (the last one to the
/// end); `first` increasing. A word of three or more syllables not found
/// whole in any of the span's sentences earns kRerankBigramCredit times the
/// largest share of its bigrams found in one of them.
std::vector<double> span_coverages(const PassageSketch& sketch, const std::vector<FocusWord>& words,
                                   const std::vector<std::size_t>& first);

/// What the re-ranker reads of one post: passage_coverage (when
/// `passages`) and section_spread (when `sections`), from one pass over its
/// sentences.
struct PostEvidence {
    double coverage = 0;
    double spread = 0;
};
PostEvidence post_evidence(const PassageSketch& sketch, const std::vector<FocusWord>& words, bool passages,
                           bool sections);

/// IDF weights of `bq.focus` in `db` (what the re-ranker weighs each word by).
/// With `ms` (the query's match set), the statistics it gathered are used.
std::vector<FocusWord> weighted_focus(const Xapian::Database& db, const BuiltQuery& bq,
                                      const Xapian::MSet* ms = nullptr);

}  // namespace newsidx::detail
