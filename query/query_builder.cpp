#include "query_builder.hpp"

#include "schema.hpp"

namespace newsidx::detail {

namespace {

constexpr double kBigramWeight = 0.5;

struct Built {
    std::vector<Xapian::Query> scoring, filters, negatives;
};

class QueryBuilder {
public:
    QueryBuilder(const Analyzer& a, BuiltQuery& out) : analyzer_(a), out_(out) {}

    Xapian::Query node(const QueryNode& n) {
        switch (n.kind) {
            case QueryNode::Kind::Or: {
                std::vector<Xapian::Query> qs;
                for (const QueryNode& k : n.kids) qs.push_back(node(k));
                return Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
            }
            default: {
                Built b;
                if (n.kind == QueryNode::Kind::And)
                    for (const QueryNode& k : n.kids) add(k, b);
                else
                    add(n, b);
                return combine(b);
            }
        }
    }

private:
    const Analyzer& analyzer_;
    BuiltQuery& out_;

    static Xapian::Query combine(Built& b) {
        Xapian::Query q;
        if (!b.scoring.empty()) q = Xapian::Query(Xapian::Query::OP_OR, b.scoring.begin(), b.scoring.end());
        if (!b.filters.empty()) {
            Xapian::Query f(Xapian::Query::OP_AND, b.filters.begin(), b.filters.end());
            q = q.empty() ? Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, f, 0.0)
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
            case QueryNode::Kind::Not: {
                // Excluded words must not feed snippets: build them aside.
                BuiltQuery scratch;
                QueryBuilder sub(analyzer_, scratch);
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
            case QueryNode::Kind::Word:
            case QueryNode::Kind::Phrase: break;
        }
        if (n.field == "tag" || n.field == "category" || n.field == "author") {
            const std::string_view prefix = n.field == "tag"        ? schema::kTag
                                            : n.field == "category" ? schema::kCategory
                                                                    : schema::kAuthor;
            b.filters.emplace_back(schema::term(prefix, analyzer_.normalize(n.text)));
            return;
        }
        const bool title = n.field == "title";
        std::vector<Word> words = analyzer_.analyze(n.text, Analyzer::Mode::Query);
        if (words.empty()) return;
        if (n.kind == QueryNode::Kind::Phrase || words.size() > 1) {
            b.scoring.push_back(phrase(words, title));
            return;
        }
        b.scoring.push_back(word(words[0], title));
    }

    Xapian::Query term(const std::string& t, bool title) {
        if (!title) out_.terms.insert(t);
        return Xapian::Query(title ? schema::term(schema::kTitle, t) : t);
    }

    // One word: surface and stem as a synonym group, a mixed-script word as
    // its whole form or the phrase of its parts, plus bigrams at lower weight.
    Xapian::Query word(const Word& w, bool title) {
        Xapian::Query q;
        if (w.parts.empty()) {
            q = w.surface == w.stem ? term(w.stem, title)
                                    : Xapian::Query(Xapian::Query::OP_SYNONYM, term(w.surface, title),
                                                    term(w.stem, title));
        } else {
            std::vector<Xapian::Query> parts;
            for (const WordPart& p : w.parts) parts.push_back(term(p.stem, title));
            q = Xapian::Query(Xapian::Query::OP_OR, term(w.stem, title),
                              Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(), parts.size()));
        }
        if (!w.bigrams.empty()) {
            std::vector<Xapian::Query> bg;
            for (const std::string& g : w.bigrams) {
                if (!title) out_.bigrams.insert(g);
                bg.emplace_back(schema::term(title ? schema::kTitleBigram : schema::kBigram, g));
            }
            q = Xapian::Query(Xapian::Query::OP_OR, q,
                              Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                            Xapian::Query(Xapian::Query::OP_OR, bg.begin(), bg.end()),
                                            kBigramWeight));
        }
        return q;
    }

    // Positional: each position accepts the surface or the stem, so "AI 동맹"
    // matches "AI 동맹을"; mixed-script words contribute their parts.
    Xapian::Query phrase(const std::vector<Word>& words, bool title) {
        std::vector<Xapian::Query> subs;
        for (const Word& w : words) {
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

BuiltQuery build_query(const QueryNode& root, const Analyzer& analyzer) {
    BuiltQuery out;
    QueryBuilder b(analyzer, out);
    out.query = b.node(root);
    return out;
}

}  // namespace newsidx::detail
