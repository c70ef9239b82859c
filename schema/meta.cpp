#include "meta.hpp"

#include "concepts.hpp"
#include "lexicon.hpp"
#include "schema.hpp"
#include "synonyms.hpp"

#include <newsidx/analyzer.hpp>
#include <newsidx/error.hpp>

#include <nlohmann/json.hpp>

namespace newsidx::schema {

// newsidx-ko-en/5+ko-nouns:…,decompound:…,names:…: the lexicon's lists are
// part of the analysis, so another hunspell-ko or an edited built-in list
// makes old indexes Outdated instead of silently searched with other terms;
// so does a change of the concept rule (the groups are the names: list).
// The user's groups the posts were analyzed with are part of it too: a
// reindex killed after adopting new groups leaves the index Outdated.
std::string analyzer_tag() {
    return std::string(Analyzer::kName) + "/" + std::to_string(Analyzer::kVersion) + "+" + detail::lexicon_tag() +
           "," + detail::kConceptRule;
}

namespace {

constexpr const char* kGroupsMark = ",groups:";
constexpr const char* kUserMark = ",user:";

}  // namespace

// What the index adds is part of its tag too. The user's synonym groups the
// posts were analyzed with (",groups:"): a reindex killed after adopting new
// groups leaves the index Outdated. The user dictionary (",user:", last):
// `newsidx dict` with another dictionary leaves the posts analyzed with the
// old one Outdated (and the same dictionary again changes nothing).
std::string analyzer_tag(const Xapian::Database& db) {
    std::string tag = analyzer_tag();
    if (const std::string groups = db.get_metadata(kMetaConceptGroups); !groups.empty())
        tag += kGroupsMark + hash_hex(groups).substr(0, 8);
    if (const std::string dict = db.get_metadata(kMetaDictionary); !dict.empty())
        tag += kUserMark + hash_hex(dict).substr(0, 8);
    return tag;
}

void write_stamp(Xapian::WritableDatabase& db) {
    db.set_metadata(kMetaSchema, std::to_string(kSchemaVersion));
    db.set_metadata(kMetaAnalyzer, analyzer_tag(db));
}

std::string read_dictionary(const Xapian::Database& db) { return db.get_metadata(kMetaDictionary); }

std::shared_ptr<const detail::UserLexicon> user_lexicon(const Xapian::Database& db) {
    const std::string text = read_dictionary(db);
    if (text.empty()) return nullptr;
    try {
        return std::make_shared<const detail::UserLexicon>(detail::parse_user_lexicon(text, "the stored dictionary"));
    } catch (const Error& e) {
        throw IndexError(std::string(e.what()) + " (metadata " + kMetaDictionary +
                         "): store it again with `newsidx dict FILE`");
    }
}

bool write_dictionary(Xapian::WritableDatabase& db, const std::string& canonical) {
    if (db.get_metadata(kMetaDictionary) == canonical) return false;
    db.set_metadata(kMetaDictionary, canonical);  // "" removes the key
    if (db.get_doccount() == 0) write_stamp(db);
    return true;
}

Stamp read_stamp(const Xapian::Database& db) {
    Stamp s;
    s.schema = db.get_metadata(kMetaSchema);
    s.analyzer = db.get_metadata(kMetaAnalyzer);
    s.expected = analyzer_tag(db);
    if (s.schema.empty()) s.state = db.get_doccount() == 0 ? Stamp::State::Fresh : Stamp::State::Foreign;
    else if (s.schema != std::to_string(kSchemaVersion) || s.analyzer != s.expected) s.state = Stamp::State::Outdated;
    else s.state = Stamp::State::Current;
    return s;
}

std::string Stamp::problem() const {
    // Which user dictionary a tag names ("" for none), and the tag without it.
    auto split = [](const std::string& tag) {
        const std::size_t at = tag.find(kUserMark);
        return at == std::string::npos ? std::make_pair(tag, std::string())
                                       : std::make_pair(tag.substr(0, at), tag.substr(at + 6));
    };
    switch (state) {
        case State::Foreign: return "this Xapian database was not made by newsidx";
        case State::Outdated:
            if (const auto have = split(analyzer), want = split(expected);
                schema == std::to_string(kSchemaVersion) && have.first == want.first)
                return "the index's posts were analyzed with " +
                       (have.second.empty() ? std::string("no user dictionary") : "user dictionary " + have.second) +
                       ", but it now holds " +
                       (want.second.empty() ? std::string("none") : "user dictionary " + want.second) +
                       " (`newsidx dict`): run `newsidx reindex`";
            return "index built by analyzer " + (analyzer.empty() ? std::string("(none)") : analyzer) + " (schema " +
                   schema + "), this is " + (expected.empty() ? analyzer_tag() : expected) + " (schema " +
                   std::to_string(kSchemaVersion) + "): run `newsidx reindex`";
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

std::vector<std::string> read_extensions(const Xapian::Database& db) {
    std::vector<std::string> out;
    const std::string v = db.get_metadata(kMetaExtensions);
    for (std::size_t i = 0; i < v.size();) {
        std::size_t j = v.find(',', i);
        if (j == std::string::npos) j = v.size();
        if (j > i) out.push_back(v.substr(i, j - i));
        i = j + 1;
    }
    return out;
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
