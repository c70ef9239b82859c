#include <catch2/catch.hpp>

#include <newsidx/analyzer.hpp>
#include <newsidx/index.hpp>
#include <newsidx/searcher.hpp>

#include "analysis.hpp"
#include "passages.hpp"
#include "query_builder.hpp"
#include "schema.hpp"
#include "query_parser.hpp"
#include "rerank.hpp"
#include "sketch_cache.hpp"
#include "tmpdir.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

using namespace newsidx;

namespace {

// The coverage of `text` as one piece of a post: sketched as the indexer
// does (analyzed, then cut into sentences), asked as the re-ranker does.
double passage_coverage(const std::string& text, const std::vector<std::string>& stems,
                        const std::vector<double>& weights) {
    static const Analyzer an;
    const std::string value = detail::passage_sketch(detail::analyze(an, text), text);
    return detail::passage_coverage(detail::PassageSketch(value, 1), detail::focus_words(stems, weights));
}

}  // namespace

TEST_CASE("passage coverage: the best two adjacent sentences, weighted", "[rerank]") {
    const std::vector<std::string> words = {"히로히토", "교육", "군인"};
    const std::vector<double> even = {1, 1, 1};
    // All three in one sentence.
    CHECK(passage_coverage("메이지 천황은 히로히토의 교육을 군인에게 맡겼다. 끝.", words, even) == Approx(1.0));
    // Spread over two adjacent sentences: still one passage.
    CHECK(passage_coverage("히로히토의 교육이 시작됐다. 군인이 맡았다.", words, even) == Approx(1.0));
    // Three sentences apart: the best window holds two of three.
    CHECK(passage_coverage("히로히토의 교육이 시작됐다. 궁은 조용했다. 해가 지났다. 군인이 왔다.", words, even) ==
          Approx(2.0 / 3.0));
    // Weights: the rare word counts more.
    CHECK(passage_coverage("히로히토가 왔다. 비가 왔다. 눈이 왔다. 군인이 왔다.", words, {3, 1, 1}) == Approx(3.0 / 5.0));
    // A sentence ends only at . ? ! followed by white space: decimals do not end one.
    CHECK(passage_coverage("히로히토 1.5 2.5 교육 군인", words, even) == Approx(1.0));
    CHECK(passage_coverage("히로히토 1. 5 2. 5 교육 군인", words, even) == Approx(2.0 / 3.0));
    CHECK(passage_coverage("", words, even) == 0);
    CHECK(passage_coverage("아무것도 없다.", words, even) == 0);
    CHECK(passage_coverage("히로히토", {}, {}) == 0);
}

TEST_CASE("passage coverage: the post-wide filter changes no answer, only what is asked", "[rerank]") {
    static const Analyzer an;
    std::string text;
    for (int i = 0; i < 6; ++i)
        text += "스타게이트 데이터센터에 전력이 모자란다. 소프트뱅크는 투자를 늘렸다. 삼성 전자는 메모리를 공급한다. ";
    text += "월드컵때 사람들이 모였다. 문민 정부가 들어섰다.";
    const std::string value = detail::passage_sketch(detail::analyze(an, text), text);
    REQUIRE(value[0] == 's');
    const detail::PassageSketch with(value, 1);
    REQUIRE(with.post().m > 0);
    // The same sketch without its post-wide filter: 's' -> 'r', the filter's bytes cut.
    std::size_t at = 1;
    auto varint = [&] {
        std::uint64_t v = 0;
        for (unsigned shift = 0;; shift += 7) {
            const auto b = static_cast<unsigned char>(value[at++]);
            v |= std::uint64_t{b & 0x7fu} << shift;
            if (!(b & 0x80)) return v;
        }
    };
    at += varint();  // the title's filter
    const std::size_t filter_at = at;
    at += varint();  // the post-wide filter
    const std::string old = "r" + value.substr(1, filter_at - 1) + "\x00" + value.substr(at);
    const detail::PassageSketch without(old, 1);
    REQUIRE(without.post().m == 0);
    REQUIRE(without.sentences() == with.sentences());
    for (const std::vector<std::string>& q :
         std::vector<std::vector<std::string>>{{"스타게이트", "전력", "투자"}, {"삼성전자", "메모리"},
                                               {"월드컵", "문민정부", "엔비디아"}, {"없는말", "데이터센터"},
                                               {"openai", "소프트뱅크", "정부"}}) {
        const auto words = detail::focus_words(q, std::vector<double>(q.size(), 1.0));
        INFO(q.front());
        const auto a = detail::best_passages(with, words, 3), b = detail::best_passages(without, words, 3);
        REQUIRE(a.size() == b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            CHECK(a[i].coverage == b[i].coverage);
            CHECK(a[i].sentence == b[i].sentence);
        }
        CHECK(detail::span_coverages(with, words, {0, 5, 11}) == detail::span_coverages(without, words, {0, 5, 11}));
    }
}

TEST_CASE("passage coverage: Hangul inside compounds, Latin only at a word start", "[rerank]") {
    const std::vector<double> one = {1};
    CHECK(passage_coverage("삼성전자의 실적.", {"삼성"}, one) == Approx(1.0));
    CHECK(passage_coverage("he said so.", {"ai"}, one) == 0);
    CHECK(passage_coverage("new ai chips.", {"ai"}, one) == Approx(1.0));
    CHECK(passage_coverage("(ai칩) 출시.", {"ai"}, one) == Approx(1.0));
    CHECK(passage_coverage("오픈ai가 발표했다.", {"ai"}, one) == Approx(1.0));  // after Hangul: a script boundary
    CHECK(passage_coverage("companies grow.", {"compani"}, one) == Approx(1.0));
    // A one-syllable Hangul stem must start a word: 상 is not found in 이상 or 세상.
    CHECK(passage_coverage("이상한 세상이다.", {"상"}, one) == 0);
    CHECK(passage_coverage("그는 상을 받았다.", {"상"}, one) == Approx(1.0));
    CHECK(passage_coverage("(상) 수여.", {"상"}, one) == Approx(1.0));
    CHECK(passage_coverage("역을 맡으며 돌아왔다.", {"맡"}, one) == Approx(1.0));
}

TEST_CASE("passage coverage: a long word not found whole earns part by its bigrams", "[rerank]") {
    const std::vector<double> one = {1};
    // 문민정부: 문민, 민정, 정부; two of three in the sentence, at the bigram credit.
    CHECK(passage_coverage("문민 정부가 출범했다.", {"문민정부"}, one) ==
          Approx(detail::kRerankBigramCredit * 2.0 / 3.0));
    CHECK(passage_coverage("문민정부가 출범했다.", {"문민정부"}, one) == Approx(1.0));
    // The share counts within one sentence, not summed over the window.
    CHECK(passage_coverage("문민 시대. 정부 출범.", {"문민정부"}, one) ==
          Approx(detail::kRerankBigramCredit * 1.0 / 3.0));
    // Two-syllable words have no smaller pieces: found whole or not at all.
    CHECK(passage_coverage("정치 부문.", {"정부"}, one) == 0);
    // Weighted with the other words: 히로히토 found (3), 문민정부 by bigrams (1).
    CHECK(passage_coverage("히로히토와 문민 시대의 정부.", {"히로히토", "문민정부"}, {3, 1}) ==
          Approx((3 + detail::kRerankBigramCredit * 2.0 / 3.0) / 4));
}

namespace {

struct Court {
    TempDir posts, db;
    Court() {
        auto p = [&](const std::string& name, const std::string& body) {
            posts.write(name, "---\ntitle: \"히로히토\"\n---\n\n" + body + "\n");
        };
        // The sibling: the words of the question again and again, but far apart.
        p("2025-03-01-childhood.md",
          "히로히토의 교육 이야기는 길다. 궁의 생활은 조용했다. 비가 자주 왔다. 군인들이 궁을 지켰다. "
          "히로히토의 교육 과정은 엄했다. 눈이 내렸다. 해가 바뀌었다. 여러 사람이 일을 맡았다. 봄이 왔다. "
          "여름이 갔다. 바람이 불었다. 군인의 수가 늘었다. 가을이 왔다. 히로히토의 교육은 오래 걸렸다. "
          "겨울이 왔다. 군인들이 행진했다. 누구도 그 일을 맡지 않았다. 히로히토는 교육을 좋아했다. "
          "봄비가 내렸다. 군인은 말이 없었다.");
        // The answer: every word of the question in one sentence, once.
        p("2025-03-02-tutor.md",
          "메이지 천황 때 히로히토의 교육은 군인이 맡았다. 그 뒤로 여러 해가 지났다. 궁에는 나무가 많았다. "
          "정원사는 매일 꽃을 돌보았다.");
        p("2025-03-03-other.md", "교육 제도가 바뀌었다. 학교가 늘었다.");
        p("2025-03-04-army.md", "군인의 월급이 올랐다. 부대가 이전했다.");
        Index idx(db.str());
        idx.add({posts.str()});
    }
};

std::vector<std::string> ids_of(const std::vector<detail::Ranked>& r) {
    std::vector<std::string> out;
    for (const auto& x : r)
        out.push_back(nlohmann::json::parse(x.it.get_document().get_data()).value("id", std::string()));
    return out;
}

}  // namespace

TEST_CASE("re-ranking puts the passage that answers a long question first", "[rerank][search]") {
    Court c;
    const std::string q = "히로히토의 교육을 맡은 군인은 누구인가";
    Analyzer an;
    std::string warning;
    const detail::BuiltQuery bq = detail::build_query(detail::parse_query(q, warning), an);
    REQUIRE(detail::wants_rerank(bq));
    CHECK(bq.focus == std::vector<std::string>{"히로히토", "교육", "맡", "군인"});

    Xapian::Database db(c.db.str());
    Xapian::Enquire enq(db);
    enq.set_query(bq.query);
    enq.set_weighting_scheme(Xapian::BM25Weight(0.9, 0, 1, 0.5, 0.5));
    const Xapian::MSet ms = enq.get_mset(0, 10);
    std::vector<detail::Ranked> bm25;
    for (auto it = ms.begin(); it != ms.end(); ++it) bm25.push_back({it, it.get_weight()});
    // BM25 alone prefers the sibling that repeats the name ...
    REQUIRE(ids_of(bm25).at(0) == "2025-03-01-childhood");
    // ... the passage bonus puts the answer first.
    const auto ranked = detail::rerank(db, ms, bq);
    REQUIRE(ranked.size() == bm25.size());
    CHECK(ids_of(ranked).at(0) == "2025-03-02-tutor");
    CHECK(ids_of(ranked).at(1) == "2025-03-01-childhood");
    for (std::size_t i = 1; i < ranked.size(); ++i) CHECK(ranked[i - 1].score >= ranked[i].score);

    // The Searcher gives the same order, and every page is cut from it.
    Searcher s(c.db.str());
    SearchRequest r;
    r.query = q;
    r.snippets = false;
    const SearchResult all = s.search(r);
    REQUIRE(all.hits.size() >= 3);
    CHECK(all.hits[0].id == "2025-03-02-tutor");
    CHECK(all.hits[0].score == Approx(ranked[0].score));
    r.offset = 1;
    r.limit = 1;
    const SearchResult page = s.search(r);
    REQUIRE(page.hits.size() == 1);
    CHECK(page.hits[0].id == all.hits[1].id);
    CHECK(page.hits[0].rank == 2);

    // Short queries are left to BM25.
    const detail::BuiltQuery two = detail::build_query(detail::parse_query("히로히토 교육", warning), an);
    CHECK(!detail::wants_rerank(two));
    // So are keyword lists: no question word, no particle or ending.
    const auto built = [&](const std::string& text) { return detail::build_query(detail::parse_query(text, warning), an); };
    CHECK(!detail::wants_rerank(built("히로히토 교육 군인")));
    CHECK(!detail::wants_rerank(built("딥시크 엔비디아 주가")));  // 주가 is not 주 + 가 here
    CHECK(!detail::wants_rerank(built("Stargate data center")));
    CHECK(detail::wants_rerank(built("히로히토의 교육 군인")));
    CHECK(detail::wants_rerank(built("히로히토 교육 군인 누구")));
    CHECK(!detail::wants_rerank(built("히로히토의 교육")));  // a sentence, but two content words
}

namespace {

const std::string kCourtQuestion = "히로히토의 교육을 맡은 군인은 누구인가";

// The id of the first hit for `q`, without snippets.
std::string first_hit(Searcher& s, const std::string& q = kCourtQuestion) {
    SearchRequest r;
    r.query = q;
    r.snippets = false;
    const SearchResult res = s.search(r);
    REQUIRE(!res.hits.empty());
    return res.hits[0].id;
}

// A writer takes value `slot` away from every post of `db`.
void drop_value(const std::string& db, Xapian::valueno slot) {
    Xapian::WritableDatabase w(db);
    for (Xapian::docid d = 1; d <= w.get_lastdocid(); ++d) {
        Xapian::Document doc = w.get_document(d);
        doc.remove_value(slot);
        w.replace_document(d, doc);
    }
    w.commit();
}

}  // namespace

TEST_CASE("re-ranking reads each hit's passage sketch, never its stored text", "[rerank][search]") {
    Court c;
    auto fresh_first_hit = [&] {
        Searcher s(c.db.str());
        return first_hit(s);
    };
    drop_value(c.db.str(), schema::kSlotText);
    CHECK(fresh_first_hit() == "2025-03-02-tutor");
    // Without the sketch the passage bonus is gone: BM25's order.
    drop_value(c.db.str(), schema::kSlotPassages);
    CHECK(fresh_first_hit() == "2025-03-01-childhood");
}

TEST_CASE("a Searcher keeps the sketches it read, and drops them when the index moves on", "[rerank][search]") {
    Court c;
    Searcher s(c.db.str());
    OpenOptions off;
    off.sketch_cache_bytes = 0;
    Searcher none(c.db.str(), off);
    CHECK(first_hit(s) == "2025-03-02-tutor");
    CHECK(first_hit(s) == "2025-03-02-tutor");  // from the kept sketches
    CHECK(first_hit(none) == "2025-03-02-tutor");
    drop_value(c.db.str(), schema::kSlotPassages);  // a writer takes every sketch away
    s.reopen();
    none.reopen();
    // Kept sketches of the old revision would keep the passage bonus: BM25's order.
    CHECK(first_hit(s) == "2025-03-01-childhood");
    CHECK(first_hit(none) == "2025-03-01-childhood");
}

TEST_CASE("the sketch cache: hits, misses, a bound in bytes, least recently used out first", "[rerank]") {
    Court c;
    Xapian::Database db(c.db.str());
    REQUIRE(db.get_doccount() == 4);
    // The document, read only on a miss: `reads` counts the calls.
    std::size_t reads = 0;
    const auto doc = [&](Xapian::docid d) {
        return [&db, &reads, d] {
            ++reads;
            return db.get_document(d);
        };
    };
    const std::size_t one = detail::PassageSketch(db.get_document(1).get_value(schema::kSlotPassages), 1).footprint();

    detail::SketchCache big(1 << 20);
    const auto a = big.get(1, doc(1));
    CHECK(reads == 1);
    CHECK(big.get(1, doc(1)) == a);  // the same decoded sketch, not read again
    CHECK(reads == 1);               // nor its document
    CHECK(big.hits() == 1);
    CHECK(big.misses() == 1);
    CHECK(a->sentences() == detail::PassageSketch(db.get_document(1).get_value(schema::kSlotPassages), 1).sentences());
    for (Xapian::docid d = 2; d <= 4; ++d) big.get(d, doc(d));
    CHECK(big.misses() == 4);
    const std::size_t all = big.bytes();
    big.clear();
    CHECK(big.bytes() == 0);
    CHECK(big.get(1, doc(1)) != a);  // read again after clear()
    CHECK(big.misses() == 5);

    // Room for sketch 1 and a little more: each new sketch pushes the least recently used out.
    detail::SketchCache small(one + 1);
    small.get(1, doc(1));
    small.get(1, doc(1));
    CHECK(small.hits() == 1);
    for (Xapian::docid d = 2; d <= 4; ++d) {
        small.get(d, doc(d));
        CHECK(small.bytes() <= one + 1);
    }
    small.get(1, doc(1));
    CHECK(small.hits() == 1);  // it was pushed out
    CHECK(all > one + 1);

    detail::SketchCache off(0);
    off.get(1, doc(1));
    off.get(1, doc(1));
    CHECK(off.hits() == 0);
    CHECK(off.misses() == 2);
    CHECK(reads == big.misses() + small.misses() + off.misses());  // each miss read its document once, no hit did
    CHECK(reads == 12);
    CHECK(off.bytes() == 0);
}

// The first `needed` hits of a re-ranking are those of a full one, ids and
// scores, while hits that cannot reach them are left unread: over 300
// KorQuAD passages and 60 of its questions (../shared, read-only).
TEST_CASE("re-ranking only as deep as the page: the first hits as a full re-ranking, fewer sketches read",
          "[rerank][search]") {
    namespace fs = std::filesystem;
    const fs::path kq = fs::path(NEWSIDX_SHARED_DIR) / "eval" / "korquad";
    std::vector<fs::path> docs;
    for (const auto& e : fs::directory_iterator(kq / "docs")) docs.push_back(e.path());
    std::sort(docs.begin(), docs.end());
    REQUIRE(docs.size() >= 300);
    TempDir posts, db;
    for (std::size_t i = 0; i < 300; ++i) fs::copy_file(docs[i], fs::path(posts.str()) / docs[i].filename());
    {
        Index idx(db.str());
        idx.add({posts.str()});
    }
    std::ifstream qs(kq / "queries-dev.tsv");
    REQUIRE(qs);
    Xapian::Database x(db.str());
    Analyzer an;
    std::size_t questions = 0, full_reads = 0, page_reads = 0;
    for (std::string line; questions < 60 && std::getline(qs, line);) {
        const std::string q = line.substr(line.find('\t') + 1);
        std::string warning;
        const detail::BuiltQuery bq = detail::build_query(detail::parse_query(q, warning), an);
        if (!detail::wants_rerank(bq)) continue;
        ++questions;
        Xapian::Enquire enq(x);
        enq.set_query(bq.query);
        const Xapian::MSet ms = enq.get_mset(0, detail::kRerankDepth);
        const auto full = detail::rerank(x, ms, bq, detail::kRerankDepth, &full_reads);
        for (std::size_t needed : {1, 3, 10}) {
            const auto page = detail::rerank(x, ms, bq, needed, needed == 10 ? &page_reads : nullptr);
            INFO(q << " needed " << needed);
            REQUIRE(page.size() == full.size());
            for (std::size_t i = 0; i < needed && i < full.size(); ++i) {
                CHECK(*page[i].it == *full[i].it);
                CHECK(page[i].score == full[i].score);
            }
        }
    }
    CHECK(questions >= 30);
    // Ten hits of a page need fewer passages than fifty.
    CHECK(page_reads < full_reads);
}
