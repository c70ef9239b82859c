#include "stored_post.hpp"

#include <nlohmann/json.hpp>

namespace newsidx::schema {

namespace {

std::string text(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> strings(const nlohmann::json& j, const char* key) {
    std::vector<std::string> out;
    if (auto it = j.find(key); it != j.end() && it->is_array())
        for (const auto& v : *it)
            if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

}  // namespace

std::string encode_post(const StoredPost& p) {
    nlohmann::json j;
    j["id"] = p.id;
    j["path"] = p.path;
    j["root"] = p.root;
    j["title"] = p.title;
    if (!p.subtitle.empty()) j["subtitle"] = p.subtitle;
    j["date"] = p.date;
    j["tags"] = p.tags;
    j["categories"] = p.categories;
    j["author"] = p.author;
    j["excerpt"] = p.excerpt;
    j["permalink"] = p.permalink;
    j["url"] = p.url;
    j["published"] = p.published;
    if (!p.lang.empty()) j["lang"] = p.lang;
    if (!p.translation.empty()) j["translation"] = p.translation;
    j["extra"] = nlohmann::json::parse(p.extra_json.empty() ? "{}" : p.extra_json, nullptr, false);
    if (!j["extra"].is_object()) j["extra"] = nlohmann::json::object();
    if (!p.sections.empty()) {
        nlohmann::json h = nlohmann::json::array();
        for (std::size_t i = 0; i < p.sections.size() && i < kMaxStoredSections; ++i) {
            const StoredSection& s = p.sections[i];
            h.push_back(nlohmann::json::array({s.level, s.offset, s.anchor, s.heading}));
        }
        j["sections"] = std::move(h);
    }
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

StoredPost decode_post(std::string_view data) {
    StoredPost p;
    const auto j = nlohmann::json::parse(data.begin(), data.end(), nullptr, false);
    if (!j.is_object()) return p;
    p.id = text(j, "id");
    p.path = text(j, "path");
    p.root = text(j, "root");
    p.title = text(j, "title");
    p.subtitle = text(j, "subtitle");
    p.date = text(j, "date");
    p.tags = strings(j, "tags");
    p.categories = strings(j, "categories");
    p.author = text(j, "author");
    p.excerpt = text(j, "excerpt");
    p.permalink = text(j, "permalink");
    p.url = text(j, "url");
    p.lang = text(j, "lang");
    p.translation = text(j, "translation");
    if (auto it = j.find("published"); it != j.end() && it->is_boolean()) p.published = it->get<bool>();
    if (auto it = j.find("sections"); it != j.end() && it->is_array()) {
        for (const auto& v : *it) {
            if (!v.is_array() || v.size() != 4 || !v[0].is_number_integer() || !v[1].is_number_unsigned() ||
                !v[2].is_string() || !v[3].is_string())
                continue;
            const auto offset = v[1].get<std::uint64_t>();
            if (offset > UINT32_MAX || (!p.sections.empty() && offset <= p.sections.back().offset)) continue;
            p.sections.push_back({v[0].get<int>(), static_cast<std::uint32_t>(offset), v[2].get<std::string>(),
                                  v[3].get<std::string>()});
        }
    }
    if (auto it = j.find("extra"); it != j.end() && it->is_object()) p.extra_json = it->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return p;
}

}  // namespace newsidx::schema
