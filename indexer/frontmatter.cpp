#include "frontmatter.hpp"

#include "date.hpp"
#include "html.hpp"
#include "language.hpp"
#include "utf8.hpp"

#include <newsidx/error.hpp>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <unordered_set>
#include <vector>

namespace newsidx::frontmatter {

namespace {

constexpr std::size_t npos = std::string_view::npos;
constexpr std::size_t kMaxWarnings = 20;

bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

std::string_view rstrip(std::string_view s) noexcept {
    while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
    return s;
}

// Valid UTF-8 (yaml-cpp decodes "\xFF"-style escapes byte-wise into code
// points, but a hostile file can still smuggle odd bytes through).
std::string sanitize(std::string s) {
    if (utf8::valid(s)) return s;
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) utf8::append(out, utf8::next(s, i));
    return out;
}

// One line of text: whitespace runs (including newlines from folded or
// multi-line scalars) become single spaces, ends trimmed.
std::string clean(std::string_view raw) {
    const std::string s = sanitize(std::string(raw));
    std::string out;
    out.reserve(s.size());
    bool gap = false;
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7F) {
            gap = true;
            continue;
        }
        if (gap && !out.empty()) out.push_back(' ');
        gap = false;
        out.push_back(c);
    }
    return out;
}

const char* kind(const YAML::Node& n) {
    switch (n.Type()) {
        case YAML::NodeType::Sequence: return "a list";
        case YAML::NodeType::Map: return "a mapping";
        case YAML::NodeType::Scalar: return "text";
        default: return "nothing";
    }
}

bool plain(const YAML::Node& n) { return n.Tag() == "?"; }

// First 0-based line of `y` where block indentation levels plus flow
// brackets exceed kMaxYamlNesting, or npos. A lexical estimate: it follows
// quotes, comments and block scalars well enough that real front matter
// stays far below the limit, while a hostile one is caught before yaml-cpp
// recurses through it.
std::size_t too_deep_at(std::string_view y) {
    std::vector<std::size_t> indents;
    int flow = 0;
    char quote = 0;
    std::size_t scalar_indent = npos;  // inside a `|`/`>` block scalar deeper than this
    std::size_t line_no = 0;
    for (std::size_t pos = 0; pos < y.size(); ++line_no) {
        std::size_t nl = y.find('\n', pos);
        if (nl == npos) nl = y.size();
        const std::string_view line = y.substr(pos, nl - pos);
        pos = nl + 1;
        std::size_t ind = 0;
        while (ind < line.size() && line[ind] == ' ') ++ind;
        const bool empty = ind == line.size() || line[ind] == '#';
        if (scalar_indent != npos) {
            if (empty || ind > scalar_indent) continue;
            scalar_indent = npos;
        }
        if (empty && quote == 0) continue;

        std::size_t i = ind;
        if (flow == 0 && quote == 0) {
            while (!indents.empty() && indents.back() > ind) indents.pop_back();
            if (indents.empty() || indents.back() < ind) indents.push_back(ind);
        }
        bool token_start = quote == 0;
        for (; i < line.size(); ++i) {
            const char c = line[i];
            const bool blank_next = i + 1 == line.size() || is_blank(line[i + 1]);
            if (quote) {
                if (quote == '"' && c == '\\') ++i;
                else if (quote == '\'' && c == '\'' && i + 1 < line.size() && line[i + 1] == '\'') ++i;
                else if (c == quote) quote = 0, token_start = false;
                continue;
            }
            if (is_blank(c)) continue;
            if (c == '#' && i > 0 && is_blank(line[i - 1])) break;
            if (token_start && (c == '"' || c == '\'')) {
                quote = c;
            } else if (token_start && (c == '[' || c == '{')) {
                ++flow;
            } else if (flow > 0 && (c == ']' || c == '}')) {
                --flow, token_start = false;
            } else if (flow > 0 && c == ',') {
                token_start = true;
            } else if (c == ':' && (blank_next || (flow > 0 && (line[i + 1] == ',' || line[i + 1] == ']' ||
                                                                 line[i + 1] == '}')))) {
                token_start = true;
            } else if (token_start && (c == '-' || c == '?') && blank_next) {
                if (flow == 0) indents.push_back(i + 1);  // "- - x" nests once per dash
            } else if (token_start && flow == 0 && (c == '|' || c == '>')) {
                scalar_indent = ind;
                break;
            } else if (token_start && (c == '&' || c == '!')) {
                while (i + 1 < line.size() && !is_blank(line[i + 1])) ++i;
            } else {
                token_start = false;
            }
            if (static_cast<std::size_t>(flow) + indents.size() > static_cast<std::size_t>(kMaxYamlNesting))
                return line_no;
        }
        if (indents.size() + static_cast<std::size_t>(flow) > static_cast<std::size_t>(kMaxYamlNesting))
            return line_no;
    }
    return npos;
}

class Reader {
public:
    Reader(const ReaderLimits& limits, Post& post) : budget_(limits.max_yaml_nodes), post_(post) {}

    void warn(std::string w) {
        if (warnings_++ < kMaxWarnings) post_.warnings.push_back(sanitize(std::move(w)));
    }

    void finish() {
        if (warnings_ > kMaxWarnings)
            post_.warnings.push_back("... and " + std::to_string(warnings_ - kMaxWarnings) +
                                     " more front-matter warnings");
    }

    // A text field: a scalar, else a warning.
    std::optional<std::string> text(const std::string& key, const YAML::Node& n) {
        if (n.IsNull()) return std::nullopt;
        if (n.IsScalar()) return clean(n.Scalar());
        warn(key + ": expected text, found " + kind(n) + "; ignored");
        return std::nullopt;
    }

    // tags/categories. A string splits on commas when it has one; otherwise
    // a plural key splits on whitespace (Jekyll's rule) and a singular key
    // (`tag: Support Vector Machine`) is one value, as Jekyll reads it.
    void list(const std::string& key, const YAML::Node& n, bool singular, std::vector<std::string>& out) {
        auto add = [&](std::string_view v) {
            std::string c = clean(v);
            if (!c.empty()) out.push_back(std::move(c));
        };
        if (n.IsNull()) return;
        if (n.IsScalar()) {
            const std::string& s = n.Scalar();
            const bool commas = s.find(',') != std::string::npos;
            if (singular && !commas) return add(s);
            std::size_t b = 0;
            for (std::size_t i = 0; i <= s.size(); ++i) {
                const bool sep = i == s.size() || (commas ? s[i] == ',' : static_cast<unsigned char>(s[i]) <= 0x20);
                if (!sep) continue;
                add(std::string_view(s).substr(b, i - b));
                b = i + 1;
            }
            return;
        }
        if (n.IsSequence()) {
            bool warned = false;
            for (const YAML::Node& e : n) {
                if (e.IsScalar()) add(e.Scalar());
                else if (!e.IsNull() && !warned) {
                    warn(key + ": an entry is " + kind(e) + ", not text; skipped");
                    warned = true;
                }
            }
            return;
        }
        warn(key + ": expected a list or text, found " + kind(n) + "; ignored");
    }

    void author(const YAML::Node& n) {
        if (n.IsNull()) return;
        if (n.IsScalar()) {
            post_.author = clean(n.Scalar());
        } else if (n.IsSequence()) {
            std::string joined;
            for (const YAML::Node& e : n) {
                std::optional<std::string> name;
                if (e.IsScalar()) name = clean(e.Scalar());
                else if (e.IsMap() && e["name"] && e["name"].IsScalar()) name = clean(e["name"].Scalar());
                if (!name || name->empty()) continue;
                if (!joined.empty()) joined += ", ";
                joined += *name;
            }
            post_.author = std::move(joined);
        } else if (n.IsMap() && n["name"] && n["name"].IsScalar()) {
            post_.author = clean(n["name"].Scalar());
        } else {
            warn(std::string("author: expected a name, found ") + kind(n) + "; ignored");
        }
    }

    // A YAML boolean as Jekyll's YAML (1.1) reads it: true/false, yes/no,
    // on/off in the three usual cases. A quoted "false" is text, which Jekyll
    // treats as true: say so (`otherwise`: what happens then) rather than guess.
    std::optional<bool> boolean(const std::string& key, const YAML::Node& n, const char* otherwise) {
        if (!n.IsScalar()) {
            if (!n.IsNull()) warn(key + ": expected true or false, found " + kind(n) + "; " + otherwise);
            return std::nullopt;
        }
        const std::string& v = n.Scalar();
        static const std::unordered_set<std::string> kFalse = {"false", "False", "FALSE", "no",
                                                               "No",    "NO",    "off",   "Off", "OFF"};
        static const std::unordered_set<std::string> kTrue = {"true", "True", "TRUE", "yes",
                                                              "Yes",  "YES",  "on",   "On", "ON"};
        if (plain(n) && kFalse.count(v)) return false;
        if (plain(n) && kTrue.count(v)) return true;
        warn(key + ": \"" + clean(v) + "\" is not true or false; " + otherwise);
        return std::nullopt;
    }

    void published(const YAML::Node& n) {
        if (boolean("published", n, "the post stays published") == false) post_.published = false;
    }

    // Themes' ways of keeping a page out of their search: `search: false`
    // (Minimal Mistakes) and `exclude_from_search: true` (jekyll-lunr-js-search).
    void search(const std::string& key, const YAML::Node& n) {
        const bool out_value = key != "search";
        if (boolean(key, n, "the post stays searchable") == out_value && post_.opt_out.empty())
            post_.opt_out = key + (out_value ? ": true" : ": false");
    }

    std::optional<PostDate> date(const YAML::Node& n) {
        if (n.IsNull()) return std::nullopt;
        if (!n.IsScalar()) {
            warn(std::string("date: expected a date, found ") + kind(n) + "; ignored");
            return std::nullopt;
        }
        auto d = date::parse(n.Scalar());
        if (!d) warn("date: \"" + clean(n.Scalar()) + "\" is not a date; ignored");
        return d;
    }

    // An unknown key's value as JSON, within the node budget and depth
    // limit; null (and a warning) beyond them, since aliases make a small
    // file describe an exponentially large tree.
    nlohmann::json json(const std::string& key, const YAML::Node& n) {
        bool over = false;
        nlohmann::json j = convert(n, 0, over);
        if (over) {
            warn(key + ": value too large or too deeply nested (YAML aliases?); stored as null");
            return nullptr;
        }
        return j;
    }

private:
    nlohmann::json convert(const YAML::Node& n, int depth, bool& over) {
        if (over || budget_ == 0 || depth > kMaxJsonDepth) {
            over = true;
            return nullptr;
        }
        --budget_;
        switch (n.Type()) {
            case YAML::NodeType::Scalar: {
                const std::string& s = n.Scalar();
                if (plain(n) && (s == "true" || s == "True" || s == "TRUE")) return true;
                if (plain(n) && (s == "false" || s == "False" || s == "FALSE")) return false;
                return sanitize(s);
            }
            case YAML::NodeType::Sequence: {
                nlohmann::json a = nlohmann::json::array();
                for (const YAML::Node& e : n) {
                    a.push_back(convert(e, depth + 1, over));
                    if (over) return nullptr;
                }
                return a;
            }
            case YAML::NodeType::Map: {
                nlohmann::json o = nlohmann::json::object();
                for (const auto& kv : n) {
                    // A complex (list or map) key has no JSON form; it is rare
                    // enough to be stored under its empty-string stand-in.
                    const std::string k = kv.first.IsScalar() ? sanitize(kv.first.Scalar()) : std::string();
                    o[k] = convert(kv.second, depth + 1, over);
                    if (over) return nullptr;
                }
                return o;
            }
            default: return nullptr;
        }
    }

    std::size_t budget_;
    std::size_t warnings_ = 0;
    Post& post_;
};

}  // namespace

Split split(std::string_view text, const std::string& name, std::uint32_t max_bytes) {
    Split out;
    out.body = text;
    std::size_t nl = text.find('\n');
    const std::string_view first = text.substr(0, nl == npos ? text.size() : nl);
    if (rstrip(first) != "---") return out;
    if (nl == npos) throw PostError(name, 1, "front matter opened at line 1 is never closed");

    const std::size_t start = nl + 1;
    std::size_t pos = start;
    std::size_t line = 2;
    while (pos < text.size()) {
        if (pos - start > max_bytes)
            throw PostError(name, 1, "front matter is larger than " + std::to_string(max_bytes) + " bytes");
        nl = text.find('\n', pos);
        const std::size_t end = nl == npos ? text.size() : nl;
        const std::string_view l = rstrip(text.substr(pos, end - pos));
        if (l == "---" || l == "...") {
            out.present = true;
            out.yaml = text.substr(start, pos - start);
            out.yaml_line = 2;
            out.body = nl == npos ? std::string_view() : text.substr(nl + 1);
            out.body_line = line + 1;
            return out;
        }
        if (nl == npos) break;
        pos = nl + 1;
        ++line;
    }
    throw PostError(name, 1, "front matter opened at line 1 is never closed");
}

std::optional<PostDate> apply(const Split& fm, const std::string& name, const ReaderLimits& limits,
                              Post& post) {
    post.extra_json = "{}";
    if (!fm.present) return std::nullopt;

    if (const std::size_t at = too_deep_at(fm.yaml); at != npos)
        throw PostError(name, fm.yaml_line + at,
                        "front matter nests deeper than " + std::to_string(kMaxYamlNesting) + " levels");

    YAML::Node root;
    try {
        root = YAML::Load(std::string(fm.yaml));
        // yaml-cpp 0.7 accepts a quoted value that is never closed when the
        // text ends with a newline (it always does here), swallowing the
        // keys after it; without the newline it reports the EOF.
        if (fm.yaml.find_first_of("\"'") != npos) {
            std::string_view y = fm.yaml;
            while (!y.empty() && (y.back() == '\n' || is_blank(y.back()))) y.remove_suffix(1);
            try {
                YAML::Load(std::string(y));
            } catch (const YAML::Exception& e) {
                if (e.msg == YAML::ErrorMsg::EOF_IN_SCALAR)
                    throw YAML::ParserException(e.mark, "a quoted value is never closed");
            }
        }
    } catch (const YAML::Exception& e) {
        const std::size_t line = e.mark.is_null() ? 0 : fm.yaml_line + static_cast<std::size_t>(e.mark.line);
        throw PostError(name, line, "front matter is not valid YAML: " + sanitize(e.msg));
    }
    if (root.IsNull()) return std::nullopt;
    if (!root.IsMap())
        throw PostError(name, fm.yaml_line,
                        std::string("front matter is not a YAML mapping of keys to values (it is ") +
                            kind(root) + ")");

    Reader r(limits, post);
    std::optional<PostDate> date;
    std::optional<std::string> excerpt, description;
    nlohmann::json extra = nlohmann::json::object();
    for (const auto& kv : root) {
        if (!kv.first.IsScalar()) {
            r.warn(std::string("a key is ") + kind(kv.first) + ", not text; skipped");
            continue;
        }
        const std::string key = sanitize(kv.first.Scalar());
        const YAML::Node& v = kv.second;
        if (key == "title") {
            // Entities may decode to white space (&#10;): clean again, one line.
            if (auto t = r.text(key, v)) post.title = clean(html::decode_entities(*t));
        } else if (key == "date") {
            if (auto d = r.date(v)) date = d;
        } else if (key == "tags" || key == "tag") {
            r.list(key, v, key == "tag", post.tags);
        } else if (key == "categories" || key == "category") {
            r.list(key, v, key == "category", post.categories);
        } else if (key == "author") {
            r.author(v);
        } else if (key == "excerpt") {
            excerpt = r.text(key, v);
        } else if (key == "description") {
            description = r.text(key, v);
            extra[key] = r.json(key, v);  // dropped again below when it serves as the excerpt
        } else if (key == "permalink") {
            if (auto p = r.text(key, v)) post.permalink = *p;
        } else if (key == "published") {
            r.published(v);
        } else if (key == "lang") {
            if (auto t = r.text(key, v); t && !t->empty()) {
                if (auto tag = detail::language_tag(*t)) post.lang = *tag;
                else r.warn("lang: \"" + *t + "\" is not a language tag (ko, en, zh-tw); the language is read from the text");
            }
            extra[key] = r.json(key, v);
        } else if (key == "ref" || key == "translation_key" || key == "lang_ref") {
            if (auto t = r.text(key, v); t && !t->empty() && post.translation.empty()) post.translation = *t;
            extra[key] = r.json(key, v);
        } else if (key == "search" || key == "exclude_from_search") {
            r.search(key, v);
            extra[key] = r.json(key, v);  // themes read it too
        } else {
            extra[key] = r.json(key, v);
        }
    }
    if (excerpt && !excerpt->empty()) {
        post.excerpt = *excerpt;
    } else if (description) {
        post.excerpt = *description;
        extra.erase("description");
    }
    for (auto* list : {&post.tags, &post.categories}) {
        std::unordered_set<std::string> seen;
        std::vector<std::string> unique;
        for (std::string& s : *list)
            if (seen.insert(s).second) unique.push_back(std::move(s));
        *list = std::move(unique);
    }
    post.extra_json = extra.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    r.finish();
    return date;
}

}  // namespace newsidx::frontmatter
