// Sections (issue 20 item 1): the anchors kramdown gives headings, where
// sections start in the stored text and the sketch, how a hit's sections
// are chosen and shown, and how spread the query's words are over them.
#include <catch2/catch.hpp>

#include <newsidx/analyzer.hpp>

#include "analysis.hpp"
#include "document.hpp"
#include "html.hpp"
#include "markdown.hpp"
#include "passages.hpp"
#include "query_builder.hpp"
#include "query_parser.hpp"
#include "reader.hpp"
#include "rerank.hpp"
#include "schema.hpp"
#include "snippet.hpp"
#include "stored_post.hpp"
#include "stored_text.hpp"

#include <string>
#include <vector>

using namespace newsidx;

namespace {

const Analyzer& analyzer() {
    static const Analyzer an;
    return an;
}

Post read(const std::string& markdown, const std::string& title = "다이제스트") {
    return PostReader().parse("---\ntitle: \"" + title + "\"\n---\n\n" + markdown, "/blog/_posts/2025-11-03-digest.md");
}

detail::BuiltQuery query(const std::string& q) {
    std::string warning;
    return detail::build_query(detail::parse_query(q, warning), analyzer(), nullptr);
}

// As snippet_focus: the query's focus words, else the terms it marks (one word alone).
std::vector<detail::FocusWord> focus(const detail::BuiltQuery& q) {
    const std::vector<std::string> words = q.focus.empty() ? std::vector<std::string>(q.terms.begin(), q.terms.end()) : q.focus;
    return detail::focus_words(words, std::vector<double>(words.size(), 1.0));
}

const char* const kDigest =
    "오늘의 소식.\n\n"
    "## 1. 쇼핑몰 개인정보 유출\n\n쇼핑몰 회원의 개인정보가 해킹으로 유출됐다. 비밀번호 변경을 권고했다.\n\n"
    "## 2. 반도체 수출 {#chips}\n\n반도체 수출이 늘었다.\n\n"
    "## 3. 개인정보보호법 개정\n\n개인정보보호법 개정안이 통과했다.\n\n"
    "### 3.1 설계 자료 유출\n\n설계 자료가 유출됐다.\n";

}  // namespace

TEST_CASE("sections: kramdown's GFM ids, as Debian's ruby-kramdown gives them", "[sections]") {
    using markdown::gfm_anchor;
    // Each expected id is what kramdown 2.4 (GFM input) printed for the heading.
    CHECK(gfm_anchor("삼성, OpenAI와 손잡다") == "삼성-openai와-손잡다");
    CHECK(gfm_anchor("1. 스타게이트 투자 계획") == "1-스타게이트-투자-계획");
    CHECK(gfm_anchor("Hello, World! — C++ & C#") == "hello-world--c--c");
    CHECK(gfm_anchor("a  b\t c") == "a--b--c");
    CHECK(gfm_anchor("Ärger ŞĞ İstanbul") == "ärger-şğ-i̇stanbul");
    CHECK(gfm_anchor("ÅNGSTRÖM ǅ") == "ångström-ǆ");
    CHECK(gfm_anchor("① ② ³ Ⅻ ½") == "---ⅻ-");
    CHECK(gfm_anchor("emoji 🎉 here") == "emoji--here");
    CHECK(gfm_anchor("한글·English") == "한글english");
    CHECK(gfm_anchor("Über_1 x") == "über_1-x");
    CHECK(gfm_anchor("123") == "123");
    CHECK(gfm_anchor("!!!").empty());

    markdown::AnchorCounter c;
    CHECK(c.next("a") == "a");
    CHECK(c.next("a-1") == "a-1");
    CHECK(c.next("a") == "a-1");  // as kramdown: counted per base id
    CHECK(c.next("a") == "a-2");
    CHECK(c.next("") == "");      // no id the first time
    CHECK(c.next("") == "-1");
}

TEST_CASE("sections: render() lists headings with level, offset, text and anchor", "[sections]") {
    const markdown::Rendered r = markdown::render(
        "# 제목 **굵게**\n\n본문.\n\n## Custom {#my-id}\n\n## ![그림](a.png)\n\n## Image ![alt](a.png)\n\n"
        "## 같은 제목\n\n## 같은 제목\n\nSetext\n---\n");
    REQUIRE(r.headings.size() == 7);
    CHECK(r.anchors == std::vector<std::string>{"제목-굵게", "my-id", "", "image-", "같은-제목", "같은-제목-1", "setext"});
    CHECK(r.headings[0].level == 1);
    CHECK(r.headings[0].text == "제목 굵게");
    CHECK(r.text.compare(r.headings[0].begin, r.headings[0].text.size(), r.headings[0].text) == 0);
    // {#id} names the anchor and leaves the text.
    CHECK(r.headings[1].text == "Custom");
    CHECK(r.headings[1].anchor == "my-id");
    CHECK(r.text.find("{#") == std::string::npos);
    CHECK(r.headings[1].level == 2);
    // A heading of an image alone: its alt text is its text; kramdown gives it no id.
    CHECK(r.headings[2].text == "그림");
    CHECK(r.headings[2].anchor.empty());
    CHECK(r.headings[3].text == "Image alt");
    CHECK(r.headings[5].anchor == "같은-제목-1");
    CHECK(r.headings[6].level == 2);
    for (const Heading& h : r.headings) CHECK(r.text.compare(h.begin, h.text.size(), h.text) == 0);
    CHECK(r.first_heading == "제목 굵게");
    // The zones follow the cut: "Custom" is one heading run, no "{#my-id}" zone left.
    for (const Section& s : r.sections) CHECK(s.end <= r.text.size());
}

TEST_CASE("sections: TextBuilder::truncate cuts text and zones", "[sections]") {
    html::TextBuilder b;
    b.add(Zone::Body, "앞 문단");
    b.newline();
    b.add(Zone::Heading, "제목 {#x}");
    b.truncate(b.size() - 4);
    CHECK(b.text() == "앞 문단\n제목");
    const std::vector<Section> z = b.take_sections();
    REQUIRE(z.size() == 2);
    CHECK(z[1].zone == Zone::Heading);
    CHECK(z[1].end == b.size());
}

TEST_CASE("sections: stored apart from the data, offsets in the stored text", "[sections][stored]") {
    const Post p = read(kDigest);
    REQUIRE(p.headings.size() == 4);
    const Xapian::Document doc = detail::build_document(p, analyzer(), "1 2 3");
    const std::vector<schema::StoredSection> s = schema::decode_sections(doc.get_value(schema::kSlotSections));
    REQUIRE(s.size() == 4);
    const std::string text = detail::stored_text(doc);
    for (const schema::StoredSection& h : s) CHECK(text.compare(h.offset, h.heading.size(), h.heading) == 0);
    CHECK(s[1].anchor == "chips");
    CHECK(s[3].level == 3);
    CHECK(s[0].anchor == "1-쇼핑몰-개인정보-유출");
    // The document data (read for every hit) does not carry them.
    CHECK(doc.get_data().find("chips") == std::string::npos);
    // No headings: no value.
    CHECK(detail::build_document(read("본문뿐이다."), analyzer(), "1 2 3").get_value(schema::kSlotSections).empty());

    // Round trip; a damaged value gives what was read before the damage, never throws.
    const std::vector<schema::StoredSection> rt = {{2, 0, "a", "첫"}, {3, 9, "", "둘"}, {1, 30, "c-1", "셋"}};
    const std::string v = schema::encode_sections(rt);
    const auto back = schema::decode_sections(v);
    REQUIRE(back.size() == 3);
    CHECK(back[2].anchor == "c-1");
    CHECK(back[1].heading == "둘");
    for (std::size_t cut = 0; cut < v.size(); ++cut) CHECK(schema::decode_sections(v.substr(0, cut)).size() <= 3);
    CHECK(schema::decode_sections(v.substr(0, v.size() - 1)).size() == 2);
    // Offsets that go back end the list; a level outside 1..6 too.
    CHECK(schema::decode_sections(schema::encode_sections({{2, 10, "a", "A"}, {2, 5, "b", "B"}})).size() == 1);
    std::string bad_level = v;
    bad_level[2] = 9;  // the first section's level
    CHECK(schema::decode_sections(bad_level).empty());
    CHECK(schema::decode_sections("junk").empty());
    CHECK(schema::encode_sections({}).empty());
}

TEST_CASE("sections: the sketch marks where sections start and keeps the title", "[sections][passages]") {
    const Post p = read(kDigest, "개인정보 사고");
    const Xapian::Document doc = detail::build_document(p, analyzer(), "1 2 3");
    const detail::PassageSketch s(doc.get_value(schema::kSlotPassages), doc.get_docid());
    REQUIRE(s.has_sections());
    REQUIRE(s.has_offsets());
    const std::vector<schema::StoredSection> stored = schema::decode_sections(doc.get_value(schema::kSlotSections));
    std::size_t opens = 0;
    for (std::size_t i = 0; i < s.sentences(); ++i) {
        if (!s.section_start(i)) continue;
        ++opens;
        // The sentence that opens a section starts at its heading.
        bool at_heading = false;
        for (const schema::StoredSection& h : stored) at_heading = at_heading || h.offset == s.start(i);
        CHECK(at_heading);
    }
    CHECK(opens == 4);
    CHECK(s.title().has(detail::passage_bigram("사고")));
    CHECK_FALSE(s.title().has(detail::passage_bigram("반도")));
    // Values of older indexes ('q': no title, no marks) still read.
    const detail::PassageSketch q(std::string("q\x01\x00\x00", 4), 2);
    CHECK(q.has_offsets());
    CHECK_FALSE(q.has_sections());
    CHECK(q.title().m == 0);
}

TEST_CASE("sections: how spread the query's words are over sections", "[sections][rerank]") {
    auto spread = [](const std::string& markdown, const std::string& title, const std::string& q) {
        const Xapian::Document doc = detail::build_document(read(markdown, title), analyzer(), "1 2 3");
        const detail::PassageSketch s(doc.get_value(schema::kSlotPassages), doc.get_docid());
        return detail::section_spread(s, focus(query(q)));
    };
    // One section holds both: nothing spread.
    CHECK(spread(kDigest, "소식", "개인정보 유출") == Approx(0.0));
    // Each word in its own section only.
    const std::string apart = "## 하나\n\n개인정보보호법이 바뀌었다.\n\n## 둘\n\n설계 자료가 유출됐다.\n";
    CHECK(spread(apart, "소식", "개인정보 유출") == Approx(0.5));
    // The title holds one of them: it counts in every section.
    CHECK(spread(apart, "개인정보 이야기", "개인정보 유출") == Approx(0.0));
    // One word: nothing to spread; a post without headings: no sections.
    CHECK(spread(apart, "소식", "유출") == Approx(0.0));
    CHECK(spread("개인정보보호법이 바뀌었다.\n\n설계 자료가 유출됐다.\n", "소식", "개인정보 유출") == Approx(0.0));
    // Three words, two together in one section: a third spread.
    const std::string three = "## 하나\n\n반도체 수출이 늘었다.\n\n## 둘\n\n금리가 내렸다.\n";
    CHECK(spread(three, "소식", "반도체 수출 금리") == Approx(1.0 / 3));
}

TEST_CASE("sections: span coverage is the union of a span's sentences", "[sections][rerank]") {
    const std::string text = "삼성 반도체. 수출 증가. 금리 동결. 환율 상승.";
    const detail::PassageSketch s(detail::passage_sketch(detail::analyze(analyzer(), text), text), 1);
    REQUIRE(s.sentences() == 4);
    const auto words = detail::focus_words({"반도체", "수출"}, {1.0, 1.0});
    CHECK(detail::span_coverages(s, words, {0, 2}) == std::vector<double>{1.0, 0.0});
    CHECK(detail::span_coverages(s, words, {0, 1}) == std::vector<double>{0.5, 0.5});
    CHECK(detail::span_coverages(s, words, {0}) == std::vector<double>{1.0});
}

TEST_CASE("sections: a hit's sections, best first, with their own snippets and links", "[sections][snippet]") {
    const Xapian::Document doc = detail::build_document(read(kDigest), analyzer(), "1 2 3");
    const std::vector<schema::StoredSection> stored = schema::decode_sections(doc.get_value(schema::kSlotSections));
    auto sections = [&](const std::string& q) {
        const detail::BuiltQuery bq = query(q);
        const auto f = focus(bq);
        std::vector<HitSection> out;
        detail::hit_snippet(doc, analyzer(), bq, &f, 160, &stored, "/news/2025/11/03/digest.html", &out);
        return out;
    };
    const std::vector<HitSection> a = sections("개인정보 유출");
    REQUIRE(a.size() == 3);  // all of the query, then the two with half of it
    CHECK(a[0].heading == "1. 쇼핑몰 개인정보 유출");
    CHECK(a[0].url == "/news/2025/11/03/digest.html#1-%EC%87%BC%ED%95%91%EB%AA%B0-%EA%B0%9C%EC%9D%B8%EC%A0%95%EB%B3%B4-%EC%9C%A0%EC%B6%9C");
    // A short section is shown whole, from its first word, its matches marked.
    CHECK(a[0].snippet.text == "쇼핑몰 회원의 개인정보가 해킹으로 유출됐다. 비밀번호 변경을 권고했다.");
    REQUIRE(a[0].snippet.matches.size() == 2);
    CHECK(a[1].heading == "3. 개인정보보호법 개정");
    CHECK(a[2].heading == "3.1 설계 자료 유출");
    CHECK(a[2].level == 3);
    const std::vector<HitSection> b = sections("반도체");
    REQUIRE(b.size() == 1);
    CHECK(b[0].anchor == "chips");
    CHECK(b[0].url == "/news/2025/11/03/digest.html#chips");
    CHECK(sections("클라우드").empty());  // in no section
    // Without focus (a prefix or 초성 query): no sections.
    std::vector<HitSection> none;
    detail::hit_snippet(doc, analyzer(), query("반도체"), nullptr, 160, &stored, "/x", &none);
    CHECK(none.empty());
}

TEST_CASE("sections: section_url", "[sections]") {
    CHECK(detail::section_url("/a.html", "") == "/a.html");
    CHECK(detail::section_url("/a.html", "x-1_y.z") == "/a.html#x-1_y.z");
    CHECK(detail::section_url("https://b.example/a.html#old", "새") == "https://b.example/a.html#%EC%83%88");
    CHECK(detail::section_url("/a", "a b\"<") == "/a#a%20b%22%3C");
}
