// The user dictionary (`newsidx dict FILE`, issue 17 item 1): its parsing,
// the analysis an Analyzer carrying one gives (golden rows, each next to
// what the built-in lexicon alone gives, so every row fails without the
// feature), and how the index stores and marks it.
#include <catch2/catch.hpp>

#include <newsidx/analyzer.hpp>
#include <newsidx/error.hpp>

#include "analysis.hpp"
#include "lexicon.hpp"
#include "meta.hpp"
#include "schema.hpp"
#include "tmpdir.hpp"

#include <xapian.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

using namespace newsidx;

namespace {

Analyzer with(const std::string& dict) {
    return Analyzer(std::make_shared<const detail::UserLexicon>(detail::parse_user_lexicon(dict, "test.dict")));
}

// "term@pos" for positional terms, "~term" for bigrams, in emitted order.
std::vector<std::string> doc_terms(const Analyzer& a, const std::string& text) {
    std::vector<std::string> out;
    for (const Token& t : a.tokens(text))
        if (t.kind != TermKind::Concept)  // names' concept terms: tests/unit/test_analyzer.cpp
            out.push_back(t.kind == TermKind::Bigram ? "~" + t.term : t.term + "@" + std::to_string(t.position));
    return out;
}

// The positional terms a query word and a post share (bigrams left out:
// the query builder uses them only for words the index lacks).
bool meets(const Analyzer& a, const std::string& query, const std::string& doc) {
    std::set<std::string> d;
    for (const Token& t : a.tokens(doc))
        if (t.kind != TermKind::Bigram) d.insert(t.term);
    for (const Token& t : a.tokens(query))
        if (t.kind != TermKind::Bigram && d.count(t.term)) return true;
    return false;
}

// The message parse_user_lexicon throws for `text` ("" when it parses).
std::string parse_error(const std::string& text) {
    try {
        detail::parse_user_lexicon(text, "my.dict");
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("user dictionary: parsing, normalization, canonical text", "[dict]") {
    const detail::UserLexicon lex = detail::parse_user_lexicon(
        "# my words\n"
        "\n"
        "  쿠루미포토칸   쿠루미\t포토칸  \r\n"
        "삼성전자\n"
        "# NFD (macOS) and a full-width space: normalized like the analyzer's text\n"
        "\xE1\x84\x87\xE1\x85\xA1\xE1\x84\x85\xE1\x85\xA1\xE1\x86\xB7\xE3\x80\x80\xE1\x84\x87\xE1\x85\xA1 "
        "\xE1\x84\x85\xE1\x85\xA1\xE1\x86\xB7\n"
        "삼성전자\n",  // the same entry twice is one
        "test.dict");
    REQUIRE(lex.entries.size() == 3);
    CHECK(lex.find("삼성전자") != nullptr);
    CHECK(lex.find("삼성전자")->empty());
    REQUIRE(lex.find("쿠루미포토칸") != nullptr);
    CHECK(*lex.find("쿠루미포토칸") == std::vector<std::string>{"쿠루미", "포토칸"});
    REQUIRE(lex.find("바람") != nullptr);
    CHECK(*lex.find("바람") == std::vector<std::string>{"바", "람"});
    CHECK(lex.find("포토칸") == nullptr);  // a part is no entry of its own
    CHECK(lex.canonical() == "바람 바 람\n삼성전자\n쿠루미포토칸 쿠루미 포토칸\n");
    // The canonical text reads back as itself: what the index stores is a dictionary file.
    CHECK(detail::parse_user_lexicon(lex.canonical(), "stored").canonical() == lex.canonical());
    CHECK(detail::parse_user_lexicon("# nothing\n\n", "empty").entries.empty());
}

TEST_CASE("user dictionary: a bad line names file:line and the problem", "[dict]") {
    CHECK(parse_error("삼성전자\n쿠루미포토칸 쿠루 포토칸\n") ==
          "my.dict:2: the parts \"쿠루 포토칸\" do not spell \"쿠루미포토칸\" (they join to \"쿠루포토칸\")");
    CHECK(parse_error("\n\n쿠루미포토칸 쿠루미포토칸\n") ==
          "my.dict:3: one part \"쿠루미포토칸\": give two or more parts, or \"쿠루미포토칸\" alone to keep it whole");
    CHECK(parse_error("OpenAI 오픈 AI\n").find("my.dict:1: \"openai\" is not a Hangul word") == 0);
    CHECK(parse_error("삼성2전자\n").find("my.dict:1: \"삼성2전자\" is not a Hangul word") == 0);
    CHECK(parse_error("쿠루미포토칸 쿠루미 포토칸\n# x\n쿠루미포토칸 쿠루 미포토칸\n") ==
          "my.dict:3: \"쿠루미포토칸\" is already on line 1 with other parts");
    CHECK(parse_error("쿠루미포토칸\n쿠루미포토칸 쿠루미 포토칸\n") ==
          "my.dict:2: \"쿠루미포토칸\" is already on line 1 with other parts");
    CHECK(parse_error("삼성\n\xFF\xFE\n") == "my.dict:2: not valid UTF-8");
    std::string longword;
    for (int i = 0; i < 70; ++i) longword += "가";  // 210 bytes
    CHECK(parse_error(longword + "\n") == "my.dict:1: the word is longer than 200 bytes");
    CHECK(parse_error("삼성전자 # inline comments are not a thing\n").find("my.dict:1: the parts") == 0);
}

TEST_CASE("golden: what a document produces with a user dictionary", "[dict][analyzer]") {
    const Analyzer none;
    const Analyzer user = with(
        "쿠루미포토칸 쿠루미 포토칸\n"  // a made-up compound, split
        "삼성전자\n"                    // the rule would split it: kept whole
        "스타게이트 스타 게이트\n"      // the built-in list keeps it whole: the user's line wins
        "쿠루미\n"                      // a noun: a part for the rule, no bigrams
        "뽀로롱마을\n");                // a noun: the target of a spaced join
    struct Row {
        const char* text;
        std::vector<std::string> builtin;  // the built-in lexicon alone
        std::vector<std::string> with_user;
    };
    const std::vector<Row> rows = {
        {"쿠루미포토칸이",
         {"쿠루미포토칸이@1", "쿠루미포토칸@1", "~쿠루", "~루미", "~미포", "~포토", "~토칸"},
         {"쿠루미포토칸@1", "쿠루미@1", "포토칸@2"}},
        {"삼성전자의", {"삼성전자@1", "삼성@1", "전자@2"}, {"삼성전자의@1", "삼성전자@1"}},
        {"스타게이트를",
         {"스타게이트를@1", "스타게이트@1", "~스타", "~타게", "~게이", "~이트"},
         {"스타게이트@1", "스타@1", "게이트@2"}},
        {"쿠루미", {"쿠루미@1", "~쿠루", "~루미"}, {"쿠루미@1"}},
        {"쿠루미전자", {"쿠루미전자@1", "~쿠루", "~루미", "~미전", "~전자"}, {"쿠루미전자@1", "쿠루미@1", "전자@2"}},
        {"뽀로롱 마을에", {"뽀로롱@1", "~뽀로", "~로롱", "마을에@2", "마을@2"},
         {"뽀로롱@1", "뽀로롱마을@1", "~뽀로", "~로롱", "마을에@2", "마을@2"}},
    };
    for (const Row& r : rows) {
        INFO(r.text);
        CHECK(doc_terms(none, r.text) == r.builtin);
        CHECK(doc_terms(user, r.text) == r.with_user);
    }
    // The query side is the same analysis: a part meets the post only with the dictionary.
    CHECK_FALSE(meets(none, "포토칸", "쿠루미포토칸이 문을 열었다"));
    CHECK(meets(user, "포토칸", "쿠루미포토칸이 문을 열었다"));
    CHECK(meets(none, "삼성", "삼성전자의 실적"));
    CHECK_FALSE(meets(user, "삼성", "삼성전자의 실적"));
    CHECK(user.stem_word("쿠루미포토칸") == "쿠루미포토칸");
    CHECK(user.user_lexicon() != nullptr);
    CHECK(none.user_lexicon() == nullptr);
    CHECK(Analyzer(nullptr).tokens("삼성전자의").size() == none.tokens("삼성전자의").size());
}

TEST_CASE("the index's dictionary: stored, marked in the analyzer tag, Outdated when changed", "[dict][schema]") {
    TempDir dir;
    Xapian::WritableDatabase db(dir.str() + "/db", Xapian::DB_CREATE);
    const std::string dict = detail::parse_user_lexicon("쿠루미포토칸 쿠루미 포토칸\n", "d").canonical();
    // Without posts the dictionary is taken at once: nothing to reindex.
    schema::write_stamp(db);
    CHECK(schema::analyzer_tag(db) == schema::analyzer_tag());
    CHECK(schema::write_dictionary(db, dict));
    CHECK(schema::read_dictionary(db) == dict);
    CHECK(schema::analyzer_tag(db) == schema::analyzer_tag() + ",user:" + schema::hash_hex(dict).substr(0, 8));
    CHECK(schema::read_stamp(db).state == schema::Stamp::State::Current);
    REQUIRE(schema::user_lexicon(db));
    CHECK(schema::user_lexicon(db)->entries.size() == 1);
    CHECK_FALSE(schema::write_dictionary(db, dict));  // the same again: nothing changes

    // With posts, another dictionary leaves them Outdated, with a message naming reindex.
    db.add_document(Xapian::Document());
    CHECK(schema::write_dictionary(db, detail::parse_user_lexicon("쿠루미포토칸\n", "d").canonical()));
    const schema::Stamp st = schema::read_stamp(db);
    CHECK(st.state == schema::Stamp::State::Outdated);
    CHECK(st.problem().find("user dictionary") != std::string::npos);
    CHECK(st.problem().find("run `newsidx reindex`") != std::string::npos);
    // Back to the dictionary the posts were analyzed with: current again.
    CHECK(schema::write_dictionary(db, dict));
    CHECK(schema::read_stamp(db).state == schema::Stamp::State::Current);
    // Removed: Outdated (the posts have the dictionary's parts), no user lexicon.
    CHECK(schema::write_dictionary(db, ""));
    CHECK(schema::read_stamp(db).state == schema::Stamp::State::Outdated);
    CHECK(schema::read_stamp(db).problem().find("it now holds none") != std::string::npos);
    CHECK_FALSE(schema::user_lexicon(db));
    CHECK(schema::analyzer_tag(db) == schema::analyzer_tag());
    // A stored text that does not parse is the index's problem, named.
    db.set_metadata(schema::kMetaDictionary, "abc\n");
    CHECK_THROWS_AS(schema::user_lexicon(db), IndexError);
}
