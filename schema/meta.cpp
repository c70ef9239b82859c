#include "meta.hpp"

#include "concepts.hpp"
#include "lexicon.hpp"
#include "schema.hpp"
#include "synonyms.hpp"

#include <newsidx/analyzer.hpp>

#include <nlohmann/json.hpp>

namespace newsidx::schema {

// newsidx-ko-en/4+ko-nouns:…,decompound:…,names:…: the lexicon's lists are
// part of the analysis, so another hunspell-ko or an edited built-in list
// makes old indexes Outdated instead of silently searched with other terms;
// so does a change of the concept rule (the groups are the names: list).
// The user's groups the posts were analyzed with are part of it too: a
// reindex killed after adopting new groups leaves the index Outdated.
std::string analyzer_tag(const Xapian::Database* db) {
    std::string tag = std::string(Analyzer::kName) + "/" + std::to_string(Analyzer::kVersion) + "+" +
                      detail::lexicon_tag() + "," + detail::kConceptRule;
    if (db)
        if (const std::string groups = db->get_metadata(kMetaConceptGroups); !groups.empty())
            tag += ",user:" + hash_hex(groups).substr(0, 8);
    return tag;
}

void write_stamp(Xapian::WritableDatabase& db) {
    db.set_metadata(kMetaSchema, std::to_string(kSchemaVersion));
    db.set_metadata(kMetaAnalyzer, analyzer_tag(&db));
}

Stamp read_stamp(const Xapian::Database& db) {
    Stamp s;
    s.schema = db.get_metadata(kMetaSchema);
    s.analyzer = db.get_metadata(kMetaAnalyzer);
    s.expected = analyzer_tag(&db);
    if (s.schema.empty()) s.state = db.get_doccount() == 0 ? Stamp::State::Fresh : Stamp::State::Foreign;
    else if (s.schema != std::to_string(kSchemaVersion) || s.analyzer != s.expected) s.state = Stamp::State::Outdated;
    else s.state = Stamp::State::Current;
    return s;
}

std::string Stamp::problem() const {
    switch (state) {
        case State::Foreign: return "this Xapian database was not made by newsidx";
        case State::Outdated:
            return "index built by analyzer " + (analyzer.empty() ? std::string("(none)") : analyzer) + " (schema " +
                   schema + "), this is " + (expected.empty() ? analyzer_tag() : expected) + " (schema " + std::to_string(kSchemaVersion) +
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

std::map<std::string, RootTemplates> read_templates(const Xapian::Database& db) {
    std::map<std::string, RootTemplates> out;
    const auto j = nlohmann::json::parse(db.get_metadata(kMetaTemplates), nullptr, false);
    if (!j.is_object()) return out;
    for (const auto& [root, r] : j.items()) {
        if (!r.is_object()) continue;
        RootTemplates rt;
        rt.posts = r.value("posts", std::size_t{0});
        if (const auto t = r.find("templates"); t != r.end() && t->is_array())
            for (const auto& e : *t) {
                if (!e.is_object() || !e.contains("hash") || !e["hash"].is_string()) continue;
                rt.templates.push_back({e["hash"].get<std::string>(), e.value("posts", std::size_t{0}),
                                        e.value("text", std::string())});
            }
        out.emplace(root, std::move(rt));
    }
    return out;
}

std::string encode_templates(const std::map<std::string, RootTemplates>& all) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [root, rt] : all) {
        if (rt.templates.empty()) continue;
        nlohmann::json ts = nlohmann::json::array();
        for (const RootTemplates::Entry& e : rt.templates)
            ts.push_back({{"hash", e.hash}, {"posts", e.posts}, {"text", e.text}});
        j[root] = {{"posts", rt.posts}, {"templates", std::move(ts)}};
    }
    return j.empty() ? std::string() : j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void write_templates(Xapian::WritableDatabase& db, const std::map<std::string, RootTemplates>& all) {
    db.set_metadata(kMetaTemplates, encode_templates(all));  // "" removes the key
}

}  // namespace newsidx::schema
