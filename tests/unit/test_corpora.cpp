// The reader over every real post in ../shared/corpora (1,178 posts from four
// Jekyll blogs), plus the parsed fields of chosen posts of each blog.
#include <newsidx/error.hpp>
#include "reader.hpp"

#include "reader_checks.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

using newsidx::Post;
using newsidx::PostDate;
using newsidx::PostReader;
using newsidx::Zone;
using reader_checks::zone_text;
using Strings = std::vector<std::string>;
namespace fs = std::filesystem;

namespace {

const fs::path& corpora() {
    static const fs::path dir = fs::path(NEWSIDX_SHARED_DIR) / "corpora";
    return dir;
}

// Every post, read once and shared by the test cases below.
const std::map<std::string, Post>& all_posts() {
    static const std::map<std::string, Post> posts = [] {
        std::map<std::string, Post> out;
        const PostReader reader;
        std::vector<fs::path> files;
        for (const auto& e : fs::recursive_directory_iterator(corpora()))
            if (e.is_regular_file() && e.path().extension() == ".md") files.push_back(e.path());
        std::sort(files.begin(), files.end());
        for (const fs::path& f : files) {
            // No corpora post is defective: a PostError here is a reader bug,
            // and Catch reports it with the file and line in its message.
            Post p = reader.read_file(f.string(), corpora().string());
            out.emplace(p.id, std::move(p));
        }
        return out;
    }();
    return posts;
}

const Post& post(const std::string& id) {
    const auto& posts = all_posts();
    const auto it = posts.find(id);
    INFO("post " << id);
    REQUIRE(it != posts.end());
    return it->second;
}

std::int64_t utc_midnight(int y, int m, int d) {
    // Days from civil, independent of the reader's own code.
    const int yy = y - (m <= 2);
    const int era = yy / 400;
    const int yoe = yy - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (static_cast<std::int64_t>(era) * 146097 + doe - 719468) * 86400;
}

}  // namespace

TEST_CASE("corpora: every post reads cleanly", "[corpora]") {
    REQUIRE(fs::is_directory(corpora()));
    const auto& posts = all_posts();
    REQUIRE(posts.size() == 1178u);

    std::map<std::string, int> per_blog, by_source;
    int unpublished = 0, with_heading = 0;
    for (const auto& [id, p] : posts) {
        INFO("post " << id);
        const std::string blog = id.substr(0, id.find('/'));
        ++per_blog[blog];
        reader_checks::check_sections(p);
        reader_checks::check_utf8(p);
        CHECK_FALSE(p.title.empty());
        CHECK_FALSE(p.text.empty());
        CHECK(p.warnings.empty());
        CHECK(fs::path(p.path).is_absolute());
        CHECK(p.root == corpora().lexically_normal().string());
        CHECK(p.id.find(".md") == std::string::npos);
        const auto extra = nlohmann::json::parse(p.extra_json);
        CHECK(extra.is_object());
        CHECK(p.date.year >= 2013);
        CHECK(p.date.year <= 2026);
        CHECK(p.date.source != PostDate::Source::FileTime);  // every corpora post is dated
        by_source[p.date.source == PostDate::Source::FrontMatter ? "front matter" : "file name"]++;
        if (!p.published) ++unpublished;
        if (!zone_text(p, Zone::Heading).empty()) ++with_heading;
        for (const std::string& t : p.tags) CHECK_FALSE(t.empty());
        for (const std::string& c : p.categories) CHECK_FALSE(c.empty());

        // Markup residue in prose: Liquid, raw tags the blogs use, link syntax.
        const std::string prose = zone_text(p, Zone::Body) + zone_text(p, Zone::Heading);
        CHECK(prose.find("{%") == std::string::npos);
        CHECK(prose.find("{{") == std::string::npos);
        CHECK(prose.find("{:toc}") == std::string::npos);
        CHECK(prose.find("<br") == std::string::npos);
        CHECK(prose.find("<img") == std::string::npos);
    }
    CHECK(per_blog["haesikryu"] == 465);
    CHECK(per_blog["redplug"] == 379);
    CHECK(per_blog["ratsgo"] == 215);
    CHECK(per_blog["nolboo"] == 119);
    // haesikryu and redplug write `date:`; ratsgo and nolboo only name files.
    CHECK(by_source["front matter"] == 465 + 379);
    CHECK(by_source["file name"] == 215 + 119);
    CHECK(unpublished == 1);
    CHECK(with_heading > 1000);
}

TEST_CASE("corpora: haesikryu — block lists, flow lists, quoted dates, zones", "[corpora]") {
    SECTION("block-list tags and categories; a quoted date with a trailing blank, no zone") {
        const Post& p = post("haesikryu/_posts/news/2025-12-10-daily-ai-news-1");
        CHECK(p.categories == Strings{"news", "ai"});
        REQUIRE(p.tags.size() == 21u);
        CHECK(p.tags.front() == "openai");
        CHECK(p.tags.back() == "kabir");
        CHECK(p.date.source == PostDate::Source::FrontMatter);
        CHECK(p.date.iso == "2025-12-10T02:12:07Z");
        CHECK(p.date.epoch == 1765332727);
        CHECK(p.date.offset_minutes == 0);
        CHECK(nlohmann::json::parse(p.extra_json) == nlohmann::json{{"layout", "post"}});
    }
    SECTION("a flow list spread over lines; author; a nested map kept as JSON") {
        const Post& p = post("haesikryu/_posts/blog/2026-04-25-multi-agent-systems-at-scale-microsoft-ise");
        CHECK(p.categories == Strings{"Engineering", "AI"});
        REQUIRE(p.tags.size() == 9u);
        CHECK(p.tags.front() == "multi-agent-systems");
        CHECK(p.tags.back() == "factory-pattern");
        CHECK(p.author == "Ryu");
        CHECK(p.date.iso == "2026-04-25T14:00:00+09:00");
        CHECK(p.date.epoch == 1777093200);
        const auto extra = nlohmann::json::parse(p.extra_json);
        CHECK(extra["layout"] == "post");
        CHECK(extra["image"]["path"] == "/assets/img/blog/group_chat_orchestration.webp");
        CHECK(extra["image"]["alt"].is_string());
    }
    SECTION("+0900 just after midnight: December in Seoul, November in UTC") {
        const Post& p = post("haesikryu/_posts/blog/2025-11-29-ai-report-1-risk");
        CHECK(p.date.source == PostDate::Source::FrontMatter);  // not the file name's 11-29
        CHECK(p.date.year == 2025);
        CHECK(p.date.month == 12);
        CHECK(p.date.day == 1);
        CHECK(p.date.offset_minutes == 540);
        CHECK(p.date.epoch == 1764515359);
        CHECK(p.date.epoch < utc_midnight(2025, 12, 1));
        CHECK(p.tags == Strings{"ai", "machine-learning", "deep-learning", "risk", "ethics", "safety", "security"});
        CHECK(p.categories == Strings{"Blog"});
    }
    SECTION("date only; permalink; description as excerpt; other keys in extra_json") {
        const Post& p = post("haesikryu/_posts/portfolio/2021-04-08-microservice_dev_using_ddd");
        CHECK(p.date.iso == "2021-04-08");
        CHECK(p.date.epoch == utc_midnight(2021, 4, 8));
        CHECK(p.permalink == "/portfolio/microservice_dev_using_ddd/");
        CHECK_FALSE(p.excerpt.empty());
        CHECK(p.tags == Strings{"Cloud", "MSA", "DDD", "Microservices"});
        const auto extra = nlohmann::json::parse(p.extra_json);
        CHECK(extra.contains("tech_stack"));
        CHECK(extra.contains("period"));
        CHECK_FALSE(extra.contains("description"));
    }
}

TEST_CASE("corpora: redplug — plain-string category, +0900 dates, inline <br>", "[corpora]") {
    const Post& p = post("redplug/_posts/2025-11-19-daily-it-news");
    CHECK(p.categories == Strings{"news"});
    CHECK(p.tags.empty());
    CHECK(p.date.source == PostDate::Source::FrontMatter);
    CHECK(p.date.iso == "2025-11-19T15:09:37+09:00");
    CHECK(p.date.epoch == 1763532577);
    CHECK(nlohmann::json::parse(p.extra_json) == nlohmann::json{{"layout", "default"}});
    // `<br>` lines before `**[link](url)**`: the link text stays, the URL and
    // the bold markers go, as on the rendered site.
    const std::string prose = zone_text(p, Zone::Body);
    CHECK(prose.find("](http") == std::string::npos);
    CHECK(prose.find("**") == std::string::npos);
    CHECK(prose.find("https://news.hada.io") == std::string::npos);
    CHECK_FALSE(zone_text(p, Zone::Heading).empty());

    SECTION("entertainment posts carry their own category") {
        const Post& e = post("redplug/_posts/2025-11-21-daily-entertainment-news");
        CHECK(e.categories.size() == 1u);
        CHECK(e.date.offset_minutes == 540);
    }
}

TEST_CASE("corpora: ratsgo — singular category/tag strings, comma lists, math, toc", "[corpora]") {
    SECTION("`category:` with spaces is one category; date from the file name; math kept") {
        const Post& p = post("ratsgo/_posts/2017-03-09-rnnlstm");
        CHECK(p.categories == Strings{"Natural Language Processing"});
        CHECK(p.tags == Strings{"RNN"});
        CHECK(p.date.source == PostDate::Source::FileName);
        CHECK(p.date.iso == "2017-03-09");
        CHECK(p.date.epoch == utc_midnight(2017, 3, 9));
        CHECK(p.text.find("h_{t-1}") != std::string::npos);
        CHECK(p.extra_json == "{}");
    }
    SECTION("`tag:` with commas splits on them") {
        const Post& p = post("ratsgo/_posts/2017-04-06-pcasvdlsa");
        CHECK(p.tags == Strings{"SVD", "PCA", "LSA"});
        CHECK(p.categories == Strings{"From frequency to semantics"});
    }
    SECTION("`tag:` as a flow list of phrases; `&` in a category") {
        const Post& p = post("ratsgo/_posts/2017-11-29-maxflow");
        CHECK(p.tags == Strings{"Max Flow Algorithm", "Ford-Fulkerson Algorithm", "Graph"});
        CHECK(p.categories == Strings{"Data structure&Algorithm"});
    }
    SECTION("kramdown's {:toc} is markup, not text") {
        const Post& p = post("ratsgo/_posts/2017-03-15-words");
        CHECK(p.text.find("{:") == std::string::npos);
    }
}

TEST_CASE("corpora: nolboo — Liquid, published: false, description, flow tags", "[corpora]") {
    SECTION("unpublished post with Liquid highlight blocks") {
        const Post& p = post("nolboo/_posts/2013-12-02-code-block-highlight");
        CHECK_FALSE(p.published);
        CHECK(p.categories == Strings{"blog"});
        CHECK(p.tags.empty());
        CHECK(p.date.source == PostDate::Source::FileName);
        CHECK(p.date.iso == "2013-12-02");
        CHECK(p.text.find("{%") == std::string::npos);
        CHECK(p.text.find("excerpt_separator") == std::string::npos);
        CHECK(zone_text(p, Zone::Code).find("def foo") == 0);
    }
    SECTION("description becomes the excerpt; HTML comment dropped") {
        const Post& p = post("nolboo/_posts/2013-07-21-start-octopress");
        CHECK(p.published);
        CHECK_FALSE(p.excerpt.empty());
        CHECK(p.tags == Strings{"blog", "github", "octopress"});
        CHECK(p.categories == Strings{"blog"});
        CHECK(nlohmann::json::parse(p.extra_json) == nlohmann::json{{"layout", "post"}});
        CHECK(p.text.find("toc_title") == std::string::npos);
    }
}
