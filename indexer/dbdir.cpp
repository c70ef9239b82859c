#include "dbdir.hpp"

#include "schema.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <vector>

namespace fs = std::filesystem;

namespace newsidx::detail {

namespace {

// Who holds the write lock: Xapian's lock (flintlock) says nothing about its
// holder, so the writer leaves "pid\nhost\nsince\ncommand\n" in this file of
// the database folder while it holds the lock (removed when it closes; a
// killed writer's note is overwritten by the next one).

std::string hostname() {
    char buf[256] = {};
    if (::gethostname(buf, sizeof buf - 1) != 0) return "?";
    return buf;
}

// This process's command line, arguments joined by spaces, argv[0] without
// its folder, at most 160 bytes.
std::string command_line() {
    std::ifstream in("/proc/self/cmdline", std::ios::binary);
    std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string out;
    std::size_t start = 0;
    while (start < raw.size()) {  // NUL-terminated arguments
        std::size_t end = raw.find('\0', start);
        if (end == std::string::npos) end = raw.size();
        std::string arg = raw.substr(start, end - start);
        if (start == 0) arg = fs::path(arg).filename().string();
        out += (out.empty() ? "" : " ") + arg;
        start = end + 1;
    }
    for (char& c : out)
        if (c == '\n' || c == '\r') c = ' ';
    if (out.size() > 160) {
        std::size_t n = 157;
        while (n > 0 && (static_cast<unsigned char>(out[n]) & 0xC0) == 0x80) --n;  // whole UTF-8 characters
        out = out.substr(0, n) + "...";
    }
    return out.empty() ? "?" : out;
}

}  // namespace

void write_holder(const std::string& db_path) {
    std::ofstream out(db_path + "/" + kHolderFile, std::ios::trunc);  // errors ignored: only a hint
    out << ::getpid() << "\n" << hostname() << "\n" << now_iso() << "\n" << command_line() << "\n";
}

// "pid 1234 (newsidx add posts) on host since 2025-…Z", or "" when the note is
// missing, half-written or left by a process of this host that is gone.
std::string describe_holder(const std::string& db_path) {
    std::ifstream in(db_path + "/" + kHolderFile);
    std::string pid, host, since, cmd;
    if (!std::getline(in, pid) || !std::getline(in, host) || !std::getline(in, since) || !std::getline(in, cmd))
        return "";
    char* end = nullptr;
    const long p = std::strtol(pid.c_str(), &end, 10);
    if (p <= 0 || *end) return "";
    if (host == hostname() && ::kill(static_cast<pid_t>(p), 0) != 0 && errno == ESRCH) return "";
    return "pid " + pid + " (" + cmd + ") on " + host + " since " + since;
}

// A writer killed while Xapian was creating the index leaves tables without
// the version file (iamglass); Xapian then neither opens nor re-creates the
// folder ("Failed to open glass revision file"), so every later `add` would
// fail. Nothing was ever committed there: if the folder holds only such
// leftovers and no writer holds Xapian's lock (an OFD lock on flintlock),
// remove them so that the index is created afresh.
void clear_unfinished_creation(const std::string& path) {
    std::error_code ec;
    if (fs::exists(path + "/iamglass", ec) || ec) return;
    static const std::set<std::string> kLeftovers = {
        "flintlock",      "v.tmp",          "postlist.glass", "termlist.glass", "docdata.glass",
        "position.glass", "spelling.glass", "synonym.glass",  kHolderFile};
    std::vector<fs::path> found;
    bool tables = false;
    for (const auto& e : fs::directory_iterator(path, ec)) {
        const std::string name = e.path().filename().string();
        if (!kLeftovers.count(name)) return;  // something else lives here: not ours to touch
        tables = tables || (name.size() > 6 && name.compare(name.size() - 6, 6, ".glass") == 0);
        if (name != "flintlock") found.push_back(e.path());
    }
    if (ec || !tables) return;
    const int fd = ::open((path + "/flintlock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return;
    struct flock fl {};
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;  // l_start = l_len = 0: the whole file, as Xapian locks it
    if (::fcntl(fd, F_OFD_SETLK, &fl) == 0)
        for (const fs::path& f : found) fs::remove(f, ec);
    ::close(fd);  // releases the lock
}

std::uint64_t folder_bytes(const std::string& dir) {
    std::uint64_t n = 0;
    std::error_code ec;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir, ec))
        if (e.is_regular_file(ec)) n += e.file_size(ec);
    return n;
}

std::string sibling_dir(const std::string& path, const std::string& suffix) {
    std::string p = path;
    while (p.size() > 1 && p.back() == '/') p.pop_back();
    return p + suffix;
}

std::string compact_dir(const std::string& path) { return sibling_dir(path, ".newsidx-compact"); }

std::string parts_dir(const std::string& path) { return sibling_dir(path, ".newsidx-parts"); }

std::string swap_folders(const std::string& a, const std::string& b) {
    if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) != 0) return std::strerror(errno);
    const fs::path parent = fs::absolute(fs::path(b)).parent_path();
    if (const int fd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); fd >= 0) {
        ::fsync(fd);  // the swap itself survives a power cut
        ::close(fd);
    }
    return {};
}

}  // namespace newsidx::detail
