// newsidx: builds and maintains an index. All work is done by the library.
#include "common.hpp"

#include <newsidx/index.hpp>

#include <csignal>
#include <iostream>

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
        app.exit(e);
        return kUsage;
    }
    return guarded(run);
}
