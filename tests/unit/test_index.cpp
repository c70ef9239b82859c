#include <catch2/catch.hpp>

#include <newsidx/error.hpp>
#include <newsidx/index.hpp>
#include <newsidx/searcher.hpp>

#include "schema.hpp"
#include "tmpdir.hpp"

#include <xapian.h>

#include <algorithm>

using namespace newsidx;

namespace {

std::string post(const std::string& title, const std::string& body, const std::string& extra = "") {
    return "---\ntitle: \"" + title + "\"\n" + extra + "---\n\n" + body + "\n";
}

}  // namespace

TEST_CASE("add indexes posts, then re-adding is incremental", "[index]") {
    TempDir posts, db;
    posts.write("_posts/2025-02-04-alliance.md", post("AI 동맹", "삼성이 스타게이트에 참여한다.", "tags: [AI, 삼성]\n"));
    posts.write("_posts/2025-02-05-chips.md", post("칩 전쟁", "엔비디아의 칩을 두고 경쟁한다."));
    posts.write("_posts/notes.txt", "not a post");
    posts.write("_site/copy.md", post("copy", "삼성"));

    Index idx(db.str() + "/db");
    AddReport r1 = idx.add({posts.str()});
    CHECK(r1.added == 2);
    CHECK(r1.failed == 0);
    AddReport r2 = idx.add({posts.str()});
    CHECK(r2.added == 0);
    CHECK(r2.updated == 0);
    CHECK(r2.unchanged == 2);

    // A changed file is updated; a touched but identical one stays unchanged.
    posts.write("_posts/2025-02-05-chips.md", post("칩 전쟁", "엔비디아와 삼성의 칩을 두고 경쟁한다."));
    AddReport r3 = idx.add({posts.str()});
    CHECK(r3.updated == 1);
    CHECK(r3.unchanged == 1);

    const IndexStats st = idx.stats();
    CHECK(st.documents == 2);
    CHECK(st.analyzer.rfind("newsidx-ko-en/5+ko-nouns:", 0) == 0);
    CHECK(st.schema_version == schema::kSchemaVersion);
    CHECK(st.roots == std::vector<std::string>{posts.str()});
}

TEST_CASE("ids, prefixes and replacement across roots", "[index]") {
    TempDir a, b, db;
    a.write("p/x.md", post("from a", "alpha"));
    b.write("p/x.markdown", post("from b", "beta"));
    Index idx(db.str());
    std::vector<std::string> warnings;
    AddOptions o;
    o.on_warning = [&](const std::string&, const std::string& w) { warnings.push_back(w); };
    idx.add({a.str()}, o);
    idx.add({b.str()}, o);
    CHECK(idx.stats().documents == 1);  // same id "p/x": the later replaces the earlier
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].find("replaces") != std::string::npos);
    o.id_prefix = "blog-a";
    idx.add({a.str()}, o);
    CHECK(idx.stats().documents == 2);
    CHECK(!idx.terms("blog-a/p/x").empty());
    CHECK(!idx.terms("p/x").empty());
}

TEST_CASE("remove by id, file and folder, sync drops vanished files", "[index]") {
    TempDir posts, db;
    const std::string f1 = posts.write("a/one.md", post("one", "하나"));
    posts.write("a/two.md", post("two", "둘"));
    posts.write("b/three.md", post("three", "셋"));
    posts.write("b/four.md", post("four", "넷"));
    Index idx(db.str());
    idx.add({posts.str()});
    CHECK(idx.stats().documents == 4);

    std::vector<std::string> missing;
    CHECK(idx.remove({"b/three"}, &missing) == 1);
    CHECK(idx.remove({f1}, &missing) == 1);
    CHECK(idx.remove({posts.str() + "/b"}, &missing) == 1);
    CHECK(idx.remove({"no/such"}, &missing) == 0);
    CHECK(missing == std::vector<std::string>{"no/such"});
    CHECK(idx.stats().documents == 1);

    idx.add({posts.str()});
    CHECK(idx.stats().documents == 4);
    std::filesystem::remove(posts.path / "a/two.md");
    const AddReport r = idx.sync(posts.str());
    CHECK(r.removed == 1);
    CHECK(idx.stats().documents == 3);
    CHECK(idx.terms("a/two").empty());
}

TEST_CASE("sync touches only its own root", "[index]") {
    TempDir a, b, db;
    a.write("x.md", post("x", "엑스"));
    b.write("y.md", post("y", "와이"));
    Index idx(db.str());
    idx.add({a.str()});
    AddOptions o;
    o.id_prefix = "b";
    idx.add({b.str()}, o);
    std::filesystem::remove(a.path / "x.md");
    idx.sync(b.str(), o);
    CHECK(idx.stats().documents == 2);  // a's vanished post is a's business
    idx.sync(a.str());
    CHECK(idx.stats().documents == 1);
}

TEST_CASE("drafts and unpublished posts are skipped unless asked for", "[index]") {
    TempDir posts, db;
    posts.write("_drafts/wip.md", post("draft", "초안"));
    posts.write("_posts/hidden.md", post("hidden", "숨김", "published: false\n"));
    posts.write("_posts/shown.md", post("shown", "공개"));
    Index idx(db.str());
    AddReport r = idx.add({posts.str()});
    CHECK(r.added == 1);
    CHECK(r.skipped == 2);
    AddOptions o;
    o.drafts = true;
    r = idx.add({posts.str()}, o);
    CHECK(r.added == 2);
    CHECK(idx.stats().documents == 3);
}

TEST_CASE("bad files are reported with their reason and the run goes on", "[index]") {
    TempDir posts, db;
    posts.write("good.md", post("good", "좋은 글"));
    posts.write("bad-utf8.md", post("bad", "broken \xC3\x28 text"));
    posts.write("bad-yaml.md", "---\ntitle: [unclosed\n---\nbody\n");
    Index idx(db.str());
    AddReport r = idx.add({posts.str()});
    CHECK(r.added == 1);
    CHECK(r.failed == 2);
    REQUIRE(r.errors.size() == 2);
    for (const FileError& e : r.errors) CHECK(e.message.find(e.path) == 0);
    CHECK(idx.stats().documents == 1);
}

TEST_CASE("excludes and .newsidxignore", "[index]") {
    TempDir posts, db;
    posts.write("keep.md", post("keep", "유지"));
    posts.write("skip/me.md", post("skip", "제외"));
    posts.write("tmp-1.md", post("tmp", "임시"));
    posts.write(".newsidxignore", "# comment\nskip/\n");
    Index idx(db.str());
    AddOptions o;
    o.excludes = {"tmp-*"};
    AddReport r = idx.add({posts.str()}, o);
    CHECK(r.added == 1);
    CHECK(!idx.terms("keep").empty());
}

TEST_CASE("post extensions (add --ext): other files are posts too, their ids drop the extension, the index remembers it", "[index][ext]") {
    TempDir posts, db;
    posts.write("2025-01-01-notes.txt", post("notes", "텍스트로 쓴 글"));
    posts.write("2025-01-02-post.md", post("post", "마크다운 글"));
    posts.write("sub/readme.text", post("readme", "다른 확장자"));
    {
        Index idx(db.str());
        AddReport r = idx.add({posts.str()});
        CHECK(r.added == 1);  // the .md only
        CHECK(idx.post_extensions().empty());
        AddOptions o;
        o.extensions = {".TXT"};
        r = idx.add({posts.str()}, o);
        CHECK(r.added == 1);
        CHECK(!idx.terms("2025-01-01-notes").empty());  // the id without .txt
        CHECK(idx.post_extensions() == std::vector<std::string>{"txt"});
        // A sync without the option keeps them: the index remembers .txt.
        r = idx.sync(posts.str());
        CHECK(r.removed == 0);
        CHECK(r.unchanged == 2);
        CHECK(idx.stats().post_extensions == std::vector<std::string>{"txt"});
        // A bad extension is refused before anything is read.
        o.extensions = {"t/x"};
        CHECK_THROWS_AS(idx.add({posts.str()}, o), Error);
        o.extensions = {""};
        CHECK_THROWS_AS(idx.add({posts.str()}, o), Error);
        CHECK(idx.post_extensions() == std::vector<std::string>{"txt"});
    }
    Index idx(db.str());  // reopened: still remembered, and a second one joins it
    AddOptions o;
    o.extensions = {"text"};
    const AddReport r = idx.add({posts.str()}, o);
    CHECK(r.added == 1);
    CHECK(!idx.terms("sub/readme").empty());
    CHECK(idx.post_extensions() == std::vector<std::string>{"text", "txt"});
}

TEST_CASE("a second writer gets LockError", "[index]") {
    TempDir db;
    Index first(db.str());
    CHECK_THROWS_AS(Index(db.str()), LockError);
}

TEST_CASE("a foreign or newer index is refused with a clear message", "[index]") {
    TempDir db;
    {
        Index idx(db.str());
    }
    {
        Xapian::WritableDatabase w(db.str());
        w.set_metadata("newsidx.analyzer", "newsidx-ko-en/999");
        w.commit();
    }
    try {
        Searcher s(db.str());
        FAIL("expected IndexError");
    } catch (const IndexError& e) {
        CHECK(std::string(e.what()).find("newsidx reindex") != std::string::npos);
    }
    {
        Index fixed(db.str(), true);
        fixed.reindex();
    }
    CHECK_NOTHROW(Searcher(db.str()));
}
