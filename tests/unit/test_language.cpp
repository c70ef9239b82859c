// A post's language (text/language.hpp): the lang: tag made canonical, or
// the language its letters say.
#include <catch2/catch.hpp>

#include "language.hpp"

#include <string>

using namespace newsidx;

TEST_CASE("language: read from the script mix", "[language]") {
    using detail::detect_language;
    CHECK(detect_language("삼성전자가 스타게이트 데이터센터에 반도체를 공급한다") == "ko");
    // A Korean post full of English names and code is still Korean.
    CHECK(detect_language("OpenAI의 GPT-5 API를 Python으로 호출하는 example code를 정리했다: client.chat.completions") == "ko");
    CHECK(detect_language("Webpack bundles JavaScript modules into one file.") == "en");
    CHECK(detect_language("Ceci n'est pas une pipe, mais c'est écrit en lettres latines.") == "en");  // Latin letters
    CHECK(detect_language("webpackはJavaScriptのモジュールをひとつにまとめるバンドラーです") == "ja");
    CHECK(detect_language("東京都の人口は増加している") == "ja");  // kana among the kanji
    CHECK(detect_language("webpack 是一个把 JavaScript 模块打包成一个文件的工具") == "zh");
    CHECK(detect_language("webpack 是一個把 JavaScript 模組打包成一個檔案的工具") == "zh");
    // An English post quoting one Korean word stays English.
    CHECK(detect_language("The word 김치 names a dish of fermented vegetables eaten with nearly every meal in Korea.") == "en");
    CHECK(detect_language("12345 !!! ---").empty());
    CHECK(detect_language("abc").empty());
    CHECK(detect_language("abc", 1) == "en");
    CHECK(detect_language("웹팩", 1) == "ko");
}

TEST_CASE("language: lang: tags made canonical", "[language]") {
    using detail::language_tag;
    CHECK(language_tag("ko") == "ko");
    CHECK(language_tag("EN") == "en");
    CHECK(language_tag("zh-TW") == "zh-tw");
    CHECK(language_tag("zh_CN") == "zh-cn");
    CHECK(language_tag("zh-Hant-TW") == "zh-hant-tw");
    CHECK(language_tag("es-419") == "es-419");
    for (const char* bad : {"", "k", "english!", "en-", "-en", "en--us", "1en", "ko kr", "한국어", "en-abcdefghi"}) {
        INFO(bad);
        CHECK_FALSE(language_tag(bad));
    }
    CHECK(detail::primary_language("zh-tw") == "zh");
    CHECK(detail::primary_language("ko") == "ko");
}
