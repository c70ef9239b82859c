// Component tests (issue 16, step 7): snippets, jamo keys and the Hangul
// helpers, the shard list. What each returns today, asserted precisely, so
// that moving them between modules or reworking the analyzer shows.
#include <catch2/catch.hpp>

#include <newsidx/analyzer.hpp>
#include <newsidx/error.hpp>
#include <newsidx/format.hpp>
#include <newsidx/index.hpp>
#include <newsidx/shards.hpp>

#include "hangul.hpp"
#include "jamo.hpp"
#include "open_db.hpp"
#include "query_builder.hpp"
#include "query_parser.hpp"
#include "snippet.hpp"
#include "tmpdir.hpp"
#include "utf8.hpp"

#include <string>
#include <vector>

using namespace newsidx;

namespace {

detail::BuiltQuery built(const std::string& q, const Analyzer& a) {
    std::string w;
    return detail::build_query(detail::parse_query(q, w), a, nullptr);
}

// The snippet with its matches in brackets.
std::string snip(const std::string& text, const std::string& q, std::size_t chars = 160, bool whole = false) {
    const Analyzer a;
    return mark(detail::make_snippet(text, a, built(q, a), chars, whole), "[", "]");
}

// The code points [b, e) of `s`.
std::string cps(const std::string& s, std::size_t b, std::size_t e) {
    std::string out;
    std::size_t at = 0, k = 0;
    while (at < s.size()) {
        const std::size_t from = at;
        utf8::next(s, at);
        if (k >= b && k < e) out.append(s, from, at - from);
        ++k;
    }
    return out;
}

}  // namespace

// ---------------------------------------------------------------- snippets

TEST_CASE("snippets: the window with the most distinct query words, cut at spaces", "[snippet]") {
    // One 삼성 early, then 삼성 and 반도체 together far on: the window goes there.
    std::string text = "삼성 이야기로 시작한다.";
    for (int i = 0; i < 30; ++i) text += " 다른 문장이 이어진다.";
    text += " 삼성전자가 반도체를 만든다. 끝.";
    // kLead (24) code points before the best match, then on to the next space.
    CHECK(snip(text, "삼성 반도체", 60) == "…문장이 이어진다. 다른 문장이 이어진다. [삼성전자가] [반도체를] 만든다. 끝.");
    // Only the first word asked: the first match wins, the window starts at the
    // text and ends at the space nearest `chars` code points on.
    CHECK(snip(text, "삼성", 30) == "[삼성] 이야기로 시작한다. 다른 문장이 이어진다. 다른 문장이…");
    // Whitespace runs become one space; a title is read whole. Today leading
    // white space counts as a cut ("…" first although nothing is left out;
    // tests/README.md "Pinning tests" lists it as a finding).
    CHECK(snip("스타게이트\n\n\t프로젝트   발표  ", "프로젝트", 160, true) == "스타게이트 [프로젝트] 발표");
    CHECK(snip("  스타게이트 프로젝트", "프로젝트", 160, true) == "…스타게이트 [프로젝트]");
}

TEST_CASE("snippets: whole words only, Hangul with particles, Latin by stem", "[snippet]") {
    CHECK(snip("삼성이 움직였다. 삼성은 투자했다. 삼성전자의 실적.", "삼성") ==
          "[삼성이] 움직였다. [삼성은] 투자했다. [삼성전자의] 실적.");
    // The spaced spelling (스타 게이트) is one of the word's spellings: its parts are marked.
    CHECK(snip("스타게이트를 세운다. 스타 게이트를 세운다.", "스타게이트") ==
          "[스타게이트를] 세운다. [스타] [게이트를] 세운다.");
    // Analyzer v4: a word sharing only a piece (게이트볼, a lone 스타) is not
    // the word searched, and is not marked.
    CHECK(snip("게이트볼 경기. 스타 선수.", "스타게이트") == "게이트볼 경기. 스타 선수.");
    CHECK(snip("Running engines run. A chipset is not chips.", "run chip") ==
          "[Running] engines [run]. A chipset is not [chips].");
    CHECK(snip("오픈AI가 발표했다. 오픈 AI와는 다르다.", "오픈AI") == "[오픈AI가] 발표했다. [오픈] [AI와는] 다르다.");
    CHECK(snip("nothing here matches", "삼성") == "nothing here matches");
}

TEST_CASE("snippets: match offsets count code points of the snippet text", "[snippet]") {
    const Analyzer a;
    using Span = std::pair<std::size_t, std::size_t>;
    const Snippet s = detail::make_snippet("삼성 😀 é 삼성이\n\n왔다 é 삼성", a, built("삼성", a), 160);
    CHECK(s.text == "삼성 😀 é 삼성이 왔다 é 삼성");
    REQUIRE(s.matches.size() == 3);
    CHECK(s.matches[0] == Span{0, 2});
    CHECK(s.matches[1] == Span{7, 10});
    CHECK(s.matches[2] == Span{16, 18});
    CHECK(cps(s.text, 7, 10) == "삼성이");
    CHECK(cps(s.text, 16, 18) == "삼성");
    // Today a first match within kLead code points of the start, after a
    // space, drops the words before it: the walk back reaches the start, then
    // walks on to the next space (tests/README.md "Pinning tests": a finding).
    const Snippet cut = detail::make_snippet("가나다 😀 삼성이 왔다", a, built("삼성", a), 160);
    CHECK(cut.text == "…😀 삼성이 왔다");
    REQUIRE(cut.matches.size() == 1);
    CHECK(cut.matches[0] == Span{3, 6});
    CHECK(mark(detail::make_snippet("오늘 삼성이 발표했다", a, built("삼성", a), 160), "[", "]") == "…[삼성이] 발표했다");
}

TEST_CASE("snippets: an over-long post, empty text", "[snippet]") {
    const Analyzer a;
    // A match beyond the first 256 KiB is not looked for: the beginning shows.
    const std::string filler(300 * 1024, 'x');
    const Snippet far = detail::make_snippet("시작 " + filler + " 삼성", a, built("삼성", a), 40);
    CHECK(far.matches.empty());
    CHECK(far.text.rfind("시작 xxx", 0) == 0);
    CHECK(utf8::length(far.text) == 41);  // 40 code points and "…": no space near to end at
    // A match inside a long post: about `chars` code points around it.
    std::string body;
    for (int i = 0; i < 5000; ++i) body += "문장 ";
    const Snippet mid = detail::make_snippet(body + "삼성이 " + body, a, built("삼성", a), 80);
    std::string want = "…";
    for (int i = 0; i < 7; ++i) want += "문장 ";
    want += "[삼성이]";
    for (int i = 0; i < 19; ++i) want += " 문장";
    CHECK(mark(mid, "[", "]") == want + "…");
    const Snippet empty = detail::make_snippet("", a, built("삼성", a), 160);
    CHECK(empty.text.empty());
    CHECK(empty.matches.empty());
    const Snippet blank = detail::make_snippet(" \n\t ", a, built("삼성", a), 160);
    CHECK(blank.text == "…");  // white space only: the same spurious cut mark
    CHECK(blank.matches.empty());
}

// ------------------------------------------------------------ jamo, Hangul

TEST_CASE("jamo keys: syllables decomposed as typed, compounds split", "[jamo][hangul]") {
    using service::jamo_key;
    CHECK(jamo_key("스타게이트") == U"ㅅㅡㅌㅏㄱㅔㅇㅣㅌㅡ");
    CHECK(jamo_key("화") == U"ㅎㅗㅏ");          // compound vowel: two keystrokes
    CHECK(jamo_key("닭") == U"ㄷㅏㄹㄱ");        // compound final
    CHECK(jamo_key("ㅘ ㄳ") == U"ㅗㅏ ㄱㅅ");     // compound compatibility jamo too
    CHECK(jamo_key("스탁").substr(0, 4) == jamo_key("스타게이트").substr(0, 4));  // an IME state is a prefix
    CHECK(jamo_key("\xE1\x84\x89\xE1\x85\xB3") == U"ㅅㅡ");  // NFD (conjoining) 스
    CHECK(jamo_key("Open  AI\t가") == U"open ai ㄱㅏ");
    CHECK(jamo_key("A-1!") == U"a-1!");
    CHECK(jamo_key("a\xFFz") == U"a\uFFFDz");
    CHECK(jamo_key("").empty());
}

TEST_CASE("jamo keys: 초성 keys and 초성 queries", "[jamo][hangul]") {
    using service::choseong_key, service::is_choseong_query;
    CHECK(choseong_key("스타게이트") == U"ㅅㅌㄱㅇㅌ");
    CHECK(choseong_key("삼성 Electronics") == U"ㅅㅅ electronics");
    CHECK(choseong_key("쌍끌이") == U"ㅆㄲㅇ");
    CHECK(choseong_key("ㅅㅌ") == U"ㅅㅌ");
    CHECK(is_choseong_query("ㅅㅌㄱ"));
    CHECK(is_choseong_query("ㅅ ㅌ"));
    CHECK(is_choseong_query("ㅅ"));
    CHECK(!is_choseong_query("ㅅㅏ"));
    CHECK(!is_choseong_query("스ㅌ"));
    CHECK(!is_choseong_query("a"));
    CHECK(!is_choseong_query(""));
    CHECK(!is_choseong_query(" "));
}

TEST_CASE("Hangul helpers: classes, initials of mixed text, layout of compound jamo", "[hangul]") {
    using namespace detail::hangul;
    CHECK(is_syllable(U'가'));
    CHECK(is_syllable(U'힣'));
    CHECK(!is_syllable(U'ㄱ'));
    CHECK(!is_syllable(0xD7A4));
    CHECK(is_compat_consonant(U'ㄱ'));
    CHECK(is_compat_consonant(U'ㅎ'));
    CHECK(!is_compat_consonant(U'ㅏ'));
    CHECK(initials("삼성SDI 반도체") == "ㅅㅅㅂㄷㅊ");
    CHECK(initials("ㅅㅌ게") == "ㅅㅌㄱ");
    CHECK(initials("abc") == "");
    CHECK(hangul_to_latin("ㅘ") == std::optional<std::string>("hk"));
    CHECK(hangul_to_latin("닭") == std::optional<std::string>("ekfr"));
    CHECK(latin_to_hangul("ekfr") == std::optional<std::string>("닭"));
    CHECK(latin_to_hangul("QKF") == std::optional<std::string>("빨"));
    CHECK(jamo_distance("화", "하") == 1);
    CHECK(jamo_distance("", "삼성") == 6);  // ㅅㅏㅁㅅㅓㅇ
}

// ------------------------------------------------------------- shard list

TEST_CASE("shard list: a plain folder, a sharded folder, a stub file", "[shards][open]") {
    TempDir dir;
    const std::string plain = (dir.path / "plain").string(), sharded = (dir.path / "sharded").string();
    { Index idx(plain); }
    { ShardedIndex idx(sharded, 2); }

    auto one = detail::list_shards(plain, {});
    REQUIRE(one.size() == 1);
    CHECK(one[0].path == plain);
    CHECK(one[0].label == plain);
    CHECK(one[0].port == 0);
    CHECK(one[0].context().empty());

    auto two = detail::list_shards(sharded, {});
    REQUIRE(two.size() == 2);
    CHECK(two[0].path == sharded + "/shard-0");
    CHECK(two[1].path == sharded + "/shard-1");
    CHECK(two[0].label == "shard 1 of 2 (" + sharded + "/shard-0)");
    CHECK(two[1].label == "shard 2 of 2 (" + sharded + "/shard-1)");

    // A stub: auto lines relative to it (a sharded folder expands), remote lines kept for us.
    const std::string stub = dir.write("all.stub", "# comment\nauto plain\r\nauto sharded\n\nremote 10.0.0.1:7002\n"
                                                   "remote :xapian-progsrv /srv/db\ninmemory\n");
    auto all = detail::list_shards(stub, {});
    REQUIRE(all.size() == 5);
    CHECK(all[0].path == plain);
    CHECK(all[1].path == sharded + "/shard-0");
    CHECK(all[2].path == sharded + "/shard-1");
    CHECK(all[3].host == "10.0.0.1");
    CHECK(all[3].port == 7002);
    CHECK(all[3].label == "shard 4 of 5 (10.0.0.1:7002)");
    CHECK(all[3].context() == "remote:tcp(10.0.0.1:7002)");
    CHECK(all[4].program == "xapian-progsrv");
    CHECK(all[4].args == "/srv/db");
    CHECK(all[4].label == "shard 5 of 5 (program xapian-progsrv /srv/db)");

    // Lines it cannot use name the file and line.
    auto refused = [](const std::string& db) {
        try {
            detail::list_shards(db, {});
        } catch (const IndexError& e) {
            return std::string(e.what());
        }
        return std::string("(no IndexError)");
    };
    const std::string bad = dir.write("bad.stub", "auto plain\nremote nohost\n");
    CHECK(refused(bad) == bad + ":2: expected \"remote HOST:PORT\" (or \"remote :PROGRAM ARGS\")");
    const std::string gone = dir.write("gone.stub", "auto nowhere\n");
    CHECK(refused(gone) == gone + ":1: " + (dir.path / "nowhere").string() + ": no such database");
    const std::string text = dir.write("notes.txt", "hello world\n");
    CHECK(refused(text).find(text + ":1: expected \"auto PATH\"") == 0);
    CHECK(refused(text).find("is neither an index folder nor a Xapian stub file") != std::string::npos);
    CHECK(refused((dir.path / "missing").string()).find("no index here") != std::string::npos);
    CHECK(refused("") == "--remote: lists no databases to search");
}

TEST_CASE("shard list: OpenOptions::remotes, good and malformed HOST:PORT", "[shards][open]") {
    OpenOptions o;
    o.remotes = {"127.0.0.1:7001", "search.example:65535", "[::1]:7003", ":7004"};
    const auto s = detail::list_shards("", o);
    REQUIRE(s.size() == 4);
    CHECK((s[0].host == "127.0.0.1" && s[0].port == 7001));
    CHECK((s[1].host == "search.example" && s[1].port == 65535));
    CHECK((s[2].host == "::1" && s[2].port == 7003));
    CHECK((s[3].host == "127.0.0.1" && s[3].port == 7004));
    CHECK(s[0].label == "shard 1 of 4 (127.0.0.1:7001)");
    for (const char* bad : {"7001", "host:", "host:0", "host:65536", "host:123456", "host:7a", "host:-1", ""}) {
        INFO(bad);
        OpenOptions b;
        b.remotes = {bad};
        try {
            detail::list_shards("", b);
            FAIL("accepted");
        } catch (const RequestError& e) {
            CHECK(e.parameter() == "remotes");
            CHECK(std::string(e.what()) == "--remote " + std::string(bad) + ": expected HOST:PORT, e.g. 127.0.0.1:7001");
        }
    }
}

TEST_CASE("shard list: ShardedDb tells one local database from several", "[shards][open]") {
    TempDir dir;
    const std::string plain = (dir.path / "plain").string(), sharded = (dir.path / "sharded").string();
    { Index idx(plain); }
    { ShardedIndex idx(sharded, 3); }
    detail::ShardedDb p(plain, {});
    p.open();
    CHECK(!p.local_among_several());
    CHECK(!p.remote_among_several());
    CHECK(p.missing().empty());
    detail::ShardedDb s(sharded, {});
    CHECK(s.open().size() == 3);
    CHECK(s.local_among_several());
    CHECK(!s.remote_among_several());
    // A local shard beside a remote one (xapian-progsrv: Xapian's remote
    // protocol over a pipe) is matched by the same multi-database matcher.
    const std::string mixed = dir.write("mixed.stub", "auto " + plain + "\nremote :xapian-progsrv " + sharded +
                                                          "/shard-0\n");
    detail::ShardedDb m(mixed, {});
    CHECK(m.open().size() == 2);
    CHECK(m.local_among_several());
    CHECK(m.remote_among_several());
    const std::string remotes = dir.write("remotes.stub", "remote :xapian-progsrv " + sharded +
                                                              "/shard-0\nremote :xapian-progsrv " + sharded + "/shard-1\n");
    detail::ShardedDb r(remotes, {});
    CHECK(r.open().size() == 2);
    CHECK(!r.local_among_several());
    CHECK(r.remote_among_several());
}
