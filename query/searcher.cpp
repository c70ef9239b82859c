#include <newsidx/analyzer.hpp>
#include <newsidx/error.hpp>
#include <newsidx/searcher.hpp>

#include "query_builder.hpp"
#include "query_parser.hpp"
#include "rerank.hpp"
#include "schema.hpp"
#include "snippet.hpp"
#include "xapian_error.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
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
    Xapian::Database db;
    Analyzer analyzer;
    detail::SynonymMap synonyms;  // read once per open, not per query

    void open() {
        if (!std::filesystem::exists(path))
            throw IndexError(path + ": no index here. Create one with `newsidx add` (or give --db)");
        try {
            // Opening too reads blocks that two commits meanwhile may have discarded.
            for (detail::ModifiedRetry retry;;) {
                try {
                    db = Xapian::Database(path);
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
        // Equal scores are ordered by id, so that results are stable.
        enq.set_docid_order(Xapian::Enquire::ASCENDING);
        // Long questions: the first kRerankDepth hits are re-ranked by their
        // best passage (rerank.hpp), so every page is cut from that order.
        const bool deep = detail::wants_rerank(bq) && req.offset < detail::kRerankDepth;
        const auto first = static_cast<Xapian::doccount>(deep ? 0 : req.offset);
        const auto count = static_cast<Xapian::doccount>(
            deep ? std::max<std::size_t>(detail::kRerankDepth, req.offset + req.limit) : req.limit);
        const Xapian::MSet ms = enq.get_mset(first, count);
        res.estimated_total = ms.get_matches_estimated();
        const std::vector<detail::Ranked> ranked = detail::rerank(db, ms, bq, analyzer, [](const Xapian::Document& d) {
            return nlohmann::json::parse(d.get_data(), nullptr, false).value("text", std::string());
        });
        for (std::size_t i = deep ? req.offset : 0; i < ranked.size() && res.hits.size() < req.limit; ++i) {
            const Xapian::Document doc = ranked[i].it.get_document();
            const auto j = nlohmann::json::parse(doc.get_data(), nullptr, false);
            Hit h;
            h.rank = req.offset + res.hits.size() + 1;
            h.score = ranked[i].score;
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

Searcher::Searcher(const std::string& db_path) : impl_(std::make_unique<Impl>()) {
    impl_->path = db_path;
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
        } catch (const Xapian::Error& e) {
            detail::rethrow_xapian(e, impl_->path);
        }
    }
}

}  // namespace newsidx
