// snippet_bench: what a hit's snippet costs read from its best passage
// (detail::hit_snippet: the sketch's two best sentences, the stored text
// inflated only up to them) against the whole-text way it replaced
// (make_snippet over the inflated stored text), on the same hits of the
// same queries in one run, and how often the two snippets are the same.
//
//   snippet_bench DB QUERIES [-n HITS] [--chars N] [--rounds R]
//
// QUERIES: one query a line, or `id<TAB>query` (a batch or TREC topics
// file). Each query is parsed and built as newsq builds it (without the
// index's user dictionary and synonyms) and its first HITS (10) hits are
// taken by BM25 from Xapian; both snippets of each hit are timed R (3)
// times and the fastest round kept. Prints, for each way: microseconds (wall)
// per hit and stored-text bytes inflated per hit; then the ratio and the
// share of hits whose two snippets (text and marks) are identical.
#include <newsidx/analyzer.hpp>
#include <newsidx/format.hpp>

#include "query_builder.hpp"
#include "query_parser.hpp"
#include "rerank.hpp"
#include "schema.hpp"
#include "snippet.hpp"
#include "stored_text.hpp"

#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

using namespace newsidx;

namespace {

struct Options {
    std::string db, queries;
    unsigned hits = 10, rounds = 3;
    std::size_t chars = 160;
};

int usage() {
    std::fprintf(stderr, "usage: snippet_bench DB QUERIES [-n HITS] [--chars N] [--rounds R]\n");
    return 2;
}

bool parse(int argc, char** argv, Options& o) {
    std::vector<std::string> pos;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto number = [&](auto& out) {
            if (i + 1 >= argc) return false;
            char* end = nullptr;
            const unsigned long v = std::strtoul(argv[++i], &end, 10);
            if (*end || v == 0) return false;
            out = static_cast<std::remove_reference_t<decltype(out)>>(v);
            return true;
        };
        if (a == "-n") {
            if (!number(o.hits)) return false;
        } else if (a == "--chars") {
            if (!number(o.chars)) return false;
        } else if (a == "--rounds") {
            if (!number(o.rounds)) return false;
        } else if (!a.empty() && a[0] == '-') {
            return false;
        } else {
            pos.push_back(a);
        }
    }
    if (pos.size() != 2) return false;
    o.db = pos[0];
    o.queries = pos[1];
    return true;
}

double now_us() {
    return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

int main(int argc, char** argv) try {
    Options o;
    if (!parse(argc, argv, o)) return usage();
    std::ifstream in(o.queries);
    if (!in) {
        std::fprintf(stderr, "snippet_bench: %s: cannot read\n", o.queries.c_str());
        return 2;
    }
    const Xapian::Database db(o.db);
    const Analyzer analyzer;
    Xapian::Enquire enq(db);
    std::size_t queries = 0, hits = 0, same = 0;
    double whole_us = 0, bounded_us = 0;
    std::size_t whole_bytes = 0, bounded_bytes = 0;
    for (std::string line; std::getline(in, line);) {
        if (const auto tab = line.find('\t'); tab != std::string::npos) line = line.substr(tab + 1);
        if (line.empty() || line[0] == '#') continue;
        std::string warning;
        const detail::BuiltQuery q = detail::build_query(detail::parse_query(line, warning), analyzer, nullptr);
        enq.set_query(q.query);
        const Xapian::MSet ms = enq.get_mset(0, o.hits);
        if (ms.empty()) continue;
        ++queries;
        const std::vector<detail::FocusWord> focus = detail::snippet_focus(db, q);
        for (auto it = ms.begin(); it != ms.end(); ++it) {
            const Xapian::Document doc = it.get_document();
            Snippet a, b;
            double best_a = 1e18, best_b = 1e18;
            for (unsigned r = 0; r < o.rounds; ++r) {
                double t = now_us();
                const std::string text = detail::stored_text(doc);
                a = detail::make_snippet(text, analyzer, q, o.chars);
                best_a = std::min(best_a, now_us() - t);
                if (r == 0) whole_bytes += text.size();
                t = now_us();
                b = detail::hit_snippet(doc, analyzer, q, &focus, o.chars);
                best_b = std::min(best_b, now_us() - t);
            }
            // What the bounded way inflated: up to the end of its window.
            const std::optional<detail::Around> around = detail::snippet_window(doc, &focus);
            const std::size_t size = detail::stored_text(doc).size();
            bounded_bytes += around ? std::min(size, detail::snippet_read_bytes(*around, o.chars)) : size;
            whole_us += best_a;
            bounded_us += best_b;
            same += mark(a, "[", "]") == mark(b, "[", "]");
            ++hits;
        }
    }
    if (hits == 0) {
        std::fprintf(stderr, "snippet_bench: no query had a hit\n");
        return 1;
    }
    const double n = static_cast<double>(hits);
    std::printf("queries with hits\t%zu\nhits\t%zu\n", queries, hits);
    std::printf("way\tus/hit\tbytes inflated/hit\n");
    std::printf("whole text\t%.1f\t%.0f\n", whole_us / n, static_cast<double>(whole_bytes) / n);
    std::printf("best passage\t%.1f\t%.0f\n", bounded_us / n, static_cast<double>(bounded_bytes) / n);
    std::printf("time ratio (best passage / whole text)\t%.3f\n", bounded_us / whole_us);
    std::printf("identical snippets\t%.1f %%\n", 100.0 * static_cast<double>(same) / n);
    return 0;
} catch (const std::exception& e) {
    std::fprintf(stderr, "snippet_bench: %s\n", e.what());
    return 1;
}
