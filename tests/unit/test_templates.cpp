// Templates (indexer/boilerplate.hpp, README "Templates"): a paragraph
// repeated verbatim in a large share of one root's posts is not indexed.
#include <catch2/catch.hpp>

#include <newsidx/index.hpp>
#include <newsidx/searcher.hpp>
#include <newsidx/shards.hpp>

#include "boilerplate.hpp"
#include "document.hpp"
#include "index_impl.hpp"
#include "reader.hpp"
#include "stored_text.hpp"

#include "tmpdir.hpp"

#include <algorithm>
#include <map>
#include <random>
#include <set>

using namespace newsidx;

namespace {

const char* const kFooter = "이 포스팅은 Gemini AI가 정리한 내용을 바탕으로 작성되었습니다.";

std::string post(const std::string& title, const std::string& body) {
    return "---\ntitle: \"" + title + "\"\n---\n\n" + body + "\n";
}

// Post n of a blog: its own text, and the footer when `footer`.
std::string blog_post(int n, bool footer) {
    std::string body = "오늘의 글 " + std::to_string(n) + "번은 서울의 날씨와 산책로 " + std::to_string(n * 7) +
                       "곳을 소개합니다.\n\n감사합니다";
    if (footer) body += std::string("\n\n") + kFooter;
    return post("산책 " + std::to_string(n), body);
}

std::string name(int n) { return "_posts/2025-01-" + std::string(n < 10 ? "0" : "") + std::to_string(n) + "-p.md"; }

bool has_term(const Xapian::Document& d, const std::string& t) {
    auto it = d.termlist_begin();
    it.skip_to(t);
    return it != d.termlist_end() && *it == t;
}

std::vector<std::string> ids_for(const std::string& db, const std::string& q) {
    Searcher s(db);
    SearchRequest r;
    r.query = q;
    r.limit = 100;
    std::vector<std::string> ids;
    for (const Hit& h : s.search(r).hits) ids.push_back(h.id);
    return ids;
}

}  // namespace

TEST_CASE("template candidates are body paragraphs of 20 characters or more", "[templates]") {
    PostReader reader;
    const Post p = reader.parse(post("제목", "# 연예/문화 뉴스 Top 5 오늘의 소식 모음\n\n본문 첫 문단은 충분히 길게 쓴 문장입니다.\n\n"
                                             "감사합니다\n\n- 목록 항목도 한 문단으로 셉니다 정말로요\n\n```\ncode line that is long enough\n```\n\n" +
                                             std::string(kFooter)),
                                "/r/_posts/a.md");
    const std::vector<detail::Paragraph> ps = detail::paragraphs(p);
    std::vector<std::string> texts;
    for (const auto& x : ps) texts.push_back(p.text.substr(x.begin, x.end - x.begin));
    // The heading, the short thanks and the code are not candidates.
    CHECK(texts == std::vector<std::string>{"본문 첫 문단은 충분히 길게 쓴 문장입니다.", "목록 항목도 한 문단으로 셉니다 정말로요",
                                            kFooter});
    CHECK(ps.back().hash == detail::paragraph_hash(kFooter));
}

TEST_CASE("template threshold: 30 % of a root of 20 posts or more", "[templates]") {
    CHECK(detail::template_threshold(0) == 0);
    CHECK(detail::template_threshold(19) == 0);
    CHECK(detail::template_threshold(20) == 6);
    CHECK(detail::template_threshold(21) == 7);  // 6.3 rounded up
    CHECK(detail::template_threshold(100) == 30);
    CHECK(detail::template_threshold(379) == 114);
}

TEST_CASE("a paragraph tally is exact within its capacity and never over-counts beyond it", "[templates]") {
    // A stream as a large root gives it: a few paragraphs in many posts
    // (footers, a share of 60, 35 and 20 %) among many held once or twice.
    std::mt19937_64 rng(7);
    std::vector<std::uint64_t> stream;
    for (int post = 0; post < 4000; ++post) {
        if (post % 10 < 6) stream.push_back(1);
        if (post % 20 < 7) stream.push_back(2);
        if (post % 5 == 0) stream.push_back(3);
        for (int k = 0; k < 5; ++k) stream.push_back(1000 + rng() % 12000);
    }
    std::map<std::uint64_t, std::size_t> truth;
    for (std::uint64_t h : stream) ++truth[h];

    SECTION("within capacity: every count exact, nothing lost") {
        detail::ParagraphTally t(1 << 15);
        for (std::uint64_t h : stream) t.add(h);
        CHECK(t.lost() == 0);
        CHECK(t.size() == truth.size());
        std::set<std::uint64_t> want;
        for (const auto& [h, n] : truth)
            if (n >= 3) want.insert(h);
        CHECK(t.at_least(3) == want);
    }
    SECTION("over capacity, one tally or two merged: counts are lower bounds at most lost() below") {
        const std::size_t capacity = 64;
        detail::ParagraphTally one(capacity), a(capacity), b(capacity);
        for (std::size_t i = 0; i < stream.size(); ++i) {
            one.add(stream[i]);
            (i % 3 ? a : b).add(stream[i]);
        }
        a.merge(b);
        for (const detail::ParagraphTally* t : {&one, &a}) {
            CHECK(t->size() <= capacity);
            CHECK(t->lost() > 0);
            CHECK(t->lost() <= stream.size() / (capacity + 1) * 2);  // Misra-Gries: N / (k + 1) per summary
            for (std::size_t n : {std::size_t{1}, std::size_t{50}, std::size_t{700}, std::size_t{1200}}) {
                for (std::uint64_t h : t->at_least(n)) CHECK(truth[h] >= n);  // never a false template
                for (const auto& [h, c] : truth)  // and none missed beyond the loss
                    if (c >= n + t->lost()) CHECK(t->at_least(n).count(h) == 1);
            }
        }
        // The footers in 60 and 35 % of the posts are found at a threshold of
        // 15 %; no paragraph held once or twice is.
        for (const detail::ParagraphTally* t : {&one, &a}) {
            const std::set<std::uint64_t> found = t->at_least(600);
            CHECK(found.count(1) == 1);
            CHECK(found.count(2) == 1);
            CHECK(found.size() <= 3);
        }
    }
}

TEST_CASE("build_document leaves a template out of the text and marks it", "[templates]") {
    PostReader reader;
    Analyzer an;
    Post p = reader.parse(blog_post(1, true), "/r/_posts/a.md");
    p.root = "/r";
    const detail::TemplateSet none, footer{detail::paragraph_hash(kFooter)};
    const std::string rk = detail::root_key("/r");
    const Xapian::Document plain = detail::build_document(p, an, "1 2 3", &none);
    CHECK(has_term(plain, "gemini"));
    CHECK(has_term(plain, detail::paragraph_term(rk, detail::paragraph_hash(kFooter))));
    CHECK_FALSE(has_term(plain, detail::template_mark_term(rk, detail::paragraph_hash(kFooter))));
    CHECK(detail::stored_text(plain).find("Gemini") != std::string::npos);

    const Xapian::Document cut = detail::build_document(p, an, "1 2 3", &footer);
    CHECK_FALSE(has_term(cut, "gemini"));
    CHECK(has_term(cut, "산책로"));
    CHECK(has_term(cut, detail::paragraph_term(rk, detail::paragraph_hash(kFooter))));
    CHECK(has_term(cut, detail::template_mark_term(rk, detail::paragraph_hash(kFooter))));
    CHECK(detail::stored_text(cut).find("Gemini") == std::string::npos);
    CHECK(detail::stored_text(cut).find("감사합니다") != std::string::npos);
}

TEST_CASE("a footer in most posts of a root is a template, and crossing the threshold re-analyzes only its posts",
          "[templates]") {
    for (const std::size_t shards : {std::size_t{1}, std::size_t{3}}) {
        INFO("shards " << shards);
        TempDir posts, db;
        // 20 posts; the footer in 5 of them (threshold 6): not yet a template.
        for (int n = 1; n <= 20; ++n) posts.write(name(n), blog_post(n, n <= 5));
        posts.write("_posts/2025-02-01-gemini.md",
                    post("Gemini 2.0 써 보기", "구글의 Gemini 모델을 직접 써 본 후기입니다. Gemini는 빠르다."));
        ShardedIndex idx(db.str() + "/db", shards);
        AddReport r1 = idx.add({posts.str()});
        CHECK(r1.added == 21);
        CHECK(r1.retemplated == 0);
        CHECK(read_stats(db.str() + "/db").templates.empty());
        CHECK(ids_for(db.str() + "/db", "gemini").size() == 6);

        // Two more posts with the footer: 23 posts, threshold 7, the footer in 7.
        posts.write(name(21), blog_post(21, true));
        posts.write(name(22), blog_post(22, true));
        AddReport r2 = idx.add({posts.str()});
        CHECK(r2.added == 2);
        CHECK(r2.unchanged == 21);
        CHECK(r2.retemplated == 7);  // the posts holding the footer, none other
        const IndexStats st = read_stats(db.str() + "/db");
        REQUIRE(st.templates.size() == 1);
        CHECK(st.templates[0].root == posts.str());
        CHECK(st.templates[0].posts == 7);
        CHECK(st.templates[0].root_posts == 23);
        CHECK(st.templates[0].text == kFooter);
        CHECK(ids_for(db.str() + "/db", "gemini") == std::vector<std::string>{"_posts/2025-02-01-gemini"});
        {  // the snippet of a footer post does not show the footer
            Searcher s(db.str() + "/db");
            SearchRequest q;
            q.query = "산책로";
            q.limit = 30;
            for (const Hit& h : s.search(q).hits) CHECK(h.snippet.text.find("Gemini") == std::string::npos);
        }

        // Nothing changed: nothing re-analyzed.
        CHECK(idx.add({posts.str()}).retemplated == 0);

        // Two footer posts removed: 21 posts, threshold 7, footer in 5: text again.
        std::filesystem::remove(posts.path / name(21));
        std::filesystem::remove(posts.path / name(22));
        AddReport r3 = idx.sync(posts.str());
        CHECK(r3.removed == 2);
        CHECK(r3.retemplated == 5);
        CHECK(read_stats(db.str() + "/db").templates.empty());
        CHECK(ids_for(db.str() + "/db", "gemini").size() == 6);

        // Back over by `remove` of posts without the footer: 18 posts are below the minimum root size.
        idx.remove({posts.str() + "/" + name(20), posts.str() + "/" + name(19), posts.str() + "/" + name(18)});
        CHECK(read_stats(db.str() + "/db").templates.empty());
    }
}

TEST_CASE("templates are per root", "[templates]") {
    TempDir a, b, db;
    for (int n = 1; n <= 20; ++n) a.write(name(n), blog_post(n, true));
    for (int n = 1; n <= 3; ++n) b.write("_posts/2025-03-0" + std::to_string(n) + "-q.md", blog_post(n, true));
    Index idx(db.str());
    idx.add({a.str(), b.str()});
    const IndexStats st = idx.stats();
    REQUIRE(st.templates.size() == 1);
    CHECK(st.templates[0].root == a.str());
    // Root b is too small: its footers stay text.
    const std::vector<std::string> hits = ids_for(db.str(), "gemini");
    CHECK(hits.size() == 3);
}

TEST_CASE("a run killed between writing posts and refreshing templates is finished by the next writer",
          "[templates]") {
    TempDir posts, db;
    for (int n = 1; n <= 20; ++n) posts.write(name(n), blog_post(n, true));
    posts.write("_posts/2025-02-01-gemini.md", post("Gemini 써 보기", "구글의 Gemini 모델을 직접 써 본 후기입니다."));
    {
        // What a kill right after the posts' commit leaves: posts written, no refresh.
        Index idx(db.str());
        detail::IndexAccess::of(idx).defer_templates = true;
        CHECK(idx.add({posts.str()}).added == 21);
    }
    CHECK(read_stats(db.str()).templates.empty());
    CHECK(ids_for(db.str(), "gemini").size() == 21);
    {
        // The next writer, with nothing changed on disk, finds the 20 stale posts by their terms.
        Index idx(db.str());
        const AddReport r = idx.add({posts.str()});
        CHECK(r.unchanged == 21);
        CHECK(r.retemplated == 20);
    }
    CHECK(read_stats(db.str()).templates.size() == 1);
    CHECK(ids_for(db.str(), "gemini") == std::vector<std::string>{"_posts/2025-02-01-gemini"});
    {
        // The record says no templates while the posts are built with one (a
        // killed refresh that had written them): the marks tell, and the
        // posts are rebuilt with what the counts make (here: the same).
        Xapian::WritableDatabase w(db.str());
        w.set_metadata("newsidx.templates", "");
        w.commit();
    }
    Index idx(db.str());
    CHECK(idx.add({posts.str()}).retemplated == 0);
    CHECK(idx.stats().templates.size() == 1);
    CHECK(ids_for(db.str(), "gemini").size() == 1);
}
