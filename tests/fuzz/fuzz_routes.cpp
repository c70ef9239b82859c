// libFuzzer target: the HTTP routes of `newsidx serve`, without sockets.
//
// LLVMFuzzerInitialize builds a four-post index once (temporary folder,
// removed at exit) and two Apis on it (query/server/routes.hpp): the
// defaults, and one with CORS, --allow-host blog.example and --expose-paths.
// Each input is split into a request:
//   [!]METHOD TARGET\n      (a leading '!' picks the second Api; no space:
//   Name: value\n ...        the line is the target of a GET)
// and answered by Api::handle. Checks (abort = finding):
//   - it returns (never throws), with a status in a known set (no 500, and
//     no 503: nothing else uses the one searcher);
//   - a JSON answer is a JSON object; an error (4xx) is exactly
//     {"status": the status, "error": a non-empty message};
//   - /search and /similar answers have query, estimated_total and hits,
//     ranks from offset+1, and no `path` unless --expose-paths;
//     /suggest: query and suggestions; /health: status "ok";
//   - no answer holds the temporary folder's path (index or posts) unless
//     paths are exposed (then in `path`) or the request itself held it;
//   - header values hold no CR or LF; 405 comes with Allow.
#include <newsidx/index.hpp>

#include "fuzz_checks.hpp"
#include "routes.hpp"
#include "searcher_pool.hpp"
#include "autocomplete.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <string_view>

namespace fs = std::filesystem;
using namespace newsidx::service;

namespace {

fs::path g_dir;
std::string g_dir_str;
struct Service {
    ServerOptions opts;
    std::unique_ptr<SearcherPool> pool;
    std::unique_ptr<Suggester> suggester;
    std::unique_ptr<Api> api;
};
Service g_plain, g_open;

void cleanup() {
    for (Service* s : {&g_plain, &g_open}) {
        s->api.reset();
        s->suggester.reset();
        s->pool.reset();
    }
    std::error_code ec;
    if (!g_dir.empty()) fs::remove_all(g_dir, ec);
}

void build_index() {
    g_dir = fuzz::make_scratch_dir("routes");
    g_dir_str = g_dir.string();
    std::atexit(cleanup);
    const fs::path posts = g_dir / "posts";
    fuzz::write_file(posts / "2025-01-22-stargate.md",
          "---\ntitle: \"스타게이트 프로젝트 발표\"\ndate: 2025-01-22 10:00:00 +0900\n"
          "tags: [스타게이트, AI]\ncategories: [AI]\nauthor: 김기자\n---\n\n"
          "오픈AI와 소프트뱅크가 스타게이트에 5000억 달러를 투자한다고 밝혔다. 데이터센터가 텍사스에 먼저 지어진다.\n");
    fuzz::write_file(posts / "2025-02-04-openai-korea.md",
          "---\ntitle: OpenAI, 한국 지사 설립\ntags: [OpenAI]\ncategories: [AI]\n---\n"
          "오픈AI가 서울에 지사를 열고 국내 기업과 협력한다. 스타게이트 참여도 논의했다.\n");
    fuzz::write_file(posts / "2024-11-20-hostile.md",
          "---\ntitle: '<img src=x onerror=alert(1)> 스타게이트 & \"경고\"'\ntags: ['<b>태그</b>']\n---\n"
          "본문에 <script>alert(\"x\")</script> 스타게이트 이야기가 있다.\n");
    fuzz::write_file(posts / "2025-03-10-softbank-texas.md",
          "---\ntitle: Samsung's third quarter\ndate: 2025-03-10\ntags: semiconductors, memory\n"
          "author: Jane Doe\n---\n\nSamsung Electronics reported record memory sales; HBM and GPT-4o.\n");
    newsidx::Index idx((g_dir / "db").string());
    const newsidx::AddReport r = idx.add({posts.string()});
    if (r.added != 4) {
        std::fprintf(stderr, "fuzz_routes: the seed index has %zu posts, expected 4\n", r.added);
        std::abort();
    }
}

void start(Service& s, bool open) {
    s.opts.db = (g_dir / "db").string();
    s.opts.threads = 1;
    s.opts.queue_timeout_ms = 1000;
    if (open) {
        s.opts.cors_origins = {"https://blog.example", "http://127.0.0.1:4000"};
        s.opts.allow_hosts = {"blog.example"};
        s.opts.expose_paths = true;
    }
    s.pool = std::make_unique<SearcherPool>(s.opts.db, s.opts.threads);
    s.suggester = std::make_unique<Suggester>(s.opts.db);
    s.api = std::make_unique<Api>(s.opts, *s.pool, *s.suggester);
}

HttpRequest split(std::string_view in) {
    HttpRequest r;
    const std::size_t nl = std::min(in.find('\n'), in.size());
    const std::string_view first = in.substr(0, nl);
    if (const std::size_t sp = first.find(' '); sp != std::string_view::npos) {
        r.method = std::string(first.substr(0, sp));
        r.target = std::string(first.substr(sp + 1));
    } else {
        r.method = "GET";
        r.target = std::string(first);
    }
    for (std::size_t i = nl + 1; i < in.size();) {
        const std::size_t e = std::min(in.find('\n', i), in.size());
        const std::string_view line = in.substr(i, e - i);
        const std::size_t colon = line.find(':');
        std::string_view value = colon == std::string_view::npos ? std::string_view() : line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        r.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
        i = e + 1;
    }
    return r;
}

std::string path_of(const std::string& target) {
    return url_decode(target.substr(0, target.find_first_of("?#")), false);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    build_index();
    start(g_plain, false);
    start(g_open, true);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    const bool open = !in.empty() && in.front() == '!';
    if (open) in.remove_prefix(1);
    Service& svc = open ? g_open : g_plain;
    const HttpRequest req = split(in);
    const std::string input(in);

    const Reply r = svc.api->handle(req);
    // A message may quote what the client sent: the folder's path only
    // counts when the request did not hold it (raw or decoded).
    const bool echoed = input.find(g_dir_str) != std::string::npos ||
                        url_decode(input, true).find(g_dir_str) != std::string::npos;
    auto no_dir = [&](const std::string& body) { return echoed || body.find(g_dir_str) == std::string::npos; };

    static const std::set<int> kStatuses = {200, 204, 304, 400, 404, 405, 413, 421};
    FUZZ_CHECK(kStatuses.count(r.status) == 1, std::to_string(r.status) + " " + r.body + " for " + input);
    for (const auto& [k, v] : r.headers) {
        FUZZ_CHECK(k.find_first_of("\r\n:") == std::string::npos && !k.empty(), k);
        FUZZ_CHECK(v.find_first_of("\r\n") == std::string::npos, v);
    }
    if (r.status == 405) {
        bool allow = false;
        for (const auto& [k, v] : r.headers) allow = allow || k == "Allow";
        FUZZ_CHECK(allow, input);
    }
    const bool json = r.content_type.rfind("application/json", 0) == 0;
    const std::string path = path_of(req.target);
    if (!json) {
        // The page's files and the widget (304 when If-None-Match names their ETag), or a 204 preflight.
        FUZZ_CHECK(r.status == 200 || r.status == 204 || r.status == 304, input);
        FUZZ_CHECK(r.status == 204 || path == "/" || path == "/index.html" || path == "/app.js" || path == "/style.css" ||
                       path == "/widget.js",
                   input);
        FUZZ_CHECK(r.status != 304 || r.body.empty(), input);
        return 0;
    }
    const auto j = nlohmann::json::parse(r.body, nullptr, false);
    FUZZ_CHECK(j.is_object(), r.body);
    FUZZ_CHECK(fuzz::valid_utf8(r.body), r.body);
    if (r.status >= 400) {
        FUZZ_CHECK(j.size() == 2 && j.contains("status") && j["status"] == r.status, r.body);
        FUZZ_CHECK(j.contains("error") && j["error"].is_string() && !j["error"].get<std::string>().empty(), r.body);
        FUZZ_CHECK(no_dir(r.body), r.body);
        return 0;
    }
    FUZZ_CHECK(r.status == 200, input);
    if (path == "/search" || path == "/similar") {
        FUZZ_CHECK(j.contains("query") && j.contains("estimated_total") && j.contains("hits") && j["hits"].is_array(),
                   r.body);
        for (const auto& h : j["hits"]) {
            FUZZ_CHECK(h.is_object() && h.contains("id") && h.contains("rank") && h.contains("url"), r.body);
            FUZZ_CHECK(h.contains("path") == open, r.body);
            if (open) FUZZ_CHECK(h["path"].get<std::string>().rfind(g_dir_str + "/posts/", 0) == 0, r.body);
        }
        if (!open) FUZZ_CHECK(no_dir(r.body), r.body);
    } else if (path == "/suggest") {
        FUZZ_CHECK(j.contains("query") && j.contains("suggestions") && j["suggestions"].is_array(), r.body);
        FUZZ_CHECK(no_dir(r.body), r.body);
    } else if (path == "/health") {
        FUZZ_CHECK(j.value("status", std::string()) == "ok" && j.value("documents", 0) == 4, r.body);
        FUZZ_CHECK(no_dir(r.body), r.body);
    } else {
        FUZZ_CHECK(false, "200 JSON from " + path);
    }
    return 0;
}
