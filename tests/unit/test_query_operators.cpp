// Coordination of keyword lists and the boolean operators (split from
// test_query.cpp): what posts a query with several words selects, and how
// the posts holding every word rank.
#include <catch2/catch.hpp>

#include <newsidx/index.hpp>
#include <newsidx/searcher.hpp>

#include "query_parser.hpp"
#include "search_helpers.hpp"
#include "tmpdir.hpp"

#include <cstdio>
#include <set>
#include <string>
#include <vector>

using namespace newsidx;
using namespace newsidx::testing;

namespace {

std::string parse(const std::string& q, std::string* warning = nullptr) {
    std::string w;
    const std::string out = detail::describe(detail::parse_query(q, w));
    if (warning) *warning = w;
    return out;
}

// A request for `query`'s first `limit` hits, explained (SearchResult::explain_run).
SearchRequest explained(const std::string& query, std::size_t limit) {
    SearchRequest r;
    r.query = query;
    r.limit = limit;
    r.explain = true;
    return r;
}

// The request weighing every match (as --exact-total does) gives the page
// `first` was: the same hits in the same order with the same scores. Returns
// that run.
SearchResult same_as_every_match(Searcher& s, SearchRequest r, const SearchResult& first) {
    r.exact_total = true;
    SearchResult all = s.search(r);
    CHECK(all.explain_run == "whole query");
    REQUIRE(all.hits.size() == first.hits.size());
    for (std::size_t k = 0; k < all.hits.size(); ++k) {
        CHECK(all.hits[k].id == first.hits[k].id);
        CHECK(all.hits[k].score == Approx(first.hits[k].score).epsilon(1e-12));
    }
    return all;
}

}  // namespace

TEST_CASE("coordination: a keyword query's post with every concept outranks one with a single concept, however often",
          "[query][search][coordination]") {
    TempDir posts, db;
    const auto p = post_into(posts);
    // 삼성전자 is rare here and HBM common: BM25 alone puts the post that
    // repeats 삼성전자 (title and body) above the one holding both once.
    p("2025-01-01-samsung-only.md", "삼성전자 폴더블 공개, 삼성전자 언팩 현장",
      "삼성전자가 새 폴더블을 공개했다. 삼성전자는 힌지를 새로 설계했다. 삼성전자 모바일 사업부는 판매 목표를 높였다. "
      "삼성전자의 출고가는 조금 올랐다.");
    p("2025-01-02-both.md", "메모리 시장 동향",
      "올해 메모리 시장은 D램 가격이 오르며 회복세를 보였다. 업계에서는 삼성전자가 HBM 검증을 통과할지 주목한다. "
      "낸드 가격도 반등했고 서버 수요가 늘었다. 스마트폰 수요는 여전히 약하다.");
    for (int i = 0; i < 8; ++i)
        p("2025-02-0" + std::to_string(i + 1) + "-hbm.md", "HBM 소식 " + std::to_string(i),
          "HBM 공급이 늘었다. 메모리 업계는 HBM 생산을 늘리고 있다. 이번 분기 " + std::to_string(i) + "번째 소식이다.");
    Index idx(db.str());
    idx.add({posts.str()});
    Searcher s(db.str());
    auto search = [&](const std::string& q) {
        return s.search(explained(q, 20));
    };
    const SearchResult res = search("HBM 삼성전자");
    REQUIRE(res.hits.size() == 10);  // an OR still: posts with one concept are found too
    CHECK(res.hits[0].id == "2025-01-02-both");
    CHECK(res.hits[1].id == "2025-01-01-samsung-only");
    // The shape: one AND of the two concepts beside their OR.
    CHECK(res.explain_expanded.find(" AND ") != std::string::npos);
    // Each word alone ranks as BM25 says: the repeated 삼성전자 first.
    CHECK(search("삼성전자").hits.at(0).id == "2025-01-01-samsung-only");
    // A sentence keeps its passage re-ranking, not coordination.
    CHECK(search("삼성전자가 HBM 검증을 통과했나").explain_expanded.find(" AND ") == std::string::npos);
    // One post holds both: the page of 20 (and its margin) needs the whole query.
    CHECK(res.explain_run == "whole query");
}

TEST_CASE("coordination: a page the posts holding every word fill is found from them alone, and is the query's own",
          "[query][search][coordination]") {
    TempDir posts, db;
    const auto p = post_into(posts);
    // Both words are common: 60 posts hold both, 30 one of them.
    for (int i = 0; i < 60; ++i)
        p("2025-01-" + std::to_string(10 + i % 19) + "-both-" + std::to_string(i) + ".md", "시장 소식 " + std::to_string(i),
          "가격과 수요를 살펴본다. 가격이 오르고 수요가 늘었다. 글 " + std::to_string(i) + ".");
    for (int i = 0; i < 30; ++i)
        p("2025-02-" + std::to_string(10 + i % 19) + "-one-" + std::to_string(i) + ".md", "한 단어 " + std::to_string(i),
          std::string(i % 2 ? "가격 이야기. 가격은 그대로다." : "수요 이야기. 수요는 그대로다.") + " 오늘의 기록 " +
              std::to_string(i) + "번을 남긴다.");
    Index(db.str()).add({posts.str()});
    Searcher s(db.str());
    for (const std::size_t limit : {1, 5, 10}) {
        const SearchRequest r = explained("가격 수요", limit);
        const SearchResult first = s.search(r);
        INFO("limit " << limit << ": " << first.explain_run);
        CHECK(first.explain_run.rfind("coordinated first", 0) == 0);
        REQUIRE(first.hits.size() == limit);
        for (const Hit& h : first.hits) CHECK(h.id.find("-both-") != std::string::npos);
        CHECK(same_as_every_match(s, r, first).estimated_total == 90);
        // The count: every post holding either word, exact at this size.
        CHECK(first.estimated_total == 90);
        CHECK(first.total_exact);
    }
    // By date, every match counts: the whole query.
    SearchRequest d;
    d.query = "가격 수요";
    d.sort = Sort::Date;
    d.explain = true;
    CHECK(s.search(d).explain_run == "whole query");
}

TEST_CASE("coordination: a post lacking a word is bounded by the words it can hold, not by all of them",
          "[query][search][coordination]") {
    TempDir posts, db;
    const auto p = post_into(posts);
    // 60 long posts hold both words once; 20 short ones (10 per word)
    // repeat one word in the title and the text, which sets each word's
    // weight bound. The posts holding both score about the sum of the two
    // bounds, less than Xapian's bound for the words' OR, and about twice
    // what a post lacking one word can reach: one word's bound.
    std::string filler;
    for (int k = 0; k < 80; ++k) filler += " 산책" + std::to_string(k);
    for (int i = 0; i < 60; ++i) {
        std::string more;
        for (int k = 0; k < i % 7; ++k) more += " 산책도 했다.";
        p("2025-01-" + std::to_string(10 + i % 19) + "-both-" + std::to_string(i) + ".md", "시장 소식 " + std::to_string(i),
          "오늘은 시장 이야기를 적어 둔다. 가격이 조금 올랐고 수요가 늘었다." + filler + more);
    }
    for (int i = 0; i < 20; ++i) {
        const std::string w = i % 2 ? "가격" : "수요";
        p("2025-02-" + std::to_string(10 + i % 19) + "-one-" + std::to_string(i) + ".md", w + " 메모 " + std::to_string(i),
          w + " " + w + " " + w + " " + w);
    }
    Index(db.str()).add({posts.str()});
    Searcher s(db.str());
    for (const std::size_t limit : {1, 10, 20}) {
        const SearchRequest r = explained("가격 수요", limit);
        const SearchResult first = s.search(r);
        INFO("limit " << limit << ": " << first.explain_run);
        REQUIRE(first.explain_run.rfind("coordinated first", 0) == 0);
        // "(last > bound)": the bound is one word's (the two are alike
        // here), which the page's last beats, and the OR's (twice it), which
        // it does not: the page is found from the posts holding both only
        // because a post lacking a word is bounded by the other word alone.
        double last = 0, bound = 0;
        REQUIRE(std::sscanf(first.explain_run.c_str() + first.explain_run.rfind('('), "(%lf > %lf)", &last, &bound) == 2);
        CHECK(last > bound);
        CHECK(last < 2 * bound);
        same_as_every_match(s, r, first);
        CHECK(first.estimated_total == 80);
    }
    // A page deeper than the posts holding both: the whole query.
    const SearchResult r70 = s.search(explained("가격 수요", 70));
    CHECK(r70.explain_run == "whole query");
    CHECK(r70.hits.size() == 70);
}

// --- Operators (issue 19 item 3): AND, NOT, +word, --all -------------------

TEST_CASE("operators: parse trees, precedence NOT/-/+ then AND then OR", "[query][operators]") {
    std::string w;
    CHECK(parse("SVM AND 커널", &w) == "AND(+SVM +커널)");
    CHECK(w.empty());
    CHECK(parse("SVM NOT 커널") == "AND(SVM -커널)");
    CHECK(parse("SVM AND NOT 커널") == "AND(+SVM -커널)");
    CHECK(parse("SVM AND -커널") == "AND(+SVM -커널)");
    CHECK(parse("+SVM 커널") == "AND(+SVM 커널)");
    CHECK(parse("+SVM -커널") == "AND(+SVM -커널)");
    CHECK(parse("+SVM AND 커널") == "AND(+SVM +커널)");
    CHECK(parse("a OR b AND c") == "OR(a AND(+b +c))");
    CHECK(parse("a AND b OR c") == "OR(AND(+a +b) c)");
    CHECK(parse("a b AND c d") == "AND(a +b +c d)");  // as Lucene: AND binds its neighbours only
    CHECK(parse("a AND b AND c") == "AND(+a +b +c)");
    CHECK(parse("(a OR b) AND c") == "AND(+OR(a b) +c)");
    CHECK(parse("(a b) AND c") == "AND(+AND(a b) +c)");
    CHECK(parse("NOT a OR b") == "OR(-a b)");
    CHECK(parse("+\"AI 동맹\" 삼성") == "AND(+\"AI 동맹\" 삼성)");
    CHECK(parse("+title:스타게이트 삼성") == "AND(+title:스타게이트 삼성)");
    CHECK(parse("+스타게*") == "+스타게*");
    CHECK(parse("NOT 애플") == "-애플");
    CHECK(parse("a && b || c") == "OR(AND(+a +b) c)");
    // Signs over signs: an exclusion stays one.
    CHECK(parse("+-a b") == "AND(-a b)");
    CHECK(parse("NOT +a b") == "AND(-a b)");
    CHECK(parse("NOT -a b") == "AND(-a b)");
    CHECK(parse("--a ++b") == "AND(-a ++b)");
    // Words: lowercase operators (as in Lucene), a lone +, C++ and ++x.
    CHECK(parse("a and b or c not d", &w) == "AND(a and b or c not d)");
    CHECK(w.empty());
    CHECK(parse("+ a") == "AND(+ a)");
    CHECK(parse("C++ +C++ ++x") == "AND(C++ +C++ ++x)");
    CHECK(parse("title:AND") == "title:AND");
}

TEST_CASE("operators: a dangling operator is searched as a word, with a warning", "[query][operators]") {
    std::string w;
    CHECK(parse("SVM AND", &w) == "AND(SVM AND)");
    CHECK(w == "AND at column 5 has nothing after it; searched as a word");
    CHECK(parse("AND SVM", &w) == "AND(AND SVM)");
    CHECK(w == "AND at column 1 has nothing before it; searched as a word");
    CHECK(parse("NOT", &w) == "NOT");
    CHECK(w == "NOT at column 1 has nothing after it; searched as a word");
    CHECK(parse("커널 NOT", &w) == "AND(커널 NOT)");
    CHECK(w == "NOT at column 4 has nothing after it; searched as a word");
    CHECK(parse("(SVM AND) 커널", &w) == "AND(AND(SVM AND) 커널)");
    CHECK(w == "AND at column 6 has nothing after it; searched as a word");
    CHECK(parse("a AND OR b", &w) == "OR(AND(a AND) b)");
    CHECK(w == "AND at column 3 has nothing after it; searched as a word");
    CHECK(parse("a OR OR b", &w) == "OR(AND(a OR) b)");
    CHECK(w == "OR at column 3 has nothing after it; searched as a word");
    CHECK(parse("a AND b OR", &w) == "AND(+a +b OR)");
    CHECK(w == "OR at column 9 has nothing after it; searched as a word");
    // Two at once: both named.
    parse("AND a OR", &w);
    CHECK(w == "AND at column 1 has nothing before it; searched as a word; OR at column 7 has nothing after it; "
               "searched as a word");
    // A syntax error elsewhere falls back to the plain words with its own warning only.
    CHECK(parse("(삼성 AND", &w) == "AND(삼성 AND)");
    CHECK(w == "unclosed parenthesis at column 1; searching the plain words");
}

namespace {

struct OpFixture {
    TempDir posts, db;
    OpFixture() {
        const auto p = post_into(posts);
        p("2025-03-01-both.md", "SVM과 커널", "SVM은 커널 트릭으로 비선형 분류를 한다. 커널을 고르는 법.");
        p("2025-03-02-svm.md", "SVM 입문", "SVM은 마진을 최대화하는 분류기다.");
        p("2025-03-03-kernel.md", "리눅스 커널", "커널 모듈을 빌드한다.");
        p("2025-03-04-samsung.md", "삼성 소식", "삼성이 반도체를 만든다.");
        p("2025-03-05-apple.md", "애플 소식", "애플이 아이폰을 낸다.");
        Index(db.str()).add({posts.str()});
    }
    SearchResult run(const std::string& q, bool all = false) {
        Searcher s(db.str());
        SearchRequest r;
        r.query = q;
        r.all = all;
        r.explain = true;
        r.exact_total = true;
        return s.search(r);
    }
    std::vector<std::string> ids(const std::string& q, bool all = false) {
        std::vector<std::string> out;
        for (const Hit& h : run(q, all).hits) out.push_back(h.id);
        return out;
    }
    std::set<std::string> set(const std::string& q, bool all = false) {
        const auto v = ids(q, all);
        return {v.begin(), v.end()};
    }
};

using Ids = std::set<std::string>;
const std::string kBoth = "2025-03-01-both", kSvm = "2025-03-02-svm", kKernel = "2025-03-03-kernel",
                  kSamsung = "2025-03-04-samsung", kApple = "2025-03-05-apple";

}  // namespace

TEST_CASE("operators: AND, NOT, +word and -word select posts", "[query][search][operators]") {
    OpFixture f;
    // Side by side: any word (the post without SVM too).
    CHECK(f.set("SVM 커널") == Ids{kBoth, kSvm, kKernel});
    CHECK(f.set("SVM AND 커널") == Ids{kBoth});
    CHECK(f.set("SVM && 커널") == Ids{kBoth});
    CHECK(f.set("SVM NOT 커널") == Ids{kSvm});
    CHECK(f.set("SVM AND NOT 커널") == Ids{kSvm});
    // +word: required; the other words only rank (the post with 커널 first).
    const auto plus = f.ids("+SVM 커널");
    CHECK(plus == std::vector<std::string>{kBoth, kSvm});
    CHECK(f.ids("커널 +SVM") == plus);
    CHECK(f.set("+커널 SVM") == Ids{kBoth, kKernel});
    // + and - together.
    CHECK(f.set("+커널 -리눅스 SVM") == Ids{kBoth});
    CHECK(f.set("+커널 -SVM") == Ids{kKernel});
    // Precedence: a OR b AND c is a OR (b AND c), not (a OR b) AND c.
    CHECK(f.set("삼성 OR SVM AND 커널") == Ids{kSamsung, kBoth});
    CHECK(f.set("(삼성 OR SVM) AND 커널") == Ids{kBoth});
    // +"phrase", +title:word.
    CHECK(f.set("+\"커널 모듈\" SVM") == Ids{kKernel});
    CHECK(f.set("+title:리눅스 커널 SVM") == Ids{kKernel});
    // A Korean word with its particle requires its stem: 삼성이 -> 삼성.
    CHECK(f.set("+삼성이 애플") == Ids{kSamsung});
    CHECK(f.set("삼성이 AND 반도체를") == Ids{kSamsung});
    // Counts are exact over the required set.
    CHECK(f.run("+SVM 커널").estimated_total == 2);
}

TEST_CASE("operators: --all requires every word but stop and question words", "[query][search][operators]") {
    OpFixture f;
    CHECK(f.set("SVM 커널", true) == Ids{kBoth});
    CHECK(f.ids("SVM 커널", true) == f.ids("+SVM +커널"));
    CHECK(f.ids("SVM 커널", true) == f.ids("SVM AND 커널"));
    // A question word is no requirement (no post holds 무엇): dropped beside the others.
    const SearchResult q = f.run("SVM 커널은 무엇", true);
    CHECK(q.explain_parsed == "AND(+SVM +커널은 무엇)");
    REQUIRE(q.hits.size() == 1);
    CHECK(q.hits[0].id == kBoth);
    // OR alternatives stay alternatives, -word still excludes.
    CHECK(f.set("리눅스 커널 OR 삼성", true) == Ids{kKernel, kSamsung});
    CHECK(f.set("커널 -리눅스", true) == Ids{kBoth});
    // One word alone: itself.
    CHECK(f.ids("SVM", true) == f.ids("SVM"));
}

TEST_CASE("operators: --explain shows the tree that ran, warnings reach the result", "[query][search][operators]") {
    OpFixture f;
    // svm is also a word of a file name (2025-03-02-svm.md): its file-name
    // term, in one synonym with it, beside it at x0.2 (schema::kFileNameField); 커널 is none.
    const std::string svm = "(svm OR (0.2000000000000000111 * (svm SYNONYM XFsvm) FILTER XFsvm))";
    const SearchResult r = f.run("+SVM -커널");
    CHECK(r.explain_parsed == "AND(+SVM -커널)");
    CHECK(r.explain_expanded == "Query((" + svm + " AND_NOT 커널))");
    const SearchResult m = f.run("+SVM 커널");
    CHECK(m.explain_parsed == "AND(+SVM 커널)");
    CHECK(m.explain_expanded == "Query((" + svm + " AND_MAYBE 커널))");
    const SearchResult a = f.run("SVM AND 커널");
    CHECK(a.explain_parsed == "AND(+SVM +커널)");
    CHECK(a.explain_expanded == "Query((" + svm + " AND 커널))");
    const SearchResult all = f.run("SVM 커널", true);
    CHECK(all.explain_parsed == "AND(+SVM +커널)");
    CHECK(all.explain_expanded == a.explain_expanded);
    // A dangling AND: a warning, and the word (a stop word) dropped.
    const SearchResult d = f.run("SVM AND");
    CHECK(d.warnings == std::vector<std::string>{"AND at column 5 has nothing after it; searched as a word"});
    CHECK(d.explain_parsed == "AND(SVM AND)");
    CHECK(f.set("SVM AND") == f.set("SVM"));
    CHECK(f.run("SVM 커널").warnings.empty());
}
