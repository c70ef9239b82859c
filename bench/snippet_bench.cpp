// snippet_bench: what a hit's snippet costs read from its best passage
// (detail::hit_snippet: the sketch's two best sentences, the stored text
// inflated only up to them) against the whole-text way it replaced
// (make_snippet over the inflated stored text), on the same hits of the
// same queries in one run, and how often the two snippets are the same.
//
//   snippet_bench DB QUERIES [-n HITS] [--chars N] [--rounds R] [--diffs N]
//
// QUERIES: one query a line, or `id<TAB>query` (a batch or TREC topics
// file). Each query is parsed and built as newsq builds it (without the
// index's user dictionary and synonyms) and its first HITS (10) hits are
// taken by BM25 from Xapian; both snippets of each hit are timed R (3)
// times and the fastest round kept. Prints, for each way: microseconds (wall)
// per hit and stored-text bytes inflated per hit; then the ratio and the
// share of hits whose two snippets (text and marks) are identical.
// Also the share of hits where the passage's snippet marks fewer (more)
// distinct words than the whole text's, and for each way the mean
// IDF-weighted share of the query's words its snippets show marked. --diffs N first prints N hits whose two snippets differ.
#include <newsidx/analyzer.hpp>
#include <newsidx/format.hpp>

#include "analysis.hpp"
#include "query_builder.hpp"
#include "query_parser.hpp"
#include "rerank.hpp"
#include "schema.hpp"
#include "snippet.hpp"
#include "stored_text.hpp"

#include <xapian.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <vector>

using namespace newsidx;

namespace {

struct Options {
    std::string db, queries;
    unsigned hits = 10, rounds = 3, diffs = 0;
    std::size_t chars = 160;
};

int usage() {
    std::fprintf(stderr, "usage: snippet_bench DB QUERIES [-n HITS] [--chars N] [--rounds R] [--diffs N]\n");
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
        } else if (a == "--diffs") {
            if (!number(o.diffs)) return false;
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

// The IDF-weighted share of the query's focus words (BuiltQuery::focus)
// that a snippet shows marked: a marked word counts for a focus stem when
// its stem, surface or a part's stem is it.
double shown_weight(const Snippet& s, const Analyzer& an, const std::vector<std::string>& stems,
                    const std::vector<double>& idf) {
    std::set<std::string> marked;
    std::vector<std::size_t> at;  // byte offset of each code point
    for (std::size_t i = 0; i < s.text.size();) {
        at.push_back(i);
        const auto c = static_cast<unsigned char>(s.text[i]);
        i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }
    for (const auto& [b, e] : s.matches) {
        if (b >= e || b >= at.size()) continue;
        const std::size_t from = at[b], to = e < at.size() ? at[e] : s.text.size();
        for (const detail::Word& w : detail::analyze(an, std::string_view(s.text).substr(from, to - from))) {
            marked.insert(w.stem);
            marked.insert(w.surface);
            for (const detail::WordPart& p : w.parts) marked.insert(p.stem);
        }
    }
    double total = 0, shown = 0;
    for (std::size_t k = 0; k < stems.size(); ++k) {
        total += idf[k];
        if (marked.count(stems[k])) shown += idf[k];
    }
    return total > 0 ? shown / total : 0;
}

// The distinct words a snippet marks.
std::size_t marked_words(const Snippet& s) {
    std::set<std::u32string> words;
    std::u32string cps;
    for (std::size_t i = 0; i < s.text.size();) {
        const auto c = static_cast<unsigned char>(s.text[i]);
        const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        cps.push_back(static_cast<char32_t>(i));  // one entry per code point: its byte offset
        i += n;
    }
    for (const auto& [b, e] : s.matches) {
        if (b >= e || e > cps.size()) continue;
        const std::size_t from = cps[b], to = e < cps.size() ? cps[e] : s.text.size();
        const std::string w = s.text.substr(from, to - from);
        words.insert(std::u32string(w.begin(), w.end()));
    }
    return words.size();
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
    std::size_t queries = 0, hits = 0, same = 0, fewer = 0, more = 0;
    double shown_whole = 0, shown_bounded = 0;
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
        std::vector<double> idf;
        for (const std::string& stem : q.focus) {
            const double df = std::max<double>(db.get_termfreq(stem), 1), N = db.get_doccount();
            idf.push_back(std::log((N - df + 0.5) / (df + 0.5) + 1.0));
        }
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
            const std::size_t size = detail::stored_text(doc).size();
            const auto windows = detail::snippet_windows(doc, &focus, size);
            bounded_bytes += windows ? std::min(size, detail::snippet_read_bytes(*windows, o.chars)) : size;
            whole_us += best_a;
            bounded_us += best_b;
            const std::string ma = mark(a, "[", "]"), mb = mark(b, "[", "]");
            const std::size_t wa = marked_words(a), wb = marked_words(b);
            fewer += wb < wa;
            shown_whole += shown_weight(a, analyzer, q.focus, idf);
            shown_bounded += shown_weight(b, analyzer, q.focus, idf);
            more += wb > wa;
            if (ma == mb) ++same;
            else if (o.diffs > 0) {
                --o.diffs;
                std::printf("query\t%s\nwhole\t%s\npassage\t%s\n\n", line.c_str(), ma.c_str(), mb.c_str());
            }
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
    std::printf("best passage marks fewer distinct words\t%.1f %%\n", 100.0 * static_cast<double>(fewer) / n);
    std::printf("best passage marks more distinct words\t%.1f %%\n", 100.0 * static_cast<double>(more) / n);
    std::printf("query words shown marked (IDF-weighted share): whole text\t%.3f\n", shown_whole / n);
    std::printf("query words shown marked (IDF-weighted share): best passage\t%.3f\n", shown_bounded / n);
    return 0;
} catch (const std::exception& e) {
    std::fprintf(stderr, "snippet_bench: %s\n", e.what());
    return 1;
}
