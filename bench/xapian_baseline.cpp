// xapian_baseline: Xapian used alone, the way its documentation shows, as a
// yardstick for newsidx's relevance and index size (see bench/README.md).
//
//   xapian_baseline index  --mode default|cjk DB DOCS_DIR
//   xapian_baseline search --mode default|cjk DB QUERIES.tsv [-n 100]
//   xapian_baseline bench  --mode default|cjk DB CLASS_QUERIES [--threads T] [--rounds R] [-n 10] [--tsv]
//
// index: every *.md / *.markdown under DOCS_DIR (recursive, hidden folders
// skipped); a leading `---` front-matter block is removed and its `title:`
// kept. TermGenerator with the English stemmer (STEM_SOME); the title is
// indexed with prefix S and unprefixed, then the body after a position gap;
// `Q<id>` is the unique term (id = path relative to DOCS_DIR without the
// extension); the document data is the body text. `cjk` adds FLAG_CJK_NGRAM.
//
// search: `qid<TAB>query` lines; QueryParser (same stemmer, STEM_SOME,
// default operator OR, `title:` -> S, FLAG_DEFAULT, plus FLAG_CJK_NGRAM in
// cjk mode); BM25 with Xapian's defaults. Writes TREC lines
// `qid Q0 id rank score xapian-<mode>` to stdout. A query the parser rejects
// (Xapian 1.4.22 throws QueryParserError on some Korean/Latin/number mixes
// under FLAG_CJK_NGRAM) is retried once with flags 0, i.e. plain words (in
// cjk mode its Korean words are then not n-grammed); if that fails too the
// query gets no lines. Counts go to stderr at the end:
//   xapian_baseline: queries=N parse_errors=E unparsed=U
//
// bench: query latency with bench/latency.hpp's protocol (bench/query.sh), on
// a `class<TAB>query` file from gen_corpus --queries. One Database,
// QueryParser and Enquire per thread; queries parsed as in search, except
// that newsidx's `tag:NAME` filter, which the baseline has no field for,
// becomes `AND NAME` (the tag as a word). Each hit's document data (the
// body) and id are fetched, as an application showing results would.
#include "latency.hpp"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

constexpr int kUsage = 2;
constexpr int kFail = 1;

const char* const kUsageText =
    "usage: xapian_baseline index  --mode default|cjk DB DOCS_DIR\n"
    "       xapian_baseline search --mode default|cjk DB QUERIES.tsv [-n N]\n"
    "       xapian_baseline bench  --mode default|cjk DB CLASS_QUERIES [--threads T] [--rounds R] [-n N] [--tsv]\n";

struct Args {
    std::string command;
    std::string mode = "default";
    std::vector<std::string> positional;
    Xapian::doccount limit = 100;
    bool limit_given = false;
    int threads = 1, rounds = 3;
    bool tsv = false;
};

bool parse_args(int argc, char** argv, Args& a) {
    if (argc < 2) return false;
    a.command = argv[1];
    for (int i = 2; i < argc; ++i) {
        const std::string s = argv[i];
        if (s == "--mode" && i + 1 < argc) {
            a.mode = argv[++i];
        } else if (s.rfind("--mode=", 0) == 0) {
            a.mode = s.substr(7);
        } else if ((s == "-n" || s == "--limit") && i + 1 < argc) {
            const long n = std::strtol(argv[++i], nullptr, 10);
            if (n <= 0) return false;
            a.limit = static_cast<Xapian::doccount>(n);
            a.limit_given = true;
        } else if ((s == "--threads" || s == "--rounds") && i + 1 < argc) {
            const long n = std::strtol(argv[++i], nullptr, 10);
            if (n <= 0) return false;
            (s == "--threads" ? a.threads : a.rounds) = static_cast<int>(n);
        } else if (s == "--tsv") {
            a.tsv = true;
        } else if (s.size() > 1 && s[0] == '-') {
            return false;
        } else {
            a.positional.push_back(s);
        }
    }
    if (a.mode != "default" && a.mode != "cjk") return false;
    if (a.command != "index" && a.command != "search" && a.command != "bench") return false;
    return a.positional.size() == 2;
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + p.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string trim(std::string s) {
    const char* ws = " \t\r\n";
    const auto b = s.find_first_not_of(ws);
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

// A YAML scalar as a simple reader would take it: surrounding quotes removed.
std::string unquote(std::string v) {
    v = trim(v);
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
        std::string out;
        for (size_t i = 1; i + 1 < v.size(); ++i) {
            if (v[i] == '\\' && i + 2 < v.size()) ++i;
            out += v[i];
        }
        return out;
    }
    if (v.size() >= 2 && v.front() == '\'' && v.back() == '\'') {
        std::string out;
        for (size_t i = 1; i + 1 < v.size(); ++i) {
            out += v[i];
            if (v[i] == '\'' && v[i + 1] == '\'') ++i;
        }
        return out;
    }
    return v;
}

struct Post {
    std::string title;
    std::string body;
};

// Splits a leading `---` ... `---` (or `...`) block off; keeps its title.
Post split_front_matter(const std::string& text) {
    Post post;
    size_t pos = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;  // UTF-8 BOM
    auto next_line = [&](size_t from, std::string& line) {
        if (from >= text.size()) return std::string::npos;
        size_t end = text.find('\n', from);
        if (end == std::string::npos) end = text.size();
        line = text.substr(from, end - from);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return end + 1;
    };
    std::string line;
    size_t after = next_line(pos, line);
    if (after == std::string::npos || trim(line) != "---") {
        post.body = text.substr(pos);
        return post;
    }
    std::string title;
    for (size_t cur = after; cur != std::string::npos && cur <= text.size();) {
        const size_t nxt = next_line(cur, line);
        if (nxt == std::string::npos) break;
        const std::string t = trim(line);
        if (t == "---" || t == "...") {
            post.title = title;
            post.body = nxt <= text.size() ? text.substr(nxt) : std::string();
            return post;
        }
        if (line.rfind("title:", 0) == 0) title = unquote(line.substr(6));
        cur = nxt;
    }
    post.body = text.substr(pos);  // unterminated block: not front matter
    return post;
}

bool hidden(const fs::path& p) {
    const std::string n = p.filename().string();
    return n.size() > 1 && n[0] == '.' && n != "..";
}

std::vector<fs::path> list_posts(const fs::path& root) {
    std::vector<fs::path> out;
    for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied);
         it != fs::recursive_directory_iterator(); ++it) {
        if (it->is_directory() && hidden(it->path())) {
            it.disable_recursion_pending();
            continue;
        }
        const auto ext = it->path().extension();
        if (it->is_regular_file() && (ext == ".md" || ext == ".markdown")) out.push_back(it->path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

int cmd_index(const Args& a) {
    const fs::path root = a.positional[1];
    if (!fs::is_directory(root)) {
        std::cerr << "xapian_baseline: " << root.string() << ": not a folder\n";
        return kUsage;
    }
    Xapian::WritableDatabase db(a.positional[0], Xapian::DB_CREATE_OR_OPEN);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    if (a.mode == "cjk") tg.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);

    size_t indexed = 0, failed = 0;
    for (const fs::path& file : list_posts(root)) {
        try {
            const Post post = split_front_matter(read_file(file));
            std::string id = fs::relative(file, root).replace_extension().generic_string();
            Xapian::Document doc;
            doc.set_data(post.body);
            tg.set_document(doc);
            tg.index_text(post.title, 1, "S");
            tg.index_text(post.title);
            tg.increase_termpos();
            tg.index_text(post.body);
            const std::string idterm = "Q" + id;
            doc.add_boolean_term(idterm);
            db.replace_document(idterm, doc);
            ++indexed;
        } catch (const std::exception& e) {
            std::cerr << "xapian_baseline: " << file.string() << ": " << e.what() << "\n";
            ++failed;
        } catch (const Xapian::Error& e) {
            std::cerr << "xapian_baseline: " << file.string() << ": " << e.get_description() << "\n";
            ++failed;
        }
    }
    db.commit();
    std::cerr << "xapian_baseline: indexed=" << indexed << " failed=" << failed
              << " documents=" << db.get_doccount() << "\n";
    return failed ? kFail : 0;
}

// TREC docids cannot hold white space: percent-encode it (trec_eval.py decodes).
std::string trec_id(const std::string& id) {
    std::string out;
    for (unsigned char c : id) {
        if (c <= ' ' || c == '%' || c == 0x7f) {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string doc_id(const Xapian::Database& db, Xapian::docid did) {
    Xapian::TermIterator t = db.termlist_begin(did);
    t.skip_to("Q");
    if (t != db.termlist_end(did) && (*t).rfind("Q", 0) == 0) return (*t).substr(1);
    return "docid-" + std::to_string(did);
}

int cmd_search(const Args& a) {
    std::ifstream in(a.positional[1]);
    if (!in) {
        std::cerr << "xapian_baseline: " << a.positional[1] << ": cannot open\n";
        return kUsage;
    }
    Xapian::Database db(a.positional[0]);
    const bool cjk = a.mode == "cjk";
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(Xapian::Stem("english"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_default_op(Xapian::Query::OP_OR);
    qp.add_prefix("title", "S");
    const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | (cjk ? Xapian::QueryParser::FLAG_CJK_NGRAM : 0);
    const unsigned plain = 0;

    Xapian::Enquire enquire(db);  // BM25Weight with default parameters
    const std::string tag = "xapian-" + a.mode;
    size_t queries = 0, parse_errors = 0, unparsed = 0;
    std::string line;
    std::string out;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const auto tab = line.find('\t');
        if (tab == std::string::npos || trim(line).empty()) continue;
        const std::string qid = line.substr(0, tab);
        const std::string text = line.substr(tab + 1);
        ++queries;
        Xapian::Query query;
        try {
            query = qp.parse_query(text, flags);
        } catch (const Xapian::QueryParserError&) {
            ++parse_errors;
            try {
                query = qp.parse_query(text, plain);
            } catch (const Xapian::QueryParserError& e) {
                ++unparsed;
                std::cerr << "xapian_baseline: " << qid << ": " << e.get_msg() << "\n";
                continue;
            }
        }
        enquire.set_query(query);
        const Xapian::MSet mset = enquire.get_mset(0, a.limit);
        Xapian::doccount rank = 0;
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            char score[32];
            std::snprintf(score, sizeof score, "%.6f", it.get_weight());
            out += qid + " Q0 " + trec_id(doc_id(db, *it)) + " " + std::to_string(++rank) + " " + score +
                   " " + tag + "\n";
        }
        if (out.size() > (1u << 16)) {
            std::cout << out;
            out.clear();
        }
    }
    std::cout << out << std::flush;
    std::cerr << "xapian_baseline: queries=" << queries << " parse_errors=" << parse_errors
              << " unparsed=" << unparsed << "\n";
    return 0;
}

int cmd_bench(const Args& a) {
    const auto queries = bench::load_queries(a.positional[1]);
    bench::Options opt;
    opt.system = "xapian-" + a.mode;
    opt.threads = a.threads;
    opt.rounds = a.rounds;
    opt.limit = a.limit_given ? a.limit : 10;
    opt.tsv = a.tsv;
    const std::string path = a.positional[0];
    const bool cjk = a.mode == "cjk";
    struct State {
        Xapian::Database db;
        Xapian::QueryParser qp;
        Xapian::Enquire enquire;
        std::size_t sink = 0;  // bytes fetched, so that the fetch is not optimised away
        explicit State(const std::string& p) : db(p), enquire(db) {
            qp.set_database(db);
            qp.set_stemmer(Xapian::Stem("english"));
            qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
            qp.set_default_op(Xapian::Query::OP_OR);
            qp.add_prefix("title", "S");
        }
    };
    return bench::run(queries, opt, [&]() -> bench::Worker {
        std::shared_ptr<State> st;
        try {
            st = std::make_shared<State>(path);
        } catch (const Xapian::Error& e) {
            throw std::runtime_error(e.get_description());
        }
        const Xapian::doccount limit = static_cast<Xapian::doccount>(opt.limit);
        const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | (cjk ? Xapian::QueryParser::FLAG_CJK_NGRAM : 0);
        return [st, limit, flags](const bench::Query& q) -> std::size_t {
            std::string text = q.text;
            const bench::Parts parts = bench::split_query(q.text);
            if (!parts.tags.empty()) {
                text.clear();
                for (const auto& w : parts.words) text += (text.empty() ? "" : " ") + w;
                if (!parts.phrase.empty()) text += (text.empty() ? "\"" : " \"") + parts.phrase + "\"";
                if (parts.words.size() + !parts.phrase.empty() > 1) text = "(" + text + ")";
                for (const auto& t : parts.tags) text += " AND " + t;
            }
            try {
                Xapian::Query query;
                try {
                    query = st->qp.parse_query(text, flags);
                } catch (const Xapian::QueryParserError&) {
                    try {
                        query = st->qp.parse_query(text, 0);  // as in search: plain words
                    } catch (const Xapian::QueryParserError&) {
                        return 0;
                    }
                }
                st->enquire.set_query(query);
                const Xapian::MSet mset = st->enquire.get_mset(0, limit);
                std::size_t n = 0;
                for (auto it = mset.begin(); it != mset.end(); ++it, ++n)
                    st->sink += it.get_document().get_data().size() + doc_id(st->db, *it).size();
                return n;
            } catch (const Xapian::Error& e) {
                throw std::runtime_error(e.get_description());
            }
        };
    });
}

}  // namespace

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    Args a;
    if (argc >= 2 && (std::strcmp(argv[1], "-h") == 0 || std::strcmp(argv[1], "--help") == 0)) {
        std::cout << kUsageText;
        return 0;
    }
    if (!parse_args(argc, argv, a)) {
        std::cerr << kUsageText;
        return kUsage;
    }
    try {
        if (a.command == "bench") return cmd_bench(a);
        return a.command == "index" ? cmd_index(a) : cmd_search(a);
    } catch (const Xapian::Error& e) {
        std::cerr << "xapian_baseline: " << e.get_description() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "xapian_baseline: " << e.what() << "\n";
    }
    return kFail;
}
