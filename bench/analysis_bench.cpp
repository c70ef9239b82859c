// analysis_bench: the Analyzer's throughput (public API, Analyzer::tokens)
// over the Markdown files of some folders, and a dump of every token it
// makes of them (to check that a change leaves the analysis byte-identical).
//
//   analysis_bench [--rounds R] [--dump FILE] PATH...
//
// Reads every *.md / *.markdown / *.txt / *.tsv file under each PATH (files
// may be given too), in sorted order, into memory; then R rounds (default 5)
// each analyze every file whole, as raw text (front matter and Markdown
// included: more varied input than the indexer's cleaned text). Prints one
// line per round and a summary: input MB, tokens, the median and best
// round's CPU seconds (this thread), MB/s and tokens/s.
//
// --dump FILE writes, before timing, every token of every file, whole and
// from a shifted start (a third of the way in, on a code point boundary),
// and of each line of the .tsv files alone (queries): "kind term position
// begin end" lines under a "# path" header. Two builds' dumps compared with
// cmp prove their analysis identical.
//
// The file is built by any revision that has Analyzer::tokens (a53da50
// too), so bench/analysis.sh can time two builds against each other.
#include <newsidx/analyzer.hpp>

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct File {
    std::string path, text;
};

bool wanted(const fs::path& p) {
    const std::string e = p.extension().string();
    return e == ".md" || e == ".markdown" || e == ".txt" || e == ".tsv";
}

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

double cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// By number, not by enumerator: older revisions (a53da50) have no Joined.
const char* kind_name(newsidx::TermKind k) {
    static const char* const kNames[] = {"surface", "stem", "part", "bigram", "joined"};
    const auto i = static_cast<std::size_t>(k);
    return i < sizeof kNames / sizeof kNames[0] ? kNames[i] : "?";
}

void dump(std::FILE* out, const newsidx::Analyzer& a, std::string_view text) {
    for (const newsidx::Token& t : a.tokens(text))
        std::fprintf(out, "%s %s %u %u %u\n", kind_name(t.kind), t.term.c_str(), t.position, t.begin, t.end);
}

std::size_t boundary(std::string_view s, std::size_t i) {
    while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    return i;
}

}  // namespace

int main(int argc, char** argv) {
    int rounds = 5;
    std::string dump_path;
    std::vector<std::string> roots;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--rounds" && i + 1 < argc) rounds = std::max(1, std::atoi(argv[++i]));
        else if (a == "--dump" && i + 1 < argc) dump_path = argv[++i];
        else if (a == "-h" || a == "--help" || a.rfind("--", 0) == 0) {
            std::fprintf(stderr, "usage: analysis_bench [--rounds R] [--dump FILE] PATH...\n");
            return 2;
        } else roots.push_back(a);
    }
    if (roots.empty()) {
        std::fprintf(stderr, "usage: analysis_bench [--rounds R] [--dump FILE] PATH...\n");
        return 2;
    }
    try {
        std::vector<std::string> paths;
        for (const std::string& r : roots) {
            if (fs::is_regular_file(r)) {
                paths.push_back(r);
                continue;
            }
            for (const auto& e : fs::recursive_directory_iterator(r, fs::directory_options::skip_permission_denied))
                if (e.is_regular_file() && wanted(e.path())) paths.push_back(e.path().string());
        }
        std::sort(paths.begin(), paths.end());
        std::vector<File> files;
        std::size_t bytes = 0;
        for (const std::string& p : paths) {
            files.push_back({p, read_all(p)});
            bytes += files.back().text.size();
        }
        const newsidx::Analyzer analyzer;
        if (!dump_path.empty()) {
            std::FILE* out = std::fopen(dump_path.c_str(), "w");
            if (!out) throw std::runtime_error("cannot write " + dump_path);
            for (const File& f : files) {
                std::fprintf(out, "# %s\n", f.path.c_str());
                dump(out, analyzer, f.text);
                std::fprintf(out, "# %s +shifted\n", f.path.c_str());
                dump(out, analyzer, std::string_view(f.text).substr(boundary(f.text, f.text.size() / 3)));
                if (fs::path(f.path).extension() == ".tsv") {
                    std::istringstream lines(f.text);
                    std::string line;
                    std::fprintf(out, "# %s lines\n", f.path.c_str());
                    while (std::getline(lines, line)) dump(out, analyzer, line);
                }
            }
            std::fclose(out);
        }
        std::vector<double> secs;
        std::size_t tokens = 0;
        for (int r = 0; r < rounds; ++r) {
            std::size_t n = 0;
            const double t0 = cpu_seconds();
            for (const File& f : files) n += analyzer.tokens(f.text).size();
            const double s = cpu_seconds() - t0;
            secs.push_back(s);
            tokens = n;
            std::printf("round %d: %.3f s CPU, %.2f MB/s\n", r + 1, s, static_cast<double>(bytes) / 1e6 / s);
        }
        std::vector<double> sorted = secs;
        std::sort(sorted.begin(), sorted.end());
        const double med = sorted[sorted.size() / 2], best = sorted.front();
        std::printf("files %zu, %.2f MB, %zu tokens a round\n", files.size(), static_cast<double>(bytes) / 1e6, tokens);
        std::printf("median %.3f s CPU: %.2f MB/s, %.0f tokens/s; best %.3f s: %.2f MB/s\n", med,
                    static_cast<double>(bytes) / 1e6 / med, static_cast<double>(tokens) / med, best,
                    static_cast<double>(bytes) / 1e6 / best);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "analysis_bench: %s\n", e.what());
        return 1;
    }
}
