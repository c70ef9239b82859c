#include "query_builder.hpp"

#include "analysis.hpp"
#include "concepts.hpp"
#include "korean.hpp"
#include "or_safe.hpp"
#include "stages.hpp"
#include "fields.hpp"
#include "schema.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace newsidx::detail {

namespace {

// Weights, tuned on KorQuAD dev and corpus/queries.tsv together (bench/RESULTS.md).
constexpr double kBigramWeight = 0.6;   // a compound or spacing match is worth less than the word
constexpr double kJoinedWeight = 0.3;   // 데이터 센터 found as 데이터센터
// A word in a post's file name (schema::kFileNameField) only: found, below
// the posts whose text holds it (bench/RESULTS.md, issue 20).
constexpr double kFileNameWeight = 0.2;
constexpr std::size_t kMaxSplitSyllables = 8;  // splits of longer words are noise and cost
constexpr std::size_t kMaxSynonymSpan = 3;     // words a multi-word name may have
// Coordination of a keyword query's concepts: a post holding every one of
// them scores its matches (1 + kCoordWeight) times. For two concepts that is
// Lucene's classic coord factor (a post with one of two scores half); the
// round value, not a tuned one: 0.5, 1 and 2 measured alike on KorQuAD dev
// and corpus/queries.tsv (bench/RESULTS.md).
constexpr double kCoordWeight = 1.0;

// Words that ask rather than tell: dropped from queries with other words.
bool is_question_word(const std::string& stem) {
    static const std::unordered_set<std::string> kWords = {
        "무엇", "무엇인가", "언제", "누구", "누가", "어디", "몇", "어느", "어떤", "어떠한", "어떻게", "왜", "무슨",
        "얼마", "얼마나", "인가", "것인가", "무엇이었나", "누구인가", "어디인가", "what", "when", "who", "where",
        "which", "how", "why"};
    return kWords.count(stem) > 0;
}

// A Hangul word written as its stem of two or more syllables and then more
// (금강산의, 번디를): a noun with its particle, not a verb's inflection
// (가리키는 -> 가리키다; 찾았다 -> 찾, a one-syllable stem, is left alone).
bool particle_form(const Word& w) {
    return w.hangul && hangul_syllables(w.stem) >= 2 && w.surface.size() > w.stem.size() &&
           w.surface.compare(0, w.stem.size(), w.stem) == 0;
}

// A group's parts: `scoring` adds weight (any may match), each of
// `required` must match and adds its weight too, `filters` must match
// unweighted, `negatives` must not match.
struct Built {
    std::vector<Xapian::Query> scoring, required, filters, negatives;
    /// A keyword run's concepts, each with every way a post may hold it
    /// (coordination: weighing()).
    std::vector<Xapian::Query> concepts;
};

// The words a stop- or question-word test leaves out of a group with other
// words (the builder drops them there, so they never become required).
bool dropped_word(const Analyzer& a, const QueryNode& n) {
    if (n.kind != QueryNode::Kind::Word || !n.field.empty()) return false;
    const std::vector<Word> ws = analyze(a, n.text);
    return !ws.empty() && std::all_of(ws.begin(), ws.end(), [](const Word& w) {
        return w.stopword || is_question_word(w.stem);
    });
}

// A member that weighs posts (word, phrase, prefix, title:, group) and may
// become required; boolean fields (tag:, category:, author:) and date: filter already.
bool scoring_member(const QueryNode& n) {
    switch (n.kind) {
        case QueryNode::Kind::Word:
        case QueryNode::Kind::Phrase:
        case QueryNode::Kind::Prefix: {
            const schema::Field* f = schema::query_field(n.field);
            return !(f && f->kind == schema::FieldKind::Boolean);
        }
        case QueryNode::Kind::And:
        case QueryNode::Kind::Or: return true;
        case QueryNode::Kind::Not:
        case QueryNode::Kind::Date:
        case QueryNode::Kind::Required: return false;
    }
    return false;
}

class QueryBuilder {
public:
    QueryBuilder(const Analyzer& a, const SynonymMap* syn, const TermKnown* known, bool bigrams, BuiltQuery& out)
        : analyzer_(a), syn_(syn), known_(known), bigrams_(bigrams), out_(out) {}

    Xapian::Query node(const QueryNode& n) {
        if (n.kind == QueryNode::Kind::Or) {
            std::vector<Xapian::Query> qs;
            for (const QueryNode& k : n.kids) qs.push_back(or_safe(node(k), out_.full_evaluation));
            return Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
        }
        Built b;
        if (n.kind == QueryNode::Kind::And) {
            // Runs of plain words (+word too) are analyzed together: joins
            // and multi-word synonyms look across word boundaries.
            std::vector<Word> run;
            std::vector<bool> required;
            for (const QueryNode& k : n.kids) {
                const bool req = k.kind == QueryNode::Kind::Required;
                const QueryNode& m = req ? k.kids.at(0) : k;
                if (m.kind == QueryNode::Kind::Word && m.field.empty()) {
                    auto ws = analyze(analyzer_, m.text);
                    if (ws.size() == 1) {
                        run.push_back(std::move(ws[0]));
                        required.push_back(req);
                        continue;
                    }
                }
                words(run, required, b);
                run.clear();
                required.clear();
                add(k, b);
            }
            words(run, required, b);
        } else {
            add(n, b);
        }
        return combine(b);
    }

private:
    const Analyzer& analyzer_;
    const SynonymMap* syn_;
    const TermKnown* known_;
    mutable std::unordered_map<std::string, bool> known_memo_;
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
    // Asked of the index once per term and query (each ask is a B-tree lookup).
    bool known(const std::string& term) const {
        auto [it, fresh] = known_memo_.try_emplace(term, false);
        if (fresh) it->second = (*known_)(term);
        return it->second;
    }

    // Any of several queries, each safe as an OR member (or_safe).
    Xapian::Query any(std::vector<Xapian::Query>& qs) {
        if (qs.size() > 1)
            for (Xapian::Query& s : qs) s = or_safe(s, out_.full_evaluation);
        return Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
    }

    // The weighing part of a group: its required members AND-ed, the
    // others scoring on the right of an AND_MAYBE (they add weight to a post
    // that has the required ones, and find nothing themselves). The optional
    // side is an OR of or_safe members (AND_MAYBE calls check() on it); the
    // AND_MAYBE is weighed over every match (full_evaluation), as the twins
    // of or_safe are: pruning by weight bounds would decay it to an AND.
    Xapian::Query weighing(Built& b) {
        Xapian::Query q;
        if (b.required.empty() && b.concepts.size() >= 2 && !out_.sentence) {
            // Coordination (a keyword list, not a sentence: sentences have
            // the passage re-ranker): the posts holding every concept score
            // their matches again, kCoordWeight times, so a post with both of
            // HBM 삼성전자 outranks one that only repeats 삼성전자, unless its
            // matches are far weaker. One AND of the concepts beside the OR,
            // pruned by Xapian's own weight bounds. Not where a concept needs
            // positions (5000억 = "5000 억", a mixed-script fallback): an AND
            // holding a phrase is rejected after positioning, and the OR-safe
            // twin (or_safe) would weigh every match of the query. Nor beside
            // required words (+word, AND, --all): those posts hold them all.
            // Words naming one concept (애플 apple: both XNappl) are one.
            std::vector<Xapian::Query> distinct;
            std::set<std::string> seen;
            for (const Xapian::Query& c : b.concepts)
                if (seen.insert(c.get_description()).second) distinct.push_back(c);
            Xapian::Query all(Xapian::Query::OP_AND, distinct.begin(), distinct.end());
            if (distinct.size() >= 2 && !positional(all))
                b.scoring.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, all, kCoordWeight);
        }
        if (!b.scoring.empty()) q = any(b.scoring);
        if (!b.required.empty()) {
            Xapian::Query all(Xapian::Query::OP_AND, b.required.begin(), b.required.end());
            if (q.empty()) {
                q = all;
            } else {
                q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, all, q);
                out_.full_evaluation = true;
            }
        }
        if (!q.empty()) out_.scored = true;
        return q;
    }

    Xapian::Query combine(Built& b) {
        Xapian::Query q = weighing(b);
        if (!b.filters.empty()) {
            Xapian::Query f(Xapian::Query::OP_AND, b.filters.begin(), b.filters.end());
            q = q.empty() ? Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, or_safe(f, out_.full_evaluation), 0.0)
                          : Xapian::Query(Xapian::Query::OP_FILTER, q, f);
        }
        if (!b.negatives.empty()) {
            if (q.empty()) q = Xapian::Query::MatchAll;
            q = Xapian::Query(Xapian::Query::OP_AND_NOT, q,
                              Xapian::Query(Xapian::Query::OP_OR, b.negatives.begin(), b.negatives.end()));
        }
        return q;
    }

    void add(const QueryNode& n, Built& b) {
        switch (n.kind) {
            case QueryNode::Kind::Required: {
                // Its weighing part must match; its filters and exclusions are
                // the group's (a required tag: or -x is what it was).
                Built sub;
                add(n.kids.at(0), sub);
                Xapian::Query q = weighing(sub);
                if (!q.empty()) b.required.push_back(q);
                for (auto& f : sub.filters) b.filters.push_back(f);
                for (auto& x : sub.negatives) b.negatives.push_back(x);
                return;
            }
            case QueryNode::Kind::Not: {
                // Excluded words must not feed snippets: build them aside.
                // Always with their bigrams: the query without bigrams must
                // match a subset of the posts of the full one.
                BuiltQuery scratch;
                QueryBuilder sub(analyzer_, syn_, known_, true, scratch);
                Xapian::Query q = sub.node(n.kids.at(0));
                if (!q.empty()) b.negatives.push_back(q);
                return;
            }
            case QueryNode::Kind::Or:
            case QueryNode::Kind::And: {
                Xapian::Query q = node(n);
                if (!q.empty()) b.scoring.push_back(q);
                return;
            }
            case QueryNode::Kind::Date:
                b.filters.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDay,
                                       Xapian::sortable_serialise(n.from), Xapian::sortable_serialise(n.to));
                return;
            case QueryNode::Kind::Prefix: prefix(n, b); return;
            case QueryNode::Kind::Word:
            case QueryNode::Kind::Phrase: break;
        }
        const schema::Field* f = schema::query_field(n.field);
        if (f && f->kind == schema::FieldKind::Boolean) {  // tag:, category:, author:
            b.filters.emplace_back(schema::term(f->prefix, analyzer_.normalize(n.text)));
            return;
        }
        const bool title = f == &schema::kTitleField;
        std::vector<Word> ws = analyze(analyzer_, n.text);
        if (ws.empty()) return;
        if (n.kind == QueryNode::Kind::Phrase || ws.size() > 1) b.scoring.push_back(phrase(ws, title));
        else b.scoring.push_back(word(ws[0], title));
    }

    // 스타게*: the most frequent completions, as one synonym group (a post
    // using several of them is not counted several times).
    void prefix(const QueryNode& n, Built& b) {
        const std::string p = analyzer_.normalize(n.text);
        if (p.empty()) return;
        auto wildcard = [&](std::string_view pfx) {
            return Xapian::Query(Xapian::Query::OP_WILDCARD, schema::term(pfx, p), kMaxPrefixExpansion,
                                 Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT, Xapian::Query::OP_SYNONYM);
        };
        const schema::Field* f = schema::query_field(n.field);
        if (f && f->kind == schema::FieldKind::Boolean) {
            b.filters.push_back(wildcard(f->prefix));
            return;
        }
        if (f == &schema::kTitleField) {
            b.scoring.push_back(wildcard(f->prefix));
            return;
        }
        out_.prefixes.insert(p);
        b.scoring.push_back(wildcard(""));
    }

    // A run of plain words: each word, plus joined neighbours and multi-word
    // synonyms. A required word (+word, AND, --all) must be matched by one
    // of the queries that spell it: its own, or a join, name or synonym
    // spanning it; each such query weighs in the clause of the first
    // required word it spans, and only filters (weight 0) in the others'.
    void words(std::vector<Word>& run, const std::vector<bool>& required, Built& b) {
        std::vector<Spelling> entries;
        words(run, required, entries);
        std::vector<std::vector<Xapian::Query>> clauses(run.size());
        for (Spelling& e : entries) {
            bool first = true;
            for (std::size_t k = e.from; k < e.to; ++k) {
                if (!required[k]) continue;
                clauses[k].push_back(first ? e.q
                                           : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                                           or_safe(e.q, out_.full_evaluation), 0.0));
                first = false;
            }
            if (first) b.scoring.push_back(std::move(e.q));
        }
        for (auto& c : clauses)
            if (!c.empty()) b.required.push_back(c.size() == 1 ? c[0] : any(c));
        // Coordination's concepts: per word, every spelling spanning it (its
        // own query, a join, a name, a synonym), a word spelled by the same
        // ones as its neighbour (the words of one name) once.
        std::vector<std::vector<std::size_t>> holds(run.size());
        for (std::size_t e = 0; e < entries.size(); ++e)
            for (std::size_t k = entries[e].from; k < entries[e].to; ++k) holds[k].push_back(e);
        std::vector<std::vector<std::size_t>> seen;
        for (const std::vector<std::size_t>& h : holds) {
            if (h.empty() || std::find(seen.begin(), seen.end(), h) != seen.end()) continue;
            seen.push_back(h);
            std::vector<Xapian::Query> qs;
            for (std::size_t e : h) qs.push_back(entries[e].whole);
            b.concepts.push_back(qs.size() == 1 ? qs[0] : Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end()));
        }
    }

    struct Spelling {
        Xapian::Query q;
        std::size_t from, to;  // the run's words [from, to) it spells
        Xapian::Query whole;    // q without a bigram branch: a word held by its pieces only is not held
    };

    void words(std::vector<Word>& run, const std::vector<bool>& required, std::vector<Spelling>& out) {
        mark_concepts(run);
        std::size_t content = 0;
        for (const Word& w : run) {
            content += !(w.stopword || is_question_word(w.stem));
            // A one-syllable stem is no evidence: 주가 (share price) reads as 주 + 가.
            if (is_question_word(w.stem) || (w.hangul && (w.parts.empty() || w.compound) && w.surface != w.stem &&
                                             hangul_syllables(w.stem) >= 2))
                out_.sentence = true;
        }
        // Words that spell a known name together (오픈 AI, 젠슨 황) are searched
        // as that name's concept term only: the post writing OpenAI scores as
        // the one writing 오픈 AI, and 젠슨 alone is no evidence of 젠슨 황.
        std::vector<std::uint32_t> cover(run.size(), 0);  // words of the concept span starting here
        for (std::size_t i = 0; i < run.size(); ++i)
            for (std::uint32_t len = 2; len <= kMaxConceptUnits && i + len <= run.size(); ++len)
                if (!known_concepts(run[i], len).empty()) cover[i] = len;
        std::vector<bool> covered(run.size(), false);
        for (std::size_t i = 0; i < run.size(); ++i)
            for (std::size_t k = i; k < i + cover[i]; ++k) covered[k] = true;
        for (std::size_t i = 0; i < run.size(); ++i) {
            const Word& w = run[i];
            if (content > 0 && (w.stopword || is_question_word(w.stem)) && !required[i]) continue;
            if (!covered[i]) {
                Xapian::Query q = word(w, false);
                out.push_back({q, i, i + 1, whole_});  // whole_: set by word()
            }
            if (!(w.stopword || is_question_word(w.stem))) focus(w);
            if (i + 1 < run.size() && !(covered[i] && covered[i + 1])) {
                const Word& next = run[i + 1];
                // 스타 게이트 / 데이터 센터 may be written as one word in a post:
                // the joined word's own term (a compound's parts are the two
                // words already searched).
                if (w.hangul && next.hangul && w.parts.empty() && next.parts.empty() && !next.stopword) {
                    const std::vector<Word> js = analyze(analyzer_, w.surface + next.surface);
                    if (js.size() == 1 && known(js[0])) {
                        const Xapian::Query j(Xapian::Query::OP_SCALE_WEIGHT, term(js[0].stem, false), kJoinedWeight);
                        out.push_back({j, i, i + 2, j});
                    }
                }
            }
            // No proximity pairs: for a question the passage re-ranker
            // (rerank.hpp) rewards the query's words in one window of two
            // sentences, from the index's passage sketch. The OP_NEAR pairs
            // it replaced (x0.3, window 5) measured KorQuAD dev 0.9722 with,
            // 0.9720 without, and made every question weigh all its matches
            // (a zero-weight AND_MAYBE twin): 25 % of a question batch's CPU.
            // Multi-word names (젠슨 황, 오픈 AI, 스타 게이트): the group's
            // concept term when the index holds it.
            std::vector<bool> by_concept(kMaxConceptUnits + 1, false);
            for (std::uint32_t len = 2; len <= kMaxConceptUnits && i + len <= run.size(); ++len) {
                const std::vector<std::string> keys = known_concepts(w, len);
                if (keys.empty()) continue;
                by_concept[len] = true;
                const std::vector<Word> span(run.begin() + static_cast<std::ptrdiff_t>(i),
                                             run.begin() + static_cast<std::ptrdiff_t>(i + len));
                // The concept term alone: it holds every spelling, the
                // typed one included, so a phrase of the typed words would
                // only cost positions. Its words still mark snippets (the
                // phrase records its terms; the query itself goes unused).
                (void)phrase(span, false);
                const Xapian::Query c = concept_query(keys);
                out.push_back({c, i, i + len, c});
            }
            // Else the other members' spellings: "masayoshi son", "샘 올트먼".
            if (syn_) {
                std::string key = w.stem;
                for (std::size_t k = i + 1; k < run.size() && k < i + kMaxSynonymSpan; ++k) {
                    key += ' ' + run[k].stem;
                    auto it = syn_->find(key);
                    if (it == syn_->end()) continue;
                    Xapian::Query alts = alternatives(it->second);  // its terms mark snippets either way
                    if (!by_concept[k - i + 1]) out.push_back({alts, i, k + 1, alts});
                }
            }
        }
    }

    // The query's words were analyzed one by one (each at position 1): the
    // run is numbered as one text and its members found across words (오픈 AI,
    // 젠슨 황), as in a post.
    void mark_concepts(std::vector<Word>& run) const {
        const ConceptTable* table = AnalyzerAccess::concepts(analyzer_);
        if (!table || run.size() < 2) return;
        std::uint32_t pos = 1;
        for (Word& w : run) {
            const std::uint32_t shift = pos - w.position;
            w.position += shift;
            for (WordPart& p : w.parts) p.position += shift;
            w.concepts.clear();
            pos = w.position + w.width();
        }
        table->mark(run);
    }

    // The keys of the groups whose member is the `len` words from `w` (the
    // word itself, not one of its parts), when the index holds their concept
    // term: a group added with `newsidx synonyms` after the posts were
    // indexed has none until `reindex`, and is searched by its spellings.
    std::vector<std::string> known_concepts(const Word& w, std::uint32_t len) const {
        std::vector<std::string> keys;
        for (const Concept& c : w.concepts)
            if (!c.part && c.words == len && c.position == w.position &&
                (!known_ || known(schema::term(schema::kConceptField.prefix, c.key))))
                keys.push_back(c.key);
        return keys;
    }

    Xapian::Query concept_query(const std::vector<std::string>& keys) const {
        std::vector<Xapian::Query> qs;
        for (const std::string& k : keys) qs.emplace_back(schema::term(schema::kConceptField.prefix, k));
        if (qs.size() == 1) return qs[0];
        return Xapian::Query(Xapian::Query::OP_SYNONYM, qs.begin(), qs.end());
    }

    // Snippets mark the words of a post that give one of out_.terms: a post
    // found by the concept term wrote another member (OpenAI for 오픈AI), so
    // the other members' terms are recorded, their query left unused.
    void highlight_synonyms(const Word& w) {
        if (!syn_) return;
        for (const std::string& key : {w.stem, w.surface}) {
            auto it = syn_->find(key);
            if (it == syn_->end()) continue;
            (void)alternatives(it->second);
            return;
        }
    }

    void focus(const Word& w) {
        if (std::find(out_.focus.begin(), out_.focus.end(), w.stem) == out_.focus.end()) out_.focus.push_back(w.stem);
    }

    // The other spellings of a name, each analyzed like a query word.
    Xapian::Query alternatives(const std::vector<std::string>& texts) {
        std::vector<Xapian::Query> alts;
        for (const std::string& t : texts) {
            const std::vector<Word> ws = analyze(analyzer_, t);
            if (ws.size() == 1) alts.push_back(spellings(ws[0], false, false));
            else if (!ws.empty()) alts.push_back(phrase(ws, false));
        }
        return Xapian::Query(Xapian::Query::OP_SYNONYM, alts.begin(), alts.end());
    }

    Xapian::Query term(const std::string& t, bool title) {
        if (!title) out_.terms.insert(t);
        return Xapian::Query(title ? schema::term(schema::kTitleField.prefix, t) : t);
    }

    // Compound `w` written with its parts apart (삼성전자 -> 삼성 전자), as
    // the analyzer reads that text: each part may be a compound itself.
    std::vector<Word> spaced(const Word& w) const {
        std::string text;
        for (const WordPart& p : w.parts) (text.empty() ? text : text += ' ') += p.stem;
        return analyze_words(text, 1, analyzer_.user_lexicon());
    }

    // Every way the word may be written, as one synonym group.
    Xapian::Query spellings(const Word& w, bool title, bool with_synonyms) {
        std::vector<Xapian::Query> alts;
        if (w.parts.empty()) {
            alts.push_back(term(w.stem, title));
            // The exact form counts again (its wdf adds to the stem's), but not
            // a Hangul noun's particle form (금강산의, 번디를: the stem spelled
            // whole, then a particle): the particle says what the word does in
            // the question, not where the answer is, and it made a sibling
            // passage that repeats 번디를 outrank the one that answers.
            // An inflected form (가리키는 -> 가리키다) is still counted.
            if (w.surface != w.stem && !particle_form(w)) alts.push_back(term(w.surface, title));
        } else if (w.compound) {
            // 삼성전자: a post writing 삼성 전자 holds the joined term 삼성전자
            // at that spot (join_spaced, stages.hpp), so the word's own term
            // finds both spellings and no phrase of its parts is needed. Asked
            // of the analyzer itself, so the answer is the indexer's. Else
            // (인공지능반도체, split by syllable count) the phrase of the
            // spaced words, each part at the positions a post gives it.
            alts.push_back(term(w.stem, title));
            const std::vector<Word> apart = spaced(w);
            if (!(apart.size() == 2 && apart[0].joined == w.stem) && apart.size() >= 2)
                alts.push_back(phrase(apart, title));
        } else {
            std::vector<Xapian::Query> parts;
            for (const WordPart& p : w.parts) parts.push_back(term(p.stem, title));
            alts.push_back(term(w.stem, title));
            alts.emplace_back(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(), parts.size());
        }
        // An unknown 스타게이트 may be written 스타 게이트 (and 젠슨황 as 젠슨 황).
        if (w.hangul && w.parts.empty() && !known(w)) {
            std::vector<std::size_t> at;  // byte offsets of syllables in the stem
            for (std::size_t i = 0; i < w.stem.size(); i += 3) at.push_back(i);
            if (at.size() >= 3 && at.size() <= kMaxSplitSyllables && hangul_syllables(w.stem) == at.size()) {
                // The halves are no query words of their own: snippets mark
                // them only side by side (BuiltQuery::splits).
                auto half = [&](const std::string& h) {
                    return Xapian::Query(title ? schema::term(schema::kTitleField.prefix, h) : h);
                };
                for (std::size_t k = 1; k < at.size(); ++k) {
                    const std::string first = w.stem.substr(0, at[k]), second = w.stem.substr(at[k]);
                    if (!title) out_.splits.emplace(first, second);
                    Xapian::Query halves[] = {half(first), half(second)};
                    alts.emplace_back(Xapian::Query::OP_PHRASE, std::begin(halves), std::end(halves), 2);
                }
            }
        }
        if (with_synonyms && syn_ && !title) {
            for (const std::string& key : {w.stem, w.surface}) {
                auto it = syn_->find(key);
                if (it == syn_->end()) continue;
                alts.push_back(alternatives(it->second));
                break;
            }
        }
        if (alts.size() == 1) return alts[0];
        return Xapian::Query(Xapian::Query::OP_SYNONYM, alts.begin(), alts.end());
    }

    // The word as the text holds it (text_word), and beside it, when some
    // post's file name holds its stem (asked of the index: none without
    // one), that file-name term in one OP_SYNONYM with the word's text
    // spellings, at kFileNameWeight: its IDF is the word's over both, never
    // the rarer file-name term's alone, so a post found by its file name
    // only scores about a fifth of what one mention in its text would give
    // it, and the posts whose text holds the word all gain alike.
    Xapian::Query word(const Word& w, bool title) {
        Xapian::Query q = text_word(w, title);
        if (title) return q;
        const std::string t = schema::term(schema::kFileNameField.prefix, w.stem);
        if (!known_ || !known(t)) return q;
        const Xapian::Query both[] = {whole_, Xapian::Query(t)};
        const Xapian::Query f(Xapian::Query::OP_SCALE_WEIGHT,
                              Xapian::Query(Xapian::Query::OP_SYNONYM, std::begin(both), std::end(both)), kFileNameWeight);
        whole_ = Xapian::Query(Xapian::Query::OP_OR, or_safe(whole_, out_.full_evaluation), f);
        return Xapian::Query(Xapian::Query::OP_OR, or_safe(q, out_.full_evaluation), f);
    }

    // The word's spellings; for an unknown word, beside them, its Hangul
    // bigrams at kBigramWeight (found inside words the lexicon cannot split).
    Xapian::Query text_word(const Word& w, bool title) {
        if (!title) {
            const std::vector<std::string> keys = known_concepts(w, 1);
            if (!keys.empty()) {
                // A word of a synonym or variant group searches the group's
                // concept term alone: every post holding any spelling of the
                // name holds it at that spot (the index's groups are the
                // ones its posts were analyzed with), so 오픈AI, OpenAI and
                // 오픈 AI find the same posts with the same weight, from one
                // posting list. The spellings' terms are recorded for the
                // snippets (highlight_synonyms, spellings), their queries
                // left unused.
                highlight_synonyms(w);
                (void)spellings(w, false, false);
                return whole_ = concept_query(keys);
            }
        }
        Xapian::Query q = spellings(w, title, true);
        whole_ = q;
        if (!bigrams_ || w.compound || known(w)) return q;
        std::vector<std::string> grams = w.bigrams;
        if (grams.empty() && w.hangul && w.parts.empty()) bigrams(w.stem, grams);  // a noun the index lacks
        if (grams.empty()) return q;
        if (std::find(out_.last_resort.begin(), out_.last_resort.end(), w.surface) == out_.last_resort.end())
            out_.last_resort.push_back(w.surface);
        std::vector<Xapian::Query> bg;
        for (const std::string& g : grams) {
            if (!title) out_.bigrams.insert(g);
            bg.emplace_back(schema::term(title ? schema::kTitleField.bigram_prefix : schema::kBigramField.prefix, g));
        }
        return Xapian::Query(Xapian::Query::OP_OR, q,
                             Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                           Xapian::Query(Xapian::Query::OP_OR, bg.begin(), bg.end()), kBigramWeight));
    }

    // Positional: each position accepts the surface or the stem, so "AI 동맹"
    // matches "AI 동맹을"; mixed-script words contribute their parts.
    Xapian::Query phrase(const std::vector<Word>& ws, bool title) {
        std::vector<Xapian::Query> subs;
        for (const Word& w : ws) {
            if (!w.parts.empty()) {
                for (const WordPart& p : w.parts) subs.push_back(term(p.stem, title));
            } else if (w.surface == w.stem) {
                subs.push_back(term(w.stem, title));
            } else {
                subs.emplace_back(Xapian::Query::OP_OR, term(w.surface, title), term(w.stem, title));
            }
        }
        if (subs.size() == 1) return subs[0];
        return Xapian::Query(Xapian::Query::OP_PHRASE, subs.begin(), subs.end(), subs.size());
    }
};

}  // namespace

void require_all(QueryNode& n, const Analyzer& analyzer) {
    for (QueryNode& k : n.kids) require_all(k, analyzer);
    if (n.kind != QueryNode::Kind::And) return;
    // As the builder: stop and question words stay optional (and so are
    // dropped) when the group has other words.
    const bool others = std::any_of(n.kids.begin(), n.kids.end(), [&](const QueryNode& k) {
        return k.kind != QueryNode::Kind::Not && !dropped_word(analyzer, k);
    });
    for (QueryNode& k : n.kids) {
        if (!scoring_member(k) || (others && dropped_word(analyzer, k))) continue;
        QueryNode r{QueryNode::Kind::Required, "", "", {}};
        r.kids.push_back(std::move(k));
        k = std::move(r);
    }
}

BuiltQuery build_query(const QueryNode& root, const Analyzer& analyzer, const SynonymMap* synonyms,
                       const TermKnown* known, bool bigrams) {
    BuiltQuery out;
    QueryBuilder b(analyzer, synonyms, known, bigrams, out);
    out.query = b.node(root);
    return out;
}

}  // namespace newsidx::detail
