// Post reader: front matter, dates, lists, unknown keys, drafts, errors.
// Markdown/HTML/Liquid rendering and robustness are in test_reader_body.cpp.
#include <newsidx/error.hpp>
#include "reader.hpp"

#include "reader_checks.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

using newsidx::Post;
using newsidx::PostDate;
using newsidx::PostError;
using newsidx::PostReader;
using newsidx::ReaderLimits;
using newsidx::Zone;
using reader_checks::check_sections;
using reader_checks::zone_text;
using Strings = std::vector<std::string>;
using namespace std::string_literals;

namespace {

Post parse(std::string_view s, const std::string& name = "notes.md", std::int64_t mtime = 0,
           ReaderLimits limits = {}) {
    Post p = PostReader(limits).parse(s, name, mtime);
    check_sections(p);
    reader_checks::check_utf8(p);
    return p;
}

// The PostError a parse throws, or nullopt.
std::optional<PostError> parse_error(std::string_view s, ReaderLimits limits = {}) {
    try {
        PostReader(limits).parse(s, "bad.md", 0);
    } catch (const PostError& e) {
        return e;
    }
    return std::nullopt;
}

std::string fm(const std::string& yaml, const std::string& body = "Body text.\n") {
    return "---\n" + yaml + "\n---\n" + body;
}

}  // namespace

TEST_CASE("front matter: fences and styles", "[reader]") {
    struct Case {
        const char* what;
        std::string input;
        std::string title, text;
    };
    const std::vector<Case> cases = {
        {"plain", "---\ntitle: Hello\n---\nBody here.\n", "Hello", "Body here."},
        {"trailing blanks on fences", "---  \ntitle: Hello\n--- \t\nBody here.\n", "Hello", "Body here."},
        {"closed with ...", "---\ntitle: Hello\n...\nBody here.\n", "Hello", "Body here."},
        {"empty front matter", "---\n---\nBody here.\n", "Notes", "Body here."},
        {"comments only", "---\n# nothing\n---\nBody here.\n", "Notes", "Body here."},
        {"front matter only", "---\ntitle: Only\n---\n", "Only", ""},
        {"no newline after closing fence", "---\ntitle: Only\n---", "Only", ""},
        {"empty file", "", "Notes", ""},
        {"later --- is a thematic break", "---\ntitle: T\n---\nA\n\n---\n\nB\n", "T", "A\nB"},
        {"quoted title with colon", "---\ntitle: \"AI: 2025\"\n---\nx\n", "AI: 2025", "x"},
        {"folded title", "---\ntitle: >\n  two\n  lines\n---\nx\n", "two lines", "x"},
        {"entity in title", "---\ntitle: AT&amp;T news\n---\nx\n", "AT&T news", "x"},
        {"numeric title", "---\ntitle: 2025\n---\nx\n", "2025", "x"},
    };
    for (const Case& c : cases) {
        INFO(c.what);
        const Post p = parse(c.input);
        CHECK(p.title == c.title);
        CHECK(p.text == c.text);
    }

    SECTION("front matter must start at line 1") {
        const Post p = parse("\n---\ntags: [a]\n---\nx\n");
        CHECK(p.tags.empty());
        CHECK(p.extra_json == "{}");
    }
    SECTION("`--- text` on line 1 is not a fence") {
        const Post p = parse("--- not yaml\nplain\n");
        CHECK(p.text == "--- not yaml plain");
    }
}

TEST_CASE("a title's entities never bring back line breaks or runs of space", "[reader]") {
    // Found by fuzz_reader (a title holding &#10; decoded to a line break).
    CHECK(parse("---\ntitle: \"a&#10;b &#9;&#32; c&#13;\"\n---\nx\n").title == "a b c");
    CHECK(parse("---\ntitle: \"&#10;삼성 &amp; 애플\"\n---\nx\n").title == "삼성 & 애플");
}

TEST_CASE("dates: front-matter forms", "[reader][date]") {
    struct Case {
        std::string value;
        int y, m, d;
        std::int64_t epoch;
        int offset;
        std::string iso;
    };
    const std::vector<Case> cases = {
        {"2025-02-04", 2025, 2, 4, 1738627200, 0, "2025-02-04"},
        {"'2025-02-04'", 2025, 2, 4, 1738627200, 0, "2025-02-04"},
        {"2025-02-04 09:30", 2025, 2, 4, 1738661400, 0, "2025-02-04T09:30:00Z"},
        {"2025-02-04 09:30:00", 2025, 2, 4, 1738661400, 0, "2025-02-04T09:30:00Z"},
        {"2025-02-04 09:30:00 +0900", 2025, 2, 4, 1738629000, 540, "2025-02-04T09:30:00+09:00"},
        {"2025-02-04 09:30:00 +09:00", 2025, 2, 4, 1738629000, 540, "2025-02-04T09:30:00+09:00"},
        {"2025-02-04T09:30:00+09:00", 2025, 2, 4, 1738629000, 540, "2025-02-04T09:30:00+09:00"},
        {"2025-02-04T09:30:00Z", 2025, 2, 4, 1738661400, 0, "2025-02-04T09:30:00Z"},
        {"2025-02-04 09:30:00.123456 -0500", 2025, 2, 4, 1738679400, -300, "2025-02-04T09:30:00-05:00"},
        {"2025-02-04 09:30:00 KST", 2025, 2, 4, 1738629000, 540, "2025-02-04T09:30:00+09:00"},
        {"'2025-12-10 02:12:07 '", 2025, 12, 10, 1765332727, 0, "2025-12-10T02:12:07Z"},
        {"2024-1-5", 2024, 1, 5, 1704412800, 0, "2024-01-05"},
        {"2024-02-29 23:59:59 -08:00", 2024, 2, 29, 1709279999, -480, "2024-02-29T23:59:59-08:00"},
        // Year and month in the post's own offset, the epoch in UTC: this
        // March 1st post was written on February 28th, UTC.
        {"2025-03-01 01:00 +0900", 2025, 3, 1, 1740758400, 540, "2025-03-01T01:00:00+09:00"},
        {"2025-12-01 00:09:19 +0900", 2025, 12, 1, 1764515359, 540, "2025-12-01T00:09:19+09:00"},
    };
    for (const Case& c : cases) {
        INFO("date: " << c.value);
        const Post p = parse(fm("date: " + c.value), "2001-01-01-name.md");
        CHECK(p.warnings.empty());
        CHECK(p.date.source == PostDate::Source::FrontMatter);
        CHECK(p.date.year == c.y);
        CHECK(p.date.month == c.m);
        CHECK(p.date.day == c.d);
        CHECK(p.date.epoch == c.epoch);
        CHECK(p.date.offset_minutes == c.offset);
        CHECK(p.date.iso == c.iso);
    }
}

TEST_CASE("dates: fallbacks and warnings", "[reader][date]") {
    SECTION("file-name date when front matter has none") {
        const Post p = parse(fm("title: x"), "_posts/2024-05-06-hello.md", 99);
        CHECK(p.date.source == PostDate::Source::FileName);
        CHECK(p.date.iso == "2024-05-06");
        CHECK(p.date.epoch == 1714953600);
    }
    SECTION("mtime when neither") {
        const Post p = parse(fm("title: x"), "hello.md", 1738661400);
        CHECK(p.date.source == PostDate::Source::FileTime);
        CHECK(p.date.epoch == 1738661400);
        CHECK(p.date.iso == "2025-02-04T09:30:00Z");
        CHECK(p.date.year == 2025);
    }
    SECTION("mtime before 1970") {
        const Post p = parse("x", "hello.md", -3600);
        CHECK(p.date.iso == "1969-12-31T23:00:00Z");
    }
    struct Bad {
        std::string yaml;
        std::string warning_part;
    };
    const std::vector<Bad> bad = {
        {"date: yesterday", "\"yesterday\" is not a date"},
        {"date: 2025-02-30", "is not a date"},
        {"date: 2025-13-01 10:00", "is not a date"},
        {"date: 2025-02-04 25:00", "is not a date"},
        {"date: 2025-02-04 10:00 +2500", "is not a date"},
        {"date: [2025-02-04]", "expected a date, found a list"},
    };
    for (const Bad& b : bad) {
        INFO(b.yaml);
        const Post p = parse(fm(b.yaml), "2024-05-06-hello.md");
        CHECK(p.date.source == PostDate::Source::FileName);
        CHECK(p.date.iso == "2024-05-06");
        REQUIRE(p.warnings.size() == 1u);
        CHECK_THAT(p.warnings[0], Catch::Contains(b.warning_part));
    }
    SECTION("empty date is no date, silently") {
        const Post p = parse(fm("date:"), "x.md", 5);
        CHECK(p.warnings.empty());
        CHECK(p.date.source == PostDate::Source::FileTime);
    }
}

TEST_CASE("tags and categories: every form", "[reader][lists]") {
    struct Case {
        std::string yaml;
        Strings tags, categories;
    };
    const std::vector<Case> cases = {
        {"tags: [ai, chips]", {"ai", "chips"}, {}},
        {"tags:\n  - ai\n  - chips", {"ai", "chips"}, {}},
        {"tags:\n- ai\n- chips", {"ai", "chips"}, {}},
        {"tags:\n  [\n    ai,\n    chips,\n  ]", {"ai", "chips"}, {}},
        {"tags: ai chips  data", {"ai", "chips", "data"}, {}},
        {"tags: ai, chips data, , gpu", {"ai", "chips data", "gpu"}, {}},
        {"tags: [b, a, b, \" a \", '']", {"b", "a"}, {}},
        {"tags: [2024, 1.5, true]", {"2024", "1.5", "true"}, {}},
        {"tags:", {}, {}},
        {"tags: []", {}, {}},
        {"tag: Support Vector Machine", {"Support Vector Machine"}, {}},
        {"tag: SVD, PCA, LSA", {"SVD", "PCA", "LSA"}, {}},
        {"tags: [x]\ntag: y", {"x", "y"}, {}},
        {"categories: news", {}, {"news"}},
        {"categories: news tech", {}, {"news", "tech"}},
        {"categories: [Blog, AI]", {}, {"Blog", "AI"}},
        {"category: Natural Language Processing", {}, {"Natural Language Processing"}},
        {"categories:\n  - 뉴스\n  - 반도체\ncategory: 뉴스", {}, {"뉴스", "반도체"}},
        {"tags: [반도체, 삼성전자]\ncategories: 뉴스", {"반도체", "삼성전자"}, {"뉴스"}},
    };
    for (const Case& c : cases) {
        INFO(c.yaml);
        const Post p = parse(fm(c.yaml));
        CHECK(p.tags == c.tags);
        CHECK(p.categories == c.categories);
        CHECK(p.warnings.empty());
    }

    SECTION("wrong types are warnings and ignored") {
        const Post p = parse(fm("tags: {a: 1}\ncategories: [ok, [nested], {m: 1}]"));
        CHECK(p.tags.empty());
        CHECK(p.categories == Strings{"ok"});
        REQUIRE(p.warnings.size() == 2u);
        CHECK_THAT(p.warnings[0], Catch::Contains("tags: expected a list or text, found a mapping"));
        CHECK_THAT(p.warnings[1], Catch::Contains("categories: an entry is a list"));
    }
}

TEST_CASE("author, excerpt, permalink, published", "[reader]") {
    struct AuthorCase {
        std::string yaml, author;
    };
    const std::vector<AuthorCase> authors = {
        {"author: Kim Minji", "Kim Minji"},
        {"author: [Kim, Lee]", "Kim, Lee"},
        {"author:\n  - Kim\n  - name: Lee", "Kim, Lee"},
        {"author:\n  name: Park\n  url: https://example.com", "Park"},
        {"author:", ""},
    };
    for (const AuthorCase& c : authors) {
        INFO(c.yaml);
        const Post p = parse(fm(c.yaml));
        CHECK(p.author == c.author);
        CHECK(p.warnings.empty());
    }
    SECTION("author map without a name") {
        const Post p = parse(fm("author: {url: x}"));
        CHECK(p.author.empty());
        CHECK(p.warnings.size() == 1u);
    }
    SECTION("excerpt wins over description; description alone is the excerpt") {
        Post p = parse(fm("excerpt: short one\ndescription: long one"));
        CHECK(p.excerpt == "short one");
        CHECK(nlohmann::json::parse(p.extra_json)["description"] == "long one");
        p = parse(fm("description: long one"));
        CHECK(p.excerpt == "long one");
        CHECK(p.extra_json == "{}");
    }
    SECTION("excerpts lose their markup") {
        CHECK(parse(fm("excerpt: \"**Bold** <b>tag</b> &amp; [link](http://x) {{ site.x }}\"")).excerpt ==
              "Bold tag & link");
    }
    SECTION("permalink") {
        CHECK(parse(fm("permalink: /2025/ai/")).permalink == "/2025/ai/");
    }
    struct PubCase {
        std::string yaml;
        bool published;
        std::size_t warnings;
    };
    const std::vector<PubCase> pubs = {
        {"published: false", false, 0}, {"published: no", false, 0},   {"published: true", true, 0},
        {"title: x", true, 0},          {"published: \"false\"", true, 1}, {"published: maybe", true, 1},
    };
    for (const PubCase& c : pubs) {
        INFO(c.yaml);
        const Post p = parse(fm(c.yaml));
        CHECK(p.published == c.published);
        CHECK(p.warnings.size() == c.warnings);
    }
    SECTION("_drafts folders are unpublished") {
        CHECK_FALSE(parse("x", "site/_drafts/2024-01-01-a.md").published);
        CHECK_FALSE(parse("x", "/abs/_drafts/sub/a.md").published);
        CHECK(parse("x", "site/_posts/_drafts.md").published);
        CHECK(parse("x", "site/my_drafts/a.md").published);
    }
}

TEST_CASE("unknown keys go to extra_json", "[reader][extra]") {
    const Post p = parse(fm("layout: post\ntoc: true\nsidebar:\n  nav: docs\n  items: [1, two]\n"
                            "comments: 'true'\nweight: 3\nhidden: FALSE\nempty:\nimage:\n  path: /a.png\n"
                            "  alt: 사진\ntitle: T"));
    const auto j = nlohmann::json::parse(p.extra_json);
    REQUIRE(j.is_object());
    CHECK(j.size() == 8u);
    CHECK(j["layout"] == "post");
    CHECK(j["toc"] == true);
    CHECK(j["hidden"] == false);
    CHECK(j["comments"] == "true");  // quoted: text, not a bool
    CHECK(j["weight"] == "3");       // scalars stay text
    CHECK(j["empty"].is_null());
    CHECK(j["sidebar"]["nav"] == "docs");
    CHECK(j["sidebar"]["items"] == nlohmann::json::array({"1", "two"}));
    CHECK(j["image"]["alt"] == "사진");
    CHECK_FALSE(j.contains("title"));
    CHECK(parse("no front matter").extra_json == "{}");
}

TEST_CASE("extra_json is bounded: alias bombs, cycles, depth", "[reader][extra]") {
    SECTION("billion laughs") {
        // Ten levels of ten aliases each: 10^10 nodes if expanded.
        std::string yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (char c = 'b'; c <= 'j'; ++c) {
            const std::string prev = "*" + std::string(1, static_cast<char>(c - 1));
            std::string list = prev;
            for (int k = 1; k < 10; ++k) list += ", " + prev;
            yaml += std::string(1, c) + ": &" + c + " [" + list + "]\n";
        }
        yaml += "title: Survived";
        const auto t0 = std::chrono::steady_clock::now();
        const Post p = parse(fm(yaml));
        CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10));
        CHECK(p.title == "Survived");
        const auto j = nlohmann::json::parse(p.extra_json);
        CHECK(j["a"].size() == 10u);
        CHECK(j["j"].is_null());
        REQUIRE_FALSE(p.warnings.empty());
        CHECK_THAT(p.warnings.back(), Catch::Contains("too large or too deeply nested"));
    }
    SECTION("a tiny node budget") {
        ReaderLimits small;
        small.max_yaml_nodes = 3;
        const Post p = parse(fm("a: [1, 2]\nb: [3]"), "x.md", 0, small);
        const auto j = nlohmann::json::parse(p.extra_json);
        CHECK(j["a"].size() == 2u);
        CHECK(j["b"].is_null());
        CHECK(p.warnings.size() == 1u);
    }
    SECTION("self-referencing alias") {
        const Post p = parse(fm("loop: &l [*l]"));
        CHECK(nlohmann::json::parse(p.extra_json)["loop"].is_null() == true);
    }
    SECTION("depth beyond 64 is null, shallower kept") {
        const Post deep = parse(fm("d: " + std::string(100, '[') + std::string(100, ']')));
        CHECK(nlohmann::json::parse(deep.extra_json)["d"].is_null());
        const Post ok = parse(fm("d: " + std::string(30, '[') + std::string(30, ']')));
        CHECK(nlohmann::json::parse(ok.extra_json)["d"].is_array());
    }
}

TEST_CASE("BOM and line ends", "[reader]") {
    const std::string crlf = "---\r\ntitle: Windows\r\ntags: [a, b]\r\n---\r\nline one\r\n\r\nline two\r\n";
    const std::string cr = "---\rtitle: Windows\rtags: [a, b]\r---\rline one\r\rline two\r";
    for (const std::string& input : {crlf, cr, "\xEF\xBB\xBF" + crlf, "\xEF\xBB\xBF" + cr}) {
        const Post p = parse(input);
        CHECK(p.title == "Windows");
        CHECK(p.tags == Strings{"a", "b"});
        CHECK(p.text == "line one\nline two");
    }
    CHECK(parse("\xEF\xBB\xBF# Heading\n").subtitle == "Heading");
    CHECK(parse("\xEF\xBB\xBF").text.empty());
}

TEST_CASE("title fallbacks: the file name's title, the first heading a subtitle", "[reader]") {
    struct Case {
        std::string input, name, title, subtitle;
    };
    const std::vector<Case> cases = {
        {"# Hello *World*\n\ntext\n", "a.md", "A", "Hello World"},
        {"intro\n\n## Second level first\n\n# Later\n", "a.md", "A", "Second level first"},
        {"Setext Title\n============\n\nbody\n", "a.md", "A", "Setext Title"},
        {"#\n\n# Real one\n", "a.md", "A", "Real one"},
        {"no heading here\n", "2024-05-06-my-first-post.md", "My First Post", ""},
        {"no heading here\n", "dir/notes.markdown", "Notes", ""},
        {"# Heading\n", "2024-05-06-.md", "Heading", ""},
        {"no heading here\n", "2024-05-06-.md", "2024-05-06-", ""},  // never an empty title
        {"---\ntitle: \"\"\n---\n# From heading\n", "a.md", "A", "From heading"},
    };
    for (const Case& c : cases) {
        INFO(c.input);
        const Post p = parse(c.input, c.name);
        CHECK(p.title == c.title);
        CHECK(p.subtitle == c.subtitle);
    }
    SECTION("the title is not copied into the text") {
        const Post p = parse(fm("title: Unique Title", "Only body.\n"));
        CHECK(p.text == "Only body.");
    }
}

TEST_CASE("errors name the file and the line", "[reader][errors]") {
    struct Case {
        const char* what;
        std::string input;
        std::size_t line;
        std::string problem;
    };
    const std::vector<Case> cases = {
        {"NUL byte", "---\ntitle: x\n---\nab\0cd\n"s, 4, "binary file (NUL byte at line 4)"},
        {"NUL after CRLF lines", "a\r\nb\r\n\0"s, 3, "binary file (NUL byte at line 3)"},
        {"invalid UTF-8", "---\ntitle: \xff\n---\n", 2, "not valid UTF-8 at line 2, byte offset 11"},
        {"truncated UTF-8", "ok\n\xED\x95", 2, "not valid UTF-8 at line 2, byte offset 3"},
        {"surrogate", "\xED\xA0\x80", 1, "not valid UTF-8 at line 1, byte offset 0"},
        {"offset counts the BOM", "\xEF\xBB\xBFx\xC0\xAF", 1, "not valid UTF-8 at line 1, byte offset 4"},
        {"unclosed front matter", "---\ntitle: x\nbody\n", 1, "front matter opened at line 1 is never closed"},
        {"lone opening fence", "---", 1, "front matter opened at line 1 is never closed"},
        {"unclosed flow list", "---\ntitle: A\ntags: [a, b\ndate: x\n---\n", 4, "front matter is not valid YAML"},
        {"bad indentation", "---\ntitle: A\nx: y\n  z: w\n---\n", 4, "front matter is not valid YAML"},
        {"list, not mapping", "---\n- a\n- b\n---\n", 2, "front matter is not a YAML mapping"},
        {"text, not mapping", "---\njust words\n---\n", 2, "front matter is not a YAML mapping"},
        {"absurd flow nesting", "---\ntitle: x\nd: " + std::string(300, '[') + std::string(300, ']') + "\n---\n", 3,
         "front matter nests deeper than 200 levels"},
    };
    for (const Case& c : cases) {
        INFO(c.what);
        const auto e = parse_error(c.input);
        REQUIRE(e);
        CHECK(e->file() == "bad.md");
        CHECK(e->line() == c.line);
        CHECK_THAT(e->problem(), Catch::StartsWith(c.problem));
        CHECK_THAT(std::string(e->what()), Catch::StartsWith("bad.md:" + std::to_string(c.line) + ": "));
    }

    SECTION("absurd block nesting") {
        std::string yaml;
        for (int i = 0; i < 300; ++i) yaml += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
        const auto e = parse_error("---\n" + yaml + "---\n");
        REQUIRE(e);
        CHECK(e->line() == 202);
        CHECK_THAT(e->problem(), Catch::Contains("nests deeper"));
        const auto dashes = parse_error("---\nk:\n" + [] {
            std::string s;
            for (int i = 0; i < 300; ++i) s += "- ";
            return s;
        }() + "x\n---\n");
        REQUIRE(dashes);
        CHECK(dashes->line() == 3);
    }
    SECTION("nesting within limits is fine") {
        std::string yaml;
        for (int i = 0; i < 40; ++i) yaml += std::string(static_cast<std::size_t>(i) * 2, ' ') + "k:\n";
        CHECK_NOTHROW(parse("---\n" + yaml + "---\n"));
        CHECK_NOTHROW(parse(fm("s: \"[[[[[[ quoted [[[[\"\nt: 'it''s [[[['\nu: |\n  [[[[[[[[\n  {{{{{{{{")));
    }
    SECTION("size limits") {
        ReaderLimits small;
        small.max_file_bytes = 10;
        auto e = parse_error("0123456789A", small);
        REQUIRE(e);
        CHECK(e->line() == 0u);
        CHECK_THAT(e->problem(), Catch::Contains("larger than the limit of 10 bytes"));
        CHECK_FALSE(parse_error("0123456789", small));

        ReaderLimits fm_small;
        fm_small.max_front_matter_bytes = 16;
        e = parse_error(fm("title: a fairly long title here"), fm_small);
        REQUIRE(e);
        CHECK_THAT(e->problem(), Catch::Contains("front matter is larger than 16 bytes"));
        CHECK_FALSE(parse_error(fm("title: short"), fm_small));
    }
}

TEST_CASE("post ids", "[reader][id]") {
    struct Case {
        std::string path, root, prefix, id;
    };
    const std::vector<Case> cases = {
        {"/r/a/b.md", "/r", "", "a/b"},
        {"/r/a/b.md", "/r/", "", "a/b"},
        {"/r/a/b.markdown", "/r", "", "a/b"},
        {"/r/a/B.MD", "/r", "", "a/B"},
        {"/r/a/b.txt", "/r", "", "a/b.txt"},
        {"/r/_posts/2024/2024-05-06-x y.md", "/r", "", "_posts/2024/2024-05-06-x y"},
        {"/r/a/b.md", "/r", "p", "p/a/b"},
        {"/r/a/b.md", "/r", "p/", "p/a/b"},
        {"/r/./a/../a/b.md", "/r", "", "a/b"},
        {"/elsewhere/c.md", "/r", "", "c"},
        {"/elsewhere/c.md", "/r", "p", "p/c"},
        {"/r/c.md", "", "", "c"},
    };
    for (const Case& c : cases) {
        INFO(c.path << " under " << c.root << " prefix " << c.prefix);
        CHECK(newsidx::post_id_for(c.path, c.root, c.prefix) == c.id);
    }
    // With post extensions (`add --ext`): theirs are dropped too, whole and in any case only.
    const std::vector<std::string> txt{"txt"};
    CHECK(newsidx::post_id_for("/r/a/b.txt", "/r", "", txt) == "a/b");
    CHECK(newsidx::post_id_for("/r/a/b.TXT", "/r", "p", txt) == "p/a/b");
    CHECK(newsidx::post_id_for("/r/a/b.md", "/r", "", txt) == "a/b");
    CHECK(newsidx::post_id_for("/r/a/btxt", "/r", "", txt) == "a/btxt");
    CHECK(newsidx::post_id_for("/r/a/b.text", "/r", "", txt) == "a/b.text");
    CHECK(newsidx::post_id_for("/r/.txt", "/r", "", txt) == ".txt");
}

TEST_CASE("read_file: fixtures, ids, mtime, drafts", "[reader][file]") {
    namespace fs = std::filesystem;
    const fs::path root = fs::path(NEWSIDX_SOURCE_DIR) / "tests/data/reader";
    const PostReader reader;

    SECTION("nested folder, spaces, .markdown, map author") {
        const Post p = reader.read_file((root / "blog/_posts/2024/2024-05-06-nested post.markdown").string(),
                                        root.string(), "fx");
        check_sections(p);
        CHECK(p.id == "fx/blog/_posts/2024/2024-05-06-nested post");
        CHECK(p.path == (root / "blog/_posts/2024/2024-05-06-nested post.markdown").lexically_normal().string());
        CHECK(p.root == root.lexically_normal().string());
        CHECK(p.title == "Nested folders and spaces");
        CHECK(p.categories == Strings{"infra", "데이터센터"});
        CHECK(p.tags == Strings{"cooling", "power"});
        CHECK(p.author == "Kim Minji");
        CHECK(p.date.source == PostDate::Source::FileName);
        CHECK(p.date.iso == "2024-05-06");
        CHECK(zone_text(p, Zone::Heading) == "Liquid cooling");
        CHECK(zone_text(p, Zone::Code) == "echo \"rack density: 80 kW\"");
        CHECK(zone_text(p, Zone::Alt) == "냉각 설비 사진");
        CHECK(nlohmann::json::parse(p.extra_json) == nlohmann::json{{"layout", "post"}});
    }
    SECTION("drafts folder") {
        const Post p = reader.read_file((root / "_drafts/2024-05-01-unfinished.md").string(), root.string());
        CHECK_FALSE(p.published);
        CHECK(p.id == "_drafts/2024-05-01-unfinished");
        CHECK(p.tags == Strings{"반도체", "메모"});
    }
    SECTION("no front matter: title from the file name as Jekyll's, the first heading a subtitle") {
        Post p = reader.read_file((root / "no-front-matter.md").string(), root.string());
        CHECK(p.title == "No Front Matter");
        CHECK(p.subtitle == "오픈AI와 소프트뱅크의 합작");
        CHECK(p.date.source == PostDate::Source::FileTime);
        CHECK(p.date.epoch > 1500000000);  // the checkout's mtime
        p = reader.read_file((root / "2024-05-06-plain-note.md").string(), root.string());
        CHECK(p.title == "Plain Note");
        CHECK(p.subtitle.empty());
        CHECK(p.text == "Just a note without front matter or headings.");
    }
    SECTION("generated files: BOM + CRLF, binary, mtime, missing, directory") {
        const fs::path dir = fs::temp_directory_path() / ("newsidx-reader-" + std::to_string(::getpid()));
        fs::create_directories(dir);
        auto write = [&](const std::string& name, const std::string& bytes) {
            std::ofstream(dir / name, std::ios::binary) << bytes;
            return (dir / name).string();
        };
        const std::string bom = write("bom.md", "\xEF\xBB\xBF---\r\ntitle: BOM\r\n---\r\nA\r\nB\r\n");
        Post p = reader.read_file(bom, dir.string());
        CHECK(p.title == "BOM");
        CHECK(p.text == "A B");

        const std::string mt = write("mtime.md", "x");
        const auto when = std::chrono::file_clock::from_sys(std::chrono::sys_seconds(std::chrono::seconds(1738661400)));
        fs::last_write_time(mt, when);
        p = reader.read_file(mt, dir.string());
        CHECK(p.date.epoch == 1738661400);
        CHECK(p.date.source == PostDate::Source::FileTime);

        const std::string bin = write("bin.md", "line\nline\n\x89PNG\0\0"s);
        try {
            reader.read_file(bin, dir.string());
            FAIL("binary file accepted");
        } catch (const PostError& e) {
            CHECK(e.file() == bin);
            CHECK(e.line() == 3u);
            CHECK_THAT(e.problem(), Catch::Contains("binary file (NUL byte at line 3)"));
        }
        CHECK_THROWS_AS(reader.read_file((dir / "missing.md").string(), dir.string()), PostError);
        CHECK_THROWS_WITH(reader.read_file(dir.string(), dir.string()), Catch::Contains("not a regular file"));
        ReaderLimits tiny;
        tiny.max_file_bytes = 4;
        CHECK_THROWS_WITH(PostReader(tiny).read_file(bom, dir.string()), Catch::Contains("larger than the limit"));
        fs::remove_all(dir);
    }
}
