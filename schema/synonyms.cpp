#include "synonyms.hpp"

#include "analysis.hpp"
#include <newsidx/error.hpp>

#include "meta.hpp"
#include "lexicon.hpp"
#include "schema.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace newsidx::detail {

SynonymGroups parse_synonyms(std::string_view text, const std::string& name) {
    return parse_synonym_groups(text, name);
}

std::string synonym_key(const Analyzer& analyzer, std::string_view text) {
    std::string key;
    for (const Word& w : analyze(analyzer, text)) {
        if (!key.empty()) key += ' ';
        key += w.stem;
    }
    return key;
}

SynonymMap expand_synonyms(const Analyzer& analyzer, const SynonymGroups& groups, std::size_t* keyed) {
    SynonymMap map;
    std::size_t n = 0;
    for (const auto& g : groups) {
        std::vector<std::string> keys;
        for (const std::string& m : g) keys.push_back(synonym_key(analyzer, m));
        for (std::size_t i = 0; i < g.size(); ++i) {
            if (keys[i].empty() || keys[i].size() > 200) continue;
            auto& alts = map[keys[i]];
            for (std::size_t j = 0; j < g.size(); ++j)
                if (j != i && keys[j] != keys[i] && std::find(alts.begin(), alts.end(), g[j]) == alts.end())
                    alts.push_back(g[j]);
            ++n;
        }
    }
    if (keyed) *keyed = n;
    return map;
}

std::size_t store_synonyms(Xapian::WritableDatabase& db, const Analyzer& analyzer, const SynonymGroups& groups) {
    std::size_t n = 0;
    for (const auto& [key, alts] : expand_synonyms(analyzer, groups, &n))
        for (const std::string& a : alts) db.add_synonym(key, a);
    mirror_synonyms(db);
    return n;
}

void mirror_synonyms(Xapian::WritableDatabase& db) {
    db.set_metadata(schema::kMetaSynonyms, nlohmann::json(load_synonyms(db)).dump());
}

SynonymMap load_synonyms(const Xapian::Database& db) {
    SynonymMap map;
    for (auto k = db.synonym_keys_begin(); k != db.synonym_keys_end(); ++k) {
        auto& alts = map[*k];
        for (auto s = db.synonyms_begin(*k); s != db.synonyms_end(*k); ++s) alts.push_back(*s);
    }
    if (map.empty())  // remote shards only: their mirror, from the first shard
        if (auto j = nlohmann::json::parse(db.get_metadata(schema::kMetaSynonyms), nullptr, false); j.is_object())
            for (const auto& [key, alts] : j.items())
                if (alts.is_array())
                    for (const auto& a : alts)
                        if (a.is_string()) map[key].push_back(a.get<std::string>());
    return map;
}

namespace {

SynonymGroups groups_of(const std::string& json) {
    SynonymGroups out;
    const auto j = nlohmann::json::parse(json, nullptr, false);
    if (!j.is_array()) return out;
    for (const auto& g : j) {
        if (!g.is_array()) continue;
        std::vector<std::string> members;
        for (const auto& m : g)
            if (m.is_string()) members.push_back(m.get<std::string>());
        if (members.size() >= 2) out.push_back(std::move(members));
    }
    return out;
}

}  // namespace

SynonymGroups read_user_groups(const Xapian::Database& db) { return groups_of(db.get_metadata(schema::kMetaUserSynonyms)); }

void add_user_groups(Xapian::WritableDatabase& db, const SynonymGroups& groups) {
    SynonymGroups all = read_user_groups(db);
    for (const auto& g : groups)
        if (std::find(all.begin(), all.end(), g) == all.end()) all.push_back(g);
    db.set_metadata(schema::kMetaUserSynonyms, nlohmann::json(all).dump());
}

AnalyzerConfig analyzer_config(const Xapian::Database& db) {
    AnalyzerConfig c;
    c.groups = groups_of(db.get_metadata(schema::kMetaConceptGroups));
    c.user = schema::user_lexicon(db);  // the user dictionary (`newsidx dict`), or null
    return c;
}

void adopt_user_groups(Xapian::WritableDatabase& db) {
    db.set_metadata(schema::kMetaConceptGroups, db.get_metadata(schema::kMetaUserSynonyms));
}

bool user_groups_pending(const Xapian::Database& db) {
    return db.get_metadata(schema::kMetaConceptGroups) != db.get_metadata(schema::kMetaUserSynonyms);
}

}  // namespace newsidx::detail
