// Query-latency harness shared by query_bench (newsidx), xapian_baseline bench
// and sqlite_bench: the same query file, the same warm-up, the same timing
// and the same output, so that their figures compare (bench/README.md
// "query.sh").
//
// A query file holds `class<TAB>query` lines (gen_corpus --queries). For T
// threads, each thread opens its own searcher (make_worker), runs every query
// once untimed (warm-up: page cache, Xapian's block cache, allocators), then
// for each class in file order all threads start together and each runs the
// class's queries `rounds` times from its own starting offset. Every query is
// timed alone (steady_clock); QPS = queries run by all threads / wall time of
// the class. Output: one TSV line per class,
//   system class threads queries p50_ms p95_ms p99_ms mean_ms qps zero_hit_share mean_hits
// and, unless --tsv, an aligned table on stdout (TSV lines go to stdout with
// --tsv, to nowhere otherwise).
#pragma once

#include <algorithm>
#include <barrier>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace bench {

struct Query {
    std::string cls, text;
};

inline std::vector<Query> load_queries(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<Query> out;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const auto tab = line.find('\t');
        if (line.empty() || line[0] == '#' || tab == std::string::npos) continue;
        out.push_back({line.substr(0, tab), line.substr(tab + 1)});
    }
    if (out.empty()) throw std::runtime_error(path + ": no `class<TAB>query` lines");
    return out;
}

// Splits a newsidx-syntax benchmark query into plain words, a quoted phrase
// and `tag:` filters, for the baselines' own syntaxes.
struct Parts {
    std::vector<std::string> words, tags;
    std::string phrase;  // without quotes; empty if none
};

inline Parts split_query(const std::string& q) {
    Parts p;
    std::size_t i = 0;
    while (i < q.size()) {
        if (q[i] == ' ') {
            ++i;
            continue;
        }
        if (q[i] == '"') {
            const std::size_t e = q.find('"', i + 1);
            p.phrase = q.substr(i + 1, (e == std::string::npos ? q.size() : e) - i - 1);
            i = e == std::string::npos ? q.size() : e + 1;
            continue;
        }
        std::size_t e = q.find(' ', i);
        if (e == std::string::npos) e = q.size();
        const std::string w = q.substr(i, e - i);
        if (w.rfind("tag:", 0) == 0)
            p.tags.push_back(w.substr(4));
        else
            p.words.push_back(w);
        i = e;
    }
    return p;
}

struct Options {
    std::string system;  // name in the output
    int threads = 1;
    int rounds = 3;
    std::size_t limit = 10;
    bool tsv = false;
};

// What a worker returns for one query: hits on the page.
using Worker = std::function<std::size_t(const Query&)>;

inline double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const double rank = p / 100.0 * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<std::size_t>(rank);
    const std::size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (v[hi] - v[lo]) * (rank - static_cast<double>(lo));
}

// Runs the benchmark; make_worker is called once in each thread (it opens
// that thread's database). Returns 0, or 1 if a worker threw.
inline int run(const std::vector<Query>& queries, const Options& opt, const std::function<Worker()>& make_worker) {
    std::vector<std::string> classes;
    std::map<std::string, std::vector<std::size_t>> by_class;
    for (std::size_t i = 0; i < queries.size(); ++i) {
        if (!by_class.count(queries[i].cls)) classes.push_back(queries[i].cls);
        by_class[queries[i].cls].push_back(i);
    }
    const int T = std::max(1, opt.threads);
    struct PerThread {
        std::map<std::string, std::vector<double>> ms;
        std::map<std::string, std::size_t> hits, zero;
        std::string error;
    };
    std::vector<PerThread> per(static_cast<std::size_t>(T));
    std::map<std::string, double> wall;  // written by thread 0 only
    std::barrier sync(T);
    auto body = [&](int t) {
        PerThread& me = per[static_cast<std::size_t>(t)];
        Worker w;
        try {
            w = make_worker();
            for (const Query& q : queries) w(q);  // warm-up
        } catch (const std::exception& e) {
            me.error = e.what();
        }
        for (const std::string& cls : classes) {
            const auto& idx = by_class[cls];
            sync.arrive_and_wait();
            const auto start = std::chrono::steady_clock::now();
            if (me.error.empty()) {
                try {
                    for (int r = 0; r < opt.rounds; ++r) {
                        for (std::size_t k = 0; k < idx.size(); ++k) {
                            const Query& q =
                                queries[idx[(k + static_cast<std::size_t>(t) * idx.size() / T) % idx.size()]];
                            const auto a = std::chrono::steady_clock::now();
                            const std::size_t h = w(q);
                            const auto b = std::chrono::steady_clock::now();
                            me.ms[cls].push_back(std::chrono::duration<double, std::milli>(b - a).count());
                            me.hits[cls] += h;
                            me.zero[cls] += h == 0;
                        }
                    }
                } catch (const std::exception& e) {
                    me.error = e.what();
                }
            }
            sync.arrive_and_wait();
            if (t == 0) wall[cls] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < T; ++t) pool.emplace_back(body, t);
    body(0);
    for (auto& th : pool) th.join();
    for (const auto& p : per) {
        if (!p.error.empty()) {
            std::fprintf(stderr, "%s: %s\n", opt.system.c_str(), p.error.c_str());
            return 1;
        }
    }
    if (!opt.tsv)
        std::printf("%-16s %-9s %7s %7s %8s %8s %8s %8s %9s %6s %6s\n", "system", "class", "threads", "queries",
                    "p50 ms", "p95 ms", "p99 ms", "mean ms", "QPS", "zero%", "hits");
    for (const std::string& cls : classes) {
        std::vector<double> all;
        std::size_t hits = 0, zero = 0;
        for (auto& p : per) {
            all.insert(all.end(), p.ms[cls].begin(), p.ms[cls].end());
            hits += p.hits[cls];
            zero += p.zero[cls];
        }
        double sum = 0;
        for (double x : all) sum += x;
        const double n = static_cast<double>(all.size());
        const double mean = n ? sum / n : 0;
        const double p50 = percentile(all, 50), p95 = percentile(all, 95), p99 = percentile(all, 99);
        const double qps = wall[cls] > 0 ? n / wall[cls] : 0;
        const double zshare = n ? 100.0 * static_cast<double>(zero) / n : 0;
        const double mhits = n ? static_cast<double>(hits) / n : 0;
        if (opt.tsv)
            std::printf("%s\t%s\t%d\t%zu\t%.3f\t%.3f\t%.3f\t%.3f\t%.1f\t%.1f\t%.2f\n", opt.system.c_str(), cls.c_str(),
                        T, all.size(), p50, p95, p99, mean, qps, zshare, mhits);
        else
            std::printf("%-16s %-9s %7d %7zu %8.3f %8.3f %8.3f %8.3f %9.1f %6.1f %6.2f\n", opt.system.c_str(),
                        cls.c_str(), T, all.size(), p50, p95, p99, mean, qps, zshare, mhits);
    }
    std::fflush(stdout);
    return 0;
}

// Common options: --threads T --rounds R -n LIMIT --tsv. Returns false on an
// unknown option; leaves other arguments in `rest`.
inline bool parse_common(int argc, char** argv, int first, Options& o, std::vector<std::string>& rest) {
    for (int i = first; i < argc; ++i) {
        const std::string a = argv[i];
        auto num = [&](long lo) {
            if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
            const long v = std::strtol(argv[++i], nullptr, 10);
            if (v < lo) throw std::invalid_argument(a + ": bad value");
            return v;
        };
        if (a == "--threads")
            o.threads = static_cast<int>(num(1));
        else if (a == "--rounds")
            o.rounds = static_cast<int>(num(1));
        else if (a == "-n" || a == "--limit")
            o.limit = static_cast<std::size_t>(num(1));
        else if (a == "--tsv")
            o.tsv = true;
        else if (a == "--system" && i + 1 < argc)
            o.system = argv[++i];
        else
            rest.push_back(a);
    }
    return true;
}

// The command line of a driver: the common options, the driver's own flags
// (those given are put in `given`) and exactly two arguments, DB and the
// query file, into `pos`. On anything else prints "TOOL: problem" or the
// usage line to stderr and returns false: the driver exits 2.
inline bool parse_driver_args(int argc, char** argv, const char* tool, const std::string& usage,
                              const std::vector<std::string>& flags, Options& o, std::vector<std::string>& pos,
                              std::vector<std::string>* given = nullptr) {
    std::vector<std::string> rest;
    try {
        parse_common(argc, argv, 1, o, rest);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: %s\n", tool, e.what());
        return false;
    }
    for (const std::string& a : rest) {
        if (std::find(flags.begin(), flags.end(), a) != flags.end()) {
            if (given) given->push_back(a);
        } else if (a.size() > 1 && a[0] == '-') {
            std::fprintf(stderr, "%s: unknown option %s\n", tool, a.c_str());
            return false;
        } else {
            pos.push_back(a);
        }
    }
    if (pos.size() != 2) {
        std::fprintf(stderr, "usage: %s %s\n", tool, usage.c_str());
        return false;
    }
    return true;
}

}  // namespace bench
