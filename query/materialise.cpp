// The last step of a search (plan.hpp): the page's hits from their stored
// data — fields, snippets, explain.
#include "searcher_impl.hpp"

#include "analysis.hpp"
#include "hangul.hpp"
#include "fields.hpp"
#include "schema.hpp"
#include "snippet.hpp"
#include "stored_post.hpp"
#include "stored_text.hpp"

#include <newsidx/site_url.hpp>

#include <algorithm>

namespace newsidx {

namespace {

// The zone of a matching term (fields.hpp); a free-text term is
// "title+text" when the post's title holds it too.
std::string zone_of(const std::string& term, const Xapian::Document& doc) {
    if (schema::prefixed(term)) return std::string(schema::zone_of_term(term));
    const std::string title = schema::term(schema::kTitleField.prefix, term);
    Xapian::TermIterator t = doc.termlist_begin();
    t.skip_to(title);
    return t != doc.termlist_end() && *t == title ? "title+text" : "text";
}

}  // namespace

Hit Searcher::Impl::hit_of(const Xapian::Document& doc) {
    schema::StoredPost stored = schema::decode_post(doc.get_data());
    Hit h;
    h.id = std::move(stored.id);
    h.path = std::move(stored.path);
    h.title = std::move(stored.title);
    h.date = std::move(stored.date);
    h.url = std::move(stored.url);
    h.author = std::move(stored.author);
    h.tags = std::move(stored.tags);
    h.categories = std::move(stored.categories);
    return h;
}

void Searcher::Impl::materialise(const detail::Plan& p, const SearchPage& page, SearchResult& res) {
    const SearchRequest& req = p.req;
    const std::set<std::string> whole = page.whole ? whole_matches(page, req.limit) : std::set<std::string>{};
    for (std::size_t i = page.from; i < page.ranked.size() && res.hits.size() < req.limit; ++i) {
        const Xapian::MSetIterator it = page.ranked[i].it;
        const Xapian::Document doc = it.get_document();
        Hit h = hit_of(doc);
        h.rank = req.offset + res.hits.size() + 1;
        h.score = page.ranked[i].score * page.scale - page.shift;
        h.url = site_absolute_url(req.site_url, h.url);
        h.partial_match = page.whole && whole.count(doc.get_value(schema::kSlotId)) == 0;
        if (req.snippets) {
            const bool initials = res.mode == "initials";  // not when the index held the words as typed
            const detail::BuiltQuery own = initials ? initials_marks(h, p.initials, page.bq) : detail::BuiltQuery{};
            const detail::BuiltQuery& marks = initials ? own : page.bq;
            h.title_marked = detail::make_snippet(h.title, analyzer, marks, h.title.size() + 1, true);
            h.snippet = detail::make_snippet(detail::stored_text(doc), analyzer, marks, req.snippet_chars);
        } else {
            h.title_marked.text = h.title;
        }
        if (req.explain) h.explain = explain(*page.enq, it, doc, page.bq);
        res.hits.push_back(std::move(h));
    }
}

// The ids of the page's hits that the query matches by its words (the query
// without bigram branches, SearchPage::whole): one small query over those
// posts only. The others are partial matches.
std::set<std::string> Searcher::Impl::whole_matches(const SearchPage& page, std::size_t limit) const {
    std::set<std::string> out;
    if (page.whole->empty()) return out;
    std::vector<Xapian::Query> ids;
    for (std::size_t i = page.from; i < page.ranked.size() && ids.size() < limit; ++i)
        ids.emplace_back(schema::term(schema::kId, page.ranked[i].it.get_document().get_value(schema::kSlotId)));
    if (ids.empty()) return out;
    const Xapian::Query q(Xapian::Query::OP_FILTER, *page.whole, Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end()));
    const Xapian::MSet ms = enquire(q).get_mset(0, static_cast<Xapian::doccount>(ids.size()));
    for (auto it = ms.begin(); it != ms.end(); ++it) out.insert(it.get_document().get_value(schema::kSlotId));
    return out;
}

// 초성 hits: mark the title and tag words whose initials a query word starts.
detail::BuiltQuery Searcher::Impl::initials_marks(const Hit& h, const std::vector<std::string>& initials,
                                                  const detail::BuiltQuery& bq) const {
    detail::BuiltQuery marks;
    marks.query = bq.query;
    std::vector<std::string> sources = h.tags;
    sources.push_back(h.title);
    for (const std::string& s : sources)
        for (const detail::Word& w : detail::analyze(analyzer, s)) {
            const std::string init = detail::hangul::initials(w.surface);
            for (const std::string& q : initials)
                if (init.compare(0, q.size(), q) == 0) marks.terms.insert(w.stem);
        }
    return marks;
}

std::vector<TermMatch> Searcher::Impl::explain(const Xapian::Enquire& enq, const Xapian::MSetIterator& it,
                                               const Xapian::Document& doc, const detail::BuiltQuery& bq) const {
    std::vector<std::string> terms;
    for (auto t = enq.get_matching_terms_begin(it); t != enq.get_matching_terms_end(it); ++t) terms.push_back(*t);
    // Matching terms do not list what a prefix (OP_WILDCARD) expanded to: the post's own terms do.
    for (const std::string& pre : bq.prefixes) {
        Xapian::TermIterator t = doc.termlist_begin();
        for (t.skip_to(pre); t != doc.termlist_end() && (*t).compare(0, pre.size(), pre) == 0; ++t)
            terms.push_back(*t);
    }
    std::vector<TermMatch> out;
    const Xapian::Query id(schema::term(schema::kId, doc.get_value(schema::kSlotId)));
    for (const std::string& term : terms) {
        TermMatch m{term, zone_of(term, doc), 0};
        const Xapian::MSet one =
            enquire(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(term), id)).get_mset(0, 1);
        if (!one.empty()) m.weight = one.begin().get_weight();
        out.push_back(std::move(m));
    }
    std::stable_sort(out.begin(), out.end(), [](const TermMatch& a, const TermMatch& b) { return a.weight > b.weight; });
    return out;
}

}  // namespace newsidx
