#include "http_policy.hpp"

#include "routes.hpp"

#include "schema.hpp"
#include "server.hpp"

#include <newsidx/error.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>

namespace newsidx::service {

namespace {

// The request headers a preflight allows (the widget and the page send none of their own).
constexpr const char* kCorsAllowHeaders = "Accept, Content-Type, If-None-Match";

}  // namespace

const std::string* header(const HttpRequest& r, const char* name, std::size_t* count) {
    const std::string* first = nullptr;
    std::size_t n = 0;
    for (const auto& [k, v] : r.headers) {
        if (k.size() != std::strlen(name)) continue;
        bool same = true;
        for (std::size_t i = 0; i < k.size() && same; ++i)
            same = std::tolower(static_cast<unsigned char>(k[i])) == std::tolower(static_cast<unsigned char>(name[i]));
        if (!same) continue;
        if (!first) first = &v;
        ++n;
    }
    if (count) *count = n;
    return first;
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string host_name(const std::string& h) {
    std::string name = h, port;
    if (!h.empty() && h.front() == '[') {
        const std::size_t close = h.find(']');
        if (close == std::string::npos) return {};
        name = h.substr(0, close + 1);
        if (close + 1 < h.size()) {
            if (h[close + 1] != ':') return {};
            port = h.substr(close + 2);
            if (port.empty()) return {};
        }
    } else if (const std::size_t colon = h.find(':'); colon != std::string::npos) {
        name = h.substr(0, colon);
        port = h.substr(colon + 1);
        if (port.empty()) return {};
    }
    for (char c : port)
        if (c < '0' || c > '9') return {};
    if (port.size() > 5) return {};
    return lower(name);
}

std::string normalize_origin(const std::string& v, std::string* why) {
    auto bad = [&](const std::string& reason) {
        if (why)
            *why = "'" + quoted(v, 200) + "' is not an origin: " + reason +
                   " (expected scheme://host[:port], e.g. https://blog.example)";
        return std::string();
    };
    if (v == "*") return v;
    const std::size_t sep = v.find("://");
    if (sep == std::string::npos || sep == 0) return bad("no scheme");
    const std::string scheme = lower(v.substr(0, sep));
    if (!std::isalpha(static_cast<unsigned char>(scheme[0])) ||
        scheme.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789+-.") != std::string::npos)
        return bad("a malformed scheme");
    std::string rest = v.substr(sep + 3);
    if (!rest.empty() && rest.back() == '/') rest.pop_back();
    if (rest.empty()) return bad("no host");
    if (rest.find('@') != std::string::npos) return bad("a user name");
    if (rest.find_first_of("/\\?#") != std::string::npos) return bad("a path, query or fragment after the host");
    std::string host = rest, port;
    bool has_port = false;
    if (rest.front() == '[') {
        const std::size_t close = rest.find(']');
        if (close == std::string::npos || close == 1 ||
            rest.find_first_not_of("0123456789abcdefABCDEF:.", 1) != close)
            return bad("a malformed [IPv6] address");
        host = rest.substr(0, close + 1);
        if (close + 1 < rest.size()) {
            if (rest[close + 1] != ':') return bad("a malformed [IPv6] address");
            port = rest.substr(close + 2);
            has_port = true;
        }
    } else if (const std::size_t colon = rest.find(':'); colon != std::string::npos) {
        host = rest.substr(0, colon);
        port = rest.substr(colon + 1);
        has_port = true;
    }
    if (host.front() != '[' &&
        (host.empty() || host.front() == '.' || host.front() == '-' ||
         host.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._") != std::string::npos))
        return bad("a malformed host name");
    unsigned n = 0;
    if (has_port) {
        const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), n);
        if (port.empty() || port.size() > 5 || ec != std::errc() || end != port.data() + port.size() || n == 0 ||
            n > 65535)
            return bad("a port not from 1 to 65535");
    }
    std::string out = scheme + "://" + lower(host);
    if (has_port && !((scheme == "http" && n == 80) || (scheme == "https" && n == 443))) out += ":" + std::to_string(n);
    return out;
}

Cors::Cors(const std::vector<std::string>& origins) {
    for (const std::string& o : origins) {
        std::string why;
        const std::string n = normalize_origin(o, &why);
        if (n.empty()) throw Error("--cors-origin: " + why);
        if (n == "*") any_ = true;
        else if (std::find(allowed_.begin(), allowed_.end(), n) == allowed_.end()) allowed_.push_back(n);
    }
}

Headers Cors::headers(const HttpRequest& req) const {
    Headers out;
    if (any_) {
        out.emplace_back("Access-Control-Allow-Origin", "*");
    } else if (enabled()) {
        if (const std::string* origin = header(req, "Origin")) {
            const std::string o = normalize_origin(*origin);
            if (!o.empty() && o != "*" && std::find(allowed_.begin(), allowed_.end(), o) != allowed_.end())
                out.emplace_back("Access-Control-Allow-Origin", o);
        }
        out.emplace_back("Vary", "Origin");
    }
    return out;
}

Headers Cors::preflight() {
    return {{"Access-Control-Allow-Methods", "GET, HEAD, OPTIONS"},
            {"Access-Control-Allow-Headers", kCorsAllowHeaders},
            {"Access-Control-Max-Age", "600"}};
}

std::string etag_of(std::string_view body) { return "\"" + schema::hash_hex(body) + "\""; }

bool etag_matches(const std::string& if_none_match, const std::string& etag) {
    for (std::size_t i = 0; i < if_none_match.size();) {
        const std::size_t comma = std::min(if_none_match.find(',', i), if_none_match.size());
        std::string t = if_none_match.substr(i, comma - i);
        t.erase(0, t.find_first_not_of(" \t"));
        t.erase(t.find_last_not_of(" \t") + 1);
        if (t.starts_with("W/")) t.erase(0, 2);
        if (t == "*" || t == etag) return true;
        i = comma + 1;
    }
    return false;
}

}  // namespace newsidx::service
