// The query of a parsed tree (build_query, query_builder.hpp): groups put
// together — OR, required words, filters and exclusions, a keyword list's
// coordination — from the queries of their words (spellings.cpp).
#include "query_builder_impl.hpp"

#include "analysis.hpp"
#include "concepts.hpp"
#include "fields.hpp"
#include "korean.hpp"
#include "or_safe.hpp"
#include "schema.hpp"
#include "stages.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace newsidx::detail {

// Words that ask rather than tell: dropped from queries with other words.
bool is_question_word(const std::string& stem) {
    static const std::unordered_set<std::string> kWords = {
        "무엇", "무엇인가", "언제", "누구", "누가", "어디", "몇", "어느", "어떤", "어떠한", "어떻게", "왜", "무슨",
        "얼마", "얼마나", "인가", "것인가", "무엇이었나", "누구인가", "어디인가", "what", "when", "who", "where",
        "which", "how", "why"};
    return kWords.count(stem) > 0;
}

namespace {

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

}  // namespace

Xapian::Query QueryBuilder::node(const QueryNode& n) {
    struct Depth {
        int& d;
        explicit Depth(int& x) : d(++x) {}
        ~Depth() { --d; }
    } depth(depth_);
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
                // One word, or a hyphenated pair (GPT-4o): words() searches
                // the pair as its join, or as the name it spells with its
                // neighbours (Yoon Suk-yeol).
                if (ws.size() == 1 || hyphen_pair(ws)) {
                    for (Word& w : ws) {
                        run.push_back(std::move(w));
                        required.push_back(req);
                    }
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

// The weighing part of a group: its required members AND-ed, the
// others scoring on the right of an AND_MAYBE (they add weight to a post
// that has the required ones, and find nothing themselves). The optional
// side is an OR of or_safe members (AND_MAYBE calls check() on it); the
// AND_MAYBE is weighed over every match (full_evaluation), as the twins
// of or_safe are: pruning by weight bounds would decay it to an AND.
Xapian::Query QueryBuilder::weighing(Built& b) {
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
        Xapian::Query all(Xapian::Query::OP_AND, b.concepts.begin(), b.concepts.end());
        if (!positional(all)) {
            if (depth_ == 1) coordinate(b);  // the root group's alone is searched first (combine)
            b.scoring.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, all, kCoordWeight);
        }
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

// The posts holding every concept score, under weighing()'s query, each
// spelling x of the group m_x times from the OR (its copies in `scoring`)
// and kCoordWeight times n_x from the clause (its copies among the
// concepts' members); no other part weighs. An AND of the concepts, each
// an OR of its members scaled by (m_x + kCoordWeight n_x) / n_x, matches
// those posts alone with those scores (Xapian's AND and OR add their
// members' weights; BM25 with k3 = 0 weighs a term alike wherever it
// stands). Only when `scoring` holds nothing else (no field, phrase or
// prefix member) and no spelling has a bigram branch (its query is its
// `whole`, which the clause holds).
void QueryBuilder::coordinate(Built& b) {
    if (!b.plain || b.spelled != b.scoring.size()) return;
    using Copies = std::pair<double, double>;
    std::unordered_map<std::string, Copies> copies;  // description -> (m, n)
    std::vector<const Copies*> scored;                // each of `scoring`'s entry
    for (const Xapian::Query& s : b.scoring) {
        auto& e = copies[s.get_description()];
        e.first += 1;
        scored.push_back(&e);  // unordered_map entries stay where they are
    }
    std::vector<std::vector<const Copies*>> of(b.members.size());  // each member's entry
    for (std::size_t c = 0; c < b.members.size(); ++c)
        for (const Xapian::Query& x : b.members[c]) {
            auto& e = copies[x.get_description()];
            e.second += 1;
            of[c].push_back(&e);
        }
    for (const auto& c : copies)
        if (c.second.second == 0) return;  // a spelling in no concept: weighs posts lacking one
    std::vector<Xapian::Query> ands;
    for (std::size_t c = 0; c < b.members.size(); ++c) {
        std::vector<Xapian::Query> xs;
        for (std::size_t i = 0; i < b.members[c].size(); ++i) {
            const auto& [m, n] = *of[c][i];
            xs.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, b.members[c][i], (m + kCoordWeight * n) / n);
        }
        ands.push_back(xs.size() == 1 ? xs[0] : Xapian::Query(Xapian::Query::OP_OR, xs.begin(), xs.end()));
    }
    b.coordinated = Xapian::Query(Xapian::Query::OP_AND, ands.begin(), ands.end());
    std::vector<Xapian::Query> words = b.scoring;
    b.uncoordinated = any(words);
    // A post lacking concept c holds none of its members: it scores only
    // for the other spellings.
    for (std::size_t c = 0; c < b.members.size(); ++c) {
        std::vector<Xapian::Query> rest;
        for (std::size_t i = 0; i < b.scoring.size(); ++i)
            if (std::find(of[c].begin(), of[c].end(), scored[i]) == of[c].end()) rest.push_back(b.scoring[i]);
        b.lacking.push_back(rest.empty() ? Xapian::Query() : any(rest));
    }
}

Xapian::Query QueryBuilder::combine(Built& b) {
    std::optional<Xapian::Query> f;
    if (!b.filters.empty()) f = Xapian::Query(Xapian::Query::OP_AND, b.filters.begin(), b.filters.end());
    const auto finish = [&](Xapian::Query q) {
        if (f) {
            q = q.empty() ? Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, or_safe(*f, out_.full_evaluation), 0.0)
                          : Xapian::Query(Xapian::Query::OP_FILTER, q, *f);
        }
        if (!b.negatives.empty()) {
            if (q.empty()) q = Xapian::Query::MatchAll;
            q = Xapian::Query(Xapian::Query::OP_AND_NOT, q,
                              Xapian::Query(Xapian::Query::OP_OR, b.negatives.begin(), b.negatives.end()));
        }
        return q;
    };
    Xapian::Query q = finish(weighing(b));
    if (depth_ == 1 && !b.coordinated.empty()) {
        // The root group: its filters and exclusions apply alike.
        out_.coordinated = finish(b.coordinated);
        out_.uncoordinated = finish(b.uncoordinated);
        out_.lacking = std::move(b.lacking);
    }
    return q;
}

void QueryBuilder::add(const QueryNode& n, Built& b) {
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
    if (const std::optional<Word> j = n.kind == QueryNode::Kind::Word && ws.size() == 2 ? hyphen_join(ws[0], ws[1])
                                                                                         : std::nullopt) {
        if (title) {
            b.scoring.push_back(hyphenated(ws[0], ws[1], *j, [&](const Word& x) { return word(x, true); }));
        } else {
            const std::vector<bool> optional(ws.size(), false);
            words(ws, optional, b);
        }
        return;
    }
    // A quoted phrase (or a token read as several words: GPT-5, R&D) is
    // marked in snippets where its words stand side by side, as it
    // matched, never a word of it alone elsewhere in the post.
    if (n.kind == QueryNode::Kind::Phrase || ws.size() > 1) b.scoring.push_back(phrase(ws, title));
    else b.scoring.push_back(word(ws[0], title));
}

std::optional<Word> QueryBuilder::hyphen_join(const Word& a, const Word& b) const {
    if (!a.hyphen) return std::nullopt;
    std::vector<Word> joined = analyze(analyzer_, a.surface + b.surface);
    // The join read as one word gives the indexer's term (it is stemmed alike).
    if (joined.size() != 1 || !joined[0].parts.empty() || joined[0].stem != a.joined) return std::nullopt;
    return std::move(joined[0]);
}

bool QueryBuilder::hyphen_pair(const std::vector<Word>& ws) const {
    return ws.size() == 2 && hyphen_join(ws[0], ws[1]).has_value();
}

// 스타게*: the most frequent completions, as one synonym group (a post
// using several of them is not counted several times).
void QueryBuilder::prefix(const QueryNode& n, Built& b) {
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
void QueryBuilder::words(std::vector<Word>& run, const std::vector<bool>& required, Built& b) {
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
        if (first) {
            ++b.spelled;
            b.plain = b.plain && e.q.get_description() == e.whole.get_description();
            b.scoring.push_back(std::move(e.q));
        }
    }
    for (auto& c : clauses)
        if (!c.empty()) b.required.push_back(c.size() == 1 ? c[0] : any(c));
    // Coordination's concepts: per word, every spelling spanning it (its
    // own query, a join, a name, a synonym), a word spelled by the same
    // ones as its neighbour (the words of one name) once, and words naming
    // one concept (애플 Apple: both XNappl) once.
    std::vector<std::vector<std::size_t>> holds(run.size());
    for (std::size_t e = 0; e < entries.size(); ++e)
        for (std::size_t k = entries[e].from; k < entries[e].to; ++k) holds[k].push_back(e);
    std::vector<std::vector<std::size_t>> seen;
    for (const std::vector<std::size_t>& h : holds) {
        if (h.empty() || std::find(seen.begin(), seen.end(), h) != seen.end()) continue;
        seen.push_back(h);
        std::vector<Xapian::Query> qs;
        for (std::size_t e : h) qs.push_back(entries[e].whole);
        Xapian::Query c = qs.size() == 1 ? qs[0] : Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
        const std::string name = c.get_description();
        if (std::none_of(b.concepts.begin(), b.concepts.end(),
                         [&](const Xapian::Query& o) { return o.get_description() == name; })) {
            b.concepts.push_back(std::move(c));
            b.members.push_back(std::move(qs));
        }
    }
}

void QueryBuilder::words(std::vector<Word>& run, const std::vector<bool>& required, std::vector<QueryBuilder::Spelling>& out) {
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
    // A hyphenated pair of one query word (GPT-4o: run[i].hyphen, its
    // second word next) that no name covers is one word, its join: the
    // term the indexer gives GPT-4o and GPT4o alike (join_hyphenated).
    std::vector<std::optional<Word>> joined(run.size());
    for (std::size_t i = 0; i + 1 < run.size(); ++i)
        if (!covered[i] && !covered[i + 1] && (i == 0 || !joined[i - 1])) joined[i] = hyphen_join(run[i], run[i + 1]);
    for (std::size_t i = 0; i < run.size(); ++i) {
        const Word& w = run[i];
        if (i > 0 && joined[i - 1]) continue;  // the pair's second word: searched with the first
        if (content > 0 && (w.stopword || is_question_word(w.stem)) && !required[i]) continue;
        if (joined[i]) {
            Xapian::Query q = hyphenated(w, run[i + 1], *joined[i], [&](const Word& x) { return word(x, false); });
            out.push_back({q, i, i + 2, whole_});
            focus(*joined[i]);
            continue;
        }
        if (!covered[i]) {
            Xapian::Query q = word(w, false);
            out.push_back({q, i, i + 1, whole_});  // whole_: set by word()
        }
        if (!(w.stopword || is_question_word(w.stem))) focus(w);
        if (i + 1 < run.size() && !(covered[i] && covered[i + 1])) {
            const Word& next = run[i + 1];
            // 스타 게이트 may be written as one word in a post: the joined
            // word's own term. Not for a compound whose parts are these two
            // words (영향 기술: a post writing 영향기술 holds 영향 and 기술 as
            // its parts, already searched): the term would only add to them.
            if (w.hangul && next.hangul && w.parts.empty() && next.parts.empty() && !next.stopword) {
                const std::vector<Word> js = analyze(analyzer_, w.surface + next.surface);
                const bool parts_are_words = js.size() == 1 && js[0].compound && js[0].parts.size() == 2 &&
                                             js[0].parts[0].stem == w.stem && js[0].parts[1].stem == next.stem;
                if (js.size() == 1 && known(js[0]) && !parts_are_words) {
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
            // only cost positions. Its words still mark snippets, side
            // by side (the phrase records them; its query goes unused).
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
