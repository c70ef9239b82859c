// The schema's one-home tables: the field table, the stored-post codec, the
// index stamp and roots, the synonym expansion, the hash; and the Hangul
// helpers the typing code shares (one table of jamo).
#include <catch2/catch.hpp>

#include <newsidx/analyzer.hpp>
#include <newsidx/index.hpp>
#include <newsidx/shards.hpp>

#include "fields.hpp"
#include "hangul.hpp"
#include "meta.hpp"
#include "schema.hpp"
#include "stored_post.hpp"
#include "synonyms.hpp"
#include "tmpdir.hpp"
#include "utf8.hpp"

#include <map>
#include <set>

using namespace newsidx;

namespace {

std::string u8(const std::u32string& s) {
    std::string out;
    for (char32_t c : s) utf8::append(out, c);
    return out;
}

}  // namespace

TEST_CASE("field table: query names, prefixes, zones", "[schema]") {
    // Every name the query language accepts, and nothing else.
    std::set<std::string> names;
    for (const schema::Field* f : schema::kFields)
        if (!f->name.empty()) names.insert(std::string(f->name));
    CHECK(names == std::set<std::string>{"title", "tag", "category", "author", "date", "lang"});
    CHECK(schema::query_field("title") == &schema::kTitleField);
    CHECK(schema::query_field("tag")->kind == schema::FieldKind::Boolean);
    CHECK(schema::query_field("date")->kind == schema::FieldKind::Range);
    CHECK(schema::query_field("Title") == nullptr);  // the parser lower-cases first
    CHECK(schema::query_field("") == nullptr);
    CHECK(schema::query_field("body") == nullptr);
    // No two rows share a non-empty prefix.
    std::set<std::string_view> prefixes;
    for (const schema::Field* f : schema::kFields)
        if (!f->prefix.empty()) CHECK(prefixes.insert(f->prefix).second);
    // A term's zone: the longest prefix wins.
    const std::pair<std::string, std::string> zones[] = {
        {"XSB스타", "title-bigram"}, {"XB스타", "bigram"}, {"S스타게이트", "title"}, {"Kai", "tag"},
        {"XCnews", "category"},     {"A홍길동", "author"}, {"XIㅅㅌ", "initials"}, {"Q2025-x", "filter"},
        {"XP/a/b.md", "filter"},   {"XDRAFT", "filter"},  {"D20250204", "filter"}, {"Znew", "filter"},
        {"스타게이트", ""},          {"openai", ""},        {"", ""}};
    for (const auto& [term, zone] : zones) {
        INFO(term);
        CHECK(schema::zone_of_term(term) == zone);
    }
    CHECK(schema::field_of_term("XDRAFT") == &schema::kDraftField);  // not D (day) + "RAFT"
    CHECK(schema::field_of_term("D20250204") == &schema::kDayField);
    CHECK(schema::field_of_term("XSB스타") == &schema::kTitleBigramField);
    CHECK(schema::field_of_term("openai") == nullptr);
}

TEST_CASE("field table drives the documents: wdf and prefixes as the rows say", "[schema][index]") {
    TempDir posts, db;
    posts.write("p.md", "---\ntitle: 스타게이트 계획\ntags: [AI]\ncategories: [뉴스]\nauthor: 홍길동\n---\n\n## 배경\n\n본문 계획이다.\n");
    Index(db.str()).add({posts.str()});
    std::map<std::string, int> wdf;  // read_terms: term TAB wdf TAB positions
    for (const std::string& line : read_terms(db.str(), "p")) {
        const auto tab = line.find('\t');
        wdf[line.substr(0, tab)] = std::stoi(line.substr(tab + 1));
    }
    auto has = [&](const std::string& t) { return wdf.count(t) > 0; };
    CHECK(has(schema::term(schema::kTitleField.prefix, "스타게이트")));
    CHECK(has(schema::term(schema::kTitleField.bigram_prefix, "스타")));
    CHECK(has(schema::term(schema::kTagField.prefix, "ai")));
    CHECK(has(schema::term(schema::kCategoryField.prefix, "뉴스")));
    CHECK(has(schema::term(schema::kAuthorField.prefix, "홍길동")));
    CHECK(has(schema::term(schema::kIdField.prefix, "p")));
    CHECK(!has(schema::term(schema::kTitleField.prefix, "본문")));  // body words are not title words
    // Unprefixed free text at each row's wdf: title x3, heading x2, tag and category x2, body x1.
    CHECK(wdf["스타게이트"] == static_cast<int>(schema::kTitleField.wdf));
    CHECK(wdf["배경"] == static_cast<int>(schema::kHeadingText.wdf));
    CHECK(wdf["뉴스"] == static_cast<int>(schema::kCategoryField.wdf));
    CHECK(wdf["본문"] == static_cast<int>(schema::kBody.wdf));
    CHECK(wdf["계획"] == static_cast<int>(schema::kTitleField.wdf + schema::kBody.wdf));  // title and body
    CHECK(!has("홍길동"));  // the author is a filter only (wdf 0: not free text)
}

TEST_CASE("stored post: round trip, and garbage decodes to empty fields", "[schema]") {
    schema::StoredPost p;
    p.id = "2025/스타게이트";
    p.path = "/blog/_posts/x.md";
    p.root = "/blog";
    p.title = "제목 \"인용\" \\ 탭\t";
    p.date = "2025-02-04T09:30:00+09:00";
    p.tags = {"AI", "스타게이트"};
    p.categories = {"뉴스"};
    p.author = "홍길동";
    p.excerpt = "요약";
    p.permalink = "/x/";
    p.url = "https://example.org/x/";
    p.published = false;
    p.extra_json = R"({"lang":"ko","n":3})";
    const schema::StoredPost q = schema::decode_post(schema::encode_post(p));
    CHECK(q.id == p.id);
    CHECK(q.path == p.path);
    CHECK(q.root == p.root);
    CHECK(q.title == p.title);
    CHECK(q.date == p.date);
    CHECK(q.tags == p.tags);
    CHECK(q.categories == p.categories);
    CHECK(q.author == p.author);
    CHECK(q.excerpt == p.excerpt);
    CHECK(q.permalink == p.permalink);
    CHECK(q.url == p.url);
    CHECK(q.published == false);
    CHECK(q.extra_json == p.extra_json);
    // An extra that is not an object is stored as {}; invalid UTF-8 is replaced, not thrown.
    p.extra_json = "[1,2]";
    p.title = std::string("a\xff" "b");
    const schema::StoredPost r = schema::decode_post(schema::encode_post(p));
    CHECK(r.extra_json == "{}");
    CHECK(utf8::valid(r.title));
    CHECK(r.title != p.title);
    for (const char* bad : {"", "null", "[1]", "{\"id\": 3, \"tags\": \"x\", \"published\": \"no\"}", "{\"id\":"}) {
        INFO(bad);
        const schema::StoredPost e = schema::decode_post(bad);
        CHECK(e.id.empty());
        CHECK(e.tags.empty());
        CHECK(e.published);
    }
}

TEST_CASE("stamp: fresh, current, outdated, foreign, and the roots", "[schema]") {
    TempDir dir;
    Xapian::WritableDatabase db(dir.str() + "/db", Xapian::DB_CREATE);
    CHECK(schema::read_stamp(db).state == schema::Stamp::State::Fresh);
    CHECK(schema::read_stamp(db).usable());
    CHECK(schema::read_stamp(db).problem().empty());
    db.add_document(Xapian::Document());
    CHECK(schema::read_stamp(db).state == schema::Stamp::State::Foreign);
    CHECK(schema::read_stamp(db).problem() == "this Xapian database was not made by newsidx");
    schema::write_stamp(db);
    CHECK(schema::read_stamp(db).state == schema::Stamp::State::Current);
    CHECK(schema::read_stamp(db).analyzer == schema::analyzer_tag());
    db.set_metadata(schema::kMetaAnalyzer, "newsidx-ko-en/0");
    const schema::Stamp old = schema::read_stamp(db);
    CHECK(old.state == schema::Stamp::State::Outdated);
    CHECK(!old.usable());
    CHECK(old.problem().find("newsidx-ko-en/0") != std::string::npos);
    CHECK(old.problem().find("run `newsidx reindex`") != std::string::npos);
    db.set_metadata(schema::kMetaAnalyzer, schema::analyzer_tag());
    db.set_metadata(schema::kMetaSchema, "2");
    CHECK(schema::read_stamp(db).state == schema::Stamp::State::Outdated);

    CHECK(schema::read_roots(db).empty());
    schema::add_roots(db, {"/b", "/a"});
    schema::add_roots(db, {"/c", "/a"});
    CHECK(schema::read_roots(db) == std::vector<std::string>{"/a", "/b", "/c"});
    db.set_metadata(schema::kMetaRoots, "not json");
    CHECK(schema::read_roots(db).empty());
}

TEST_CASE("synonym expansion: each member keyed, the others as written", "[schema][synonyms]") {
    const Analyzer a;
    std::size_t keyed = 0;
    const auto map = detail::expand_synonyms(
        a, detail::parse_synonyms("OpenAI = 오픈AI = 오픈에이아이\n샘 올트먼 = Sam Altman\n", "t"), &keyed);
    CHECK(keyed == 5);
    REQUIRE(map.count("openai"));
    CHECK(map.at("openai") == std::vector<std::string>{"오픈AI", "오픈에이아이"});
    REQUIRE(map.count("샘 올트먼"));
    CHECK(map.at("샘 올트먼") == std::vector<std::string>{"Sam Altman"});
    REQUIRE(map.count("sam altman"));
    // Two spellings with one key do not list each other.
    const auto same = detail::expand_synonyms(a, detail::parse_synonyms("삼성 = 삼성이 = Samsung\n", "t"));
    CHECK(same.at("삼성") == std::vector<std::string>{"Samsung"});
}

TEST_CASE("one hash: FNV-1a 64 for terms, marks and shards", "[schema]") {
    CHECK(schema::fnv1a64("") == 0xcbf29ce484222325ull);
    CHECK(schema::fnv1a64("a") == 0xaf63dc4c8601ec8cull);  // the published FNV-1a test vectors
    CHECK(schema::fnv1a64("foobar") == 0x85944171f73967e8ull);
    // What stored terms and stamps use: the standard basis since schema 4
    // (schemas 1-3 used one with a lost digit); pinned, since a change would
    // orphan every over-long term and re-read every post.
    CHECK(schema::hash_hex("") == "cbf29ce484222325");
    CHECK(schema::hash_hex("a") == "af63dc4c8601ec8c");
    for (const char* id : {"a", "2025-02-04-stargate", "스타게이트"})
        CHECK(shard_of(id, 7) == schema::fnv1a64(id) % 7);
}

TEST_CASE("Hangul: initials, typed jamo, blocks of one initial", "[hangul]") {
    using namespace detail::hangul;
    CHECK(initial_of(U'스') == U'ㅅ');
    CHECK(initial_of(U'까') == U'ㄲ');
    CHECK(initial_of(U'a') == U'a');
    CHECK(u8(typed_jamo(U'괜')) == "ㄱㅗㅐㄴ");
    CHECK(u8(typed_jamo(U'값')) == "ㄱㅏㅂㅅ");
    CHECK(u8(typed_jamo(U'가')) == "ㄱㅏ");
    CHECK(u8(typed_jamo(U'ㄳ')) == "ㄱㅅ");
    CHECK(u8(typed_jamo(U'ㅘ')) == "ㅗㅏ");
    CHECK(u8(typed_jamo(U'ㄲ')) == "ㄲ");
    CHECK(u8(typed_jamo(0x1100)) == "ㄱ");       // conjoining initial (NFD)
    CHECK(u8(typed_jamo(0x116A)) == "ㅗㅏ");     // conjoining ㅘ
    CHECK(u8(typed_jamo(0x11AA)) == "ㄱㅅ");     // conjoining final ㄳ
    CHECK(typed_jamo(U'a').empty());
    CHECK(first_with_initial(U'수') == U'사');
    CHECK(first_with_initial(U'싷') == U'사');
    CHECK(first_with_initial(U'아') == U'아');
    CHECK(first_with_initial(U'사') + kSyllablesPerInitial == U'싸');  // ㅆ follows ㅅ
}
