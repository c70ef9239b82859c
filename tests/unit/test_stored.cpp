// The stored post text (value slot kSlotText, schema 3): kept apart from the
// JSON data that every hit parses, compressed, read back only for snippets
// and re-ranking, and refused loudly when damaged.
#include <catch2/catch.hpp>

#include <newsidx/analyzer.hpp>
#include <newsidx/error.hpp>
#include <newsidx/index.hpp>
#include <newsidx/searcher.hpp>

#include "document.hpp"
#include "schema.hpp"
#include "stored_text.hpp"
#include "tmpdir.hpp"

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <string>

using namespace newsidx;

namespace {

Post post_with(std::string text) {
    Post p;
    p.id = "2025-01-02-stored";
    p.path = "/posts/2025-01-02-stored.md";
    p.root = "/posts";
    p.title = "저장된 본문";
    p.date.year = 2025;
    p.date.month = 1;
    p.date.day = 2;
    p.date.iso = "2025-01-02T00:00:00Z";
    p.text = std::move(text);
    return p;
}

}  // namespace

TEST_CASE("the post text is stored compressed in its own value slot, not in the JSON data", "[index][stored]") {
    const Analyzer analyzer;
    std::string text;
    for (int i = 0; i < 400; ++i) text += "삼성전자가 스타게이트 데이터센터에 반도체를 공급했다 " + std::to_string(i) + ". ";
    const Xapian::Document doc = detail::build_document(post_with(text), analyzer, "1 2 3");
    const auto data = nlohmann::json::parse(doc.get_data());
    CHECK(data.value("id", "") == "2025-01-02-stored");
    CHECK_FALSE(data.contains("text"));
    CHECK(doc.get_data().size() < 1000);
    const std::string v = doc.get_value(schema::kSlotText);
    REQUIRE(!v.empty());
    CHECK(v[0] == 'z');
    CHECK(v.size() * 4 < text.size());  // repetitive text: zlib shrinks it well
    CHECK(detail::stored_text(doc) == text);

    SECTION("short text stays raw; no text, no value") {
        const Xapian::Document s = detail::build_document(post_with("짧은 글"), analyzer, "1 2 3");
        CHECK(s.get_value(schema::kSlotText) == "r짧은 글");
        CHECK(detail::stored_text(s) == "짧은 글");
        const Xapian::Document e = detail::build_document(post_with(""), analyzer, "1 2 3");
        CHECK(e.get_value(schema::kSlotText).empty());
        CHECK(detail::stored_text(e).empty());
    }
    SECTION("only the first MiB is kept, cut on a character boundary") {
        std::string big;
        while (big.size() < (1u << 20) + 100) big += "가나다라마바사아자차카타파하 ";
        const Xapian::Document b = detail::build_document(post_with(big), analyzer, "1 2 3");
        const std::string back = detail::stored_text(b);
        CHECK(back.size() <= (1u << 20));
        CHECK(back.size() > (1u << 20) - 4);
        CHECK(big.compare(0, back.size(), back) == 0);
    }
    SECTION("damaged bytes are an error naming the document, not a crash or garbage") {
        Xapian::Document d = doc;
        std::string bad = v;
        bad[bad.size() / 2] = static_cast<char>(bad[bad.size() / 2] ^ 0x5a);
        d.add_value(schema::kSlotText, bad);
        CHECK_THROWS_WITH(detail::stored_text(d), Catch::Contains("stored text is damaged"));
        d.add_value(schema::kSlotText, "z12");
        CHECK_THROWS_AS(detail::stored_text(d), Error);
        d.add_value(schema::kSlotText, "x" + text);
        CHECK_THROWS_AS(detail::stored_text(d), Error);
        CHECK(detail::pack_text(text) == v);
    }
}

TEST_CASE("snippets come from the stored text, hits without snippets still carry every field", "[index][stored]") {
    TempDir posts, db;
    std::string body;
    for (int i = 0; i < 60; ++i) body += "평범한 문장이 이어진다 " + std::to_string(i) + ". ";
    body += "마지막에 오픈AI가 스타게이트 계획을 발표했다.";
    posts.write("_posts/2025-03-04-far.md", "---\ntitle: 먼 곳의 단어\ntags: [AI]\n---\n\n" + body + "\n");
    {
        Index idx(db.str());
        idx.add({posts.str()}, AddOptions{});
    }
    Searcher s(db.str());
    SearchRequest req;
    req.query = "스타게이트";
    req.snippets = false;
    const SearchResult plain = s.search(req);
    REQUIRE(plain.hits.size() == 1);
    CHECK(plain.hits[0].id == "_posts/2025-03-04-far");
    CHECK(plain.hits[0].title == "먼 곳의 단어");
    CHECK(plain.hits[0].tags == std::vector<std::string>{"AI"});
    CHECK(plain.hits[0].date.rfind("2025-03-04", 0) == 0);
    CHECK(plain.hits[0].snippet.text.empty());
    req.snippets = true;
    const SearchResult withs = s.search(req);
    REQUIRE(withs.hits.size() == 1);
    CHECK(withs.hits[0].snippet.text.find("스타게이트") != std::string::npos);
    CHECK(withs.hits[0].snippet.text.find("평범한 문장이 이어진다 0.") == std::string::npos);  // the passage, not the start
}
