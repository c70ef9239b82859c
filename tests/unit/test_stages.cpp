// The Analyzer's stages one at a time (text/stages.hpp), in pipeline order.
// test_analyzer.cpp checks what they make together.
#include <catch2/catch.hpp>

#include "analysis.hpp"
#include "normalize.hpp"
#include "concepts.hpp"
#include "stages.hpp"
#include "verbs.hpp"

#include <string>
#include <vector>

using namespace newsidx;
using namespace newsidx::detail;

namespace {

Normalized normalized(const std::string& text) {
    Normalized n;
    normalize(text, n);
    return n;
}

std::string utf8_of(const icu::UnicodeString& t, std::int32_t b, std::int32_t e) {
    std::string s;
    to_utf8(t, b, e, s);
    return s;
}

std::vector<std::string> segments_of(const std::string& text) {
    const Normalized n = normalized(text);
    std::vector<Segment> segs;
    segment(n.text, segs);
    std::vector<std::string> out;
    for (const Segment& s : segs) out.push_back(utf8_of(n.text, s.begin, s.end));
    return out;
}

// "text:H" per run (H Hangul, C Han, K Kana, O other) of the one segment of `word`.
std::vector<std::string> runs_of(const std::string& word, bool drop_particle = false) {
    const Normalized n = normalized(word);
    std::vector<Segment> segs;
    segment(n.text, segs);
    REQUIRE(segs.size() == 1);
    std::vector<Run> runs;
    script_runs(n.text, segs[0], runs);
    if (drop_particle) drop_glued_particle(n.text, runs);
    std::vector<std::string> out;
    for (const Run& r : runs) out.push_back(utf8_of(n.text, r.begin, r.end) + ":" + "HCKO"[static_cast<int>(r.script)]);
    return out;
}

// Stages 1-5 on text holding one word.
Word emitted(const std::string& text, std::uint32_t position) {
    const Normalized n = normalized(text);
    std::vector<Segment> segs;
    segment(n.text, segs);
    REQUIRE(segs.size() == 1);
    std::vector<Run> runs;
    script_runs(n.text, segs[0], runs);
    drop_glued_particle(n.text, runs);
    std::vector<Stemmed> stemmed;
    stem_runs(n.text, runs, stemmed);
    return emit_word(n, segs[0], stemmed, position);
}

}  // namespace

TEST_CASE("stage 1, normalize: NFKC + case folding, offsets into the original", "[analyzer][stages]") {
    // NFD Hangul as macOS writes file names and some editors text: ㅅㅏㅁ ㅅㅓㅇ ㅇㅣ.
    const std::string nfd = "\xE1\x84\x89\xE1\x85\xA1\xE1\x86\xB7\xE1\x84\x89\xE1\x85\xA5\xE1\x86\xBC\xE1\x84\x8B\xE1\x85\xB5";
    CHECK(normalize_utf8(nfd) == "삼성이");
    CHECK(normalize_utf8("ＡＩ　３억") == "ai 3억");  // full width letters, digits and space
    CHECK(normalize_utf8("OpenAI RUNNING Straße") == "openai running strasse");

    // Each output unit remembers the bytes it came from: 삼 from the first 9 bytes of NFD.
    const Normalized n = normalized(nfd);
    REQUIRE(n.text.length() == 3);
    CHECK(n.begin[0] == 0);
    CHECK(n.end[0] == 9);
    CHECK(n.begin[2] == 18);
    CHECK(n.end[2] == nfd.size());
    const Normalized w = normalized("xＡy");  // Ａ is 3 bytes
    CHECK(w.begin[1] == 1);
    CHECK(w.end[1] == 4);
}

TEST_CASE("stage 2, segment: word boundaries, touching letters and numbers rejoined", "[analyzer][stages]") {
    CHECK(segments_of("삼성, 애플!  그리고 (구글)") == std::vector<std::string>{"삼성", "애플", "그리고", "구글"});
    // ICU breaks 오픈|ai|가 and 3|억: one eojeol each again.
    CHECK(segments_of("오픈AI가 3억 달러") == std::vector<std::string>{"오픈ai가", "3억", "달러"});
    CHECK(segments_of("s7엣지 gpt-4o") == std::vector<std::string>{"s7엣지", "gpt", "4o"});
    // Ideographs are ICU's dictionary words and are never joined with a neighbour.
    CHECK(segments_of("三星電子") == std::vector<std::string>{"三星", "電子"});
    CHECK(segments_of(" ... ").empty());
    // A middle dot separates words; '/' and '&' too (ICU), but for short names around one '&'.
    CHECK(segments_of("DRAM·HBM 삼성·SK TCP/IP R&D는 AT&T rock&roll") ==
          std::vector<std::string>{"dram", "hbm", "삼성", "sk", "tcp", "ip", "r&d는", "at&t", "rock", "roll"});
    // Programming names keep their marks; a particle joins them, a number does not.
    CHECK(segments_of("C++를 C#, .NET의 F# c++17 node.js asp.net") ==
          std::vector<std::string>{"c++를", "c#", ".net의", "f#", "c++", "17", "node.js", "asp.net"});
    CHECK(segments_of("c+++ c#d x.net i++") == std::vector<std::string>{"c", "c", "d", "x.net", "i++"});
}

TEST_CASE("stage 3, script runs: split at script changes, a glued particle dropped", "[analyzer][stages]") {
    CHECK(runs_of("오픈AI가") == std::vector<std::string>{"오픈:H", "ai:O", "가:H"});
    CHECK(runs_of("3억") == std::vector<std::string>{"3:O", "억:H"});
    CHECK(runs_of("삼성전자의") == std::vector<std::string>{"삼성전자의:H"});
    CHECK(runs_of("電子") == std::vector<std::string>{"電子:C"});

    CHECK(runs_of("오픈AI가", true) == std::vector<std::string>{"오픈:H", "ai:O"});
    CHECK(runs_of("GPT를", true) == std::vector<std::string>{"gpt:O"});
    CHECK(runs_of("2025년에", true) == std::vector<std::string>{"2025:O", "년에:H"});  // 년에 is no particle
    CHECK(runs_of("AI칩을", true) == std::vector<std::string>{"ai:O", "칩을:H"});
    CHECK(runs_of("삼성이", true) == std::vector<std::string>{"삼성이:H"});  // only after another script

    // A JavaScript name before its ".js".
    CHECK(runs_of("node.js") == std::vector<std::string>{"node:O", "js:O"});
    CHECK(runs_of("Node.js의", true) == std::vector<std::string>{"node:O", "js:O"});
    CHECK(runs_of("jquery.min.js") == std::vector<std::string>{"jquery.min:O", "js:O"});
    CHECK(runs_of("asp.net") == std::vector<std::string>{"asp.net:O"});
}

TEST_CASE("stage 4, stem: particles and endings by 받침, Snowball for Latin only", "[analyzer][stages]") {
    // A particle comes off only when it fits the 받침 before it.
    CHECK(stem_run("삼성이", Script::Hangul, Place::Alone) == "삼성");      // 성 has a final: 이 fits
    CHECK(stem_run("나이", Script::Hangul, Place::Alone) == "나이");        // 나 has none: 이 is part of the word
    CHECK(stem_run("사과를", Script::Hangul, Place::Alone) == "사과");      // 를 after a vowel
    CHECK(stem_run("사람를", Script::Hangul, Place::Alone) == "사람를");    // 를 never after a final
    CHECK(stem_run("칩을", Script::Hangul, Place::Alone) == "칩");
    CHECK(stem_run("회의는", Script::Hangul, Place::Alone) == "회의");      // one particle only: 의 stays
    CHECK(stem_run("투자했다", Script::Hangul, Place::Alone) == "투자");
    // A lexicon noun keeps its last syllable; a verb form gives its dictionary form.
    CHECK(stem_run("도로", Script::Hangul, Place::Alone) == "도로");
    CHECK(stem_run("강원도에서", Script::Hangul, Place::Alone) == "강원도");
    CHECK(stem_run("일어났다", Script::Hangul, Place::Alone) == "일어나다");
    CHECK(stem_run("이루어진", Script::Hangul, Place::Alone) == "이루어지다");
    CHECK(stem_run("가르쳤다", Script::Hangul, Place::Alone) == "가르치다");
    CHECK(stem_run("바다", Script::Hangul, Place::Alone) == "바다");  // no verb 바(다)
    // A noun the stripper made by cutting a verb ending does not outrank the
    // verb (이루었다: 이루다, not the noun 이루); a noun + particle stays the noun.
    CHECK(stem_run("이루었다", Script::Hangul, Place::Alone) == "이루다");
    CHECK(stem_run("이름이었다", Script::Hangul, Place::Alone) == "이름");
    CHECK(stem_run("기쁨에", Script::Hangul, Place::Alone) == "기쁨");
    // After another script a one-syllable word may remain (2025년에 -> 년).
    CHECK(stem_run("년에", Script::Hangul, Place::Alone) == "년에");
    CHECK(stem_run("년에", Script::Hangul, Place::Later) == "년");

    // Snowball English for a whole Latin word; never for Hangul; names in a mixed word kept.
    CHECK(stem_run("running", Script::Other, Place::Alone) == "run");
    CHECK(stem_run("chips", Script::Other, Place::Alone) == "chip");
    CHECK(stem_run("chips", Script::Other, Place::First) == "chips");
    CHECK(stem_run("h100s", Script::Other, Place::Alone) == "h100s");  // a digit: kept as written
    for (const char* name : {"c++", "c#", "r&d", ".net", "asp.net", "github.io"})  // a name's marks: too
        CHECK(english_stem(name) == name);
    CHECK(english_stem("삼성이") == "삼성이");
    CHECK(stem_run("電子", Script::Han, Place::Alone) == "電子");

    std::string w = "samsung's";
    strip_possessive(w);
    CHECK(w == "samsung");
    w = "samsung\xE2\x80\x99s";
    strip_possessive(w);
    CHECK(w == "samsung");
    w = "'s";
    strip_possessive(w);
    CHECK(w == "'s");

    // stem_runs gives each run its place: the Latin part of 챗GPT를 is a name, 년에 follows a number.
    const Normalized n = normalized("chips년에");
    std::vector<Run> runs;
    script_runs(n.text, Segment{0, n.text.length(), false}, runs);
    std::vector<Stemmed> st;
    stem_runs(n.text, runs, st);
    REQUIRE(st.size() == 2);
    CHECK(st[0].stem == "chips");
    CHECK(st[1].surface == "년에");
    CHECK(st[1].stem == "년");
}

TEST_CASE("stage 5, emit: the Word, its parts at their positions, original offsets", "[analyzer][stages]") {
    const std::string text = "오픈AI가";
    const Word w = emitted(text, 7);
    CHECK(w.surface == "오픈ai가");  // the whole eojeol
    CHECK(w.stem == "오픈ai");       // the parts' stems: the glued particle is gone
    CHECK(w.position == 7);
    CHECK(w.width() == 2);
    CHECK(w.begin == 0);
    CHECK(w.end == text.size());
    REQUIRE(w.parts.size() == 2);
    CHECK(w.parts[0].surface == "오픈");
    CHECK(w.parts[0].hangul);
    CHECK(w.parts[1].stem == "ai");
    CHECK(w.parts[1].position == 8);
    CHECK(text.substr(w.parts[1].begin, w.parts[1].end - w.parts[1].begin) == "AI");
    CHECK(w.bigrams.empty());  // filters come after
    CHECK(!w.stopword);

    const std::string en = "Ｓamsung's";
    const Word s = emitted(en, 1);
    CHECK(s.surface == "samsung");
    CHECK(s.stem == "samsung");
    CHECK(s.parts.empty());
    CHECK(s.width() == 1);
    CHECK(s.end == en.size());  // offsets cover the word as written
}

TEST_CASE("stage 6, filters: length guard, stopwords, bigrams", "[analyzer][stages]") {
    Word w;
    w.stem = "x";
    w.surface = std::string(Analyzer::kMaxTermBytes, 'x');
    CHECK(keep_word(w));
    w.surface += "x";
    CHECK_FALSE(keep_word(w));
    w.surface = "x";
    w.stem.clear();
    CHECK_FALSE(keep_word(w));

    auto stop = [](const std::string& text) {
        Word x = emitted(text, 1);
        mark_stopword(x);
        return x.stopword;
    };
    CHECK(stop("및"));
    CHECK(stop("것"));
    CHECK(stop("The"));
    CHECK_FALSE(stop("삼성"));
    CHECK_FALSE(stop("theory"));
    CHECK_FALSE(stop("the것"));  // a mixed word is never a function word

    std::vector<std::string> bg;
    bigrams("삼성전자", bg);
    CHECK(bg == std::vector<std::string>{"삼성", "성전", "전자"});
    bg.clear();
    bigrams("칩", bg);
    CHECK(bg.empty());
    bigrams("삼성x전자", bg);  // only two syllables side by side
    CHECK(bg == std::vector<std::string>{"삼성", "전자"});

    auto word_bigrams = [](const std::string& text) {
        Word x = emitted(text, 1);
        add_bigrams(x);
        return x.bigrams;
    };
    // Only for unknown Hangul stems of 3+ syllables (analyzer v4): the last
    // resort for words neither the lexicon nor a segmentation line knows.
    CHECK(word_bigrams("아이유의") == std::vector<std::string>{"아이", "이유"});  // of the stem
    CHECK(word_bigrams("SK하이닉스는") == std::vector<std::string>{"하이", "이닉", "닉스"});  // of each Hangul part
    CHECK(word_bigrams("삼성전자의").empty());  // a compound: its parts are known words
    CHECK(word_bigrams("데이터센터").empty());
    CHECK(word_bigrams("시리즈").empty());  // a lexicon noun
    CHECK(word_bigrams("삼성이").empty());  // two syllables: its one bigram is itself
    CHECK(word_bigrams("오픈AI가").empty());
    CHECK(word_bigrams("OpenAI").empty());
}

TEST_CASE("stage 6, join_hyphenated: two words with a hyphen between them carry their join", "[analyzer][stages]") {
    // The gap between two segments: one hyphen (U+002D, U+2010, U+2011), nothing else.
    auto gap = [](const std::string& text) {
        const Normalized n = normalized(text);
        std::vector<Segment> segs;
        segment(n.text, segs);
        REQUIRE(segs.size() == 2);
        return hyphen_between(n.text, segs[0].end, segs[1].begin);
    };
    CHECK(gap("gpt-4o"));
    CHECK(gap("gpt\u20104o"));
    CHECK(gap("gpt\u20114o"));
    CHECK_FALSE(gap("gpt 4o"));
    CHECK_FALSE(gap("gpt - 4o"));
    CHECK_FALSE(gap("gpt\u20134o"));  // an en dash: a range
    CHECK_FALSE(gap("gpt--4o"));
    CHECK_FALSE(hyphen_between(normalized("gpt-4o").text, -1, 4));  // a word dropped before

    // The pair, each word as emitted at consecutive positions.
    auto join = [](const std::string& a, const std::string& b) {
        Word x = emitted(a, 1), y = emitted(b, 2);
        mark_stopword(x);
        mark_stopword(y);
        join_hyphenated(x, y);
        CHECK(x.hyphen == !x.joined.empty());
        return x.joined;
    };
    CHECK(join("GPT", "4o를") == "gpt4o");       // the particle stays out
    CHECK(join("re", "ranking") == "rerank");    // stemmed as one word
    CHECK(join("COVID", "19") == "covid19");
    CHECK(join("2020", "2024").empty());         // no letter
    CHECK(join("state", "of").empty());          // a stopword
    CHECK(join("K", "팝").empty());              // Hangul
    CHECK(join("한", "미").empty());
    CHECK(join("C++", "based").empty());         // a name with marks
    CHECK(join("오픈AI", "ready").empty());      // a mixed word
    Word x = emitted("kappa", 1), far = emitted("9x", 3);
    join_hyphenated(x, far);  // not adjacent: a word or a block between them
    CHECK(x.joined.empty());
}

TEST_CASE("stage 7, terms: what a Word puts in a document, in order", "[analyzer][stages]") {
    auto terms = [](const std::string& text) {
        Word x = emitted(text, 3);
        add_bigrams(x);
        std::vector<Token> out;
        word_tokens(x, out);
        static const char* kinds[] = {"surface", "stem", "part", "bigram", "joined"};
        std::vector<std::string> s;
        for (const Token& t : out)
            s.push_back(t.term + " " + kinds[static_cast<int>(t.kind)] + "@" + std::to_string(t.position) + " " +
                        std::to_string(t.begin) + "-" + std::to_string(t.end));
        return s;
    };
    // Surface, the stem when it differs, then the bigrams (no position, the word's offsets).
    CHECK(terms("삼성이") == std::vector<std::string>{"삼성이 surface@3 0-9", "삼성 stem@3 0-9"});
    CHECK(terms("아이유") == std::vector<std::string>{"아이유 surface@3 0-9", "아이 bigram@0 0-9", "이유 bigram@0 0-9"});
    // A mixed word: its stem once, then each part at its own position.
    CHECK(terms("오픈AI가") == std::vector<std::string>{"오픈ai stem@3 0-11", "오픈 part@3 0-6", "ai part@4 6-8"});
    // A compound: the same shape, each part with its own bytes (the last
    // keeps the particle out).
    CHECK(terms("삼성전자의") ==
          std::vector<std::string>{"삼성전자 stem@3 0-15", "삼성 part@3 0-6", "전자 part@4 6-12"});
}

TEST_CASE("stage 4, stem: the verb lemmatizer undoes fused endings, by the verb list", "[analyzer][stages]") {
    using newsidx::detail::is_verb_stem;
    using newsidx::detail::verb_stem;
    // The list: stems of hunspell-ko's verbs and adjectives, two syllables or more.
    CHECK(is_verb_stem("태어나"));
    CHECK(is_verb_stem("아름답"));
    CHECK_FALSE(is_verb_stem("가"));      // one syllable: never
    CHECK_FALSE(is_verb_stem("그리고"));  // an adverb is in the list, but as no stem
    // Each fusion the lemmatizer undoes.
    CHECK(verb_stem("태어났다") == "태어나");        // ㅆ of the past in the stem's syllable
    CHECK(verb_stem("태어났는가") == "태어나");
    CHECK(verb_stem("태어난") == "태어나");          // ㄴ final
    CHECK(verb_stem("태어날") == "태어나");          // ㄹ final
    CHECK(verb_stem("태어난다") == "태어나");        // ㄴ다
    CHECK(verb_stem("만들었다") == "만들");          // 었 as its own syllable
    CHECK(verb_stem("만드는") == "만들");            // ㄹ dropped before 는
    CHECK(verb_stem("만듭니다") == "만들");          // ...and before ㅂ니다
    CHECK(verb_stem("불렀다") == "부르");            // 르-irregular
    CHECK(verb_stem("도와준") == "도와주");          // the longest reading wins
    CHECK(verb_stem("아름다웠다") == "아름답");      // ㅂ-irregular
    CHECK(verb_stem("되었다").empty());               // 되: one syllable
    CHECK(verb_stem("시행됐다") == "시행되");        // 됐 = 되 + 었
    CHECK(verb_stem("가르쳐") == "가르치");          // 쳐 = 치 + 어
    CHECK(verb_stem("배워서") == "배우");            // 워 = 우 + 어
    CHECK(verb_stem("내리겠다는") == "내리");        // the future 겠
    CHECK(verb_stem("보일까") == "보이");            // ㄹ까
    CHECK(verb_stem("맡기려") == "맡기");            // 려
    CHECK(verb_stem("마치면") == "마치");            // a verb whose stem is also an adverb (마치)...
    CHECK(verb_stem("마치").empty());                 // ...but the adverb itself is no verb form
    // No guess without the list's word for it.
    CHECK(verb_stem("번디가").empty());
    CHECK(verb_stem("바다").empty());
    CHECK(verb_stem("그리고").empty());
    CHECK(verb_stem("openai").empty());
    CHECK(verb_stem("").empty());
}

TEST_CASE("stage 6, concepts: members of the given groups, spaced, mixed, with particles", "[analyzer][stages][concept]") {
    // A table of its own groups (as a user's synonym file would give), not the built-in list.
    const ConceptTable table({{"쿼카봇", "Quokkabot", "쿼카 AI"}, {"마루 인형", "마루인형"}, {"가 나다", "Ganada"}});
    auto marked = [&](const std::string& text) {
        std::vector<Word> ws = analyze_words(text);
        table.mark(ws);
        std::vector<std::string> out;
        for (const Word& w : ws)
            for (const Concept& c : w.concepts)
                out.push_back(c.key + "@" + std::to_string(c.position) + "/" + std::to_string(c.words) +
                              (c.part ? "p" : ""));
        return out;
    };
    CHECK(marked("쿼카봇이") == std::vector<std::string>{"쿼카봇@1/1"});
    CHECK(marked("쿼카 봇").empty());  // spaced, but 봇 is one syllable: no join
    CHECK(marked("Quokkabot") == std::vector<std::string>{"쿼카봇@1/1"});
    CHECK(marked("새 쿼카AI가") == std::vector<std::string>{"쿼카봇@2/1"});   // 쿼카 AI written as one mixed word
    CHECK(marked("쿼카 AI를") == std::vector<std::string>{"쿼카봇@1/2"});
    CHECK(marked("마루 인형의") == std::vector<std::string>{"마루 인형@1/2"});
    CHECK(marked("마루인형") == std::vector<std::string>{"마루 인형@1/1"});
    CHECK(marked("가 나다") == std::vector<std::string>{"가 나다@1/2"});  // the member's own spacing
    CHECK(marked("가나 다").empty());                                      // spaced otherwise, with a one-syllable word
    CHECK(marked("가나다") == std::vector<std::string>{"가 나다@1/1"});    // written together: the member joined
    CHECK(marked("마루가 인형").empty());                                   // an ending before the next word
    CHECK(marked("Ganada 쿼카봇") == std::vector<std::string>{"가 나다@1/1", "쿼카봇@2/1"});
}
