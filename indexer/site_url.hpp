// Internal: a post's URL on its Jekyll site (README "Post URLs").
//
// With a _config.yml in the post's folder or a folder above it, the URL is
// built as Jekyll builds `page.url` — the post's `permalink` front matter,
// else `collections.posts.permalink`, else the site's `permalink` style
// (date, pretty, ordinal, weekdate, none, or a template) — then prefixed
// with the site's `url` and `baseurl`. Dates are taken in the site's
// `timezone`. Without a _config.yml: the `permalink` front matter, else
// Jekyll's default /:categories/:year/:month/:day/:title:output_ext.
#pragma once

#include "post.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace newsidx::site {

struct Config {
    std::string path;       ///< the _config.yml; empty for the defaults
    std::string dir;        ///< its folder (the site's source)
    std::string url;        ///< `url`, without a trailing '/'
    std::string baseurl;    ///< `baseurl`, "" or "/path" (no trailing '/')
    std::string permalink = "/:categories/:year/:month/:day/:title:output_ext";  ///< the posts' template
    std::string timezone;   ///< IANA name, "" = dates as written
    std::string warning;    ///< a problem met reading the file ("" if none)
    struct Zone;
    std::shared_ptr<const Zone> zone;  ///< resolved `timezone`
};

/// What a post's URL depends on besides the post: the _config.yml found for
/// `post_path` and its url, baseurl, permalink and timezone, as a short hash
/// ("-" without a config and without `site_url`). Part of each post's stamp,
/// so that a config changed while nothing watched it (or another `add
/// --site-url`) re-derives the URLs at the next add.
std::string site_stamp(const std::string& post_path, std::string_view site_url = {});

/// The _config.yml (or _config.yaml) in the folder of `file` or the nearest
/// folder above; "" if none or `file` is not absolute.
std::string find_config(const std::string& file);

/// Reads a site configuration (cached by path, size and mtime; thread-safe).
/// Problems (bad YAML, unknown time zone) go to Config::warning and the
/// defaults stay in force.
std::shared_ptr<const Config> load_config(const std::string& path);

/// The template of a permalink style: date, pretty, ordinal, weekdate,
/// none; anything else is a template already.
std::string style_template(std::string_view style);

/// Jekyll's Utils.slugify: mode "default" (runs of non letters/marks/digits
/// become '-') or "pretty" (also keeps ._~!$&'()+,;=@); trims one '-' at
/// each end; lower-cases unless `cased`.
std::string slugify(std::string_view s, bool pretty, bool cased);

/// Jekyll's URL.escape_path: percent-encodes every byte but
/// A-Za-z0-9 -._~!$&'()*+,;=:@/.
std::string escape_path(std::string_view s);

/// The post's URL under `cfg` (see the top of this file). `slug` is the
/// `slug` front matter ("" = from the file name). Unknown placeholders are
/// kept as written and reported in `warning` when given.
std::string post_url(const Post& post, const Config& cfg, std::string_view slug = {},
                     std::string* warning = nullptr);

/// Sets post.url from the site configuration found above post.path (the
/// reader's hook); warnings go to post.warnings. A `site_url` (`add
/// --site-url`, normalized) takes the place of the config's url + baseurl.
void set_url(Post& post, std::string_view site_url = {});

}  // namespace newsidx::site
