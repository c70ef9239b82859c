#include "walk.hpp"

#include <newsidx/error.hpp>

#include <fnmatch.h>
#include <sys/stat.h>

#include <cctype>
#include <cerrno>
#include <climits>
#include <cstring>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <system_error>

namespace fs = std::filesystem;

namespace newsidx::detail {

namespace {

struct Ignore {
    std::string base;  // folder the patterns are relative to (with trailing '/')
    std::vector<std::string> patterns;
};

bool matches(const std::vector<Ignore>& rules, const std::string& abs, const std::string& name) {
    for (const Ignore& r : rules) {
        if (abs.compare(0, r.base.size(), r.base) != 0) continue;
        const std::string rel = abs.substr(r.base.size());
        for (const std::string& p : r.patterns) {
            std::string pat = p;
            if (!pat.empty() && pat.back() == '/') pat.pop_back();
            if (!pat.empty() && pat.front() == '/') pat.erase(0, 1);
            if (fnmatch(pat.c_str(), rel.c_str(), FNM_PATHNAME) == 0 ||
                fnmatch(pat.c_str(), name.c_str(), 0) == 0 || fnmatch(pat.c_str(), rel.c_str(), 0) == 0)
                return true;
        }
    }
    return false;
}

void read_ignore_file(const fs::path& dir, std::vector<Ignore>& rules) {
    std::ifstream in(dir / ".newsidxignore");
    if (!in) return;
    Ignore r{dir.string() + "/", {}};
    for (std::string line; std::getline(in, line);) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        r.patterns.push_back(line);
    }
    rules.push_back(std::move(r));
}

std::string problem(int err) {
    if (err == ENAMETOOLONG)
        return "the path is longer than the system allows (PATH_MAX, " + std::to_string(PATH_MAX) +
               " bytes): not indexed; move the posts to a shorter path";
    return std::strerror(err);
}

struct Walker {
    std::vector<Ignore> rules;
    std::vector<FoundFile>& out;
    std::vector<FileError>& errors;
    bool follow = false;                     // walk into symlinked folders
    std::vector<std::string>* links = nullptr;  // symlinked folders not followed
    std::set<std::pair<dev_t, ino_t>> seen;  // each real folder once: no loops, no doubles
    std::size_t others = 0;                  // files that are no post (readme.txt, post.txt)
    std::vector<std::string> other_names;    // the first few of them
    const std::vector<std::string>* extensions = nullptr;  // post extensions beside .md

    void walk(const fs::path& dir, const std::string& root) {
        struct stat st {};
        if (::stat(dir.c_str(), &st) != 0) {
            if (errno != ENOENT)  // gone since it was listed: nothing to say
                errors.push_back({dir.string(), dir.string() + ": cannot read folder: " + problem(errno)});
            return;
        }
        if (!seen.insert({st.st_dev, st.st_ino}).second) return;
        const std::size_t rules_before = rules.size();
        read_ignore_file(dir, rules);
        std::error_code ec;
        fs::directory_iterator it(dir, ec);
        if (ec) {
            errors.push_back({dir.string(), dir.string() + ": cannot read folder: " + ec.message()});
            rules.resize(rules_before);
            return;
        }
        std::vector<fs::directory_entry> entries;
        for (; it != fs::directory_iterator(); it.increment(ec)) {
            if (ec) break;
            entries.push_back(*it);
        }
        std::sort(entries.begin(), entries.end(),
                  [](const auto& a, const auto& b) { return a.path().native() < b.path().native(); });
        for (const auto& e : entries) {
            const std::string name = e.path().filename().string();
            const std::string abs = e.path().string();
            std::error_code sec;
            const bool is_dir = e.is_directory(sec);  // follows symlinks
            if (sec.value() == ENAMETOOLONG) {  // a folder or a post: either way not indexed
                errors.push_back({abs, abs + ": " + problem(ENAMETOOLONG)});
                continue;
            }
            if (is_dir) {
                if (skipped_folder(name) || matches(rules, abs, name)) continue;
                if (!follow && e.is_symlink(sec)) {  // e.g. a link to / would index the whole disk
                    if (links) links->push_back(abs);
                    continue;
                }
                walk(e.path(), root);
            } else if (is_post_name(name, *extensions) && !matches(rules, abs, name)) {
                if (!e.exists(sec)) {
                    errors.push_back({abs, abs + ": broken symbolic link"});
                    continue;
                }
                out.push_back({abs, root});
            } else if (!name.empty() && name[0] != '.' && e.is_regular_file(sec)) {
                if (other_names.size() < 3) other_names.push_back(name);
                ++others;
            }
        }
        rules.resize(rules_before);
    }
};

// The extension the files left out share (for the hint), else "txt".
std::string common_extension(const std::vector<std::string>& names) {
    std::string ext;
    for (const std::string& n : names) {
        const std::size_t dot = n.rfind('.');
        if (dot == std::string::npos || dot == 0 || dot + 1 == n.size()) return "txt";
        std::string e = n.substr(dot + 1);
        for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (!ext.empty() && e != ext) return "txt";
        ext = e;
    }
    try {
        return ext.empty() ? "txt" : post_extension(ext);
    } catch (const Error&) {
        return "txt";
    }
}

}  // namespace

bool is_post_name(std::string_view name, const std::vector<std::string>& extensions) {
    auto ends = [&](std::string_view ext, bool dot) {
        if (name.size() <= ext.size() + dot) return false;
        if (dot && name[name.size() - ext.size() - 1] != '.') return false;
        for (std::size_t k = 0; k < ext.size(); ++k)
            if (std::tolower(static_cast<unsigned char>(name[name.size() - ext.size() + k])) != ext[k]) return false;
        return true;
    };
    if (ends(".md", false) || ends(".markdown", false)) return true;
    for (const std::string& e : extensions)
        if (ends(e, true)) return true;
    return false;
}

std::string post_extension(std::string_view e) {
    const std::string given(e);
    if (!e.empty() && e[0] == '.') e.remove_prefix(1);
    std::string out;
    for (char c : e) {
        if (!std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
            out.clear();
            break;
        }
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (out.empty() || out.size() > 16)
        throw Error("--ext '" + given + "': an extension is 1 to 16 letters or digits, e.g. txt (no dot, no path)");
    return out;
}

bool skipped_folder(std::string_view name) {
    return name.empty() || name[0] == '.' || name == "_site" || name == "node_modules" || name == "vendor";
}

std::string absolute_path(const std::string& p) {
    std::error_code ec;
    fs::path a = fs::absolute(p, ec);
    if (ec) a = p;
    std::string s = a.lexically_normal().string();
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    return s;
}

std::vector<FoundFile> find_posts(const std::vector<std::string>& inputs, const std::vector<std::string>& excludes,
                                  std::vector<FileError>& errors, bool follow_symlinks,
                                  std::vector<std::string>* skipped_links,
                                  std::vector<std::pair<std::string, std::string>>* notes,
                                  const std::vector<std::string>& extensions) {
    std::vector<FoundFile> out;
    for (const std::string& in : inputs) {
        const std::string abs = absolute_path(in);
        std::error_code ec;
        const fs::file_status st = fs::status(abs, ec);
        if (ec || !fs::exists(st)) {
            errors.push_back({in, in + ": no such file or folder"});
            continue;
        }
        Walker w{{}, out, errors, follow_symlinks, skipped_links, {}, 0, {}, &extensions};
        if (!excludes.empty()) w.rules.push_back({abs + "/", excludes});
        if (fs::is_directory(st)) {
            const std::size_t before = out.size();
            w.walk(abs, abs);
            if (notes && out.size() == before && w.others > 0) {
                // A folder of posts saved as .txt (or of no posts at all)
                // would say "added 0" and nothing else.
                std::string names;
                for (const std::string& n : w.other_names) names += (names.empty() ? "" : ", ") + n;
                notes->push_back({in, std::string(kNoPostsHere) + ": " + std::to_string(w.others) + " other file" +
                                          (w.others == 1 ? "" : "s") + " left out (" + names +
                                          (w.others > w.other_names.size() ? ", …" : "") +
                                          "); newsidx reads Markdown posts named *.md or *.markdown: rename them "
                                          "so (a Jekyll post is YYYY-MM-DD-title.md), or name their extension "
                                          "with --ext (--ext " + common_extension(w.other_names) + ")"});
            }
        } else {
            out.push_back({abs, fs::path(abs).parent_path().string()});
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const FoundFile& a, const FoundFile& b) { return a.path < b.path; });
    return out;
}

}  // namespace newsidx::detail
