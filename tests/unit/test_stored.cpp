// The stored post text (value slot kSlotText, schema 3): kept apart from the
// JSON data that every hit parses, compressed, read back only for snippets
// and re-ranking, and refused loudly when damaged.
#include <catch2/catch.hpp>

#include <newsidx/analyzer.hpp>
#include <newsidx/error.hpp>
#include <newsidx/index.hpp>
#include <newsidx/searcher.hpp>

#include "document.hpp"
#include "query_builder.hpp"
#include "query_parser.hpp"
#include "schema.hpp"
#include "snippet.hpp"
#include "stored_text.hpp"
#include "tmpdir.hpp"

#include <newsidx/format.hpp>

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

TEST_CASE("a hit's snippet reads the stored text only up to its best passage", "[index][stored][snippet]") {
    const Analyzer a;
    std::string text;
    for (int i = 0; i < 300; ++i) text += "평범한 문장 " + std::to_string(i * 7919 % 10007) + "번이 이어진다. ";
    text += "오픈AI가 스타게이트 데이터센터 계획을 발표했다. ";
    for (int i = 0; i < 3000; ++i) text += "뒤따르는 문장 " + std::to_string(i * 104729 % 100003) + "번째 이야기. ";
    Post post = post_with(text);
    post.sections.push_back({Zone::Body, 0, static_cast<std::uint32_t>(text.size())});
    Xapian::Document doc = detail::build_document(post, a, "1 2 3");
    REQUIRE(doc.get_value(schema::kSlotPassages).rfind("s", 0) == 0);
    auto snippet = [&](const std::string& query) {
        std::string warning;
        const detail::BuiltQuery q = detail::build_query(detail::parse_query(query, warning), a, nullptr);
        const auto focus = detail::focus_words(q.focus, std::vector<double>(q.focus.size(), 1.0));
        return std::pair{mark(detail::hit_snippet(doc, a, q, &focus, 80), "[", "]"),
                         mark(detail::make_snippet(text, a, q, 80), "[", "]")};
    };
    const auto [bounded, whole] = snippet("스타게이트 데이터센터");
    CHECK(bounded.find("[스타게이트] [데이터센터]") != std::string::npos);
    CHECK(bounded == whole);  // the passage a scan of the whole text finds
    const auto [late, late_whole] = snippet("뒤따르는 이야기");
    CHECK(late == late_whole);
    // A post matched by none of its text's words (its title) shows its beginning.
    const auto [title_only, title_whole] = snippet("본문");
    CHECK(title_only.rfind("평범한 문장 0번이", 0) == 0);
    CHECK(title_only == title_whole);

    // The text after the passage is never inflated: with it gone from the
    // stored value, the whole text cannot be read but the snippet is the same.
    const std::string v = doc.get_value(schema::kSlotText);
    REQUIRE(v[0] == 'z');
    doc.add_value(schema::kSlotText, v.substr(0, v.size() / 2));
    CHECK_THROWS_AS(detail::stored_text(doc), Error);
    CHECK(detail::unpack_prefix(doc.get_value(schema::kSlotText), 1000) == text.substr(0, 1000));
    CHECK(snippet("스타게이트 데이터센터").first == bounded);
    CHECK(snippet("본문").first == title_only);

    // A sketch without sentence offsets (an index written before them) reads the whole text.
    doc.add_value(schema::kSlotText, v);
    doc.add_value(schema::kSlotPassages, std::string("p\x01\x00", 3));
    CHECK(snippet("스타게이트 데이터센터").first == bounded);
}
