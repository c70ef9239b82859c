#include "meta.hpp"

#include "lexicon.hpp"
#include "schema.hpp"

#include <newsidx/analyzer.hpp>

#include <nlohmann/json.hpp>

namespace newsidx::schema {

// newsidx-ko-en/4+ko-nouns:…,decompound:…,names:…: the lexicon's lists are
// part of the analysis, so another hunspell-ko or an edited built-in list
// makes old indexes Outdated instead of silently searched with other terms.
std::string analyzer_tag() {
    return std::string(Analyzer::kName) + "/" + std::to_string(Analyzer::kVersion) + "+" + detail::lexicon_tag();
}

void write_stamp(Xapian::WritableDatabase& db) {
    db.set_metadata(kMetaSchema, std::to_string(kSchemaVersion));
    db.set_metadata(kMetaAnalyzer, analyzer_tag());
}

Stamp read_stamp(const Xapian::Database& db) {
    Stamp s;
    s.schema = db.get_metadata(kMetaSchema);
    s.analyzer = db.get_metadata(kMetaAnalyzer);
    if (s.schema.empty()) s.state = db.get_doccount() == 0 ? Stamp::State::Fresh : Stamp::State::Foreign;
    else if (s.schema != std::to_string(kSchemaVersion) || s.analyzer != analyzer_tag()) s.state = Stamp::State::Outdated;
    else s.state = Stamp::State::Current;
    return s;
}

std::string Stamp::problem() const {
    switch (state) {
        case State::Foreign: return "this Xapian database was not made by newsidx";
        case State::Outdated:
            return "index built by analyzer " + (analyzer.empty() ? std::string("(none)") : analyzer) + " (schema " +
                   schema + "), this is " + analyzer_tag() + " (schema " + std::to_string(kSchemaVersion) +
                   "): run `newsidx reindex`";
        case State::Current:
        case State::Fresh: break;
    }
    return "";
}

std::vector<std::string> read_roots(const Xapian::Database& db) {
    std::set<std::string> roots;
    if (auto r = nlohmann::json::parse(db.get_metadata(kMetaRoots), nullptr, false); r.is_array())
        for (const auto& x : r)
            if (x.is_string()) roots.insert(x.get<std::string>());
    return {roots.begin(), roots.end()};
}

void add_roots(Xapian::WritableDatabase& db, const std::set<std::string>& roots) {
    std::set<std::string> all(roots);
    for (std::string& r : read_roots(db)) all.insert(std::move(r));
    db.set_metadata(kMetaRoots, nlohmann::json(all).dump());
}

}  // namespace newsidx::schema
