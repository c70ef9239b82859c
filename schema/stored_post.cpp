#include "stored_post.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>

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
    if (auto it = j.find("extra"); it != j.end() && it->is_object()) p.extra_json = it->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return p;
}

namespace {

void put(std::string& out, std::uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7F) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

bool get(std::string_view v, std::size_t& at, std::uint64_t& out) {
    out = 0;
    for (unsigned shift = 0; at < v.size() && shift < 64; shift += 7) {
        const auto b = static_cast<unsigned char>(v[at++]);
        out |= static_cast<std::uint64_t>(b & 0x7F) << shift;
        if (!(b & 0x80)) return true;
    }
    return false;
}

bool get_string(std::string_view v, std::size_t& at, std::string& out) {
    std::uint64_t n = 0;
    if (!get(v, at, n) || n > v.size() - at) return false;
    out.assign(v.substr(at, static_cast<std::size_t>(n)));
    at += static_cast<std::size_t>(n);
    return true;
}

}  // namespace

std::string encode_sections(const std::vector<StoredSection>& sections) {
    if (sections.empty()) return {};
    std::string out(1, 's');
    const std::size_t n = std::min(sections.size(), kMaxStoredSections);
    put(out, n);
    for (std::size_t i = 0; i < n; ++i) {
        const StoredSection& s = sections[i];
        out.push_back(static_cast<char>(std::clamp(s.level, 1, 6)));
        put(out, s.offset);
        put(out, s.anchor.size());
        out += s.anchor;
        put(out, s.heading.size());
        out += s.heading;
    }
    return out;
}

std::vector<StoredSection> decode_sections(std::string_view v) {
    std::vector<StoredSection> out;
    if (v.empty() || v[0] != 's') return out;
    std::size_t at = 1;
    std::uint64_t n = 0;
    if (!get(v, at, n)) return out;
    for (std::uint64_t i = 0; i < n && i < kMaxStoredSections && at < v.size(); ++i) {
        StoredSection s;
        s.level = static_cast<unsigned char>(v[at++]);
        std::uint64_t offset = 0;
        if (s.level < 1 || s.level > 6 || !get(v, at, offset) || offset > UINT32_MAX ||
            (!out.empty() && offset <= out.back().offset) || !get_string(v, at, s.anchor) ||
            !get_string(v, at, s.heading))
            break;
        s.offset = static_cast<std::uint32_t>(offset);
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace newsidx::schema
