#include "open_db.hpp"

#include <newsidx/error.hpp>

#include "folder_check.hpp"
#include "meta.hpp"
#include "schema.hpp"
#include "xapian_error.hpp"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>

namespace fs = std::filesystem;

namespace newsidx::detail {

namespace {

constexpr int kMaxStubDepth = 8;

bool is_single_file_glass(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char magic[14] = {};
    return in.read(magic, sizeof magic) && std::memcmp(magic, "\x0f\x0dXapian Glass", 14) == 0;
}

// "HOST:PORT" (IPv6 in brackets) -> host, port; false if malformed.
bool parse_host_port(const std::string& s, std::string& host, unsigned& port) {
    const auto colon = s.rfind(':');
    if (colon == std::string::npos || colon + 1 == s.size()) return false;
    const std::string p = s.substr(colon + 1);
    if (p.find_first_not_of("0123456789") != std::string::npos || p.size() > 5) return false;
    port = static_cast<unsigned>(std::stoul(p));
    if (port == 0 || port > 65535) return false;
    host = s.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    if (host.empty()) host = "127.0.0.1";  // Xapian reads "remote :PORT"... as a program; ":PORT" alone as here
    return true;
}

void add_local(const std::string& path, int depth, std::vector<ShardSpec>& out);

// Reads a stub file the way Xapian does (dbfactory.cc, 1.4), keeping remote
// lines for us to open with our timeouts.
void add_stub(const std::string& file, int depth, std::vector<ShardSpec>& out) {
    if (depth > kMaxStubDepth)
        throw IndexError(file + ": stub files nested more than " + std::to_string(kMaxStubDepth) + " deep (a loop?)");
    std::ifstream in(file);
    if (!in) throw IndexError(file + ": cannot read the stub file: " + std::strerror(errno));
    const fs::path dir = fs::path(file).parent_path();
    std::size_t lineno = 0;
    for (std::string line; std::getline(in, line);) {
        ++lineno;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        const auto sp = line.find(' ');
        const std::string type = line.substr(0, sp);
        const std::string rest = sp == std::string::npos ? "" : line.substr(sp + 1);
        const std::string where = file + ":" + std::to_string(lineno) + ": ";
        if ((type == "auto" || type == "glass" || type == "chert") && !rest.empty()) {
            const fs::path p = fs::path(rest).is_absolute() ? fs::path(rest) : dir / rest;
            if (!fs::exists(p)) throw IndexError(where + p.string() + ": no such database");
            if (type == "auto") add_local(p.lexically_normal().string(), depth + 1, out);
            else out.push_back(ShardSpec{{}, p.lexically_normal().string(), {}, 0, {}, {}});
        } else if (type == "remote" && !rest.empty() && rest[0] == ':') {
            const auto s2 = rest.find(' ');
            ShardSpec s;
            s.program = rest.substr(1, s2 == std::string::npos ? std::string::npos : s2 - 1);
            if (s2 != std::string::npos) s.args = rest.substr(s2 + 1);
            out.push_back(std::move(s));
        } else if (type == "remote") {
            ShardSpec s;
            if (!parse_host_port(rest, s.host, s.port))
                throw IndexError(where + "expected \"remote HOST:PORT\" (or \"remote :PROGRAM ARGS\")");
            out.push_back(std::move(s));
        } else if (type == "inmemory" && rest.empty()) {
            continue;  // an empty database: nothing to search
        } else {
            throw IndexError(where + "expected \"auto PATH\", \"glass PATH\", \"remote HOST:PORT\" or "
                                     "\"remote :PROGRAM ARGS\" (a Xapian stub line)" +
                             (depth == 0 && lineno == 1 ? "; " + file + " is neither an index folder nor a Xapian stub file"
                                                        : ""));
        }
    }
}

void add_local(const std::string& path, int depth, std::vector<ShardSpec>& out) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        if (!fs::exists(path + "/iamglass", ec) && !fs::exists(path + "/iamchert", ec) &&
            fs::exists(path + "/XAPIANDB", ec)) {
            add_stub(path + "/XAPIANDB", depth, out);
            return;
        }
    } else if (fs::is_regular_file(path, ec) && !is_single_file_glass(path)) {
        add_stub(path, depth, out);
        return;
    }
    out.push_back(ShardSpec{{}, path, {}, 0, {}, {}});
}

std::string describe(const ShardSpec& s) {
    if (s.port) return s.host + ":" + std::to_string(s.port);
    if (!s.program.empty()) return "program " + s.program + (s.args.empty() ? "" : " " + s.args);
    return s.path;
}

// What went wrong with a shard, in words, with Xapian's own message.
std::string problem(const std::string& type, const std::string& msg, const OpenOptions& o) {
    if (type == "NetworkTimeoutError")
        return "did not answer within " + std::to_string(msg.find("connect") != std::string::npos
                                                             ? o.connect_timeout_ms
                                                             : o.timeout_ms) +
               " ms (" + msg + ")";
    if (type == "NetworkError") return "is unreachable (" + msg + ")";
    return "failed (" + type + ": " + msg + ")";
}

std::string xapian_message(const Xapian::Error& e) {
    const char* sys = e.get_error_string();
    return e.get_msg() + (sys && *sys ? std::string(": ") + sys : "");
}

}  // namespace

std::string ShardSpec::context() const {
    return port ? "remote:tcp(" + host + ":" + std::to_string(port) + ")" : std::string();
}

std::vector<ShardSpec> list_shards(const std::string& db, const OpenOptions& opts) {
    std::vector<ShardSpec> out;
    if (!db.empty()) {
        std::error_code ec;
        if (!fs::exists(db, ec))
            throw IndexError(db + ": no index here. Create one with `newsidx add` (or give --db)");
        add_local(db, 0, out);
    }
    for (const std::string& r : opts.remotes) {
        ShardSpec s;
        if (!parse_host_port(r, s.host, s.port)) throw RequestError("remotes", "--remote " + r + ": expected HOST:PORT, e.g. 127.0.0.1:7001");
        out.push_back(std::move(s));
    }
    if (out.empty()) throw IndexError((db.empty() ? std::string("--remote") : db) + ": lists no databases to search");
    const bool single_local = out.size() == 1 && !out[0].port && out[0].program.empty() && out[0].path == db;
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i].label = single_local ? db
                                    : "shard " + std::to_string(i + 1) + " of " + std::to_string(out.size()) +
                                          " (" + describe(out[i]) + ")";
    return out;
}

Xapian::Database ShardedDb::open() {
    std::vector<ShardSpec> shards = list_shards(db_, opts_);
    missing_.clear();
    std::vector<ShardSpec> keep;
    for (ShardSpec& s : shards) {
        bool gone = false;
        for (const ShardSpec& d : dropped_) gone = gone || d.label == s.label;
        if (gone) missing_.push_back(s.label);
        else keep.push_back(std::move(s));
    }
    return open_all(keep);
}

Xapian::Database ShardedDb::open_all(const std::vector<ShardSpec>& shards) {
    struct Opened {
        std::optional<Xapian::Database> db;
        std::string type, msg;  // of the failure
    };
    std::vector<Opened> got(shards.size());
    auto open_one = [&](std::size_t i) {
        const ShardSpec& s = shards[i];
        try {
            Xapian::Database d;
            if (s.port) d = Xapian::Remote::open(s.host, s.port, opts_.timeout_ms, opts_.connect_timeout_ms);
            else if (!s.program.empty()) d = Xapian::Remote::open(s.program, s.args, opts_.timeout_ms);
            else {
                std::error_code ec;
                const bool folder = fs::is_directory(s.path, ec);
                if (folder) {
                    const FolderCheck f = check_folder(s.path, false);
                    if (f.kind == FolderCheck::Kind::Problem) {
                        got[i].type = "Whole";  // the message names the folder and the way out
                        got[i].msg = f.problem;
                        return;
                    }
                }
                d = Xapian::Database(s.path);
                if (folder && fs::exists(s.path + "/iamglass", ec)) {
                    got[i].msg = check_tables(s.path, d.get_doccount(), d.get_total_length(),
                                              !d.get_metadata(schema::kMetaBuiltinSynonyms).empty());
                    if (!got[i].msg.empty()) {
                        got[i].type = "Whole";
                        return;
                    }
                }
            }
            const std::string bad = schema::read_stamp(d).problem();  // this schema and analyzer, or why not
            if (!bad.empty()) {
                got[i].type = "IndexError";
                got[i].msg = bad;
                return;
            }
            got[i].db = std::move(d);
        } catch (const Xapian::DatabaseModifiedError&) {
            got[i].type = "DatabaseModifiedError";
        } catch (const Xapian::Error& e) {
            got[i].type = e.get_type();
            got[i].msg = xapian_message(e);
        }
    };
    // Remote shards are opened side by side: several stopped shards cost one timeout, not one each.
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < shards.size(); ++i)
        if (shards[i].port || !shards[i].program.empty()) threads.emplace_back(open_one, i);
        else open_one(i);
    for (std::thread& t : threads) t.join();

    Xapian::Database all;
    parts_.clear();
    std::size_t opened = 0, remote = 0;
    for (std::size_t i = 0; i < shards.size(); ++i) {
        const ShardSpec& s = shards[i];
        if (got[i].type == "DatabaseModifiedError") throw Xapian::DatabaseModifiedError(s.label);  // caller retries
        if (got[i].db) {
            all.add_database(*got[i].db);
            parts_.push_back(*got[i].db);
            ++opened;
            remote += s.port || !s.program.empty();
            continue;
        }
        const bool local = !s.port && s.program.empty();
        if (got[i].type == "IndexError") throw IndexError(s.label + ": " + got[i].msg);  // never skipped: rebuild it
        if (got[i].type == "Whole") throw IndexError(got[i].msg);
        if (!opts_.allow_partial || local) {
            if (local && shards.size() == 1 && s.label == db_) {
                // One plain index: the messages users already know.
                if (got[i].type == "DatabaseOpeningError" || got[i].type == "DatabaseNotFoundError")
                    throw IndexError(s.label + ": no usable index here (" + got[i].msg +
                                     "). Create one with `newsidx add`");
                if (got[i].type == "DatabaseCorruptError" ||
                    (got[i].type == "DatabaseError" && got[i].msg.rfind("EOF reading block", 0) == 0))
                    throw IndexError(damaged_message(s.label, got[i].msg, false));
            }
            throw IndexError(s.label + " " + problem(got[i].type, got[i].msg, opts_) +
                             (local ? "" : ". Check its xapian-tcpsrv; newsq --allow-partial searches the other shards"));
        }
        missing_.push_back(s.label);
    }
    if (opened == 0)
        throw IndexError((db_.empty() ? std::string("--remote") : db_) + ": no shard answered (" +
                         std::to_string(missing_.size()) + " tried)");
    remote_among_several_ = remote > 0 && opened > 1;
    local_among_several_ = opened > 1 && opened > remote;
    return all;
}

Xapian::Database ShardedDb::without_failed(const Xapian::Error& e) {
    const std::vector<ShardSpec> shards = list_shards(db_, opts_);
    const ShardSpec* failed = nullptr;
    for (const ShardSpec& s : shards)
        if (!s.context().empty() && s.context() == e.get_context()) failed = &s;
    if (!opts_.allow_partial) {
        if (failed)
            throw IndexError(failed->label + " " + problem(e.get_type(), xapian_message(e), opts_) +
                             ". Check its xapian-tcpsrv; newsq --allow-partial searches the other shards");
        rethrow_xapian(e, db_.empty() ? "--remote" : db_);
    }
    const std::size_t before = missing_.size();
    if (failed) dropped_.push_back(*failed);
    // Every other shard is opened afresh: a search that failed half way may
    // have left answers unread on their connections.
    Xapian::Database db = open();
    if (missing_.size() == before) rethrow_xapian(e, db_.empty() ? "--remote" : db_);  // nothing to leave out
    return db;
}

}  // namespace newsidx::detail
