// `newsidx rebalance` and the per-shard part of `newsidx stats`.
#include "common.hpp"

#include <newsidx/index.hpp>
#include <newsidx/shards.hpp>

#include <cstdio>
#include <memory>

namespace newsidx::cli {

void print_shard_stats(const std::string& db) {
    const std::vector<std::string> paths = shard_paths(db);
    std::printf("shards:      %zu (a post goes to shard fnv1a64(id) %% %zu)\n", paths.size(), paths.size());
    for (std::size_t k = 0; k < paths.size(); ++k) {
        const IndexStats s = read_stats(paths[k]);
        std::printf("shard %-5zu  %s: %llu documents, %llu terms, %.1f MB, last update %s\n", k, paths[k].c_str(),
                    static_cast<unsigned long long>(s.documents), static_cast<unsigned long long>(s.terms),
                    s.size_bytes / 1e6, s.last_update.empty() ? "never" : s.last_update.c_str());
    }
}

nlohmann::json shard_stats_json(const std::string& db) {
    nlohmann::json out = nlohmann::json::array();
    for (const std::string& p : shard_paths(db)) {
        const IndexStats s = read_stats(p);
        out.push_back({{"path", s.path},
                       {"documents", s.documents},
                       {"terms", s.terms},
                       {"size_bytes", s.size_bytes},
                       {"analyzer", s.analyzer},
                       {"schema_version", s.schema_version},
                       {"last_update", s.last_update}});
    }
    return out;
}

void add_rebalance(CLI::App& app, Globals& g, Runner& run) {
    auto count = std::make_shared<std::size_t>(0);
    CLI::App* sub = app.add_subcommand(
        "rebalance", "Re-route every post into N shards (1: one unsharded index), without re-analysis");
    sub->add_option("--shards", *count, "The new number of shards")
        ->required()
        ->check(CLI::Range(std::size_t{1}, std::size_t{1024}));
    sub->callback([&g, &run, count] {
        run = [&g, count] {
            const RebalanceReport r = rebalance(g.db_path(), *count);
            if (!g.quiet)
                std::printf("rebalanced %llu posts from %zu to %zu shards (%llu moved) in %.2f s\n",
                            static_cast<unsigned long long>(r.posts), r.from_shards, r.to_shards,
                            static_cast<unsigned long long>(r.moved), r.seconds);
            return kOk;
        };
    });
}

}  // namespace newsidx::cli
