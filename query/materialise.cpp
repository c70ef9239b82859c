// The last step of a search (plan.hpp): the page's hits from their stored
// data — fields, snippets, explain.
#include "searcher_impl.hpp"

#include "analysis.hpp"
#include "hangul.hpp"
#include "language.hpp"
#include "fields.hpp"
#include "schema.hpp"
#include "snippet.hpp"
#include "stored_post.hpp"

#include <newsidx/site_url.hpp>

#include <algorithm>
#include <tuple>

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
    h.subtitle = std::move(stored.subtitle);
    h.date = std::move(stored.date);
    h.url = std::move(stored.url);
    h.author = std::move(stored.author);
    h.tags = std::move(stored.tags);
    h.categories = std::move(stored.categories);
    h.lang = std::move(stored.lang);
    return h;
}

void Searcher::Impl::materialise(const detail::Plan& p, const SearchPage& page, SearchResult& res) {
    const SearchRequest& req = p.req;
    const std::set<std::string> whole = page.whole ? whole_matches(page, req.limit) : std::set<std::string>{};
    // Snippets come from each hit's best passage (snippet.hpp); 초성 marks
    // and prefix completions are looked for over the text.
    const bool initials = res.mode == "initials";  // not when the index held the words as typed
    const bool bounded = req.snippets && !initials && page.bq.prefixes.empty();
    const std::vector<detail::FocusWord> focus = bounded ? detail::snippet_focus(db, page.bq) : std::vector<detail::FocusWord>{};
    const std::vector<std::string> prefer = preferred_languages(p);
    for (std::size_t i = page.from; i < page.ranked.size() && res.hits.size() < req.limit; ++i) {
        const Xapian::MSetIterator it = page.ranked[i].it;
        const Xapian::Document matched = it.get_document();
        // A post in several languages: the copy in the reader's language.
        std::vector<Translation> copies;
        const Xapian::Document doc = translations(matched, page.enq->get_query(), prefer, copies);
        Hit h = hit_of(doc);
        h.translations = std::move(copies);
        h.rank = req.offset + res.hits.size() + 1;
        h.score = page.ranked[i].score * page.scale - page.shift;
        h.url = site_absolute_url(req.site_url, h.url);
        for (Translation& t : h.translations) t.url = site_absolute_url(req.site_url, t.url);
        h.partial_match = page.whole && whole.count(matched.get_value(schema::kSlotId)) == 0;
        if (req.snippets) {
            const detail::BuiltQuery own = initials ? initials_marks(h, p.initials, page.bq) : detail::BuiltQuery{};
            const detail::BuiltQuery& marks = initials ? own : page.bq;
            h.title_marked = detail::make_snippet(h.title, analyzer, marks, h.title.size() + 1, true);
            // The post's sections (a value of their own: read only here).
            const std::vector<schema::StoredSection> sections = schema::decode_sections(doc.get_value(schema::kSlotSections));
            h.snippet = detail::hit_snippet(doc, analyzer, marks, bounded ? &focus : nullptr, req.snippet_chars,
                                            &sections, h.url, &h.sections);
        } else {
            h.title_marked.text = h.title;
        }
        if (req.explain) h.explain = explain(*page.enq, it, matched, page.bq);
        res.hits.push_back(std::move(h));
    }
}

// The languages a hit is best shown in, first first: the request's
// (SearchRequest::langs), then the one the query's letters are written in.
std::vector<std::string> Searcher::Impl::preferred_languages(const detail::Plan& p) {
    std::vector<std::string> out = p.req.langs;  // canonical tags (plan)
    if (std::string script = detail::detect_language(p.req.query, 1); !script.empty()) out.push_back(std::move(script));
    return out;
}

// The copy of `matched` to show — the first of its translations (posts of
// its group, schema::kSlotGroup) that the query `q` (with its filters) also
// matches and whose language is in `prefer` (a tag or its primary
// language), else `matched` — and the other copies, in `out`.
Xapian::Document Searcher::Impl::translations(const Xapian::Document& matched, const Xapian::Query& q,
                                              const std::vector<std::string>& prefer, std::vector<Translation>& out) const {
    const std::string group = matched.get_value(schema::kSlotGroup);
    if (group.empty()) return matched;
    const Xapian::Query members(schema::term(schema::kTranslation, group));
    const Xapian::MSet ms = enquire(members).get_mset(0, kMaxTranslations);
    std::set<std::string> matching;  // the ids of the copies the query finds
    const Xapian::MSet found = enquire(Xapian::Query(Xapian::Query::OP_FILTER, q, members)).get_mset(0, kMaxTranslations);
    for (auto it = found.begin(); it != found.end(); ++it) matching.insert(it.get_document().get_value(schema::kSlotId));
    std::vector<std::pair<Xapian::Document, schema::StoredPost>> copies;
    for (auto it = ms.begin(); it != ms.end(); ++it) {
        Xapian::Document d = it.get_document();
        copies.emplace_back(d, schema::decode_post(d.get_data()));
    }
    // Always the same order, whatever the shard or the docids: by language, then id.
    std::sort(copies.begin(), copies.end(), [](const auto& a, const auto& b) {
        return std::tie(a.second.lang, a.second.id) < std::tie(b.second.lang, b.second.id);
    });
    auto find = [&](auto&& pred) {
        return static_cast<std::size_t>(std::find_if(copies.begin(), copies.end(), pred) - copies.begin());
    };
    std::size_t shown = copies.size();
    for (auto want = prefer.begin(); want != prefer.end() && shown == copies.size(); ++want)
        shown = find([&](const auto& c) {
            return matching.count(c.second.id) && (c.second.lang == *want || detail::primary_language(c.second.lang) == *want);
        });
    if (shown == copies.size()) {
        const std::string id = matched.get_value(schema::kSlotId);
        shown = find([&](const auto& c) { return c.second.id == id; });
    }
    if (shown == copies.size()) return matched;  // not among its group's first kMaxTranslations
    for (std::size_t k = 0; k < copies.size(); ++k)
        if (k != shown)
            out.push_back({copies[k].second.lang, copies[k].second.id, copies[k].second.title, copies[k].second.url});
    return copies[shown].first;
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
    std::set<std::string> title_concepts;  // the concept terms the post's title holds
    bool title_read = false;
    for (const std::string& term : terms) {
        TermMatch m{term, zone_of(term, doc), 0};
        if (m.zone == schema::kConceptField.zone) {
            // A concept term has no title twin: the title is analyzed again
            // (here only, off the search path) to say whether it names it.
            if (!title_read) {
                for (const detail::Word& w : detail::analyze(analyzer, schema::decode_post(doc.get_data()).title))
                    for (const detail::Concept& c : w.concepts)
                        title_concepts.insert(schema::term(schema::kConceptField.prefix, c.key));
                title_read = true;
            }
            if (title_concepts.count(term)) m.zone = "title+concept";
        }
        const Xapian::MSet one =
            enquire(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(term), id)).get_mset(0, 1);
        if (!one.empty()) m.weight = one.begin().get_weight();
        out.push_back(std::move(m));
    }
    std::stable_sort(out.begin(), out.end(), [](const TermMatch& a, const TermMatch& b) { return a.weight > b.weight; });
    return out;
}

}  // namespace newsidx
