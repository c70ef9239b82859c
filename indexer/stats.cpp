// Read-only inspection of an index: `newsidx stats` and `terms`, from the
// writer's handle (Index::stats/terms) or from a fresh read-only one
// (read_stats/read_terms, retried while a writer commits).
#include <newsidx/error.hpp>
#include <newsidx/index.hpp>

#include "index_folder.hpp"
#include "index_impl.hpp"
#include "lexicon.hpp"
#include "meta.hpp"
#include "schema.hpp"
#include "xapian_error.hpp"

#include <xapian.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace newsidx {

namespace {

IndexStats stats_of(const Xapian::Database& db, const std::string& path) {
    IndexStats s;
    s.path = path;
    s.documents = db.get_doccount();
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) ++s.terms;
    s.analyzer = db.get_metadata(schema::kMetaAnalyzer);
    s.problem = schema::read_stamp(db).problem();
    if (const auto dict = schema::user_lexicon(db)) s.dictionary_words = dict->entries.size();
    const std::string sv = db.get_metadata(schema::kMetaSchema);
    s.schema_version = sv.empty() ? 0 : std::atoi(sv.c_str());
    s.last_update = db.get_metadata(schema::kMetaUpdated);
    s.roots = schema::read_roots(db);
    s.post_extensions = schema::read_extensions(db);
    s.site_url = db.get_metadata(schema::kMetaSiteUrl);
    for (const auto& [root, rt] : schema::read_templates(db))
        for (const schema::RootTemplates::Entry& e : rt.templates)
            s.templates.push_back({root, rt.posts, e.posts, e.text});
    s.size_bytes = detail::IndexFolder::bytes(path);
    // Source sizes come from the stamps ("<size> <mtime_ns> <hash>").
    for (auto v = db.valuestream_begin(schema::kSlotStamp); v != db.valuestream_end(schema::kSlotStamp); ++v)
        s.source_bytes += std::strtoull((*v).c_str(), nullptr, 10);
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
    if (fs::is_directory(path)) {
        const detail::FolderCheck folder = detail::check_folder(path, false);
        if (folder.kind == detail::FolderCheck::Kind::Problem) throw IndexError(folder.problem);
    }
    for (detail::ModifiedRetry retry;;) {
        try {
            Xapian::Database db(path);
            if (fs::exists(path + "/iamglass")) {  // one index (not a sharded folder's stub)
                const std::string damage = detail::check_tables(path, db.get_doccount(), db.get_total_length(),
                                                                !db.get_metadata(schema::kMetaBuiltinSynonyms).empty());
                if (!damage.empty()) throw IndexError(damage);
            }
            return f(db);
        } catch (const Xapian::DatabaseModifiedError& e) {
            if (!retry.again()) detail::rethrow_xapian(e, path);
        } catch (const Xapian::DatabaseOpeningError& e) {
            if (!fs::is_directory(path))  // Xapian reads a file as a stub file
                throw IndexError(path + ": neither an index folder nor a Xapian stub file (" + e.get_msg() + ")");
            detail::rethrow_xapian(e, path);
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

std::string read_dictionary(const std::string& path) {
    return read_retrying(path, [](const Xapian::Database& db) { return schema::read_dictionary(db); });
}

}  // namespace newsidx
