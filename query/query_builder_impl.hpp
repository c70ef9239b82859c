// Internal: the query builder (build_query, query_builder.hpp), split in
// two files along its seam: query_builder.cpp puts groups together
// (operators, required words, coordination), spellings.cpp makes the
// query of one word (its spellings, concept, joins, last resort).
#pragma once

#include "query_builder.hpp"

#include "analysis.hpp"
#include "fields.hpp"
#include "or_safe.hpp"
#include "schema.hpp"

#include <xapian.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace newsidx::detail {

// Weights, tuned on KorQuAD dev and corpus/queries.tsv together (bench/RESULTS.md).
inline constexpr double kBigramWeight = 0.6;   // a compound or spacing match is worth less than the word
inline constexpr double kJoinedWeight = 0.3;   // 데이터 센터 found as 데이터센터
// A word in a post's file name (schema::kFileNameField) only: found, below
// the posts whose text holds it (bench/RESULTS.md, issue 20).
inline constexpr double kFileNameWeight = 0.2;
inline constexpr std::size_t kMaxSplitSyllables = 8;  // splits of longer words are noise and cost
inline constexpr std::size_t kMaxSynonymSpan = 3;     // words a multi-word name may have
// Coordination of a keyword query's concepts: a post holding every one of
// them scores its matches (1 + kCoordWeight) times. For two concepts that is
// Lucene's classic coord factor (a post with one of two scores half); the
// round value, not a tuned one: 0.5, 1 and 2 measured alike on KorQuAD dev
// and corpus/queries.tsv (bench/RESULTS.md).
inline constexpr double kCoordWeight = 1.0;

// Words that ask rather than tell: dropped from queries with other words.
bool is_question_word(const std::string& stem);

// A Hangul word written as its stem of two or more syllables and then more
// (금강산의, 번디를): a noun with its particle, not a verb's inflection
// (가리키는 -> 가리키다; 찾았다 -> 찾, a one-syllable stem, is left alone).
bool particle_form(const Word& w);

// A group's parts: `scoring` adds weight (any may match), each of
// `required` must match and adds its weight too, `filters` must match
// unweighted, `negatives` must not match.
struct Built {
    std::vector<Xapian::Query> scoring, required, filters, negatives;
    /// A keyword run's concepts, each with every way a post may hold it
    /// (coordination: weighing()), and per concept the spellings' queries
    /// it is an OR of.
    std::vector<Xapian::Query> concepts;
    std::vector<std::vector<Xapian::Query>> members;
    /// How many of `scoring` are spellings of plain word runs (words()),
    /// and whether each such query equals its `whole` (no bigram branch):
    /// when all of `scoring` is such, coordination can run as one AND
    /// (coordinate(), BuiltQuery::coordinated).
    std::size_t spelled = 0;
    bool plain = true;
    Xapian::Query coordinated, uncoordinated;  ///< set by coordinate()
    std::vector<Xapian::Query> lacking;        ///< set by coordinate(): BuiltQuery::lacking
};

class QueryBuilder {
public:
    QueryBuilder(const Analyzer& a, const SynonymMap* syn, const TermKnown* known, bool bigrams, BuiltQuery& out)
        : analyzer_(a), syn_(syn), known_(known), bigrams_(bigrams), out_(out) {}

    Xapian::Query node(const QueryNode& n);

private:
    const Analyzer& analyzer_;
    const SynonymMap* syn_;
    const TermKnown* known_;
    // hyphenated(): the join whose spaced spelling spellings() adds as a phrase.
    const Word* spaced_join_ = nullptr;
    std::vector<Word> spaced_words_;
    const bool bigrams_;  // false: no bigram branch (the count of whole-word matches)
    BuiltQuery& out_;
    Xapian::Query whole_;  // the last word()'s query without its bigram branch

    // Whether the index holds the word as a term (stem or surface): then its
    // own term finds it, and compounds and spacings are in the index already
    // (text/lexicon.hpp). Only an unknown word gets the last resort: its
    // two-part spaced spellings and its Hangul bigrams. With no index at
    // hand (known_ null) every word counts as known.
    bool known(const Word& w) const {
        if (!known_) return true;
        return known(w.stem) || (w.surface != w.stem && known(w.surface));
    }
    // The Searcher's TermKnown remembers its answers for the index's
    // revision (searcher_impl.hpp), so a term is asked of the index once.
    bool known(const std::string& term) const { return (*known_)(term); }

    // Any of several queries, each safe as an OR member (or_safe). A member
    // given several times (애플 Apple: the concept XNappl twice) is one
    // posting list scaled by its count: the same scores (an OR adds its
    // members' weights), one walk.
    Xapian::Query any(std::vector<Xapian::Query>& qs) {
        if (qs.size() > 1)
            for (Xapian::Query& s : qs) s = or_safe(s, out_.full_evaluation);
        std::vector<Xapian::Query> once;
        std::vector<std::pair<std::string, double>> seen;  // description, copies
        for (const Xapian::Query& s : qs) {
            std::string name = s.get_description();
            auto it = std::find_if(seen.begin(), seen.end(), [&](const auto& e) { return e.first == name; });
            if (it != seen.end()) {
                it->second += 1;
                continue;
            }
            seen.emplace_back(std::move(name), 1.0);
            once.push_back(s);
        }
        for (std::size_t i = 0; i < once.size(); ++i)
            if (seen[i].second > 1) once[i] = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, once[i], seen[i].second);
        return Xapian::Query(Xapian::Query::OP_OR, once.begin(), once.end());
    }

    // The weighing part of a group: its required members AND-ed, the
    // others scoring on the right of an AND_MAYBE (they add weight to a post
    // that has the required ones, and find nothing themselves). The optional
    // side is an OR of or_safe members (AND_MAYBE calls check() on it); the
    // AND_MAYBE is weighed over every match (full_evaluation), as the twins
    // of or_safe are: pruning by weight bounds would decay it to an AND.
    Xapian::Query weighing(Built& b);

    Xapian::Query combine(Built& b);

    // The group's coordinated posts as one AND scoring them as weighing()'s
    // query does, and its words without the clause (BuiltQuery::coordinated).
    void coordinate(Built& b);
    int depth_ = 0;  // node() nesting: only the root group's coordination is run apart

    void add(const QueryNode& n, Built& b);

    // 스타게*: the most frequent completions, as one synonym group (a post
    // using several of them is not counted several times).
    void prefix(const QueryNode& n, Built& b);

    // A run of plain words: each word, plus joined neighbours and multi-word
    // synonyms. A required word (+word, AND, --all) must be matched by one
    // of the queries that spell it: its own, or a join, name or synonym
    // spanning it; each such query weighs in the clause of the first
    // required word it spans, and only filters (weight 0) in the others'.
    void words(std::vector<Word>& run, const std::vector<bool>& required, Built& b);

    struct Spelling {
        Xapian::Query q;
        std::size_t from, to;  // the run's words [from, to) it spells
        Xapian::Query whole;    // q without a bigram branch: a word held by its pieces only is not held
    };

    void words(std::vector<Word>& run, const std::vector<bool>& required, std::vector<Spelling>& out);

    // The join of a hyphenated pair (a.hyphen, b the word after it: GPT-4o)
    // read as one word, when that gives the indexer's term (join_hyphenated,
    // stages.hpp: GPT-4o and GPT4o both hold gpt4o), so that no phrase of
    // the parts is needed; else nothing.
    std::optional<Word> hyphen_join(const Word& a, const Word& b) const;

    // True when `ws`, the words of one query word, are a hyphenated pair
    // with a join (hyphen_join).
    bool hyphen_pair(const std::vector<Word>& ws) const;

    // The query of hyphenated pair a-b (its join `j`, hyphen_join): `make`
    // (word(), spellings() ...) of the join. Between two words (open-source,
    // real-time), which a post may as well write spaced, the phrase of the
    // two is one more spelling of the join (spellings() adds it); in a code
    // (GPT-4o, COVID-19, K-pop: a digit or a one-letter side), written
    // spaced almost never, the join alone.
    template <class Make>
    Xapian::Query hyphenated(const Word& a, const Word& b, const Word& j, Make make) {
        const bool code = [&] {
            for (const Word* w : {&a, &b}) {
                if (w->surface.size() == 1) return true;
                for (char c : w->surface)
                    if (c >= '0' && c <= '9') return true;
            }
            return false;
        }();
        if (code) return make(j);
        spaced_join_ = &j;
        spaced_words_ = {a, b};
        Xapian::Query q = make(j);
        spaced_join_ = nullptr;
        spaced_words_.clear();
        return q;
    }

    // The query's words were analyzed one by one (each at position 1): the
    // run is numbered as one text and its members found across words (오픈 AI,
    // 젠슨 황), as in a post.
    void mark_concepts(std::vector<Word>& run) const;

    // The keys of the groups whose member is the `len` words from `w` (the
    // word itself, not one of its parts), when the index holds their concept
    // term: a group added with `newsidx synonyms` after the posts were
    // indexed has none until `reindex`, and is searched by its spellings.
    std::vector<std::string> known_concepts(const Word& w, std::uint32_t len) const;

    Xapian::Query concept_query(const std::vector<std::string>& keys) const {
        std::vector<Xapian::Query> qs;
        for (const std::string& k : keys) qs.emplace_back(schema::term(schema::kConceptField.prefix, k));
        if (qs.size() == 1) return qs[0];
        return Xapian::Query(Xapian::Query::OP_SYNONYM, qs.begin(), qs.end());
    }

    // Snippets mark the words of a post that give one of out_.terms: a post
    // found by the concept term wrote another member (OpenAI for 오픈AI), so
    // the other members' terms are recorded, their query left unused.
    void highlight_synonyms(const Word& w);

    void focus(const Word& w) {
        if (std::find(out_.focus.begin(), out_.focus.end(), w.stem) == out_.focus.end()) out_.focus.push_back(w.stem);
    }

    // The other spellings of a name, each analyzed like a query word.
    Xapian::Query alternatives(const std::vector<std::string>& texts);

    Xapian::Query term(const std::string& t, bool title) {
        if (!title) out_.terms.insert(t);
        return Xapian::Query(title ? schema::term(schema::kTitleField.prefix, t) : t);
    }

    // Compound `w` written with its parts apart (삼성전자 -> 삼성 전자), as
    // the analyzer reads that text: each part may be a compound itself.
    std::vector<Word> spaced(const Word& w) const;

    // Every way the word may be written, as one synonym group.
    Xapian::Query spellings(const Word& w, bool title, bool with_synonyms);

    // The word as the text holds it (text_word), and, when some post's
    // file name holds its stem, a bonus for the posts whose file name
    // holds it (spellings.cpp): about a fifth of one mention in the text.
    Xapian::Query word(const Word& w, bool title);

    // The word's spellings; for an unknown word, beside them, its Hangul
    // bigrams at kBigramWeight (found inside words the lexicon cannot split).
    Xapian::Query text_word(const Word& w, bool title);

    // Positional: each position accepts the surface or the stem, so "AI 동맹"
    // matches "AI 동맹을"; mixed-script words contribute their parts.
    Xapian::Query phrase(const std::vector<Word>& ws, bool title);
    std::vector<Xapian::Query> run_terms(const Word& w, bool title);
};

}  // namespace newsidx::detail
