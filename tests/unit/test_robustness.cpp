// Hostile input at the unit level (issue 6): query size limits, columns in
// query warnings, front matter that yaml-cpp alone would half-accept. The
// end-to-end cases are tests/cli/broken_posts.sh and hostile_queries.sh;
// the fuzz targets are in tests/fuzz/.
#include <newsidx/error.hpp>
#include "reader.hpp"

#include "query_parser.hpp"
#include "utf8.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <string>

using newsidx::detail::QueryNode;
using newsidx::detail::parse_query;

namespace {

std::size_t count_words(const QueryNode& n) {
    std::size_t c = n.kind == QueryNode::Kind::Word || n.kind == QueryNode::Kind::Phrase ? 1 : 0;
    for (const QueryNode& k : n.kids) c += count_words(k);
    return c;
}

bool all_utf8(const QueryNode& n) {
    if (!newsidx::utf8::valid(n.text)) return false;
    for (const QueryNode& k : n.kids)
        if (!all_utf8(k)) return false;
    return true;
}

std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

std::optional<newsidx::PostError> parse_error(const std::string& s) {
    try {
        newsidx::PostReader().parse(s, "post.md", 0);
    } catch (const newsidx::PostError& e) {
        return e;
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("queries: huge ones are cut to 16 KiB with a warning, in linear time", "[query][robust]") {
    std::string w;
    // 1 MB of blanks, then words: columns are computed only for the message
    // (they were once computed per token: quadratic, 19 s; the ctest TIMEOUT
    // would catch that, no wall-clock bound is asserted here).
    const QueryNode n = parse_query(std::string(1 << 20, ' ') + repeat("word ", 2000), w);
    CHECK(w.find("query longer than 16384 bytes; only its first 16384 characters are searched") == 0);
    CHECK(count_words(n) == 0);  // the words were past the first 16 KiB

    // The cut never splits a character (3-byte Hangul across the boundary).
    const QueryNode k = parse_query(std::string(16383, 'a') + " " + repeat("가", 10), w);
    CHECK(all_utf8(k));
    CHECK(w.find("only its first 16384 characters") != std::string::npos);
    // Even in invalid UTF-8, at most 3 bytes are given back.
    parse_query(std::string(20000, '\x80'), w);
    CHECK(w.find("only its first") != std::string::npos);

    // A 16 KiB query is not cut.
    parse_query(std::string(16384, 'a'), w);
    CHECK(w.empty());
}

TEST_CASE("queries: more than 256 parts fall back to the first 256 plain words", "[query][robust]") {
    std::string w;
    const QueryNode n = parse_query(repeat("a ", 300), w);
    CHECK(w.find("query has more than 256 parts at column 513") != std::string::npos);
    CHECK(count_words(n) == 256);
    parse_query(repeat("a ", 256), w);
    CHECK(w.empty());
    // Parentheses count as parts, and nest at most 64 deep.
    parse_query(repeat("(", 100) + "x" + repeat(")", 100), w);
    CHECK(w.find("parentheses nested too deeply at column 66") != std::string::npos);
}

TEST_CASE("queries: warning columns count code points", "[query][robust]") {
    std::string w;
    parse_query("삼성 \"AI 동맹", w);
    CHECK(w == "unbalanced quote at column 4; searching the plain words");
    parse_query("삼성 애플 )", w);
    CHECK(w == "unexpected ')' at column 7; searching the plain words");
    parse_query("스타게이트 OR", w);
    CHECK(w == "OR at column 7 has nothing after it; searched as a word");
    parse_query("가 title:", w);
    CHECK(w == "title: needs a value at column 3; searching the plain words");
}

TEST_CASE("front matter: a YAML error that quotes half a Korean character is still valid UTF-8",
          "[reader][robust]") {
    // yaml-cpp names the byte after a backslash; in "\요" that is the first
    // byte of a three-byte character (found by fuzz.reader in CI).
    const auto e = parse_error("---\ntitle: \"3월 통계\\요약\"\n---\nbody\n");
    REQUIRE(e);
    const std::string what = e->what();
    CHECK(what.find("front matter is not valid YAML: unknown escape character") != std::string::npos);
    CHECK(newsidx::utf8::valid(what));
    CHECK(newsidx::utf8::valid(e->problem()));
    // The message names the file and line, as every post error does.
    CHECK(e->line() == 2);
}

TEST_CASE("front matter: a quoted value that is never closed is an error", "[reader][robust]") {
    // yaml-cpp alone accepts these when a newline follows, swallowing the keys after.
    for (const std::string yaml : {"title: \"unclosed quote\ntags: [a, b]\n", "title: 'unclosed\ndate: 2024-01-01\n",
                                   "a: 1\ntitle: \"x\n"}) {
        INFO(yaml);
        const auto e = parse_error("---\n" + yaml + "---\nbody\n");
        REQUIRE(e);
        CHECK(std::string(e->what()).find("front matter is not valid YAML: a quoted value is never closed") !=
              std::string::npos);
        CHECK(e->line() >= 2);
    }
    // Quotes that are fine: closed, doubled, apostrophes in plain text and comments, block scalars.
    for (const std::string yaml :
         {"title: \"closed\"\n", "title: 'it''s'\n", "title: Don't stop\n", "title: x # it's a comment\n",
          "title: \"multi\n  line\"\n", "text: |\n  \"quoted\n  it's\n", "tags: [\"a\", 'b']\n", "title: \"\"\n"}) {
        INFO(yaml);
        CHECK_FALSE(parse_error("---\n" + yaml + "---\nbody\n"));
    }
}
