// serve_load: a bounded loopback load generator for `newsidx serve`, beside
// the same query mix through the library in one thread (bench/README.md
// "serve_load").
//
//   serve_load DB QUERIES [--newsidx PATH] [--clients "1 8 50"] [--seconds S] [--requests R]
//              [--threads T] [--port P] [--no-library] [--by-class] [--tsv]
//
// QUERIES is a `class<TAB>query` file (gen_corpus --queries). The mix holds
// every line as written (keywords, phrases, `tag:` filters, particles), plus
// two classes made from it: `sentence` (a particle query, a one-word and a
// two-word query in one question: the sentence path, NEAR pairs and passage
// re-ranking) and `date` (a one-word query with since/until), classes
// interleaved. Unless --port names a running server, it starts
// `newsidx --db DB serve --port 0 -q [--threads T]` (PATH: --newsidx, else
// `newsidx` beside this program) and stops it at the end.
//
// Then, one after the other: `library` (the mix through newsidx::Searcher
// and format_json in this thread, as a request of the server does it), and
// for each C of --clients, C client threads, each with its own keep-alive
// connection (cpp-httplib's client), taking the next request of the mix from
// a shared counter until S seconds (default 10) or R requests (per level)
// have passed, whichever comes first. Every answer must be 200 with a JSON
// object holding `hits` (an array); anything else, a transport error
// included, counts as an error. One untimed pass over the first 100 of the
// mix warms the server and the library first.
//
// Prints per level: requests, ok, errors, wall seconds, QPS (ok ÷ wall),
// p50/p95/p99/max latency in ms, the CPU seconds the server and this program
// used (both share the machine), QPS × one client's (--by-class: also
// p50/p95/p99 per class of the mix, after each level); then the machine
// (nproc, CPU), the load average and this command. --tsv prints
// tab-separated lines `level clients requests ok errors wall qps p50 p95 p99
// max server_cpu client_cpu` instead of the table. Exit 1 if a level had
// errors or nothing was answered, 2 on bad arguments.
#include <newsidx/newsidx.hpp>

#include "latency.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Item {
    std::string cls, q, since, until;
    std::string target;  // /search?...
};

std::string url_encode(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string o;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            o += static_cast<char>(c);
        } else {
            o += '%';
            o += hex[c >> 4];
            o += hex[c & 15];
        }
    }
    return o;
}

std::vector<Item> load_mix(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<std::string> order;
    std::map<std::string, std::vector<Item>> by;
    std::string line;
    while (std::getline(in, line)) {
        const auto tab = line.find('\t');
        if (line.empty() || line[0] == '#' || tab == std::string::npos) continue;
        Item it{line.substr(0, tab), line.substr(tab + 1), "", "", ""};
        if (!by.count(it.cls)) order.push_back(it.cls);
        by[it.cls].push_back(std::move(it));
    }
    if (order.empty()) throw std::runtime_error(path + ": no `class<TAB>query` lines");
    // The two derived classes, from the first lines of the classes they use.
    const auto& one = by["1word"];
    const auto& two = by["2word"];
    const auto& part = by["particle"];
    std::vector<Item> sentence, date;
    for (std::size_t i = 0; i < std::min({one.size(), two.size(), part.size()}); ++i)
        sentence.push_back({"sentence", part[i].q + " " + one[i].q + " " + two[i].q + " 관련 소식을 알려줘", "", "", ""});
    for (std::size_t i = 0; i < one.size(); ++i) {
        const int y = 2016 + static_cast<int>(i % 8);
        date.push_back({"date", one[i].q, std::to_string(y), std::to_string(y + 2), ""});
    }
    if (!sentence.empty()) order.push_back("sentence"), by["sentence"] = std::move(sentence);
    if (!date.empty()) order.push_back("date"), by["date"] = std::move(date);
    std::vector<Item> mix;
    for (std::size_t k = 0;; ++k) {  // round robin over the classes
        bool any = false;
        for (const auto& c : order) {
            if (k < by[c].size()) mix.push_back(by[c][k]), any = true;
        }
        if (!any) break;
    }
    for (Item& it : mix) {
        it.target = "/search?q=" + url_encode(it.q) + "&n=10";
        if (!it.since.empty()) it.target += "&since=" + it.since + "&until=" + it.until;
    }
    return mix;
}

// CPU seconds (user + system) of a process, from /proc/PID/stat; 0 if gone.
double proc_cpu(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto close = s.rfind(')');
    if (close == std::string::npos) return 0;
    std::istringstream rest(s.substr(close + 2));
    std::string f;
    unsigned long long ut = 0, st = 0;
    for (int i = 3; i <= 15 && rest >> f; ++i) {  // fields 14 and 15: utime, stime
        if (i == 14) ut = std::stoull(f);
        if (i == 15) st = std::stoull(f);
    }
    return static_cast<double>(ut + st) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

double self_cpu() {
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

struct Level {
    std::string name;
    int clients = 0;
    std::size_t requests = 0, ok = 0, errors = 0;
    double wall = 0, server_cpu = 0, client_cpu = 0;
    std::vector<double> ms;
    std::map<std::string, std::vector<double>> by_class;  // the same latencies, per class of the mix
    std::map<std::string, std::size_t> error_kinds;
};

// A valid answer: a JSON object with a `hits` array.
bool valid_answer(const std::string& body) {
    const auto j = nlohmann::json::parse(body, nullptr, false);
    return !j.is_discarded() && j.is_object() && j.contains("hits") && j["hits"].is_array();
}

struct Bounds {
    double seconds = 10;
    std::size_t requests = 0;  // 0 = no count bound
};

// C clients against 127.0.0.1:port until the bounds; the mix from a shared counter.
Level run_http(const std::vector<Item>& mix, int port, int clients, const Bounds& b, pid_t server) {
    Level L;
    L.name = "serve";
    L.clients = clients;
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    struct Mine {
        std::vector<double> ms;
        std::map<std::string, std::vector<double>> by_class;
        std::size_t ok = 0, errors = 0;
        std::map<std::string, std::size_t> kinds;
    };
    std::vector<Mine> per(static_cast<std::size_t>(clients));
    std::barrier start(clients + 1);
    auto body = [&](int c) {
        Mine& me = per[static_cast<std::size_t>(c)];
        httplib::Client cli("127.0.0.1", port);
        cli.set_keep_alive(true);
        cli.set_connection_timeout(10, 0);
        cli.set_read_timeout(60, 0);
        cli.set_write_timeout(10, 0);
        start.arrive_and_wait();
        while (!stop.load(std::memory_order_relaxed)) {
            const std::size_t k = next++;
            if (b.requests && k >= b.requests) break;
            const Item& it = mix[k % mix.size()];
            const auto t0 = Clock::now();
            auto res = cli.Get(it.target.c_str());
            const auto t1 = Clock::now();
            me.ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
            me.by_class[it.cls].push_back(me.ms.back());
            if (!res) {
                ++me.errors, ++me.kinds["transport: " + httplib::to_string(res.error())];
            } else if (res->status != 200) {
                ++me.errors, ++me.kinds["status " + std::to_string(res->status)];
            } else if (!valid_answer(res->body)) {
                ++me.errors, ++me.kinds["not a JSON answer with hits"];
            } else {
                ++me.ok;
            }
        }
    };
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) threads.emplace_back(body, c);
    const double s0 = server > 0 ? proc_cpu(server) : 0, c0 = self_cpu();
    start.arrive_and_wait();
    const auto t0 = Clock::now();
    const auto deadline = t0 + std::chrono::duration<double>(b.seconds);
    while (Clock::now() < deadline && !(b.requests && next.load() >= b.requests))
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    stop = true;
    for (auto& t : threads) t.join();
    L.wall = std::chrono::duration<double>(Clock::now() - t0).count();
    L.server_cpu = server > 0 ? proc_cpu(server) - s0 : 0;
    L.client_cpu = self_cpu() - c0;
    for (auto& m : per) {
        L.ms.insert(L.ms.end(), m.ms.begin(), m.ms.end());
        for (const auto& [c, v] : m.by_class) L.by_class[c].insert(L.by_class[c].end(), v.begin(), v.end());
        L.ok += m.ok;
        L.errors += m.errors;
        for (const auto& [k, n] : m.kinds) L.error_kinds[k] += n;
    }
    L.requests = L.ms.size();
    return L;
}

newsidx::SearchRequest request_of(const Item& it) {
    newsidx::SearchRequest r;  // as the server's /search: 10 hits, snippets
    r.query = it.q;
    r.limit = 10;
    r.since = it.since;
    r.until = it.until;
    return r;
}

Level run_library(const std::vector<Item>& mix, const std::string& db, const Bounds& b) {
    Level L;
    L.name = "library";
    L.clients = 1;
    newsidx::Searcher s(db);
    const double c0 = self_cpu();
    const auto t0 = Clock::now();
    const auto deadline = t0 + std::chrono::duration<double>(b.seconds);
    for (std::size_t k = 0; Clock::now() < deadline && !(b.requests && k >= b.requests); ++k) {
        const Item& it = mix[k % mix.size()];
        const auto a = Clock::now();
        bool good = false;
        try {
            good = valid_answer(newsidx::format_json(s.search(request_of(it))));
        } catch (const std::exception& e) {
            ++L.error_kinds[std::string("exception: ") + e.what()];
        }
        L.ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - a).count());
        L.by_class[it.cls].push_back(L.ms.back());
        good ? ++L.ok : ++L.errors;
    }
    L.wall = std::chrono::duration<double>(Clock::now() - t0).count();
    L.client_cpu = self_cpu() - c0;
    L.requests = L.ms.size();
    return L;
}

// Starts `newsidx --db DB serve --port 0 -q [--threads T]`; returns its pid and port.
pid_t start_server(const std::string& exe, const std::string& db, int threads, int& port) {
    int out[2];
    if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
    std::vector<std::string> args = {exe, "--db", db, "-q", "serve", "--port", "0"};
    if (threads > 0) args.insert(args.end(), {"--threads", std::to_string(threads)});
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        ::dup2(out[1], 1);
        ::close(out[0]);
        ::close(out[1]);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(exe.c_str(), argv.data());
        std::fprintf(stderr, "serve_load: cannot run %s: %s\n", exe.c_str(), std::strerror(errno));
        ::_exit(127);
    }
    ::close(out[1]);
    std::string line;
    char c;
    while (::read(out[0], &c, 1) == 1 && c != '\n') line += c;
    ::close(out[0]);
    const auto colon = line.rfind(':');
    port = colon == std::string::npos ? 0 : std::atoi(line.c_str() + colon + 1);
    if (line.rfind("listening on http://", 0) != 0 || port <= 0) {
        ::kill(pid, SIGTERM);
        ::waitpid(pid, nullptr, 0);
        throw std::runtime_error("newsidx serve did not start (its first line: '" + line + "')");
    }
    return pid;
}

std::string cpu_model() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
    return "?";
}

std::string loadavg() {
    std::ifstream in("/proc/loadavg");
    std::string a, b, c;
    in >> a >> b >> c;
    return a + " " + b + " " + c;
}

const char* const kUsage =
    "usage: serve_load DB QUERIES [--newsidx PATH] [--clients \"1 8 50\"] [--seconds S] [--requests R]\n"
    "                  [--threads T] [--port P] [--no-library] [--by-class] [--tsv]\n";

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> pos;
    std::string exe, clients_arg = "1 8 50";
    Bounds bounds;
    int threads = 0, port = 0;
    bool library = true, tsv = false, by_class = false;
    std::string cmdline = "serve_load";
    for (int i = 1; i < argc; ++i) cmdline += std::string(" ") + argv[i];
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "serve_load: %s needs a value\n%s", a.c_str(), kUsage);
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--newsidx") exe = value();
        else if (a == "--clients") clients_arg = value();
        else if (a == "--seconds") bounds.seconds = std::atof(value().c_str());
        else if (a == "--requests") bounds.requests = std::strtoull(value().c_str(), nullptr, 10);
        else if (a == "--threads") threads = std::atoi(value().c_str());
        else if (a == "--port") port = std::atoi(value().c_str());
        else if (a == "--no-library") library = false;
        else if (a == "--tsv") tsv = true;
        else if (a == "--by-class") by_class = true;
        else if (a == "-h" || a == "--help") return std::printf("%s", kUsage), 0;
        else if (a.size() > 1 && a[0] == '-') return std::fprintf(stderr, "serve_load: unknown option %s\n%s", a.c_str(), kUsage), 2;
        else pos.push_back(a);
    }
    std::vector<int> levels;
    {
        std::istringstream in(clients_arg);
        for (int c; in >> c;) levels.push_back(c);
    }
    if (pos.size() != 2 || levels.empty() || *std::min_element(levels.begin(), levels.end()) < 1 ||
        bounds.seconds <= 0) {
        std::fprintf(stderr, "%s", kUsage);
        return 2;
    }
    if (exe.empty()) {
        char self[4096];
        const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
        std::string dir = n > 0 ? std::string(self, static_cast<std::size_t>(n)) : std::string(argv[0]);
        exe = dir.substr(0, dir.rfind('/') + 1) + "newsidx";
    }
    ::signal(SIGPIPE, SIG_IGN);
    pid_t server = 0;
    int rc = 0;
    try {
        const auto mix = load_mix(pos[1]);
        if (port == 0) server = start_server(exe, pos[0], threads, port);
        const std::string load0 = loadavg();
        // Warm-up: the first 100 of the mix through both paths, untimed.
        Bounds warm{600, std::min<std::size_t>(100, mix.size())};
        run_http(mix, port, 1, warm, server);
        if (library) run_library(mix, pos[0], warm);

        std::vector<Level> out;
        if (library) out.push_back(run_library(mix, pos[0], bounds));
        for (int c : levels) out.push_back(run_http(mix, port, c, bounds, server));

        double one_qps = 0;
        for (const auto& L : out)
            if (L.name == "serve" && L.clients == 1) one_qps = static_cast<double>(L.ok) / L.wall;
        if (!tsv) {
            std::printf("| path | clients | requests | ok | errors | wall s | QPS | p50 ms | p95 ms | p99 ms | max ms "
                        "| server CPU s | load-generator CPU s | QPS × 1 client |\n");
            std::printf("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        }
        for (const auto& L : out) {
            const double qps = L.wall > 0 ? static_cast<double>(L.ok) / L.wall : 0;
            const double p50 = bench::percentile(L.ms, 50), p95 = bench::percentile(L.ms, 95), p99 = bench::percentile(L.ms, 99),
                         mx = bench::percentile(L.ms, 100);
            if (tsv) {
                std::printf("%s\t%d\t%zu\t%zu\t%zu\t%.3f\t%.1f\t%.3f\t%.3f\t%.3f\t%.3f\t%.2f\t%.2f\n", L.name.c_str(),
                            L.clients, L.requests, L.ok, L.errors, L.wall, qps, p50, p95, p99, mx, L.server_cpu,
                            L.client_cpu);
            } else {
                char ratio[32] = "–";
                if (L.name == "serve" && one_qps > 0) std::snprintf(ratio, sizeof ratio, "%.2f", qps / one_qps);
                char scpu[32] = "–";
                if (L.name == "serve" && server > 0) std::snprintf(scpu, sizeof scpu, "%.1f", L.server_cpu);
                std::printf("| %s | %d | %zu | %zu | %zu | %.1f | %.1f | %.2f | %.2f | %.2f | %.2f | %s | %.1f | %s |\n",
                            L.name == "library" ? "library, one thread" : "newsidx serve", L.clients, L.requests,
                            L.ok, L.errors, L.wall, qps, p50, p95, p99, mx, scpu, L.client_cpu, ratio);
            }
            if (by_class) {
                for (const auto& [c, v] : L.by_class)
                    std::printf("%s  %s, %d clients, %s: %zu requests, p50 %.2f  p95 %.2f  p99 %.2f ms\n",
                                tsv ? "#" : "", L.name.c_str(), L.clients, c.c_str(), v.size(), bench::percentile(v, 50),
                                bench::percentile(v, 95), bench::percentile(v, 99));
            }
            for (const auto& [k, n] : L.error_kinds)
                std::fprintf(stderr, "serve_load: %s, %d clients: %zu × %s\n", L.name.c_str(), L.clients, n, k.c_str());
            if (L.errors > 0 || L.ok == 0 || L.ok + L.errors != L.requests) rc = 1;
        }
        std::map<std::string, std::size_t> classes;
        for (const auto& it : mix) ++classes[it.cls];
        std::string mixdesc;
        for (const auto& [k, n] : classes) mixdesc += (mixdesc.empty() ? "" : ", ") + k + " " + std::to_string(n);
        const char* pre = tsv ? "# " : "";
        std::printf("\n%smix: %zu requests (%s), classes interleaved; bounds: %.0f s%s per level; 10 hits, snippets, "
                    "keep-alive clients\n",
                    pre, mix.size(), mixdesc.c_str(), bounds.seconds,
                    bounds.requests ? (" or " + std::to_string(bounds.requests) + " requests").c_str() : "");
        std::printf("%sserver: %s\n", pre,
                    server > 0 ? (exe + " serve, --threads " + (threads > 0 ? std::to_string(threads) : "default")).c_str()
                               : ("running on port " + std::to_string(port)).c_str());
        std::printf("%snproc: %u  cpu: %s  load avg start/end: %s / %s\n", pre, std::thread::hardware_concurrency(),
                    cpu_model().c_str(), load0.c_str(), loadavg().c_str());
        std::printf("%scommand: %s\n", pre, cmdline.c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "serve_load: %s\n", e.what());
        rc = 1;
    }
    if (server > 0) {
        ::kill(server, SIGTERM);
        int st = 0;
        ::waitpid(server, &st, 0);
    }
    return rc;
}
