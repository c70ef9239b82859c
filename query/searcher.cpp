#include <newsidx/analyzer.hpp>
#include <newsidx/error.hpp>
#include <newsidx/searcher.hpp>

#include "open_db.hpp"
#include "hangul.hpp"
#include "query_builder.hpp"
#include "query_parser.hpp"
#include "rerank.hpp"
#include "schema.hpp"
#include "snippet.hpp"
#include "stored_text.hpp"
#include "typing.hpp"
#include "xapian_error.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>

namespace newsidx {

namespace {

// BM25 tuned for short posts where a word's repetition says less than its
// presence (see ARCHITECTURE.md "Ranking").
constexpr double kK1 = 0.9, kK2 = 0.0, kK3 = 1.0, kB = 0.5, kMinNormLen = 0.5;
constexpr double kSecondsPerYear = 365.2425 * 86400;  // as indexer/document.cpp stores kSlotYears
// Related posts: the query is the post's best expand terms.
constexpr Xapian::termcount kSimilarTerms = 25;
// Enough to tell "more hits" apart when comparing a query with its layout conversion.
constexpr Xapian::doccount kCompareAtLeast = 100;

std::vector<std::string> strings(const nlohmann::json& j, const char* key) {
    std::vector<std::string> out;
    if (auto it = j.find(key); it != j.end() && it->is_array())
        for (const auto& v : *it)
            if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

Xapian::Query any_of(std::string_view prefix, const std::vector<std::string>& values, const Analyzer& a) {
    std::vector<Xapian::Query> qs;
    for (const std::string& v : values) qs.emplace_back(schema::term(prefix, a.normalize(v)));
    return Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
}

// Everything that restricts without scoring: --tag/--category/--author, --since/--until.
Xapian::Query request_filters(const SearchRequest& req, const Analyzer& a) {
    std::vector<Xapian::Query> fs;
    if (!req.tags.empty()) fs.push_back(any_of(schema::kTag, req.tags, a));
    if (!req.categories.empty()) fs.push_back(any_of(schema::kCategory, req.categories, a));
    if (!req.authors.empty()) fs.push_back(any_of(schema::kAuthor, req.authors, a));
    if (!req.since.empty() || !req.until.empty()) {
        detail::DayRange r;
        for (const auto& [name, value, end] : {std::tuple{"since", &req.since, false}, std::tuple{"until", &req.until, true}}) {
            if (value->empty()) continue;
            const auto day = detail::parse_day(*value, end);
            if (!day) throw Error(std::string(name) + ": '" + *value + "' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
            (end ? r.to : r.from) = *day;
        }
        if (r.from > r.to) throw Error("since " + req.since + " is after until " + req.until);
        fs.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDay, Xapian::sortable_serialise(r.from),
                        Xapian::sortable_serialise(r.to));
    }
    return Xapian::Query(Xapian::Query::OP_AND, fs.begin(), fs.end());
}

Xapian::Query with_filters(const Xapian::Query& q, const Xapian::Query& filters) {
    if (filters.empty()) return q;
    if (q.empty()) return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, filters, 0.0);
    return Xapian::Query(Xapian::Query::OP_FILTER, q, filters);
}

std::vector<FacetCount> top(std::vector<FacetCount> v, std::size_t limit) {
    std::sort(v.begin(), v.end(), [](const FacetCount& a, const FacetCount& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    if (v.size() > limit) v.resize(limit);
    return v;
}

// Tags (and categories) are stored per post as one joined value; counting the
// joined values with Xapian's ValueCountMatchSpy and splitting them here gives
// exact per-tag counts (each post holds one joined value), and works through
// the remote backend. Spellings that normalize alike are one facet.
std::vector<FacetCount> list_facet(const Xapian::ValueCountMatchSpy& spy, const Analyzer& a, std::size_t limit) {
    struct Acc {
        std::uint64_t count = 0;
        std::map<std::string, std::uint64_t> spellings;
    };
    std::map<std::string, Acc> acc;
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
        const std::string joined = *it;
        const std::uint64_t n = it.get_termfreq();
        for (std::size_t p = 0; p <= joined.size();) {
            const std::size_t sep = joined.find(schema::kListSep, p);
            const std::string v = joined.substr(p, sep == std::string::npos ? std::string::npos : sep - p);
            p = sep == std::string::npos ? joined.size() + 1 : sep + 1;
            if (v.empty()) continue;
            Acc& x = acc[a.normalize(v)];
            x.count += n;
            x.spellings[v] += n;
        }
    }
    std::vector<FacetCount> out;
    for (const auto& [key, x] : acc) {
        const auto best = std::max_element(x.spellings.begin(), x.spellings.end(),
                                           [](const auto& l, const auto& r) { return l.second < r.second; });
        out.push_back({best->first, x.count});
    }
    return top(std::move(out), limit);
}

std::string zone_of(const std::string& term, const Xapian::Document& doc) {
    auto starts = [&](std::string_view p) { return term.compare(0, p.size(), p) == 0; };
    if (starts(schema::kTitleBigram)) return "title-bigram";
    if (starts(schema::kBigram)) return "bigram";
    if (starts(schema::kInitials)) return "initials";
    if (starts(schema::kCategory)) return "category";
    if (!term.empty() && term[0] >= 'A' && term[0] <= 'Z') {
        if (starts(schema::kTitle)) return "title";
        if (starts(schema::kTag)) return "tag";
        if (starts(schema::kAuthor)) return "author";
        return "filter";
    }
    const std::string title = schema::term(schema::kTitle, term);
    Xapian::TermIterator t = doc.termlist_begin();
    t.skip_to(title);
    return t != doc.termlist_end() && *t == title ? "title+text" : "text";
}

}  // namespace

std::optional<Sort> parse_sort(std::string_view name) {
    if (name == "relevance") return Sort::Relevance;
    if (name == "date") return Sort::Date;
    if (name == "date-asc") return Sort::DateAsc;
    return std::nullopt;
}

struct Searcher::Impl {
    std::string path;
    detail::ShardedDb shards;  // what `path` (and OpenOptions::remotes) stand for
    Xapian::Database db;
    Analyzer analyzer;
    // The compiled-in list, expanded here rather than read from the index, so
    // that a remote shard (whose synonym table reads back empty) expands alike;
    // a local index adds the user's own synonyms (`newsidx synonyms FILE`).
    detail::SynonymMap builtin_synonyms;
    detail::SynonymMap synonyms;  // read once per open, not per query

    void open() {
        if (builtin_synonyms.empty()) load_builtin();
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

    void load_builtin() {
        for (const auto& g : detail::parse_synonyms(detail::builtin_synonyms(), "corpus/synonyms.txt")) {
            for (std::size_t i = 0; i < g.size(); ++i) {
                const std::string key = detail::synonym_key(analyzer, g[i]);
                if (key.empty() || key.size() > 200) continue;
                for (std::size_t j = 0; j < g.size(); ++j)
                    if (j != i && detail::synonym_key(analyzer, g[j]) != key) builtin_synonyms[key].push_back(g[j]);
            }
        }
    }

    void load_synonyms() {
        synonyms = detail::load_synonyms(db);
        for (const auto& [key, alts] : builtin_synonyms) {
            auto& mine = synonyms[key];
            for (const std::string& a : alts)
                if (std::find(mine.begin(), mine.end(), a) == mine.end()) mine.push_back(a);
        }
    }

    void check_and_load() {
        const std::string sv = db.get_metadata(schema::kMetaSchema);
        const std::string an = db.get_metadata(schema::kMetaAnalyzer);
        const std::string want = std::string(Analyzer::kName) + "/" + std::to_string(Analyzer::kVersion);
        load_synonyms();
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
                if (changed) load_synonyms();
                return;
            } catch (const Xapian::DatabaseModifiedError&) {
                if (!retry.again()) throw;
                changed = true;  // the synonyms must be read again at the newer revision
            }
        }
    }

    Xapian::Enquire enquire(const Xapian::Query& q) const {
        Xapian::Enquire enq(db);
        enq.set_query(q);
        enq.set_weighting_scheme(Xapian::BM25Weight(kK1, kK2, kK3, kB, kMinNormLen));
        return enq;
    }

    Xapian::doccount count(const Xapian::Query& q) const {
        if (q.empty()) return 0;
        return enquire(q).get_mset(0, 0, kCompareAtLeast).get_matches_estimated();
    }

    // The query of `req.query`: 초성, or parsed and built through the Analyzer.
    detail::BuiltQuery text_query(const std::string& raw, bool autocorrect, SearchResult& res) {
        detail::BuiltQuery bq;
        if (autocorrect) {
            if (auto ws = detail::initials_words(raw); !ws.empty()) {
                res.mode = "initials";
                res.explain_parsed = "INITIALS(" + raw + ")";
                bq.query = detail::initials_query(ws);
                return bq;
            }
        }
        std::string warning;
        const detail::QueryNode tree = detail::parse_query(raw, warning);
        if (!warning.empty()) res.warnings.push_back(warning);
        res.explain_parsed = detail::describe(tree);
        return detail::build_query(tree, analyzer, &synonyms);
    }

    // Relevance feedback: the post's most telling terms (Xapian's ESet over an
    // RSet of the one post), the post itself excluded.
    detail::BuiltQuery similar_query(const std::string& id, SearchResult& res) {
        const std::string qterm = schema::term(schema::kId, id);
        Xapian::PostingIterator p = db.postlist_begin(qterm);
        if (p == db.postlist_end(qterm)) throw Error("similar: no post with id '" + id + "' in " + path);
        Xapian::RSet rset;
        rset.add_document(*p);
        Xapian::Enquire enq = enquire(Xapian::Query(qterm));
        // Exact term frequencies: over shards Xapian would otherwise scale up
        // the post's own shard's, and pick other terms than one database.
        const Xapian::ESet eset = enq.get_eset(kSimilarTerms * 3, rset, Xapian::Enquire::USE_EXACT_TERMFREQ);
        detail::BuiltQuery bq;
        std::vector<Xapian::Query> qs;
        for (auto t = eset.begin(); t != eset.end() && qs.size() < kSimilarTerms; ++t) {
            const std::string term = *t;
            const bool bigram = term.compare(0, schema::kBigram.size(), schema::kBigram) == 0 &&
                                term.compare(0, schema::kTitleBigram.size(), schema::kTitleBigram) != 0;
            if (!bigram && !term.empty() && term[0] >= 'A' && term[0] <= 'Z') continue;  // prefixed: filters, ids
            if (bigram) bq.bigrams.insert(term.substr(schema::kBigram.size()));
            else bq.terms.insert(term);
            qs.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), t.get_weight());
        }
        res.explain_parsed = "SIMILAR(" + id + ")";
        if (qs.empty()) return bq;
        bq.query = Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end()),
                                 Xapian::Query(qterm));
        return bq;
    }

    SearchResult run(const SearchRequest& req) {
        SearchResult res;
        res.query = req.query;
        const Xapian::Query filters = request_filters(req, analyzer);
        detail::BuiltQuery bq;
        if (!req.similar.empty()) {
            bq = similar_query(req.similar, res);
        } else {
            bq = text_query(req.query, req.autocorrect, res);
            if (req.autocorrect && res.mode.empty()) correct(req, filters, bq, res);
        }
        if (bq.query.empty() && filters.empty()) return res;
        Xapian::Query q = with_filters(bq.query, filters);
        const bool recent = req.recent && req.sort == Sort::Relevance && req.recent_weight > 0;
        double scale = 1, shift = 0;
        if (recent) {
            // score = BM25 + w * (post's date in years since 1970), reported
            // minus w * (now in years): BM25 - w * age in years. Computed as
            // w * (BM25 / w + years): Xapian 1.4 prunes wrongly when a
            // PostingSource itself is scaled, so the text side is scaled instead.
            // The query owns the source (release()).
            auto* years = new Xapian::ValueWeightPostingSource(schema::kSlotYears);
            scale = req.recent_weight;
            q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 1 / scale),
                              Xapian::Query(years->release()));
            // Age counts from the start of the day (UTC), so that the same
            // request gives the same scores all day (pages, shards, caches).
            const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
            const double now = std::chrono::duration<double>(today.time_since_epoch()).count();
            shift = scale * now / kSecondsPerYear;
        }
        if (req.explain) res.explain_expanded = q.get_description();

        Xapian::Enquire enq = enquire(q);
        switch (req.sort) {
            case Sort::Relevance: enq.set_sort_by_relevance_then_value(schema::kSlotId, false); break;
            case Sort::Date: enq.set_sort_by_value_then_relevance(schema::kSlotNewest, false); break;
            case Sort::DateAsc: enq.set_sort_by_value_then_relevance(schema::kSlotOldest, false); break;
        }
        Xapian::ValueCountMatchSpy tag_spy(schema::kSlotTags), cat_spy(schema::kSlotCategories),
            year_spy(schema::kSlotYear);
        // Facets: Xapian's built-in ValueCountMatchSpy, which a remote shard
        // runs itself. Over several shards of which one is remote, Xapian
        // 1.4.22 also counts again, on this side, a remote hit that sorts
        // below the page (multimatch.cc skips remote hits only on its other
        // path), so the counts came out high: there the spies get a pass of
        // their own that asks the shards for no hits.
        const bool spies_apart = req.facets && shards.remote_among_several();
        Xapian::Enquire spy_enq = spies_apart ? enquire(q) : enq;
        if (req.facets) {
            spy_enq.add_matchspy(&tag_spy);
            spy_enq.add_matchspy(&cat_spy);
            spy_enq.add_matchspy(&year_spy);
        }
        // Pruning by weight bounds (Xapian skips posts that cannot reach the
        // page, rewriting OR into AND_MAYBE/AND as it fills) gives the same
        // hits and scores as weighing every match for keyword queries, on one
        // database and over remote shards. Every match is weighed where it
        // did not: queries holding a zero-weight AND_MAYBE twin
        // (BuiltQuery::full_evaluation: user phrases among other words, the
        // proximity pair of sentences) and two or more local shards, whose
        // multi-database matcher lost top posts (ARCHITECTURE.md "Shards");
        // and for facets and exact totals, which must see every match.
        const Xapian::doccount at_least =
            (req.facets || req.exact_total || bq.full_evaluation || shards.local_several()) ? db.get_doccount() : 0;
        // Long questions by relevance: the first kRerankDepth hits are
        // re-ranked by their best passage (rerank.hpp), and every page is cut
        // from that order.
        const bool deep = req.sort == Sort::Relevance && !recent && detail::wants_rerank(bq) &&
                          req.offset < detail::kRerankDepth;
        const auto first = static_cast<Xapian::doccount>(deep ? 0 : req.offset);
        const auto count = static_cast<Xapian::doccount>(
            deep ? std::max<std::size_t>(detail::kRerankDepth, req.offset + req.limit) : req.limit);
        if (spies_apart) spy_enq.get_mset(0, 0, at_least);
        const Xapian::MSet ms = enq.get_mset(first, count, at_least);
        res.estimated_total = ms.get_matches_estimated();
        if (req.facets) {
            res.facets.tags = list_facet(tag_spy, analyzer, req.facet_limit);
            res.facets.categories = list_facet(cat_spy, analyzer, req.facet_limit);
            std::vector<FacetCount> years;
            for (auto it = year_spy.values_begin(); it != year_spy.values_end(); ++it)
                years.push_back({*it, it.get_termfreq()});
            res.facets.years = top(std::move(years), req.facet_limit);
        }
        res.missing_shards = shards.missing();
        res.partial = !res.missing_shards.empty();
        for (const std::string& m : res.missing_shards) res.warnings.push_back("partial results: " + m + " left out");
        const std::vector<detail::Ranked> ranked =
            deep ? detail::rerank(db, ms, bq, analyzer,
                                  [](const Xapian::Document& d) { return detail::stored_text(d); })
                 : detail::in_order(ms);
        for (std::size_t i = deep ? req.offset : 0; i < ranked.size() && res.hits.size() < req.limit; ++i) {
            const Xapian::MSetIterator it = ranked[i].it;
            const Xapian::Document doc = it.get_document();
            const auto j = nlohmann::json::parse(doc.get_data(), nullptr, false);
            Hit h;
            h.rank = req.offset + res.hits.size() + 1;
            h.score = ranked[i].score * scale - shift;
            h.id = j.value("id", std::string());
            h.path = j.value("path", std::string());
            h.title = j.value("title", std::string());
            h.date = j.value("date", std::string());
            h.url = j.value("url", std::string());
            h.author = j.value("author", std::string());
            h.tags = strings(j, "tags");
            h.categories = strings(j, "categories");
            if (req.snippets) {
                const detail::BuiltQuery& marks = res.mode == "initials" ? initials_marks(h, req.query, bq) : bq;
                h.title_marked = detail::make_snippet(h.title, analyzer, marks, h.title.size() + 1, true);
                h.snippet = detail::make_snippet(detail::stored_text(doc), analyzer, marks, req.snippet_chars);
            } else {
                h.title_marked.text = h.title;
            }
            if (req.explain) h.explain = explain(enq, it, doc, bq);
            res.hits.push_back(std::move(h));
        }
        return res;
    }

    // Wrong layout (tmxkrpdlxm) searched converted when that finds more;
    // unknown words get a did-you-mean.
    void correct(const SearchRequest& req, const Xapian::Query& filters, detail::BuiltQuery& bq, SearchResult& res) {
        const std::string converted = detail::convert_layout(req.query);
        if (!converted.empty()) {
            SearchResult alt;
            detail::BuiltQuery cq = text_query(converted, false, alt);
            if (count(with_filters(cq.query, filters)) > count(with_filters(bq.query, filters))) {
                res.search_instead = req.query;
                res.query = converted;
                res.warnings = alt.warnings;
                res.explain_parsed = alt.explain_parsed;
                bq = std::move(cq);
                return;
            }
        }
        res.did_you_mean = detail::did_you_mean(db, analyzer, req.query);
    }

    // 초성 hits: mark the title words whose initials a query word starts.
    detail::BuiltQuery scratch_;
    const detail::BuiltQuery& initials_marks(const Hit& h, const std::string& raw, const detail::BuiltQuery& bq) {
        scratch_ = detail::BuiltQuery{};
        scratch_.query = bq.query;
        const std::vector<std::string> ws = detail::initials_words(raw);
        std::vector<std::string> sources = h.tags;
        sources.push_back(h.title);
        for (const std::string& s : sources)
            for (const Word& w : analyzer.analyze(s, Analyzer::Mode::Document)) {
                const std::string init = detail::hangul::initials(w.surface);
                for (const std::string& q : ws)
                    if (init.compare(0, q.size(), q) == 0) scratch_.terms.insert(w.stem);
            }
        return scratch_;
    }

    std::vector<TermMatch> explain(const Xapian::Enquire& enq, const Xapian::MSetIterator& it,
                                   const Xapian::Document& doc, const detail::BuiltQuery& bq) const {
        std::vector<std::string> terms;
        for (auto t = enq.get_matching_terms_begin(it); t != enq.get_matching_terms_end(it); ++t) terms.push_back(*t);
        // Matching terms do not list what a prefix (OP_WILDCARD) expanded to: the post's own terms do.
        for (const std::string& p : bq.prefixes) {
            Xapian::TermIterator t = doc.termlist_begin();
            for (t.skip_to(p); t != doc.termlist_end() && (*t).compare(0, p.size(), p) == 0; ++t) terms.push_back(*t);
        }
        std::vector<TermMatch> out;
        const Xapian::Query id(schema::term(schema::kId, doc.get_value(schema::kSlotId)));
        for (const std::string& term : terms) {
            TermMatch m{term, zone_of(term, doc), 0};
            const Xapian::MSet one = enquire(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(term), id)).get_mset(0, 1);
            if (!one.empty()) m.weight = one.begin().get_weight();
            out.push_back(std::move(m));
        }
        std::stable_sort(out.begin(), out.end(), [](const TermMatch& a, const TermMatch& b) { return a.weight > b.weight; });
        return out;
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
