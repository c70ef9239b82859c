// Issue 20, items 2 and 4: posts that opt out of search, and posts without a
// `title:` (Jekyll titles them from the file name; the first heading is kept
// as a subtitle; every post's file-name words are a low-weight zone).
#include "document.hpp"
#include "fields.hpp"
#include "reader.hpp"
#include "stored_post.hpp"

#include "search_helpers.hpp"
#include "tmpdir.hpp"

#include <newsidx/analyzer.hpp>
#include <newsidx/index.hpp>
#include <newsidx/searcher.hpp>

#include <catch2/catch.hpp>

#include <algorithm>

#include <string>
#include <vector>

using newsidx::Post;
using newsidx::PostReader;

namespace {

Post parse(const std::string& text, const std::string& name) { return PostReader().parse(text, name, 0); }

bool has_term(const Xapian::Document& doc, const std::string& t) {
    Xapian::TermIterator it = doc.termlist_begin();
    it.skip_to(t);
    return it != doc.termlist_end() && *it == t;
}

}  // namespace

TEST_CASE("a post without title: is titled from its file name as Jekyll does", "[reader][title]") {
    SECTION("dated file name: the date and extension dropped, the first heading a subtitle") {
        const Post p = parse("# 개념\n\n메시지를 큐에 쌓아 두고 나중에 처리한다.\n", "/blog/_posts/2021-06-28-메시지큐.md");
        CHECK(p.title == "메시지큐");
        CHECK(p.subtitle == "개념");
    }
    SECTION("undated file name: its base name") {
        const Post p = parse("Some words about this site.\n", "/blog/pages/about-this-site.md");
        CHECK(p.title == "About This Site");
        CHECK(p.subtitle.empty());
    }
    SECTION("Korean slug: dashes become spaces") {
        CHECK(parse("본문\n", "2024-03-01-도커-컨테이너-입문.md").title == "도커 컨테이너 입문");
    }
    SECTION("dots stay, underscores and dashes separate, ASCII words capitalized") {
        CHECK(parse("x\n", "/b/2024-03-01-node.js_tips-and-TRICKS.markdown").title == "Node.js Tips And Tricks");
        CHECK(parse("x\n", "v1.2-release.notes.md").title == "V1.2 Release.notes");
        CHECK(parse("x\n", "2024-3-1-a--b.md").title == "A B");
    }
    SECTION("front matter without title: the file name's title too, the heading a subtitle") {
        const Post p = parse("---\ntags: [x]\n---\n# 설치 방법\n\n본문\n", "/b/_posts/2024-01-02-my-first-post.md");
        CHECK(p.title == "My First Post");
        CHECK(p.subtitle == "설치 방법");
    }
    SECTION("a title: wins and gives no subtitle") {
        const Post p = parse("---\ntitle: 제목\n---\n# 머리말\n", "/b/2024-01-02-slug.md");
        CHECK(p.title == "제목");
        CHECK(p.subtitle.empty());
    }
    SECTION("a heading that only repeats the file name's title is no subtitle") {
        CHECK(parse("# Hello World\n\ntext\n", "2024-01-02-hello-world.md").subtitle.empty());
    }
    SECTION("an empty slug: the heading is the title") {
        const Post p = parse("# 제목만\n", "/b/2024-01-02-.md");
        CHECK(p.title == "제목만");
        CHECK(p.subtitle.empty());
    }
    SECTION("file_slug and title_from_slug") {
        CHECK(newsidx::file_slug("/x/_posts/2021-06-28-메시지큐.md") == "메시지큐");
        CHECK(newsidx::file_slug("about.markdown") == "about");
        CHECK(newsidx::title_from_slug("") == "");
        CHECK(newsidx::title_from_slug("ÉCOLE-du-soir") == "École Du Soir");  // É as written, the ASCII rest lowered
    }
}

TEST_CASE("search: false and exclude_from_search: true opt a post out", "[reader][optout]") {
    struct Case {
        std::string yaml, opt_out;
        std::size_t warnings;
    };
    const std::vector<Case> cases = {
        {"search: false", "search: false", 0},
        {"search: no", "search: false", 0},
        {"search: OFF", "search: false", 0},
        {"search: true", "", 0},
        {"exclude_from_search: true", "exclude_from_search: true", 0},
        {"exclude_from_search: yes", "exclude_from_search: true", 0},
        {"exclude_from_search: false", "", 0},
        {"search: maybe", "", 1},
        {"search: \"false\"", "", 1},
        {"exclude_from_search: [a]", "", 1},
        {"search: false\nexclude_from_search: true", "search: false", 0},
        {"title: 그냥 글", "", 0},
    };
    for (const Case& c : cases) {
        INFO(c.yaml);
        const Post p = parse("---\n" + c.yaml + "\n---\n본문\n", "/b/2024-01-01-a.md");
        CHECK(p.opt_out == c.opt_out);
        CHECK(p.published);
        REQUIRE(p.warnings.size() == c.warnings);
        if (c.warnings) CHECK(p.warnings[0].find("the post stays searchable") != std::string::npos);
    }
    const Post bad = parse("---\nsearch: maybe\n---\nx\n", "/b/a.md");
    REQUIRE(bad.warnings.size() == 1);
    CHECK(bad.warnings[0] == "search: \"maybe\" is not true or false; the post stays searchable");
    // Both: a draft that also opts out keeps both marks (--drafts does not index it).
    const Post both = parse("---\npublished: false\nsearch: false\n---\nx\n", "/b/a.md");
    CHECK_FALSE(both.published);
    CHECK(both.opt_out == "search: false");
    // Themes read the keys too: they stay in the stored front matter.
    CHECK(parse("---\nsearch: true\n---\nx\n", "/b/a.md").extra_json == "{\"search\":true}");
}

TEST_CASE("every post's file-name words are terms of their own zone, and the subtitle is stored", "[index][title]") {
    newsidx::Analyzer analyzer;
    Post p = parse("# 개념\n\n도커는 컨테이너를 실행한다.\n", "/blog/_posts/2021-06-28-메시지큐.md");
    p.id = "2021-06-28-메시지큐";
    p.path = "/blog/_posts/2021-06-28-메시지큐.md";
    const Xapian::Document doc = newsidx::detail::build_document(p, analyzer, "1 2 3");
    const std::string xf(newsidx::schema::kFileNameField.prefix);
    CHECK(has_term(doc, xf + "메시지큐"));
    // A title from the file name is no title the author wrote: not free text, not title:.
    CHECK(p.title_from_file);
    CHECK_FALSE(has_term(doc, "메시지큐"));
    CHECK_FALSE(has_term(doc, newsidx::schema::term(newsidx::schema::kTitle, "메시지큐")));
    CHECK(has_term(doc, "개념"));  // the first heading is text (a heading) as before
    CHECK(newsidx::schema::zone_of_term(xf + "메시지큐") == "file-name");
    CHECK(newsidx::schema::decode_post(doc.get_data()).subtitle == "개념");

    // With a title: the file name's words are only in the file-name zone.
    Post t = parse("---\ntitle: 컨테이너 이야기\n---\n본문\n", "/blog/_posts/2022-01-01-kubernetes_basics.md");
    t.id = "k";
    const Xapian::Document d2 = newsidx::detail::build_document(t, analyzer, "1 2 3");
    CHECK(has_term(d2, xf + "kubernetes"));
    CHECK(has_term(d2, xf + "basic"));  // the stem, as the Analyzer gives it
    CHECK_FALSE(has_term(d2, "kubernetes"));
    CHECK_FALSE(has_term(d2, xf + "2022"));  // the date is not part of the slug
    CHECK(newsidx::schema::decode_post(d2.get_data()).subtitle.empty());
    CHECK(newsidx::schema::decode_post(d2.get_data()).title == "컨테이너 이야기");
}

TEST_CASE("a word some file names hold: its posts counted once, the file-name bonus for those posts only",
          "[search][title][count]") {
    TempDir posts, db;
    const auto body = [](int i) {
        return "---\ntitle: \"메모 " + std::to_string(i) + "\"\n---\n\n도커 컨테이너를 " + std::to_string(i) +
               "번 띄웠다. 오늘의 기록.\n";
    };
    for (int i = 0; i < 300; ++i) posts.write("2025-01-01-memo-" + std::to_string(i) + ".md", body(i));
    // The same text, its file name holding the word too.
    for (int i = 300; i < 305; ++i) posts.write("2025-02-01-도커-guide-" + std::to_string(i) + ".md", body(i));
    // The word only in the file name.
    for (int i = 0; i < 5; ++i)
        posts.write("2025-03-01-도커-only-" + std::to_string(i) + ".md",
                    "---\ntitle: \"입문 " + std::to_string(i) + "\"\n---\n\n컨테이너 이야기.\n");
    // Posts without it: Xapian's estimate of an OR is near the sum of its
    // sides only where both are small beside the whole index.
    for (int i = 0; i < 900; ++i)
        posts.write("2025-04-01-pod-" + std::to_string(i) + ".md",
                    "---\ntitle: \"파드 " + std::to_string(i) + "\"\n---\n\n쿠버네티스 파드 기록.\n");
    { newsidx::Index idx(db.str()); idx.add({posts.str()}); }
    newsidx::Searcher s(db.str());
    newsidx::SearchRequest r;
    r.query = "도커";
    r.exact_total = true;
    r.limit = 400;
    const newsidx::SearchResult all = s.search(r);
    REQUIRE(all.total_exact);
    CHECK(all.estimated_total == 310);  // text or file name, each post once
    REQUIRE(all.hits.size() == 310);
    const auto at = [&](const std::string& prefix) {
        std::vector<std::size_t> ranks;
        for (std::size_t k = 0; k < all.hits.size(); ++k)
            if (all.hits[k].id.rfind(prefix, 0) == 0) ranks.push_back(k);
        return ranks;
    };
    const std::vector<std::size_t> both = at("2025-02-01-"), text = at("2025-01-01-"), file = at("2025-03-01-");
    REQUIRE(both.size() == 5);
    REQUIRE(text.size() == 300);
    REQUIRE(file.size() == 5);
    // Text and file name above the same text alone; a file name alone below any mention in the text.
    CHECK(*std::max_element(both.begin(), both.end()) < *std::min_element(text.begin(), text.end()));
    CHECK(*std::max_element(text.begin(), text.end()) < *std::min_element(file.begin(), file.end()));
    // Xapian's estimate, as a page of ten shows it where more than
    // exact_up_to posts may match: not the word's posts twice.
    newsidx::SearchRequest page;
    page.query = "도커";
    page.exact_up_to = 0;
    const newsidx::SearchResult first = s.search(page);
    CHECK(first.estimated_total >= 279);
    CHECK(first.estimated_total <= 341);  // within 10 %; it was 620 and more
    // By default at most exact_up_to posts can match (1,210 in all): counted again, exactly.
    page.exact_up_to = newsidx::SearchRequest{}.exact_up_to;
    const newsidx::SearchResult counted = s.search(page);
    CHECK(counted.total_exact);
    CHECK(counted.estimated_total == 310);
}
