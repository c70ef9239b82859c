// The last step of a search (plan.hpp): the page's hits from their stored
// data — fields, snippets, explain.
#include "searcher_impl.hpp"

#include "analysis.hpp"
#include "hangul.hpp"
#include "schema.hpp"
#include "snippet.hpp"
#include "stored_text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace newsidx {

namespace {

std::vector<std::string> strings(const nlohmann::json& j, const char* key) {
    std::vector<std::string> out;
    if (auto it = j.find(key); it != j.end() && it->is_array())
        for (const auto& v : *it)
            if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
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

void Searcher::Impl::materialise(const detail::Plan& p, const SearchPage& page, SearchResult& res) {
    const SearchRequest& req = p.req;
    for (std::size_t i = page.from; i < page.ranked.size() && res.hits.size() < req.limit; ++i) {
        const Xapian::MSetIterator it = page.ranked[i].it;
        const Xapian::Document doc = it.get_document();
        const auto j = nlohmann::json::parse(doc.get_data(), nullptr, false);
        Hit h;
        h.rank = req.offset + res.hits.size() + 1;
        h.score = page.ranked[i].score * page.scale - page.shift;
        h.id = j.value("id", std::string());
        h.path = j.value("path", std::string());
        h.title = j.value("title", std::string());
        h.date = j.value("date", std::string());
        h.url = j.value("url", std::string());
        h.author = j.value("author", std::string());
        h.tags = strings(j, "tags");
        h.categories = strings(j, "categories");
        if (req.snippets) {
            const bool initials = p.kind == detail::Plan::Kind::Initials;
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
