// `newsidx stats`, `newsidx analyze`, `newsidx terms`: looking inside.
#include "common.hpp"

#include "lexicon.hpp"
#include "query_builder.hpp"
#include "query_parser.hpp"
#include "synonyms.hpp"
#include "utf8.hpp"

#include <newsidx/analyzer.hpp>
#include <newsidx/index.hpp>
#include <newsidx/shards.hpp>

#include <nlohmann/json.hpp>

#include <newsidx/error.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace newsidx::cli {

void add_stats(CLI::App& app, Globals& g, Runner& run) {
    auto json = std::make_shared<bool>(false);
    CLI::App* sub = app.add_subcommand("stats", "Show what the index holds");
    sub->add_flag("--json", *json, "Print JSON");
    sub->callback([&g, &run, json] {
        run = [&g, json] {
            const IndexStats s = read_stats(g.db_path());
            if (*json) {
                nlohmann::json j{{"path", s.path},           {"documents", s.documents},
                                 {"terms", s.terms},         {"size_bytes", s.size_bytes},
                                 {"source_bytes", s.source_bytes},
                                 {"analyzer", s.analyzer},   {"schema_version", s.schema_version},
                                 {"last_update", s.last_update}, {"roots", s.roots},
                                 {"status", s.problem.empty() ? "current" : "outdated"},
                                 {"dictionary_words", s.dictionary_words},
                                 {"post_extensions", s.post_extensions},
                                 {"site_url", s.site_url}};
                if (!s.problem.empty()) j["problem"] = s.problem;
                nlohmann::json ts = nlohmann::json::array();
                for (const IndexStats::Template& t : s.templates)
                    ts.push_back({{"root", t.root}, {"root_posts", t.root_posts}, {"posts", t.posts}, {"text", t.text}});
                j["templates"] = std::move(ts);
                if (is_sharded(g.db_path())) j["shards"] = shard_stats_json(g.db_path());
                std::cout << j.dump(2) << "\n";
            } else {
                std::printf("index:       %s\ndocuments:   %llu\nterms:       %llu\nsize:        %.1f MB\n"
                            "analyzer:    %s\nschema:      %d\nlast update: %s\n",
                            s.path.c_str(), static_cast<unsigned long long>(s.documents),
                            static_cast<unsigned long long>(s.terms), s.size_bytes / 1e6, s.analyzer.c_str(),
                            s.schema_version, s.last_update.empty() ? "never" : s.last_update.c_str());
                // Whether this build searches the index as it is (else the way out: `newsidx reindex`).
                std::printf("status:      %s\n", s.problem.empty() ? "current" : ("outdated: " + s.problem).c_str());
                if (s.dictionary_words)
                    std::printf("dictionary:  %zu words (`newsidx dict --show`)\n", s.dictionary_words);
                for (const std::string& r : s.roots) std::printf("root:        %s\n", r.c_str());
                if (!s.post_extensions.empty()) {  // `add --ext`
                    std::string e;
                    for (const std::string& x : s.post_extensions) e += (e.empty() ? "." : ", .") + x;
                    std::printf("posts also:  %s files (add --ext)\n", e.c_str());
                }
                if (!s.site_url.empty()) std::printf("site url:    %s (add --site-url)\n", s.site_url.c_str());
                if (s.source_bytes > 0)  // index size against the posts' own size
                    std::printf("posts:       %.1f MB of source files; the index is %.2fx that "
                                "(`newsidx compact` shrinks a fresh one)\n",
                                s.source_bytes / 1e6, double(s.size_bytes) / double(s.source_bytes));
                // Paragraphs repeated in a large share of a root's posts: not indexed (README "Templates").
                for (const IndexStats::Template& t : s.templates)
                    std::printf("template:    %zu of %zu posts of %s: %s\n", t.posts, t.root_posts, t.root.c_str(),
                                t.text.c_str());
                if (is_sharded(g.db_path())) print_shard_stats(g.db_path());
            }
            return kOk;
        };
    });
}

namespace {

std::string joined(const auto& items) {
    std::string out;
    for (const std::string& s : items) out += (out.empty() ? "" : " ") + s;
    return out.empty() ? "-" : out;
}

// What the search side makes of `text` (newsq's query, no index needed):
// the parse, the terms and bigrams it looks for, and the Xapian query
// build_query gives, with the built-in synonym list.
void print_query(const std::string& text, const Analyzer& an) {
    std::string warning;
    const detail::QueryNode tree = detail::parse_query(text, warning);
    const detail::SynonymMap synonyms =
        detail::expand_synonyms(an, detail::parse_synonyms(detail::builtin_synonyms(), "corpus/synonyms.txt"));
    const detail::BuiltQuery bq = detail::build_query(tree, an, &synonyms);
    std::printf("parsed:    %s\n", detail::describe(tree).c_str());
    if (!warning.empty()) std::printf("warning:   %s\n", warning.c_str());
    std::printf("terms:     %s\n", joined(bq.terms).c_str());
    std::printf("bigrams:   %s\n", joined(bq.bigrams).c_str());
    std::printf("prefixes:  %s\n", joined(bq.prefixes).c_str());
    std::printf("focus:     %s\n", joined(bq.focus).c_str());
    std::printf("sentence:  %s\n", bq.sentence ? "yes (re-ranked by passages)" : "no");
    std::printf("xapian:    %s\n", bq.query.empty() ? "(nothing to search)" : bq.query.get_description().c_str());
}

}  // namespace

void add_analyze(CLI::App& app, Globals&, Runner& run) {
    struct Args {
        std::vector<std::string> text;
        bool query = false;
        std::string dict;
    };
    auto a = std::make_shared<Args>();
    CLI::App* sub = app.add_subcommand("analyze", "Print the terms the analyzer makes of TEXT (posts and queries alike)");
    sub->add_option("text", a->text, "Text to analyze")->required();
    sub->add_flag("--query", a->query,
                  "Print what a search makes of TEXT instead: the parsed query, the terms, bigrams and prefixes it "
                  "looks for, and the Xapian query (built-in synonyms; no index read)");
    sub->add_option("--dict", a->dict,
                    "Analyze with this user dictionary file (as `newsidx dict FILE` would store it), to try it first")
        ->check(CLI::ExistingFile);
    sub->callback([&run, a] {
        run = [a] {
            std::string text;
            for (const std::string& t : a->text) text += (text.empty() ? "" : " ") + t;
            Analyzer an;
            if (!a->dict.empty()) {
                std::ifstream in(a->dict, std::ios::binary);
                std::ostringstream ss;
                ss << in.rdbuf();
                if (!in) throw Error(a->dict + ": cannot read");
                an = Analyzer(std::make_shared<const detail::UserLexicon>(detail::parse_user_lexicon(ss.str(), a->dict)));
            }
            if (a->query) {
                print_query(text, an);
                return kOk;
            }
            static const char* kinds[] = {"surface", "stem", "part", "bigram", "joined", "concept"};
            // Columns by display width: a Hangul syllable takes two.
            auto pad = [](const std::string& s, std::size_t cols) {
                const std::size_t w = utf8::display_width(s);
                return s + std::string(w < cols ? cols - w : 1, ' ');
            };
            std::printf("%s%-8s %5s  %s\n", pad("term", 25).c_str(), "kind", "pos", "bytes");
            for (const Token& t : an.tokens(text))
                std::printf("%s%-8s %5u  %u-%u  %s\n", pad(t.term, 25).c_str(), kinds[static_cast<int>(t.kind)],
                            t.position, t.begin, t.end, text.substr(t.begin, t.end - t.begin).c_str());
            return kOk;
        };
    });
}

void add_terms(CLI::App& app, Globals& g, Runner& run) {
    auto id = std::make_shared<std::string>();
    CLI::App* sub = app.add_subcommand("terms", "Print a post's terms: term, wdf, positions");
    sub->add_option("id", *id, "Post id (see newsq output)")->required();
    sub->callback([&g, &run, id] {
        run = [&g, id] {
            const auto lines = read_terms(g.db_path(), *id);
            if (lines.empty()) {
                error(*id + ": no such post in the index");
                return kPartial;
            }
            for (const std::string& l : lines) std::printf("%s\n", l.c_str());
            return kOk;
        };
    });
}

}  // namespace newsidx::cli
