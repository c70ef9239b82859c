#include "site_url.hpp"

#include "schema.hpp"

#include "date.hpp"
#include "utf8.hpp"

#include <nlohmann/json.hpp>
#include <unicode/timezone.h>
#include <unicode/uchar.h>
#include <yaml-cpp/yaml.h>

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>

namespace newsidx::site {

struct Config::Zone {
    std::unique_ptr<icu::TimeZone> tz;
    // Seconds to add to UTC at `epoch` for the local time.
    std::int64_t offset(std::int64_t epoch) const {
        std::int32_t raw = 0, dst = 0;
        UErrorCode status = U_ZERO_ERROR;
        tz->getOffset(static_cast<UDate>(epoch) * 1000.0, false, raw, dst, status);
        return U_SUCCESS(status) ? (raw + dst) / 1000 : 0;
    }
};

namespace {

namespace fs = std::filesystem;

constexpr std::array<const char*, 12> kMonths = {"January", "February", "March",     "April",   "May",      "June",
                                                 "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<const char*, 7> kDays = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                              "Thursday", "Friday", "Saturday"};

// The post's date-time as the site shows it.
struct Local {
    int year, month, day, hour, minute, second;
    int wday;  // 0 = Sunday
    int yday;  // 1-based
    int iso_year, iso_week, iso_wday;
};

Local local_time(const PostDate& pd, const Config& cfg) {
    std::int64_t wall;
    if (pd.iso.find('T') == std::string::npos) {
        // A date without a time is midnight of that day wherever the site is.
        wall = date::days_from_civil(pd.year, pd.month, pd.day) * 86400;
    } else if (cfg.zone && pd.offset_minutes != 0) {
        wall = pd.epoch + cfg.zone->offset(pd.epoch);
    } else {
        // A time without a zone is the site's local time, as Jekyll reads it.
        wall = pd.epoch + static_cast<std::int64_t>(pd.offset_minutes) * 60;
    }
    wall = std::clamp<std::int64_t>(wall, -62167219200, 253402300799);  // years 0..9999, as date::from_epoch
    Local l{};
    const PostDate utc = date::from_epoch(wall);  // the wall clock read as UTC
    l.year = utc.year, l.month = utc.month, l.day = utc.day;
    const std::int64_t days = date::days_from_civil(l.year, l.month, l.day), secs = wall - days * 86400;
    l.hour = static_cast<int>(secs / 3600);
    l.minute = static_cast<int>(secs / 60 % 60);
    l.second = static_cast<int>(secs % 60);
    l.wday = static_cast<int>(((days + 4) % 7 + 7) % 7);  // 1970-01-01 was a Thursday
    l.yday = static_cast<int>(days - date::days_from_civil(l.year, 1, 1) + 1);
    l.iso_wday = l.wday == 0 ? 7 : l.wday;
    const std::int64_t thursday = days - l.iso_wday + 4;
    l.iso_year = date::from_epoch(thursday * 86400).year;
    l.iso_week = static_cast<int>((thursday - date::days_from_civil(l.iso_year, 1, 1)) / 7 + 1);
    return l;
}

std::string pad(int v, int width) {
    char b[16];
    std::snprintf(b, sizeof b, "%0*d", width, v);
    return b;
}

bool in_slug(char32_t c, bool pretty) {
    const std::int8_t t = static_cast<std::int8_t>(u_charType(static_cast<UChar32>(c)));
    if (t == U_UPPERCASE_LETTER || t == U_LOWERCASE_LETTER || t == U_TITLECASE_LETTER || t == U_MODIFIER_LETTER ||
        t == U_OTHER_LETTER || t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK || t == U_COMBINING_SPACING_MARK ||
        t == U_DECIMAL_DIGIT_NUMBER)
        return true;
    return pretty && c < 0x80 && std::string_view("._~!$&'()+,;=@").find(static_cast<char>(c)) != std::string_view::npos;
}

// Ruby's String#downcase (Unicode simple case mapping).
std::string lower(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const UChar32 c = static_cast<UChar32>(utf8::next(s, i));
        utf8::append(out, static_cast<char32_t>(u_tolower(c)));
    }
    return out;
}

// The slug of a Jekyll post file name: the part after YYYY-MM-DD-, no extension.
std::string file_slug(const std::string& path) {
    std::string name = fs::path(path).filename().string();
    if (auto dot = name.find_last_of('.'); dot != std::string::npos && dot > 0) name.resize(dot);
    int dashes = 0;
    std::size_t i = 0;
    for (; i < name.size() && dashes < 3; ++i) {
        if (name[i] == '-') ++dashes;
        else if (name[i] < '0' || name[i] > '9') break;
    }
    if (dashes == 3) name = name.substr(i);
    while (!name.empty() && name.back() == '.') name.pop_back();
    return name;
}

// Folders between the site's source and _posts (Jekyll's categories from the path).
std::vector<std::string> path_categories(const std::string& post_path, const Config& cfg) {
    std::vector<std::string> out;
    if (cfg.dir.empty()) return out;
    const fs::path rel = fs::path(post_path).lexically_relative(cfg.dir);
    if (rel.empty() || *rel.begin() == "..") return out;
    std::vector<std::string> parts;
    for (const auto& p : rel) parts.push_back(p.string());
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
        if (parts[i] == "_posts") return out;
        out.push_back(parts[i]);
    }
    return {};  // not under a _posts folder: no categories from the path
}

std::string join_url(const Config& cfg, const std::string& path) { return cfg.url + cfg.baseurl + path; }

std::string scalar(const YAML::Node& n) { return n && n.IsScalar() ? n.Scalar() : std::string(); }

Config read_config(const std::string& path) {
    Config c;
    c.path = path;
    c.dir = fs::path(path).parent_path().string();
    try {
        const YAML::Node root = YAML::LoadFile(path);
        if (!root.IsMap()) {
            if (!root.IsNull()) c.warning = path + ": not a YAML mapping; site settings ignored";
            return c;
        }
        c.url = scalar(root["url"]);
        while (!c.url.empty() && c.url.back() == '/') c.url.pop_back();
        c.baseurl = scalar(root["baseurl"]);
        while (!c.baseurl.empty() && c.baseurl.back() == '/') c.baseurl.pop_back();
        if (!c.baseurl.empty() && c.baseurl.front() != '/') c.baseurl.insert(0, "/");
        if (const std::string p = scalar(root["permalink"]); !p.empty()) c.permalink = style_template(p);
        if (const YAML::Node coll = root["collections"]; coll && coll.IsMap())
            if (const YAML::Node posts = coll["posts"]; posts && posts.IsMap())
                if (const std::string p = scalar(posts["permalink"]); !p.empty()) c.permalink = style_template(p);
        c.timezone = scalar(root["timezone"]);
        if (!c.timezone.empty()) {
            auto z = std::make_shared<Config::Zone>();
            z->tz.reset(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(c.timezone)));
            if (!z->tz || *z->tz == icu::TimeZone::getUnknown())
                c.warning = path + ": timezone: unknown time zone '" + c.timezone + "'; dates taken as written";
            else
                c.zone = std::move(z);
        }
    } catch (const YAML::Exception& e) {
        c.warning = path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg + "; site settings ignored";
    }
    return c;
}

}  // namespace

std::string find_config(const std::string& file) {
    fs::path p(file);
    if (!p.is_absolute()) return {};
    p = p.lexically_normal().parent_path();
    for (;;) {
        for (const char* name : {"_config.yml", "_config.yaml"}) {
            const std::string c = (p / name).string();
            struct stat st{};
            if (::stat(c.c_str(), &st) == 0 && S_ISREG(st.st_mode)) return c;
        }
        if (!p.has_relative_path()) return {};
        p = p.parent_path();
    }
}

std::string site_stamp(const std::string& post_path, std::string_view site_url) {
    const std::string path = find_config(post_path);
    std::string key;
    if (!path.empty()) {
        const std::shared_ptr<const Config> c = load_config(path);
        key = c->path;
        for (const std::string* f : {&c->url, &c->baseurl, &c->permalink, &c->timezone}) key += '\0' + *f;
    } else if (site_url.empty()) {
        return "-";
    }
    if (!site_url.empty()) key += "\0site-url\0" + std::string(site_url);
    return schema::hash_hex(key).substr(0, 8);
}

std::shared_ptr<const Config> load_config(const std::string& path) {
    struct Cached {
        std::int64_t size = -1, mtime_ns = -1;
        std::shared_ptr<const Config> config;
    };
    static std::mutex mu;
    static std::map<std::string, Cached> cache;
    struct stat st{};
    const bool ok = ::stat(path.c_str(), &st) == 0;
    const std::int64_t size = ok ? st.st_size : -1;
    const std::int64_t mtime = ok ? st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec : -1;
    {
        std::lock_guard lock(mu);
        if (auto it = cache.find(path); it != cache.end() && it->second.size == size && it->second.mtime_ns == mtime)
            return it->second.config;
    }
    auto cfg = std::make_shared<const Config>(read_config(path));
    std::lock_guard lock(mu);
    cache[path] = {size, mtime, cfg};
    return cfg;
}

std::string style_template(std::string_view style) {
    if (style == "date") return "/:categories/:year/:month/:day/:title:output_ext";
    if (style == "pretty") return "/:categories/:year/:month/:day/:title/";
    if (style == "ordinal") return "/:categories/:year/:y_day/:title:output_ext";
    if (style == "weekdate") return "/:categories/:year/W:week/:short_day/:title:output_ext";
    if (style == "none") return "/:categories/:title:output_ext";
    return std::string(style);
}

std::string slugify(std::string_view s, bool pretty, bool cased) {
    std::string out;
    bool hyphen = false;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t start = i;
        const char32_t c = utf8::next(s, i);
        if (in_slug(c, pretty)) {
            out.append(s.substr(start, i - start));
            hyphen = false;
        } else if (!hyphen) {
            out += '-';
            hyphen = true;
        }
    }
    if (!out.empty() && out.front() == '-') out.erase(0, 1);
    if (!out.empty() && out.back() == '-') out.pop_back();
    return cased ? out : lower(out);
}

std::string escape_path(std::string_view s) { return utf8::percent_encode(s, "-._~!$&'()*+,;=:@/"); }

std::string post_url(const Post& post, const Config& cfg, std::string_view slug, std::string* warning) {
    const std::string raw_slug = slug.empty() ? file_slug(post.path) : std::string(slug);
    const Local t = local_time(post.date, cfg);

    std::vector<std::string> cats = path_categories(post.path, cfg);
    for (const std::string& c : post.categories) cats.push_back(c);
    std::string categories, slugified;
    std::vector<std::string> seen, seen_slug;
    for (const std::string& c : cats) {
        const std::string low = lower(c);
        if (std::find(seen.begin(), seen.end(), low) == seen.end()) {
            categories += (seen.empty() ? "" : "/") + low;
            seen.push_back(low);
        }
        const std::string sl = slugify(c, false, false);
        if (std::find(seen_slug.begin(), seen_slug.end(), sl) == seen_slug.end()) {
            slugified += (seen_slug.empty() ? "" : "/") + sl;
            seen_slug.push_back(sl);
        }
    }

    auto value = [&](std::string_view name, bool& known) -> std::string {
        known = true;
        if (name == "year") return pad(t.year, 4);
        if (name == "month") return pad(t.month, 2);
        if (name == "day") return pad(t.day, 2);
        if (name == "hour") return pad(t.hour, 2);
        if (name == "minute") return pad(t.minute, 2);
        if (name == "second") return pad(t.second, 2);
        if (name == "i_day") return std::to_string(t.day);
        if (name == "i_month") return std::to_string(t.month);
        if (name == "short_year") return pad(t.year % 100, 2);
        if (name == "short_month") return std::string(kMonths[t.month - 1]).substr(0, 3);
        if (name == "long_month") return kMonths[t.month - 1];
        if (name == "y_day") return pad(t.yday, 3);
        if (name == "w_year") return std::to_string(t.iso_year);
        if (name == "week") return pad(t.iso_week, 2);
        if (name == "w_day") return std::to_string(t.iso_wday);
        if (name == "short_day") return std::string(kDays[t.wday]).substr(0, 3);
        if (name == "long_day") return kDays[t.wday];
        if (name == "title") return slugify(raw_slug, true, true);
        if (name == "slug") return slugify(raw_slug, false, false);
        if (name == "name") return slugify(fs::path(post.path).stem().string(), false, false);
        if (name == "categories") return categories;
        if (name == "slugified_categories") return slugified;
        if (name == "output_ext") return ".html";
        if (name == "collection") return "posts";
        known = false;
        return {};
    };

    const std::string& tmpl = post.permalink.empty() ? cfg.permalink : post.permalink;
    std::string out;
    for (std::size_t i = 0; i < tmpl.size();) {
        if (tmpl[i] != ':') {
            out += tmpl[i++];
            continue;
        }
        std::size_t j = i + 1;
        while (j < tmpl.size() && ((tmpl[j] >= 'a' && tmpl[j] <= 'z') || tmpl[j] == '_')) ++j;
        std::string name = tmpl.substr(i + 1, j - i - 1);
        if (name.empty()) {
            out += tmpl[i++];
            continue;
        }
        bool known = false;
        std::string v = value(name, known);
        std::string rest;
        if (!known && name.back() == '_') {  // ":title_" is :title then "_"
            name.pop_back();
            v = value(name, known);
            rest = "_";
        }
        if (known) {
            out += escape_path(v) + rest;
        } else {
            if (warning && warning->empty()) *warning = "permalink: unknown placeholder :" + name + " kept as written";
            out += tmpl.substr(i, j - i);
        }
        i = j;
    }
    // Jekyll's sanitize_url: a leading '/', no "..", no "./", no "//".
    std::string path = "/" + out, clean;
    for (std::size_t p; (p = path.find("..")) != std::string::npos;) path.replace(p, 2, "/");
    for (std::size_t p; (p = path.find("./")) != std::string::npos;) path.erase(p, 2);
    for (char c : path)
        if (!(c == '/' && !clean.empty() && clean.back() == '/')) clean += c;
    return join_url(cfg, clean);
}

void set_url(Post& post, std::string_view site_url) {
    static const Config kDefaults;
    std::shared_ptr<const Config> cfg;
    if (const std::string path = find_config(post.path); !path.empty()) cfg = load_config(path);
    Config given;  // the config's settings, its url + baseurl replaced by `site_url`
    if (!site_url.empty()) {
        if (cfg) given = *cfg;
        given.url = std::string(site_url);
        given.baseurl.clear();
    }
    const Config& c = !site_url.empty() ? given : cfg ? *cfg : kDefaults;
    if (!c.warning.empty()) post.warnings.push_back(c.warning);
    std::string slug;
    if (!post.extra_json.empty() && post.extra_json != "{}") {
        const auto extra = nlohmann::json::parse(post.extra_json, nullptr, false);
        if (extra.is_object())
            if (auto it = extra.find("slug"); it != extra.end() && it->is_string()) slug = it->get<std::string>();
    }
    std::string warning;
    post.url = post_url(post, c, slug, &warning);
    if (!warning.empty()) post.warnings.push_back(warning);
}

}  // namespace newsidx::site
