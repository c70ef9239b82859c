#include <newsidx/analyzer.hpp>
#include <newsidx/error.hpp>
#include <newsidx/index.hpp>
#include <newsidx/site_url.hpp>
#include "reader.hpp"

#include "document.hpp"
#include "index_folder.hpp"
#include "index_impl.hpp"
#include "ingest.hpp"
#include "lexicon.hpp"
#include "meta.hpp"
#include "schema.hpp"
#include "site_url.hpp"
#include "stored_post.hpp"
#include "synonyms.hpp"
#include "typo.hpp"
#include "walk.hpp"
#include "xapian_error.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <sstream>

namespace fs = std::filesystem;

namespace newsidx {

namespace {

using detail::now_iso;

bool read_all(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return !in.bad();
}

}  // namespace

const char* version() { return NEWSIDX_VERSION; }

std::string default_db_path() {
    if (const char* e = std::getenv("NEWSIDX_DB"); e && *e) return e;
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) return std::string(x) + "/newsidx/db";
    if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.local/share/newsidx/db";
    return ".newsidx-db";
}

void Index::Impl::fail(const Xapian::Error& e) { detail::rethrow_xapian(e, path); }

Xapian::docid Index::Impl::find(const std::string& t) {
    Xapian::PostingIterator p = db.postlist_begin(t);
    return p == db.postlist_end(t) ? 0 : *p;
}

void Index::Impl::write_meta(const std::set<std::string>& new_roots) {
    schema::add_roots(db, new_roots);
    if (!extensions_to_write.empty()) db.set_metadata(schema::kMetaExtensions, extensions_to_write);
    if (site_url_to_write) db.set_metadata(schema::kMetaSiteUrl, *site_url_to_write);  // "" removes it
    schema::write_stamp(db);
    db.set_metadata(schema::kMetaUpdated, now_iso());
}

detail::Known Index::Impl::known_in(Xapian::Database& d, const std::string& idterm, const std::string& path) {
    detail::Known k;
    Xapian::PostingIterator p = d.postlist_begin(idterm);
    k.did = p == d.postlist_end(idterm) ? 0 : *p;
    if (!k.did) return k;
    const Xapian::Document od = d.get_document(k.did);
    k.stamp = od.get_value(schema::kSlotStamp);
    // The termlist holds the draft flag and the path: no need to parse the
    // stored JSON (which carries up to a MiB of text) for each file.
    const std::string pterm = schema::term(schema::kPath, path);
    Xapian::TermIterator t = od.termlist_begin();
    t.skip_to(std::string(schema::kDraft));
    k.draft = t != od.termlist_end() && *t == schema::kDraft;
    t.skip_to(pterm);
    k.same_path = t != od.termlist_end() && *t == pterm;
    return k;
}

std::string Index::Impl::stored_path_in(Xapian::Database& d, Xapian::docid did) {
    return schema::decode_post(d.get_document(did).get_data()).path;
}

void Index::Impl::apply(Xapian::WritableDatabase& d, schema::TypoFiler& typo, const detail::FileJob& job, const detail::FileResult& res,
                        const std::function<void(std::string)>& replaced) {
    using Kind = detail::FileResult::Kind;
    switch (res.kind) {
    case Kind::Failed:
    case Kind::Unchanged: break;
    case Kind::Gone:
    case Kind::Unpublished:
    case Kind::OptedOut:
        if (job.old.did) d.delete_document(job.old.did);
        break;
    case Kind::Index:
        if (replaced && !job.reindex && job.old.did && !job.old.same_path)
            if (const std::string was = stored_path_in(d, job.old.did); !was.empty())
                replaced(detail::Tally::replaced_warning(job.id, was));
        typo.note(d, res.doc);  // before the post: the words it brings that the index lacks
        if (job.reindex) d.replace_document(job.old.did, res.doc);
        else d.replace_document(schema::term(schema::kId, job.id), res.doc);
        break;
    }
}

Index::Index(const std::string& path, bool allow_version_mismatch) : impl_(std::make_unique<Impl>(path)) {
    const detail::FolderCheck::Kind held = impl_->folder.prepare_writer();
    try {
        impl_->db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
    } catch (const Xapian::DatabaseLockError& e) {
        const std::string holder = impl_->folder.describe_holder();
        throw LockError(path + ": the index is locked by " +
                        (holder.empty() ? "another newsidx process" : holder) +
                        "; only one writer at a time: try again when it has finished");
    } catch (const Xapian::DatabaseOpeningError& e) {
        // The version file names a table that is not there (Xapian opens
        // every table for writing): damage, not a missing index.
        if (held == detail::FolderCheck::Kind::Index) throw IndexError(detail::damaged_message(path, e.get_msg()));
        impl_->fail(e);
    } catch (const Xapian::Error& e) {
        impl_->fail(e);
    }
    // The note, and a compaction or a parts merge killed before its swap, or
    // after it, cleared: only now that this writer holds the lock.
    impl_->folder.locked();
    try {
        const std::string damage =
            detail::check_tables(path, impl_->db.get_doccount(), impl_->db.get_total_length(),
                                 !impl_->db.get_metadata(schema::kMetaBuiltinSynonyms).empty());
        if (!damage.empty()) throw IndexError(damage);
        const schema::Stamp stamp = schema::read_stamp(impl_->db);
        if (stamp.state == schema::Stamp::State::Foreign)
            throw IndexError(path + ": " + stamp.problem() + "; give another --db");
        // The index's own analysis before any: its user dictionary and the
        // user's synonym groups its posts were analyzed with (reindex adopts new ones).
        impl_->analyzer = Analyzer(detail::analyzer_config(impl_->db));
        impl_->reader.set_site_url(impl_->db.get_metadata(schema::kMetaSiteUrl));  // `add --site-url`
        impl_->outdated = stamp.state == schema::Stamp::State::Outdated;
        if (stamp.state == schema::Stamp::State::Fresh) {  // a new index says from the start what built it
            impl_->write_meta({});
            impl_->typo.flush(impl_->db);
            impl_->db.commit();
        }
        // The built-in synonyms, (re)loaded whenever this build's list differs.
        const std::string builtin_hash = schema::hash_hex(detail::builtin_synonyms());
        if (impl_->db.get_metadata(schema::kMetaBuiltinSynonyms) != builtin_hash) {
            detail::store_synonyms(impl_->db, impl_->analyzer,
                                   detail::parse_synonyms(detail::builtin_synonyms(), "corpus/synonyms.txt"));
            impl_->db.set_metadata(schema::kMetaBuiltinSynonyms, builtin_hash);
            impl_->typo.flush(impl_->db);
            impl_->db.commit();
        }
        if (stamp.state == schema::Stamp::State::Outdated && !allow_version_mismatch)
            throw IndexError(path + ": " + stamp.problem());
        impl_->merge_parts();  // a parallel add killed before its merge
        impl_->load_templates();
    } catch (const Xapian::Error& e) {
        impl_->fail(e);
    }
}

Index::~Index() = default;
Index::Index(Index&&) noexcept = default;
Index& Index::operator=(Index&&) noexcept = default;

const std::string& Index::path() const { return impl_->path; }

void Index::Impl::run_jobs(std::size_t total, const NextJob& next, const AddOptions& opts, AddReport& rep) {
    using Kind = detail::FileResult::Kind;
    const detail::IngestSettings settings{&reader, &analyzer, opts.force, opts.drafts, &templates};
    const unsigned workers = detail::worker_count(opts.jobs);
    detail::Tally tally(opts, rep, total);
    std::size_t batch = 0;
    std::unordered_map<std::string, unsigned> in_flight_ids;  // ids of jobs not yet written

    // Add: what the index holds for the job's id; settles a file whose
    // stamp (size, mtime) is unchanged. Returns true if settled.
    auto look_up = [&](detail::FileJob& job, detail::FileResult& res) {
        if (job.reindex) return false;
        job.old = known(schema::term(schema::kId, job.id), job.path);
        const bool reusable = job.old.did && !opts.force && job.old.same_path && (opts.drafts || !job.old.draft);
        if (reusable &&
            job.old.stamp.rfind(detail::stat_stamp(job.st) + " " + site::site_stamp(job.path, reader.site_url()) + " ", 0) == 0) {
            res.kind = Kind::Unchanged;
            return true;
        }
        return false;
    };
    auto write = [&](detail::FileJob& job, detail::FileResult& res) {
        if (auto it = in_flight_ids.find(job.id); it != in_flight_ids.end() && --it->second == 0)
            in_flight_ids.erase(it);
        if (job.deferred) {  // an earlier job of this run wrote this id: look again, work here
            if (!look_up(job, res)) res = detail::ingest(job, settings);
        }
        if (res.fatal) std::rethrow_exception(res.fatal);
        tally.warnings(job.path, res.warnings);
        std::function<void(std::string)> replaced;
        if (opts.on_warning) replaced = [&](std::string w) { opts.on_warning(job.path, w); };
        apply(db, typo, job, res, replaced);
        batch += res.bytes;
        if (batch >= opts.batch_bytes) {
            typo.flush(db, true);  // more batches to come
            db.commit_transaction();
            db.begin_transaction();
            batch = 0;
        }
        tally.outcome(res.kind, job.old.did != 0, job.path, std::move(res.error));
    };

    // Jobs in flight: a few per worker, and a bounded amount of source (the
    // documents they become are ~10-30x larger).
    detail::Pipeline pipe(workers, settings, std::max(1u, workers) * 4, 4u << 20);
    detail::FileJob job;
    detail::FileResult settled;
    auto stop_asked = [&] { return opts.stop && opts.stop() && (rep.stopped = true); };
    while (!stop_asked() && next(job, settled)) {
        // A job whose id an earlier job in flight also has is looked up
        // when that one is written, as a serial run would.
        if (!job.settled && !(job.deferred = in_flight_ids.count(job.id) > 0)) job.settled = look_up(job, settled);
        while (pipe.full(static_cast<std::uint64_t>(job.st.st_size))) {
            auto [j, r] = pipe.take();
            write(j, r);
        }
        ++in_flight_ids[job.id];
        pipe.submit(std::move(job), std::move(settled));
        job = {};
        settled = {};
    }
    while (pipe.in_flight()) {
        auto [j, r] = pipe.take();
        write(j, r);
    }
    tally.finish();
}

AddReport Index::Impl::index_files(const std::vector<detail::FoundFile>& files, const AddOptions& opts,
                                   std::vector<FileError> walk_errors, std::set<std::string>* seen_paths) {
    detail::Clock clock;
    AddReport rep;
    for (FileError& fe : walk_errors) detail::report_failure(opts, rep, std::move(fe));
    std::set<std::string> roots;
    const std::vector<std::uint32_t> plan = detail::plan_jobs(files, opts, roots, seen_paths);
    touched_roots = roots;
    prescan_templates(files, plan, opts);
    try {
        if (index_in_parts(files, plan, roots, opts, rep)) {
            rep.seconds = clock.seconds();
            return rep;
        }
    } catch (const Xapian::Error& e) {
        fail(e);
    }
    std::size_t i = 0;
    // Settles a stat failure.
    auto next = [&](detail::FileJob& job, detail::FileResult& res) {
        if (i == plan.size()) return false;
        const detail::FoundFile& f = files[plan[i++]];
        job.path = f.path;
        job.root = f.root;
        job.id = post_id_for(f.path, f.root, opts.id_prefix, opts.extensions);
        if (::stat(f.path.c_str(), &job.st) != 0) {
            job.st = {};
            job.settled = true;
            res.error = f.path + ": cannot read: " + std::strerror(errno);
        }
        return true;
    };
    try {
        db.begin_transaction();
        run_jobs(files.size(), next, opts, rep);
        write_meta(roots);
        typo.flush(db);
        db.commit_transaction();
    } catch (const Xapian::Error& e) {
        try {
            db.cancel_transaction();
        } catch (const Xapian::Error&) {
        }
        typo.forget();  // what it filed may not be committed
        fail(e);
    }
    rep.seconds = clock.seconds();
    return rep;
}

namespace {

std::vector<detail::FoundFile> find(const std::vector<std::string>& paths, const AddOptions& opts,
                                    std::vector<FileError>& errors) {
    std::vector<std::string> links;
    std::vector<std::pair<std::string, std::string>> notes;
    auto files = detail::find_posts(paths, opts.excludes, errors, opts.follow_symlinks, &links, &notes, opts.extensions);
    if (opts.on_warning) {
        for (const std::string& l : links) opts.on_warning(l, std::string(kSymlinkNotFollowed));
        for (const auto& [folder, note] : notes) opts.on_warning(folder, note);
    }
    return files;
}

}  // namespace

AddOptions Index::Impl::with_extensions(const AddOptions& opts) {
    AddOptions o = opts;
    site_url_to_write.reset();
    if (opts.site_url) {
        if (!opts.site_url->empty())
            if (const std::string problem = site_url_problem(*opts.site_url); !problem.empty())
                throw Error("site URL: " + problem);
        const std::string url = normalize_site_url(*opts.site_url);
        if (url != reader.site_url()) {
            site_url_to_write = url;
            reader.set_site_url(url);
        }
    }
    std::set<std::string> all;
    for (const std::string& e : opts.extensions) all.insert(detail::post_extension(e));  // throws first
    all.erase("md");
    all.erase("markdown");
    std::set<std::string> had;
    try {
        for (std::string& e : schema::read_extensions(db)) had.insert(std::move(e));
    } catch (const Xapian::Error& e) {
        fail(e);
    }
    all.insert(had.begin(), had.end());
    o.extensions.assign(all.begin(), all.end());
    extensions_to_write.clear();
    if (all != had)
        for (const std::string& e : all) (extensions_to_write.empty() ? extensions_to_write : extensions_to_write += ',') += e;
    return o;
}

std::vector<std::string> Index::post_extensions() const {
    try {
        return schema::read_extensions(impl_->db);
    } catch (const Xapian::Error& e) {
        impl_->fail(e);
    }
}

void Index::Impl::refuse_if_outdated() {
    if (!outdated) return;
    try {
        throw IndexError(path + ": " + schema::read_stamp(db).problem());
    } catch (const Xapian::Error& e) {
        fail(e);
    }
}

AddReport Index::add(const std::vector<std::string>& paths, const AddOptions& given) {
    impl_->refuse_if_outdated();  // new posts beside posts of another analysis would pass for current
    const AddOptions opts = impl_->with_extensions(given);
    std::vector<FileError> errors;
    const auto files = find(paths, opts, errors);
    detail::Clock clock;
    AddReport rep = impl_->index_files(files, opts, std::move(errors), nullptr);
    if (!rep.stopped) impl_->refresh_own_templates(opts, rep);
    rep.seconds = clock.seconds();  // the templates' re-analysis included
    return rep;
}

AddReport Index::sync(const std::string& dir, const AddOptions& given) {
    impl_->refuse_if_outdated();
    const AddOptions opts = impl_->with_extensions(given);
    std::vector<FileError> errors;
    const std::string root = detail::absolute_path(dir);
    if (!fs::is_directory(root)) throw Error(dir + ": not a folder (sync takes the folder given to add)");
    const auto files = find({root}, opts, errors);
    detail::Clock clock;
    std::set<std::string> seen;
    AddReport rep = impl_->index_files(files, opts, std::move(errors), &seen);
    if (rep.stopped) return rep;  // the files not reached were not looked at: none is gone
    try {
        const std::string rterm = schema::term(schema::kRoot, root);
        std::vector<Xapian::docid> gone;
        for (auto p = impl_->db.postlist_begin(rterm); p != impl_->db.postlist_end(rterm); ++p) {
            if (!seen.count(schema::decode_post(impl_->db.get_document(*p).get_data()).path)) gone.push_back(*p);
        }
        impl_->db.begin_transaction();
        for (Xapian::docid d : gone) impl_->db.delete_document(d);
        impl_->db.set_metadata(schema::kMetaUpdated, now_iso());
        impl_->db.commit_transaction();
        rep.removed += gone.size();
    } catch (const Xapian::Error& e) {
        impl_->fail(e);
    }
    impl_->touched_roots.insert(root);
    impl_->refresh_own_templates(opts, rep);
    rep.seconds = clock.seconds();
    return rep;
}

std::size_t Index::remove(const std::vector<std::string>& names, std::vector<std::string>* not_found) {
    impl_->refuse_if_outdated();  // its template refresh re-analyzes posts
    std::size_t removed = 0;
    impl_->touched_roots.clear();
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
            for (Xapian::docid d : hits) {
                impl_->touched_roots.insert(schema::decode_post(db.get_document(d).get_data()).root);
                db.delete_document(d);
            }
            removed += hits.size();
        }
        db.set_metadata(schema::kMetaUpdated, now_iso());
        impl_->typo.flush(db);
        db.commit_transaction();
    } catch (const Xapian::Error& e) {
        impl_->fail(e);
    }
    AddReport rep;  // the posts re-analyzed are not reported: remove returns a count
    impl_->refresh_own_templates(AddOptions{}, rep);
    return removed;
}

bool Index::Impl::reindex_job(Xapian::docid did, detail::FileJob& job) {
    schema::StoredPost stored = schema::decode_post(db.get_document(did).get_data());
    job.id = std::move(stored.id);
    job.path = std::move(stored.path);
    job.root = std::move(stored.root);
    job.old.did = did;
    job.old.same_path = true;
    job.reindex = true;
    if (!job.path.empty() && ::stat(job.path.c_str(), &job.st) == 0) return true;
    job.st = {};
    job.settled = true;
    return false;
}

AddReport Index::reindex(const AddOptions& opts) {
    detail::Clock clock;
    AddReport rep;
    Xapian::WritableDatabase& db = impl_->db;
    try {
        std::vector<Xapian::docid> dids;
        for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) dids.push_back(*p);
        std::size_t i = 0;
        // The same per-file work as add, from each post's stored source path.
        auto next = [&](detail::FileJob& job, detail::FileResult& res) {
            if (i == dids.size()) return false;
            if (!impl_->reindex_job(dids[i++], job)) {
                res.kind = detail::FileResult::Kind::Gone;
                res.error = (job.path.empty() ? job.id : job.path) + ": source file is gone; post dropped";
            }
            return true;
        };
        db.begin_transaction();
        // Every post is analyzed again: with the user's synonym groups added
        // since the last reindex (their members get concept terms).
        detail::adopt_user_groups(db);
        impl_->analyzer = Analyzer(detail::analyzer_config(db));
        AddOptions o = opts;
        o.force = true;
        impl_->run_jobs(dids.size(), next, o, rep);
        if (!rep.stopped) impl_->write_meta({});  // else the index still says it needs a reindex
        impl_->typo.flush(db);
        db.commit_transaction();
        if (!rep.stopped) impl_->outdated = false;
        const std::vector<std::string> roots = schema::read_roots(db);
        impl_->touched_roots = {roots.begin(), roots.end()};
    } catch (const Xapian::Error& e) {
        try {
            db.cancel_transaction();
        } catch (const Xapian::Error&) {
        }
        impl_->typo.forget();  // what it filed may not be committed
        impl_->fail(e);
    }
    if (!rep.stopped) impl_->refresh_own_templates(opts, rep);
    rep.seconds = clock.seconds();
    return rep;
}

CompactReport Index::compact() {
    detail::Clock clock;
    CompactReport rep;
    Impl& im = *impl_;
    const std::string tmp = im.folder.compact_dir();
    rep.bytes_before = detail::IndexFolder::bytes(im.path);
    std::error_code ec;
    fs::remove_all(tmp, ec);
    try {
        im.typo.flush(im.db);
        im.db.commit();
        const Xapian::doccount docs = im.db.get_doccount();
        im.db.compact(tmp);  // the committed revision; Xapian syncs the new tables
        if (Xapian::Database(tmp).get_doccount() != docs)
            throw IndexError(im.path + ": compaction lost documents; the index is left as it was");
    } catch (const Xapian::Error& e) {
        fs::remove_all(tmp, ec);
        im.fail(e);
    } catch (...) {
        fs::remove_all(tmp, ec);
        throw;
    }
    im.swap_in(tmp, "compacted");
    rep.bytes_after = detail::IndexFolder::bytes(im.path);
    rep.seconds = clock.seconds();
    return rep;
}

void Index::Impl::swap_in(const std::string& tmp, const std::string& what) {
    std::error_code ec;
    if (const std::string problem = folder.swap_in(tmp); !problem.empty()) {
        fs::remove_all(tmp, ec);
        throw IndexError(path + ": cannot swap in the " + what + " index (" + problem + "); the index is left as it was");
    }
    // From here `path` is the new index; `tmp` the old one, still locked by
    // our handle until it is closed. Reopen the new one: a writer that
    // started in this instant gets the lock first, and we say so.
    try {
        db.close();
    } catch (const Xapian::Error&) {
    }
    fs::remove_all(tmp, ec);
    try {
        db = Xapian::WritableDatabase(path, Xapian::DB_OPEN);
    } catch (const Xapian::DatabaseLockError&) {
        throw LockError(path + ": " + what + ", but another writer took the lock at once; this handle is closed");
    } catch (const Xapian::Error& e) {
        fail(e);
    }
    folder.locked();
}

DictionaryReport Index::Impl::store_dictionary(const std::string& canonical) {
    DictionaryReport r;
    try {
        r.changed = schema::write_dictionary(db, canonical);
        if (r.changed) {
            db.set_metadata(schema::kMetaUpdated, now_iso());
            typo.flush(db);
            db.commit();
        }
        auto lexicon = schema::user_lexicon(db);
        r.words = lexicon ? lexicon->entries.size() : 0;
        analyzer = Analyzer(detail::analyzer_config(db));  // what a reindex through this handle analyzes with
        outdated = schema::read_stamp(db).state == schema::Stamp::State::Outdated;
        r.reindex_needed = outdated;
    } catch (const Xapian::Error& e) {
        fail(e);
    }
    return r;
}

DictionaryReport Index::set_dictionary(const std::string& file) {
    std::string text;
    if (!read_all(file, text)) throw Error(file + ": cannot read: " + std::strerror(errno));
    return impl_->store_dictionary(detail::parse_user_lexicon(text, file).canonical());
}

DictionaryReport Index::clear_dictionary() { return impl_->store_dictionary(""); }

std::size_t Index::add_synonyms(const std::string& file) {
    std::string text;
    if (!read_all(file, text)) throw Error(file + ": cannot read: " + std::strerror(errno));
    const detail::SynonymGroups groups = detail::parse_synonyms(text, file);
    try {
        const std::size_t n = detail::store_synonyms(impl_->db, impl_->analyzer, groups);
        detail::add_user_groups(impl_->db, groups);  // concept terms after `reindex`
        impl_->db.set_metadata(schema::kMetaUpdated, now_iso());
        impl_->typo.flush(impl_->db);
        impl_->db.commit();
        return n;
    } catch (const Xapian::Error& e) {
        impl_->fail(e);
    }
}

}  // namespace newsidx
