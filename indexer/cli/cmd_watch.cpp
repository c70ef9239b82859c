// `newsidx watch DIR`: re-index posts as they change (indexer/watcher.*).
#include "common.hpp"
#include "stop_signal.hpp"

#include "watcher.hpp"

#include <cstdio>
#include <memory>
#include <set>

namespace newsidx::cli {

void add_watch(CLI::App& app, Globals& g, Runner& run) {
    struct Args {
        std::string dir, prefix;
        bool drafts = false, follow = false;
        std::vector<std::string> excludes, extensions;
        int debounce_ms = 150;
        std::optional<std::string> site_url;
    };
    auto a = std::make_shared<Args>();
    CLI::App* sub = app.add_subcommand(
        "watch", "Keep the index in step with DIR: re-index added, changed and deleted posts as they happen");
    sub->add_option("dir", a->dir, "Folder of posts (ids as `newsidx add DIR` gives them)")
        ->required()
        ->check(CLI::ExistingDirectory);
    sub->add_option("--prefix", a->prefix, "Put this root's ids under NAME/");
    sub->add_flag("--drafts", a->drafts, "Also index _drafts/ and `published: false` posts");
    sub->add_option("--exclude", a->excludes, "Skip files and folders matching GLOB (repeatable)");
    sub->add_option("--ext", a->extensions,
                    "Files ending in .EXT are posts too (repeatable, or txt,text), as by `add --ext`; those the index "
                    "remembers are watched without it")
        ->delimiter(',');
    sub->add_flag("--follow-symlinks", a->follow,
                  "Index and watch what symbolic links to folders point to (each real folder once). Without it they "
                  "are left out with a warning, as by `add`");
    site_url_option(sub, a->site_url, true,
                    "Post URLs become absolute under URL, as by `add --site-url`; the one the index remembers is used "
                    "without it ('none' forgets it)");
    sub->add_option("--debounce-ms", a->debounce_ms, "Quiet time after a change before re-indexing")
        ->capture_default_str()
        ->check(CLI::Range(0, 10000))
        ->group("Advanced");
    sub->footer("Runs `sync DIR` once, then after every burst of changes (one summary line each on stdout, "
                "with the time from the first change to the commit). "
                "SIGINT/SIGTERM stop it (exit 0).");
    sub->callback([&g, &run, a] {
        run = [&g, a] {
            detail::WatchOptions o;
            o.add.id_prefix = a->prefix;
            o.add.drafts = a->drafts;
            o.add.excludes = a->excludes;
            o.add.extensions = a->extensions;
            o.add.follow_symlinks = a->follow;
            o.add.site_url = a->site_url;
            o.add.on_error = [](const FileError& e) { error(e.message); };
            auto told = std::make_shared<std::set<std::string>>();  // each left-out link once, not every pass
            o.add.on_warning = [&g, told](const std::string& path, const std::string& w) {
                if (g.verbose || (w == kSymlinkNotFollowed && told->insert(path).second)) warn(path + ": " + w);
            };
            o.debounce_ms = a->debounce_ms;
            o.on_message = [](const std::string& m) { warn(m); };
            o.on_sync = [&g](const AddReport& r, double since_change) {
                if (g.quiet) return;
                std::printf("added %zu, updated %zu, unchanged %zu, removed %zu, failed %zu in %.2f s", r.added,
                            r.updated, r.unchanged, r.removed, r.failed, r.seconds);
                if (r.opted_out) std::printf(", %zu opted out of search", r.opted_out);
                if (r.retemplated) std::printf(", %zu re-analyzed for templates", r.retemplated);
                if (since_change > 0) std::printf(", %.2f s after the change", since_change);
                std::printf("\n");
                std::fflush(stdout);
            };
            detail::Watcher w(g.db_path(), a->dir, o);
            StopOnSignal stop([&w] { w.stop(); });
            w.run();
            return kOk;
        };
    });
}

}  // namespace newsidx::cli
