// Index's private parts, shared by indexer/index.cpp (open, add/sync/reindex
// with one writer, compact) and indexer/parts.cpp (the parallel first add).
#pragma once

#include <newsidx/analyzer.hpp>
#include <newsidx/index.hpp>
#include "typo.hpp"
#include "reader.hpp"

#include "boilerplate.hpp"
#include "index_folder.hpp"
#include "ingest.hpp"
#include "walk.hpp"

#include <xapian.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace newsidx::detail {

class Clock {
public:
    double seconds() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    }

private:
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// Counts a file that failed in `rep` and tells opts.on_error.
void report_failure(const AddOptions& opts, AddReport& rep, FileError fe);

// What an add, sync or reindex reports of each file, in file order: the
// counts in AddReport, the on_error / on_warning / on_progress callbacks
// (progress at most every 0.1 s, and once at the end).
class Tally {
public:
    Tally(const AddOptions& opts, AddReport& rep, std::size_t total) : opts_(opts), rep_(rep), prog_{0, total} {}

    void failed(FileError fe) { report_failure(opts_, rep_, std::move(fe)); }
    void warnings(const std::string& path, const std::vector<std::string>& ws) const;
    // The warning for a file whose id was another file's (`was_path`).
    static std::string replaced_warning(const std::string& id, const std::string& was_path) {
        return "id \"" + id + "\" was " + was_path + "; this file replaces it";
    }
    // Counts one file's fate (had_old: the index held its id before) and
    // moves the progress on. Failed and Gone report `error`; OptedOut says it.
    void outcome(FileResult::Kind kind, bool had_old, const std::string& path, std::string error);
    void finish() const;

private:
    const AddOptions& opts_;
    AddReport& rep_;
    Progress prog_;
    Clock clock_;
    double last_progress_ = -1;
};

// The files an add works on, in order: each path once (a path named twice is
// done once), only this shard's posts (AddOptions::accept_id). Collects the
// roots and, for sync, every path seen (another shard's too).
std::vector<std::uint32_t> plan_jobs(const std::vector<FoundFile>& files, const AddOptions& opts,
                                     std::set<std::string>& roots, std::set<std::string>* seen_paths);

// How many posts of a root there are and how many hold each of its candidate
// paragraphs (boilerplate.hpp) that may be a template (those held by fewer
// posts than the threshold are left out: a root of a million posts has tens
// of millions of paragraphs): of one database, or summed over shards.
struct ParagraphCounts {
    std::size_t posts = 0;
    std::map<std::uint64_t, std::size_t> holding;
};
using RootCounts = std::map<std::string, ParagraphCounts>;

}  // namespace newsidx::detail

namespace newsidx {

struct Index::Impl {
    explicit Impl(const std::string& p) : path(p), folder(p) {}

    std::string path;
    Xapian::WritableDatabase db;
    /// The words db lacks that the posts written since its last commit bring:
    /// filed in its typo table before every commit (schema/typo.hpp).
    schema::TypoFiler typo;
    // After db: the lock holder's note goes before the lock (members are destroyed in reverse).
    detail::IndexFolder folder;
    // With the index's user dictionary (`newsidx dict`), set when the database opens.
    Analyzer analyzer;
    PostReader reader;
    // The posts were analyzed with another analyzer or dictionary than the
    // index's (opened for reindex, or after set_dictionary): only reindex may write.
    bool outdated = false;
    // IndexError with the stamp's problem when `outdated`.
    void refuse_if_outdated();
    DictionaryReport store_dictionary(const std::string& canonical);

    [[noreturn]] void fail(const Xapian::Error& e);

    // The doc id holding unique term `t`, or 0.
    Xapian::docid find(const std::string& t);

    // Records the roots (with those already there), schema, analyzer, time,
    // and the post extensions when an add named new ones (extensions_to_write).
    void write_meta(const std::set<std::string>& new_roots);

    // `opts` with its extensions made the index's: those stored and those
    // given, checked and in canonical form (post_extension). New ones are
    // written with the next write_meta.
    // Also takes opts.site_url: checked, then the reader builds URLs under it
    // and write_meta stores it (site_url_to_write).
    AddOptions with_extensions(const AddOptions& opts);
    std::string extensions_to_write;  // "" when nothing new
    std::optional<std::string> site_url_to_write;  // a changed site URL ("" = cleared)

    // What database `d` holds for unique term `idterm`, about file `path`.
    static detail::Known known_in(Xapian::Database& d, const std::string& idterm, const std::string& path);
    detail::Known known(const std::string& idterm, const std::string& path) { return known_in(db, idterm, path); }

    // The source path stored with document `did` ("" if none).
    static std::string stored_path_in(Xapian::Database& d, Xapian::docid did);
    std::string stored_path(Xapian::docid did) { return stored_path_in(db, did); }

    // Writes what ingesting `job` gave into `d`: the one routine of both
    // writers (run_jobs; each part of a parallel add). Deletes the post's old
    // document when its file is gone or unpublished; replaces it by its id
    // (by docid for reindex) when indexed, telling `replaced` (if set) first
    // when the id was another file's (Tally::replaced_warning).
    static void apply(Xapian::WritableDatabase& d, schema::TypoFiler& typo, const detail::FileJob& job, const detail::FileResult& res,
                      const std::function<void(std::string)>& replaced);

    // The job that re-analyzes stored post `did` from its stored source path
    // (reindex, a template refresh): false when that file is gone (the job
    // is then settled with no stat; the caller says what that means).
    bool reindex_job(Xapian::docid did, detail::FileJob& job);

    // Makes the next job in order (false: no more). A job can come settled.
    using NextJob = std::function<bool(detail::FileJob&, detail::FileResult&)>;

    // The loop add, sync and reindex share: jobs made in order by `next` are
    // ingested by the workers (--jobs) and written here, on this thread, in
    // the same order, committing every opts.batch_bytes of source.
    void run_jobs(std::size_t total, const NextJob& next, const AddOptions& opts, AddReport& rep);

    // The parallel first add (AddOptions::parts_min_posts) of the planned
    // files: false if it does not apply, and nothing was done
    // (indexer/parts.cpp).
    bool index_in_parts(const std::vector<detail::FoundFile>& files, const std::vector<std::uint32_t>& plan,
                        const std::set<std::string>& roots, const AddOptions& opts, AddReport& rep);
    // Merges the part databases beside the index into it (a finished
    // parallel add, or one killed: its committed posts), then removes them.
    void merge_parts();
    // Puts the database built in `tmp` (compact_dir) in place of the index
    // and reopens it; `what` names the operation in errors.
    void swap_in(const std::string& tmp, const std::string& what);

    // Templates (boilerplate.hpp, indexer/index_templates.cpp). `templates`:
    // each root's as last computed (kMetaTemplates), given to ingest.
    // `defer_templates`: a shard of a sharded index, whose ShardedIndex counts
    // over every shard and refreshes them all. `touched_roots`: the roots the
    // last add, sync, remove or reindex worked on.
    detail::TemplateSets templates;
    bool defer_templates = false;
    std::set<std::string> touched_roots;

    // Loads `templates` from the metadata.
    void load_templates();
    // A root's first add (no post of it in this database, 20 or more to
    // add): its templates counted from the planned files before they are
    // analyzed, so that they are not analyzed twice (refresh_templates
    // would find them all stale). Only a saving: refresh_templates still
    // decides. Not for a shard (defer_templates), which sees a part of the root.
    void prescan_templates(const std::vector<detail::FoundFile>& files, const std::vector<std::uint32_t>& plan,
                           const AddOptions& opts);
    // This database's posts of `root`.
    std::size_t root_posts(const std::string& root);
    // This database's posts of `root`, and its paragraphs held by at least
    // `at_least` of them (none for 0), with their counts.
    detail::ParagraphCounts paragraph_counts(const std::string& root, std::size_t at_least);
    // How many of this database's posts hold paragraph `hash` of `root`.
    std::size_t paragraph_holding(const std::string& root, std::uint64_t hash);
    // The text of paragraph `hash` of `root`, read again from the source of a
    // post of this database holding it ("" if none can be read).
    std::string paragraph_text(const std::string& root, std::uint64_t hash);
    // Brings the posts of the roots in `counts` in line with the templates
    // those counts make: re-ingests only the posts built with another set
    // (found by their XH/XHT terms), records the templates (kMetaTemplates)
    // and commits. `text_of` finds a new template's text. Adds the posts
    // re-analyzed to rep.retemplated; returns how many.
    std::size_t refresh_templates(const detail::RootCounts& counts,
                                  const std::function<std::string(const std::string&, std::uint64_t)>& text_of,
                                  const AddOptions& opts, AddReport& rep);
    // refresh_templates with this database's own counts, for touched_roots
    // (nothing for a shard: defer_templates), until nothing changes (a post
    // re-read may have changed meanwhile; at most three rounds).
    void refresh_own_templates(const AddOptions& opts, AddReport& rep);

    // Indexes the found files; `seen_paths` receives the paths seen (for sync).
    AddReport index_files(const std::vector<detail::FoundFile>& files, const AddOptions& opts,
                          std::vector<FileError> walk_errors, std::set<std::string>* seen_paths);
};

namespace detail {
// The library's way into an Index (ShardedIndex: templates over every shard).
struct IndexAccess {
    static Index::Impl& of(Index& i) { return *i.impl_; }
};
}  // namespace detail

}  // namespace newsidx
