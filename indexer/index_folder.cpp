#include "index_folder.hpp"

#include "schema.hpp"

#include <newsidx/error.hpp>

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

void write_holder(const std::string& db_path) {
    std::ofstream out(db_path + "/" + kHolderFile, std::ios::trunc);  // errors ignored: only a hint
    out << ::getpid() << "\n" << hostname() << "\n" << now_iso() << "\n" << command_line() << "\n";
}

std::string read_holder(const std::string& db_path) {
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

}  // namespace

IndexFolder::~IndexFolder() {
    if (noted_) ::unlink((path_ + "/" + kHolderFile).c_str());
}

std::string IndexFolder::sibling(const char* suffix) const {
    std::string p = path_;
    while (p.size() > 1 && p.back() == '/') p.pop_back();
    return p + suffix;
}

FolderCheck::Kind IndexFolder::prepare_writer() const {
    if (fs::exists(path_ + "/XAPIANDB"))  // Xapian would open every shard and route posts its own way
        throw IndexError(path_ + ": a sharded index (README \"Shards\"): open it with ShardedIndex");
    std::error_code ec;
    const FolderCheck folder = check_folder(path_, true);
    if (folder.kind == FolderCheck::Kind::Problem) throw IndexError(folder.problem);  // nothing touched
    if (folder.kind == FolderCheck::Kind::Missing) fs::create_directories(path_, ec);
    if (folder.kind == FolderCheck::Kind::Unfinished) clear_unfinished_creation(path_);  // under its own lock on flintlock
    return folder.kind;
}

std::string IndexFolder::describe_holder() const { return read_holder(path_); }

void IndexFolder::locked() {
    write_holder(path_);
    noted_ = true;
    std::error_code ec;
    fs::remove_all(compact_dir(), ec);
}

void IndexFolder::clear_rebalance_leftover() const {
    std::error_code ec;
    fs::remove_all(rebalance_dir(), ec);  // the unfinished new layout or, after its swap, the old one
}

std::string IndexFolder::swap_in(const std::string& built) {
    if (::renameat2(AT_FDCWD, built.c_str(), AT_FDCWD, path_.c_str(), RENAME_EXCHANGE) != 0) return std::strerror(errno);
    noted_ = false;  // the note went with the old folder
    const fs::path parent = fs::absolute(fs::path(path_)).parent_path();
    if (const int fd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); fd >= 0) {
        ::fsync(fd);  // the swap itself survives a power cut
        ::close(fd);
    }
    return {};
}

std::uint64_t IndexFolder::bytes(const std::string& dir) {
    std::uint64_t n = 0;
    std::error_code ec;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir, ec))
        if (e.is_regular_file(ec)) n += e.file_size(ec);
    return n;
}

}  // namespace newsidx::detail
