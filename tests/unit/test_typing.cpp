// Issue 18 item 2 / issue 19: typing help only when it can help. The typo
// table (schema/typo.hpp) finds did-you-mean candidates without reading the
// term list; layout conversion never rewrites a word the index holds.
#include <catch2/catch.hpp>

#include <newsidx/index.hpp>
#include <newsidx/searcher.hpp>
#include <newsidx/shards.hpp>

#include "hangul.hpp"
#include "tmpdir.hpp"
#include "typing.hpp"
#include "typo.hpp"
#include "utf8.hpp"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace newsidx;

namespace {

bool shares_key(const std::string& word, const std::string& probe, std::size_t limit) {
    const std::vector<std::string> filed = schema::typo_keys(word);
    for (const std::string& k : schema::probe_keys(probe, limit))
        if (std::find(filed.begin(), filed.end(), k) != filed.end()) return true;
    return false;
}

std::string utf8_of(const std::u32string& s) {
    std::string out;
    for (char32_t c : s) utf8::append(out, c);
    return out;
}

bool has_jamo(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        const char32_t c = utf8::next(s, i);
        if (detail::hangul::is_hangul(c) && !detail::hangul::is_syllable(c)) return true;
    }
    return false;
}

void post(const TempDir& dir, const std::string& name, const std::string& title, const std::string& body) {
    dir.write(name, "---\ntitle: \"" + title + "\"\ndate: 2025-03-01\n---\n\n" + body + "\n");
}

// Posts whose words the tests below misspell; each in a post of its own.
void write_posts(const TempDir& posts) {
    post(posts, "2025-03-01-altman.md", "Sam Altman at the form", "Sam Altman said the work is done. The form was filed.");
    post(posts, "2025-03-02-stargate.md", "스타게이트 출범", "스타게이트 프로젝트가 시작됐다.");
    post(posts, "2025-03-03-kube.md", "Cluster notes", "We run kubernetes clusters.");
    // 립 followed by a conjoining ᄐ (U+1110) that cannot join it: the index
    // holds the term 자바스크립ᄐ, which must never be suggested.
    post(posts, "2025-03-04-js.md", "웹 개발", "자바스크립트 입문. 자바스크립\xE1\x84\x90 오타.");
    post(posts, "2025-03-05-misc.md", "메모", "오늘의 메모.");
}

SearchResult run(Searcher& s, const std::string& q, bool autocorrect = true) {
    SearchRequest r;
    r.query = q;
    r.autocorrect = autocorrect;
    return s.search(r);
}

// The correction a search made: searched instead, or only offered.
std::string suggestion(const SearchResult& r) { return r.search_instead.empty() ? r.did_you_mean : r.query; }

}  // namespace

TEST_CASE("typo table: every word within the limit shares a key with the probe", "[typing]") {
    CHECK(schema::typo_word("스타게이트"));
    CHECK(schema::typo_word("kubernetes"));
    CHECK_FALSE(schema::typo_word("자바스크립\xE1\x84\x90"));  // a conjoining jamo
    CHECK_FALSE(schema::typo_word("ㅋㅋㅋ"));                 // compatibility jamo
    CHECK_FALSE(schema::typo_word("gpt4"));                    // a digit
    CHECK_FALSE(schema::typo_word("c++"));
    CHECK_FALSE(schema::typo_word("S스타게이트"));               // a prefixed (title) term
    CHECK_FALSE(schema::typo_word("ab"));                      // too short to guess
    CHECK(schema::typo_keys("스타게이트").size() == 3);
    CHECK(shares_key("스타게이트", "스타게이츠", 1));
    CHECK(shares_key("스타게이트", "수타게이트", 1));
    CHECK(shares_key("kubernetes", "kuberntes", 1));
    CHECK(shares_key("openai", "opanai", 1));
    CHECK_FALSE(shares_key("스타게이트", "반도체", 2));

    // Random edits (substitute, insert, delete) of the jamo string: up to
    // `limit` of them always leave a key in common (the pigeonhole in typo.hpp).
    std::mt19937 rng(18);
    const std::u32string alphabet = detail::hangul::jamo_string("가나다라마바사아자차카타파하악앙") + U"abcdez";
    for (const std::string word : {"스타게이트", "kubernetes", "자바스크립트", "삼성전자", "알트먼", "openai", "form"}) {
        const std::u32string j = detail::hangul::jamo_string(word);
        for (std::size_t limit = 1; limit <= 2; ++limit)
            for (int trial = 0; trial < 300; ++trial) {
                std::u32string e = j;
                for (std::size_t k = 0; k < limit; ++k) {
                    const std::size_t at = rng() % (e.size() + 1);
                    const char32_t c = alphabet[rng() % alphabet.size()];
                    switch (rng() % 3) {
                        case 0: if (at < e.size()) e[at] = c; break;
                        case 1: e.insert(e.begin() + static_cast<std::ptrdiff_t>(at), c); break;
                        default: if (at < e.size()) e.erase(at, 1); break;
                    }
                }
                const std::string typo = utf8_of(e);
                INFO(word << " vs " << typo << " limit " << limit);
                CHECK(shares_key(word, typo, limit));
            }
    }
}

TEST_CASE("typo table: probing finds every filed word within the limit, as a walk over them would", "[typing]") {
    // A generated vocabulary (Hangul with and without finals, ASCII, a Latin
    // letter past ASCII, Cyrillic), filed over two flushes, then probed with
    // edits of its words; the brute-force answer is every word within the limit.
    std::mt19937 rng(1802);
    const std::vector<std::string> letters = {"가", "각", "나", "닭", "스", "타", "게", "이", "트", "츠",
                                              "a", "b", "e", "o", "é", "ж"};
    std::set<std::string> vocab;
    while (vocab.size() < 600) {
        std::string w;
        const std::size_t len = 2 + rng() % 6;
        for (std::size_t i = 0; i < len; ++i) w += letters[rng() % letters.size()];
        if (schema::typo_word(w)) vocab.insert(w);
    }
    TempDir t;
    Xapian::WritableDatabase d(t.str() + "/db", Xapian::DB_CREATE);
    schema::TypoFiler filer;
    std::size_t i = 0;
    for (const std::string& w : vocab) {
        Xapian::Document doc;
        doc.add_term(w);
        filer.note(d, doc);
        d.add_document(doc);
        if (++i == vocab.size() / 2) {  // a batch of a longer add: its buckets stay raw
            filer.flush(d, true);
            d.commit();
            CHECK(schema::typo_words(d, schema::typo_keys(w)) == std::vector<std::string>{w});
        }
    }
    filer.flush(d);
    d.commit();
    // A later add of two batches: its first reopens compressed buckets raw.
    {
        schema::TypoFiler later;
        for (const std::string w : {"스타게이트", "스타게이츠"}) {
            Xapian::Document doc;
            doc.add_term(w);
            later.note(d, doc);
            d.add_document(doc);
            later.flush(d, w == std::string("스타게이트"));
            d.commit();
            vocab.insert(w);
        }
    }
    // Each word comes back whole from its own keys.
    for (const std::string& w : vocab) {
        const std::vector<std::string> got = schema::typo_words(d, schema::typo_keys(w));
        INFO(w);
        CHECK(std::find(got.begin(), got.end(), w) != got.end());
    }
    std::size_t probes = 0, found = 0;
    for (const std::string& w : vocab) {
        if (probes == 300) break;
        // One or two random jamo edits of a vocabulary word.
        std::u32string e = detail::hangul::jamo_string(w);
        const std::u32string alphabet = detail::hangul::jamo_string("각닭츠") + U"aoé";
        const std::size_t edits = 1 + rng() % 2;
        for (std::size_t k = 0; k < edits; ++k) {
            const std::size_t at = rng() % (e.size() + 1);
            const char32_t c = alphabet[rng() % alphabet.size()];
            if (rng() % 2 && at < e.size()) e[at] = c;
            else e.insert(e.begin() + static_cast<std::ptrdiff_t>(at), c);
        }
        const std::string probe = utf8_of(e);
        ++probes;
        for (std::size_t limit = 1; limit <= 2; ++limit) {
            const std::vector<std::string> got = schema::typo_words(d, schema::probe_keys(probe, limit));
            for (const std::string& v : vocab)
                if (detail::hangul::jamo_distance(probe, v, limit) <= limit) {
                    INFO(probe << " should find " << v << " within " << limit);
                    CHECK(std::find(got.begin(), got.end(), v) != got.end());
                    ++found;
                }
        }
    }
    CHECK(found > probes);  // the probes do have neighbours to find
}

TEST_CASE("typo table: new words filed at flush, compaction of parts unions the lists", "[typing]") {
    TempDir t;
    const std::string a = t.str() + "/a", b = t.str() + "/b", out = t.str() + "/out";
    {
        Xapian::WritableDatabase da(a, Xapian::DB_CREATE), db(b, Xapian::DB_CREATE);
        schema::TypoFiler fa, fb;
        Xapian::Document d1, d2, d3;
        d1.add_term("스타게이트");
        d1.add_term("S스타게이트");  // prefixed: not filed
        d2.add_term("스타게이츠");
        d3.add_term("스타게이츠");
        fa.note(da, d1);
        da.add_document(d1);
        fb.note(db, d2);
        db.add_document(d2);
        fb.note(db, d3);  // held already
        db.add_document(d3);
        CHECK(da.metadata_keys_begin(std::string(schema::kMetaTypo)) == da.metadata_keys_end());  // nothing before the flush
        fa.flush(da);
        fb.flush(db);
        da.set_metadata("other", "first");
        db.set_metadata("other", "second");
        da.commit();
        db.commit();
        CHECK(schema::typo_words(da, {schema::typo_keys("스타게이트")[0]}) == std::vector<std::string>{"스타게이트"});
        std::size_t keys = 0;
        for (auto it = db.metadata_keys_begin(std::string(schema::kMetaTypo)); it != db.metadata_keys_end(); ++it) ++keys;
        CHECK(keys == 3);
    }
    Xapian::Database both(a);
    both.add_database(Xapian::Database(b));
    schema::TypoCompactor c;
    both.compact(out, 0, 0, c);
    const Xapian::Database merged(out);
    const std::vector<std::string> k = schema::typo_keys("스타게이트");
    // 스타게이트 and 스타게이츠 differ in their last part only: the first two keys hold both.
    CHECK(schema::typo_words(merged, {k[0]}) == std::vector<std::string>{"스타게이츠", "스타게이트"});
    CHECK(schema::typo_words(merged, {k[1]}) == std::vector<std::string>{"스타게이츠", "스타게이트"});
    CHECK(schema::typo_words(merged, {k[2]}) == std::vector<std::string>{"스타게이트"});
    const std::string other = merged.get_metadata("other");  // other keys: one value, as Xapian's Compactor keeps
    CHECK((other == "first" || other == "second"));
}

TEST_CASE("typo table: an add's batches write runs beside the bucket, merged at its end; a killed add's runs still read", "[typing]") {
    TempDir t;
    Xapian::WritableDatabase d(t.str() + "/db", Xapian::DB_CREATE);
    schema::TypoFiler f;
    // Three batches, each bringing a new word to the bucket of 스타게이트's first key (ten jamo, ㅅ first).
    const std::vector<std::vector<std::string>> batches = {{"스타게이트", "스타벅스"}, {"스타게이츠"}, {"사다리타기", "스타게이트"}};
    const std::string bucket_key = std::string(schema::kMetaTypo) + schema::typo_keys("스타게이트")[0].substr(0, 3);
    auto keys_of_bucket = [&](const Xapian::Database& db) {
        std::vector<std::string> ks;
        for (auto it = db.metadata_keys_begin(bucket_key); it != db.metadata_keys_end(bucket_key); ++it) ks.push_back(*it);
        return ks;
    };
    auto first_key_words = [&](const Xapian::Database& db, const std::vector<std::string>& words) {
        std::vector<std::string> keys;
        for (const std::string& w : words) keys.push_back(schema::typo_keys(w)[0]);
        return schema::typo_words(db, keys);
    };
    for (const auto& words : batches) {
        Xapian::Document doc;
        for (const std::string& w : words) doc.add_term(w);
        f.note(d, doc);
        d.add_document(doc);
        f.flush(d, true);
        d.commit();
    }
    // Nothing read back or rewritten: the bucket has no value of its own yet, one run per batch beside it.
    std::vector<std::string> ks = keys_of_bucket(d);
    REQUIRE(ks.size() == 3);
    CHECK(d.get_metadata(bucket_key).empty());
    for (const std::string& k : ks) CHECK(k.size() > bucket_key.size());
    // A reader sees every word of every run (what a killed add leaves).
    const std::vector<std::string> all = {"사다리타기", "스타게이츠", "스타게이트", "스타벅스"};
    CHECK(first_key_words(Xapian::Database(t.str() + "/db"), all) == all);

    // A later writer (the killed add's successor) files one more word in that bucket, without `more`:
    // the runs, the bucket and the new word become the bucket alone.
    schema::TypoFiler g;
    Xapian::Document doc;
    doc.add_term("시간여행");  // ten jamo, ㅅ first: the same bucket
    g.note(d, doc);
    d.add_document(doc);
    g.flush(d);
    d.commit();
    ks = keys_of_bucket(d);
    REQUIRE(ks.size() == 1);
    CHECK(ks[0] == bucket_key);
    std::vector<std::string> now = all;
    now.push_back("시간여행");
    std::sort(now.begin(), now.end());
    CHECK(first_key_words(d, now) == now);

    // The same filer's last flush merges its own batches' runs: no run key is left anywhere.
    Xapian::WritableDatabase e(t.str() + "/fresh", Xapian::DB_CREATE);
    schema::TypoFiler h;
    for (const char* w : {"스타크래프트", "스타트업"}) {
        Xapian::Document x;
        x.add_term(w);
        h.note(e, x);
        e.add_document(x);
        h.flush(e, true);
        e.commit();
    }
    h.flush(e);
    e.commit();
    std::size_t runs = 0, buckets = 0;
    for (auto it = e.metadata_keys_begin(std::string(schema::kMetaTypo)); it != e.metadata_keys_end(std::string(schema::kMetaTypo)); ++it)
        ++((*it).size() > bucket_key.size() ? runs : buckets);
    CHECK(runs == 0);
    CHECK(buckets > 0);
    CHECK(schema::typo_words(e, {schema::typo_keys("스타트업")[0]}) == std::vector<std::string>{"스타트업"});
}

TEST_CASE("typing help: words the index holds stay as typed, real mistakes are helped", "[typing]") {
    TempDir posts, db;
    write_posts(posts);
    Index(db.str()).add({posts.str()});
    Searcher s(db.str());

    // Issue 19: correct English is never read as Hangul typed on QWERTY.
    for (const std::string q : {"Sam Altman", "form", "work", "Altman form work"}) {
        const SearchResult r = run(s, q);
        INFO(q);
        CHECK(r.search_instead.empty());
        CHECK(r.query == q);
        CHECK(r.did_you_mean.empty());
        CHECK_FALSE(r.hits.empty());
    }
    // 스타게이트 typed with the layout off: the index lacks the Latin word and holds the Hangul one.
    SearchResult r = run(s, "tmxkrpdlxm");
    CHECK(r.query == "스타게이트");
    CHECK(r.search_instead == "tmxkrpdlxm");
    REQUIRE(r.hits.size() == 1);
    CHECK(r.hits[0].id == "2025-03-02-stargate");
    // Only the mistaken word of a query is converted.
    r = run(s, "tmxkrpdlxm form");
    CHECK(r.query == "스타게이트 form");
    // Search instead: the same query as typed.
    r = run(s, "tmxkrpdlxm", false);
    CHECK(r.search_instead.empty());
    CHECK(r.query == "tmxkrpdlxm");
    CHECK(r.hits.empty());

    // Did-you-mean from the typo table.
    CHECK(suggestion(run(s, "스타게이츠")) == "스타게이트");
    CHECK(suggestion(run(s, "kuberntes")) == "kubernetes");
    CHECK(suggestion(run(s, "kuberntes clusters")) == "kubernetes clusters");
    CHECK(suggestion(run(s, "스타게이트")).empty());
    CHECK(suggestion(run(s, "스타게이츠", false)).empty());
    // A suggestion is a whole term made of whole syllables: 자바스크립ᄐ (one
    // jamo away, a term of the index) is not offered, 자바스크립트 is.
    {
        const Xapian::Database x(db.str());
        REQUIRE(x.term_exists("자바스크립\xE1\x84\x90"));
        const std::string dym = suggestion(run(s, "자바스크립"));
        CHECK(dym == "자바스크립트");
        CHECK_FALSE(has_jamo(dym));
        CHECK(x.term_exists(dym));
    }
}

TEST_CASE("typing help: a word whose last post is removed is not suggested", "[typing]") {
    TempDir posts, db;
    write_posts(posts);
    {
        Index idx(db.str());
        idx.add({posts.str()});
    }
    {
        Searcher s(db.str());
        REQUIRE(suggestion(run(s, "kuberntes")) == "kubernetes");
    }
    {
        Index idx(db.str());
        REQUIRE(idx.remove({"2025-03-03-kube"}) == 1);
    }
    {
        Searcher s(db.str());
        CHECK(suggestion(run(s, "kuberntes")).empty());
        CHECK(suggestion(run(s, "스타게이츠")) == "스타게이트");
    }
    // sync: the file is gone.
    std::filesystem::remove(posts.path / "2025-03-02-stargate.md");
    {
        Index idx(db.str());
        idx.sync(posts.str());
    }
    Searcher s(db.str());
    CHECK(suggestion(run(s, "스타게이츠")).empty());
    CHECK(run(s, "tmxkrpdlxm").search_instead.empty());  // no 스타게이트 left to convert into
    // Added again: suggested again.
    write_posts(posts);
    Index(db.str()).add({posts.str()});
    s.reopen();
    CHECK(suggestion(run(s, "스타게이츠")) == "스타게이트");
}

TEST_CASE("typing help over several shards: each shard's words are suggested", "[typing]") {
    TempDir posts, db;
    write_posts(posts);
    {
        ShardedIndex idx(db.str(), 2);
        idx.add({posts.str()});
    }
    // The words' posts sit on different shards, so both tables are read.
    REQUIRE(shard_of("2025-03-02-stargate", 2) != shard_of("2025-03-03-kube", 2));
    Searcher s(db.str());
    CHECK(suggestion(run(s, "스타게이츠")) == "스타게이트");
    CHECK(suggestion(run(s, "kuberntes")) == "kubernetes");
    const SearchResult r = run(s, "tmxkrpdlxm");
    CHECK(r.query == "스타게이트");
    CHECK(run(s, "Sam Altman").search_instead.empty());
}

// Issue 19 item 2: typo tolerance as a reader expects. One typo from 5
// letters (a Hangul syllable weighs 2), two from 9; a swap is one edit; the
// correction is searched when the query as typed holds no word of the index.
TEST_CASE("typo tolerance: the cases from real use", "[typing]") {
    TempDir posts, db;
    post(posts, "2025-04-01-kube.md", "Cluster notes", "We run kubernetes clusters.");
    post(posts, "2025-04-02-docker.md", "Containers", "A docker image, a docker volume.");
    post(posts, "2025-04-03-react.md", "Frontend", "A react component.");
    post(posts, "2025-04-04-python.md", "Scripts", "Python scripts in python.");
    post(posts, "2025-04-05-python2.md", "More scripts", "Python again.");
    post(posts, "2025-04-06-pyhon.md", "A slip", "Someone wrote pyhon once.");
    post(posts, "2025-04-07-chatgpt.md", "챗GPT 소식", "챗GPT 사용자가 늘었다.");
    post(posts, "2025-04-08-gpt.md", "GPT models", "The gpt family and the net result.");
    post(posts, "2025-04-09-iphone.md", "아이폰 출시", "아이폰17 출시. 아이폰 판매.");
    post(posts, "2025-04-10-nlp.md", "형태소분석 입문", "형태소분석 도구를 만든다.");
    post(posts, "2025-04-11-meet.md", "만남", "어제 친구를 만난 사람이 있다.");
    post(posts, "2025-04-12-stargate.md", "스타게이트 출범", "스타게이트 프로젝트가 시작됐다.");
    post(posts, "2025-04-14-choice.md", "Choices", "A choice among choices.");
    post(posts, "2025-04-15-choice2.md", "More choices", "Your choice.");
    post(posts, "2025-04-16-chaos.md", "A chaotic week", "It was chaotic.");
    post(posts, "2025-04-13-sheep.md", "새 양", "내 양과 새 양.");  // so, to, did on the 2-set layout: 내, 새, 양
    Index(db.str()).add({posts.str()});
    Searcher s(db.str());

    // A query holding no word of the index: the correction is searched.
    const std::vector<std::pair<std::string, std::string>> fixes = {
        {"kuberntes", "kubernetes"}, {"dockr", "docker"}, {"reactt", "react"},
        {"pyhton", "python"},  // a swap: one edit; python beats pyhon, one edit too, by its posts
        {"스타게이츠", "스타게이트"}, {"쳇GPT", "챗gpt"},
        // choic, the stem of choice(s), is one edit away too and in more posts, but no one wrote it.
        {"chotic", "chaotic"}};
    for (const auto& [typed, meant] : fixes) {
        INFO(typed);
        const SearchResult r = run(s, typed);
        CHECK(r.query == meant);
        CHECK(r.search_instead == typed);
        CHECK(r.did_you_mean.empty());
        CHECK_FALSE(r.hits.empty());
        // autocorrect off (the page's "search instead"): as typed.
        const SearchResult as_typed = run(s, typed, false);
        CHECK(as_typed.query == typed);
        CHECK(as_typed.search_instead.empty());
    }
    // A query with a word the index holds finds posts as typed: the
    // correction is offered, not searched.
    SearchResult r = run(s, "kuberntes clusters");
    CHECK(r.query == "kuberntes clusters");
    CHECK(r.search_instead.empty());
    CHECK(r.did_you_mean == "kubernetes clusters");

    // Words the index holds, or too short to guess, are never corrected;
    // digits and signs that belong to the word stay.
    for (const std::string q : {"so", "to", "did", "python", "dock", "GPT5", ".NET", "아이폰17", "아이폰18", "형태소분석기", "어디서 만난 사람",
                                "만난", "깃헙"}) {
        INFO(q);
        r = run(s, q);
        CHECK(r.search_instead.empty());
        CHECK(r.query == q);
        CHECK(r.did_you_mean.empty());
    }
    // A word with digits: its letters corrected, its digits kept, and only
    // into a word the index holds.
    r = run(s, "아이펀17");
    CHECK(r.query == "아이폰17");
    CHECK(r.search_instead == "아이펀17");
    // A required word keeps its sign: +kuberntes is +kubernetes, searched
    // alone, offered beside a word the index holds.
    r = run(s, "+kuberntes");
    CHECK(r.query == "+kubernetes");
    CHECK_FALSE(r.hits.empty());
    r = run(s, "+kuberntes clusters");
    CHECK(r.did_you_mean == "+kubernetes clusters");
}

TEST_CASE("typo tolerance: the edit limit by length", "[typing]") {
    using detail::typo_limit;
    CHECK(typo_limit("dock") == 0);
    CHECK(typo_limit("dockr") == 1);
    CHECK(typo_limit("kubernte") == 1);
    CHECK(typo_limit("kuberntes") == 2);
    CHECK(typo_limit("깃헙") == 0);      // 2 syllables
    CHECK(typo_limit("쳇gpt") == 1);     // 2 + 3
    CHECK(typo_limit("스타게") == 1);    // 3 syllables
    CHECK(typo_limit("스타게이") == 1);
    CHECK(typo_limit("스타게이츠") == 2);  // 5 syllables
    // A swap of neighbours is one edit (Damerau).
    CHECK(detail::hangul::jamo_distance("pyhton", "python") == 1);
    CHECK(detail::hangul::jamo_distance("pyhton", "pyhon") == 1);
    CHECK(detail::hangul::jamo_distance("ab", "ba") == 1);
    CHECK(detail::hangul::jamo_distance("abc", "ca") == 3);  // optimal string alignment: no edit of a swapped pair
}
