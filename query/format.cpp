#include <newsidx/format.hpp>

#include "utf8.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace newsidx {

namespace {

void escape_html(char32_t c, std::string& out) {
    if (c < 0x80) {
        const char ascii = static_cast<char>(c);
        utf8::append_html_escaped(out, std::string_view(&ascii, 1));
    } else {
        utf8::append(out, c);
    }
}

std::string percent_encode(const std::string& id) {
    std::string out;
    for (unsigned char c : id) {
        if (c <= 0x20 || c == 0x7F || c == '%') {
            char b[4];
            std::snprintf(b, sizeof b, "%%%02X", c);
            out += b;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

nlohmann::json snippet_json(const Snippet& s) {
    nlohmann::json m = nlohmann::json::array();
    for (const auto& [b, e] : s.matches) m.push_back({b, e});
    return {{"text", s.text}, {"matches", m}, {"html", mark(s, "<mark>", "</mark>", true)}};
}

}  // namespace

std::string mark(const Snippet& s, const std::string& open, const std::string& close, bool html) {
    std::string out;
    std::size_t cp = 0, m = 0;
    bool inside = false;
    for (std::size_t i = 0; i < s.text.size();) {
        if (inside && cp == s.matches[m].second) {
            out += close;
            inside = false;
            ++m;
        }
        if (!inside && m < s.matches.size() && cp == s.matches[m].first) {
            out += open;
            inside = true;
        }
        const char32_t c = utf8::next(s.text, i);
        if (html) escape_html(c, out);
        else utf8::append(out, c);
        ++cp;
    }
    if (inside) out += close;
    return out;
}

const std::vector<std::string>& json_hit_fields() {
    static const std::vector<std::string> kFields = {"rank", "score",      "id",      "path",         "title",
                                                     "subtitle", "date", "url",   "author", "tags", "categories",
                                                     "lang", "translations", "snippet", "sections", "title_marked",
                                                     "explain", "partial_match"};
    return kFields;
}

std::string format_notes(const SearchResult& r) {
    std::string out;
    if (!r.similar_id.empty()) out += "similar to: " + (r.similar_title.empty() ? r.similar_id : r.similar_title + " (" + r.similar_id + ")") + "\n";
    if (!r.search_instead.empty())
        out += "showing results for " + r.query + "; search instead for " + r.search_instead + "\n";
    if (!r.did_you_mean.empty()) out += "did you mean: " + r.did_you_mean + "?\n";
    if (!r.explain_parsed.empty() && !r.explain_expanded.empty())
        out += "parsed: " + r.explain_parsed + "\nexpanded: " + r.explain_expanded + "\n";
    if (!r.explain_run.empty()) out += "run: " + r.explain_run + "\n";
    return out;
}

std::string format_count(const SearchResult& r) {
    // "about" only for an estimate; exact counts in words a reader says.
    const std::string about = r.total_exact ? "" : "about ";
    const std::uint64_t t = r.estimated_total;
    const std::string what = r.query.empty() ? "" : " for \"" + r.query + "\"";
    const std::string all = t == 0 && r.total_exact ? "no matches" + what
                                                    : about + std::to_string(t) + (t == 1 ? " match" : " matches") + what;
    if (r.partial_match_total == 0 || r.partial_match_words.empty()) return all + "\n";
    std::string words;
    for (std::size_t i = 0; i < r.partial_match_words.size(); ++i)
        words += (i == 0 ? "" : i + 1 == r.partial_match_words.size() ? " or " : ", ") + ("\"" + r.partial_match_words[i] + "\"");
    const std::string n = std::to_string(r.partial_match_total);
    const bool one = r.partial_match_total == 1;
    if (t == 0)
        return "no post contains " + words + "; " + about + n + (one ? " post contains" : " posts contain") +
               " parts of " + (r.partial_match_words.size() == 1 ? "it" : "them") + "\n";
    return all + "; " + about + n + " more " + (one ? "contains" : "contain") + " only parts of " + words + "\n";
}

std::string format_text(const SearchResult& r, bool color) {
    const std::string open = color ? "\x1b[1;33m" : "[[", close = color ? "\x1b[0m" : "]]";
    const std::string dim = color ? "\x1b[2m" : "", reset = color ? "\x1b[0m" : "";
    std::string out;
    for (const Hit& h : r.hits) {
        char score[32];
        std::snprintf(score, sizeof score, "%.3f", h.score);
        out += std::to_string(h.rank) + ". " + mark(h.title_marked, open, close) +
               (h.subtitle.empty() ? "" : " — " + h.subtitle) + "\n";
        out += "   " + dim + h.date.substr(0, 10) + "  " + h.id + (r.scored ? std::string("  (") + score + ")" : "") +
               (h.partial_match ? "  partial match" : "") + reset + "\n";
        if (!h.snippet.text.empty()) out += "   " + mark(h.snippet, open, close) + "\n";
        // Its sections, indented under it: the heading and its link, then its passage.
        for (const HitSection& s : h.sections) {
            out += "     § " + s.heading + "  " + dim + s.url + reset + "\n";
            if (!s.snippet.text.empty()) out += "       " + mark(s.snippet, open, close) + "\n";
        }
        if (!h.translations.empty()) {
            std::string also;
            for (const Translation& t : h.translations) also += (also.empty() ? "" : ", ") + (t.lang.empty() ? t.id : t.lang);
            out += "   " + dim + "also in: " + also + reset + "\n";
        }
        for (const TermMatch& m : h.explain) {
            char w[32];
            std::snprintf(w, sizeof w, "%.3f", m.weight);
            out += "   " + dim + "matched " + m.term + " [" + m.zone + "] " + w + reset + "\n";
        }
        out += "\n";
    }
    auto facet = [&](const char* name, const std::vector<FacetCount>& v) {
        if (v.empty()) return;
        out += name;
        for (const FacetCount& f : v) out += "  " + f.value + " (" + std::to_string(f.count) + ")";
        out += "\n";
    };
    facet("tags:", r.facets.tags);
    facet("categories:", r.facets.categories);
    facet("years:", r.facets.years);
    return out;
}

std::string format_json(const SearchResult& r, const std::vector<std::string>& fields) {
    nlohmann::json j;
    j["query"] = r.query;
    j["estimated_total"] = r.estimated_total;
    j["total_exact"] = r.total_exact;
    j["scored"] = r.scored;
    j["warnings"] = r.warnings;
    j["partial"] = r.partial;
    if (r.partial) j["missing_shards"] = r.missing_shards;
    j["mode"] = r.mode;
    j["search_instead"] = r.search_instead;
    j["did_you_mean"] = r.did_you_mean;
    j["partial_match_words"] = r.partial_match_words;
    j["partial_match_total"] = r.partial_match_total;
    if (!r.similar_id.empty()) j["similar_to"] = {{"id", r.similar_id}, {"title", r.similar_title}};
    auto facet = [](const std::vector<FacetCount>& v) {
        nlohmann::json a = nlohmann::json::array();
        for (const FacetCount& f : v) a.push_back({{"value", f.value}, {"count", f.count}});
        return a;
    };
    j["facets"] = {{"tags", facet(r.facets.tags)},
                   {"categories", facet(r.facets.categories)},
                   {"years", facet(r.facets.years)}};
    j["explain"] = {{"parsed", r.explain_expanded.empty() ? std::string() : r.explain_parsed},
                    {"expanded", r.explain_expanded},
                    {"run", r.explain_run}};
    nlohmann::json hits = nlohmann::json::array();
    for (const Hit& h : r.hits) {
        nlohmann::json ex = nlohmann::json::array();
        for (const TermMatch& m : h.explain) ex.push_back({{"term", m.term}, {"zone", m.zone}, {"weight", m.weight}});
        nlohmann::json tr = nlohmann::json::array();
        for (const Translation& t : h.translations)
            tr.push_back({{"lang", t.lang}, {"id", t.id}, {"title", t.title}, {"url", t.url}});
        nlohmann::json sections = nlohmann::json::array();
        for (const HitSection& s : h.sections)
            sections.push_back({{"heading", s.heading},
                                {"level", s.level},
                                {"anchor", s.anchor},
                                {"url", s.url},
                                {"snippet", snippet_json(s.snippet)}});
        nlohmann::json hit = {{"rank", h.rank},
                              {"score", h.score},
                              {"id", h.id},
                              {"path", h.path},
                              {"title", h.title},
                              {"subtitle", h.subtitle},
                              {"date", h.date},
                              {"url", h.url},
                              {"author", h.author},
                              {"tags", h.tags},
                              {"categories", h.categories},
                              {"lang", h.lang},
                              {"translations", std::move(tr)},
                              {"snippet", snippet_json(h.snippet)},
                              {"sections", std::move(sections)},
                              {"title_marked", snippet_json(h.title_marked)},
                              {"explain", std::move(ex)},
                              {"partial_match", h.partial_match}};
        if (!fields.empty()) {
            nlohmann::json kept = nlohmann::json::object();
            for (const std::string& f : fields)
                if (auto it = hit.find(f); it != hit.end()) kept[f] = *it;
            hit = std::move(kept);
        }
        hits.push_back(std::move(hit));
    }
    j["hits"] = std::move(hits);
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string format_trec(const std::string& qid, const SearchResult& r, const std::string& tag) {
    std::string out;
    char score[32];
    for (const Hit& h : r.hits) {
        std::snprintf(score, sizeof score, "%.6f", h.score);
        out += qid + " Q0 " + percent_encode(h.id) + " " + std::to_string(h.rank) + " " + score + " " + tag + "\n";
    }
    return out;
}

}  // namespace newsidx
