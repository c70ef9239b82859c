// Issue 18 item 3: one posting list per spelling the index knows — known
// compounds and names, hyphenated words — so the query needs no phrase of
// the parts.
#include <catch2/catch.hpp>

#include <newsidx/index.hpp>
#include <newsidx/searcher.hpp>

#include "search_helpers.hpp"
#include "tmpdir.hpp"

#include <set>
#include <string>
#include <vector>

using namespace newsidx;
using namespace newsidx::testing;

namespace {

// `q` with every match weighed (--exact-total), explained, with snippets.
SearchResult everything(Searcher& s, const std::string& q) {
    SearchRequest r;
    r.query = q;
    r.exact_total = true;
    r.explain = true;
    r.snippets = true;
    return s.search(r);
}

std::set<std::string> ids_of(const SearchResult& r) {
    std::set<std::string> out;
    for (const Hit& h : r.hits) out.insert(h.id);
    return out;
}

}  // namespace

// Issue 18 item 3: a known compound and a known name are one posting list
// each. The index writes a spaced 삼성 전자 / 스타 게이트 / 오픈 AI with the
// joined or concept term, so the query needs no phrase of the parts and
// still finds every spelling; a compound the index would not join keeps the
// phrase as its fallback.
TEST_CASE("one posting list per known compound or name: spaced spellings found without phrase ORs",
          "[query][search][concepts]") {
    TempDir posts, db;
    const auto post = post_into(posts);
    auto p = [&](const std::string& name, const std::string& body) { post(name, name, body); };
    p("2025-03-01-joined.md", "삼성전자가 실적을 냈다. 스타게이트 계획이 나왔다. OpenAI가 발표했다.");
    p("2025-03-02-spaced.md", "삼성 전자의 실적이다. 스타 게이트 계획이다. 오픈 AI가 발표했다.");
    p("2025-03-03-apart.md", "삼성의 전자 제품과 스타 선수, 공항 게이트. 오픈 소스 AI 모델.");
    p("2025-03-04-chip.md", "인공지능 반도체 수요가 늘었다.");
    Index idx(db.str());
    idx.add({posts.str()});
    Searcher s(db.str());
    auto expanded = [&](const std::string& q) { return everything(s, q).explain_expanded; };
    auto ids = [&](const std::string& q) { return ids_of(everything(s, q)); };
    const std::set<std::string> both{"2025-03-01-joined", "2025-03-02-spaced"};
    for (const char* q : {"삼성전자", "삼성 전자", "스타게이트", "스타 게이트", "OpenAI", "오픈AI", "오픈 AI"}) {
        INFO(q);
        CHECK(ids(q) == both);
    }
    // The shapes: no phrase for them.
    for (const char* q : {"삼성전자", "스타 게이트", "오픈 AI"}) {
        INFO(q);
        CHECK(expanded(q).find("PHRASE") == std::string::npos);
    }
    // 인공지능반도체 splits by syllable count, not by the lexicon: the index
    // does not join 인공지능 반도체, so the phrase of its parts stays and finds it.
    CHECK(expanded("인공지능반도체").find("PHRASE") != std::string::npos);
    CHECK(ids("인공지능반도체") == std::set<std::string>{"2025-03-04-chip"});
}

// Issue 18 item 3, hyphenated words: the index joins two words written with
// a hyphen (Kappa-9x -> kappa9x at kappa's position, stages.hpp
// join_hyphenated), so the query word Kappa-9x is that one term, no phrase
// of its parts, and it meets the post writing Kappa9x; a spaced Kappa 9x
// stays two words (a code is not written spaced), and the parts alone still
// find the hyphenated post. Between two words (open-source) the spaced
// spelling's phrase is one more spelling of the join.
TEST_CASE("hyphenated words: one joined term, found written joined, no phrase of the parts",
          "[query][search][concepts]") {
    TempDir posts, db;
    const auto post = post_into(posts);
    auto p = [&](const std::string& name, const std::string& body) { post(name, name, body); };
    p("2025-04-01-hyphen.md", "Kappa-9x를 써 봤다. 검색 결과를 re-ranking 한다.");
    p("2025-04-02-joined.md", "Kappa9x 후기. 결과를 reranking 했다.");
    p("2025-04-03-spaced.md", "Kappa 9x 모델이라는 이름도 보인다.");
    p("2025-04-04-apart.md", "Kappa 팀의 9x 줌 카메라, ranking 순위.");
    p("2025-04-05-name.md", "윤석열 대통령이 발표했다.");
    p("2025-04-06-open-hyphen.md", "An open-source engine.");
    p("2025-04-07-open-spaced.md", "An open source engine.");
    p("2025-04-08-open-apart.md", "Open the source files.");
    Index idx(db.str());
    idx.add({posts.str()});
    Searcher s(db.str());
    auto run = [&](const std::string& q) { return everything(s, q); };
    auto ids = [&](const std::string& q) { return ids_of(run(q)); };
    const std::set<std::string> both{"2025-04-01-hyphen", "2025-04-02-joined"};
    for (const char* q : {"Kappa-9x", "kappa9x", "KAPPA‐9X"}) {  // U+2010 HYPHEN in the last
        INFO(q);
        CHECK(ids(q) == both);
        CHECK(run(q).explain_expanded.find("PHRASE") == std::string::npos);
    }
    CHECK(ids("re-ranking") == both);
    CHECK(ids("reranking") == both);
    // Between two words (no digit, no one-letter side) the spaced spelling is
    // one more: open-source finds open source, as the phrase, not open ... source.
    const std::set<std::string> open{"2025-04-06-open-hyphen", "2025-04-07-open-spaced"};
    CHECK(ids("open-source") == open);
    CHECK(ids("opensource").count("2025-04-06-open-hyphen") == 1);
    CHECK(ids("Kappa-9x OR zzyzx") == both);  // in an OR too
    CHECK(ids("+Kappa-9x") == both);
    // A hyphenated word that spells a name with its neighbours is that name:
    // the built-in group 윤석열 = Yoon Suk Yeol = Yoon Suk-yeol.
    CHECK(ids("Yoon Suk-yeol") == std::set<std::string>{"2025-04-05-name"});
    CHECK(run("Yoon Suk-yeol").explain_expanded.find("sukyeol") == std::string::npos);
    // The quoted phrase still reads the parts, as written apart or hyphenated.
    CHECK(ids("\"kappa 9x\"") == std::set<std::string>{"2025-04-01-hyphen", "2025-04-03-spaced"});
    // The hyphenated post keeps its parts.
    CHECK(ids("+kappa +9x").count("2025-04-01-hyphen") == 1);
    // Its snippet marks both parts of the hyphenated word.
    const SearchResult res = run("kappa9x");
    const Hit* h = hit(res, "2025-04-01-hyphen");
    REQUIRE(h);
    CHECK(marked_words(h->snippet) == std::vector<std::string>{"Kappa", "9x를"});
}

// A name's spellings are marked where the name is written, never its parts
// alone: 오픈AI's runs 오픈 and AI are marked as 오픈AI or side by side (오픈
// AI), not in "AI 인프라" or "오픈 소스" (issue 17: stray highlights).
TEST_CASE("a name's parts are marked only together, as the name", "[query][search][concepts][snippet]") {
    TempDir posts, db;
    const auto post = post_into(posts);
    post("2025-05-01-openai.md", "새 모델 소식",
         "오픈AI가 새 모델을 냈다. 미국의 AI 인프라 투자가 늘었다. 오픈 AI의 발표도 있었다. 오픈 소스 진영은 조용했다.");
    post("2025-05-02-other.md", "AI 인프라", "미국의 AI 인프라 투자가 늘었다. 오픈 소스 진영은 조용했다.");
    Index idx(db.str());
    idx.add({posts.str()});
    Searcher s(db.str());
    for (const char* q : {"OpenAI", "오픈AI", "오픈에이아이"}) {
        INFO(q);
        const SearchResult res = everything(s, q);
        CHECK(ids_of(res) == std::set<std::string>{"2025-05-01-openai"});
        REQUIRE(res.hits.size() == 1);
        CHECK(marked_words(res.hits[0].snippet) == std::vector<std::string>{"오픈AI가", "오픈", "AI의"});
    }
    // A query word of its own is still marked wherever it stands.
    const SearchResult ai = everything(s, "AI");
    REQUIRE(hit(ai, "2025-05-02-other"));
    CHECK(marked_words(hit(ai, "2025-05-02-other")->snippet) == std::vector<std::string>{"AI"});
}

// The same for a name of several words and a hyphenated one: 젠슨 황 and
// GPT-5 are marked where they stand together, not a 황 or a 5 elsewhere.
TEST_CASE("a name of several words is marked only where its words stand together", "[query][search][concepts][snippet]") {
    TempDir posts, db;
    const auto post = post_into(posts);
    post("2025-05-03-names.md", "소식", "젠슨 황이 말했다. 황 씨와 젠슨 씨는 따로 왔다. GPT-5가 나왔다. 도구는 5개, GPT 스토어도 있다.");
    Index idx(db.str());
    idx.add({posts.str()});
    Searcher s(db.str());
    const SearchResult jensen = everything(s, "젠슨 황");
    REQUIRE(jensen.hits.size() == 1);
    CHECK(marked_words(jensen.hits[0].snippet) == std::vector<std::string>{"젠슨", "황이"});
    const SearchResult gpt = everything(s, "GPT-5");
    REQUIRE(gpt.hits.size() == 1);
    CHECK(marked_words(gpt.hits[0].snippet) == std::vector<std::string>{"GPT", "5가"});
}

// In a quoted phrase a mixed-script word is marked whole where it is written
// whole, and its runs side by side where written apart; the phrase's other
// word where the phrase holds it; the mixed word elsewhere (오픈AI의 새
// 모델) not at all.
TEST_CASE("a quoted phrase with a mixed-script word marks it whole or side by side", "[query][search][snippet]") {
    TempDir posts, db;
    const auto post = post_into(posts);
    post("2025-05-05-invest.md", "소식",
         "오픈AI 투자 소식이다. 오픈 AI 투자도 있다. AI 이야기는 따로 한다. 오픈AI의 새 모델도 따로 나왔다.");
    Index idx(db.str());
    idx.add({posts.str()});
    Searcher s(db.str());
    const SearchResult res = everything(s, "\"오픈AI 투자\"");
    REQUIRE(res.hits.size() == 1);
    CHECK(marked_words(res.hits[0].snippet) == std::vector<std::string>{"오픈AI", "투자", "오픈", "AI", "투자도"});
}

// A quoted phrase is marked where it matched, its words side by side; a
// word of it elsewhere in the post only when the query also asks for it
// alone. The title is marked alike.
TEST_CASE("a quoted phrase marks its words only side by side", "[query][search][snippet]") {
    TempDir posts, db;
    const auto post = post_into(posts);
    post("2025-05-06-ally.md", "AI 이야기와 동맹 이야기",
         "두 회사가 AI 동맹을 맺었다. 다른 AI 소식과 군사 동맹 소식은 따로 다룬다. 반도체 공급 계약도 있다.");
    Index idx(db.str());
    idx.add({posts.str()});
    Searcher s(db.str());
    const SearchResult phrase = everything(s, "\"AI 동맹\"");
    REQUIRE(phrase.hits.size() == 1);
    CHECK(marked_words(phrase.hits[0].snippet) == std::vector<std::string>{"AI", "동맹을"});
    CHECK(marked_words(phrase.hits[0].title_marked).empty());
    // Three words: each neighbouring pair as it stands.
    const SearchResult three = everything(s, "\"반도체 공급 계약\"");
    REQUIRE(three.hits.size() == 1);
    CHECK(marked_words(three.hits[0].snippet) == std::vector<std::string>{"반도체", "공급", "계약도"});
    // Asked for alone too: marked anywhere.
    const SearchResult both = everything(s, "\"AI 동맹\" AI");
    REQUIRE(both.hits.size() == 1);
    CHECK(marked_words(both.hits[0].snippet) == std::vector<std::string>{"AI", "동맹을", "AI"});
    CHECK(marked_words(both.hits[0].title_marked) == std::vector<std::string>{"AI"});
}
