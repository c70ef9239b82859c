#include <newsidx/analyzer.hpp>
#include <newsidx/error.hpp>
#include <newsidx/searcher.hpp>

#include "open_db.hpp"
#include "query_builder.hpp"
#include "query_parser.hpp"
#include "schema.hpp"
#include "snippet.hpp"
#include "xapian_error.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace newsidx {

namespace {

// BM25 tuned for short posts where a word's repetition says less than its
// presence (see ARCHITECTURE.md "Ranking").
constexpr double kK1 = 0.9, kK2 = 0.0, kK3 = 1.0, kB = 0.5, kMinNormLen = 0.5;

std::vector<std::string> strings(const nlohmann::json& j, const char* key) {
    std::vector<std::string> out;
    if (auto it = j.find(key); it != j.end() && it->is_array())
        for (const auto& v : *it)
            if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

}  // namespace

struct Searcher::Impl {
    std::string path;
    detail::ShardedDb shards;  // what `path` (and OpenOptions::remotes) stand for
    Xapian::Database db;
    Analyzer analyzer;
    detail::SynonymMap synonyms;  // read once per open, not per query

    void open() {
        try {
            // Opening too reads blocks that two commits meanwhile may have discarded.
            for (detail::ModifiedRetry retry;;) {
                try {
                    db = shards.open();
                    check_and_load();
                    return;
                } catch (const Xapian::DatabaseModifiedError&) {
                    if (!retry.again()) throw;
                }
            }
        } catch (const Xapian::Error& e) {
            detail::rethrow_xapian(e, path);
        }
    }

    void check_and_load() {
        const std::string sv = db.get_metadata(schema::kMetaSchema);
        const std::string an = db.get_metadata(schema::kMetaAnalyzer);
        const std::string want = std::string(Analyzer::kName) + "/" + std::to_string(Analyzer::kVersion);
        synonyms = detail::load_synonyms(db);
        if (sv.empty() && db.get_doccount() == 0) return;  // fresh, empty index
        if (sv.empty()) throw IndexError(path + ": this Xapian database was not made by newsidx");
        if (sv != std::to_string(schema::kSchemaVersion) || an != want)
            throw IndexError(path + ": index built by analyzer " + an + " (schema " + sv + "), this is " + want +
                             " (schema " + std::to_string(schema::kSchemaVersion) + "): run `newsidx reindex`");
    }

    // Moves to the newest commit, retrying while commits keep coming.
    void reopen() {
        bool changed = false;
        for (detail::ModifiedRetry retry;;) {
            try {
                changed = db.reopen() || changed;
                if (changed) synonyms = detail::load_synonyms(db);
                return;
            } catch (const Xapian::DatabaseModifiedError&) {
                if (!retry.again()) throw;
                changed = true;  // the synonyms must be read again at the newer revision
            }
        }
    }

    SearchResult run(const SearchRequest& req) {
        SearchResult res;
        res.query = req.query;
        std::string warning;
        const detail::QueryNode tree = detail::parse_query(req.query, warning);
        if (!warning.empty()) res.warnings.push_back(warning);
        const detail::BuiltQuery bq = detail::build_query(tree, analyzer, &synonyms);
        if (bq.query.empty()) return res;

        Xapian::Enquire enq(db);
        enq.set_query(bq.query);
        enq.set_weighting_scheme(Xapian::BM25Weight(kK1, kK2, kK3, kB, kMinNormLen));
        // Equal scores are ordered by post id (not docid, which differs between
        // one database and shards), so that results are stable.
        enq.set_sort_by_relevance_then_value(schema::kSlotId, false);
        const Xapian::MSet ms = enq.get_mset(static_cast<Xapian::doccount>(req.offset),
                                             static_cast<Xapian::doccount>(req.limit));
        res.estimated_total = ms.get_matches_estimated();
        res.missing_shards = shards.missing();
        res.partial = !res.missing_shards.empty();
        for (const std::string& m : res.missing_shards) res.warnings.push_back("partial results: " + m + " left out");
        for (auto it = ms.begin(); it != ms.end(); ++it) {
            const Xapian::Document doc = it.get_document();
            const auto j = nlohmann::json::parse(doc.get_data(), nullptr, false);
            Hit h;
            h.rank = req.offset + it.get_rank() - ms.get_firstitem() + 1;
            h.score = it.get_weight();
            h.id = j.value("id", std::string());
            h.path = j.value("path", std::string());
            h.title = j.value("title", std::string());
            h.date = j.value("date", std::string());
            h.url = j.value("url", std::string());
            h.author = j.value("author", std::string());
            h.tags = strings(j, "tags");
            h.categories = strings(j, "categories");
            if (req.snippets) {
                h.title_marked = detail::make_snippet(h.title, analyzer, bq, h.title.size() + 1, true);
                h.snippet = detail::make_snippet(j.value("text", std::string()), analyzer, bq, req.snippet_chars);
            } else {
                h.title_marked.text = h.title;
            }
            res.hits.push_back(std::move(h));
        }
        return res;
    }
};

Searcher::Searcher(const std::string& db_path) : Searcher(db_path, OpenOptions{}) {}

Searcher::Searcher(const std::string& db_path, const OpenOptions& opts) : impl_(std::make_unique<Impl>()) {
    impl_->path = db_path.empty() ? "--remote" : db_path;
    impl_->shards = detail::ShardedDb(db_path, opts);
    impl_->open();
}

Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

void Searcher::reopen() {
    try {
        impl_->reopen();
    } catch (const Xapian::Error& e) {
        detail::rethrow_xapian(e, impl_->path);
    }
}

SearchResult Searcher::search(const SearchRequest& req) {
    for (detail::ModifiedRetry retry;;) {
        try {
            return impl_->run(req);
        } catch (const Xapian::DatabaseModifiedError& e) {
            // A writer committed twice while we read: reopen at the newest commit.
            if (!retry.again()) detail::rethrow_xapian(e, impl_->path);
            reopen();
        } catch (const Xapian::NetworkError& e) {
            impl_->db = impl_->shards.without_failed(e);  // IndexError naming the shard, unless allow_partial
        } catch (const Xapian::Error& e) {
            detail::rethrow_xapian(e, impl_->path);
        }
    }
}

}  // namespace newsidx
