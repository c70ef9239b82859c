// Internal: query tree -> Xapian::Query, through the Analyzer.
#pragma once

#include "query_parser.hpp"
#include "synonyms.hpp"

#include <newsidx/analyzer.hpp>

#include <xapian.h>

#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace newsidx::detail {

struct BuiltQuery {
    Xapian::Query query;  ///< MatchNothing when nothing searchable remains
    /// Unprefixed terms and bigrams the query looks for: snippets highlight
    /// the words of a post that produce any of them.
    std::set<std::string> terms;
    std::set<std::string> bigrams;
    /// The two halves of each spaced split of an unknown word (쿼카멜레온 ->
    /// 쿼카 + 멜레온): a post's words are marked only where the two stand
    /// side by side, as the phrase matched them, never alone (a half is no
    /// query word).
    std::set<std::pair<std::string, std::string>> splits;
    /// The query words (as typed, analyzed surface) searched also by their
    /// Hangul bigrams, the last resort: a post found only through those is
    /// a partial match, neither counted as a match nor marked as the word
    /// (SearchResult::partial_match_total). Empty: no bigram branch.
    std::vector<std::string> last_resort;
    /// The distinct stems of the content words of the query's plain word
    /// runs, in order. Passage re-ranking (rerank.hpp) looks for them in the
    /// sentences of the best hits.
    std::vector<std::string> focus;
    /// The query reads as a sentence rather than a list of keywords: it has
    /// a question word (무엇, 언제, who…) or a Hangul word whose stem of two
    /// or more syllables carries a particle or an ending (교육을, 히로히토의).
    /// Only such queries are re-ranked.
    bool sentence = false;
    /// The query holds a zero-weight AND_MAYBE twin (a user phrase among
    /// other OR members): it must be weighed
    /// over every match. With Xapian's pruning by weight bounds that
    /// AND_MAYBE decays to an AND that lost posts (1 KorQuAD question of
    /// 1,737 lost its 73rd hit; over local shards, top hits).
    bool full_evaluation = false;
    /// Some part of the query weighs posts: false when it only filters
    /// (tag:, date:, title-less fields) or only excludes.
    bool scored = false;
    std::set<std::string> prefixes;  ///< normalized prefixes (스타게*): words starting with one match
    /// A keyword list whose coordination clause weighs the posts holding
    /// every concept a second time: `coordinated` matches exactly those
    /// posts, each with the score `query` gives it, from one AND (each
    /// spelling scaled by what the OR and the clause give it together), so
    /// each posting list is walked once instead of twice; `uncoordinated`
    /// is `query` without the clause (its estimate is the count). Any other
    /// post lacks some concept c and can score only for the words outside
    /// c: `lacking[c]` is their OR (unfiltered: a filter or an exclusion
    /// lowers no bound; empty when every word spells c), and the largest of
    /// their weight bounds is the most any other post can score. The
    /// searcher runs `coordinated` when its page's last hit scores above
    /// that, so the page is the query's own (Searcher::Impl::execute).
    /// Empty when the query is not such a list (a sentence, required words,
    /// a word searched by its bigrams, an OR).
    Xapian::Query coordinated, uncoordinated;
    std::vector<Xapian::Query> lacking;
};

/// How far one prefix (스타게*) expands: its most frequent completions.
inline constexpr unsigned kMaxPrefixExpansion = 100;

/// Whether the index holds a (normalized, unprefixed) term.
using TermKnown = std::function<bool(const std::string&)>;

/// --all (SearchRequest::all): every member of every side-by-side group
/// that weighs posts becomes required (+word), but a stop or question word
/// in a group with other words (it is dropped there). A lone word stays
/// itself (it is required anyway).
void require_all(QueryNode& root, const Analyzer& analyzer);

/// Builds the Xapian query for `root`. For each word, one OP_SYNONYM group
/// holds its spellings: surface and stem (a post using the exact form gets
/// the wdf of both; but a Hangul noun's particle form, 번디를 = 번디 + 를,
/// is searched as its stem only), the phrase of its parts (오픈AI; a compound 삼성전자 ->
/// "삼성 전자") and its synonyms (OpenAI). A word the index does not hold
/// (`known` says no) also gets the last resort: its two-part splits
/// (스타게이트 -> "스타 게이트") and, beside the group, its Hangul bigrams at
/// kBigramWeight (0.6). Adjacent Hangul words are also tried joined (데이터
/// 센터 -> 데이터센터) when the index holds the join. Question words (무엇,
/// 언제…) and stop words are dropped when other words remain. `synonyms` and
/// `known` may be null (null `known`: every word counts as known).
///
/// With `bigrams` false the same query without any bigram branch (each
/// word's spellings and spaced splits only): the posts it matches are those
/// that hold a query word as a word. The Searcher counts with it when the
/// query has a last resort (BuiltQuery::last_resort).
BuiltQuery build_query(const QueryNode& root, const Analyzer& analyzer, const SynonymMap* synonyms = nullptr,
                       const TermKnown* known = nullptr, bool bigrams = true);

}  // namespace newsidx::detail
