#include <catch2/catch.hpp>

#include <newsidx/analyzer.hpp>

#include "analysis.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <random>
#include <set>

using namespace newsidx;
using detail::Word;

namespace {

const Analyzer& an() {
    static const Analyzer a;
    return a;
}

// "term@pos" for positional terms, "=key@pos" for concept terms (a synonym
// or variant group's key), "~term" for bigrams, in emitted order.
std::vector<std::string> doc_terms(const std::string& text) {
    std::vector<std::string> out;
    for (const Token& t : an().tokens(text))
        out.push_back(t.kind == TermKind::Bigram    ? "~" + t.term
                      : t.kind == TermKind::Concept ? "=" + t.term + "@" + std::to_string(t.position)
                                                    : t.term + "@" + std::to_string(t.position));
    return out;
}

// Only the concept terms, "key@pos".
std::vector<std::string> concepts(const std::string& text) {
    std::vector<std::string> out;
    for (const Token& t : an().tokens(text))
        if (t.kind == TermKind::Concept) out.push_back(t.term + "@" + std::to_string(t.position));
    return out;
}

std::set<std::string> term_set(const std::string& text) {
    std::set<std::string> out;
    for (const Token& t : an().tokens(text))
        out.insert(t.kind == TermKind::Bigram ? "~" + t.term : t.kind == TermKind::Concept ? "=" + t.term : t.term);
    return out;
}

// Does a query word find a document word? True when they share a positional
// term, or the query's bigram set is met by the document's bigrams or terms
// (what the query builder ORs together).
bool finds(const std::string& query, const std::string& doc) {
    const auto q = term_set(query), d = term_set(doc);
    for (const std::string& t : q)
        if (t[0] != '~' && d.count(t)) return true;
    for (const std::string& t : q)
        if (t[0] == '~' && d.count(t)) return true;
    return false;
}

}  // namespace

TEST_CASE("golden: what a document produces", "[analyzer]") {
    struct Row {
        const char* text;
        std::vector<std::string> terms;
    };
    const std::vector<Row> rows = {
        {"삼성전자의", {"삼성전자@1", "삼성@1", "=삼성전자@1", "=삼성@1", "전자@2"}},
        {"삼성이", {"삼성이@1", "삼성@1", "=삼성@1"}},
        {"삼성", {"삼성@1", "=삼성@1"}},
        {"오픈AI가", {"오픈ai@1", "오픈@1", "=openai@1", "ai@2", "=ai@2"}},
        {"챗GPT를", {"챗gpt@1", "챗@1", "=챗 gpt@1", "gpt@2"}},
        {"AI칩을", {"ai칩@1", "ai@1", "=ai chip@1", "=ai@1", "칩@2"}},
        {"칩을", {"칩을@1", "칩@1"}},
        {"나이", {"나이@1"}},
        {"회의", {"회의@1"}},
        {"국무회의의", {"국무회의@1", "국무@1", "회의@2"}},
        // Only particles that take a trailer get one: 의+는 is no particle.
        {"회의는", {"회의는@1", "회의@1"}},
        {"합의도", {"합의도@1", "합의@1"}},
        {"경제에서는", {"경제에서는@1", "경제@1"}},
        {"회사와의", {"회사와의@1", "회사@1"}},
        {"투자하여", {"투자하여@1", "투자@1"}},
        {"투자했다", {"투자했다@1", "투자@1"}},
        {"투자하는", {"투자하는@1", "투자@1"}},
        {"3억 달러", {"3억@1", "3@1", "억@2", "달러@3"}},
        {"2025년에", {"2025년@1", "2025@1", "년@2"}},
        {"730조 원", {"730조@1", "730@1", "조@2", "원@3"}},
        {"s7엣지", {"s7엣지@1", "s7@1", "엣지@2"}},
        {"Samsung's chips", {"samsung@1", "=삼성@1", "chips@2", "chip@2"}},
        {"발생되었는가", {"발생되었는가@1", "발생@1"}},
        {"만들었다", {"만들었다@1", "만들다@1"}},
        {"있었다", {"있었다@1", "있@1"}},
        // Past 었/았 after a one-syllable verb stem, and endings with the linking 으.
        {"맡았다", {"맡았다@1", "맡@1"}},
        {"맡으며", {"맡으며@1", "맡@1"}},
        {"받으면", {"받으면@1", "받@1"}},
        // The copula in questions and past forms.
        {"소속인가", {"소속인가@1", "소속@1"}},
        {"가수였는가", {"가수였는가@1", "가수@1"}},
        {"왕이었나", {"왕이었나@1", "왕@1"}},
        {"사람이었던", {"사람이었던@1", "사람@1"}},
        {"인가", {"인가@1"}},  // the noun itself stays
        {"가수였나", {"가수였나@1", "가수@1"}},
        {"ＡＩ", {"ai@1", "=ai@1"}},
        {"RUNNING", {"running@1", "run@1"}},
        {"三星電子", {"三星@1", "電子@2"}},
        // Analyzer v4 (issue 17). A compound of lexicon nouns: the whole word
        // and its parts (Nori's mixed mode), no bigrams; an explicit
        // segmentation line splits a name (네이버클라우드).
        {"네이버클라우드에서", {"네이버클라우드@1", "네이버@1", "=네이버@1", "클라우드@2", "=cloud@2"}},
        {"목적함수", {"목적함수@1", "목적@1", "함수@2"}},
        // Noun + 하다/되다 ending: the noun (the bigrams used to find it).
        {"정리했음을", {"정리했음을@1", "정리@1"}},
        {"예상됩니다", {"예상됩니다@1", "예상@1"}},
        // A lexicon noun is a word, not a stem plus a particle (솔로 is no
        // 솔 + 로), so 민주주의 and 민주주의가 meet on one term.
        {"솔로", {"솔로@1"}},
        {"민주주의", {"민주주의@1", "민주@1", "주의@2"}},
        {"민주주의가", {"민주주의@1", "민주@1", "주의@2"}},
        // Verb and adjective forms meet on their dictionary form (hunspell-ko's
        // verb list): past 았/었 fused in the syllable, ㄴ/ㄹ finals, ㄹ
        // dropping, 르 and ㅂ irregulars; a 하다 verb still gives its noun.
        // The 다 keeps a verb apart from a name: 시리게 is 시리다, not 시리 (Siri).
        {"태어났다", {"태어났다@1", "태어나다@1"}},
        {"태어난", {"태어난@1", "태어나다@1"}},
        {"태어나서", {"태어나서@1", "태어나다@1"}},
        {"만든", {"만든@1", "만들다@1"}},
        {"만듭니다", {"만듭니다@1", "만들다@1"}},
        {"불렀다", {"불렀다@1", "부르다@1"}},
        {"아름다운", {"아름다운@1", "아름답다@1"}},
        {"배웠다", {"배웠다@1", "배우다@1"}},
        {"설립한", {"설립한@1", "설립@1"}},
        // The plural 들 counts with its particle: a noun, never a verb read
        // into the noun (사람들 was 사르다 + ㅁ, 배우들 배우다); a lexicon noun
        // ending in 들 keeps it (아들은 is 아들 + 은); a verb in 들 stays a verb.
        {"사람들", {"사람들@1", "사람@1"}},
        {"배우들이", {"배우들이@1", "배우@1"}},
        {"아들은", {"아들은@1", "아들@1"}},
        {"스캔들이", {"스캔들이@1", "스캔들@1"}},
        {"파고들고", {"파고들고@1", "파고들다@1"}},
        // Passive light verbs (당하다, 받다) after a noun give the noun too.
        {"박해당하였는가", {"박해당하였는가@1", "박해@1"}},
        {"지원받은", {"지원받은@1", "지원@1"}},
        // The bound noun 때 glued to its noun comes off; 그때, 한때 stay.
        {"대통령때", {"대통령때@1", "대통령@1"}},
        {"월드컵때는", {"월드컵때는@1", "월드컵@1"}},
        {"그때", {"그때@1"}},
        {"시리게", {"시리게@1", "시리다@1"}},
        {"시리", {"시리@1", "=siri@1"}},
        {"시리를", {"시리를@1", "시리@1", "=siri@1"}},  // a noun and a particle: never read as a verb
        // An adverb is a word of its own: 그리고 is no 그리(다) + 고. Known
        // words (verb stems, adverbs) get no bigrams, like nouns.
        {"그리고", {"그리고@1"}},
        // Spaced spellings of a known word also index the join; two nouns
        // that make no known word do not.
        {"스타 게이트", {"스타@1", "스타게이트@1", "=스타게이트@1", "게이트@2"}},
        {"개인 정보", {"개인@1", "개인정보@1", "정보@2"}},
        {"미국 스타", {"미국@1", "=미국@1", "스타@2"}},
        // Bigrams only for unknown words of 3+ syllables: names the lexicon
        // lacks; never for nouns (시리즈) or two-syllable words.
        {"아이유", {"아이유@1", "~아이", "~이유"}},
        {"시리즈", {"시리즈@1"}},
        // Names stay whole (아이패드 is no 아이 + 패드) unless a line splits them.
        {"아이패드", {"아이패드@1", "=ipad@1", "~아이", "~이패", "~패드"}},
        {"SK하이닉스는", {"sk하이닉스@1", "sk@1", "=sk 하이닉스@1", "하이닉스@2", "~하이", "~이닉", "~닉스"}},
        // A middle dot separates words (ICU kept DRAM·HBM one word).
        {"DRAM·HBM", {"dram@1", "=dram@1", "hbm@2", "=hbm@2"}},
        {"AI·ML", {"ai@1", "=ai@1", "ml@2"}},
        {"미·EU", {"미@1", "eu@2", "=유럽연합@2"}},  // Hangul·Latin: ICU breaks there already
        {"DRAM‧HBM", {"dram@1", "=dram@1", "hbm@2", "=hbm@2"}},  // U+2027 HYPHENATION POINT
        // '/' and '&' between words separate them...
        {"TCP/IP", {"tcp@1", "ip@2"}},
        {"CI/CD", {"ci@1", "cd@2"}},
        {"rock&roll", {"rock@1", "roll@2"}},
        {"a&b&c", {"a@1", "b@2", "c@3"}},
        // ...but one or two letters on each side of one '&' are a name.
        {"R&D", {"r&d@1"}},
        {"AT&T", {"at&t@1"}},
        {"M&A를", {"m&a@1"}},
        // Programming names keep their marks and are never stemmed.
        {"C++", {"c++@1"}},
        {"C++를", {"c++@1"}},
        {"C++17", {"c++@1", "17@2"}},
        {"C/C++", {"c@1", "c++@2"}},
        {"c+++", {"c@1"}},
        {"C#", {"c#@1"}},
        {"C#은", {"c#@1"}},
        {"F#", {"f#@1"}},
        {"c#d", {"c@1", "d@2"}},
        {".NET", {".net@1"}},
        {".NET을", {".net@1"}},
        {"ASP.NET", {"asp.net@1"}},
        {"Notepad++", {"notepad++@1"}},
        {"file.net", {"file.net@1"}},  // no leading dot: a domain, kept as written
        // A JavaScript name: the name and js, kept as written; the whole stem meets nodejs.
        {"Node.js", {"nodejs@1", "node@1", "js@2"}},
        {"node.js의", {"nodejs@1", "node@1", "js@2"}},
        {"Vue.js", {"vuejs@1", "vue@1", "js@2"}},
        {"Next.js", {"nextjs@1", "next@1", "js@2"}},
        {"nodejs", {"nodejs@1", "nodej@1"}},
        // Analyzer v5: two Latin or numeric words written with a hyphen also
        // give their join, stemmed as one word, at the first one's position
        // (a particle after the second stays out); a chain joins each pair.
        {"Kappa-9x를", {"kappa@1", "kappa9x@1", "9x@2"}},
        {"re-ranking", {"re@1", "rerank@1", "ranking@2", "rank@2"}},
        {"Kappa‐9x", {"kappa@1", "kappa9x@1", "9x@2"}},  // U+2010 HYPHEN
        {"p-q-r", {"p@1", "pq@1", "q@2", "qr@2", "r@3"}},
        // Not numbers alone, not across a space or an en dash, not a
        // stopword, not Hangul, not a name with marks.
        {"2020-2024", {"2020@1", "2024@2"}},
        {"Kappa - 9x", {"kappa@1", "9x@2"}},
        {"Kappa–9x", {"kappa@1", "9x@2"}},
        {"state-of-the-art", {"state@1", "of@2", "the@3", "art@4"}},
        {"K-팝", {"k@1", "팝@2"}},
        {"한-미", {"한@1", "미@2"}},
        {"C++-based", {"c++@1", "based@2", "base@2"}},
    };
    for (const Row& r : rows) {
        INFO(r.text);
        CHECK(doc_terms(r.text) == r.terms);
    }
}

TEST_CASE("golden pairs: a query word finds the document forms", "[analyzer]") {
    struct Pair {
        const char* query;
        const char* doc;
        bool found;
    };
    const std::vector<Pair> pairs = {
        {"삼성", "삼성이", true},         {"삼성", "삼성의", true},        {"삼성", "삼성은", true},
        {"삼성", "삼성전자", true},       {"삼성이", "삼성의", true},      {"스타게이트", "스타게이트를", true},
        {"투자", "투자하여", true},       {"투자", "투자했다", true},      {"오픈AI", "오픈AI가", true},
        {"칩", "칩을", true},             {"AI", "ＡＩ", true},            {"openai", "OpenAI", true},
        {"나", "나이", false},           {"회", "회의", false},          {"회", "회의는", false},
        {"국무회의", "국무회의의", true}, {"2025년", "2025년에", true},    {"년", "2025년에", true},
        {"chip", "chips", true},          {"삼성", "삼성물산", true},
        {"맡은", "맡았다", true},         {"맡은", "맡으며", true},        {"받은", "받으면", true},
        {"소속인가", "소속", true},       {"소속", "소속인가", true},      {"왕이었나", "왕은", true},
        {"가수였는가", "가수가", true},   {"인가", "소속인가", false},
        // Names written with marks: each meets its own spellings, not a lone letter.
        {"node.js", "nodejs", true},      {"nodejs", "Node.js", true},     {"Node.js", "node.js", true},
        {"node", "Node.js", true},        {"vue", "Vue.js", true},         {"vue.js", "vuejs", true},
        {"c++", "C++", true},             {"C++", "C++를", true},          {"c", "C++", false},
        {"c++", "c", false},              {"C#", "c#", true},              {"c", "C#", false},
        {"c#", "c++", false},             {".NET", ".net을", true},        {"net", ".NET", false},
        {"DRAM", "DRAM·HBM", true},       {"HBM", "DRAM·HBM", true},       {"R&D", "r&d", true},
        {"r", "R&D", false},              {"TCP", "TCP/IP", true},
        // Hyphenated words meet their joined spelling, both ways (v5).
        {"kappa9x", "Kappa-9x", true},    {"reranking", "re-ranking", true}, {"rerank", "re-ranked", true},
        {"kappa9x", "Kappa 9x", false},

    };
    for (const Pair& p : pairs) {
        INFO(p.query << " vs " << p.doc);
        CHECK(finds(p.query, p.doc) == p.found);
    }
}

TEST_CASE("concepts: a group member in any spelling gives the group's one term", "[analyzer][concept]") {
    struct Row {
        const char* text;
        std::vector<std::string> concepts;
    };
    // Keys are the first member of the group in corpus/synonyms.txt, analyzed.
    const std::vector<Row> rows = {
        // OpenAI = 오픈AI = 오픈에이아이: every spelling, spaced, with particles.
        {"OpenAI", {"openai@1"}},
        {"오픈AI", {"openai@1", "ai@2"}},  // its part ai is a member of AI = 인공지능
        {"오픈AI가 투자", {"openai@1", "ai@2"}},
        {"오픈 AI", {"openai@1", "ai@2"}},
        {"오픈 AI의 투자", {"openai@1", "ai@2"}},
        {"오픈에이아이의", {"openai@1"}},
        {"OpenAI's", {"openai@1"}},
        // Spaced Hangul names: 스타게이트 = Stargate, 젠슨 황 = 젠슨황 = Jensen Huang.
        {"스타게이트", {"스타게이트@1"}},
        {"스타 게이트의", {"스타게이트@1"}},
        {"Stargate", {"스타게이트@1"}},
        {"젠슨 황", {"젠슨 황@1"}},
        {"젠슨황의", {"젠슨 황@1"}},
        {"엔비디아 젠슨 황 CEO", {"nvidia@1", "젠슨 황@2"}},
        {"Jensen Huang", {"젠슨 황@1"}},
        // A compound's or mixed word's part that is a member: 삼성 of 삼성전자.
        {"삼성전자의", {"삼성전자@1", "삼성@1"}},
        {"Samsung Electronics", {"삼성@1", "삼성전자@1"}},  // shorter spans first
        // Loanword variants and brand pairs.
        {"파이선으로", {"python@1"}},
        {"파이썬", {"python@1"}},
        {"메세지를", {"메시지@1"}},
        {"엘론 머스크가", {"일론@1", "일론 머스크@1"}},  // 엘론 alone is a member too
        {"일론 머스크", {"일론@1", "일론 머스크@1"}},
        {"깃헙", {"github@1"}},
        {"웹팩", {"웹팩@1"}},
        {"webpack", {"웹팩@1"}},
        {"시리", {"siri@1"}},
        {"방탄소년단", {"bts@1"}},
        // No false concepts: spaced single syllables never join, a word with
        // an ending does not start a name, two words that only touch do not.
        {"리 사수", {}},
        {"리사 수", {"리사 수@1"}},
        {"스타가 게이트", {}},
        {"미국 스타", {"미국@1"}},
        {"오픈 소스", {"open sourc@1"}},  // the key is the first member analyzed (Snowball)
        {"오픈", {}},
    };
    for (const Row& r : rows) {
        INFO(r.text);
        CHECK(concepts(r.text) == r.concepts);
    }
}

TEST_CASE("NFD Hangul (macOS) analyzes like NFC", "[analyzer]") {
    const std::string nfd = "\xE1\x84\x89\xE1\x85\xA1\xE1\x86\xB7\xE1\x84\x89\xE1\x85\xA5\xE1\x86\xBC\xE1\x84\x8B\xE1\x85\xB5";
    const auto toks = an().tokens(nfd);
    REQUIRE(toks.size() == 3);
    CHECK(toks[0].term == "삼성이");
    CHECK(toks[1].term == "삼성");
    CHECK(toks[2].kind == TermKind::Concept);  // 삼성 = Samsung
    CHECK(toks[2].term == "삼성");
    CHECK(toks[0].begin == 0);
    CHECK(toks[0].end == nfd.size());  // offsets point into the original NFD bytes
}

TEST_CASE("offsets point at the original text", "[analyzer]") {
    const std::string text = "Ｓamsung과  오픈AI가 협력";
    for (const Word& w : detail::analyze(an(), text)) {
        CHECK(w.begin < w.end);
        CHECK(w.end <= text.size());
        CHECK(utf8::valid(std::string_view(text).substr(w.begin, w.end - w.begin)));
    }
    const auto words = detail::analyze(an(), text);
    REQUIRE(words.size() == 3);
    CHECK(text.substr(words[1].begin, words[1].end - words[1].begin) == "오픈AI가");
}

TEST_CASE("a query's word meets a post's compound by its part, not by a bigram", "[analyzer]") {
    // One analysis for posts and queries (analyzer v4): 삼성 is a term of 삼성전자의.
    const auto q = detail::analyze(an(), "삼성 칩");
    REQUIRE(q.size() == 2);
    CHECK(q[0].bigrams.empty());
    CHECK(q[1].bigrams.empty());
    const auto d = detail::analyze(an(), "삼성전자의");
    REQUIRE(d.size() == 1);
    REQUIRE(d[0].parts.size() == 2);
    CHECK(d[0].compound);
    CHECK(d[0].parts[0].stem == q[0].stem);
}

TEST_CASE("randomized input: no crash, offsets increase, terms valid and bounded", "[analyzer][random]") {
    std::mt19937 rng(20261127);
    const std::vector<std::string> pieces = {"삼성", "이", "의", "AI", "칩", " ", "\n", "ㅅㅌㄱ", "\xE1\x84\x89",
                                             "😀", "\xFF", "\xC3", "１２", "-", "'s", "漢字", "﻿", "\0", "가나다라마바사",
                                             // the marks of names: c++, c#, .net, r&d, node.js, DRAM·HBM
                                             "c", "+", "#", "&", ".", "·", "‧", "js", "net", "d"};
    for (int round = 0; round < 300; ++round) {
        std::string text;
        const int n = static_cast<int>(rng() % 60);
        for (int i = 0; i < n; ++i) {
            if (rng() % 5 == 0) text.push_back(static_cast<char>(rng() % 256));
            else text += pieces[rng() % pieces.size()];
        }
        std::uint32_t last_begin = 0, last_pos = 0;
        for (const Word& w : detail::analyze(an(), text)) {
            CHECK(w.begin >= last_begin);
            CHECK(w.position > last_pos);
            CHECK(w.end <= text.size());
            last_begin = w.begin;
            last_pos = w.position;
        }
        for (const Token& t : an().tokens(text)) {
            CHECK(!t.term.empty());
            CHECK(t.term.size() <= Analyzer::kMaxTermBytes);
            CHECK(utf8::valid(t.term));
        }
    }
}

TEST_CASE("huge inputs stay bounded", "[analyzer][random]") {
    std::string line;
    for (int i = 0; i < 40000; ++i) line += "삼성전자가 ";
    const auto words = detail::analyze(an(), line);
    CHECK(words.size() == 40000);
    const std::string word(5000, 'x');  // one absurd word is skipped, not truncated into noise
    CHECK(detail::analyze(an(), word).empty());

    // A 1 MB line of mixed scripts, NFD jamo, emoji and stray bytes.
    std::mt19937 rng(7);
    const std::vector<std::string> parts = {"오픈AI가 ", "\xE1\x84\x89\xE1\x85\xA1 ", "😀", "데이터센터에서 ",
                                            "GPT-4o ", "\xFF", "３억 ", "ㅋㅋ "};
    std::string mb;
    while (mb.size() < (1u << 20)) mb += parts[rng() % parts.size()];
    std::uint32_t last = 0;
    std::size_t n = 0, bad = 0;
    for (const Token& t : an().tokens(mb)) {
        if (t.kind != TermKind::Bigram) {
            bad += t.position < last;
            last = t.position;
        }
        bad += t.end > mb.size() || !utf8::valid(t.term);
        ++n;
    }
    CHECK(bad == 0);
    CHECK(n > 100000);
}
