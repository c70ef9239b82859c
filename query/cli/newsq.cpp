// newsq: searches a newsidx index from the terminal. All work is done by the library.
#include <newsidx/error.hpp>
#include <newsidx/format.hpp>
#include <newsidx/index.hpp>
#include <newsidx/searcher.hpp>
#include <newsidx/site_url.hpp>

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>

namespace {

enum Exit : int { kHits = 0, kNoHits = 1, kUsage = 2, kIndex = 3 };

struct Args {
    std::string db;
    std::vector<std::string> words;
    std::size_t limit = 10;
    bool limit_given = false;
    std::size_t offset = 0;
    std::string format = "text";
    bool json = false;
    std::string batch;
    bool quiet = false, verbose = false;
    std::vector<std::string> tags, categories, authors, langs, fields;
    std::string since, until, sort = "relevance", similar, site_url;
    bool recent = false, facets = false, exact_total = false, explain = false, no_autocorrect = false, autocorrect = false,
         all = false;
    newsidx::OpenOptions open;  // --remote, --allow-partial, --timeout, --cache-mb
    unsigned cache_mb = 16;
    std::optional<std::uint64_t> exact_up_to;  // --exact-up-to; unset: 2000, 0 for --format trec
};

// Query words may start with '-' (newsq 삼성 -애플): anything that is not one
// of our options is moved behind "--" so CLI11 takes it as a word.
std::vector<std::string> reorder(CLI::App& app, int argc, char** argv) {
    std::vector<std::string> opts, words;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--") {
            for (++i; i < argc; ++i) words.push_back(argv[i]);
            break;
        }
        std::string name;
        if (a.rfind("--", 0) == 0) name = a.substr(0, a.find('='));
        else if (a.size() >= 2 && a[0] == '-' && static_cast<unsigned char>(a[1]) < 0x80) name = a.substr(0, 2);
        const CLI::Option* o = name.empty() ? nullptr : app.get_option_no_throw(name);
        if (!o && name != "--help" && name != "-h" && name != "--version") {
            words.push_back(a);
            continue;
        }
        opts.push_back(a);
        const bool attached = a.find('=') != std::string::npos || (a[1] != '-' && a.size() > 2);
        if (o && o->get_items_expected_min() > 0 && !attached && i + 1 < argc) opts.push_back(argv[++i]);
    }
    std::vector<std::string> result;
    result.reserve(opts.size() + words.size() + 1);
    // CLI11's parse(std::vector<std::string>&) expects arguments in reverse order.
    for (auto it = words.rbegin(); it != words.rend(); ++it) result.push_back(*it);
    if (!words.empty()) result.push_back("--");
    for (auto it = opts.rbegin(); it != opts.rend(); ++it) result.push_back(*it);
    return result;
}

bool want_color() {
    const char* nc = std::getenv("NO_COLOR");
    return ::isatty(1) && !(nc && *nc);
}

void print(const std::string& qid, const newsidx::SearchResult& r, const Args& a) {
    for (const std::string& w : r.warnings)
        if (!a.quiet && a.format != "json") std::cerr << "newsq: warning: " << w << "\n";
    if (a.format == "json") std::cout << newsidx::format_json(r, a.fields) << "\n";
    else if (a.format == "trec") std::cout << newsidx::format_trec(qid, r);
    else {
        if (!a.quiet) {
            std::cout << newsidx::format_notes(r);
            std::cout << newsidx::format_count(r) << "\n";
        }
        std::cout << newsidx::format_text(r, want_color());
    }
}

// One search; with -v, what it did goes to stderr (never into the results).
newsidx::SearchResult timed_search(newsidx::Searcher& s, const newsidx::SearchRequest& req, const std::string& qid,
                                   const Args& a) {
    const auto t0 = std::chrono::steady_clock::now();
    newsidx::SearchResult r = s.search(req);
    if (a.verbose) {
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        char took[32];
        std::snprintf(took, sizeof took, "%.1f", ms);
        std::cerr << "newsq: query " << qid << ": " << r.hits.size() << " hits shown of "
                  << (r.total_exact ? "" : "about ") << r.estimated_total;
        if (r.partial_match_total) std::cerr << " (+" << r.partial_match_total << " partial)";
        std::cerr << ", " << took << " ms";
        if (!r.explain_parsed.empty()) std::cerr << "; parsed " << r.explain_parsed;
        if (!r.search_instead.empty()) std::cerr << "; searched as \"" << r.query << "\"";
        std::cerr << "\n";
    }
    return r;
}

int run(const Args& a) {
    // With --remote only, no local database is added to the search.
    const bool remote_only = a.db.empty() && !a.open.remotes.empty();
    newsidx::Searcher s(remote_only ? std::string() : a.db.empty() ? newsidx::default_db_path() : a.db, a.open);
    newsidx::SearchRequest req;
    req.limit = a.limit;
    req.offset = a.offset;
    req.snippets = a.format != "trec";
    req.tags = a.tags;
    req.categories = a.categories;
    req.authors = a.authors;
    req.langs = a.langs;
    req.since = a.since;
    req.until = a.until;
    req.sort = *newsidx::parse_sort(a.sort);
    req.recent = a.recent;
    req.facets = a.facets;
    req.exact_total = a.exact_total;
    // TREC lines hold no count: nothing to count exactly unless asked.
    req.exact_up_to = a.exact_up_to ? *a.exact_up_to : a.format == "trec" ? 0 : req.exact_up_to;
    req.explain = a.explain;
    req.similar = a.similar;
    req.site_url = a.site_url;
    req.all = a.all;
    // A batch runs its queries as typed (a program's queries, not a
    // person's typing) unless --autocorrect; one query gets the help.
    req.autocorrect = a.batch.empty() ? !a.no_autocorrect : a.autocorrect;
    if (a.batch.empty()) {
        for (const std::string& w : a.words) req.query += (req.query.empty() ? "" : " ") + w;
        const newsidx::SearchResult r = timed_search(s, req, "1", a);
        print("1", r, a);
        return r.hits.empty() ? kNoHits : kHits;
    }
    std::ifstream file;
    if (a.batch != "-") {
        file.open(a.batch);
        if (!file) throw newsidx::Error(a.batch + ": cannot open the batch file");
    }
    std::istream& in = a.batch == "-" ? std::cin : file;
    std::size_t lineno = 0;
    for (std::string line; std::getline(in, line);) {
        ++lineno;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        const auto tab = line.find('\t');
        const std::string qid = tab == std::string::npos ? std::to_string(lineno) : line.substr(0, tab);
        req.query = tab == std::string::npos ? line : line.substr(tab + 1);
        print(qid, timed_search(s, req, qid, a), a);
    }
    return kHits;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"newsq: search posts indexed by newsidx.\n\n"
                 "Query syntax: words (posts with more of them rank first), \"exact phrase\", +word or "
                 "+\"phrase\" to require (the other words only rank), -word or -\"phrase\" to exclude, "
                 "a AND b (both), a NOT b (a without b), a OR b, (groups); NOT, - and + bind tightest, then AND, "
                 "then OR (operators in capitals only: and, or, not are words), title:word, tag:name, category:name, author:name, "
                 "date:2025-02..2025-03 (whole last month included; open ends: 2025-02.. ..2025-03), "
                 "prefix* (스타게*). A query of 초성 only (ㅅㅌㄱㅇㅌ) matches title and tag words by their "
                 "initial consonants, unless the index holds them as typed; a word typed with the wrong keyboard "
                 "layout (tmxkrpdlxm) is searched converted when the index lacks it and holds its other "
                 "reading (스타게이트); a word the index lacks gets a did-you-mean from the index's own words. "
                 "--batch runs queries as typed unless --autocorrect.\n",
                 "newsq"};
    // A repeated option takes its last value (-n 3 … -n 20 shows 20);
    // repeatable lists (--tag) keep every value.
    app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    app.footer("Exit codes: 0 hits found (--batch: every query ran); 1 no hits; 2 usage error; "
               "3 index missing, locked or unusable, or a shard unreachable (without --allow-partial).\n"
               "The index is --db DIR (a folder, a sharded folder or a Xapian stub file), else $NEWSIDX_DB, else $XDG_DATA_HOME/newsidx/db (~/.local/share/newsidx/db).");
    app.set_version_flag("--version", std::string("newsq ") + newsidx::version());
    Args a;
    app.add_option("query", a.words, "Query words");
    app.add_option("--db", a.db, "Index folder");
    app.add_option("-n,--limit", a.limit, "Hits to show (default 10; 100 for --format trec)")
        ->check(CLI::Range(std::size_t{0}, std::size_t{100000}));
    app.add_option("--offset", a.offset, "Hits to skip");
    app.add_option("--format", a.format, "Output: text, json or trec")
        ->check(CLI::IsMember({"text", "json", "trec"}));
    app.add_flag("--json", a.json, "Short for --format json");
    app.add_option("--batch", a.batch, "Run the queries of FILE ('-' for stdin), one 'qid<TAB>query' per line");
    app.add_option("--tag", a.tags, "Only posts with this tag (repeat: any of them)")->allow_extra_args(false);
    app.add_option("--category", a.categories, "Only posts in this category (repeat: any of them)")
        ->allow_extra_args(false);
    app.add_option("--author", a.authors, "Only posts by this author (repeat: any of them)")->allow_extra_args(false);
    app.add_option("--lang", a.langs,
                   "Only posts in this language: ko, en, ja, zh, zh-tw ... (repeat: any of them; a post with "
                   "translations is shown in the first one it has)")
        ->allow_extra_args(false);
    app.add_option("--since", a.since, "Only posts dated on or after YYYY[-MM[-DD]]");
    app.add_option("--until", a.until, "Only posts dated up to YYYY[-MM[-DD]], the whole month/year included");
    app.add_option("--sort", a.sort, "Order: relevance (default), date (newest first) or date-asc")
        ->check(CLI::IsMember({"relevance", "date", "date-asc"}));
    app.add_flag("--recent", a.recent, "Relevance minus 2 points per year of age (README \"Ranking options\")");
    app.add_flag("--facets", a.facets, "Count tags, categories and years over all matches");
    app.add_flag("--exact-total", a.exact_total,
                 "Count all matches exactly (slower on large indexes; default: exact where at most "
                 "--exact-up-to posts can match, else an estimate; same hits)");
    app.add_option("--exact-up-to", a.exact_up_to,
                   "Count matches exactly where at most N posts can match (default 2000; --format trec: 0, as "
                   "it prints no count); else the count is Xapian's estimate (\"about N\")")
        ->type_name("N")
        ->check(CLI::Validator(
            [](std::string& v) {
                return !v.empty() && v.size() <= 18 && v.find_first_not_of("0123456789") == std::string::npos
                           ? std::string()
                           : "expected a whole number of matches, 0 or more, got '" + v + "'";
            },
            "N"));
    app.add_option("--fields", a.fields, "JSON: hit fields to print, comma-separated (default all)")
        ->delimiter(',')
        ->check(CLI::IsMember(newsidx::json_hit_fields()));
    app.add_flag("--all", a.all,
                 "Every word required, as if each had a + (stop and question words such as 무엇, the stay "
                 "optional; OR and -word still apply)");
    app.add_option("--site-url", a.site_url,
                   "Show hits' site-relative URLs under URL (http(s)://host[:port][/path]): where the blog lives")
        ->type_name("URL")
        ->check(CLI::Validator([](std::string& v) { return newsidx::site_url_problem(v); }, "URL"));
    app.add_flag("--explain", a.explain, "Show matched terms, zones and weights, and the expanded query");
    app.add_option("--similar", a.similar, "List the posts most like this post: its id, file name or path (no query needed)");
    auto* no_auto = app.add_flag("--no-autocorrect", a.no_autocorrect,
                                 "Search the query as typed: no 초성 reading, layout conversion or suggestions "
                                 "(the default of --batch)");
    app.add_flag("--autocorrect", a.autocorrect, "--batch: give each query the typing help a typed query gets")
        ->excludes(no_auto);
    app.add_option("--remote", a.open.remotes,
                   "Search the shard served by xapian-tcpsrv at HOST:PORT (repeatable; with --db, both)")
        ->allow_extra_args(false)
        ->group("Shards");
    app.add_flag("--allow-partial", a.open.allow_partial,
                 "If a shard does not answer, search the others and mark the result partial")
        ->group("Shards");
    app.add_option("--timeout", a.open.timeout_ms,
                   "Milliseconds a remote shard may take to connect or per exchange (default 1000)")
        ->check(CLI::Range(1u, 3600000u))
        ->group("Shards");
    app.add_option("--cache-mb", a.cache_mb,
                   "MiB of passage sketches kept between the queries of a batch (default 16; 0: none)")
        ->check(CLI::Range(0u, 65536u));
    app.add_flag("-q,--quiet", a.quiet, "Print hits only");
    app.add_flag("-v,--verbose", a.verbose,
                 "On stderr, per query: hits shown, the total, the time taken and the query as parsed");

    try {
        std::vector<std::string> args = reorder(app, argc, argv);
        app.parse(args);
        if (a.json) a.format = "json";
        a.open.connect_timeout_ms = a.open.timeout_ms;
        a.open.sketch_cache_bytes = std::size_t{a.cache_mb} << 20;
        a.limit_given = app.count("--limit") > 0;
        if (a.format == "trec" && !a.limit_given) a.limit = 100;
        const bool filtered = !a.tags.empty() || !a.categories.empty() || !a.authors.empty() || !a.langs.empty() || !a.since.empty() ||
                              !a.until.empty() || !a.similar.empty();
        if (a.batch.empty() && a.words.empty() && !filtered)
            throw CLI::ValidationError("query", "give a query, a filter (--tag …), --similar ID or --batch FILE");
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return kUsage;
    }
    try {
        return run(a);
    } catch (const newsidx::IndexError& e) {
        std::cerr << "newsq: error: " << e.what() << "\n";
        return kIndex;
    } catch (const newsidx::Error& e) {
        std::cerr << "newsq: error: " << e.what() << "\n";
        return kUsage;
    } catch (const std::exception& e) {
        std::cerr << "newsq: error: " << e.what() << "\n";
        return kIndex;
    }
}
