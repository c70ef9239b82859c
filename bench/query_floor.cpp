// query_floor: the least a query can cost on a newsidx index — Xapian alone,
// on the same database and the same posting lists, with none of newsidx's
// query shape (no stems, zones, bigrams, synonyms, proximity pairs, no
// re-ranking, no stored fields read back).
//
//   query_floor DB QUERIES [--threads T] [--rounds R] [-n LIMIT] [--tsv] [--system NAME]
//
// Each benchmark query (latency.hpp's file and protocol) becomes the query
// Xapian's own QueryParser would make over a TermGenerator index without
// stemming: each word is one bare term (newsidx's normalized surface form,
// the unprefixed term the index holds), several words are ORed, a quoted
// phrase is OP_PHRASE of its words, `tag:NAME` is a boolean filter (K
// prefix). BM25 with Xapian's defaults and its usual pruning; the page's
// docids only. A particle query (삼성이) searches the word as written, the
// way a whole-word engine would. The figure says how much of a query's time
// is Xapian walking the posting lists of its words: what no query shape
// built on Xapian 1.4 can go under.
#include "fields.hpp"
#include "latency.hpp"

#include <newsidx/analyzer.hpp>

#include "analysis.hpp"  // the words' surfaces (text/, internal)
#include <xapian.h>

#include <cstdio>
#include <exception>
#include <memory>
#include <string>
#include <vector>

namespace {

std::vector<std::string> surfaces(const newsidx::Analyzer& a, const std::string& text) {
    std::vector<std::string> out;
    for (const newsidx::detail::Word& w : newsidx::detail::analyze(a, text)) out.push_back(w.surface);
    return out;
}

Xapian::Query floor_query(const newsidx::Analyzer& a, const std::string& text) {
    const bench::Parts p = bench::split_query(text);
    std::vector<Xapian::Query> words;
    for (const std::string& w : p.words)
        for (const std::string& s : surfaces(a, w)) words.emplace_back(s);
    if (!p.phrase.empty()) {
        const std::vector<std::string> ph = surfaces(a, p.phrase);
        words.emplace_back(Xapian::Query::OP_PHRASE, ph.begin(), ph.end());
    }
    Xapian::Query q(Xapian::Query::OP_OR, words.begin(), words.end());
    if (!p.tags.empty()) {
        std::vector<Xapian::Query> tags;
        for (const std::string& t : p.tags) tags.emplace_back(newsidx::schema::term(newsidx::schema::kTagField.prefix, a.normalize(t)));
        q = Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(Xapian::Query::OP_OR, tags.begin(), tags.end()));
    }
    return q;
}

}  // namespace

int main(int argc, char** argv) {
    bench::Options opt;
    opt.system = "xapian-floor";
    std::vector<std::string> pos;
    if (!bench::parse_driver_args(argc, argv, "query_floor",
                                  "DB QUERIES [--threads T] [--rounds R] [-n LIMIT] [--tsv] [--system NAME]", {}, opt, pos))
        return 2;
    try {
        const auto queries = bench::load_queries(pos[1]);
        const std::string db = pos[0];
        auto analyzer = std::make_shared<const newsidx::Analyzer>();
        return bench::run(queries, opt, [&]() -> bench::Worker {
            auto database = std::make_shared<Xapian::Database>(db);
            const auto limit = static_cast<Xapian::doccount>(opt.limit);
            return [database, analyzer, limit](const bench::Query& q) {
                Xapian::Enquire enquire(*database);
                enquire.set_query(floor_query(*analyzer, q.text));
                return static_cast<std::size_t>(enquire.get_mset(0, limit).size());
            };
        });
    } catch (const std::exception& e) {
        std::fprintf(stderr, "query_floor: %s\n", e.what());
        return 1;
    } catch (const Xapian::Error& e) {
        std::fprintf(stderr, "query_floor: %s\n", e.get_description().c_str());
        return 1;
    }
}
