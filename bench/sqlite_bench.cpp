// sqlite_bench: SQLite FTS5 query latency, the second baseline of
// bench/query.sh, with bench/latency.hpp's protocol.
//
//   sqlite_bench DB.sqlite CLASS_QUERIES [--threads T] [--rounds R] [-n LIMIT] [--tsv]
//
// DB.sqlite is what bench/index.sh builds with Debian's sqlite3 CLI:
//   CREATE VIRTUAL TABLE posts USING fts5(path UNINDEXED, body, tokenize='unicode61');
// (body = the whole file, front matter included). One read-only connection
// per thread, SQLite's defaults otherwise, and
//   SELECT path FROM posts WHERE posts MATCH ?1 ORDER BY rank LIMIT ?2
// (rank = bm25). Queries are translated to FTS5 syntax: every word becomes a
// quoted string; 1-word and particle queries are that string, 2-word ones
// `"a" OR "b"` (ranked OR, like newsidx and the Xapian baseline), a phrase
// stays a phrase, and `word tag:NAME` becomes `"word" AND "NAME"` (FTS5 has
// no tag field here; the tag list is in the indexed front matter).
#include "latency.hpp"

#include <sqlite3.h>

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string to_fts5(const bench::Query& q) {
    const bench::Parts p = bench::split_query(q.text);
    std::vector<std::string> terms;
    for (const auto& w : p.words) terms.push_back(quoted(w));
    if (!p.phrase.empty()) terms.push_back(quoted(p.phrase));
    std::string out;
    for (const auto& t : terms) out += (out.empty() ? "" : " OR ") + t;
    if (!p.tags.empty()) {
        if (terms.size() > 1) out = "(" + out + ")";
        for (const auto& t : p.tags) out += (out.empty() ? "" : " AND ") + quoted(t);
    }
    return out;
}

struct Conn {
    sqlite3* db = nullptr;
    sqlite3_stmt* stmt = nullptr;
    std::size_t sink = 0;
    explicit Conn(const std::string& path) {
        if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
            const std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
            sqlite3_close(db);
            throw std::runtime_error(path + ": " + msg);
        }
        const char* sql = "SELECT path FROM posts WHERE posts MATCH ?1 ORDER BY rank LIMIT ?2";
        if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
            const std::string msg = sqlite3_errmsg(db);
            sqlite3_close(db);
            throw std::runtime_error(path + ": " + msg);
        }
    }
    ~Conn() {
        sqlite3_finalize(stmt);
        sqlite3_close(db);
    }
    Conn(const Conn&) = delete;
    Conn& operator=(const Conn&) = delete;

    std::size_t search(const std::string& match, std::size_t limit) {
        sqlite3_reset(stmt);
        sqlite3_bind_text(stmt, 1, match.c_str(), static_cast<int>(match.size()), SQLITE_TRANSIENT);
        sqlite3_bind_int64(stmt, 2, static_cast<sqlite3_int64>(limit));
        std::size_t n = 0;
        int rc;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            sink += static_cast<std::size_t>(sqlite3_column_bytes(stmt, 0));
            ++n;
        }
        if (rc != SQLITE_DONE) throw std::runtime_error(match + ": " + sqlite3_errmsg(db));
        return n;
    }
};

}  // namespace

int main(int argc, char** argv) {
    bench::Options opt;
    opt.system = "sqlite-fts5";
    std::vector<std::string> pos;
    if (!bench::parse_driver_args(argc, argv, "sqlite_bench",
                                  "DB.sqlite CLASS_QUERIES [--threads T] [--rounds R] [-n LIMIT] [--tsv]", {}, opt, pos))
        return 2;
    try {
        auto queries = bench::load_queries(pos[1]);
        for (auto& q : queries) q.text = to_fts5(q);  // translated once, outside the timing
        const std::string db = pos[0];
        return bench::run(queries, opt, [&]() -> bench::Worker {
            auto conn = std::make_shared<Conn>(db);
            const std::size_t limit = opt.limit;
            return [conn, limit](const bench::Query& q) { return conn->search(q.text, limit); };
        });
    } catch (const std::exception& e) {
        std::fprintf(stderr, "sqlite_bench: %s\n", e.what());
        return 1;
    }
}
