#include <catch2/catch.hpp>

#include "utf8.hpp"

using namespace newsidx;

TEST_CASE("utf8::valid accepts well-formed text and locates the first bad byte", "[utf8]") {
    std::size_t bad = 99;
    CHECK(utf8::valid("plain ascii and 한글 and emoji 😀"));
    CHECK_FALSE(utf8::valid("ok \xC3\x28 bad", &bad));
    CHECK(bad == 3);
    CHECK_FALSE(utf8::valid("\xED\xA0\x80", &bad));  // surrogate
    CHECK_FALSE(utf8::valid("\xC0\xAF", &bad));      // overlong
    CHECK_FALSE(utf8::valid("abc\xE2\x82", &bad));   // truncated
    CHECK(bad == 3);
}

TEST_CASE("utf8::next never stalls on invalid bytes", "[utf8]") {
    const std::string s = "\xFF\xFE가";
    std::size_t i = 0;
    CHECK(utf8::next(s, i) == 0xFFFD);
    CHECK(i == 1);
    CHECK(utf8::next(s, i) == 0xFFFD);
    CHECK(utf8::next(s, i) == U'가');
    CHECK(i == s.size());
}

TEST_CASE("utf8 helpers: length, floor_boundary, line_of, append", "[utf8]") {
    CHECK(utf8::length("삼성 AI") == 5);
    const std::string s = "가나";
    CHECK(utf8::floor_boundary(s, 1) == 0);
    CHECK(utf8::floor_boundary(s, 4) == 3);
    CHECK(utf8::line_of("a\nb\nc", 4) == 3);
    std::string out;
    utf8::append(out, U'한');
    utf8::append(out, 0xD800);
    CHECK(out == "한\xEF\xBF\xBD");
}

TEST_CASE("utf8::display_width: two columns for Hangul and CJK, none for combining marks", "[utf8]") {
    CHECK(utf8::display_width("") == 0);
    CHECK(utf8::display_width("openai") == 6);
    CHECK(utf8::display_width("삼성전자") == 8);
    CHECK(utf8::display_width("오픈ai") == 6);
    CHECK(utf8::display_width("漢字かな") == 8);
    CHECK(utf8::display_width("ＡＩ") == 4);                     // full-width Latin
    CHECK(utf8::display_width("e\xcc\x81") == 1);               // e + combining acute
    CHECK(utf8::display_width("\xe1\x84\x80\xe1\x85\xa1") == 2);  // conjoining jamo ㄱ + ㅏ: one syllable wide
}
