#include <newsidx/error.hpp>
#include "reader.hpp"

#include "date.hpp"
#include "frontmatter.hpp"
#include "language.hpp"
#include "markdown.hpp"
#include "site_url.hpp"
#include "utf8.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace newsidx {

namespace {

namespace fs = std::filesystem;

// Line of byte `off` counting LF, CRLF and a lone CR as one break each, so
// messages match what an editor shows before we normalize line ends.
std::size_t raw_line_of(std::string_view s, std::size_t off) noexcept {
    std::size_t line = 1;
    for (std::size_t i = 0; i < off && i < s.size(); ++i) {
        if (s[i] == '\n') ++line;
        else if (s[i] == '\r' && (i + 1 >= s.size() || s[i + 1] != '\n')) ++line;
    }
    return line;
}

std::string normalize_newlines(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\r') {
            out.push_back(s[i]);
        } else {
            out.push_back('\n');
            if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
        }
    }
    return out;
}

bool in_drafts(std::string_view path) noexcept {
    std::size_t b = 0;
    while (b <= path.size()) {
        std::size_t e = path.find('/', b);
        if (e == std::string_view::npos) e = path.size();
        // The last component is the file itself, not a folder.
        if (e < path.size() && path.substr(b, e - b) == "_drafts") return true;
        b = e + 1;
    }
    return false;
}

std::string_view base_name(std::string_view p) noexcept {
    const std::size_t slash = p.find_last_of('/');
    return slash == std::string_view::npos ? p : p.substr(slash + 1);
}

bool iends_with(std::string_view s, std::string_view suffix) noexcept {
    if (s.size() < suffix.size()) return false;
    for (std::size_t i = 0; i < suffix.size(); ++i) {
        char c = s[s.size() - suffix.size() + i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != suffix[i]) return false;
    }
    return true;
}

// `name` without a Markdown extension (any other extension stays: it is
// part of what the user called the file).
std::string_view strip_md(std::string_view name) noexcept {
    for (std::string_view ext : {std::string_view(".markdown"), std::string_view(".md")})
        if (name.size() > ext.size() && iends_with(name, ext)) return name.substr(0, name.size() - ext.size());
    return name;
}

std::string lower_ascii(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

std::string one_line(std::string s) {
    for (char& c : s)
        if (c == '\n') c = ' ';
    return s;
}

}  // namespace

std::string file_slug(std::string_view path) {
    std::string_view stem = base_name(path);
    const std::size_t dot = stem.rfind('.');
    if (dot != std::string_view::npos && dot > 0) stem = stem.substr(0, dot);
    if (date::from_file_name(stem)) {
        // The prefix is YYYY-M(M)-D(D)-: everything up to the third dash.
        std::size_t dash = 0;
        for (int k = 0; k < 3; ++k) dash = stem.find('-', k ? dash + 1 : 0);
        stem = stem.substr(dash + 1);  // "" for a bare date, as Jekyll reads it
    }
    return std::string(stem);
}

std::string title_from_slug(std::string_view slug) {
    std::string out;
    bool word_start = true;
    for (char c : slug) {
        if (c == '-' || c == '_' || c == ' ') {
            word_start = true;
            continue;
        }
        if (word_start && !out.empty()) out.push_back(' ');
        // ASCII letters only: the first of a word up, the rest down (Ruby's
        // capitalize); any other character as written.
        if (c >= 'a' && c <= 'z' && word_start) c = static_cast<char>(c - 'a' + 'A');
        else if (c >= 'A' && c <= 'Z' && !word_start) c = static_cast<char>(c - 'A' + 'a');
        out.push_back(c);
        word_start = false;
    }
    return out;
}

std::string post_id_for(const std::string& abs_path, const std::string& abs_root,
                        const std::string& id_prefix, const std::vector<std::string>& extensions) {
    const fs::path p = fs::path(abs_path).lexically_normal();
    std::string rel;
    if (!abs_root.empty()) {
        const fs::path r = p.lexically_relative(fs::path(abs_root).lexically_normal());
        if (!r.empty() && *r.begin() != ".." && r != ".") rel = r.generic_string();
    }
    if (rel.empty()) rel = p.filename().string();
    const std::size_t before = rel.size();
    rel = std::string(strip_md(rel));
    if (rel.size() == before)
        for (const std::string& e : extensions)
            if (rel.size() > e.size() + 1 && rel[rel.size() - e.size() - 1] == '.' &&
                iends_with(rel, e)) {
                rel.resize(rel.size() - e.size() - 1);
                break;
            }
    std::string_view prefix = id_prefix;
    while (!prefix.empty() && prefix.back() == '/') prefix.remove_suffix(1);
    return prefix.empty() ? rel : std::string(prefix) + "/" + rel;
}

// The file's text as the reader takes it: within the size limit, no BOM,
// no NUL byte, valid UTF-8, LF line ends (`normalized` holds it when the
// file had CRs). Throws PostError.
std::string_view PostReader::checked_text(std::string_view bytes, const std::string& name,
                                          std::string& normalized) const {
    if (bytes.size() > limits_.max_file_bytes)
        throw PostError(name, 0,
                        "file is larger than the limit of " + std::to_string(limits_.max_file_bytes) + " bytes");
    const std::size_t bom = bytes.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    const std::string_view raw = bytes.substr(bom);

    if (const void* z = std::memchr(raw.data(), '\0', raw.size())) {
        const std::size_t line = raw_line_of(raw, static_cast<std::size_t>(static_cast<const char*>(z) - raw.data()));
        throw PostError(name, line, "binary file (NUL byte at line " + std::to_string(line) + ")");
    }
    if (std::size_t bad = 0; !utf8::valid(raw, &bad)) {
        const std::size_t line = raw_line_of(raw, bad);
        throw PostError(name, line,
                        "not valid UTF-8 at line " + std::to_string(line) + ", byte offset " + std::to_string(bom + bad));
    }
    normalized = raw.find('\r') == std::string_view::npos ? std::string() : normalize_newlines(raw);
    return normalized.empty() ? raw : std::string_view(normalized);
}

Post PostReader::parse(std::string_view bytes, const std::string& name, std::int64_t mtime) const {
    std::string normalized;
    const std::string_view text = checked_text(bytes, name, normalized);

    Post post;
    post.path = name;
    post.id = post_id_for(name, {});
    const frontmatter::Split fm = frontmatter::split(text, name, limits_.max_front_matter_bytes);
    const std::optional<PostDate> fm_date = frontmatter::apply(fm, name, limits_, post);
    if (in_drafts(name)) post.published = false;
    // Themes print excerpts through markdownify/strip_html: index the words,
    // not the markup.
    if (!post.excerpt.empty())
        post.excerpt = one_line(markdown::render(markdown::strip_liquid(post.excerpt)).text);

    if (fm_date) post.date = *fm_date;
    else if (auto d = date::from_file_name(name)) post.date = *d;
    else post.date = date::from_epoch(mtime);

    markdown::Rendered body = markdown::render(markdown::strip_liquid(fm.body));
    if (!body.complete) post.warnings.push_back("the Markdown parser stopped early; the text may be incomplete");
    post.text = std::move(body.text);
    post.sections = std::move(body.sections);
    post.headings = std::move(body.headings);

    // No `title:`: Jekyll's title from the file name; the first heading,
    // which many such posts start with, is shown beside it.
    if (post.title.empty()) {
        post.title = title_from_slug(file_slug(name));
        post.subtitle = one_line(std::move(body.first_heading));
        post.title_from_file = true;
        if (post.title.empty()) {  // an empty slug (a bare date): the heading is the title, else the file's name
            post.title_from_file = post.subtitle.empty();
            post.title = post.title_from_file ? std::string(strip_md(base_name(name))) : std::move(post.subtitle);
            post.subtitle.clear();
        }
        if (post.subtitle.size() == post.title.size() && iends_with(post.subtitle, lower_ascii(post.title)))
            post.subtitle.clear();  // "# Hello World" in hello-world.md says nothing more
    }
    if (post.lang.empty())
        post.lang = detail::detect_language(post.title + "\n" + post.text.substr(0, utf8::floor_boundary(post.text, std::min<std::size_t>(post.text.size(), 64u << 10))));
    site::set_url(post, site_url_);  // needs the date, categories and front matter
    return post;
}

// The bytes of the regular file `abs` (one more than its size allows, so
// that a file that grew is caught by the size check after) and its mtime.
std::string PostReader::read_bytes(const std::string& path, const fs::path& abs, std::int64_t& mtime) const {
    std::error_code ec;
    const fs::file_status st = fs::status(abs, ec);
    if (ec) throw PostError(path, 0, "cannot read: " + ec.message());
    if (!fs::is_regular_file(st)) throw PostError(path, 0, "not a regular file");
    const std::uintmax_t size = fs::file_size(abs, ec);
    if (ec) throw PostError(path, 0, "cannot read: " + ec.message());
    if (size > limits_.max_file_bytes)
        throw PostError(path, 0,
                        "file is larger than the limit of " + std::to_string(limits_.max_file_bytes) + " bytes");

    mtime = 0;
    const auto ftime = fs::last_write_time(abs, ec);
    if (!ec) {
        const auto sys = std::chrono::file_clock::to_sys(ftime);
        mtime = std::chrono::duration_cast<std::chrono::seconds>(sys.time_since_epoch()).count();
    }

    std::ifstream in(abs, std::ios::binary);
    if (!in) throw PostError(path, 0, std::string("cannot open: ") + std::strerror(errno));
    // One byte more than the size seen, so a file that grew since is still
    // caught by the size limit in parse().
    std::string bytes(static_cast<std::size_t>(size) + 1, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (in.bad()) throw PostError(path, 0, "read error");
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    return bytes;
}

std::string PostReader::read_body(const std::string& path) const {
    std::error_code ec;
    const fs::path abs = fs::absolute(path, ec).lexically_normal();
    if (ec) throw PostError(path, 0, "cannot resolve path: " + ec.message());
    std::int64_t mtime = 0;
    const std::string bytes = read_bytes(path, abs, mtime);
    std::string normalized;
    const std::string_view text = checked_text(bytes, path, normalized);
    return markdown::strip_liquid(frontmatter::split(text, path, limits_.max_front_matter_bytes).body);
}

Post PostReader::read_file(const std::string& path, const std::string& root, const std::string& id_prefix) const {
    std::error_code ec;
    const fs::path abs = fs::absolute(path, ec).lexically_normal();
    if (ec) throw PostError(path, 0, "cannot resolve path: " + ec.message());
    const fs::path abs_root = root.empty() ? fs::path() : fs::absolute(root, ec).lexically_normal();
    std::int64_t mtime = 0;
    const std::string bytes = read_bytes(path, abs, mtime);

    Post post = parse(bytes, path, mtime);
    const bool relative = post.path != abs.string();
    post.path = abs.string();
    if (relative) site::set_url(post, site_url_);  // the site's _config.yml is looked up from the absolute path
    post.root = abs_root.string();
    post.id = post_id_for(post.path, post.root, id_prefix);
    if (in_drafts(post.path)) post.published = false;
    return post;
}

}  // namespace newsidx
