// Links that work (issue 20, item 5): site URLs checked and joined in one
// place (include/newsidx/site_url.hpp), `add --site-url` remembered by the
// index, a search's site_url, a post found by its URL (Searcher::post_at),
// the Markdown of a preview as escaped HTML (indexer/markdown_html.cpp) and
// the preview page itself (query/server/preview.cpp).
#include <catch2/catch.hpp>

#include <newsidx/error.hpp>
#include <newsidx/index.hpp>
#include <newsidx/searcher.hpp>
#include <newsidx/site_url.hpp>

#include "markdown.hpp"
#include "preview.hpp"
#include "tmpdir.hpp"

#include <string>

using namespace newsidx;

namespace {

std::string post(const std::string& title, const std::string& body, const std::string& extra = {}) {
    return "---\ntitle: \"" + title + "\"\n" + extra + "---\n\n" + body + "\n";
}

// The url of the one hit of `query`.
std::string url_of(const std::string& db, const std::string& query, const std::string& site_url = {}) {
    SearchRequest req;
    req.query = query;
    req.site_url = site_url;
    const SearchResult r = Searcher(db).search(req);
    REQUIRE(r.hits.size() == 1);
    return r.hits[0].url;
}

}  // namespace

TEST_CASE("links: a site URL is http(s), a host, a port and a path, and a bad one says why", "[links]") {
    for (const char* ok : {"https://blog.example", "http://127.0.0.1:4000/base/", "https://[::1]:8080/x",
                           "https://blog.example/a/b", "http://localhost"}) {
        INFO(ok);
        CHECK(site_url_problem(ok).empty());
    }
    CHECK(site_url_problem("") == "empty (expected http:// or https://, a host and an optional path)");
    CHECK(site_url_problem("ftp://blog.example") == "'ftp://blog.example' does not start with http:// or https://");
    CHECK(site_url_problem("blog.example/base") == "'blog.example/base' does not start with http:// or https://");
    CHECK(site_url_problem("javascript:alert(1)").find("does not start with http") != std::string::npos);
    CHECK(site_url_problem("https://") == "no host after the scheme");
    CHECK(site_url_problem("https:///base") == "no host after the scheme");
    CHECK(site_url_problem("https://blog example") == "holds a blank or control character");
    CHECK(site_url_problem("https://user@blog.example") == "a user name is not allowed");
    CHECK(site_url_problem("https://blog.example:0") == "the port '0' is not a number from 1 to 65535");
    CHECK(site_url_problem("https://blog.example:99999") == "the port '99999' is not a number from 1 to 65535");
    CHECK(site_url_problem("https://blog.example:80x") == "the port '80x' is not a number from 1 to 65535");
    CHECK(site_url_problem("https://blog.example/?q=1") == "a query ('?') is not allowed");
    CHECK(site_url_problem("https://blog.example/#top") == "a fragment ('#') is not allowed");
    CHECK(site_url_problem("https://blog.example/a/../b") == "the path '/a/../b' holds '..'");
    CHECK(site_url_problem("https://blog.example/a//b") == "the path '/a//b' holds an empty segment ('//')");
    CHECK(site_url_problem("https://blog_example") == "the host 'blog_example' holds '_'");
}

TEST_CASE("links: a site-relative URL is joined under the site once", "[links]") {
    CHECK(normalize_site_url("https://blog.example/base//") == "https://blog.example/base");
    CHECK(site_absolute_url("https://blog.example/base", "/ai/2025/01/22/x.html") ==
          "https://blog.example/base/ai/2025/01/22/x.html");
    CHECK(site_absolute_url("https://blog.example/", "/x/") == "https://blog.example/x/");
    CHECK(site_absolute_url("https://blog.example", "https://other.example/x") == "https://other.example/x");
    CHECK(site_absolute_url("https://blog.example", "//evil.example/x") == "//evil.example/x");
    CHECK(site_absolute_url("", "/x.html") == "/x.html");
    CHECK(site_absolute_url("https://blog.example", "").empty());
}

TEST_CASE("links: add's site_url makes post URLs absolute, and the index remembers it", "[links]") {
    TempDir d;
    const std::string db = (d.path / "db").string(), posts = (d.path / "_posts").string();
    d.write("_posts/2025-01-22-stargate.md", post("스타게이트 발표", "스타게이트 본문", "categories: [AI]\n"));
    AddOptions o;
    o.site_url = "https://blog.example/base/";
    Index(db).add({posts}, o);
    CHECK(url_of(db, "스타게이트") == "https://blog.example/base/ai/2025/01/22/stargate.html");
    CHECK(read_stats(db).site_url == "https://blog.example/base");
    // A later add without it keeps it, for new posts too.
    d.write("_posts/2025-01-23-texas.md", post("텍사스 데이터센터", "텍사스 본문"));
    Index(db).add({posts});
    CHECK(url_of(db, "텍사스") == "https://blog.example/base/2025/01/23/texas.html");
    // Another one re-derives every URL at once (the posts' stamps record it).
    o.site_url = "http://localhost:4000";
    CHECK(Index(db).add({posts}, o).updated == 2);
    CHECK(url_of(db, "스타게이트") == "http://localhost:4000/ai/2025/01/22/stargate.html");
    // "" forgets it: site-relative again.
    o.site_url = "";
    Index(db).add({posts}, o);
    CHECK(url_of(db, "텍사스") == "/2025/01/23/texas.html");
    CHECK(read_stats(db).site_url.empty());
    // It takes the place of a _config.yml's url + baseurl, keeping its permalink.
    d.write("_config.yml", "url: https://old.example\nbaseurl: /blog\npermalink: pretty\n");
    Index(db).add({posts});
    CHECK(url_of(db, "텍사스") == "https://old.example/blog/2025/01/23/texas/");
    o.site_url = "https://new.example";
    Index(db).add({posts}, o);
    CHECK(url_of(db, "텍사스") == "https://new.example/2025/01/23/texas/");
    // A bad one is refused before anything is read.
    o.site_url = "ftp://x";
    CHECK_THROWS_WITH(Index(db).add({posts}, o), "site URL: 'ftp://x' does not start with http:// or https://");
}

TEST_CASE("links: a search's site_url answers stored site-relative URLs under it", "[links]") {
    TempDir d;
    const std::string db = (d.path / "db").string();
    d.write("_posts/2025-01-22-stargate.md", post("스타게이트 발표", "스타게이트 본문"));
    Index(db).add({(d.path / "_posts").string()});
    CHECK(url_of(db, "스타게이트") == "/2025/01/22/stargate.html");
    CHECK(url_of(db, "스타게이트", "https://blog.example/base/") == "https://blog.example/base/2025/01/22/stargate.html");
    SearchRequest bad;
    bad.query = "스타게이트";
    bad.site_url = "blog.example";
    try {
        Searcher(db).search(bad);
        FAIL("no RequestError");
    } catch (const RequestError& e) {
        CHECK(e.parameter() == "site_url");
        CHECK(std::string(e.what()) == "site_url: 'blog.example' does not start with http:// or https://");
    }
}

TEST_CASE("links: a post is found by its URL, percent-encoded or not, and nothing else is", "[links]") {
    TempDir d;
    const std::string db = (d.path / "db").string();
    d.write("_posts/2025-01-22-스타게이트-발표.md", post("스타게이트 발표", "스타게이트 본문 <b>굵게</b>", "tags: [AI]\n"));
    d.write("_posts/2025-01-23-pretty.md", post("Pretty", "pretty body", "permalink: /notes/pretty/\n"));
    Index(db).add({(d.path / "_posts").string()});
    Searcher s(db);
    Hit h;
    std::string text;
    const std::string encoded = "/2025/01/22/%EC%8A%A4%ED%83%80%EA%B2%8C%EC%9D%B4%ED%8A%B8-%EB%B0%9C%ED%91%9C.html";
    CHECK(url_of(db, "스타게이트") == encoded);
    REQUIRE(s.post_at(encoded, h, &text));
    CHECK(h.title == "스타게이트 발표");
    CHECK(h.tags == std::vector<std::string>{"AI"});
    CHECK(text.find("스타게이트 본문") != std::string::npos);
    CHECK(s.post_at("/2025/01/22/스타게이트-발표.html", h));
    CHECK(s.post_at("/2025/01/22/%ec%8a%a4%ed%83%80%ea%b2%8c%ec%9d%b4%ed%8a%b8-%eb%b0%9c%ed%91%9c.html", h));
    CHECK(s.post_at("/notes/pretty/", h));
    CHECK(h.title == "Pretty");
    for (const char* no : {"/notes/pretty", "/", "", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                           "//notes/pretty/", "https://blog.example/notes/pretty/", "notes/pretty/"}) {
        INFO(no);
        CHECK_FALSE(s.post_at(no, h));
    }
}

TEST_CASE("links: a preview's Markdown is HTML with the post's own HTML escaped", "[links]") {
    const std::string html = markdown::to_html(
        "# 제목 <em>x</em>\n\n**굵게** 그리고 _기울임_, `a<b`\n\n<script>alert(1)</script>\n\n"
        "<img src=x onerror=alert(1)>\n\n[나쁜](javascript:alert(1)) [좋은](https://x.example/a?b=1&c=2) "
        "[상대](/about/)\n\n![그림 <b>](https://img.example/a.png) ![나쁜](data:text/html,x)\n\n"
        "- 하나\n- [x] 둘\n\n| a | b |\n|:---|---:|\n| 1 | 2 |\n\n```python\nprint('<hi>')\n```\n\n&copy; &bogus x &\n");
    INFO(html);
    CHECK(html.find("<h1 id=\"제목-x\">제목 &lt;em&gt;x&lt;/em&gt;</h1>") != std::string::npos);
    CHECK(html.find("<strong>굵게</strong> 그리고 <em>기울임</em>, <code>a&lt;b</code>") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("<img src=x") == std::string::npos);
    CHECK(html.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
    CHECK(html.find("javascript:") == std::string::npos);
    CHECK(html.find("data:text") == std::string::npos);
    CHECK(html.find("<a>나쁜</a>") != std::string::npos);
    CHECK(html.find("<a href=\"https://x.example/a?b=1&amp;c=2\" rel=\"nofollow noopener\">좋은</a>") != std::string::npos);
    CHECK(html.find("<a href=\"/about/\" rel=\"nofollow noopener\">상대</a>") != std::string::npos);
    CHECK(html.find("<img src=\"https://img.example/a.png\" alt=\"그림 &lt;b&gt;\">") != std::string::npos);
    CHECK(html.find("<img alt=\"나쁜\">") != std::string::npos);
    CHECK(html.find("<li><input type=\"checkbox\" disabled checked> 둘</li>") != std::string::npos);
    CHECK(html.find("<th style=\"text-align:left\">a</th><th style=\"text-align:right\">b</th>") != std::string::npos);
    CHECK(html.find("<pre><code class=\"language-python\">print(&#39;&lt;hi&gt;&#39;)\n</code></pre>") != std::string::npos);
    CHECK(html.find("&copy; &amp;bogus x &amp;") != std::string::npos);
}

TEST_CASE("links: the preview page shows the post, escaped, with a way back to the search", "[links]") {
    service::PreviewPost p;
    p.post.title = "<img src=x onerror=alert(1)> 스타게이트 & \"경고\"";
    p.post.date = "2025-01-22T10:00:00+09:00";
    p.post.author = "김<기자>";
    p.post.tags = {"<b>태그</b>"};
    p.post.categories = {"AI"};
    p.post.url = "/%EA%B2%BD%EC%A0%9C/2025/01/22/stargate.html";
    p.body_html = "<p>본문</p>\n";
    const std::string back = service::search_link("스타 게이트");
    CHECK(back == "/#q=%EC%8A%A4%ED%83%80%20%EA%B2%8C%EC%9D%B4%ED%8A%B8");
    CHECK(service::search_link("") == "/");
    const std::string page = service::preview_page(p, back);
    INFO(page);
    CHECK(page.starts_with("<!doctype html>\n<html lang=\"ko\">"));
    CHECK(page.find("<meta charset=\"utf-8\">") != std::string::npos);
    CHECK(page.find("<link rel=\"stylesheet\" href=\"/style.css\">") != std::string::npos);
    CHECK(page.find("<img") == std::string::npos);
    CHECK(page.find("<title>&lt;img src=x onerror=alert(1)&gt; 스타게이트 &amp; &quot;경고&quot; · newsidx</title>") !=
          std::string::npos);
    CHECK(page.find("<h1 class=\"title\">&lt;img src=x onerror=alert(1)&gt; 스타게이트 &amp; &quot;경고&quot;</h1>") !=
          std::string::npos);
    CHECK(page.find("<time datetime=\"2025-01-22T10:00:00+09:00\">2025-01-22</time>") != std::string::npos);
    CHECK(page.find("김&lt;기자&gt;") != std::string::npos);
    CHECK(page.find("#&lt;b&gt;태그&lt;/b&gt;") != std::string::npos);
    CHECK(page.find("<div class=\"body\">\n<p>본문</p>\n</div>") != std::string::npos);
    CHECK(page.find("<code>/경제/2025/01/22/stargate.html</code>") != std::string::npos);  // the URL shown decoded
    CHECK(page.find("<a href=\"/#q=%EC%8A%A4%ED%83%80%20%EA%B2%8C%EC%9D%B4%ED%8A%B8\" rel=\"search\">") !=
          std::string::npos);
    p.post.title = "Samsung's quarter";
    p.body_html = "<p>memory</p>";
    CHECK(service::preview_page(p, "/").starts_with("<!doctype html>\n<html lang=\"en\">"));
    // The body of a post whose file is gone: its stored text, escaped, a paragraph a line.
    CHECK(service::text_paragraphs("첫 줄 <b>\n\n둘째 & 줄\n") == "<p>첫 줄 &lt;b&gt;</p>\n<p>둘째 &amp; 줄</p>\n");
    const std::string err = service::error_page(404, "no such endpoint: /<x>", "/");
    CHECK(err.find("no such endpoint: /&lt;x&gt;") != std::string::npos);
    CHECK(err.find("<a href=\"/\" rel=\"search\">") != std::string::npos);
}
