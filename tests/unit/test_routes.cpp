// Routes of `newsidx serve` without sockets (issue 16, step 7): Api::handle
// over a small index, as tests/fuzz/fuzz_routes.cpp builds it. Each
// endpoint's status and JSON keys, the 400s for bad parameters (also those
// the library refuses: since=2025-13), 404 for an unknown similar id or
// route, 405 for another method.
#include <catch2/catch.hpp>

#include <newsidx/index.hpp>

#include "autocomplete.hpp"
#include "markdown.hpp"
#include "reader.hpp"
#include "routes.hpp"
#include "searcher_pool.hpp"
#include "tmpdir.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace newsidx;
using namespace newsidx::service;
using nlohmann::json;

namespace {

struct Service {
    TempDir dir;
    ServerOptions opts;
    std::unique_ptr<SearcherPool> pool;
    std::unique_ptr<Suggester> suggester;
    std::unique_ptr<Api> api;
    explicit Service(bool cors = false, std::vector<std::string> origins = {}) {
        dir.write("posts/2025-01-22-stargate.md",
                  "---\ntitle: \"스타게이트 프로젝트 발표\"\ndate: 2025-01-22 10:00:00 +0900\n"
                  "tags: [스타게이트, AI]\ncategories: [AI]\nauthor: 김기자\n---\n\n"
                  "오픈AI와 소프트뱅크가 스타게이트에 5000억 달러를 투자한다고 밝혔다.\n");
        dir.write("posts/2025-01-23-stargate-texas.md",
                  "---\ntitle: 스타게이트 데이터센터, 텍사스에\ndate: 2025-01-23\ntags: [스타게이트]\n---\n\n"
                  "소프트뱅크와 오픈AI의 스타게이트가 텍사스에 첫 데이터센터를 짓는다. 5000억 달러 투자의 시작이다.\n");
        dir.write("posts/2025-02-04-openai-korea.md",
                  "---\ntitle: OpenAI, 한국 지사 설립\ntags: [OpenAI]\ncategories: [AI]\n---\n"
                  "오픈AI가 서울에 지사를 열고 국내 기업과 협력한다. 스타게이트 참여도 논의했다.\n");
        dir.write("posts/2025-03-10-samsung.md",
                  "---\ntitle: Samsung's third quarter\ndate: 2025-03-10\ntags: semiconductors, memory\n"
                  "author: Jane Doe\n---\n\nSamsung Electronics reported record memory sales.\n");
        Index((dir.path / "db").string()).add({(dir.path / "posts").string()});
        opts.db = (dir.path / "db").string();
        opts.threads = 1;
        opts.queue_timeout_ms = 1000;
        opts.log = nullptr;
        if (cors) opts.cors_origins = {"https://blog.example"};
        if (!origins.empty()) opts.cors_origins = std::move(origins);
        pool = std::make_unique<SearcherPool>(opts.db, opts.threads);
        suggester = std::make_unique<Suggester>(opts.db);
        api = std::make_unique<Api>(opts, *pool, *suggester);
    }
    Reply get(const std::string& target, const std::string& method = "GET") {
        return api->handle(HttpRequest{method, target, {{"Host", "localhost:8080"}}});
    }
    // A browser's request from a page of `origin`.
    Reply from(const std::string& origin, const std::string& target, const std::string& method = "GET",
               std::vector<std::pair<std::string, std::string>> more = {}) {
        HttpRequest r{method, target, {{"Host", "localhost:8080"}, {"Origin", origin}}};
        for (auto& h : more) r.headers.push_back(std::move(h));
        return api->handle(r);
    }
};

std::set<std::string> keys(const json& j) {
    std::set<std::string> out;
    for (auto it = j.begin(); it != j.end(); ++it) out.insert(it.key());
    return out;
}

std::string header(const Reply& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
        if (k == name) return v;
    return "(none)";
}

// An error answer: exactly {"status": N, "error": message}.
void error_is(const Reply& r, int status, const std::string& message) {
    INFO(r.body);
    CHECK(r.status == status);
    CHECK(r.content_type == "application/json; charset=utf-8");
    const json j = json::parse(r.body);
    CHECK(keys(j) == std::set<std::string>{"status", "error"});
    CHECK(j["status"] == status);
    CHECK(j["error"] == message);
    CHECK(header(r, "Cache-Control") == "no-store");
}

// What format_json answers (no "path" unless --expose-paths).
const std::set<std::string> kResultKeys = {"query", "estimated_total", "hits", "warnings", "did_you_mean",
                                           "search_instead", "mode", "facets", "partial", "explain",
                                           "partial_match_words", "partial_match_total", "total_exact", "scored"};
const std::set<std::string> kHitKeys = {"rank", "score", "id", "title", "subtitle", "date", "url", "author",
                                        "tags", "categories", "snippet", "sections", "title_marked", "explain",
                                        "lang", "translations", "partial_match"};

}  // namespace

TEST_CASE("routes: each endpoint's status and JSON keys", "[routes]") {
    Service s;
    SECTION("/health") {
        const Reply r = s.get("/health");
        CHECK(r.status == 200);
        const json j = json::parse(r.body);
        CHECK(keys(j) == std::set<std::string>{"status", "version", "documents", "last_update", "searchers", "sample"});
        CHECK(j["status"] == "ok");
        // The most frequent Hangul title word (two titles hold 스타게이트) and its 초성.
        CHECK(j["sample"] == json{{"word", "스타게이트"}, {"initials", "ㅅㅌㄱㅇㅌ"}});
        CHECK(j["documents"] == 4);
        CHECK(j["searchers"] == 1);
        CHECK(header(r, "Cache-Control") == "no-store");
    }
    SECTION("/search") {
        const Reply r = s.get("/search?q=%EC%8A%A4%ED%83%80%EA%B2%8C%EC%9D%B4%ED%8A%B8&n=5");  // 스타게이트
        REQUIRE(r.status == 200);
        CHECK(r.content_type == "application/json; charset=utf-8");
        const json j = json::parse(r.body);
        CHECK(keys(j) == kResultKeys);
        CHECK(j["query"] == "스타게이트");
        CHECK(j["warnings"].empty());
        REQUIRE(j["hits"].size() == 3);
        CHECK(j["hits"][0]["id"] == "2025-01-22-stargate");
        CHECK(j["hits"][0]["rank"] == 1);
        CHECK(keys(j["hits"][0]) == kHitKeys);  // no "path" unless --expose-paths
        CHECK(j["hits"][0]["lang"] == "ko");  // read from its text
        // lang= filters: the Korean posts, none in Japanese.
        CHECK(json::parse(s.get("/search?q=%EC%8A%A4%ED%83%80%EA%B2%8C%EC%9D%B4%ED%8A%B8&lang=ko").body)["hits"].size() == 3);
        CHECK(json::parse(s.get("/search?q=%EC%8A%A4%ED%83%80%EA%B2%8C%EC%9D%B4%ED%8A%B8&lang=ja").body)["hits"].empty());
        CHECK(keys(j["hits"][0]["snippet"]) == std::set<std::string>{"text", "html", "matches"});
        // A page further on; filters alone list posts.
        const json p2 = json::parse(s.get("/search?q=스타게이트&n=1&offset=1").body);
        REQUIRE(p2["hits"].size() == 1);
        CHECK(p2["hits"][0]["rank"] == 2);
        CHECK(p2["hits"][0]["id"] == j["hits"][1]["id"]);
        const json tagged = json::parse(s.get("/search?tag=memory").body);
        REQUIRE(tagged["hits"].size() == 1);
        CHECK(tagged["hits"][0]["id"] == "2025-03-10-samsung");
        // mode=all: every word required (newsq --all); any is the default. Over
        // a query string '+' is a space: +word is sent %2B.
        CHECK(json::parse(s.get("/search?q=스타게이트+텍사스").body)["hits"].size() == 3);
        CHECK(json::parse(s.get("/search?q=스타게이트+텍사스&mode=any").body)["hits"].size() == 3);
        const json all = json::parse(s.get("/search?q=스타게이트+텍사스&mode=all").body);
        REQUIRE(all["hits"].size() == 1);
        CHECK(all["hits"][0]["id"] == "2025-01-23-stargate-texas");
        CHECK(json::parse(s.get("/search?q=%2B텍사스+스타게이트").body)["hits"].size() == 1);
        // A malformed query is searched by its words, with a warning.
        const json w = json::parse(s.get("/search?q=%22samsung").body);
        CHECK(keys(w) == kResultKeys);
        CHECK(w["warnings"].size() == 1);
    }
    SECTION("/similar") {
        const Reply r = s.get("/similar?id=2025-01-22-stargate");
        REQUIRE(r.status == 200);
        const json j = json::parse(r.body);
        std::set<std::string> similar_keys = kResultKeys;
        similar_keys.insert("similar_to");  // the post the list is about
        CHECK(keys(j) == similar_keys);
        CHECK(j["similar_to"] == json{{"id", "2025-01-22-stargate"}, {"title", "스타게이트 프로젝트 발표"}});
        REQUIRE(!j["hits"].empty());
        for (const auto& h : j["hits"]) CHECK(h["id"] != "2025-01-22-stargate");
        CHECK(j["hits"][0]["id"] == "2025-01-23-stargate-texas");
    }
    SECTION("/suggest") {
        const Reply r = s.get("/suggest?q=%EC%8A%A4%ED%83%80&n=3");  // 스타
        REQUIRE(r.status == 200);
        const json j = json::parse(r.body);
        CHECK(keys(j) == std::set<std::string>{"query", "suggestions"});
        CHECK(j["query"] == "스타");
        REQUIRE(!j["suggestions"].empty());
        CHECK(j["suggestions"].size() <= 3);
        for (const auto& g : j["suggestions"]) {
            const std::set<std::string> k = keys(g);
            CHECK((k == std::set<std::string>{"text", "kind", "id", "url"} ||
                   k == std::set<std::string>{"text", "kind", "count"}));
        }
    }
    SECTION("the page") {
        const Reply r = s.get("/");
        CHECK(r.status == 200);
        CHECK(r.content_type == "text/html; charset=utf-8");
        CHECK(header(r, "Cache-Control") == "no-cache");
        CHECK(s.get("/app.js").content_type == "text/javascript; charset=utf-8");
        CHECK(s.get("/style.css").content_type == "text/css; charset=utf-8");
        CHECK(s.get("/index.html", "HEAD").status == 200);
    }
}

TEST_CASE("routes: 400 for bad parameters, the library's refusals included", "[routes]") {
    Service s;
    error_is(s.get("/search?q=a&since=2025-13"), 400,
             "since: '2025-13' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
    error_is(s.get("/search?q=a&until=2025-02-30"), 400,
             "until: '2025-02-30' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
    error_is(s.get("/search?q=a&since=2025-03&until=2025-02"), 400, "since 2025-03 is after until 2025-02");
    error_is(s.get("/similar?id=x&until=2025-13"), 400,
             "until: '2025-13' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
    error_is(s.get("/search?q=a&since=2025/01"), 400, "since: expected YYYY, YYYY-MM or YYYY-MM-DD, got '2025/01'");
    error_is(s.get("/search"), 400, "missing parameter 'q' (or tag, category, author, lang, since or until to list posts)");
    error_is(s.get("/search?q=+"), 400, "missing parameter 'q' (or tag, category, author, lang, since or until to list posts)");
    error_is(s.get("/search?q=a&n=0"), 400, "n: expected a whole number from 1 to 100, got '0'");
    error_is(s.get("/search?q=a&n=101"), 400, "n: expected a whole number from 1 to 100, got '101'");
    error_is(s.get("/search?q=a&offset=-1"), 400, "offset: expected a whole number from 0 to 10000, got '-1'");
    error_is(s.get("/search?q=a&q=b"), 400, "q: given more than once");
    error_is(s.get("/search?q=a&sort=new"), 400, "sort: expected relevance, date or date-asc, got 'new'");
    error_is(s.get("/search?q=a&facets=maybe"), 400, "facets: expected 1 or 0, got 'maybe'");
    error_is(s.get("/search?q=%FF"), 400, "q: not valid UTF-8");
    error_is(s.get("/search?q=a&tag="), 400, "tag: expected a non-empty UTF-8 name of at most 256 bytes");
    error_is(s.get("/search?q=a&x=1"), 400,
             "unknown parameter 'x' (this endpoint takes: q, n, offset, tag, category, author, lang, since, until, sort, "
             "recent, facets, exact_total, exact_up_to, autocorrect, mode)");
    error_is(s.get("/search?q=a&exact_up_to=-1"), 400, "exact_up_to: expected a whole number from 0 to 1000000, got '-1'");
    error_is(s.get("/search?q=a&exact_up_to=1000001"), 400,
             "exact_up_to: expected a whole number from 0 to 1000000, got '1000001'");
    error_is(s.get("/search?q=a&mode=every"), 400, "mode: expected all or any, got 'every'");
    error_is(s.get("/search?q=a&lang=english%21"), 400, "lang: 'english!' is not a language tag (ko, en, ja, zh, zh-tw)");
    error_is(s.get("/similar"), 400, "missing parameter 'id'");
    error_is(s.get("/similar?id="), 400, "id: empty (expected a post id)");
    error_is(s.get("/similar?id=x&recent=1"), 400,
             "unknown parameter 'recent' (this endpoint takes: id, n, offset, tag, category, author, lang, since, until, "
             "sort, facets, exact_total, exact_up_to)");
    error_is(s.get("/suggest"), 400, "missing parameter 'q'");
    error_is(s.get("/suggest?q=a&n=51"), 400, "n: expected a whole number from 1 to 50, got '51'");
    error_is(s.get("/health?x=1"), 400, "unknown parameter 'x' (this endpoint takes: )");
}

TEST_CASE("routes: 404 for an unknown id or route, 405 for another method", "[routes]") {
    Service s;
    error_is(s.get("/similar?id=no-such-post"), 404, "similar: no post with id 'no-such-post'");
    error_is(s.get("/similar?id=%01x"), 404, "similar: no post with id '\\x01x'");
    error_is(s.get("/nope"), 404, "no such endpoint: /nope (see /health, /search, /suggest, /similar)");
    error_is(s.get("/search/"), 404, "no such endpoint: /search/ (see /health, /search, /suggest, /similar)");
    CHECK(s.get("/%73earch?q=a").status == 200);  // the path is percent-decoded
    for (const char* m : {"POST", "PUT", "DELETE", "OPTIONS"}) {
        INFO(m);
        const Reply r = s.get("/search?q=a", m);
        error_is(r, 405, std::string("method ") + m + " not allowed (use GET)");
        CHECK(header(r, "Allow") == "GET, HEAD");
    }
    Service cors(true);
    const Reply pre = cors.from("https://blog.example", "/search?q=a", "OPTIONS");
    CHECK(pre.status == 204);
    CHECK(pre.body.empty());
    CHECK(header(pre, "Access-Control-Allow-Origin") == "https://blog.example");
    CHECK(header(pre, "Access-Control-Allow-Methods") == "GET, HEAD, OPTIONS");
    CHECK(header(cors.get("/search?q=a", "POST"), "Allow") == "GET, HEAD, OPTIONS");
    // Another Host: 421 (DNS rebinding).
    const Reply other = s.api->handle(HttpRequest{"GET", "/health", {{"Host", "evil.example"}}});
    CHECK(other.status == 421);
}

// SearcherPool hands a freed Searcher to the request that waited longest
// (issue 18: at 50 clients on 2 Searchers, waiters woken in no order were
// passed over until the queue timeout, 503).
TEST_CASE("routes: the searcher pool serves waiting requests first come, first served", "[routes]") {
    Service s;
    SearcherPool& pool = *s.pool;  // one Searcher
    auto held = pool.acquire(std::chrono::milliseconds(1000));
    REQUIRE(held.has_value());
    std::mutex mu;
    std::vector<int> order;  // ids in the order they got the Searcher; -1: none came
    auto waiter = [&](int id) {  // (no Catch assertion off the main thread)
        auto lease = pool.acquire(std::chrono::milliseconds(5000));
        {
            std::lock_guard lock(mu);
            order.push_back(lease ? id : -1);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    };
    std::vector<std::thread> threads;
    for (int id = 0; id < 4; ++id) {
        threads.emplace_back(waiter, id);
        std::this_thread::sleep_for(std::chrono::milliseconds(60));  // each is in line before the next comes
    }
    held.reset();
    for (auto& t : threads) t.join();
    CHECK(order == std::vector<int>{0, 1, 2, 3});
    // A request that times out leaves the line: the next one is served.
    auto again = pool.acquire(std::chrono::milliseconds(1000));
    REQUIRE(again.has_value());
    CHECK_FALSE(pool.acquire(std::chrono::milliseconds(50)).has_value());
    again.reset();
    CHECK(pool.acquire(std::chrono::milliseconds(1000)).has_value());
}

// Issue 20 item 5: without a site URL, a hit's url is this server's
// preview of the post; with one (serve --site-url), hits open the blog.
TEST_CASE("routes: a post's URL answers its preview, found in the index only", "[routes]") {
    Service s;
    int reads = 0;
    s.opts.post_html = [&reads](const std::string& path) {
        ++reads;
        return markdown::to_html(PostReader().read_body(path));
    };
    const json hits = json::parse(s.get("/search?q=%EC%8A%A4%ED%83%80%EA%B2%8C%EC%9D%B4%ED%8A%B8").body)["hits"];
    std::string url;
    for (const json& h : hits)
        if (h["title"] == "스타게이트 프로젝트 발표") url = h["url"];
    REQUIRE(url == "/ai/2025/01/22/stargate.html");
    const Reply r = s.get(url + "?q=%EC%8A%A4%ED%83%80");
    INFO(r.body);
    CHECK(r.status == 200);
    CHECK(r.content_type == "text/html; charset=utf-8");
    CHECK(header(r, "Content-Security-Policy").find("script-src 'none'") != std::string::npos);
    CHECK(r.body.find("<html lang=\"ko\">") != std::string::npos);
    CHECK(r.body.find("<h1 class=\"title\">스타게이트 프로젝트 발표</h1>") != std::string::npos);
    CHECK(r.body.find("<p>오픈AI와 소프트뱅크가 스타게이트에 5000억 달러를 투자한다고 밝혔다.</p>") != std::string::npos);
    CHECK(r.body.find("김기자") != std::string::npos);
    CHECK(r.body.find("<a href=\"/#q=%EC%8A%A4%ED%83%80\" rel=\"search\">") != std::string::npos);
    CHECK(reads == 1);
    CHECK(s.get("/ai/2025/01/22/stargate.html/index.html").status == 404);
    CHECK(s.get(url, "HEAD").status == 200);

    // A post's own HTML never runs: raw HTML is escaped.
    s.dir.write("posts/2025-04-01-hostile.md",
                "---\ntitle: '<img src=x onerror=alert(1)> 경고'\n---\n\n본문 <script>alert(1)</script> 끝\n");
    Index(s.opts.db).add({(s.dir.path / "posts").string()});
    const Reply hostile = s.get("/2025/04/01/hostile.html");
    INFO(hostile.body);
    CHECK(hostile.status == 200);
    CHECK(hostile.body.find("<script") == std::string::npos);
    CHECK(hostile.body.find("<img") == std::string::npos);
    CHECK(hostile.body.find("본문 &lt;script&gt;alert(1)&lt;/script&gt; 끝") != std::string::npos);

    // Not a post's URL: 404, JSON for a program, a page for a browser; no
    // file is read for any of them (the index is asked, not the disk).
    reads = 0;
    const HttpRequest browser{"GET", "/nope", {{"Host", "localhost"}, {"Accept", "text/html,application/xhtml+xml"}}};
    const Reply page = s.api->handle(browser);
    CHECK(page.status == 404);
    CHECK(page.content_type == "text/html; charset=utf-8");
    CHECK(page.body.find("no such endpoint: /nope") != std::string::npos);
    CHECK(page.body.find("<a href=\"/\" rel=\"search\">") != std::string::npos);
    for (const char* t : {"/../../etc/passwd", "/..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/etc/passwd",
                          "//etc/passwd", "/ai/2025/01/22/../../../../etc/passwd", "/posts/2025-01-22-stargate.md",
                          "/%2Fetc%2Fpasswd", "/etc/passwd%00.html"}) {
        INFO(t);
        const Reply no = s.get(t);
        CHECK(no.status == 404);
        CHECK(no.content_type == "application/json; charset=utf-8");
        CHECK(no.body.find("root:") == std::string::npos);
    }
    CHECK(reads == 0);

    // The file gone: the text the index stored, said so.
    std::filesystem::remove(s.dir.path / "posts/2025-01-22-stargate.md");
    const Reply gone = s.get(url);
    CHECK(gone.status == 200);
    CHECK(gone.body.find("원본 파일을 읽을 수 없어") != std::string::npos);
    CHECK(gone.body.find("<p>오픈AI와 소프트뱅크가 스타게이트에") != std::string::npos);
}

TEST_CASE("routes: with a site URL, hits and title suggestions open the blog", "[routes]") {
    Service s;
    s.opts.site_url = "https://blog.example/base";
    const json hits = json::parse(s.get("/search?q=%EC%8A%A4%ED%83%80%EA%B2%8C%EC%9D%B4%ED%8A%B8").body)["hits"];
    REQUIRE(!hits.empty());
    for (const json& h : hits) CHECK(h["url"].get<std::string>().starts_with("https://blog.example/base/"));
    bool title = false;
    const json suggestions = json::parse(s.get("/suggest?q=%EC%8A%A4%ED%83%80&n=50").body)["suggestions"];
    for (const json& sg : suggestions)
        if (sg["kind"] == "title") {
            title = true;
            CHECK(sg["url"].get<std::string>().starts_with("https://blog.example/base/"));
        }
    CHECK(title);
}

// --cors-origin (issue 20): a list of origins, matched exactly after
// normalization; Vary: Origin; preflights; other origins get no
// Access-Control-Allow-Origin but the same answer.
TEST_CASE("routes: origins are normalized, and malformed ones named", "[routes][cors]") {
    CHECK(normalize_origin("https://blog.example") == "https://blog.example");
    CHECK(normalize_origin("HTTPS://Blog.Example:443/") == "https://blog.example");
    CHECK(normalize_origin("http://blog.example:80") == "http://blog.example");
    CHECK(normalize_origin("http://blog.example:443") == "http://blog.example:443");
    CHECK(normalize_origin("https://blog.example:8443") == "https://blog.example:8443");
    CHECK(normalize_origin("http://127.0.0.1:04000") == "http://127.0.0.1:4000");
    CHECK(normalize_origin("http://[::1]:8080") == "http://[::1]:8080");
    CHECK(normalize_origin("http://[::1]") == "http://[::1]");
    CHECK(normalize_origin("*") == "*");
    std::string why;
    CHECK(normalize_origin("blog.example", &why).empty());
    CHECK(why == "'blog.example' is not an origin: no scheme (expected scheme://host[:port], e.g. https://blog.example)");
    for (const char* bad : {"", "null", "https://", "https:///", "https://blog.example/path", "https://blog.example?x",
                            "https://blog.example#x", "https://user@blog.example", "https://blog.example:0",
                            "https://blog.example:65536", "https://blog.example:", "https://blog.example:8x",
                            "https://bl og.example", "https://[::1", "https://[xyz]", "1http://a", "ht tp://a",
                            "https://blog.example//"}) {
        INFO(bad);
        why.clear();
        CHECK(normalize_origin(bad, &why).empty());
        CHECK(why.starts_with("'"));
        CHECK(why.find("is not an origin") != std::string::npos);
    }
}

TEST_CASE("routes: CORS for a list of origins", "[routes][cors]") {
    Service s(false, {"https://blog.example", "HTTP://127.0.0.1:4000/"});
    SECTION("each allowed origin is answered as itself, with Vary: Origin") {
        for (const char* o : {"https://blog.example", "http://127.0.0.1:4000"}) {
            INFO(o);
            const Reply r = s.from(o, "/search?q=a");
            CHECK(r.status == 200);
            CHECK(header(r, "Access-Control-Allow-Origin") == o);
            CHECK(header(r, "Vary") == "Origin");
        }
        // An Origin header in another spelling of an allowed origin.
        CHECK(header(s.from("https://BLOG.example:443", "/health"), "Access-Control-Allow-Origin") ==
              "https://blog.example");
    }
    SECTION("another origin gets the same answer without Access-Control-Allow-Origin") {
        for (const char* o : {"https://evil.example", "http://blog.example", "https://blog.example:8443",
                              "http://127.0.0.1:4001", "null", "https://blog.example.evil", "garbage"}) {
            INFO(o);
            const Reply r = s.from(o, "/search?q=a");
            CHECK(r.status == 200);
            CHECK(header(r, "Access-Control-Allow-Origin") == "(none)");
            CHECK(header(r, "Vary") == "Origin");
        }
        // No Origin header (not a browser's cross-origin request): none either.
        const Reply plain = s.get("/search?q=a");
        CHECK(header(plain, "Access-Control-Allow-Origin") == "(none)");
        CHECK(header(plain, "Vary") == "Origin");
    }
    SECTION("preflights: 204 with the methods and headers, the origin only when allowed") {
        const Reply ok = s.from("http://127.0.0.1:4000", "/search?q=a", "OPTIONS",
                                {{"Access-Control-Request-Method", "GET"}});
        CHECK(ok.status == 204);
        CHECK(ok.body.empty());
        CHECK(ok.content_type.empty());
        CHECK(header(ok, "Access-Control-Allow-Origin") == "http://127.0.0.1:4000");
        CHECK(header(ok, "Access-Control-Allow-Methods") == "GET, HEAD, OPTIONS");
        CHECK(header(ok, "Access-Control-Allow-Headers") == "Accept, Content-Type, If-None-Match");
        CHECK(header(ok, "Access-Control-Max-Age") == "600");
        CHECK(header(ok, "Vary") == "Origin");
        const Reply no = s.from("https://evil.example", "/search?q=a", "OPTIONS");
        CHECK(no.status == 204);
        CHECK(header(no, "Access-Control-Allow-Origin") == "(none)");
        CHECK(header(s.from("https://evil.example", "/search?q=a", "DELETE"), "Allow") == "GET, HEAD, OPTIONS");
    }
    SECTION("errors carry the header too, so that a page can read them") {
        const Reply r = s.from("https://blog.example", "/search?n=0&q=a");
        CHECK(r.status == 400);
        CHECK(header(r, "Access-Control-Allow-Origin") == "https://blog.example");
    }
}

TEST_CASE("routes: CORS for any origin, and none", "[routes][cors]") {
    Service any(false, {"https://blog.example", "*"});
    for (const char* o : {"https://blog.example", "https://other.example"}) {
        const Reply r = any.from(o, "/health");
        CHECK(header(r, "Access-Control-Allow-Origin") == "*");
        CHECK(header(r, "Vary") == "(none)");
    }
    CHECK(any.from("https://x.example", "/health", "OPTIONS").status == 204);
    Service off;
    const Reply r = off.from("https://blog.example", "/health");
    CHECK(header(r, "Access-Control-Allow-Origin") == "(none)");
    CHECK(header(r, "Vary") == "(none)");
    CHECK(off.from("https://blog.example", "/health", "OPTIONS").status == 405);
    // A malformed origin given to the library: an Error naming it.
    ServerOptions o = off.opts;
    o.cors_origins = {"https://blog.example/"  , "blog.example"};
    CHECK_THROWS_WITH(Api(o, *off.pool, *off.suggester),
                      "--cors-origin: 'blog.example' is not an origin: no scheme (expected scheme://host[:port], e.g. "
                      "https://blog.example)");
}

TEST_CASE("routes: /widget.js is served with an ETag, 304 while unchanged", "[routes][widget]") {
    Service s(false, {"https://blog.example"});
    const Reply r = s.from("https://blog.example", "/widget.js");
    REQUIRE(r.status == 200);
    CHECK(r.content_type == "text/javascript; charset=utf-8");
    CHECK(r.body.find("newsidx") != std::string::npos);
    CHECK(header(r, "Cache-Control") == "no-cache");
    const std::string etag = header(r, "ETag");
    REQUIRE(etag.size() == 18);
    CHECK(etag.front() == '"');
    for (const std::string& inm : {etag, "W/" + etag, "\"zzz\", " + etag, std::string("*")}) {
        INFO(inm);
        const Reply again = s.api->handle(HttpRequest{"GET", "/widget.js", {{"Host", "localhost"}, {"If-None-Match", inm}}});
        CHECK(again.status == 304);
        CHECK(again.body.empty());
        CHECK(again.content_type.empty());
        CHECK(header(again, "ETag") == etag);
    }
    const Reply changed =
        s.api->handle(HttpRequest{"GET", "/widget.js", {{"Host", "localhost"}, {"If-None-Match", "\"0000\""}}});
    CHECK(changed.status == 200);
    CHECK(changed.body == r.body);
    // The page's files have their own ETags.
    const std::string page = header(s.get("/app.js"), "ETag");
    CHECK(page.size() == 18);
    CHECK(page != etag);
    CHECK(header(s.get("/"), "ETag") == header(s.get("/index.html"), "ETag"));
}
