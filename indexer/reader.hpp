// Internal: reading Jekyll posts (front matter + Markdown) into Post values.
#pragma once

#include "post.hpp"

#include <newsidx/index.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace newsidx {

/// Limits that keep hostile input bounded. Defaults suit real blogs.
struct ReaderLimits {
    std::uint64_t max_file_bytes = 64ull << 20;      ///< larger files are rejected
    std::uint32_t max_front_matter_bytes = 1u << 20;  ///< 1 MiB of YAML at most
    std::uint32_t max_yaml_nodes = 100000;           ///< alias-bomb guard when copying unknown keys
};

/// Reads one post. Thread-safe: a reader holds no mutable state.
///
/// Throws PostError (naming the file and, where known, the line) when the
/// file cannot be read, is binary, is not valid UTF-8, or its front matter
/// does not parse. Problems that leave the post usable (an unparsable date,
/// a tag list of the wrong type) become Post::warnings instead.
class PostReader {
public:
    explicit PostReader(ReaderLimits limits = {}) : limits_(limits) {}

    /// Reads `path` (any path; made absolute), giving it the id computed from
    /// `root` (absolute folder the walk started from; id = relative path
    /// without .md/.markdown, '/'-separated, prefixed by `id_prefix` + '/'
    /// when non-empty). Sets Post::published=false for `published: false`
    /// and for files under a `_drafts/` folder.
    Post read_file(const std::string& path, const std::string& root,
                   const std::string& id_prefix = {}) const;

    /// Parses an in-memory file. `name` is used for messages, the id and the
    /// file-name date; `mtime` (epoch seconds) is the last-resort date.
    Post parse(std::string_view bytes, const std::string& name, std::int64_t mtime = 0) const;

    const ReaderLimits& limits() const noexcept { return limits_; }

    /// The site URL post URLs are built under instead of the _config.yml's
    /// `url` + `baseurl` (`add --site-url`, the index's kMetaSiteUrl; "" =
    /// the config's). Set before reading, never while posts are read.
    void set_site_url(std::string url) { site_url_ = std::move(url); }
    const std::string& site_url() const noexcept { return site_url_; }

    /// The Markdown body of the post file at `path` (after its front matter,
    /// Liquid stripped), read with read_file's checks (a regular file within
    /// the size limit, UTF-8, no NUL byte): what serve's preview renders.
    /// Throws PostError.
    std::string read_body(const std::string& path) const;

private:
    std::string_view checked_text(std::string_view bytes, const std::string& name, std::string& normalized) const;
    std::string read_bytes(const std::string& path, const std::filesystem::path& abs, std::int64_t& mtime) const;

    ReaderLimits limits_;
    std::string site_url_;
};

/// The slug of a post's file as Jekyll reads it: the base name without its
/// last extension and without a YYYY-MM-DD- date prefix
/// ("_posts/2021-06-28-메시지큐.md" -> "메시지큐"; "about.md" -> "about").
std::string file_slug(std::string_view path);

/// Jekyll's title of a post without `title:` (Utils.titleize_slug, Jekyll
/// 4): dashes, underscores and spaces separate words, joined by one space;
/// each word's first letter upper case and the rest lower case, for ASCII
/// letters (other characters as written: Hangul has no case). Empty pieces
/// (a--b) are dropped. "my-first_POST" -> "My First Post", "메시지-큐" -> "메시지 큐".
std::string title_from_slug(std::string_view slug);

// post_id_for (the id a file gets under its root) is public: newsidx/index.hpp.

}  // namespace newsidx
