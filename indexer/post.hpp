// Internal: a post as read from disk, before analysis (the index module's
// own data, not part of the public interface: issue 20 reshapes sections).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace newsidx {

/// Which part of a post a piece of text comes from. Zones get their own term
/// weights in the index (schema/fields.hpp: headings count twice).
enum class Zone : std::uint8_t {
    Title,    ///< front-matter title (or the file name's)
    Heading,  ///< Markdown headings
    Body,     ///< paragraphs, list items, quotes, tables, link text
    Code,     ///< fenced and indented code blocks, inline code
    Alt,      ///< image alt text
};

/// A run of body text: [begin, end) byte offsets into Post::text.
struct Section {
    Zone zone = Zone::Body;
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
};

/// A Markdown heading of the body: where its section starts. Its section
/// runs to the next heading (of any level) or the end of the text.
struct Heading {
    int level = 1;            ///< 1..6
    std::uint32_t begin = 0;  ///< byte offset of its text in Post::text
    std::string text;         ///< as in Post::text (one line)
    /// The id the site gives it: kramdown's with GFM input, Jekyll's default
    /// (markdown::gfm_anchor), or its own `{#id}`; "" when kramdown gives none.
    std::string anchor;
};

/// A post's date. epoch is seconds since 1970-01-01 UTC; year/month/day are
/// as written in the post's own UTC offset (UTC when it gave none).
struct PostDate {
    std::int64_t epoch = 0;
    int year = 1970, month = 1, day = 1;
    int offset_minutes = 0;  ///< the offset the date was written in
    enum class Source : std::uint8_t { FrontMatter, FileName, FileTime } source = Source::FileTime;
    /// ISO 8601 form, e.g. "2025-02-04T09:30:00+09:00" or "2025-02-04" (date only).
    std::string iso;
};

/// Everything newsidx knows about one post.
struct Post {
    std::string id;           ///< stable id: path relative to its root, no extension
    std::string path;         ///< absolute path of the source file
    std::string root;         ///< absolute path of the folder given to `add`
    std::string title;        ///< `title:`, else from the file name as Jekyll titles a post
    /// The first heading when the title is not `title:` (it came from the
    /// file name): shown beside the title, searched as the heading it is.
    std::string subtitle;
    /// The title is the file name's: its words are searched as the file
    /// name's (a low-weight zone), not as a title the author wrote.
    bool title_from_file = false;
    PostDate date;
    std::vector<std::string> tags;
    std::vector<std::string> categories;
    std::string author;
    std::string excerpt;      ///< `excerpt` or `description`
    std::string permalink;    ///< `permalink` front matter as written
    /// Link to the post on its site: the permalink, else built as Jekyll
    /// would from the site's _config.yml found above the post (url, baseurl,
    /// permalink style, timezone), else Jekyll's default
    /// /:categories/:year/:month/:day/:title.html (README "Post URLs").
    std::string url;
    bool published = true;    ///< false for `published: false` and _drafts/
    /// Why the author kept the post out of search ("search: false",
    /// "exclude_from_search: true"); empty: searchable. Never indexed, not
    /// even with --drafts.
    std::string opt_out;
    std::string extra_json;   ///< unknown front-matter keys as a JSON object ("{}" if none)
    /// Its language: the `lang` front matter as a canonical tag (ko, en,
    /// zh-tw), else what its script mix says (detect_language), "" unknown.
    std::string lang;
    /// What its translations share: `ref`, `translation_key` or `lang_ref`
    /// front matter ("" for none). Posts of one root with the same key are
    /// one post in several languages.
    std::string translation;
    std::string text;         ///< plain body text, Markdown and HTML removed, UTF-8
    std::vector<Section> sections;  ///< zones of `text`, in order, non-overlapping
    std::vector<Heading> headings;  ///< the body's headings, in order
    std::vector<std::string> warnings;  ///< non-fatal problems ("date: yesterday is not a date")
};

}  // namespace newsidx
