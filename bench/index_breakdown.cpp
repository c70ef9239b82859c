// What each kind of term costs in a newsidx index: terms, postings, and the
// compacted bytes the index would lose without that kind (measured by
// rebuilding a copy without it and compacting both the same way).
//
//   index_breakdown DB [WORKDIR]
#include "fields.hpp"

#include <xapian.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// Kind of a term, from the schema's field table (schema/fields.hpp).
std::string kind_of(const std::string& t) {
    namespace schema = newsidx::schema;
    const schema::Field* f = schema::field_of_term(t);
    if (!f) return schema::prefixed(t) ? "filter" : "word";  // unprefixed: Hangul, Latin, digits
    if (f == &schema::kTitleField || f == &schema::kTitleBigramField || f == &schema::kBigramField ||
        f == &schema::kInitialsField)
        return std::string(f->zone);
    if (f->kind == schema::FieldKind::Bookkeeping) return "bookkeeping";
    return "filter";  // tags, categories, authors, the day's terms
}

std::uintmax_t dir_bytes(const fs::path& p) {
    std::uintmax_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(p))
        if (e.is_regular_file()) n += e.file_size();
    return n;
}

// Copies `src` keeping only the terms `keep` accepts, then compacts it.
std::uintmax_t rebuilt_size(const Xapian::Database& src, const fs::path& work, const std::string& name,
                            const std::function<bool(const std::string&)>& keep) {
    const fs::path raw = work / (name + ".raw"), out = work / name;
    fs::remove_all(raw);
    fs::remove_all(out);
    {
        Xapian::WritableDatabase db(raw.string(), Xapian::DB_CREATE);
        for (auto p = src.postlist_begin(""); p != src.postlist_end(""); ++p) {
            const Xapian::Document d = src.get_document(*p);
            Xapian::Document n;
            n.set_data(d.get_data());
            for (auto v = d.values_begin(); v != d.values_end(); ++v) n.add_value(v.get_valueno(), *v);
            for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) {
                if (!keep(*t)) continue;
                for (auto q = t.positionlist_begin(); q != t.positionlist_end(); ++q) n.add_posting(*t, *q, 0);
                n.add_term(*t, t.get_wdf());  // wdf as in the original
            }
            db.replace_document(*p, n);
        }
        db.commit();
    }
    Xapian::Database(raw.string()).compact(out.string());
    fs::remove_all(raw);
    const std::uintmax_t bytes = dir_bytes(out);
    fs::remove_all(out);
    return bytes;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: index_breakdown DB [WORKDIR]\n");
        return 2;
    }
    try {
        const Xapian::Database db(argv[1]);
        const fs::path work = argc > 2 ? fs::path(argv[2]) : fs::temp_directory_path() / "newsidx-breakdown";
        fs::create_directories(work);
        struct Row {
            std::uint64_t terms = 0, postings = 0;
        };
        std::map<std::string, Row> rows;
        for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
            Row& r = rows[kind_of(*t)];
            ++r.terms;
            r.postings += t.get_termfreq();
        }
        const std::uintmax_t full = rebuilt_size(db, work, "full", [](const std::string&) { return true; });
        std::printf("%-14s %10s %12s %14s %8s\n", "kind", "terms", "postings", "bytes (cost)", "share");
        for (const auto& [name, r] : rows) {
            const std::string kind = name;  // clang 14 cannot capture a structured binding
            const std::uintmax_t without =
                rebuilt_size(db, work, "without-" + kind, [&](const std::string& t) { return kind_of(t) != kind; });
            const double cost = static_cast<double>(full) - static_cast<double>(without);
            std::printf("%-14s %10llu %12llu %14.0f %7.1f%%\n", kind.c_str(), static_cast<unsigned long long>(r.terms),
                        static_cast<unsigned long long>(r.postings), cost, 100.0 * cost / static_cast<double>(full));
        }
        std::printf("%-14s %10s %12s %14ju\n", "whole (compacted)", "", "", full);
        fs::remove_all(work);
    } catch (const Xapian::Error& e) {
        std::fprintf(stderr, "index_breakdown: %s\n", e.get_description().c_str());
        return 3;
    }
    return 0;
}
