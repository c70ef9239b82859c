// Site URLs (include/newsidx/site_url.hpp) and the URL key of a post
// (schema/post_url.hpp): the one home of URL checking and joining.
#include <newsidx/site_url.hpp>

#include "post_url.hpp"
#include "schema.hpp"

#include <cctype>

namespace newsidx {

namespace {

bool host_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.'; }

// The host[:port] part: "" when fine, else the problem.
std::string authority_problem(std::string_view a) {
    if (a.empty()) return "no host after the scheme";
    if (a.find('@') != std::string_view::npos) return "a user name is not allowed";
    std::string_view host = a, port;
    if (a.front() == '[') {
        const std::size_t close = a.find(']');
        if (close == std::string_view::npos || close == 1) return "an IPv6 host needs its closing ']'";
        for (char c : a.substr(1, close - 1))
            if (!std::isxdigit(static_cast<unsigned char>(c)) && c != ':' && c != '.')
                return "'" + std::string(a.substr(0, close + 1)) + "' is not an IPv6 address";
        host = a.substr(0, close + 1);
        if (close + 1 < a.size()) {
            if (a[close + 1] != ':') return "expected ':port' after the host";
            port = a.substr(close + 2);
            if (port.empty()) return "an empty port";
        }
    } else if (const std::size_t colon = a.find(':'); colon != std::string_view::npos) {
        host = a.substr(0, colon);
        port = a.substr(colon + 1);
        if (port.empty()) return "an empty port";
    }
    if (host.empty()) return "no host after the scheme";
    if (host.front() != '[') {
        for (char c : host)
            if (!host_char(c)) return "the host '" + std::string(host) + "' holds '" + std::string(1, c) + "'";
        if (host.front() == '.' || host.front() == '-' || host.find("..") != std::string_view::npos)
            return "'" + std::string(host) + "' is not a host name";
    }
    if (!port.empty()) {
        unsigned long n = 0;
        for (char c : port) {
            if (c < '0' || c > '9' || port.size() > 5) return "the port '" + std::string(port) + "' is not a number from 1 to 65535";
            n = n * 10 + static_cast<unsigned long>(c - '0');
        }
        if (n < 1 || n > 65535) return "the port '" + std::string(port) + "' is not a number from 1 to 65535";
    }
    return {};
}

}  // namespace

std::string site_url_problem(std::string_view url) {
    if (url.empty()) return "empty (expected http:// or https://, a host and an optional path)";
    for (unsigned char c : url)
        if (c <= 0x20 || c == 0x7F) return "holds a blank or control character";
    std::string_view rest;
    if (url.starts_with("http://")) rest = url.substr(7);
    else if (url.starts_with("https://")) rest = url.substr(8);
    else return "'" + std::string(url) + "' does not start with http:// or https://";
    if (url.find('?') != std::string_view::npos) return "a query ('?') is not allowed";
    if (url.find('#') != std::string_view::npos) return "a fragment ('#') is not allowed";
    if (url.find('\\') != std::string_view::npos) return "a backslash is not allowed";
    const std::size_t slash = rest.find('/');
    if (std::string problem = authority_problem(rest.substr(0, slash)); !problem.empty()) return problem;
    if (slash != std::string_view::npos) {
        const std::string_view path = rest.substr(slash);
        if (path.find("//") != std::string_view::npos && path.find_first_not_of('/') != std::string_view::npos)
            return "the path '" + std::string(path) + "' holds an empty segment ('//')";
        for (std::size_t i = 0; i < path.size();) {
            const std::size_t j = std::min(path.find('/', i + 1), path.size());
            const std::string_view seg = path.substr(i + 1, j - i - 1);
            if (seg == "." || seg == "..") return "the path '" + std::string(path) + "' holds '" + std::string(seg) + "'";
            i = j;
        }
    }
    return {};
}

std::string normalize_site_url(std::string_view url) {
    while (!url.empty() && url.back() == '/') url.remove_suffix(1);
    return std::string(url);
}

std::string site_absolute_url(std::string_view site, std::string_view url) {
    if (site.empty() || !url.starts_with('/') || url.starts_with("//")) return std::string(url);
    return normalize_site_url(site) + std::string(url);
}

namespace schema {

std::string percent_decode(std::string_view s, bool plus) {
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
            out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
            i += 2;
        } else if (plus && s[i] == '+') {
            out += ' ';
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string url_term(std::string_view url) {
    if (!url.starts_with('/') || url.starts_with("//")) return {};
    return term(kUrl, percent_decode(url, false));
}

}  // namespace schema

}  // namespace newsidx
