#include "plan.hpp"

#include "query_builder.hpp"

#include "fields.hpp"
#include "language.hpp"
#include "schema.hpp"
#include "typing.hpp"

#include <newsidx/error.hpp>
#include <newsidx/site_url.hpp>

#include <cmath>
#include <tuple>

namespace newsidx::detail {

namespace {

Xapian::Query any_of(const schema::Field& f, const std::vector<std::string>& values, const Analyzer& a) {
    std::vector<Xapian::Query> qs;
    for (const std::string& v : values) qs.emplace_back(schema::term(f.prefix, a.normalize(v)));
    return Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
}

// The request's languages as canonical tags; RequestError for one that is not a tag.
std::vector<std::string> language_tags(const std::vector<std::string>& langs) {
    std::vector<std::string> out;
    for (const std::string& v : langs) {
        std::optional<std::string> tag = language_tag(v);
        if (!tag) throw RequestError("lang", "lang: '" + v + "' is not a language tag (ko, en, ja, zh, zh-tw)");
        out.push_back(std::move(*tag));
    }
    return out;
}

// Everything that restricts without scoring: --tag/--category/--author, --since/--until.
Xapian::Query request_filters(const SearchRequest& req, const Analyzer& a) {
    std::vector<Xapian::Query> fs;
    if (!req.tags.empty()) fs.push_back(any_of(schema::kTagField, req.tags, a));
    if (!req.categories.empty()) fs.push_back(any_of(schema::kCategoryField, req.categories, a));
    if (!req.authors.empty()) fs.push_back(any_of(schema::kAuthorField, req.authors, a));
    if (!req.langs.empty()) fs.push_back(any_of(schema::kLangField, req.langs, a));  // canonical (plan)
    if (!req.since.empty() || !req.until.empty()) {
        DayRange r;
        for (const auto& [name, value, end] : {std::tuple{"since", &req.since, false}, std::tuple{"until", &req.until, true}}) {
            if (value->empty()) continue;
            const auto day = parse_day(*value, end);
            if (!day)
                throw RequestError(name, std::string(name) + ": '" + *value +
                                             "' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
            (end ? r.to : r.from) = *day;
        }
        if (r.from > r.to) throw RequestError("since", "since " + req.since + " is after until " + req.until);
        fs.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDay, Xapian::sortable_serialise(r.from),
                        Xapian::sortable_serialise(r.to));
    }
    return Xapian::Query(Xapian::Query::OP_AND, fs.begin(), fs.end());
}

// One reading of a query string: its tree and the parser's warning, if any.
QueryNode read(const std::string& raw, std::vector<std::string>& warnings) {
    std::string warning;
    QueryNode tree = parse_query(raw, warning);
    if (!warning.empty()) warnings.push_back(warning);
    return tree;
}

}  // namespace

Plan plan(const SearchRequest& req, const Analyzer& analyzer) {
    Plan p;
    p.req = req;
    p.req.langs = language_tags(req.langs);  // once: the filter and the copy shown use them
    if (!std::isfinite(req.recent_weight))
        throw RequestError("recent_weight", "recent_weight: expected a finite number");
    if (!req.site_url.empty())
        if (const std::string problem = site_url_problem(req.site_url); !problem.empty())
            throw RequestError("site_url", "site_url: " + problem);
    p.filters = request_filters(p.req, analyzer);
    p.recent = req.recent && req.sort == Sort::Relevance && req.recent_weight > 0;
    if (!req.similar.empty()) {
        p.kind = Plan::Kind::Similar;
        return p;
    }
    p.text = searched_part(req.query);
    p.tree = read(req.query, p.warnings);
    if (req.all) require_all(p.tree, analyzer);
    if (req.autocorrect) p.initials = initials_words(p.text);
    if (!p.initials.empty()) p.kind = Plan::Kind::Initials;
    return p;
}

}  // namespace newsidx::detail
