// newsidx: builds and maintains an index. All work is done by the library.
#include "common.hpp"

#include <newsidx/index.hpp>

#include "hangul.hpp"

#include <algorithm>
#include <csignal>
#include <iostream>

namespace {

// When the first word that is not an option is no command: "unknown
// command 'serch'; did you mean 'search'?" (the nearest commands within two
// edits, or those it starts), else the list of commands. Empty when the
// word is a command (the error is about something else).
std::string command_hint(CLI::App& app, int argc, char** argv) {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
    std::string word;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--db") {
            ++i;  // its value
            continue;
        }
        if (!a.empty() && a[0] == '-') continue;
        word = a;
        break;
    }
    if (word.empty() || std::find(names.begin(), names.end(), word) != names.end()) return "";
    auto distance = [](std::string_view a, std::string_view b) { return newsidx::detail::hangul::jamo_distance(a, b, 2); };
    if (distance(word, "search") <= 2 || word == "query" || word == "find")
        return "unknown command '" + word + "'; searching is another program: newsq QUERY (newsq --help)";
    std::vector<std::string> near;
    std::size_t best = 3;
    for (const std::string& n : names) {
        const std::size_t d = n.rfind(word, 0) == 0 ? 1 : distance(word, n);
        if (d > 2) continue;  // within two edits only
        if (d < best) best = d, near.clear();
        if (d == best) near.push_back(n);
    }
    std::string all;
    for (const std::string& n : names) all += (all.empty() ? "" : ", ") + n;
    std::string out = "unknown command '" + word + "'";
    if (near.empty()) return out + "; the commands are: " + all;
    out += "; did you mean ";
    for (std::size_t i = 0; i < near.size(); ++i)
        out += (i == 0 ? "" : i + 1 == near.size() ? " or " : ", ") + ("'" + near[i] + "'");
    return out + "?";
}

}  // namespace

int main(int argc, char** argv) {
    using namespace newsidx::cli;
    // Over a file size limit (ulimit -f) a write fails with EFBIG and the
    // library reports it, instead of SIGXFSZ killing the process mid-batch.
    std::signal(SIGXFSZ, SIG_IGN);
    CLI::App app{"newsidx: index Jekyll Markdown posts (Korean and English) for search with newsq.\n", "newsidx"};
    app.footer(std::string(kExitCodesHelp) +
               "\nThe index is --db DIR, else $NEWSIDX_DB, else $XDG_DATA_HOME/newsidx/db "
               "(~/.local/share/newsidx/db).");
    app.set_version_flag("--version", std::string("newsidx ") + newsidx::version());
    app.require_subcommand(1);
    // A repeated option takes its last value; repeatable lists keep every value.
    app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    app.fallthrough();  // global options are accepted after the subcommand too

    Globals g;
    app.add_option("--db", g.db, "Index folder");
    app.add_flag("-q,--quiet", g.quiet, "Print errors only");
    app.add_flag("-v,--verbose", g.verbose, "Print warnings about posts too");

    Runner run;
    add_add(app, g, run);
    add_sync(app, g, run);
    add_remove(app, g, run);
    add_reindex(app, g, run);
    add_compact(app, g, run);
    add_stats(app, g, run);
    add_analyze(app, g, run);
    add_terms(app, g, run);
    add_synonyms(app, g, run);
    add_dict(app, g, run);
    add_serve(app, g, run);
    add_watch(app, g, run);
    add_rebalance(app, g, run);

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e);  // --help, --version
    } catch (const CLI::ParseError& e) {
        // `newsidx ad DIR`: name the command meant, not only "A subcommand is required".
        if (const std::string hint = command_hint(app, argc, argv); !hint.empty()) {
            std::cerr << "newsidx: " << hint << "\nRun with --help for more information.\n";
            return kUsage;
        }
        app.exit(e);
        return kUsage;
    }
    return guarded(run);
}
