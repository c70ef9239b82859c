// --jobs: worker threads read and analyze while one thread writes. Whatever
// the number of jobs, the index (every document's id, terms, wdf, positions,
// values and data), the counts and the order of errors and warnings are the
// same as a run on one thread.
#include <catch2/catch.hpp>

#include <newsidx/index.hpp>
#include <newsidx/searcher.hpp>

#include "tmpdir.hpp"

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <sstream>
#include <string>
#include <vector>

using namespace newsidx;

namespace {

// Length, data, values, terms with wdf and positions.
void write_doc(std::ostream& out, const Xapian::PostingIterator& p, const Xapian::Document& d) {
    out << "len " << p.get_doclength() << "\n" << d.get_data() << "\n";
    for (auto v = d.values_begin(); v != d.values_end(); ++v) out << "value " << v.get_valueno() << " " << *v << "\n";
    for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) {
        out << *t << " " << t.get_wdf() << ":";
        for (auto q = t.positionlist_begin(); q != t.positionlist_end(); ++q) out << " " << *q;
        out << "\n";
    }
}

// Every document, in docid order, with everything stored about it; and the
// metadata except the time of the last update.
std::string dump(const std::string& path) {
    Xapian::Database db(path);
    std::ostringstream out;
    out << "docs " << db.get_doccount() << " last " << db.get_lastdocid() << "\n";
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
        const Xapian::Document d = db.get_document(*p);
        out << "doc " << *p << " ";
        write_doc(out, p, d);
    }
    for (auto k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k)
        if (*k != "newsidx.updated") out << "meta " << *k << " " << db.get_metadata(*k) << "\n";
    return out.str();
}

// The documents by id (docids and the last docid left out) and the metadata:
// what searches see, whatever order the posts were written in.
std::string dump_by_id(const std::string& path) {
    Xapian::Database db(path);
    std::map<std::string, std::string> docs;
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
        const Xapian::Document d = db.get_document(*p);
        std::ostringstream out;
        write_doc(out, p, d);
        docs[d.get_value(3)] = out.str();
    }
    std::ostringstream out;
    out << "docs " << db.get_doccount() << "\n";
    for (const auto& [id, text] : docs) out << "id " << id << "\n" << text;
    for (auto k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k)
        if (*k != "newsidx.updated") out << "meta " << *k << " " << db.get_metadata(*k) << "\n";
    return out.str();
}

// Deterministic posts in Korean and English, with front-matter variety.
void write_posts(const TempDir& dir, int n, unsigned seed) {
    static const char* words[] = {"삼성이",   "스타게이트를", "오픈AI가", "데이터센터에서", "반도체", "투자했다",
                                  "엔비디아의", "칩을",       "search",   "engines",        "index", "3억",
                                  "달러를",   "AI 동맹",     "서울에서", "발표했다",       "the",   "quickly"};
    unsigned x = seed;
    auto rnd = [&x](unsigned m) {
        x = x * 1103515245u + 12345u;
        return (x >> 8) % m;
    };
    for (int i = 0; i < n; ++i) {
        std::string body;
        const unsigned len = 20 + rnd(400);
        for (unsigned w = 0; w < len; ++w) {
            body += words[rnd(sizeof words / sizeof *words)];
            body += (w % 17 == 16) ? ".\n\n" : " ";
        }
        std::string fm = "---\ntitle: \"글 " + std::to_string(i) + " " + words[rnd(18)] + "\"\n";
        if (i % 3 == 0) fm += "tags: [AI, 삼성]\n";
        if (i % 4 == 1) fm += "categories: tech\n";
        if (i % 5 == 2) fm += "date: 2025-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10) + "\n";
        if (i % 29 == 7) fm += "date: sometime\n";  // a warning
        if (i % 31 == 11) fm += "published: false\n";
        fm += "---\n\n";
        char name[64];
        std::snprintf(name, sizeof name, "gen/%02d/2025-01-01-post-%04d.md", i % 7, i);
        dir.write(name, fm + "## 제목 " + std::to_string(i) + "\n\n" + body + "\n");
    }
    dir.write("gen/03/broken.md", "---\ntitle: [unclosed\n---\nbody\n");      // front matter does not parse
    dir.write("gen/05/binary.md", std::string("---\ntitle: x\n---\n\xff\xfe\x00 bad", 24));  // not UTF-8
    dir.write("dup/same.md", "---\ntitle: first\n---\n\n먼저 쓴 글\n");
    dir.write("dup/same.markdown", "---\ntitle: second\n---\n\n나중에 쓴 글\n");  // same id: replaces it
}

struct Run {
    AddReport report;
    std::vector<std::string> events;  // errors and warnings, in the order they came
};

AddOptions options(unsigned jobs, Run& run) {
    AddOptions o;
    o.jobs = jobs;
    o.batch_bytes = 16 << 10;  // many commits
    o.on_error = [&run](const FileError& e) { run.events.push_back("error " + e.path + ": " + e.message); };
    o.on_warning = [&run](const std::string& p, const std::string& w) { run.events.push_back("warn " + p + ": " + w); };
    return o;
}

std::string counts(const AddReport& r) {
    return std::to_string(r.added) + " " + std::to_string(r.updated) + " " + std::to_string(r.unchanged) + " " +
           std::to_string(r.skipped) + " " + std::to_string(r.removed) + " " + std::to_string(r.failed);
}

Run add(const std::string& db, const std::vector<std::string>& paths, unsigned jobs) {
    Run run;
    Index idx(db);
    run.report = idx.add(paths, options(jobs, run));
    return run;
}

void same(const Run& a, const Run& b) {
    CHECK(counts(a.report) == counts(b.report));
    CHECK(a.events == b.events);
}

}  // namespace

TEST_CASE("add with --jobs N builds the same index as --jobs 1, with the same messages in the same order", "[index][jobs]") {
    TempDir posts, dbs;
    write_posts(posts, 160, 7);
    const std::string corpus = std::string(NEWSIDX_SOURCE_DIR) + "/corpus";
    const std::vector<std::string> paths{corpus, posts.str()};
    const std::string one = dbs.str() + "/one", three = dbs.str() + "/three", all = dbs.str() + "/all";

    const Run r1 = add(one, paths, 1), r3 = add(three, paths, 3), r0 = add(all, paths, 0);
    same(r1, r3);
    same(r1, r0);
    REQUIRE(r1.report.failed == 2);
    CHECK(r1.report.skipped > 0);
    CHECK(r1.report.updated == 1);  // dup/same.markdown replaced dup/same.md
    const auto broken = std::find_if(r1.events.begin(), r1.events.end(), [&](const std::string& e) {
        return e.rfind("error " + posts.str() + "/gen/03/broken.md: " + posts.str() + "/gen/03/broken.md:", 0) == 0;
    });
    CHECK(broken != r1.events.end());
    const std::string d1 = dump(one);
    CHECK(d1 == dump(three));
    CHECK(d1 == dump(all));

    // Incremental: changed, touched-but-identical, fixed, removed and new files.
    for (int i = 0; i < 160; i += 9) {
        char name[64];
        std::snprintf(name, sizeof name, "gen/%02d/2025-01-01-post-%04d.md", i % 7, i);
        const std::string p = posts.str() + "/" + name;
        if (i % 2) {
            posts.write(name, "---\ntitle: 고친 글\n---\n\n삼성이 다시 발표했다 " + std::to_string(i) + "\n");
        } else {
            std::filesystem::last_write_time(p, std::filesystem::last_write_time(p) + std::chrono::seconds(5));
        }
    }
    posts.write("gen/03/broken.md", "---\ntitle: 고쳤다\n---\n\n이제 읽힌다\n");
    posts.write("gen/06/new.md", "---\ntitle: 새 글\npublished: false\n---\n\n초안\n");
    posts.write("gen/06/new2.md", "---\ntitle: 새 글 둘\n---\n\n스타게이트를 새로\n");
    const Run i1 = add(one, paths, 1), i3 = add(three, paths, 3);
    same(i1, i3);
    CHECK(i1.report.added == 3);  // broken.md now reads, new2.md, post 135 is no longer a draft
    CHECK(i1.report.unchanged > 150);
    CHECK(dump(one) == dump(three));

    // reindex: the same per-file routine, from the stored paths.
    std::filesystem::remove(posts.str() + "/gen/06/new2.md");
    Run x1, x3;
    {
        Index a(one), b(three);
        x1.report = a.reindex(options(1, x1));
        x3.report = b.reindex(options(3, x3));
    }
    same(x1, x3);
    CHECK(x1.report.removed == 1);
    CHECK(x1.report.failed == 1);  // new2.md is gone
    CHECK(dump(one) == dump(three));

    // The index answers the same.
    Searcher s1(one), s3(three);
    for (const char* q : {"삼성", "\"AI 동맹\"", "스타게이트 tag:AI", "engines"}) {
        SearchRequest req;
        req.query = q;
        req.limit = 50;
        std::vector<std::string> h1, h3;
        for (const Hit& h : s1.search(req).hits) h1.push_back(h.id);
        for (const Hit& h : s3.search(req).hits) h3.push_back(h.id);
        CHECK(!h1.empty());
        CHECK(h1 == h3);
    }
}

TEST_CASE("a parallel first add writes one part database per worker and merges them into what one writer builds",
          "[index][jobs][parts]") {
    TempDir posts, dbs;
    write_posts(posts, 240, 11);
    const std::string corpus = std::string(NEWSIDX_SOURCE_DIR) + "/corpus";
    const std::vector<std::string> paths{corpus, posts.str()};
    const std::string one = dbs.str() + "/one", two = dbs.str() + "/two", four = dbs.str() + "/four";
    const Run r1 = add(one, paths, 1);
    auto parted = [&](const std::string& db, unsigned jobs, std::size_t part_posts = AddOptions{}.part_posts) {
        Run run;
        Index idx(db);
        AddOptions o = options(jobs, run);
        o.parts_min_posts = 10;
        o.part_posts = part_posts;
        run.report = idx.add(paths, o);
        return run;
    };
    const std::string small = dbs.str() + "/small-parts";
    const Run r2 = parted(two, 2), r4 = parted(four, 4);
    const Run rs = parted(small, 2, 25);  // about ten parts, each worker writing five in turn
    same(r1, r2);
    same(r1, r4);
    same(r1, rs);
    CHECK(rs.report.updated == 1);
    CHECK(r2.report.updated == 1);  // dup/same.markdown replaced dup/same.md, in the same part
    const std::string d1 = dump(one);
    CHECK(d1 == dump(two));  // docids too: part p holds the p-th slice, merged in order
    CHECK(d1 == dump(four));
    CHECK(d1 == dump(small));
    CHECK_FALSE(std::filesystem::exists(two + ".newsidx-parts"));
    CHECK_FALSE(std::filesystem::exists(small + ".newsidx-parts"));
    // It was written in parts: a handful of revisions (compaction, clean-up),
    // not one per 16 KiB batch.
    CHECK(Xapian::Database(one).get_revision() > 20);
    CHECK(Xapian::Database(two).get_revision() < 5);

    SECTION("below the threshold, or into an index that holds posts, one writer") {
        Run run;
        const std::string db = dbs.str() + "/small";
        {
            Index idx(db);
            AddOptions o = options(2, run);
            o.parts_min_posts = 100000;
            run.report = idx.add(paths, o);
        }
        CHECK(Xapian::Database(db).get_revision() > 20);
        CHECK(dump(db) == d1);
        posts.write("gen/00/late.md", "---\ntitle: 늦은 글\n---\n\n스타게이트를 늦게\n");
        const Run again = parted(two, 2);
        CHECK(again.report.added == 1);
        CHECK(again.report.unchanged > 200);
        CHECK(Xapian::Database(two).get_revision() < 8);
    }
    // A parallel add that a callback stops by throwing at the second error: its parts stay for the next writer.
    auto add_thrown = [&](const std::string& db, std::size_t part_posts) {
        std::size_t errors = 0;
        Index idx(db);
        Run run;
        AddOptions o = options(2, run);
        o.parts_min_posts = 10;
        o.part_posts = part_posts;
        o.on_error = [&](const FileError&) {
            if (++errors == 2) throw std::runtime_error("stop here");
        };
        CHECK_THROWS_WITH(idx.add(paths, o), "stop here");
    };
    SECTION("small parts: each worker writes several, one after the other") {
        const std::string db = dbs.str() + "/many";
        add_thrown(db, 25);
        const std::string dir = db + ".newsidx-parts";
        std::size_t made = 0, compacted = 0;
        for (const auto& e : std::filesystem::directory_iterator(dir)) {
            const std::string name = e.path().filename().string();
            made += name.rfind("part-", 0) == 0;
            compacted += name.size() > 2 && name.compare(name.size() - 2, 2, ".c") == 0;
        }
        CHECK(made > 2);  // more parts than the two workers
        // The second error is in a late part: each part before it was
        // finished, and compacted by its worker before it took the next.
        REQUIRE(std::filesystem::exists(dir + "/part-0.c"));
        CHECK_FALSE(std::filesystem::exists(dir + "/part-0"));
        CHECK(compacted > 1);
        // A kill between a compaction's rename and the removal of its source
        // leaves both; one during a compaction leaves a .tmp.
        std::filesystem::copy(dir + "/part-0.c", dir + "/part-0", std::filesystem::copy_options::recursive);
        std::filesystem::create_directories(dir + "/part-1.tmp");
        { Index idx(db); }  // the next writer merges them all, each once
        CHECK_FALSE(std::filesystem::exists(dir));
        Run rest;
        {
            Index idx(db);
            rest.report = idx.add(paths, options(2, rest));
        }
        CHECK(dump_by_id(db) == dump_by_id(one));
    }
    SECTION("a run stopped midway keeps its committed posts for the next writer, which merges them") {
        const std::string db = dbs.str() + "/stopped";
        add_thrown(db, AddOptions{}.part_posts);
        REQUIRE(std::filesystem::exists(db + ".newsidx-parts"));
        CHECK(Xapian::Database(db).get_doccount() == 0);  // readers never see a part
        Xapian::doccount merged = 0;
        {
            Index idx(db);  // the next writer merges
            merged = Xapian::Database(db).get_doccount();
        }
        CHECK_FALSE(std::filesystem::exists(db + ".newsidx-parts"));
        // How far the parts got before the stop depends on the scheduler
        // (the stop request below fixes the point).
        CHECK(merged > 0);
        CHECK(merged <= Xapian::Database(one).get_doccount());
        Run rest;
        {
            Index idx(db);
            rest.report = idx.add(paths, options(2, rest));
        }
        CHECK(rest.report.added + merged == Xapian::Database(one).get_doccount());
        CHECK(dump_by_id(db) == dump_by_id(one));
    }
    SECTION("stopped on request midway: the parts' posts are merged, the next add does the rest") {
        const std::string db = dbs.str() + "/asked";
        std::atomic<int> asked{0};
        Run run;
        {
            Index idx(db);
            AddOptions o = options(2, run);
            o.parts_min_posts = 10;
            o.stop = [&] { return ++asked > 60; };  // from both workers: 60 posts started, then no more
            run.report = idx.add(paths, o);
        }
        CHECK(run.report.stopped);
        CHECK_FALSE(std::filesystem::exists(db + ".newsidx-parts"));
        const Xapian::doccount merged = Xapian::Database(db).get_doccount();
        CHECK(merged > 0);
        CHECK(merged <= 60);
        CHECK(run.report.added == merged);
        CHECK(run.report.added + run.report.skipped + run.report.failed + run.report.updated <= 60);
        Run rest;
        {
            Index idx(db);
            rest.report = idx.add(paths, options(2, rest));
        }
        CHECK_FALSE(rest.report.stopped);
        CHECK(rest.report.added + merged == Xapian::Database(one).get_doccount());
        CHECK(dump_by_id(db) == dump_by_id(one));
    }
    SECTION("parts a kill left after the merge's swap are not merged twice") {
        // The state between the swap and the removal of the parts: the
        // index carries the run's token, the parts are still there.
        const std::string db = dbs.str() + "/twice";
        std::filesystem::copy(two, db);
        std::filesystem::create_directories(db + ".newsidx-parts");
        const std::string token = "2026-01-01T00:00:00Z 1 2";
        {
            Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
            w.set_metadata("newsidx.parts.merged", token);
            w.commit();
            Xapian::WritableDatabase part(db + ".newsidx-parts/part-0", Xapian::DB_CREATE);
            part.set_metadata("newsidx.parts.token", token);
            Xapian::Document d;
            d.add_boolean_term("Qghost");
            part.add_document(d);
            part.commit();
        }
        { Index idx(db); }
        CHECK_FALSE(std::filesystem::exists(db + ".newsidx-parts"));
        CHECK(Xapian::Database(db).get_doccount() == Xapian::Database(one).get_doccount());
        CHECK(Xapian::Database(db).get_metadata("newsidx.parts.merged").empty());
        CHECK(dump_by_id(db) == dump_by_id(one));
    }
}

TEST_CASE("a stop request ends add, sync and reindex early: what was done is committed, sync removes nothing",
          "[index][jobs][stop]") {
    TempDir posts, dbs;
    write_posts(posts, 120, 5);
    const std::vector<std::string> paths{posts.str()};
    const std::string one = dbs.str() + "/one", db = dbs.str() + "/stopped";
    add(one, paths, 1);
    const Xapian::doccount all = Xapian::Database(one).get_doccount();
    REQUIRE(all > 100);
    for (unsigned jobs : {1u, 3u}) {
        DYNAMIC_SECTION("--jobs " << jobs) {
            std::atomic<int> asked{0};
            Run run;
            {
                Index idx(db);
                AddOptions o = options(jobs, run);
                o.parts_min_posts = 0;  // one writer
                o.stop = [&] { return ++asked > 40; };
                run.report = idx.add(paths, o);
            }
            CHECK(run.report.stopped);
            const Xapian::doccount done = Xapian::Database(db).get_doccount();
            CHECK(done > 0);
            CHECK(done <= 40);
            CHECK(run.report.added == done);

            // A sync stopped at once has seen no file: it must not take the
            // posts it did not reach for deleted ones.
            Run sync;
            {
                Index idx(db);
                AddOptions o = options(jobs, sync);
                o.stop = [] { return true; };
                sync.report = idx.sync(posts.str(), o);
            }
            CHECK(sync.report.stopped);
            CHECK(sync.report.removed == 0);
            CHECK(Xapian::Database(db).get_doccount() == done);

            // A stopped reindex leaves the index marked as built by what built it.
            {
                Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
                w.set_metadata("newsidx.analyzer", "newsidx-ko-en/0");
                w.commit();
            }
            Run re;
            {
                Index idx(db, /*allow_version_mismatch=*/true);
                AddOptions o = options(jobs, re);
                std::atomic<int> n{0};
                o.stop = [&] { return ++n > 5; };
                re.report = idx.reindex(o);
            }
            CHECK(re.report.stopped);
            CHECK(re.report.updated <= 5);
            CHECK(Xapian::Database(db).get_metadata("newsidx.analyzer") == "newsidx-ko-en/0");
            {
                Index idx(db, true);
                re.report = idx.reindex(options(jobs, re));
            }
            CHECK_FALSE(re.report.stopped);
            CHECK(re.report.updated == done);
            CHECK(Xapian::Database(db).get_metadata("newsidx.analyzer") != "newsidx-ko-en/0");

            Run rest;
            {
                Index idx(db);
                rest.report = idx.add(paths, options(jobs, rest));
            }
            CHECK_FALSE(rest.report.stopped);
            CHECK(rest.report.added + done == all);
            CHECK(dump_by_id(db) == dump_by_id(one));
            std::filesystem::remove_all(db);
        }
    }
}
