// libFuzzer target: the query side, end to end, on arbitrary bytes.
//
// LLVMFuzzerInitialize builds a tiny index once (a few Korean, English and
// mixed posts, with tags, authors and the built-in synonyms) in a temporary
// folder. Each input is then:
//   1. parse_query(): never throws; the tree is bounded (depth, size), its
//      words non-empty, its fields known; the warning valid UTF-8;
//   2. build_query() on that tree: never throws;
//   3. Searcher::search() with snippets: may throw newsidx::Error only
//      (caught); hits within the limit with ranks 1..n, snippet matches
//      sorted and inside their text; format_json() is valid JSON,
//      format_text()/format_trec() do not fail.
#include <newsidx/error.hpp>
#include <newsidx/format.hpp>
#include <newsidx/index.hpp>
#include <newsidx/searcher.hpp>

#include "fuzz_checks.hpp"
#include "query_builder.hpp"
#include "query_parser.hpp"
#include "synonyms.hpp"

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace fs = std::filesystem;

namespace {

fs::path g_dir;
std::unique_ptr<newsidx::Searcher> g_searcher;
std::unique_ptr<newsidx::Analyzer> g_analyzer;
std::unique_ptr<newsidx::detail::SynonymMap> g_synonyms;

void cleanup() {
    g_searcher.reset();
    std::error_code ec;
    if (!g_dir.empty()) fs::remove_all(g_dir, ec);
}

void build_index() {
    g_dir = fuzz::make_scratch_dir("query");
    std::atexit(cleanup);
    const fs::path posts = g_dir / "posts";
    fuzz::write_file(posts / "2025-02-04-stargate.md",
          "---\ntitle: \"스타게이트 프로젝트와 AI 동맹\"\ndate: 2025-02-04 09:00:00 +0900\n"
          "tags: [AI, 데이터센터]\ncategories: ai\nauthor: 김기자\n---\n\n"
          "# 오픈AI와 소프트뱅크\n\n오픈AI가 소프트뱅크, 오라클과 함께 스타게이트 데이터 센터에 투자했다. "
          "손정의 회장은 \"AI 동맹\"을 강조했다.\n\n- 삼성전자의 메모리\n- SK하이닉스 HBM\n");
    fuzz::write_file(posts / "2024-11-30-samsung-q3.md",
          "---\ntitle: Samsung's third quarter\ndate: 2024-11-30\ntags: semiconductors, memory\n"
          "author: Jane Doe\n---\n\nSamsung Electronics reported record memory sales; the H100 and "
          "GPT-4o era needs HBM. `code sample` and **bold** text.\n\n> 삼성이 애플을 앞섰다.\n");
    fuzz::write_file(posts / "notes/2023-05-06-mixed.markdown",
          "---\ntitle: 챗GPT 사용기 (ChatGPT review)\ntags: [리뷰, chatgpt]\n---\n"
          "챗GPT를 3억 명이 쓴다. Masayoshi Son invested; 엔비디아(NVIDIA)의 젠슨 황.\n\n"
          "| 회사 | 투자 |\n|---|---|\n| 오픈AI | 5000억 |\n");
    fuzz::write_file(posts / "2022-01-01-quotes.md",
          "Don't \"quote\" me: (parentheses) OR -minus title: tag:x 데이터센터 건립 계획은 무엇인가?\n");
    newsidx::Index idx((g_dir / "db").string());
    const newsidx::AddReport r = idx.add({posts.string()});
    if (r.added != 4) {
        std::fprintf(stderr, "fuzz_query: the seed index has %zu posts, expected 4\n", r.added);
        std::abort();
    }
}

void check_tree(const newsidx::detail::QueryNode& n, int depth, std::size_t& nodes, std::string_view q) {
    using K = newsidx::detail::QueryNode::Kind;
    FUZZ_CHECK(depth <= 4 * 66, q);  // each parenthesis level is Or > And > Not > primary at most
    FUZZ_CHECK(++nodes <= 4 * 1024 + 16, q);
    switch (n.kind) {
        case K::Word:
            FUZZ_CHECK(!n.text.empty(), q);
            [[fallthrough]];
        case K::Phrase:
            FUZZ_CHECK(n.kids.empty(), q);
            FUZZ_CHECK(n.field.empty() || n.field == "title" || n.field == "tag" || n.field == "category" ||
                           n.field == "author",
                       n.field);
            break;
        case K::Prefix:
            FUZZ_CHECK(!n.text.empty() && n.kids.empty(), q);
            FUZZ_CHECK(n.field.empty() || n.field == "title" || n.field == "tag" || n.field == "category" ||
                           n.field == "author",
                       n.field);
            break;
        case K::Date:
            FUZZ_CHECK(n.kids.empty() && n.field == "date", q);
            FUZZ_CHECK(n.from <= n.to && n.to <= 99999999u, q);
            break;
        case K::Not: FUZZ_CHECK(n.kids.size() == 1, q); break;
        case K::Required:  // +x: one member, never a sign over a sign (+-x is -x, ++x is +x)
            FUZZ_CHECK(n.kids.size() == 1 && n.kids[0].kind != K::Not && n.kids[0].kind != K::Required, q);
            break;
        case K::Or: FUZZ_CHECK(n.kids.size() >= 2, q); break;
        case K::And: break;
    }
    for (const auto& k : n.kids) check_tree(k, depth + 1, nodes, q);
}

void check_snippet(const newsidx::Snippet& s, std::string_view q) {
    FUZZ_CHECK(fuzz::valid_utf8(s.text), s.text);
    const std::size_t len = newsidx::utf8::length(s.text);
    std::size_t prev = 0;
    for (const auto& [b, e] : s.matches) {
        FUZZ_CHECK(b < e && e <= len, q);
        FUZZ_CHECK(b >= prev, q);
        prev = e;
    }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    build_index();
    g_searcher = std::make_unique<newsidx::Searcher>((g_dir / "db").string());
    g_analyzer = std::make_unique<newsidx::Analyzer>();
    g_synonyms = std::make_unique<newsidx::detail::SynonymMap>(
        newsidx::detail::load_synonyms(Xapian::Database((g_dir / "db").string())));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string q(reinterpret_cast<const char*>(data), size);

    std::string warning;
    const newsidx::detail::QueryNode tree = newsidx::detail::parse_query(q, warning);
    FUZZ_CHECK(fuzz::valid_utf8(warning), warning);
    std::size_t nodes = 0;
    check_tree(tree, 0, nodes, q);
    (void)newsidx::detail::build_query(tree, *g_analyzer, g_synonyms.get());

    newsidx::SearchRequest req;
    req.query = q;
    req.limit = 3 + size % 3;
    req.offset = size % 5 == 0 ? 1 : 0;
    newsidx::SearchResult r;
    try {
        r = g_searcher->search(req);
    } catch (const newsidx::Error& e) {
        FUZZ_CHECK(fuzz::valid_utf8(e.what()), e.what());
        return 0;
    }
    FUZZ_CHECK(r.hits.size() <= req.limit, q);
    for (std::size_t i = 0; i < r.hits.size(); ++i) {
        const newsidx::Hit& h = r.hits[i];
        FUZZ_CHECK(h.rank == req.offset + i + 1, q);
        check_snippet(h.snippet, q);
        check_snippet(h.title_marked, q);
    }
    for (const std::string& w : r.warnings) FUZZ_CHECK(fuzz::valid_utf8(w), w);
    const auto j = nlohmann::json::parse(newsidx::format_json(r), nullptr, false);
    FUZZ_CHECK(j.is_object() && j["hits"].size() == r.hits.size(), q);
    (void)newsidx::format_text(r, size % 2 == 0);
    (void)newsidx::format_trec("q1", r);
    return 0;
}
