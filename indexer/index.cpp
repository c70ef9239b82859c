#include <newsidx/analyzer.hpp>
#include <newsidx/error.hpp>
#include <newsidx/index.hpp>
#include <newsidx/reader.hpp>

#include "document.hpp"
#include "schema.hpp"
#include "synonyms.hpp"
#include "walk.hpp"
#include "xapian_error.hpp"

#include <nlohmann/json.hpp>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace newsidx {

namespace {

std::string analyzer_tag() { return std::string(Analyzer::kName) + "/" + std::to_string(Analyzer::kVersion); }

std::string now_iso() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// "<size> <mtime_ns>": enough to tell an untouched file without reading it.
std::string stat_stamp(const struct stat& st) {
    const long long ns = static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
    return std::to_string(st.st_size) + " " + std::to_string(ns);
}

bool read_all(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return !in.bad();
}

// Reads a post's source file for add and reindex alike, checking before
// reading what would otherwise hang (a FIFO) or exhaust memory (a huge
// file). Returns "" on success, else the problem.
std::string read_source(const std::string& path, const struct stat& st, std::uint64_t max_bytes,
                        std::string& bytes) {
    if (!S_ISREG(st.st_mode)) return "not a regular file";
    if (static_cast<std::uint64_t>(st.st_size) > max_bytes)
        return "file is larger than the limit of " + std::to_string(max_bytes) + " bytes";
    if (!read_all(path, bytes)) return std::string("cannot read: ") + std::strerror(errno);
    return {};
}

// Who holds the write lock: Xapian's lock (flintlock) says nothing about its
// holder, so the writer leaves "pid\nhost\nsince\ncommand\n" in this file of
// the database folder while it holds the lock (removed when it closes; a
// killed writer's note is overwritten by the next one).
constexpr const char* kHolderFile = "newsidx.writer";

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

class Clock {
public:
    double seconds() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    }

private:
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace

const char* version() { return NEWSIDX_VERSION; }

std::string default_db_path() {
    if (const char* e = std::getenv("NEWSIDX_DB"); e && *e) return e;
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) return std::string(x) + "/newsidx/db";
    if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.local/share/newsidx/db";
    return ".newsidx-db";
}

struct Index::Impl {
    std::string path;
    Xapian::WritableDatabase db;
    Analyzer analyzer;
    PostReader reader;

    bool holder_written = false;

    // The lock holder's note goes before the lock (db, destroyed after this body).
    ~Impl() {
        if (holder_written) ::unlink((path + "/" + kHolderFile).c_str());
    }

    [[noreturn]] void fail(const Xapian::Error& e) { detail::rethrow_xapian(e, path); }

    // The doc id holding unique term `t`, or 0.
    Xapian::docid find(const std::string& t) {
        Xapian::PostingIterator p = db.postlist_begin(t);
        return p == db.postlist_end(t) ? 0 : *p;
    }

    void write_meta(const std::set<std::string>& new_roots) {
        nlohmann::json roots = nlohmann::json::array();
        std::set<std::string> all(new_roots);
        if (auto old = nlohmann::json::parse(db.get_metadata(schema::kMetaRoots), nullptr, false); old.is_array())
            for (const auto& r : old)
                if (r.is_string()) all.insert(r.get<std::string>());
        for (const auto& r : all) roots.push_back(r);
        db.set_metadata(schema::kMetaRoots, roots.dump());
        db.set_metadata(schema::kMetaSchema, std::to_string(schema::kSchemaVersion));
        db.set_metadata(schema::kMetaAnalyzer, analyzer_tag());
        db.set_metadata(schema::kMetaUpdated, now_iso());
    }

    // Indexes the found files; `keep` receives the ids seen (for sync).
    AddReport index_files(const std::vector<detail::FoundFile>& files, const AddOptions& opts,
                          std::vector<FileError> walk_errors, std::set<std::string>* seen_paths);
};

Index::Index(const std::string& path, bool allow_version_mismatch) : impl_(std::make_unique<Impl>()) {
    impl_->path = path;
    if (fs::exists(path + "/XAPIANDB"))  // Xapian would open every shard and route posts its own way
        throw IndexError(path + ": a sharded index (README \"Shards\"): open it with ShardedIndex");
    std::error_code ec;
    fs::create_directories(path, ec);
    clear_unfinished_creation(path);
    try {
        impl_->db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
    } catch (const Xapian::DatabaseLockError& e) {
        const std::string holder = describe_holder(path);
        throw LockError(path + ": the index is locked by " +
                        (holder.empty() ? "another newsidx process" : holder) +
                        "; only one writer at a time: try again when it has finished");
    } catch (const Xapian::Error& e) {
        impl_->fail(e);
    }
    write_holder(path);
    impl_->holder_written = true;
    try {
        const std::string schema_v = impl_->db.get_metadata(schema::kMetaSchema);
        const std::string an = impl_->db.get_metadata(schema::kMetaAnalyzer);
        if (schema_v.empty() && impl_->db.get_doccount() > 0)
            throw IndexError(path + ": this Xapian database was not made by newsidx; give another --db");
        if (schema_v.empty()) {  // a new index says from the start what built it
            impl_->write_meta({});
            impl_->db.commit();
        }
        // The built-in synonyms, (re)loaded whenever this build's list differs.
        const std::string builtin_hash = schema::hash_hex(detail::builtin_synonyms());
        if (impl_->db.get_metadata(schema::kMetaBuiltinSynonyms) != builtin_hash) {
            detail::store_synonyms(impl_->db, impl_->analyzer,
                                   detail::parse_synonyms(detail::builtin_synonyms(), "corpus/synonyms.txt"));
            impl_->db.set_metadata(schema::kMetaBuiltinSynonyms, builtin_hash);
            impl_->db.commit();
        }
        if (!schema_v.empty() && !allow_version_mismatch &&
            (schema_v != std::to_string(schema::kSchemaVersion) || an != analyzer_tag()))
            throw IndexError(path + ": index built with schema " + schema_v + " and analyzer " + an +
                             ", this is schema " + std::to_string(schema::kSchemaVersion) + " and analyzer " +
                             analyzer_tag() + ": run `newsidx reindex`");
    } catch (const Xapian::Error& e) {
        impl_->fail(e);
    }
}

Index::~Index() = default;
Index::Index(Index&&) noexcept = default;
Index& Index::operator=(Index&&) noexcept = default;

const std::string& Index::path() const { return impl_->path; }

AddReport Index::Impl::index_files(const std::vector<detail::FoundFile>& files, const AddOptions& opts,
                                   std::vector<FileError> walk_errors, std::set<std::string>* seen_paths) {
    Clock clock;
    AddReport rep;
    auto report_error = [&](FileError fe) {
        ++rep.failed;
        if (opts.on_error) opts.on_error(fe);
        rep.errors.push_back(std::move(fe));
    };
    for (FileError& fe : walk_errors) report_error(std::move(fe));

    std::set<std::string> roots, done_paths;
    std::size_t batch = 0;
    double last_progress = -1;
    Progress prog{0, files.size()};
    try {
        db.begin_transaction();
        for (const detail::FoundFile& f : files) {
            ++prog.done;
            if (opts.on_progress && clock.seconds() - last_progress >= 0.1) {
                last_progress = clock.seconds();
                opts.on_progress(prog);
            }
            if (!done_paths.insert(f.path).second) continue;  // named twice
            if (seen_paths) seen_paths->insert(f.path);
            roots.insert(f.root);

            const std::string id = post_id_for(f.path, f.root, opts.id_prefix);
            if (opts.accept_id && !opts.accept_id(id)) continue;  // another shard's post
            struct stat st {};
            if (::stat(f.path.c_str(), &st) != 0) {
                report_error({f.path, f.path + ": cannot read: " + std::strerror(errno)});
                continue;
            }
            const std::string idterm = schema::term(schema::kId, id);
            const Xapian::docid old = find(idterm);
            std::string old_stamp, old_path;
            bool old_draft = false;
            if (old) {
                const Xapian::Document od = db.get_document(old);
                old_stamp = od.get_value(schema::kSlotStamp);
                old_path = nlohmann::json::parse(od.get_data(), nullptr, false).value("path", std::string());
                Xapian::TermIterator t = od.termlist_begin();
                t.skip_to(std::string(schema::kDraft));
                old_draft = t != od.termlist_end() && *t == schema::kDraft;
            }
            const std::string sstamp = stat_stamp(st);
            // An unchanged draft indexed with --drafts still goes when --drafts is not given.
            const bool reusable = old && !opts.force && old_path == f.path && (opts.drafts || !old_draft);
            if (reusable && old_stamp.rfind(sstamp + " ", 0) == 0) {
                ++rep.unchanged;
                continue;
            }
            std::string bytes;
            if (const std::string problem = read_source(f.path, st, reader.limits().max_file_bytes, bytes);
                !problem.empty()) {
                report_error({f.path, f.path + ": " + problem});
                continue;
            }
            const std::string stamp = sstamp + " " + schema::hash_hex(bytes);
            if (reusable &&
                old_stamp.substr(old_stamp.rfind(' ') + 1) == stamp.substr(stamp.rfind(' ') + 1)) {
                ++rep.unchanged;  // touched but not changed: not worth re-analysis
                continue;
            }
            Post post;
            try {
                post = reader.parse(bytes, f.path, st.st_mtim.tv_sec);
            } catch (const PostError& e) {
                report_error({f.path, e.what()});
                continue;
            }
            post.id = id;
            post.path = f.path;
            post.root = f.root;
            if (opts.on_warning)
                for (const std::string& w : post.warnings) opts.on_warning(f.path, w);
            if (!post.published && !opts.drafts) {
                ++rep.skipped;
                if (old) {
                    db.delete_document(old);
                    ++rep.removed;
                }
                continue;
            }
            if (old && !old_path.empty() && old_path != f.path && opts.on_warning)
                opts.on_warning(f.path, "id \"" + id + "\" was " + old_path + "; this file replaces it");
            db.replace_document(idterm, detail::build_document(post, analyzer, stamp));
            ++(old ? rep.updated : rep.added);
            batch += bytes.size();
            if (batch >= opts.batch_bytes) {
                db.commit_transaction();
                db.begin_transaction();
                batch = 0;
            }
        }
        write_meta(roots);
        db.commit_transaction();
    } catch (const Xapian::Error& e) {
        try {
            db.cancel_transaction();
        } catch (const Xapian::Error&) {
        }
        fail(e);
    }
    if (opts.on_progress) opts.on_progress(prog);
    rep.seconds = clock.seconds();
    return rep;
}

AddReport Index::add(const std::vector<std::string>& paths, const AddOptions& opts) {
    std::vector<FileError> errors;
    const auto files = detail::find_posts(paths, opts.excludes, errors);
    return impl_->index_files(files, opts, std::move(errors), nullptr);
}

AddReport Index::sync(const std::string& dir, const AddOptions& opts) {
    std::vector<FileError> errors;
    const std::string root = detail::absolute_path(dir);
    if (!fs::is_directory(root)) throw Error(dir + ": not a folder (sync takes the folder given to add)");
    const auto files = detail::find_posts({root}, opts.excludes, errors);
    std::set<std::string> seen;
    AddReport rep = impl_->index_files(files, opts, std::move(errors), &seen);
    try {
        const std::string rterm = schema::term(schema::kRoot, root);
        std::vector<Xapian::docid> gone;
        for (auto p = impl_->db.postlist_begin(rterm); p != impl_->db.postlist_end(rterm); ++p) {
            const auto j = nlohmann::json::parse(impl_->db.get_document(*p).get_data(), nullptr, false);
            if (!seen.count(j.value("path", std::string()))) gone.push_back(*p);
        }
        impl_->db.begin_transaction();
        for (Xapian::docid d : gone) impl_->db.delete_document(d);
        impl_->db.set_metadata(schema::kMetaUpdated, now_iso());
        impl_->db.commit_transaction();
        rep.removed += gone.size();
    } catch (const Xapian::Error& e) {
        impl_->fail(e);
    }
    return rep;
}

std::size_t Index::remove(const std::vector<std::string>& names, std::vector<std::string>* not_found) {
    std::size_t removed = 0;
    try {
        Xapian::WritableDatabase& db = impl_->db;
        db.begin_transaction();
        for (const std::string& name : names) {
            std::set<Xapian::docid> hits;
            const std::string abs = detail::absolute_path(name);
            const std::string pterm = schema::term(schema::kPath, abs);
            for (auto p = db.postlist_begin(pterm); p != db.postlist_end(pterm); ++p) hits.insert(*p);
            if (hits.empty()) {  // a folder: every post whose path is under it
                const std::string prefix = std::string(schema::kPath) + abs + "/";
                for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
                    for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) hits.insert(*p);
            }
            if (hits.empty())
                if (Xapian::docid d = impl_->find(schema::term(schema::kId, name))) hits.insert(d);
            if (hits.empty() && not_found) not_found->push_back(name);
            for (Xapian::docid d : hits) db.delete_document(d);
            removed += hits.size();
        }
        db.set_metadata(schema::kMetaUpdated, now_iso());
        db.commit_transaction();
    } catch (const Xapian::Error& e) {
        impl_->fail(e);
    }
    return removed;
}

AddReport Index::reindex(const AddOptions& opts) {
    Clock clock;
    AddReport rep;
    try {
        Xapian::WritableDatabase& db = impl_->db;
        struct Src {
            Xapian::docid did;
            std::string id, path, root;
        };
        std::vector<Src> srcs;
        for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
            const auto j = nlohmann::json::parse(db.get_document(*p).get_data(), nullptr, false);
            srcs.push_back({*p, j.value("id", std::string()), j.value("path", std::string()),
                            j.value("root", std::string())});
        }
        db.begin_transaction();
        std::size_t batch = 0;
        Progress prog{0, srcs.size()};
        for (const Src& s : srcs) {
            ++prog.done;
            if (opts.on_progress && prog.done % 64 == 0) opts.on_progress(prog);
            std::string bytes;
            struct stat st {};
            if (s.path.empty() || ::stat(s.path.c_str(), &st) != 0) {
                FileError fe{s.path, (s.path.empty() ? s.id : s.path) + ": source file is gone; post dropped"};
                if (opts.on_error) opts.on_error(fe);
                rep.errors.push_back(fe);
                ++rep.failed;
                db.delete_document(s.did);
                ++rep.removed;
                continue;
            }
            if (const std::string problem = read_source(s.path, st, impl_->reader.limits().max_file_bytes, bytes);
                !problem.empty()) {
                FileError fe{s.path, s.path + ": " + problem};
                if (opts.on_error) opts.on_error(fe);
                rep.errors.push_back(fe);
                ++rep.failed;  // the old document stays: nothing indexed is lost
                continue;
            }
            try {
                Post post = impl_->reader.parse(bytes, s.path, st.st_mtim.tv_sec);
                post.id = s.id;
                post.path = s.path;
                post.root = s.root;
                db.replace_document(s.did, detail::build_document(post, impl_->analyzer,
                                                                  stat_stamp(st) + " " + schema::hash_hex(bytes)));
                ++rep.updated;
            } catch (const PostError& e) {
                FileError fe{s.path, e.what()};
                if (opts.on_error) opts.on_error(fe);
                rep.errors.push_back(fe);
                ++rep.failed;  // the old document stays: nothing indexed is lost
            }
            batch += bytes.size();
            if (batch >= opts.batch_bytes) {
                db.commit_transaction();
                db.begin_transaction();
                batch = 0;
            }
        }
        impl_->write_meta({});
        db.commit_transaction();
    } catch (const Xapian::Error& e) {
        impl_->fail(e);
    }
    rep.seconds = clock.seconds();
    return rep;
}

std::size_t Index::add_synonyms(const std::string& file) {
    std::string text;
    if (!read_all(file, text)) throw Error(file + ": cannot read: " + std::strerror(errno));
    const detail::SynonymGroups groups = detail::parse_synonyms(text, file);
    try {
        const std::size_t n = detail::store_synonyms(impl_->db, impl_->analyzer, groups);
        impl_->db.set_metadata(schema::kMetaUpdated, now_iso());
        impl_->db.commit();
        return n;
    } catch (const Xapian::Error& e) {
        impl_->fail(e);
    }
}

namespace {

IndexStats stats_of(const Xapian::Database& db, const std::string& path) {
    IndexStats s;
    s.path = path;
    s.documents = db.get_doccount();
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) ++s.terms;
    s.analyzer = db.get_metadata(schema::kMetaAnalyzer);
    const std::string sv = db.get_metadata(schema::kMetaSchema);
    s.schema_version = sv.empty() ? 0 : std::atoi(sv.c_str());
    s.last_update = db.get_metadata(schema::kMetaUpdated);
    if (auto r = nlohmann::json::parse(db.get_metadata(schema::kMetaRoots), nullptr, false); r.is_array())
        for (const auto& x : r)
            if (x.is_string()) s.roots.push_back(x.get<std::string>());
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(path, ec))
        if (e.is_regular_file(ec)) s.size_bytes += e.file_size(ec);
    return s;
}

std::vector<std::string> terms_of(const Xapian::Database& db, const std::string& id) {
    std::vector<std::string> out;
    const std::string idterm = schema::term(schema::kId, id);
    Xapian::PostingIterator p = db.postlist_begin(idterm);
    if (p == db.postlist_end(idterm)) return out;
    const Xapian::Document doc = db.get_document(*p);
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        std::string line = *t + "\t" + std::to_string(t.get_wdf()) + "\t";
        bool first = true;
        for (auto q = t.positionlist_begin(); q != t.positionlist_end(); ++q) {
            line += (first ? "" : ",") + std::to_string(*q);
            first = false;
        }
        out.push_back(std::move(line));
    }
    return out;
}

}  // namespace

IndexStats Index::stats() const {
    try {
        return stats_of(impl_->db, impl_->path);
    } catch (const Xapian::Error& e) {
        impl_->fail(e);
    }
}

std::vector<std::string> Index::terms(const std::string& id) const {
    try {
        return terms_of(impl_->db, id);
    } catch (const Xapian::Error& e) {
        impl_->fail(e);
    }
}

namespace {

// Runs `f` on a read-only handle. A writer that commits twice while we open
// or read discards our revision (DatabaseModifiedError): open the newest and retry.
template <class F>
auto read_retrying(const std::string& path, F f) {
    if (!fs::exists(path)) throw IndexError(path + ": no index here. Create one with `newsidx add` (or give --db)");
    for (detail::ModifiedRetry retry;;) {
        try {
            return f(Xapian::Database(path));
        } catch (const Xapian::DatabaseModifiedError& e) {
            if (!retry.again()) detail::rethrow_xapian(e, path);
        } catch (const Xapian::Error& e) {
            detail::rethrow_xapian(e, path);
        }
    }
}

}  // namespace

IndexStats read_stats(const std::string& path) {
    return read_retrying(path, [&](const Xapian::Database& db) { return stats_of(db, path); });
}

std::vector<std::string> read_terms(const std::string& path, const std::string& id) {
    return read_retrying(path, [&](const Xapian::Database& db) { return terms_of(db, id); });
}

}  // namespace newsidx
