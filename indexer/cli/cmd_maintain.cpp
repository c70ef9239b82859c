// `newsidx remove`, `reindex`, `compact`, `synonyms` and `dict`.
#include "common.hpp"
#include "stop_signal.hpp"

#include <newsidx/index.hpp>
#include <newsidx/shards.hpp>

#include <cstdio>
#include <iostream>
#include <memory>

namespace newsidx::cli {

void add_remove(CLI::App& app, Globals& g, Runner& run) {
    auto names = std::make_shared<std::vector<std::string>>();
    CLI::App* sub = app.add_subcommand("remove", "Remove posts by id, file path or folder path");
    sub->add_option("names", *names, "Post ids, files or folders")->required();
    sub->callback([&g, &run, names] {
        run = [&g, names] {
            ShardedIndex idx(g.db_path());
            std::vector<std::string> missing;
            const std::size_t n = idx.remove(*names, &missing);
            for (const std::string& m : missing) error(m + ": no such post in the index");
            if (!g.quiet) std::printf("removed %zu\n", n);
            return missing.empty() ? kOk : kPartial;
        };
    });
}

void add_reindex(CLI::App& app, Globals& g, Runner& run) {
    CLI::App* sub = app.add_subcommand(
        "reindex", "Rebuild every post from its source file with this version's analyzer and schema");
    auto jobs = std::make_shared<unsigned>(0);
    jobs_option(sub, *jobs);
    sub->callback([&g, &run, jobs] {
        run = [&g, jobs] {
            StopAdding stop;
            ShardedIndex idx(g.db_path(), 0, /*allow_version_mismatch=*/true);
            AddOptions o;
            o.jobs = *jobs;
            o.on_error = [](const FileError& e) { error(e.message); };
            o.stop = stop.flag();
            const AddReport r = idx.reindex(o);
            if (!g.quiet)
            {
                std::printf("reindexed %zu, removed %zu, failed %zu in %.2f s\n", r.updated, r.removed, r.failed,
                            r.seconds);
                if (r.retemplated)
                    std::printf("templates changed: re-analyzed %zu posts holding them\n", r.retemplated);
            }
            return stop.exit_code(r, r.failed ? kPartial : kOk);
        };
    });
}

void add_compact(CLI::App& app, Globals& g, Runner& run) {
    CLI::App* sub = app.add_subcommand(
        "compact", "Rewrite the index compactly (Xapian compaction) and swap it in atomically");
    sub->footer("Needs free space for a second copy of the index; takes the write lock (exit 3 while "
                "another writer holds it). Readers keep the old copy until they reopen.");
    sub->callback([&g, &run] {
        run = [&g] {
            ShardedIndex idx(g.db_path());
            const CompactReport r = idx.compact();
            if (!g.quiet)
                std::printf("compacted %.1f MB -> %.1f MB in %.2f s\n", r.bytes_before / 1e6, r.bytes_after / 1e6,
                            r.seconds);
            return kOk;
        };
    });
}

void add_synonyms(CLI::App& app, Globals& g, Runner& run) {
    auto file = std::make_shared<std::string>();
    CLI::App* sub = app.add_subcommand(
        "synonyms", "Add synonym groups from FILE (\"OpenAI = 오픈AI = 오픈에이아이\" per line) to the index");
    sub->add_option("file", *file, "Synonym file")->required()->check(CLI::ExistingFile);
    sub->callback([&g, &run, file] {
        run = [&g, file] {
            ShardedIndex idx(g.db_path());
            const std::size_t n = idx.add_synonyms(*file);
            if (!g.quiet)
                std::printf("added synonyms for %zu names (searched at once; indexed as one term per group "
                            "after `newsidx reindex`)\n",
                            n);
            return kOk;
        };
    });
}

void add_dict(CLI::App& app, Globals& g, Runner& run) {
    struct Args {
        std::string file;
        bool show = false, clear = false;
    };
    auto a = std::make_shared<Args>();
    CLI::App* sub = app.add_subcommand(
        "dict", "Set, show or remove the index's user dictionary: how Korean words split (\"WORD PART PART\") or "
                "stay whole (\"WORD\"), one per line");
    CLI::Option* file = sub->add_option("file", a->file, "Dictionary file: it replaces the stored one")
                            ->check(CLI::ExistingFile);
    CLI::Option* show = sub->add_flag("--show", a->show, "Print the stored dictionary (normalized, sorted; a valid FILE)");
    CLI::Option* clear = sub->add_flag("--clear", a->clear, "Remove the stored dictionary");
    file->excludes(show)->excludes(clear);
    show->excludes(clear);
    sub->footer("FILE: \"WORD\" is a noun, kept whole and known as a part of longer words; \"WORD PART PART...\" "
                "splits WORD so (the parts must spell it); # comments. Hangul words only, NFKC + case folded like "
                "the analyzer's text. The index's analyzer, writing and searching, uses it before the built-in "
                "lexicon. A bad line is an error naming FILE:LINE (exit 2) and nothing is stored. A changed "
                "dictionary leaves the posts Outdated (searches and adds refused, exit 3) until `newsidx reindex`; "
                "the same dictionary again changes nothing. Try one first with `newsidx analyze --dict FILE TEXT`.");
    sub->callback([&g, &run, a] {
        run = [&g, a] {
            if (a->show) {
                const std::string text = read_dictionary(g.db_path());
                std::fwrite(text.data(), 1, text.size(), stdout);
                if (text.empty() && !g.quiet) std::fprintf(stderr, "newsidx: the index has no user dictionary\n");
                return kOk;
            }
            if (!a->clear && a->file.empty()) {
                error("dict: give FILE, --show or --clear");
                return kUsage;
            }
            ShardedIndex idx(g.db_path(), 0, /*allow_version_mismatch=*/true);  // a dictionary may replace one not reindexed yet
            const DictionaryReport r = a->clear ? idx.clear_dictionary() : idx.set_dictionary(a->file);
            if (!g.quiet) {
                if (a->clear) std::printf(r.changed ? "dictionary removed\n" : "no dictionary to remove\n");
                else std::printf(r.changed ? "dictionary stored: %zu words\n" : "dictionary unchanged: %zu words\n",
                                 r.words);
                if (r.reindex_needed)
                    std::printf("the posts were analyzed with another dictionary: run `newsidx reindex` "
                                "(until then searches and adds refuse the index)\n");
            }
            return kOk;
        };
    });
}

}  // namespace newsidx::cli
