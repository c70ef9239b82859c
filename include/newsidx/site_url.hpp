// newsidx — where a blog lives: site URLs and the post URLs under them
// (README "Post URLs"). One home for checking a site URL and joining a
// post's site-relative URL to it, used by `newsidx add --site-url` (the
// index), SearchRequest::site_url (newsq and serve --site-url) and the
// service's suggestions.
#pragma once

#include <string>
#include <string_view>

namespace newsidx {

/// Why `url` cannot be a site URL ("" when it can). A site URL is
/// `http://` or `https://`, a host (letters, digits, '-', '.', or an IPv6
/// address in brackets), an optional `:port` (1-65535) and an optional
/// `/path`; no user name, query, fragment, blank or control character.
/// The message names the problem, not the option: callers prefix it.
std::string site_url_problem(std::string_view url);

/// A valid site URL without its trailing '/'s (https://blog.example/base/ ->
/// https://blog.example/base): the form stored in an index and joined.
std::string normalize_site_url(std::string_view url);

/// A post's URL under `site` (a normalized site URL): a site-relative `url`
/// ("/ai/2025/…", as built without a site) gets `site` in front; an
/// absolute one (http://…, a site's own `url` from _config.yml), an empty
/// one, or any when `site` is "", is returned as it is.
std::string site_absolute_url(std::string_view site, std::string_view url);

}  // namespace newsidx
