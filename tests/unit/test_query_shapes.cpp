// Golden query shapes (issue 16, step 7): raw query -> the Xapian query the
// builder makes, as Xapian::Query::get_description(), for every row of
// tests/data/query_shapes.tsv (as Xapian's api_queryparser.cc pins its
// parser). The refactor of the search path and the analyzer must not change
// a shape unnoticed.
//
// The file: one `query<TAB>description` per line; '#' lines and blank lines
// are comments, kept as they are. A new row: `query<TAB>` (empty), then
//   NEWSIDX_UPDATE_GOLDEN=1 ./build/tests/unit_tests "[shapes]"
// rewrites every description from the current code and FAILS saying so
// (so a rewrite never passes by accident): read `git diff` before committing.
#include <catch2/catch.hpp>

#include <newsidx/analyzer.hpp>
#include <newsidx/index.hpp>
#include <newsidx/searcher.hpp>

#include "query_builder.hpp"
#include "query_parser.hpp"
#include "synonyms.hpp"
#include "tmpdir.hpp"

#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace newsidx;

namespace {

const std::string kGolden = std::string(NEWSIDX_SOURCE_DIR) + "/tests/data/query_shapes.tsv";

struct Row {
    std::string line;  // a comment or blank line, kept as is (query empty)
    std::string query, description;
    bool comment = false;
};

std::vector<Row> read_rows() {
    std::ifstream in(kGolden, std::ios::binary);
    REQUIRE(in);
    std::vector<Row> rows;
    for (std::string line; std::getline(in, line);) {
        Row r;
        r.line = line;
        if (line.empty() || line[0] == '#') {
            r.comment = true;
        } else {
            const std::size_t tab = line.find('\t');
            INFO("a row without a TAB: " << line);
            REQUIRE(tab != std::string::npos);
            r.query = line.substr(0, tab);
            r.description = line.substr(tab + 1);
        }
        rows.push_back(std::move(r));
    }
    return rows;
}

// The index the shapes are built for: one post whose text is every golden
// query but those with 쿼카 (a made-up animal). So the words of the queries
// are known (their plain shape), 쿼카멜레온 is not (the last resort: spaced
// splits, bigrams), and a join (삼성 애플 -> 삼성애플) counts only where the
// index really holds it.
std::vector<Row> read_rows();
const std::string& shapes_index() {
    static TempDir db;
    static const bool made = [] {
        std::string text;
        for (const Row& r : read_rows())
            if (!r.comment && r.query.find("쿼카") == std::string::npos) text += r.query + "\n\n";
        const std::string post = db.write("posts/2025-01-01-vocabulary.md", "---\ntitle: vocabulary\n---\n" + text);
        Index idx(db.str() + "/db");
        idx.add({post});
        return true;
    }();
    (void)made;
    static const std::string path = db.str() + "/db";
    return path;
}

// The synonyms a Searcher uses on an index without its own, built as
// Searcher::Impl does: the index's synonym table (a new index holds the
// built-in list, corpus/synonyms.txt), then every built-in group keyed
// by the analyzer, alternatives not yet listed appended. That this is the
// Searcher's map is checked below through explain.

detail::SynonymMap searcher_map(const Analyzer& a) {
    detail::SynonymMap m = detail::load_synonyms(Xapian::Database(shapes_index()));
    for (const auto& g : detail::parse_synonyms(detail::builtin_synonyms(), "corpus/synonyms.txt"))
        for (std::size_t i = 0; i < g.size(); ++i) {
            const std::string key = detail::synonym_key(a, g[i]);
            if (key.empty() || key.size() > 200) continue;
            auto& mine = m[key];
            for (std::size_t j = 0; j < g.size(); ++j)
                if (j != i && detail::synonym_key(a, g[j]) != key &&
                    std::find(mine.begin(), mine.end(), g[j]) == mine.end())
                    mine.push_back(g[j]);
        }
    return m;
}

struct Shape {
    std::string description;
    bool full_evaluation = false, sentence = false;
};

bool known(const std::string& term) {
    static const Xapian::Database db(shapes_index());
    return db.term_exists(term);
}

Shape shape(const std::string& q, const Analyzer& a, const detail::SynonymMap& syn) {
    std::string warning;
    const detail::QueryNode tree = detail::parse_query(q, warning);
    const detail::TermKnown k = known;
    const detail::BuiltQuery bq = detail::build_query(tree, a, &syn, &k);
    return {bq.query.get_description(), bq.full_evaluation, bq.sentence};
}

// The pinned text: the description, then the flags that decide how the
// query is run (every match weighed; passage re-ranking).
std::string pinned(const Shape& s) {
    std::string out = s.description;
    if (s.full_evaluation) out += " [full]";
    if (s.sentence) out += " [sentence]";
    return out;
}

}  // namespace

TEST_CASE("golden query shapes: raw query -> Xapian query description", "[query][shapes]") {
    const Analyzer a;
    const detail::SynonymMap syn = searcher_map(a);
    std::vector<Row> rows = read_rows();

    if (const char* u = std::getenv("NEWSIDX_UPDATE_GOLDEN"); u && std::string(u) == "1") {
        std::ostringstream out;
        for (Row& r : rows) {
            if (r.comment) out << r.line << '\n';
            else out << r.query << '\t' << pinned(shape(r.query, a, syn)) << '\n';
        }
        std::ofstream(kGolden, std::ios::binary | std::ios::trunc) << out.str();
        FAIL("NEWSIDX_UPDATE_GOLDEN=1: rewrote " << kGolden
                                                 << " from the current code; review `git diff` and run again without it");
    }

    std::size_t checked = 0, wrong = 0;
    for (const Row& r : rows) {
        if (r.comment) continue;
        ++checked;
        const std::string actual = pinned(shape(r.query, a, syn));
        if (actual == r.description) continue;
        ++wrong;
        INFO("query:    " << r.query << "\nexpected: " << r.description << "\nactual:   " << actual);
        CHECK(actual == r.description);
    }
    INFO(wrong << " of " << checked << " shapes changed (NEWSIDX_UPDATE_GOLDEN=1 rewrites " << kGolden << ")");
    CHECK(wrong == 0);
    CHECK(checked >= 40);
}

// The Searcher sends exactly the pinned query to Xapian (its synonyms are the
// built-in map above; no filters, no recency): explain shows it.
TEST_CASE("golden query shapes are what the Searcher runs", "[query][shapes]") {
    Searcher s(shapes_index());
    const Analyzer a;
    const detail::SynonymMap syn = searcher_map(a);
    std::size_t compared = 0;
    for (const Row& r : read_rows()) {
        if (r.comment) continue;
        const Shape want = shape(r.query, a, syn);
        SearchRequest req;
        req.query = r.query;
        req.explain = true;
        req.autocorrect = false;  // the query as typed (no 초성 reading, no layout conversion)
        req.snippets = false;
        const SearchResult res = s.search(req);
        INFO("query: " << r.query);
        // An empty query (nothing searchable, no filter) is not run at all.
        if (want.description == "Query()") {
            CHECK(res.explain_expanded.empty());
        } else {
            CHECK(res.explain_expanded == want.description);
            ++compared;
        }
    }
    CHECK(compared >= 40);
}
