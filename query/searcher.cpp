// The Searcher: opening and reopening the index, then each search as
// plan (plan.cpp) -> execute (here) -> materialise (materialise.cpp).
#include "searcher_impl.hpp"
#include "stored_post.hpp"

#include <newsidx/error.hpp>

#include "fields.hpp"
#include "meta.hpp"
#include "post_url.hpp"
#include "stored_text.hpp"
#include "schema.hpp"
#include "typing.hpp"
#include "xapian_error.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>

namespace newsidx {

namespace {

// BM25 tuned for short posts where a word's repetition says less than its
// presence (README "Ranking").
constexpr double kK1 = 0.9, kK2 = 0.0, kK3 = 1.0, kB = 0.5, kMinNormLen = 0.5;
constexpr double kSecondsPerYear = 365.2425 * 86400;  // as indexer/document.cpp stores kSlotYears
// Related posts: the query is the post's best expand terms.
constexpr Xapian::termcount kSimilarTerms = 25;
// Counts of whole-word matches (beside partial ones) are exact up to at
// least this many, whatever SearchRequest::exact_up_to says.
constexpr Xapian::doccount kCompareAtLeast = 100;
/// Hits fetched past the page when only the section penalty re-ranks (execute).
constexpr std::size_t kSectionMargin = 10;

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

}  // namespace

std::optional<Sort> parse_sort(std::string_view name) {
    if (name == "relevance") return Sort::Relevance;
    if (name == "date") return Sort::Date;
    if (name == "date-asc") return Sort::DateAsc;
    return std::nullopt;
}

void Searcher::Impl::open() {
    try {
        // Opening too reads blocks that two commits meanwhile may have discarded.
        for (detail::ModifiedRetry retry;;) {
            try {
                db = shards.open();
                forget_revision();
                load_dictionary();  // before anything is analyzed
                load_synonyms();    // each shard's stamp was checked as it opened
                return;
            } catch (const Xapian::DatabaseModifiedError&) {
                if (!retry.again()) throw;
            }
        }
    } catch (const Xapian::Error& e) {
        detail::rethrow_xapian(e, path);
    }
}

// The index's own analysis: its user dictionary (`newsidx dict`) and the
// synonym groups its posts were analyzed with (concept terms); every shard
// holds them, the first one's are read. Queries are analyzed as its posts
// were; the built-in synonyms' keys are analyzed again with it. A reopen
// that finds either changed while the posts are not reindexed yet
// (Outdated) keeps the analyzer the posts were made with until the reindex
// commits.
void Searcher::Impl::load_dictionary() {
    std::string now = schema::read_dictionary(db);
    std::string groups = db.get_metadata(schema::kMetaConceptGroups);
    if (now == dictionary && groups == concept_groups && !builtin_synonyms.empty()) return;
    if (!builtin_synonyms.empty() && schema::read_stamp(db).state == schema::Stamp::State::Outdated) return;
    analyzer = Analyzer(detail::analyzer_config(db));
    dictionary = std::move(now);
    concept_groups = std::move(groups);
    load_builtin();
}

void Searcher::Impl::load_builtin() {
    builtin_synonyms = detail::expand_synonyms(
        analyzer, detail::parse_synonyms(detail::builtin_synonyms(), "corpus/synonyms.txt"));
}

void Searcher::Impl::load_synonyms() {
    synonyms = detail::load_synonyms(db);
    for (const auto& [key, alts] : builtin_synonyms) {
        auto& mine = synonyms[key];
        for (const std::string& a : alts)
            if (std::find(mine.begin(), mine.end(), a) == mine.end()) mine.push_back(a);
    }
}

// Moves to the newest commit, retrying while commits keep coming.
void Searcher::Impl::reopen() {
    bool changed = false;
    for (detail::ModifiedRetry retry;;) {
        try {
            changed = db.reopen() || changed;
            if (changed) {
                forget_revision();  // a docid may stand for new content now
                load_dictionary();
                load_synonyms();
            }
            return;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (!retry.again()) throw;
            changed = true;  // the synonyms must be read again at the newer revision
        }
    }
}

Xapian::Enquire Searcher::Impl::enquire(const Xapian::Query& q) const {
    Xapian::Enquire enq(db);
    enq.set_query(q);
    enq.set_weighting_scheme(Xapian::BM25Weight(kK1, kK2, kK3, kB, kMinNormLen));
    return enq;
}

// Relevance feedback: the post's most telling terms (Xapian's ESet over an
// RSet of the one post), the post itself excluded.
// The post `given` names (--similar): its id; else its file (a path as
// given to add, absolute or from here); else an id written with .md or
// .markdown; else the one post whose id ends in /GIVEN (a file name,
// 2025-02-04-ai-alliance). NotFoundError when none does or several do.
std::string Searcher::Impl::resolve_post(const std::string& given) const {
    if (given.empty() || db.term_exists(schema::term(schema::kId, given))) return given;
    std::error_code ec;
    std::filesystem::path abs = std::filesystem::absolute(given, ec);
    if (!ec) {
        std::string a = abs.lexically_normal().string();
        while (a.size() > 1 && a.back() == '/') a.pop_back();
        const std::string pterm = schema::term(schema::kPath, a);
        if (Xapian::PostingIterator p = db.postlist_begin(pterm); p != db.postlist_end(pterm))
            return db.get_document(*p).get_value(schema::kSlotId);
    }
    std::string stem = given;
    while (stem.rfind("./", 0) == 0) stem.erase(0, 2);
    for (const char* ext : {".markdown", ".md"}) {
        const std::string e = ext;
        if (stem.size() > e.size() && stem.compare(stem.size() - e.size(), e.size(), e) == 0) {
            stem.resize(stem.size() - e.size());
            break;
        }
    }
    if (stem != given && db.term_exists(schema::term(schema::kId, stem))) return stem;
    std::vector<std::string> ends;
    const std::string tail = "/" + stem, prefix(schema::kId);
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        const std::string id = (*t).substr(prefix.size());
        if (id.size() > tail.size() && id.compare(id.size() - tail.size(), tail.size(), tail) == 0) ends.push_back(id);
    }
    if (ends.size() == 1) return ends[0];
    if (ends.size() > 1) {
        std::string list;
        for (std::size_t i = 0; i < ends.size() && i < 5; ++i) list += (i ? ", " : "") + ends[i];
        throw NotFoundError("similar: '" + given + "' names " + std::to_string(ends.size()) + " posts (" + list +
                                (ends.size() > 5 ? ", …" : "") + "); give the whole id",
                            given);
    }
    return given;
}

detail::BuiltQuery Searcher::Impl::similar_query(const std::string& given, SearchResult& res) {
    const std::string id = resolve_post(given);
    const std::string qterm = schema::term(schema::kId, id);
    Xapian::PostingIterator p = db.postlist_begin(qterm);
    if (p == db.postlist_end(qterm))
        throw NotFoundError("similar: no post with id, file name or path '" + given + "' in " + path, given);
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
        const bool bigram = schema::zone_of_term(term) == schema::kBigramField.zone;
        if (!bigram && schema::prefixed(term)) continue;  // title, filters, ids
        if (bigram) bq.bigrams.insert(term.substr(schema::kBigramField.prefix.size()));
        else bq.terms.insert(term);
        qs.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), t.get_weight());
    }
    res.explain_parsed = "SIMILAR(" + id + ")";
    res.similar_id = id;
    res.similar_title = schema::decode_post(db.get_document(*p).get_data()).title;
    if (qs.empty()) return bq;
    // Never the post itself, nor its translations (the same post in another language).
    Xapian::Query self(qterm);
    if (const std::string group = db.get_document(*p).get_value(schema::kSlotGroup); !group.empty())
        self = Xapian::Query(Xapian::Query::OP_OR, self, Xapian::Query(schema::term(schema::kTranslation, group)));
    bq.query = Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end()), self);
    return bq;
}

// Typing help, only for words the index lacks (a query word with no
// posting: one term look-up each, no count, no term-list walk). A word typed
// on the wrong layout (tmxkrpdlxm) is searched converted when the index holds
// its other reading (스타게이트) and not the word itself; otherwise unknown
// words get a did-you-mean from the typo table (schema/typo.hpp), searched
// instead when the index holds no word of the query as typed (it would find
// nothing: kuberntes), only offered when it holds some (kuberntes clusters
// finds the clusters posts; the reader chooses).
void Searcher::Impl::correct(const detail::Plan& p, SearchPage& page, SearchResult& res) {
    const detail::HoldsWord holds = detail::holds_word(db, analyzer);
    const auto instead = [&](const std::string& q) {
        std::string warning;
        page.layout_tree = detail::parse_query(q, warning);
        if (p.req.all) detail::require_all(page.layout_tree, analyzer);
        res.search_instead = p.req.query;
        res.query = q;
        res.warnings.clear();
        if (!warning.empty()) res.warnings.push_back(warning);
        res.explain_parsed = detail::describe(page.layout_tree);
        page.bq = detail::build_query(page.layout_tree, analyzer, &synonyms, &known);
    };
    if (const std::string layout = detail::convert_layout(p.text, holds, detail::stopwords_only(analyzer));
        !layout.empty())
        return instead(layout);
    std::string dym = detail::did_you_mean(db, shards.parts(), analyzer, p.text);
    if (dym.empty()) return;
    if (detail::holds_none(p.text, holds)) return instead(dym);
    res.did_you_mean = std::move(dym);
}

bool Searcher::Impl::execute(const detail::Plan& p, SearchPage& page, SearchResult& res) {
    const SearchRequest& req = p.req;
    res.query = req.query;
    detail::BuiltQuery& bq = page.bq;
    detail::Plan::Kind kind = p.kind;
    if (kind == detail::Plan::Kind::Initials) {
        // 초성 the index holds as typed (ㅋㅋㅋ written in posts) are searched as typed.
        const detail::HoldsWord holds = detail::holds_word(db, analyzer);
        if (std::any_of(p.initials.begin(), p.initials.end(), holds)) kind = detail::Plan::Kind::Text;
    }
    switch (kind) {
        case detail::Plan::Kind::Similar: bq = similar_query(req.similar, res); break;
        case detail::Plan::Kind::Initials:
            res.mode = "initials";
            res.explain_parsed = "INITIALS(" + req.query + ")";
            bq.query = detail::initials_query(p.initials);
            break;
        case detail::Plan::Kind::Text:
            res.warnings = p.warnings;
            res.explain_parsed = detail::describe(p.tree);
            bq = detail::build_query(p.tree, analyzer, &synonyms, &known);
            if (req.autocorrect) correct(p, page, res);
            // The last resort finds posts by pieces of a word no post holds:
            // they are listed but not counted, so the count needs the query
            // without them (built only then: it costs one more count).
            if (!bq.last_resort.empty()) {
                const detail::QueryNode& tree = res.search_instead.empty() ? p.tree : page.layout_tree;
                page.whole = detail::build_query(tree, analyzer, &synonyms, &known, false).query;
                res.partial_match_words = bq.last_resort;
            }
            break;
    }
    if (bq.query.empty() && p.filters.empty()) return false;
    Xapian::Query q = with_filters(bq.query, p.filters);
    if (p.recent) {
        // score = BM25 + w * (post's date in years since 1970), reported
        // minus w * (now in years): BM25 - w * age in years. Computed as
        // w * (BM25 / w + years): Xapian 1.4 prunes wrongly when a
        // PostingSource itself is scaled, so the text side is scaled instead.
        // The query owns the source (release()).
        auto* years = new Xapian::ValueWeightPostingSource(schema::kSlotYears);
        page.scale = req.recent_weight;
        q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 1 / page.scale),
                          Xapian::Query(years->release()));
        // Age counts from the start of the day (UTC), so that the same
        // request gives the same scores all day (pages, shards, caches).
        const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
        const double now = std::chrono::duration<double>(today.time_since_epoch()).count();
        page.shift = page.scale * now / kSecondsPerYear;
    }
    if (req.explain) res.explain_expanded = q.get_description();

    Xapian::Enquire& enq = page.enq.emplace(enquire(q));
    // A query that only filters weighs nothing: newest first, as a listing.
    res.scored = p.kind != detail::Plan::Kind::Text || bq.scored;
    const Sort sort = res.scored ? req.sort : req.sort == Sort::DateAsc ? Sort::DateAsc : Sort::Date;
    const bool collapse = db.get_value_freq(schema::kSlotGroup) > 0;
    const auto order = [&](Xapian::Enquire& e) {
        switch (sort) {
            case Sort::Relevance: e.set_sort_by_relevance_then_value(schema::kSlotId, false); break;
            case Sort::Date: e.set_sort_by_value_then_relevance(schema::kSlotNewest, false); break;
            case Sort::DateAsc: e.set_sort_by_value_then_relevance(schema::kSlotOldest, false); break;
        }
        // A post and its translations are one hit (Hit::translations): the
        // best-scoring copy stands for them here, materialise picks the copy shown.
        if (collapse) e.set_collapse_key(schema::kSlotGroup);
    };
    order(enq);
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
    // hits and scores as weighing every match, on one database and over
    // remote shards (each server matches its own shard). Every match is
    // weighed where it did not: several shards, one or more of them local
    // (Xapian 1.4.22's multi-database matcher ends a pruned match early,
    // while a later post of one shard could still reach the page: `자체
    // 리얼리티 TV 프로그램이`, a plain OR of four terms over
    // ../shared/corpora in 2 local shards, lost a post that belonged on
    // pages of 40 to 51 hits; a local shard beside a remote one lost one
    // in Xapian alone); queries holding a zero-weight
    // AND_MAYBE twin (BuiltQuery::full_evaluation: user phrases among
    // other words, +required words), whose twin pruning turns into an AND
    // that lost posts (or_safe.hpp); `--recent` (its date source beside
    // the query in an AND_MAYBE: pruned, one database lost a post of 364
    // real queries' pages); and for facets and exact totals, which must
    // see every match. The oracle test and cli.search_pruning hold all of
    // these to one order.
    const Xapian::doccount at_least =
        (req.facets || req.exact_total || bq.full_evaluation || p.recent || shards.local_among_several())
            ? db.get_doccount()
            : 0;
    // A pruned count is Xapian's estimate. Where at most exact_up_to posts
    // can match (the pruned match's upper bound), a second match, without
    // pruning and weighing nothing (BoolWeight), counts them all: a blog's
    // counts are exact, and a query that may match more pays nothing
    // (weighing the first exact_up_to posts before pruning, Xapian's
    // check_at_least, doubled a query's time at 100,000 posts).
    const auto exact_if_few = [&](const Xapian::Enquire& e, Xapian::MSet counted) {
        if (counted.get_matches_lower_bound() != counted.get_matches_upper_bound() &&
            counted.get_matches_upper_bound() <= req.exact_up_to) {
            Xapian::Enquire c(db);
            c.set_query(e.get_query());
            c.set_weighting_scheme(Xapian::BoolWeight());
            if (collapse) c.set_collapse_key(schema::kSlotGroup);
            counted = c.get_mset(0, 0, counted.get_matches_upper_bound());
        }
        return counted;
    };
    // By relevance, long questions and queries of two words or more: the
    // first kRerankDepth hits are re-ranked by their best passage and by how
    // their sections hold the query's words (rerank.hpp), and every page is
    // cut from that order.
    const bool deep = sort == Sort::Relevance && !p.recent &&
                      (detail::wants_rerank(bq) || detail::wants_sections(bq)) && req.offset < detail::kRerankDepth;
    const auto first = static_cast<Xapian::doccount>(deep ? 0 : req.offset);
    // A question's passage bonus can lift any of the first kRerankDepth
    // hits; the section penalty only lowers hits, so for it a few hits past
    // the page are enough, unless it lowers the page's last below them
    // (then the full depth is fetched and re-ranked: below).
    const std::size_t needed = req.offset + req.limit;
    const bool passages = detail::wants_rerank(bq);
    const auto count = static_cast<Xapian::doccount>(
        !deep ? req.limit
        : passages ? std::max<std::size_t>(detail::kRerankDepth, needed)
                   : std::min<std::size_t>(needed + kSectionMargin, std::max<std::size_t>(detail::kRerankDepth, needed)));
    // A keyword list's coordination clause (BuiltQuery::coordinated) walks
    // every posting list of its words a second time; where the words are
    // common both walks are whole (every post scores about alike, so
    // Xapian's bounds skip nothing). The posts holding every concept are
    // ranked first, alone, with the scores the whole query gives them; if
    // the last one the page needs scores above the most a post lacking a
    // concept can score (the largest weight bound of the words outside one
    // concept, BuiltQuery::lacking: Xapian's get_max_possible, which walks
    // nothing), that is the whole query's page, else the whole query runs.
    // Not where every match is weighed (at_least), nor by date or recency.
    const bool coordinated_first = !bq.coordinated.empty() && at_least == 0 && sort == Sort::Relevance &&
                                   !p.recent && !page.whole;
    Xapian::doccount lower_bound = 0;
    // `recount`: false where the count already stands (the page fetched
    // again at the re-rank depth), so exact_if_few does not run twice.
    const auto fetch = [&](Xapian::doccount from, Xapian::doccount n, bool recount) {
        const auto count_of = [&](const Xapian::Enquire& e, const Xapian::MSet& m) {
            return recount ? exact_if_few(e, m) : m;
        };
        if (coordinated_first) {
            Xapian::Enquire all = enquire(with_filters(bq.coordinated, p.filters));
            order(all);
            Xapian::MSet ms = all.get_mset(from, n);
            const bool full = ms.size() == n && n > 0;
            double bound = 0;  // the most a post lacking a concept scores, while the page's last beats it
            for (std::size_t c = 0; full && c < bq.lacking.size() && bound < ms[n - 1].get_weight(); ++c)
                if (!bq.lacking[c].empty()) bound = std::max(bound, enquire(bq.lacking[c]).get_mset(0, 0).get_max_possible());
            if (full && ms[n - 1].get_weight() > bound) {
                Xapian::Enquire words = enquire(with_filters(bq.uncoordinated, p.filters));
                // The words' OR matches every post the page's clause can
                // (those holding every concept): its count is the total.
                const Xapian::MSet rest = count_of(words, words.get_mset(0, 0));
                if (req.explain)
                    res.explain_run = "coordinated first: the " + std::to_string(from + n) +
                                      " best posts holding every word outscore any other post (" +
                                      std::to_string(ms[n - 1].get_weight()) + " > " + std::to_string(bound) + ")";
                res.total_exact = rest.get_matches_lower_bound() == rest.get_matches_upper_bound();
                res.estimated_total = res.total_exact ? rest.get_matches_estimated()
                                                      : std::max(rest.get_matches_estimated(), ms.get_matches_estimated());
                lower_bound = std::max(rest.get_matches_lower_bound(), ms.get_matches_lower_bound());
                return ms;
            }
        }
        if (req.explain) res.explain_run = "whole query";
        Xapian::MSet ms = enq.get_mset(from, n, at_least);
        const Xapian::MSet counted = count_of(enq, ms);
        res.estimated_total = counted.get_matches_estimated();
        lower_bound = counted.get_matches_lower_bound();
        res.total_exact = lower_bound == counted.get_matches_upper_bound();
        return ms;
    };
    if (spies_apart) spy_enq.get_mset(0, 0, at_least);
    page.ms = fetch(first, count, true);
    if (page.whole) {
        // Matches by words = those of the query without its bigram branches
        // (a subset: the same words, filters and exclusions); the rest are
        // partial matches. Counted as the total is: every match with
        // exact_total or facets, else exact up to exact_up_to (and
        // kCompareAtLeast) and an estimate beyond.
        Xapian::doccount whole = 0;
        if (!page.whole->empty()) {
            Xapian::Enquire words = enquire(with_filters(*page.whole, p.filters));
            const Xapian::MSet w = exact_if_few(words, words.get_mset(0, 0, std::max(at_least, kCompareAtLeast)));
            whole = w.get_matches_estimated();
            res.total_exact = res.total_exact && w.get_matches_lower_bound() == w.get_matches_upper_bound();
        }
        res.partial_match_total = res.estimated_total > whole ? res.estimated_total - whole : 0;
        res.estimated_total = whole;
    }
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
    page.ranked = deep ? detail::rerank(db, page.ms, bq, needed, nullptr, &sketches) : detail::in_order(page.ms);
    if (deep && !passages && page.ms.size() == count && count < detail::kRerankDepth && lower_bound > count &&
        page.ranked.size() >= needed && page.ranked[needed - 1].score <= page.ms[count - 1].get_weight()) {
        // A hit not fetched may score above the page's last once penalized hits fell: all of the depth.
        const Xapian::doccount counted = res.estimated_total;
        const bool exact = res.total_exact;
        page.ms = fetch(0, static_cast<Xapian::doccount>(std::max<std::size_t>(detail::kRerankDepth, needed)), false);
        res.estimated_total = counted;  // the count stands as first measured
        res.total_exact = exact;
        page.ranked = detail::rerank(db, page.ms, bq, needed, nullptr, &sketches);
    }
    page.from = deep ? req.offset : 0;
    return true;
}

Searcher::Searcher(const std::string& db_path) : Searcher(db_path, OpenOptions{}) {}

Searcher::Searcher(const std::string& db_path, const OpenOptions& opts) : impl_(std::make_unique<Impl>()) {
    impl_->path = db_path.empty() ? "--remote" : db_path;
    impl_->shards = detail::ShardedDb(db_path, opts);
    impl_->sketches = detail::SketchCache(opts.sketch_cache_bytes);
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

bool Searcher::post_at(std::string_view url_path, Hit& hit, std::string* text) {
    const std::string t = schema::url_term(url_path);
    if (t.empty()) return false;
    for (detail::ModifiedRetry retry;;) {
        try {
            Xapian::PostingIterator p = impl_->db.postlist_begin(t);
            if (p == impl_->db.postlist_end(t)) return false;
            const Xapian::Document doc = impl_->db.get_document(*p);
            hit = Impl::hit_of(doc);
            hit.rank = 1;
            if (text) *text = detail::stored_text(doc);
            return true;
        } catch (const Xapian::DatabaseModifiedError& e) {
            if (!retry.again()) detail::rethrow_xapian(e, impl_->path);
            reopen();
        } catch (const Xapian::Error& e) {
            detail::rethrow_xapian(e, impl_->path);
        }
    }
}

SearchResult Searcher::search(const SearchRequest& req) {
    const detail::Plan p = detail::plan(req, impl_->analyzer);  // once: no index involved
    for (detail::ModifiedRetry retry;;) {
        try {
            SearchResult res;
            SearchPage page;
            if (impl_->execute(p, page, res)) impl_->materialise(p, page, res);
            return res;
        } catch (const Xapian::DatabaseModifiedError& e) {
            // A writer committed twice while we read: reopen at the newest commit.
            if (!retry.again()) detail::rethrow_xapian(e, impl_->path);
            reopen();
        } catch (const Xapian::NetworkError& e) {
            impl_->db = impl_->shards.without_failed(e);  // IndexError naming the shard, unless allow_partial
            impl_->forget_revision();  // fewer shards: a docid stands for another post
        } catch (const Xapian::Error& e) {
            detail::rethrow_xapian(e, impl_->path);
        }
    }
}

}  // namespace newsidx
