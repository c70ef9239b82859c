// Post reader: Markdown body to plain text by zone (md4c), HTML, entities,
// Liquid, robustness on hostile input, thread safety.
#include <newsidx/error.hpp>
#include "reader.hpp"

#include "reader_checks.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <thread>
#include <vector>

using newsidx::Post;
using newsidx::PostError;
using newsidx::PostReader;
using newsidx::Zone;
using reader_checks::check_sections;
using reader_checks::zone_text;

namespace {

// Hostile inputs below must parse in linear time. No wall-clock bound is
// asserted here (shared machines are noisy; speed is measured by bench/):
// quadratic behaviour on these sizes would run for hours and is caught by
// the ctest TIMEOUT of the unit tests (tests/CMakeLists.txt).

Post body(std::string_view md) {
    Post p = PostReader().parse("---\ntitle: t\n---\n" + std::string(md), "t.md", 0);
    check_sections(p);
    reader_checks::check_utf8(p);
    return p;
}

struct TextCase {
    std::string md, text;
};

void check_texts(const std::vector<TextCase>& cases) {
    for (const TextCase& c : cases) {
        INFO("markdown: " << c.md);
        CHECK(body(c.md).text == c.text);
    }
}

std::string repeat(std::string_view s, std::size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) out.append(s);
    return out;
}

}  // namespace

TEST_CASE("markdown: blocks become separate lines, inline markup goes", "[reader][markdown]") {
    check_texts({
        {"Hello **world**.", "Hello world."},
        {"a\nb", "a b"},
        {"a  \nb", "a\nb"},
        {"line1\n\n\n\nline2", "line1\nline2"},
        {"- one\n- two\n  - nested", "one\ntwo\nnested"},
        {"1. first\n2. second", "first\nsecond"},
        {"> quoted\n> text\n\nafter", "quoted text\nafter"},
        {"| h1 | h2 |\n|----|----|\n| a | b |", "h1\nh2\na\nb"},
        {"[link text](http://example.com) after", "link text after"},
        {"see <http://example.com>", "see http://example.com"},
        {"~~old~~ new", "old new"},
        {"- [x] done\n- [ ] todo", "done\ntodo"},
        {"Energy $E=mc^2$ and $$\\sum_i x_i$$", "Energy E=mc^2 and \\sum_i x_i"},
        {"**굵게**는 and **(괄호)**가", "굵게는 and (괄호)가"},
        {"2 * 3 = 6", "2 * 3 = 6"},
        {"a\\*b", "a*b"},
        {"Tab\there", "Tab here"},
        {"***\n\nafter rule", "after rule"},
        {"한국어 문장과 English words.", "한국어 문장과 English words."},
    });
}

TEST_CASE("markdown: entities", "[reader][markdown][entities]") {
    check_texts({
        {"&amp; &lt;b&gt; &quot;q&quot; &#39;s &apos;", "& <b> \"q\" 's '"},
        {"&#54620;&#xD55C;&#XD55C;", "한한한"},
        {"&hellip;&mdash;&ndash;", "…—–"},
        {"&copy; &reg; &trade; &times; &bull; &middot;", "© ® ™ × • ·"},
        {"&lsquo;a&rsquo; &ldquo;b&rdquo;", "‘a’ “b”"},
        {"word&nbsp;word", "word word"},
        {"&bogus; &#0; &#x110000; &#xD800; &amp", "&bogus; &#0; &#x110000; &#xD800; &amp"},
        {"AT&T & co", "AT&T & co"},
    });
}

TEST_CASE("markdown: inline HTML keeps its text", "[reader][html]") {
    check_texts({
        {"<b>삼성</b>전자", "삼성전자"},
        {"a<br>b<br/>c<br />d<BR>e", "a\nb\nc\nd\ne"},
        {"one<p>two</p>three", "one\ntwo\nthree"},
        {"<span class=\"x\">text</span>", "text"},
        {"before <script>var x = 1;</script> after", "before after"},
        {"before <style>p { color: red }</style> after", "before after"},
        {"a <!-- hidden --> b", "a b"},
        {"1 < 2 and 3 > 2", "1 < 2 and 3 > 2"},
        {"<unclosed tag", "<unclosed tag"},
    });
    SECTION("img alt and <code> zones") {
        Post p = body("x <img src=\"a.png\" alt=\"그림 &amp; 설명\"> y");
        CHECK(p.text == "x 그림 & 설명 y");
        CHECK(zone_text(p, Zone::Alt) == "그림 & 설명");
        p = body("use <code>std::move</code> here");
        CHECK(zone_text(p, Zone::Code) == "std::move");
        CHECK(zone_text(p, Zone::Body) == "use|here");
    }
}

TEST_CASE("markdown: HTML blocks are stripped", "[reader][html]") {
    check_texts({
        {"<div class=\"box\">\n<p>Hello &amp; <b>bye</b></p>\n<script>\nvar x;\n</script>\n</div>", "Hello & bye"},
        {"<!--\ncomment\n\nwith blank\n-->\nafter", "after"},
        {"<table>\n<tr><td>a</td><td>b</td></tr>\n</table>", "a\nb"},
        {"<style>\n.a { color: red }\n</style>\ntext", "text"},
        {"<details><summary>More</summary>\nhidden text\n</details>", "More\nhidden text"},
        {"<div>\n1 < 2 and x <3 &\n</div>", "1 < 2 and x <3 &"},
        {"<div>\n<p title=\"a>b\">quoted</p>\n</div>", "quoted"},
        // kramdown reads a line opening with an inline tag as Markdown.
        {"<br>\n**[원문 보기](http://example.com/a)**", "원문 보기"},
    });
    SECTION("<pre> is code, <img alt> is alt") {
        Post p = body("<pre>\nint x;\n\nint y;\n</pre>");
        CHECK(zone_text(p, Zone::Code) == "int x;\nint y;");
        p = body("<div>\n<img src=\"x.png\" alt=\"diagram &amp; flow\">\n</div>");
        CHECK(zone_text(p, Zone::Alt) == "diagram & flow");
        p = body("<a href=\"x\"><img src=\"i.png\" alt=\"logo\"></a>\ncaption");
        CHECK(zone_text(p, Zone::Alt) == "logo");
        CHECK(zone_text(p, Zone::Body) == "caption");
    }
}

TEST_CASE("markdown: Liquid is dropped", "[reader][liquid]") {
    check_texts({
        {"Hello {{ site.title }} world", "Hello world"},
        {"a{{x}}b", "a b"},
        {"{% include note.html %}\nText", "Text"},
        {"{% if a %}\nshown\n{% endif %}", "shown"},
        {"{%- assign x = 1 -%}\nvalue", "value"},
        {"{% raw %}{{ not_liquid }} {% tag %}{% endraw %}", "{{ not_liquid }} {% tag %}"},
        {"{% comment %}\nsecret\n{% endcomment %}\nvisible", "visible"},
        {"unclosed {{ braces and {% percent", "unclosed {{ braces and {% percent"},
        {"multi {{ a\n  | b }} line", "multi line"},
        {"* Contents\n{:toc}\n\nBody", "Contents\nBody"},
        {"kept {: not an attribute list", "kept {: not an attribute list"},
    });
    SECTION("tags at the start of a line never make an indented code block") {
        const Post p = body("x\n\n{{ a }} {{ b }} {{ c }}     text");
        CHECK(p.text == "x\ntext");
        CHECK(zone_text(p, Zone::Code).empty());
    }
    SECTION("highlight blocks are code") {
        const Post p = body("{% highlight ruby linenos %}\ndef foo\n  puts '{{ x }}'\nend\n{% endhighlight %}\nafter");
        CHECK(zone_text(p, Zone::Code) == "def foo\nputs ' '\nend");
        CHECK(zone_text(p, Zone::Body) == "after");
    }
    SECTION("a highlight tag inside a line is only dropped") {
        const Post p = body("see {% highlight c %} here");
        CHECK(p.text == "see here");
    }
}

TEST_CASE("markdown: zones", "[reader][zones]") {
    SECTION("code blocks and inline code") {
        Post p = body("```python\nprint('hi')\n\n  x = 1\n```");
        CHECK(zone_text(p, Zone::Code) == "print('hi')\nx = 1");
        p = body("para\n\n    indented code\n");
        CHECK(zone_text(p, Zone::Code) == "indented code");
        p = body("Use `grep -r` now");
        CHECK(p.text == "Use grep -r now");
        CHECK(zone_text(p, Zone::Code) == "grep -r");
        CHECK(zone_text(p, Zone::Body) == "Use|now");
    }
    SECTION("headings, inline code inside a heading stays heading") {
        const Post p = body("## Using `std::vector` well\n\ntext");
        CHECK(zone_text(p, Zone::Heading) == "Using std::vector well");
        CHECK(zone_text(p, Zone::Code).empty());
    }
    SECTION("image alt text") {
        Post p = body("![고양이 사진](cat.png)");
        CHECK(zone_text(p, Zone::Alt) == "고양이 사진");
        p = body("[![badge alt](b.svg)](http://x) and text");
        CHECK(zone_text(p, Zone::Alt) == "badge alt");
        CHECK(zone_text(p, Zone::Body) == "and text");
        p = body("# Title ![icon](i.png)");
        CHECK(zone_text(p, Zone::Heading) == "Title");
        CHECK(zone_text(p, Zone::Alt) == "icon");
    }
    SECTION("sections in document order") {
        const Post p = body("# H\n\npara `c` end\n\n![alt](x)");
        REQUIRE(p.sections.size() == 5u);
        const std::vector<Zone> zones = {Zone::Heading, Zone::Body, Zone::Code, Zone::Body, Zone::Alt};
        for (std::size_t i = 0; i < zones.size(); ++i) CHECK(p.sections[i].zone == zones[i]);
        CHECK(p.text == "H\npara c end\nalt");
    }
}

TEST_CASE("robustness: deep nesting, huge lines, hostile markup", "[reader][robust]") {
    struct Case {
        const char* what;
        std::string md;
        std::string must_contain;
    };
    std::string indented;
    for (int i = 0; i < 2000; ++i) indented += std::string(static_cast<std::size_t>(i) * 2, ' ') + "- item\n";
    const std::vector<Case> cases = {
        {"10,000 nested quotes", repeat(">", 10000) + " deep", "deep"},
        {"10,000 nested lists", repeat("- ", 10000) + "deep", "deep"},
        {"10,000 quote lines", repeat("> ", 10000) + "x\n" + repeat(repeat("> ", 10000) + "y\n", 50), "y"},
        {"2,000 indented list levels", indented, "item"},
        {"brackets", repeat("[", 200000) + "x" + repeat("]", 200000), "x"},
        {"emphasis soup", repeat("*a_", 300000), "a"},
        {"backtick soup", repeat("`a", 300000), "a"},
        {"unclosed tags", repeat("<a \"", 300000), "<a"},
        {"html block of unclosed tags", "<div>\n" + repeat("<a \"", 300000), "<a"},
        {"comment openers", "<div>\n" + repeat("<!-- ", 300000), ""},
        {"liquid openers", repeat("{{ {% ", 300000), "{{"},
        {"highlight openers", repeat("{% highlight x %}\n", 100000) + "{% endhighlight %} x", "x"},
        {"entities", repeat("&amp;&#x41;&bogus;", 300000), "A"},
        {"dollars", repeat("$a", 300000), "a"},
        {"table 10,000 columns", repeat("|a", 10000) + "|\n" + repeat("|-", 10000) + "|\n" + repeat("|x", 10000) + "|",
         "x"},
    };
    for (const Case& c : cases) {
        INFO(c.what);
        const Post p = body(c.md);
        CHECK(p.text.find(c.must_contain) != std::string::npos);
    }
}

TEST_CASE("robustness: a 50 MB post and a 10 MB line parse in seconds", "[reader][robust][big]") {
    SECTION("50 MB post") {
        const std::string md = repeat("삼성전자와 OpenAI의 **스타게이트** [발표](http://x), `code` &amp; <b>b</b>\n\n", 570000);
        REQUIRE(md.size() > 50'000'000u);
        const Post p = PostReader().parse(md, "big.md", 0);
        CHECK(p.text.size() > 30'000'000u);
        CHECK(p.sections.size() > 1'000'000u);
    }
    SECTION("10 MB single line, and 1,000-character words") {
        const std::string word(1000, 'w');
        const std::string md = repeat(word + " 가나다라 ", 10'000'000 / 1014);
        const Post p = body(md);
        CHECK(p.text.size() == md.size() - 1);  // only the trailing blank goes
        CHECK(p.text.compare(0, 1001, word + " ") == 0);
    }
}

TEST_CASE("robustness: random input never breaks the invariants", "[reader][robust][fuzz]") {
    const std::vector<std::string> pieces = {
        "# ",  "## ", "\n", "\n\n", "- ",   "> ",    "1. ",  "```",   "~~~", "    ", "`",     "*",    "**",
        "_",   "[",   "]",  "(",    ")",    "![",    "<",    ">",     "</",  "<b>", "<br>",  "<div>", "<!--",
        "-->", "&",   ";",  "&amp;", "&#",  "x",     "삼성", "전자",  "|",   "---", "{{",    "}}",   "{%",
        "%}",  "$",   "$$", "\\",   "<img alt=\"a\">", "<script>", "</script>", "<pre>", "\xEF\xBB\xBF", " ",
        "\t",  "\r",  "\r\n", "word", "\xC3\xA9", "\xFF", std::string(1, '\0'), ":", "title: x\n", "tags: [a\n"};
    std::mt19937 rng(20250204);
    std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1), len(0, 60);
    int errors = 0;
    for (int n = 0; n < 3000; ++n) {
        std::string doc = n % 3 == 0 ? "---\n" : "";
        for (std::size_t k = len(rng); k > 0; --k) doc += pieces[pick(rng)];
        INFO("document #" << n);
        try {
            const Post p = PostReader().parse(doc, "fuzz.md", 0);
            check_sections(p);
            reader_checks::check_utf8(p);
        } catch (const PostError&) {
            ++errors;  // binary, invalid UTF-8, unclosed front matter: expected for some
        }
    }
    CHECK(errors > 0);
    CHECK(errors < 3000);
}

TEST_CASE("thread safety: one reader, many threads", "[reader][threads]") {
    std::vector<std::string> docs;
    for (int i = 0; i < 40; ++i)
        docs.push_back("---\ntitle: Post " + std::to_string(i) + "\ntags: [a, b" + std::to_string(i) +
                       "]\ndate: 2025-02-04 09:30 +0900\nextra: {k: v}\n---\n# Heading\n\nText " + std::to_string(i) +
                       " <b>삼성</b> {{ x }} `code` ![alt](i.png)\n");
    const PostReader reader;
    std::vector<Post> expected;
    for (const std::string& d : docs) expected.push_back(reader.parse(d, "p.md", 0));
    std::vector<int> mismatches(8, 0);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < mismatches.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 20; ++round) {
                for (std::size_t i = 0; i < docs.size(); ++i) {
                    const Post p = reader.parse(docs[i], "p.md", 0);
                    if (p.text != expected[i].text || p.tags != expected[i].tags ||
                        p.extra_json != expected[i].extra_json || p.date.epoch != expected[i].date.epoch)
                        ++mismatches[t];
                }
            }
        });
    }
    for (std::thread& th : threads) th.join();
    for (int m : mismatches) CHECK(m == 0);
}
