#include "folder_check.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace fs = std::filesystem;

namespace newsidx::detail {

std::string damaged_message(const std::string& path, const std::string& what, bool seen_before_open) {
    return path + ": the index is damaged (" + what + "). " +
           (seen_before_open ? "Nothing was changed" : "Nothing was committed") + ". Restore the folder from a backup, or rebuild it from the posts: move it "
           "away (mv " + path + " " + path + ".damaged) and run `newsidx --db " + path +
           " add POSTS...`; `xapian-check " + path + "` shows the damage";
}

namespace {

bool is_table(const std::string& name) {
    return name.size() > 6 && name.compare(name.size() - 6, 6, ".glass") == 0;
}

// True if the file's first 64 KiB are all zero bytes (or it cannot be read:
// then the open that follows says why): tables that hold nothing Xapian
// could read, as a creation cut short by a crash can leave.
bool zeros(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    char buf[1 << 16];
    in.read(buf, sizeof buf);
    const std::streamsize n = in.gcount();
    for (std::streamsize i = 0; i < n; ++i)
        if (buf[i] != 0) return false;
    return true;
}

// Files and folders Xapian or newsidx put in an index folder.
bool ours(const std::string& name) {
    return is_table(name) || name == "iamglass" || name == "flintlock" || name == "v.tmp" ||
           name == kHolderFile || name == "XAPIANDB" || name.rfind("shard-", 0) == 0;
}

}  // namespace

FolderCheck check_folder(const std::string& path, bool for_writing) {
    FolderCheck out;
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec && ec != std::errc::no_such_file_or_directory) {
        out.kind = FolderCheck::Kind::Problem;
        out.problem = path + ": cannot look at the index folder (" + ec.message() + ")";
        return out;
    }
    if (!fs::exists(st)) return out;  // Missing
    out.kind = FolderCheck::Kind::Problem;
    if (!fs::is_directory(st)) {
        out.problem = path + ": not a folder (an index is a folder; give --db a new or empty folder, or an index)";
        return out;
    }
    bool version = false, data = false;
    std::string foreign, cut;
    std::size_t foreign_count = 0;
    for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name == "iamglass") version = true;
        if (is_table(name)) {
            std::error_code e2;
            const auto size = fs::file_size(it->path(), e2);
            data = data || e2 || (size > 0 && !zeros(it->path().string()));
            // Xapian writes whole blocks (a power of two, 2048 bytes at least):
            // anything else is a copy or a write cut short.
            if (!e2 && size % 2048 != 0 && cut.empty()) cut = name;
        }
        if (!ours(name) && name != "lost+found") {
            if (foreign.empty()) foreign = name;
            ++foreign_count;
        }
    }
    if (ec) {
        out.problem = path + ": cannot read the index folder (" + ec.message() + ")";
        return out;
    }
    if (!version && data) {
        out.problem = damaged_message(path, "iamglass, Xapian's version file, is missing although the tables hold data");
        return out;
    }
    if (!cut.empty()) {
        out.problem = damaged_message(path, cut + " is cut short: its size is not a whole number of blocks");
        return out;
    }
    if (version && !fs::exists(path + "/postlist.glass", ec)) {
        out.problem = damaged_message(path, "postlist.glass, the table of terms and metadata, is missing");
        return out;
    }
    if (!version && foreign_count > 0) {
        out.problem = path + ": this folder is not an index: it holds other files (" + foreign +
                      (foreign_count > 1 ? " and " + std::to_string(foreign_count - 1) + " more" : "") +
                      ")" + (for_writing ? "; newsidx writes only into a new or empty folder or an index: give another --db"
                                   : "; give --db an index folder");
        return out;
    }
    if (for_writing) {
        for (const std::string& p : {path, path + "/flintlock"}) {
            if (p != path && !fs::exists(p, ec)) continue;
            if (::access(p.c_str(), W_OK) != 0) {
                const int err = errno;
                out.problem = p + ": cannot write " + (p == path ? "the index folder" : "the index's lock file") +
                              " (" + std::strerror(err) + "): " +
                              (err == EROFS ? "the file system is read-only; searches still work"
                                            : "run newsidx as the index's owner, or give another --db");
                return out;
            }
        }
    }
    std::error_code e3;
    if (version) out.kind = FolderCheck::Kind::Index;
    else if (fs::exists(path + "/v.tmp", e3) || fs::exists(path + "/postlist.glass", e3))
        out.kind = FolderCheck::Kind::Unfinished;  // tables, all empty, and no version file
    else
        out.kind = FolderCheck::Kind::Empty;
    return out;
}

std::string check_tables(const std::string& path, unsigned doccount, unsigned long long total_length,
                         bool has_synonym_mark) {
    std::error_code ec;
    const auto missing = [&](const char* t) { return !fs::exists(path + "/" + t, ec); };
    if (doccount > 0 && missing("docdata.glass"))
        return damaged_message(path, "docdata.glass, the posts' stored data, is missing; " +
                                         std::to_string(doccount) + " posts are indexed");
    if (doccount > 0 && missing("termlist.glass"))
        return damaged_message(path, "termlist.glass, each post's list of terms, is missing");
    if (total_length > 0 && missing("position.glass"))
        return damaged_message(path, "position.glass, the word positions phrases need, is missing");
    if (has_synonym_mark && missing("synonym.glass"))
        return damaged_message(path, "synonym.glass, the synonyms, is missing");
    return "";
}

}  // namespace newsidx::detail
