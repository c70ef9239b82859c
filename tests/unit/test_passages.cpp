// The passage sketch (schema/passages.hpp): what the indexer writes for each
// post and what the re-ranker asks of it.
#include <catch2/catch.hpp>

#include <newsidx/analyzer.hpp>
#include <newsidx/error.hpp>

#include "analysis.hpp"
#include "passages.hpp"

#include <random>
#include <string>

using namespace newsidx;
using detail::PassageSketch;

namespace {

const Analyzer& analyzer() {
    static const Analyzer an;
    return an;
}

std::string sketch(const std::string& text) { return detail::passage_sketch(detail::analyze(analyzer(), text), text); }

}  // namespace

TEST_CASE("passage sketch: one filter per sentence, keys of each word", "[passages]") {
    const std::string v = sketch("삼성전자의 실적이 늘어났다. OpenAI announced Stargate! 스타게이트는 크다?");
    const PassageSketch s(v, 7);
    REQUIRE(s.sentences() == 3);
    // T: stems and parts; B: syllable pairs inside a word; F: a run's first syllable.
    CHECK(s.has(0, detail::passage_bigram("삼성")));   // inside 삼성전자의
    CHECK(s.has(0, detail::passage_bigram("전자")));
    CHECK(s.has(0, detail::passage_first("삼")));
    CHECK(s.has(1, detail::passage_term("openai")));
    CHECK(s.has(1, detail::passage_term("stargat")));  // Snowball's stem
    CHECK(s.has(2, detail::passage_bigram("게이")));
    // Verbs are asked by their dictionary form, which is not spelled in the word.
    CHECK(s.has(0, detail::passage_term("늘어나다")));
    // Keys stay in their sentence.
    CHECK_FALSE(s.has(1, detail::passage_bigram("삼성")));
    CHECK_FALSE(s.has(0, detail::passage_term("openai")));
    CHECK_FALSE(s.has(2, detail::passage_term("openai")));
    // A one-syllable key counts only where a run starts.
    CHECK_FALSE(s.has(0, detail::passage_first("성")));
}

TEST_CASE("passage sketch: pieces start sentences; empty text has none", "[passages]") {
    detail::PassageSketchWriter w;
    const std::string a = "첫 제목", b = "본문 첫 문장. 둘째 문장";
    w.add(a, detail::analyze(analyzer(), a), 0);
    w.add(b, detail::analyze(analyzer(), b), a.size() + 2);
    const std::string v = w.finish();
    const PassageSketch s(v, 1);
    CHECK(s.sentences() == 3);
    CHECK(s.has(0, detail::passage_bigram("제목")));
    CHECK(s.has(2, detail::passage_bigram("둘째")));
    CHECK(sketch("").empty());
    CHECK(sketch("   ").empty());
    CHECK(PassageSketch("", 1).sentences() == 0);
}

TEST_CASE("passage sketch: each sentence knows where it starts in the stored text", "[passages]") {
    const std::string text = "삼성전자의 실적이 늘어났다. OpenAI announced Stargate!  스타게이트는 크다?";
    const PassageSketch s(sketch(text), 7);
    REQUIRE(s.has_offsets());
    REQUIRE(s.sentences() == 3);
    CHECK(s.start(0) == 0);
    CHECK(s.start(1) == text.find("OpenAI"));
    CHECK(s.start(2) == text.find("스타게이트는"));

    // Pieces are placed where the writer says they start (a title and a
    // template paragraph between them are not in the stored text).
    detail::PassageSketchWriter w;
    const std::string a = "  머리말 문장", b = "본문 첫 문장. 둘째 문장";
    w.add(a, detail::analyze(analyzer(), a), 0);
    w.add(b, detail::analyze(analyzer(), b), 500);
    const PassageSketch p(w.finish(), 1);
    REQUIRE(p.sentences() == 3);
    CHECK(p.start(0) == 2);
    CHECK(p.start(1) == 500);
    CHECK(p.start(2) == 500 + b.find("둘째"));

    // A value written before offsets were kept ('p') still reads, without them.
    const PassageSketch old(std::string("p\x02\x00\x00", 4), 3);
    CHECK(old.sentences() == 2);
    CHECK_FALSE(old.has_offsets());
}

TEST_CASE("passage sketch: only the first kPassageMaxTextBytes are sketched", "[passages]") {
    std::string text;
    while (text.size() < detail::kPassageMaxTextBytes) text += "가나다 라마바. ";
    text += "끝자락에 숨은 낱말.";
    const PassageSketch s(sketch(text), 1);
    bool seen = false;
    for (std::size_t i = 0; i < s.sentences(); ++i) seen = seen || s.has(i, detail::passage_bigram("낱말"));
    CHECK_FALSE(seen);
    CHECK(s.has(0, detail::passage_bigram("가나")));
}

TEST_CASE("passage sketch: false positives stay rare", "[passages]") {
    // A long sentence and a short one; 20,000 keys the text does not hold.
    for (const std::string& text : {std::string("정치 부문."),
                                   std::string("메이지 천황 때 히로히토의 교육은 군인이 맡았다 그 뒤로 여러 해가 지났고 "
                                               "궁에는 나무가 많았으며 정원사는 매일 꽃을 돌보았다 data center AI chips")}) {
        const PassageSketch s(sketch(text), 1);
        REQUIRE(s.sentences() == 1);
        std::mt19937 rng(42);
        int hits = 0;
        const int n = 20000;
        for (int i = 0; i < n; ++i) hits += s.has(0, detail::passage_term("absent" + std::to_string(rng())));
        INFO(text);
        CHECK(hits < n / 200);  // under 0.5 % (the design: about 0.06 %)
    }
}

TEST_CASE("passage sketch: a long post carries a post-wide filter of every sentence's keys", "[passages]") {
    std::string text;
    const char* topics[] = {"삼성전자", "스타게이트", "반도체", "소프트뱅크", "데이터센터", "엔비디아",
                            "클라우드", "메모리", "투자자", "정부", "전력망"};
    for (const char* t : topics) text += std::string(t) + "의 소식이 이어졌다. ";
    text += "OpenAI announced new chips.";
    const PassageSketch s(sketch(text), 3);
    REQUIRE(s.sentences() == 12);
    REQUIRE(s.post().m > 0);
    // No false negatives: a key of any sentence is in the post-wide filter.
    std::vector<detail::PassageKey> keys = {detail::passage_term("openai"), detail::passage_term("chip")};
    for (const char* k : {"삼성", "전자", "게이", "데이", "센터", "투자", "전력", "력망", "반도"})
        keys.push_back(detail::passage_bigram(k));
    for (const detail::PassageKey& key : keys) {
        bool in_some = false;
        for (std::size_t i = 0; i < s.sentences(); ++i) in_some = in_some || s.has(i, key);
        CHECK(in_some);
        CHECK(s.may_hold(key));
    }
    // Keys the post lacks are refused (false positives: about 1 %).
    std::mt19937 rng(7);
    int held = 0;
    const int n = 20000;
    for (int i = 0; i < n; ++i) held += s.may_hold(detail::passage_term("absent" + std::to_string(rng())));
    CHECK(held < n / 25);
    // A short post has none, and then every key may be held.
    const PassageSketch short_post(sketch("삼성전자의 실적. 둘째 문장."), 4);
    CHECK(short_post.post().m == 0);
    CHECK(short_post.may_hold(detail::passage_term("absent")));
    // A value written before the post-wide filter ('r') reads, with every key possible.
    const PassageSketch old(std::string("r\x00\x01\x00\x00", 5), 5);
    CHECK(old.sentences() == 1);
    CHECK(old.has_sections());
    CHECK(old.may_hold(detail::passage_term("anything")));
}

TEST_CASE("passage sketch: a damaged value is refused, naming the document", "[passages]") {
    const std::string good = sketch("삼성전자의 실적. 둘째 문장.");
    for (const std::string& bad : {std::string("x"), std::string("p"), good.substr(0, good.size() - 1), good + "z",
                                   std::string("p\x05\x01"), std::string("q\x01\xff\xff\x7f\x00", 6)}) {
        try {
            PassageSketch s(bad, 42);
            FAIL("accepted a damaged sketch");
        } catch (const Error& e) {
            CHECK(std::string(e.what()).find("document 42") != std::string::npos);
            CHECK(std::string(e.what()).find("reindex") != std::string::npos);
        }
    }
}
