// The newsidx CLI's shared pieces: global options, exit codes, error mapping.
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>

namespace newsidx::cli {

/// Exit codes of both tools (also in --help and README).
enum Exit : int { kOk = 0, kPartial = 1, kUsage = 2, kIndex = 3 };

inline constexpr const char* kExitCodesHelp =
    "Exit codes: 0 success; 1 some files failed (the rest is indexed); 2 usage error (also a path "
    "that is not there, a malformed --site-url or --cors-origin: nothing is indexed); "
    "3 index locked or unusable; 130/143 add, sync or reindex stopped by SIGINT/SIGTERM "
    "(the files done are committed: run it again to go on).";

struct Globals {
    std::string db;      ///< --db, else $NEWSIDX_DB, else the default
    bool quiet = false;  ///< -q
    bool verbose = false;
    std::string db_path() const;
};

/// Adds --jobs N (threads that read and analyze posts; 0 or absent = one per core).
void jobs_option(CLI::App* sub, unsigned& jobs);

/// Adds --site-url URL, checked by CLI11 (a bad one: exit 2 naming the
/// option, before any index is opened). `clearable` (add, sync, watch):
/// "none" or "" is accepted too and stored as "" (forget the index's).
/// Help text: `help`.
void site_url_option(CLI::App* sub, std::optional<std::string>& url, bool clearable, const std::string& help);

/// Runs `f`, turning newsidx errors into a message on stderr and an exit code.
int guarded(const std::function<int()>& f);

/// Prints "newsidx: <what>" to stderr.
void error(const std::string& what);
void warn(const std::string& what);

// Each subcommand registers itself and sets `run` when chosen.
using Runner = std::function<int()>;
void add_add(CLI::App& app, Globals& g, Runner& run);
void add_sync(CLI::App& app, Globals& g, Runner& run);
void add_remove(CLI::App& app, Globals& g, Runner& run);
void add_reindex(CLI::App& app, Globals& g, Runner& run);
void add_compact(CLI::App& app, Globals& g, Runner& run);
void add_stats(CLI::App& app, Globals& g, Runner& run);
void add_analyze(CLI::App& app, Globals& g, Runner& run);
void add_terms(CLI::App& app, Globals& g, Runner& run);
void add_synonyms(CLI::App& app, Globals& g, Runner& run);
void add_dict(CLI::App& app, Globals& g, Runner& run);
void add_serve(CLI::App& app, Globals& g, Runner& run);  // cmd_serve.cpp
void add_watch(CLI::App& app, Globals& g, Runner& run);  // cmd_watch.cpp
void add_rebalance(CLI::App& app, Globals& g, Runner& run);  // cmd_shards.cpp

/// Per-shard lines / JSON array for `stats` of a sharded index (cmd_shards.cpp).
void print_shard_stats(const std::string& db);
nlohmann::json shard_stats_json(const std::string& db);

}  // namespace newsidx::cli
