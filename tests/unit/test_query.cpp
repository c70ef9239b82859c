#include <catch2/catch.hpp>

#include <newsidx/analyzer.hpp>
#include <newsidx/error.hpp>
#include <newsidx/format.hpp>
#include <newsidx/index.hpp>
#include <newsidx/searcher.hpp>

#include "hangul.hpp"
#include "query_builder.hpp"
#include "query_parser.hpp"
#include "tmpdir.hpp"

#include <nlohmann/json.hpp>

#include <limits>
#include <set>
#include <string>
#include <vector>

using namespace newsidx;
using detail::QueryNode;

namespace {

std::string show(const QueryNode& n) { return detail::describe(n); }

std::string parse(const std::string& q, std::string* warning = nullptr) {
    std::string w;
    const std::string out = show(detail::parse_query(q, w));
    if (warning) *warning = w;
    return out;
}

}  // namespace

TEST_CASE("query grammar", "[query]") {
    CHECK(parse("삼성") == "삼성");
    CHECK(parse("삼성 -애플") == "AND(삼성 -애플)");
    CHECK(parse("\"AI 동맹\" 삼성") == "AND(\"AI 동맹\" 삼성)");
    CHECK(parse("삼성 OR 애플") == "OR(삼성 애플)");
    CHECK(parse("(삼성 OR 애플) 반도체") == "AND(OR(삼성 애플) 반도체)");
    CHECK(parse("title:스타게이트 tag:AI") == "AND(title:스타게이트 tag:AI)");
    CHECK(parse("-\"AI 동맹\"") == "-\"AI 동맹\"");
    CHECK(parse("co-op x-ray") == "AND(co-op x-ray)");
    CHECK(parse("foo:bar") == "foo:bar");
    // Programming names and names with '&', '/' or a middle dot are words (the analyzer reads them).
    CHECK(parse("C++ C# .NET node.js R&D TCP/IP DRAM·HBM") == "AND(C++ C# .NET node.js R&D TCP/IP DRAM·HBM)");
    CHECK(parse("-C++ F# c++*") == "AND(-C++ F# c++*)");
}

TEST_CASE("malformed queries fall back to plain words with a warning", "[query]") {
    std::string w;
    CHECK(parse("\"AI 동맹", &w) == "AND(AI 동맹)");
    CHECK(w.find("unbalanced quote") != std::string::npos);
    CHECK(parse("(삼성 OR", &w) == "AND(삼성 OR)");
    CHECK(!w.empty());
    CHECK(parse("삼성)", &w) == "AND(삼성)");
    CHECK(!w.empty());
    std::string deep(200, '(');
    parse(deep + "x", &w);
    CHECK(!w.empty());
    parse("ok", &w);
    CHECK(w.empty());
}

namespace {

struct Fixture {
    TempDir posts, db;
    Fixture() {
        auto p = [&](const std::string& name, const std::string& title, const std::string& body,
                     const std::string& extra = "") {
            posts.write(name, "---\ntitle: \"" + title + "\"\n" + extra + "---\n\n" + body + "\n");
        };
        p("2025-02-04-stargate.md", "스타게이트 프로젝트", "오픈AI와 소프트뱅크가 스타게이트를 추진한다. 삼성의 참여가 거론된다.",
          "tags: [AI, 스타게이트]\n");
        p("2025-02-05-samsung.md", "삼성전자 실적", "삼성전자가 반도체 실적을 발표했다. HBM 수요가 늘었다.", "tags: [반도체]\n");
        p("2025-02-06-samsung-particles.md", "회장의 행보", "삼성이 움직였다. 삼성은 투자하여 성장했다.");
        p("2025-02-07-apple.md", "애플 소식", "애플과 삼성이 경쟁한다.");
        p("2025-02-08-series.md", "드라마 시리즈", "새 시리즈가 나왔다.");
        p("2025-02-09-siri.md", "음성 비서", "시리를 써 봤다.");
        p("2025-02-10-english.md", "Samsung and OpenAI", "OpenAI and Samsung signed a chip deal. AI chips matter.");
        Index idx(db.str());
        idx.add({posts.str()});
    }
    std::vector<std::string> ids(const std::string& q) {
        Searcher s(db.str());
        SearchRequest r;
        r.query = q;
        std::vector<std::string> out;
        for (const Hit& h : s.search(r).hits) out.push_back(h.id);
        return out;
    }
};

bool has(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

TEST_CASE("search finds inflected forms and compounds, exact ones first", "[query][search]") {
    Fixture f;
    const auto hits = f.ids("삼성");
    CHECK(has(hits, "2025-02-06-samsung-particles"));  // 삼성이, 삼성은
    CHECK(has(hits, "2025-02-04-stargate"));           // 삼성의
    CHECK(has(hits, "2025-02-05-samsung"));            // 삼성전자 (compound)
    CHECK(has(hits, "2025-02-07-apple"));
    const auto sg = f.ids("스타게이트를");
    REQUIRE(!sg.empty());
    CHECK(sg[0] == "2025-02-04-stargate");
    CHECK(f.ids("투자") == std::vector<std::string>{"2025-02-06-samsung-particles"});
    const auto siri = f.ids("시리");
    REQUIRE(!siri.empty());
    CHECK(siri[0] == "2025-02-09-siri");  // 시리를 before 시리즈 (a bigram match only)
}

TEST_CASE("exclusion, phrases, fields and OR", "[query][search]") {
    Fixture f;
    CHECK(!has(f.ids("삼성 -애플"), "2025-02-07-apple"));
    CHECK(has(f.ids("삼성 -애플"), "2025-02-06-samsung-particles"));
    // Phrases match inflected forms at adjacent positions, in order.
    CHECK(f.ids("\"삼성 움직였다\"") == std::vector<std::string>{"2025-02-06-samsung-particles"});
    CHECK(f.ids("\"삼성이 움직였다\"") == std::vector<std::string>{"2025-02-06-samsung-particles"});
    CHECK(f.ids("\"투자하여 움직였다\"").empty());
    CHECK(f.ids("\"AI chips\"") == std::vector<std::string>{"2025-02-10-english"});
    CHECK(f.ids("tag:스타게이트") == std::vector<std::string>{"2025-02-04-stargate"});
    CHECK(f.ids("삼성 tag:반도체") == std::vector<std::string>{"2025-02-05-samsung"});
    CHECK(f.ids("title:시리즈") == std::vector<std::string>{"2025-02-08-series"});
    // Both exact matches first; a post reached only through a bigram (시리를 ~ 시리즈) may follow.
    const auto either = f.ids("애플 OR 시리즈");
    REQUIRE(either.size() >= 2);
    CHECK(std::set<std::string>(either.begin(), either.begin() + 2) ==
          std::set<std::string>{"2025-02-07-apple", "2025-02-08-series"});
    CHECK(f.ids("없는단어zzz").empty());
}

TEST_CASE("typed errors: a bad request field, an unknown id", "[query][search][errors]") {
    Fixture f;
    Searcher s(f.db.str());
    auto field_of = [&](const SearchRequest& r) {
        try {
            s.search(r);
        } catch (const RequestError& e) {
            return e.parameter();
        }
        return std::string("(no RequestError)");
    };
    SearchRequest r;
    r.query = "삼성";
    r.since = "2025-13";
    CHECK(field_of(r) == "since");
    r.since = "";
    r.until = "2025-02-30";
    CHECK(field_of(r) == "until");
    r.since = "2025-03";
    r.until = "2025-02";
    CHECK(field_of(r) == "since");
    r = SearchRequest{};
    r.query = "삼성";
    r.recent = true;
    r.recent_weight = std::numeric_limits<double>::infinity();
    CHECK(field_of(r) == "recent_weight");
    // A bad field is reported before the id is looked up (400 before 404).
    r = SearchRequest{};
    r.similar = "no-such-post";
    r.since = "2025-13";
    CHECK(field_of(r) == "since");
    r.since = "";
    try {
        s.search(r);
        FAIL("an unknown id was not refused");
    } catch (const NotFoundError& e) {
        CHECK(e.id() == "no-such-post");
        CHECK(std::string(e.what()).find("no-such-post") != std::string::npos);
    }
    // A malformed query is not an error: its plain words are searched.
    r = SearchRequest{};
    r.query = "\"삼성";
    const SearchResult res = s.search(r);
    CHECK(!res.hits.empty());
    CHECK(!res.warnings.empty());
}

TEST_CASE("snippets mark whole words, JSON carries code point offsets and escaped HTML", "[query][search]") {
    Fixture f;
    Searcher s(f.db.str());
    SearchRequest r;
    r.query = "삼성";
    SearchResult res = s.search(r);
    REQUIRE(!res.hits.empty());
    for (const Hit& h : res.hits) {
        const std::string marked = mark(h.snippet, "[", "]");
        INFO(marked);
        CHECK(marked.find("[") != std::string::npos);
    }
    // The compound is marked as a whole word, never a stray syllable.
    for (const Hit& h : res.hits)
        if (h.id == "2025-02-05-samsung") CHECK(mark(h.snippet, "[", "]").find("[삼성전자가]") != std::string::npos);
    const auto j = nlohmann::json::parse(format_json(res));
    CHECK(j["query"] == "삼성");
    CHECK(j["hits"].size() == res.hits.size());
    const auto& sn = j["hits"][0]["snippet"];
    CHECK(sn["matches"].is_array());
    CHECK(sn["html"].get<std::string>().find("<mark>") != std::string::npos);

    Snippet evil{"<b>x</b> & y", {{9, 10}}};
    CHECK(mark(evil, "<mark>", "</mark>", true) == "&lt;b&gt;x&lt;/b&gt; <mark>&amp;</mark> y");
}

TEST_CASE("TREC output percent-encodes awkward ids", "[query]") {
    SearchResult r;
    Hit h;
    h.id = "my post\t%x";
    h.rank = 1;
    h.score = 2.5;
    r.hits.push_back(h);
    CHECK(format_trec("q1", r) == "q1 Q0 my%20post%09%25x 1 2.500000 newsidx\n");
}

TEST_CASE("date ranges: whole last month or day, open ends, malformed ones fall back", "[query][date]") {
    CHECK(parse("date:2025-02..2025-03") == "date:20250201..20250331");
    CHECK(parse("date:2025") == "date:20250101..20251231");
    CHECK(parse("date:2025-02-04") == "date:20250204..20250204");
    CHECK(parse("date:2025-02..") == "date:20250201..");
    CHECK(parse("date:..2025-03") == "date:..20250331");
    CHECK(parse("삼성 date:2024..2025-06-30") == "AND(삼성 date:20240101..20250630)");
    CHECK(parse("-date:2025") == "-date:20250101..20251231");
    std::string w;
    for (const char* bad : {"date:2025-13", "date:2025-02-30", "date:2025/02", "date:..", "date:2025-03..2025-02",
                            "date:\"2025\"", "date:25"}) {
        INFO(bad);
        const std::string tree = parse(std::string("삼성 ") + bad, &w);
        CHECK(w.find("searching the plain words") != std::string::npos);
        CHECK(tree.rfind("AND(삼성 ", 0) == 0);
    }
    CHECK(detail::parse_day("2024-02", true) == 20240231u);  // every day of February precedes it
    CHECK(detail::parse_day("2024-02-29", false) == 20240229u);
    CHECK(!detail::parse_day("2024-2", false));
}

TEST_CASE("prefixes: a trailing star, Hangul too, too-short ones warned", "[query][prefix]") {
    CHECK(parse("스타게*") == "스타게*");
    CHECK(parse("open* 삼성") == "AND(open* 삼성)");
    CHECK(parse("title:스타*") == "title:스타*");
    CHECK(parse("스*") == "스*");  // one Hangul syllable is enough
    CHECK(parse("a**") == "a**");  // not a prefix: a word
    std::string w;
    parse("o*", &w);
    CHECK(w.find("too short") != std::string::npos);
}

TEST_CASE("2-set keyboard layout both ways, 초성, jamo edit distance", "[query][hangul]") {
    using namespace detail::hangul;
    CHECK(latin_to_hangul("tmxkrpdlxm") == std::optional<std::string>("스타게이트"));
    CHECK(latin_to_hangul("tkatjd") == std::optional<std::string>("삼성"));
    CHECK(latin_to_hangul("dkssudgktpdy") == std::optional<std::string>("안녕하세요"));
    CHECK(latin_to_hangul("ghkdlxld") == std::optional<std::string>("화이팅"));    // ㅗ+ㅏ = ㅘ
    CHECK(latin_to_hangul("dlfrrh") == std::optional<std::string>("읽고"));       // ㄹ+ㄱ final, kept before a consonant
    CHECK(latin_to_hangul("dlfrj") == std::optional<std::string>("일거"));        // ... split before a vowel
    CHECK(latin_to_hangul("dlfrdj") == std::optional<std::string>("읽어"));
    CHECK(latin_to_hangul("Rhc") == std::optional<std::string>("꽃"));  // shift-R is ㄲ
    CHECK(!latin_to_hangul("openai"));  // lone vowels: not Korean typed wrong
    CHECK(!latin_to_hangul("hello"));
    CHECK(!latin_to_hangul("a1"));
    CHECK(hangul_to_latin("ㅐㅔ두ㅁㅑ") == std::optional<std::string>("openai"));
    CHECK(hangul_to_latin("ㅐㅔ두먀") == std::optional<std::string>("openai"));
    CHECK(hangul_to_latin("삼성") == std::optional<std::string>("tkatjd"));
    CHECK(hangul_to_latin("꽉") == std::optional<std::string>("rhkr"));  // shifted R read back in lower case
    CHECK(!hangul_to_latin("삼성a"));
    CHECK(initials("스타게이트") == "ㅅㅌㄱㅇㅌ");
    CHECK(initials("오픈AI") == "ㅇㅍ");
    CHECK(is_initials("ㅅㅌㄱㅇㅌ"));
    CHECK(!is_initials("ㅅ"));
    CHECK(!is_initials("ㅅㅏ"));
    CHECK(jamo_distance("스타게이투", "스타게이트") == 1);
    CHECK(jamo_distance("삼성", "삼송") == 1);
    CHECK(jamo_distance("삼성", "상성") == 1);  // ㅁ -> ㅇ final
    CHECK(jamo_distance("openai", "opnai") == 1);
    CHECK(jamo_distance("스타게이트", "반도체", 2) == 3);  // stops past the limit
}

// Issue 17 item 4: bigrams are the last resort. A word no post holds is
// also searched by its two-syllable pieces; a post found only through them
// is a partial match: listed, flagged, never marked as the word, not counted.
namespace {

std::vector<std::string> marked_words(const Snippet& s) {
    // Code point offsets -> the marked substrings.
    std::vector<std::string> out;
    std::vector<std::size_t> at;  // byte offset of each code point
    for (std::size_t i = 0; i < s.text.size(); ++i)
        if ((static_cast<unsigned char>(s.text[i]) & 0xC0) != 0x80) at.push_back(i);
    at.push_back(s.text.size());
    for (const auto& [b, e] : s.matches) out.push_back(s.text.substr(at.at(b), at.at(e) - at.at(b)));
    return out;
}

const Hit* hit(const SearchResult& r, const std::string& id) {
    for (const Hit& h : r.hits)
        if (h.id == id) return &h;
    return nullptr;
}

}  // namespace

TEST_CASE("last resort: the builder keeps split halves and bigrams apart from the query words", "[query][lastresort]") {
    const Analyzer a;
    std::string w;
    const detail::QueryNode tree = detail::parse_query("쿼카멜레온 사진", w);
    const detail::TermKnown known = [](const std::string& t) { return t == "사진"; };
    const detail::BuiltQuery bq = detail::build_query(tree, a, nullptr, &known);
    CHECK(bq.last_resort == std::vector<std::string>{"쿼카멜레온"});
    CHECK(bq.bigrams.count("카멜") == 1);
    // A half is no query word: marked only beside its other half.
    CHECK(bq.splits.count({"쿼카", "멜레온"}) == 1);
    CHECK(bq.terms.count("카멜레온") == 0);
    CHECK(bq.terms.count("멜레온") == 0);
    CHECK(bq.terms.count("쿼카멜레온") == 1);
    CHECK(bq.terms.count("사진") == 1);
    const std::string with = bq.query.get_description();
    CHECK(with.find("XB카멜") != std::string::npos);
    // Without bigrams: the same words and splits, no bigram branch (what the count runs).
    const detail::BuiltQuery whole = detail::build_query(tree, a, nullptr, &known, false);
    const std::string without = whole.query.get_description();
    CHECK(without.find("XB") == std::string::npos);
    CHECK(without.find("쿼카 PHRASE 2 멜레온") != std::string::npos);
    CHECK(without.find("사진") != std::string::npos);
    CHECK(whole.last_resort.empty());
    // A known word has no last resort at all.
    const detail::TermKnown all = [](const std::string&) { return true; };
    CHECK(detail::build_query(tree, a, nullptr, &all).last_resort.empty());
}

TEST_CASE("last resort: a post found by pieces of a word is a partial match, unmarked, uncounted", "[query][search][lastresort]") {
    TempDir posts, db;
    std::string filler;
    for (int i = 0; i < 30; ++i) filler += "오늘은 날씨가 맑았고 바람이 불었다. ";
    // 쿼카 is no word of any post: only inside the longer unknown 쿼카멜레온이.
    posts.write("2025-03-01-zoo.md", "---\ntitle: \"동물원 소식\"\n---\n\n" + filler + "\n\n동물원에 쿼카멜레온이 새로 왔다.\n");
    posts.write("2025-03-02-photo.md", "---\ntitle: \"사진 전시\"\n---\n\n사진 전시회가 열렸다.\n");
    { Index idx(db.str()); idx.add({posts.str()}); }
    Searcher s(db.str());

    for (const bool exact : {false, true}) {
        INFO("exact_total " << exact);
        SearchRequest r;
        r.exact_total = exact;
        r.query = "쿼카";
        SearchResult res = s.search(r);
        REQUIRE(res.hits.size() == 1);
        const Hit& h = res.hits[0];
        CHECK(h.id == "2025-03-01-zoo");
        CHECK(h.partial_match);
        CHECK(res.estimated_total == 0);
        CHECK(res.partial_match_total == 1);
        CHECK(res.partial_match_words == std::vector<std::string>{"쿼카"});
        // The passage is still the one holding the piece, but nothing in it is marked as the word.
        CHECK(h.snippet.text.find("쿼카멜레온이") != std::string::npos);
        CHECK(h.snippet.matches.empty());
        CHECK(h.title_marked.matches.empty());
        CHECK(format_count(res) == "no post contains \"쿼카\"; 1 post contains parts of it\n");
        const auto j = nlohmann::json::parse(format_json(res));
        CHECK(j["estimated_total"] == 0);
        CHECK(j["partial_match_total"] == 1);
        CHECK(j["partial_match_words"] == nlohmann::json::array({"쿼카"}));
        CHECK(j["hits"][0]["partial_match"] == true);
        CHECK(j["hits"][0]["snippet"]["html"].get<std::string>().find("<mark>") == std::string::npos);
        CHECK(format_text(res, false).find("partial match") != std::string::npos);

        // A known word beside it: counted are the posts holding a word.
        r.query = "쿼카 사진";
        res = s.search(r);
        CHECK(res.hits.size() == 2);
        CHECK(res.estimated_total == 1);
        CHECK(res.partial_match_total == 1);
        REQUIRE(hit(res, "2025-03-02-photo"));
        CHECK_FALSE(hit(res, "2025-03-02-photo")->partial_match);
        CHECK(marked_words(hit(res, "2025-03-02-photo")->snippet) == std::vector<std::string>{"사진"});
        REQUIRE(hit(res, "2025-03-01-zoo"));
        CHECK(hit(res, "2025-03-01-zoo")->partial_match);
        CHECK(hit(res, "2025-03-01-zoo")->snippet.matches.empty());
        CHECK(format_count(res) == "1 match for \"쿼카 사진\"; 1 more contains only parts of \"쿼카\"\n");

        // A known word alone: as before.
        r.query = "사진";
        res = s.search(r);
        CHECK(res.estimated_total == 1);
        CHECK(res.partial_match_total == 0);
        CHECK(res.partial_match_words.empty());
        REQUIRE(res.hits.size() == 1);
        CHECK_FALSE(res.hits[0].partial_match);
        CHECK(marked_words(res.hits[0].title_marked) == std::vector<std::string>{"사진"});
        CHECK(format_count(res) == "1 match for \"사진\"\n");
    }
}

TEST_CASE("last resort: split halves are marked side by side only", "[query][search][lastresort]") {
    TempDir posts, db;
    // 쿼카멜레온 is no word here: found spaced (쿼카 멜레온, a whole-word match)
    // and by its pieces inside 멜레온 alone (a partial match).
    posts.write("2025-03-03-spaced.md", "---\ntitle: \"인형\"\n---\n\n새 쿼카 멜레온 인형이 나왔다.\n");
    posts.write("2025-03-04-apart.md", "---\ntitle: \"그림\"\n---\n\n멜레온 그림 옆에 쿼카 그림이 있다.\n");
    { Index idx(db.str()); idx.add({posts.str()}); }
    Searcher s(db.str());
    SearchRequest r;
    r.query = "쿼카멜레온";
    const SearchResult res = s.search(r);
    CHECK(res.estimated_total == 1);
    CHECK(res.partial_match_total == 1);
    const Hit* spaced = hit(res, "2025-03-03-spaced");
    REQUIRE(spaced);
    CHECK_FALSE(spaced->partial_match);
    CHECK(marked_words(spaced->snippet) == std::vector<std::string>{"쿼카", "멜레온"});
    const Hit* apart = hit(res, "2025-03-04-apart");
    REQUIRE(apart);
    CHECK(apart->partial_match);
    CHECK(apart->snippet.matches.empty());  // neither half alone, nor 멜레온 for its pieces
}

// Issue 18 item 3: a known compound and a known name are one posting list
// each. The index writes a spaced 삼성 전자 / 스타 게이트 / 오픈 AI with the
// joined or concept term, so the query needs no phrase of the parts and
// still finds every spelling; a compound the index would not join keeps the
// phrase as its fallback.
TEST_CASE("one posting list per known compound or name: spaced spellings found without phrase ORs",
          "[query][search][concepts]") {
    TempDir posts, db;
    auto p = [&](const std::string& name, const std::string& body) {
        posts.write(name, "---\ntitle: \"" + name + "\"\n---\n\n" + body + "\n");
    };
    p("2025-03-01-joined.md", "삼성전자가 실적을 냈다. 스타게이트 계획이 나왔다. OpenAI가 발표했다.");
    p("2025-03-02-spaced.md", "삼성 전자의 실적이다. 스타 게이트 계획이다. 오픈 AI가 발표했다.");
    p("2025-03-03-apart.md", "삼성의 전자 제품과 스타 선수, 공항 게이트. 오픈 소스 AI 모델.");
    p("2025-03-04-chip.md", "인공지능 반도체 수요가 늘었다.");
    Index idx(db.str());
    idx.add({posts.str()});
    Searcher s(db.str());
    auto expanded = [&](const std::string& q) {
        SearchRequest r;
        r.query = q;
        r.explain = true;
        return s.search(r).explain_expanded;
    };
    auto ids = [&](const std::string& q) {
        SearchRequest r;
        r.query = q;
        r.exact_total = true;
        std::set<std::string> out;
        for (const Hit& h : s.search(r).hits) out.insert(h.id);
        return out;
    };
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

// Issue 19 item 5: "about" only for an estimate, a match / matches, and a
// query that only filters lists its posts newest first with no scores.
TEST_CASE("counts say about only when estimated; a filter-only query lists newest first, unscored",
          "[query][search][counts]") {
    Fixture f;
    Searcher s(f.db.str());
    auto run = [&](const std::string& q, bool exact = false) {
        SearchRequest r;
        r.query = q;
        r.exact_total = exact;
        return s.search(r);
    };
    const SearchResult one = run("투자");
    REQUIRE(one.hits.size() == 1);
    CHECK(one.total_exact);  // a tiny index: Xapian's bounds meet
    CHECK(format_count(one) == "1 match for \"투자\"\n");
    const SearchResult none = run("없는단어zzz");
    CHECK(none.total_exact);
    CHECK(format_count(none) == "no matches for \"없는단어zzz\"\n");
    const SearchResult many = run("삼성", true);
    CHECK(many.total_exact);
    CHECK(format_count(many) == std::to_string(many.estimated_total) + " matches for \"삼성\"\n");
    SearchResult est = many;
    est.total_exact = false;
    CHECK(format_count(est) == "about " + std::to_string(many.estimated_total) + " matches for \"삼성\"\n");
    est.estimated_total = 1;
    CHECK(format_count(est) == "about 1 match for \"삼성\"\n");

    // Text weighs posts; filters alone do not: newest first, no score shown.
    CHECK(many.scored);
    CHECK(format_text(many, false).find("  (") != std::string::npos);
    const SearchResult listing = run("date:2025-02");
    CHECK(!listing.scored);
    REQUIRE(listing.hits.size() == 7);
    for (std::size_t i = 1; i < listing.hits.size(); ++i) CHECK(listing.hits[i - 1].date >= listing.hits[i].date);
    CHECK(listing.hits[0].id == "2025-02-10-english");
    CHECK(format_text(listing, false).find("  (") == std::string::npos);
    const SearchResult tagged = run("tag:반도체 -애플");
    CHECK(!tagged.scored);
    // date-asc is kept, oldest first.
    SearchRequest asc;
    asc.query = "date:2025-02";
    asc.sort = Sort::DateAsc;
    const SearchResult old_first = s.search(asc);
    REQUIRE(!old_first.hits.empty());
    CHECK(old_first.hits[0].id == "2025-02-04-stargate");
}

TEST_CASE("a noun's particle form is no spelling of its own, a verb's inflection is", "[query][search]") {
    const Analyzer a;
    std::string w;
    const auto shape = [&](const std::string& q) {
        return detail::build_query(detail::parse_query(q, w), a).query.get_description();
    };
    // 번디를 is searched as 번디 only: the particle says what the word does in
    // the question, not where the answer is.
    CHECK(shape("번디를").find("번디를") == std::string::npos);
    CHECK(shape("번디를").find("번디") != std::string::npos);
    CHECK(shape("스타게이트를") == shape("스타게이트"));
    // An inflected verb keeps its exact form (its stem is no prefix of it),
    // and so does a one-syllable stem (찾았다 -> 찾).
    CHECK(shape("가리키는").find("가리키는") != std::string::npos);
    CHECK(shape("찾았다").find("찾았다") != std::string::npos);

    // So two posts that differ only by the particle after the name score alike.
    TempDir posts, db;
    posts.write("2025-04-01-a.md", "---\ntitle: \"테드\"\n---\n\n번디를 보았다. 비가 왔다.\n");
    posts.write("2025-04-02-b.md", "---\ntitle: \"테드\"\n---\n\n번디가 보았다. 비가 왔다.\n");
    Index(db.str()).add({posts.str()});
    Searcher s(db.str());
    SearchRequest r;
    r.query = "번디를 보았다";
    r.snippets = false;
    const SearchResult res = s.search(r);
    REQUIRE(res.hits.size() == 2);
    CHECK(res.hits[0].score == Approx(res.hits[1].score));
}

TEST_CASE("coordination: a keyword query's post with every concept outranks one with a single concept, however often",
          "[query][search][coordination]") {
    TempDir posts, db;
    auto p = [&](const std::string& name, const std::string& title, const std::string& body) {
        posts.write(name, "---\ntitle: \"" + title + "\"\n---\n\n" + body + "\n");
    };
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
        SearchRequest r;
        r.query = q;
        r.limit = 20;
        r.explain = true;
        return s.search(r);
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
    auto p = [&](const std::string& name, const std::string& title, const std::string& body) {
        posts.write(name, "---\ntitle: \"" + title + "\"\n---\n\n" + body + "\n");
    };
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
        SearchRequest r;
        r.query = "가격 수요";
        r.limit = limit;
        r.explain = true;
        const SearchResult first = s.search(r);
        INFO("limit " << limit << ": " << first.explain_run);
        CHECK(first.explain_run.rfind("coordinated first", 0) == 0);
        REQUIRE(first.hits.size() == limit);
        for (const Hit& h : first.hits) CHECK(h.id.find("-both-") != std::string::npos);
        // The same page, hits and scores, as weighing every match.
        r.exact_total = true;
        const SearchResult all = s.search(r);
        CHECK(all.explain_run == "whole query");
        CHECK(all.estimated_total == 90);
        REQUIRE(all.hits.size() == first.hits.size());
        for (std::size_t k = 0; k < all.hits.size(); ++k) {
            CHECK(all.hits[k].id == first.hits[k].id);
            CHECK(all.hits[k].score == Approx(first.hits[k].score).epsilon(1e-12));
        }
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
        auto p = [&](const std::string& name, const std::string& title, const std::string& body) {
            posts.write(name, "---\ntitle: \"" + title + "\"\n---\n\n" + body + "\n");
        };
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
    const std::string svm = "(svm OR 0.2000000000000000111 * (svm SYNONYM XFsvm))";
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
