// Post URLs as Jekyll builds them (indexer/site_url.*). Expected URLs follow
// Jekyll's documented rules (docs/_docs/permalinks.md: placeholders and the
// date, pretty, ordinal, weekdate and none styles; front-matter permalinks;
// `slug`; categories from front matter and from folders above _posts).
#include "site_url.hpp"
#include "tmpdir.hpp"

#include "reader.hpp"

#include <catch2/catch.hpp>

using newsidx::PostReader;

namespace {

std::string post_file(const std::string& date_line, const std::string& extra = {}) {
    return "---\ntitle: A post\n" + date_line + extra + "---\nBody text.\n";
}

std::string url_of(const TempDir& site, const std::string& rel, const std::string& content) {
    const std::string path = site.write(rel, content);
    return PostReader().read_file(path, (site.path / "_posts").string()).url;
}

}  // namespace

TEST_CASE("site_url: without a _config.yml, Jekyll's default date style", "[site_url]") {
    TempDir site;
    CHECK(url_of(site, "_posts/2009-03-27-happy-new-year.md", post_file("")) == "/2009/03/27/happy-new-year.html");
    // Front-matter categories come first, lower-cased; several make a hierarchy.
    CHECK(url_of(site, "_posts/2024-05-14-gpt4o.md", post_file("", "categories: [AI, News]\n")) ==
          "/ai/news/2024/05/14/gpt4o.html");
    // A front-matter permalink wins, placeholders filled in.
    CHECK(url_of(site, "_posts/2024-05-14-fixed.md", post_file("", "permalink: /about/\n")) == "/about/");
    CHECK(url_of(site, "_posts/2024-05-14-tmpl.md", post_file("", "permalink: /notes/:year/:title/\n")) ==
          "/notes/2024/tmpl/");
}

TEST_CASE("site_url: built-in permalink styles from _config.yml", "[site_url]") {
    TempDir site;
    const std::string file = "_posts/2009-03-27-pretty-permalink-schema.md";
    auto with = [&](const std::string& config) {
        site.write("_config.yml", config);
        return url_of(site, file, post_file(""));
    };
    CHECK(with("permalink: date\n") == "/2009/03/27/pretty-permalink-schema.html");
    CHECK(with("permalink: pretty\n") == "/2009/03/27/pretty-permalink-schema/");
    CHECK(with("permalink: ordinal\n") == "/2009/086/pretty-permalink-schema.html");  // 27 March = day 86
    CHECK(with("permalink: weekdate\n") == "/2009/W13/Fri/pretty-permalink-schema.html");
    CHECK(with("permalink: none\n") == "/pretty-permalink-schema.html");
    CHECK(with("title: no permalink key\n") == "/2009/03/27/pretty-permalink-schema.html");
    // collections.posts.permalink overrides the site-wide one.
    CHECK(with("permalink: pretty\ncollections:\n  posts:\n    permalink: /p/:title:output_ext\n") ==
          "/p/pretty-permalink-schema.html");
}

TEST_CASE("site_url: url, baseurl and custom templates", "[site_url]") {
    TempDir site;
    site.write("_config.yml",
               "url: https://blog.example/\nbaseurl: ko\ntimezone: Asia/Seoul\n"
               "permalink: /:year/:i_month/:i_day/:short_year/:hour:minute:second/:slug:output_ext\n");
    CHECK(url_of(site, "_posts/2025-01-05-Hello-World.md", post_file("date: 2025-01-05 07:08:09 +0900\n")) ==
          "https://blog.example/ko/2025/1/5/25/070809/hello-world.html");
    // A front-matter permalink is still prefixed with url and baseurl.
    CHECK(url_of(site, "_posts/2025-01-06-x.md", post_file("", "permalink: /special/\n")) ==
          "https://blog.example/ko/special/");
    // Month and day names, week-based year.
    site.write("_config.yml", "permalink: /:w_year/:week/:w_day/:short_month/:long_month/:long_day/:y_day/:title/\n");
    CHECK(url_of(site, "_posts/2021-01-01-new-year.md", post_file("")) ==
          "/2020/53/5/Jan/January/Friday/001/new-year/");
}

TEST_CASE("site_url: the site's timezone decides the date in the URL", "[site_url]") {
    TempDir site;
    site.write("_config.yml", "timezone: Asia/Seoul\n");
    // 23:30 in California on 31 Dec is already 1 Jan afternoon in Seoul.
    CHECK(url_of(site, "_posts/2024-12-31-late.md", post_file("date: 2024-12-31 23:30:00 -0800\n")) ==
          "/2025/01/01/late.html");
    // A time without a zone is the site's local time: unchanged.
    CHECK(url_of(site, "_posts/2024-12-31-local.md", post_file("date: 2024-12-31 23:30:00\n")) ==
          "/2024/12/31/local.html");
    // A date alone stays that day.
    CHECK(url_of(site, "_posts/2024-12-31-day.md", post_file("date: 2024-12-31\n")) == "/2024/12/31/day.html");
    site.write("_config.yml", "timezone: America/Los_Angeles\n");
    CHECK(url_of(site, "_posts/2025-01-01-early.md", post_file("date: 2025-01-01 09:00:00 +0900\n")) ==
          "/2024/12/31/early.html");
}

TEST_CASE("site_url: slugs, categories from folders, Korean titles", "[site_url]") {
    TempDir site;
    site.write("_config.yml", "permalink: /:categories/:title/:slug/\n");
    // :title keeps case and ._~!$&'()+,;=@; :slug lower-cases and hyphenates all else.
    CHECK(url_of(site, "_posts/2025-02-01-x.md", post_file("", "slug: \"My Post, v2!\"\n")) ==
          "/My-Post,-v2!/my-post-v2/");
    // Folders between the site and _posts are categories, before front-matter ones.
    CHECK(url_of(site, "tech/_posts/2025-02-02-rust.md", post_file("", "categories: Rust\n")) ==
          "/tech/rust/rust/rust/");
    // Korean letters are kept and percent-encoded as UTF-8 (Jekyll's escape_path).
    CHECK(url_of(site, "_posts/2025-01-22-스타게이트 발표.md", post_file("")) ==
          "/%EC%8A%A4%ED%83%80%EA%B2%8C%EC%9D%B4%ED%8A%B8-%EB%B0%9C%ED%91%9C/"
          "%EC%8A%A4%ED%83%80%EA%B2%8C%EC%9D%B4%ED%8A%B8-%EB%B0%9C%ED%91%9C/");
}

TEST_CASE("site_url: a broken _config.yml warns and keeps the defaults", "[site_url]") {
    TempDir site;
    site.write("_config.yml", "permalink: [unclosed\n");
    const std::string path = site.write("_posts/2025-03-01-a.md", post_file(""));
    const auto post = PostReader().read_file(path, site.str());
    CHECK(post.url == "/2025/03/01/a.html");
    REQUIRE(!post.warnings.empty());
    CHECK(post.warnings.front().find("_config.yml") != std::string::npos);

    site.write("_config.yml", "timezone: Mars/Olympus\n");
    const auto p2 = PostReader().read_file(path, site.str());
    CHECK(p2.url == "/2025/03/01/a.html");
    REQUIRE(!p2.warnings.empty());
    CHECK(p2.warnings.front().find("Mars/Olympus") != std::string::npos);
}

TEST_CASE("site_url: helpers follow Jekyll's Utils", "[site_url]") {
    using namespace newsidx::site;
    CHECK(slugify("  Hello, World!  ", false, false) == "hello-world");
    CHECK(slugify("Hello, World!", true, true) == "Hello,-World!");
    CHECK(slugify("스타게이트 프로젝트", false, false) == "스타게이트-프로젝트");
    CHECK(escape_path("a b/ü?#") == "a%20b/%C3%BC%3F%23");
    CHECK(escape_path("keep-._~!$&'()*+,;=:@/") == "keep-._~!$&'()*+,;=:@/");
    CHECK(style_template("pretty") == "/:categories/:year/:month/:day/:title/");
    CHECK(style_template("/:title/") == "/:title/");
    CHECK(find_config("relative/path.md").empty());
}
