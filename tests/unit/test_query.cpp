#include <catch2/catch.hpp>

#include <newsidx/format.hpp>
#include <newsidx/index.hpp>
#include <newsidx/searcher.hpp>

#include "query_parser.hpp"
#include "tmpdir.hpp"

#include <nlohmann/json.hpp>

#include <set>

using namespace newsidx;
using detail::QueryNode;

namespace {

std::string show(const QueryNode& n) {
    switch (n.kind) {
        case QueryNode::Kind::Word: return (n.field.empty() ? "" : n.field + ":") + n.text;
        case QueryNode::Kind::Phrase: return (n.field.empty() ? "" : n.field + ":") + "\"" + n.text + "\"";
        case QueryNode::Kind::Not: return "-" + show(n.kids[0]);
        default: {
            std::string s = n.kind == QueryNode::Kind::Or ? "OR(" : "AND(";
            for (std::size_t i = 0; i < n.kids.size(); ++i) s += (i ? " " : "") + show(n.kids[i]);
            return s + ")";
        }
    }
}

std::string parse(const std::string& q, std::string* warning = nullptr) {
    std::string w;
    const std::string out = show(detail::parse_query(q, w));
    if (warning) *warning = w;
    return out;
}

}  // namespace

TEST_CASE("query grammar", "[query]") {
    CHECK(parse("삼성") == "삼성");
    CHECK(parse("삼성 -애플") == "AND(삼성 -애플)");
    CHECK(parse("\"AI 동맹\" 삼성") == "AND(\"AI 동맹\" 삼성)");
    CHECK(parse("삼성 OR 애플") == "OR(삼성 애플)");
    CHECK(parse("(삼성 OR 애플) 반도체") == "AND(OR(삼성 애플) 반도체)");
    CHECK(parse("title:스타게이트 tag:AI") == "AND(title:스타게이트 tag:AI)");
    CHECK(parse("-\"AI 동맹\"") == "-\"AI 동맹\"");
    CHECK(parse("co-op x-ray") == "AND(co-op x-ray)");
    CHECK(parse("foo:bar") == "foo:bar");
}

TEST_CASE("malformed queries fall back to plain words with a warning", "[query]") {
    std::string w;
    CHECK(parse("\"AI 동맹", &w) == "AND(AI 동맹)");
    CHECK(w.find("unbalanced quote") != std::string::npos);
    CHECK(parse("(삼성 OR", &w) == "AND(삼성 OR)");
    CHECK(!w.empty());
    CHECK(parse("삼성)", &w) == "AND(삼성)");
    CHECK(!w.empty());
    std::string deep(200, '(');
    parse(deep + "x", &w);
    CHECK(!w.empty());
    parse("ok", &w);
    CHECK(w.empty());
}

namespace {

struct Fixture {
    TempDir posts, db;
    Fixture() {
        auto p = [&](const std::string& name, const std::string& title, const std::string& body,
                     const std::string& extra = "") {
            posts.write(name, "---\ntitle: \"" + title + "\"\n" + extra + "---\n\n" + body + "\n");
        };
        p("2025-02-04-stargate.md", "스타게이트 프로젝트", "오픈AI와 소프트뱅크가 스타게이트를 추진한다. 삼성의 참여가 거론된다.",
          "tags: [AI, 스타게이트]\n");
        p("2025-02-05-samsung.md", "삼성전자 실적", "삼성전자가 반도체 실적을 발표했다. HBM 수요가 늘었다.", "tags: [반도체]\n");
        p("2025-02-06-samsung-particles.md", "회장의 행보", "삼성이 움직였다. 삼성은 투자하여 성장했다.");
        p("2025-02-07-apple.md", "애플 소식", "애플과 삼성이 경쟁한다.");
        p("2025-02-08-series.md", "드라마 시리즈", "새 시리즈가 나왔다.");
        p("2025-02-09-siri.md", "음성 비서", "시리를 써 봤다.");
        p("2025-02-10-english.md", "Samsung and OpenAI", "OpenAI and Samsung signed a chip deal. AI chips matter.");
        Index idx(db.str());
        idx.add({posts.str()});
    }
    std::vector<std::string> ids(const std::string& q) {
        Searcher s(db.str());
        SearchRequest r;
        r.query = q;
        std::vector<std::string> out;
        for (const Hit& h : s.search(r).hits) out.push_back(h.id);
        return out;
    }
};

bool has(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

TEST_CASE("search finds inflected forms and compounds, exact ones first", "[query][search]") {
    Fixture f;
    const auto hits = f.ids("삼성");
    CHECK(has(hits, "2025-02-06-samsung-particles"));  // 삼성이, 삼성은
    CHECK(has(hits, "2025-02-04-stargate"));           // 삼성의
    CHECK(has(hits, "2025-02-05-samsung"));            // 삼성전자 (compound)
    CHECK(has(hits, "2025-02-07-apple"));
    const auto sg = f.ids("스타게이트를");
    REQUIRE(!sg.empty());
    CHECK(sg[0] == "2025-02-04-stargate");
    CHECK(f.ids("투자") == std::vector<std::string>{"2025-02-06-samsung-particles"});
    const auto siri = f.ids("시리");
    REQUIRE(!siri.empty());
    CHECK(siri[0] == "2025-02-09-siri");  // 시리를 before 시리즈 (a bigram match only)
}

TEST_CASE("exclusion, phrases, fields and OR", "[query][search]") {
    Fixture f;
    CHECK(!has(f.ids("삼성 -애플"), "2025-02-07-apple"));
    CHECK(has(f.ids("삼성 -애플"), "2025-02-06-samsung-particles"));
    // Phrases match inflected forms at adjacent positions, in order.
    CHECK(f.ids("\"삼성 움직였다\"") == std::vector<std::string>{"2025-02-06-samsung-particles"});
    CHECK(f.ids("\"삼성이 움직였다\"") == std::vector<std::string>{"2025-02-06-samsung-particles"});
    CHECK(f.ids("\"투자하여 움직였다\"").empty());
    CHECK(f.ids("\"AI chips\"") == std::vector<std::string>{"2025-02-10-english"});
    CHECK(f.ids("tag:스타게이트") == std::vector<std::string>{"2025-02-04-stargate"});
    CHECK(f.ids("삼성 tag:반도체") == std::vector<std::string>{"2025-02-05-samsung"});
    CHECK(f.ids("title:시리즈") == std::vector<std::string>{"2025-02-08-series"});
    // Both exact matches first; a post reached only through a bigram (시리를 ~ 시리즈) may follow.
    const auto either = f.ids("애플 OR 시리즈");
    REQUIRE(either.size() >= 2);
    CHECK(std::set<std::string>(either.begin(), either.begin() + 2) ==
          std::set<std::string>{"2025-02-07-apple", "2025-02-08-series"});
    CHECK(f.ids("없는단어zzz").empty());
}

TEST_CASE("snippets mark whole words; JSON carries code point offsets and escaped HTML", "[query][search]") {
    Fixture f;
    Searcher s(f.db.str());
    SearchRequest r;
    r.query = "삼성";
    SearchResult res = s.search(r);
    REQUIRE(!res.hits.empty());
    for (const Hit& h : res.hits) {
        const std::string marked = mark(h.snippet, "[", "]");
        INFO(marked);
        CHECK(marked.find("[") != std::string::npos);
    }
    // The compound is marked as a whole word, never a stray syllable.
    for (const Hit& h : res.hits)
        if (h.id == "2025-02-05-samsung") CHECK(mark(h.snippet, "[", "]").find("[삼성전자가]") != std::string::npos);
    const auto j = nlohmann::json::parse(format_json(res));
    CHECK(j["query"] == "삼성");
    CHECK(j["hits"].size() == res.hits.size());
    const auto& sn = j["hits"][0]["snippet"];
    CHECK(sn["matches"].is_array());
    CHECK(sn["html"].get<std::string>().find("<mark>") != std::string::npos);

    Snippet evil{"<b>x</b> & y", {{9, 10}}};
    CHECK(mark(evil, "<mark>", "</mark>", true) == "&lt;b&gt;x&lt;/b&gt; <mark>&amp;</mark> y");
}

TEST_CASE("TREC output percent-encodes awkward ids", "[query]") {
    SearchResult r;
    Hit h;
    h.id = "my post\t%x";
    h.rank = 1;
    h.score = 2.5;
    r.hits.push_back(h);
    CHECK(format_trec("q1", r) == "q1 Q0 my%20post%09%25x 1 2.500000 newsidx\n");
}
