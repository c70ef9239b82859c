// `newsidx add` and `newsidx sync`.
#include "common.hpp"
#include "stop_signal.hpp"
#include "walk.hpp"

#include <newsidx/error.hpp>
#include <newsidx/index.hpp>
#include <newsidx/shards.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

namespace newsidx::cli {

namespace {

struct AddArgs {
    std::vector<std::string> paths;
    std::string prefix;
    bool drafts = false, force = false, follow = false;
    std::vector<std::string> excludes;
    std::vector<std::string> extensions;
    double batch_mb = AddOptions{}.batch_bytes / double(1u << 20);  // AddOptions::batch_bytes, in MiB
    unsigned jobs = 0;
    std::size_t parallel_min = AddOptions{}.parts_min_posts;
    std::size_t part_posts = AddOptions{}.part_posts;
    std::size_t shards = 0;  // add --shards N: a new index spread over N shards
    std::optional<std::string> site_url;  // --site-url: unset keeps the index's
};

void common_options(CLI::App* sub, AddArgs& a) {
    sub->add_option("--prefix", a.prefix, "Put this root's ids under NAME/");
    sub->add_flag("--drafts", a.drafts, "Also index _drafts/ and `published: false` posts (never `search: false` "
                  "or `exclude_from_search: true` ones)");
    sub->add_option("--exclude", a.excludes, "Skip files and folders matching GLOB (repeatable)");
    sub->add_option("--ext", a.extensions,
                    "Files ending in .EXT are posts too (repeatable, or txt,text); their ids drop it as they drop "
                    ".md. The index remembers it: later adds, syncs and watches take them too")
        ->delimiter(',');
    sub->add_flag("--follow-symlinks", a.follow,
                  "Walk into symbolic links to folders (each real folder once; loops skipped). Without it they "
                  "are left out with a warning");
    sub->add_flag("--force", a.force, "Re-analyze unchanged files too");
    site_url_option(sub, a.site_url, true,
                    "Post URLs become absolute under URL (http(s)://host[:port][/path]) instead of the _config.yml's "
                    "url + baseurl. The index remembers it: later adds, syncs, watches and reindex keep it; "
                    "'none' forgets it");
    jobs_option(sub, a.jobs);
    // Advanced: smaller batches commit more often (less lost to a crash, slower;
    // the crash tests use it to make commits frequent).
    char defaults[64];
    std::snprintf(defaults, sizeof defaults, "%g", a.batch_mb);
    sub->add_option("--batch-mb", a.batch_mb,
                    std::string("MiB of post text analyzed between commits (default ") + defaults +
                        "; fractions such as 0.05 commit more often)")
        ->check(CLI::Validator(
            [](std::string& v) -> std::string {
                double mb = 0;
                return CLI::detail::lexical_cast(v, mb) && mb > 0 && mb <= 1e6
                           ? std::string()
                           : "expected a number of MiB above 0, e.g. 0.5 (got " + v + ")";
            },
            "MB"))
        ->group("Advanced");
    sub->add_option("--parallel-min", a.parallel_min,
                    "A first add of at least this many posts (into an empty index, --jobs 2 or more) writes parts "
                    "in parallel, merged at the end: faster, visible to searches only when done "
                    "(default " + std::to_string(a.parallel_min) + "; 0: never)")
        ->group("Advanced");
    sub->add_option("--part-posts", a.part_posts,
                    "Posts per part of a parallel add (a multiple of --jobs parts, 64 at most; a job done with a part "
                    "takes the next): smaller parts commit faster (default " +
                        std::to_string(a.part_posts) + ")")
        ->check(CLI::PositiveNumber)
        ->group("Advanced");
}

// A progress line on a terminal, shown only once a run has taken a second.
class ProgressBar {
public:
    explicit ProgressBar(bool enabled) : enabled_(enabled && ::isatty(2)) {}
    ~ProgressBar() { clear(); }
    // Erases the bar, so that what follows starts on a clean line (the
    // summary); call it before printing anything else.
    void clear() {
        if (shown_) std::fprintf(stderr, "\r\x1b[K");
        shown_ = false;
        enabled_ = false;
    }
    // [#########        ]  45%  1234/2935 files  312/s  ETA 0:05
    void operator()(const Progress& p) {
        if (!enabled_) return;
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
        if (s < 1.0 || (s < drawn_ + 0.1 && p.done < p.total)) return;  // ten redraws a second at most
        drawn_ = s;
        shown_ = true;
        const int width = 30;
        const int fill = p.total ? static_cast<int>(width * p.done / p.total) : width;
        const int percent = p.total ? static_cast<int>(100 * p.done / p.total) : 100;
        const double rate = p.done / s;
        char eta[32] = "";
        if (rate > 0 && p.total > p.done) {
            const auto left = static_cast<long long>((p.total - p.done) / rate + 0.5);
            std::snprintf(eta, sizeof eta, "  ETA %lld:%02lld", left / 60, left % 60);
        }
        std::fprintf(stderr, "\r\x1b[K[%.*s%*s] %3d%%  %zu/%zu files  %.0f/s%s", fill,
                     "##############################", width - fill, "", percent, p.done, p.total, rate, eta);
        std::fflush(stderr);
    }

private:
    bool enabled_;
    bool shown_ = false;
    double drawn_ = 0;  // seconds since start at the last redraw
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

AddOptions options(const AddArgs& a, const Globals& g, std::shared_ptr<ProgressBar> bar) {
    AddOptions o;
    o.id_prefix = a.prefix;
    o.drafts = a.drafts;
    o.force = a.force;
    o.excludes = a.excludes;
    o.extensions = a.extensions;
    o.follow_symlinks = a.follow;
    o.site_url = a.site_url;
    o.batch_bytes = std::max<std::size_t>(1, static_cast<std::size_t>(a.batch_mb * (1u << 20)));
    o.jobs = a.jobs;
    o.parts_min_posts = a.parallel_min;
    o.part_posts = a.part_posts;
    o.on_progress = [bar](const Progress& p) { (*bar)(p); };
    o.on_error = [](const FileError& e) { error(e.message); };
    if (g.verbose) o.on_warning = [](const std::string& path, const std::string& w) { warn(path + ": " + w); };
    else o.on_warning = [](const std::string& path, const std::string& w) {
        // Replacements, left-out folders and folders without posts always matter.
        if (w.rfind("id ", 0) == 0 || w == kSymlinkNotFollowed || w.rfind(kNoPostsHere, 0) == 0)
            warn(path + ": " + w);
    };
    return o;
}

int summarize(const AddReport& r, const Globals& g) {
    if (!g.quiet) {
        std::printf("added %zu, updated %zu, unchanged %zu, skipped %zu, removed %zu, failed %zu in %.2f s\n",
                    r.added, r.updated, r.unchanged, r.skipped, r.removed, r.failed, r.seconds);
        // Of the skipped, the posts that asked to stay out (-v names each, as it names drafts).
        if (r.opted_out)
            std::printf("skipped %zu opted out of search (search: false or exclude_from_search: true)\n", r.opted_out);
        if (r.retemplated)  // README "Templates"
            std::printf("templates changed: re-analyzed %zu posts holding them\n", r.retemplated);
    }
    return r.failed ? kPartial : kOk;
}

}  // namespace

// A path given on the command line that is not there is a usage error,
// found before the index is opened: nothing is created or changed.
void require_paths(const std::vector<std::string>& paths, bool folder) {
    for (const std::string& p : paths) {
        std::error_code ec;
        const auto st = std::filesystem::status(p, ec);
        if (!std::filesystem::exists(st))
            throw newsidx::Error(p + ": no such file or folder; nothing was indexed");
        if (folder && !std::filesystem::is_directory(st))
            throw newsidx::Error(p + ": not a folder (sync takes the folder given to add); nothing was indexed");
    }
}

void add_add(CLI::App& app, Globals& g, Runner& run) {
    auto a = std::make_shared<AddArgs>();
    CLI::App* sub = app.add_subcommand("add", "Index posts from files and folders (incremental)");
    sub->add_option("paths", a->paths, "Files or folders (folders: *.md and *.markdown, recursively)")->required();
    common_options(sub, *a);
    sub->add_option("--shards", a->shards, "Make a new index of N shards (README \"Shards\"); later adds route by themselves")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1024}));
    sub->callback([&g, &run, a] {
        run = [&g, a] {
            require_paths(a->paths, false);
            for (const std::string& e : a->extensions) detail::post_extension(e);  // a usage error, nothing opened
            StopAdding stop;
            ShardedIndex idx(g.db_path(), a->shards);
            auto bar = std::make_shared<ProgressBar>(!g.quiet);
            AddOptions o = options(*a, g, bar);
            o.stop = stop.flag();
            AddReport r = idx.add(a->paths, o);
            bar->clear();
            return stop.exit_code(r, summarize(r, g));
        };
    });
}

void add_sync(CLI::App& app, Globals& g, Runner& run) {
    auto a = std::make_shared<AddArgs>();
    CLI::App* sub = app.add_subcommand("sync", "Index a folder, then remove its posts whose files are gone");
    sub->add_option("dir", a->paths, "The folder (as given to add)")->required()->expected(1);
    common_options(sub, *a);
    sub->callback([&g, &run, a] {
        run = [&g, a] {
            require_paths(a->paths, true);
            for (const std::string& e : a->extensions) detail::post_extension(e);
            StopAdding stop;
            ShardedIndex idx(g.db_path());
            auto bar = std::make_shared<ProgressBar>(!g.quiet);
            AddOptions o = options(*a, g, bar);
            o.stop = stop.flag();
            AddReport r = idx.sync(a->paths.at(0), o);
            bar->clear();
            return stop.exit_code(r, summarize(r, g));
        };
    });
}

}  // namespace newsidx::cli
