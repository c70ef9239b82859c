#include <catch2/catch.hpp>

#include <newsidx/analyzer.hpp>
#include <newsidx/error.hpp>
#include <newsidx/format.hpp>
#include <newsidx/index.hpp>
#include <newsidx/searcher.hpp>

#include "hangul.hpp"
#include "query_builder.hpp"
#include "query_parser.hpp"
#include "search_helpers.hpp"
#include "tmpdir.hpp"

#include <nlohmann/json.hpp>

#include <limits>
#include <set>
#include <string>
#include <vector>

using namespace newsidx;
using namespace newsidx::testing;
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

    // The word arrives in a post of its own: the same Searcher, moved to the
    // newer revision, searches it as a word (what it knew of the index's
    // words is forgotten with the revision).
    posts.write("2025-03-04-quokka.md", "---\ntitle: \"쿼카 사진\"\n---\n\n쿼카 한 마리가 웃었다.\n");
    { Index idx(db.str()); idx.add({posts.str()}); }
    s.reopen();
    SearchRequest r;
    r.query = "쿼카";
    const SearchResult res = s.search(r);
    REQUIRE_FALSE(res.hits.empty());
    CHECK(res.hits[0].id == "2025-03-04-quokka");
    CHECK_FALSE(res.hits[0].partial_match);
    CHECK(res.estimated_total == 1);
    CHECK(res.partial_match_total == 0);  // a known word has no last resort: 쿼카멜레온이 is not searched by pieces
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
