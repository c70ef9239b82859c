// newsidx — the index: create/open, add, remove, sync, reindex, stats.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace newsidx {

namespace detail {
struct IndexAccess;  // the library's own way in (sharding: templates counted over every shard)
}

/// A file that could not be indexed, and why (what() of the PostError).
struct FileError {
    std::string path;
    std::string message;
};

/// Progress of a long add/sync/reindex, reported at most ~10 times a second.
struct Progress {
    std::size_t done = 0;   ///< files processed so far
    std::size_t total = 0;  ///< files found
};

/// The warning (AddOptions::on_warning) for a symbolic link to a folder that
/// was left out because AddOptions::follow_symlinks is off.
inline constexpr const char* kSymlinkNotFollowed =
    "a symbolic link to a folder, not followed (give --follow-symlinks to index what it points to)";

/// The start of the warning (AddOptions::on_warning, for the folder given)
/// when a folder given to add holds files but no post.
inline constexpr const char* kNoPostsHere = "no .md or .markdown post here";

/// The warning (AddOptions::on_warning) for a post skipped as a draft
/// (counted in AddReport::skipped); `newsidx add -v` prints it.
inline constexpr const char* kSkippedDraft =
    "skipped: a draft (published: false, or under _drafts/); --drafts indexes it";

/// The warning (AddOptions::on_warning) for a post whose front matter keeps
/// it out of search (`reason`: "search: false" or "exclude_from_search:
/// true"), counted in AddReport::skipped and opted_out; --drafts does not
/// index it. `newsidx add -v` prints it.
inline std::string skipped_opt_out(const std::string& reason) {
    return "skipped: opted out of search (" + reason + ")";
}

struct AddOptions {
    std::string id_prefix;              ///< ids become "<prefix>/<relative path>"
    bool drafts = false;                ///< index _drafts/ and `published: false` posts
    std::vector<std::string> excludes;  ///< glob patterns (fnmatch, matched on relative paths and names)
    /// Other file extensions whose files are posts too, without the dot
    /// (`--ext txt`; letters and digits, any case): a folder walk takes
    /// *.txt beside *.md and *.markdown, and a post's id drops the extension
    /// as it drops .md. The index remembers them (Index::post_extensions):
    /// later adds, syncs and watches of it take them too, so a sync without
    /// the option keeps those posts. A bad one throws Error before anything
    /// is read.
    std::vector<std::string> extensions;
    /// The site URL post URLs are built under (`--site-url`,
    /// http(s)://host[:port][/path]; README "Post URLs"), in place of the
    /// `url` + `baseurl` of the posts' _config.yml: their URLs become
    /// absolute. The index remembers it, like `extensions`: unset keeps the
    /// one stored (if any), "" clears it (URLs are again built from the
    /// _config.yml alone), a new one replaces it and re-derives every post's
    /// URL at this add. A bad one throws Error before anything is read.
    std::optional<std::string> site_url;
    /// Walk into symbolic links to folders inside the given folders (each
    /// real folder once: loops and second links are skipped). Off: such a
    /// link is left out, with a warning (on_warning) naming it — a link to
    /// `/` must not put the whole file system in the index.
    bool follow_symlinks = false;
    bool force = false;                 ///< re-analyze even unchanged files
    /// Bytes of post text analyzed between commits. Xapian's own
    /// XAPIAN_FLUSH_THRESHOLD counts documents; this bounds memory by size.
    /// Xapian holds ~24 bytes of pending postings per byte of post text, so
    /// 2 MiB keeps a batch near 75 MB; it was also the fastest size measured
    /// (bench/RESULTS.md: 2 MiB 61 s, 8 MiB 63 s, 64 MiB 90 s on 10k posts).
    std::size_t batch_bytes = 2u << 20;
    /// Threads that read, parse and analyze posts while this thread writes
    /// (Xapian has one writer); 0 = one per core, 1 = all on this thread.
    /// The index, the messages and their order are the same for any value.
    unsigned jobs = 0;
    /// Parallel writing: an add into an empty index of at least this many
    /// posts, with two or more jobs, is written as part databases beside the
    /// index (see part_posts; each worker reads, analyzes and writes its
    /// parts, all on its thread), merged into it by Xapian compaction at
    /// the end. Readers see the posts at that merge, not batch by batch; a
    /// run killed before it leaves its committed parts to the next writer,
    /// which merges them. The posts, terms, values and messages are the same
    /// as with one writer. 0: never.
    std::size_t parts_min_posts = 1000;
    /// A parallel add's parts hold at most this many posts each (as many
    /// parts as a multiple of the workers; 64 at most, so larger runs get
    /// larger parts): a worker done with a part takes the next one.
    /// Xapian's commits cost more per post as a database grows, so smaller
    /// parts add faster; the merge at the end joins them in one pass
    /// (bench/RESULTS.md).
    std::size_t part_posts = 10000;
    std::function<void(const Progress&)> on_progress;  ///< optional
    std::function<void(const FileError&)> on_error;    ///< optional, called as errors happen
    std::function<void(const std::string& path, const std::string& warning)> on_warning;  ///< optional
    /// Optional (sharding, newsidx/shards.hpp): posts whose id this rejects are
    /// left alone by this index — neither indexed nor counted nor removed.
    std::function<bool(const std::string& id)> accept_id;
    /// Optional: a way to stop a long run early (a cancel button, a signal,
    /// a shutdown). Asked before each post is taken, from the thread that
    /// called add() or from the worker threads, so it must be thread-safe
    /// (e.g. read a std::atomic<bool>). Once it returns true, no further post
    /// is started; the posts already done are committed (a parallel first
    /// add merges its parts), AddReport::stopped is set, and a sync removes
    /// nothing. Adding again continues: unchanged files are skipped.
    std::function<bool()> stop;
};

struct AddReport {
    std::size_t added = 0, updated = 0, unchanged = 0, skipped = 0, failed = 0, removed = 0;
    /// Of `skipped`, the posts whose front matter opts out of search
    /// (`search: false`, `exclude_from_search: true`); the rest are drafts.
    std::size_t opted_out = 0;
    /// Posts re-analyzed (not counted above) because a template of their root
    /// appeared or went (README "Templates"): only the posts holding it.
    std::size_t retemplated = 0;
    double seconds = 0;
    std::vector<FileError> errors;
    bool stopped = false;  ///< AddOptions::stop ended the run before every file was done
};

/// What `compact` did.
struct CompactReport {
    std::uint64_t bytes_before = 0, bytes_after = 0;  ///< the index folder on disk
    double seconds = 0;
};

/// What `newsidx dict` did (Index::set_dictionary, clear_dictionary).
struct DictionaryReport {
    std::size_t words = 0;        ///< entries the index holds now
    bool changed = false;         ///< the stored dictionary changed
    /// The index's posts were analyzed with another dictionary: they are
    /// Outdated (searches and adds refused) until reindex().
    bool reindex_needed = false;
};

struct IndexStats {
    std::string path;
    std::uint64_t documents = 0;
    std::uint64_t terms = 0;          ///< distinct terms
    std::uint64_t size_bytes = 0;     ///< on disk
    std::uint64_t source_bytes = 0;   ///< size of the indexed posts' source files (Markdown as read)
    std::string analyzer;             ///< name/version that built the index
    /// "" when this build searches the index as it is, else why not (the
    /// stamp's problem: "… run `newsidx reindex`").
    std::string problem;
    std::size_t dictionary_words = 0;  ///< entries of the user dictionary (`newsidx dict`)
    int schema_version = 0;
    std::string last_update;          ///< ISO 8601 UTC of the last commit, "" if never
    std::vector<std::string> roots;   ///< folders posts were added from
    std::vector<std::string> post_extensions;  ///< taken as posts beside .md (AddOptions::extensions)
    std::string site_url;  ///< post URLs are built under it (AddOptions::site_url); "" for none
    /// A paragraph repeated verbatim in a large share of one root's posts (a
    /// blog's footer), left out of the indexed and stored text (README "Templates").
    struct Template {
        std::string root;
        std::size_t root_posts = 0;  ///< posts of the root
        std::size_t posts = 0;       ///< posts holding the paragraph
        std::string text;            ///< the paragraph (its first ~200 bytes)
    };
    std::vector<Template> templates;  ///< by root, most posts first
};

/// A writable newsidx index (a Xapian database directory).
///
/// Only one Index may be open for writing on a database at a time (Xapian's
/// lock); a second gets LockError at once. Not thread-safe: use from one
/// thread. Every method commits before returning, so a crash loses at most
/// the batch in progress, never a committed post.
class Index {
public:
    /// Opens `path`, creating it (and missing parent folders) if needed.
    /// Throws LockError if another writer holds it, IndexError if it is not a
    /// newsidx index or was built by another schema/analyzer version (unless
    /// `allow_version_mismatch`, which only reindex uses).
    explicit Index(const std::string& path, bool allow_version_mismatch = false);
    ~Index();
    Index(Index&&) noexcept;
    Index& operator=(Index&&) noexcept;

    /// Indexes files and folders (recursively: *.md, *.markdown; skipping
    /// _site, .git, node_modules, vendor, .newsidxignore entries and
    /// `opts.excludes`). A file's root is the folder given (for a file given
    /// directly: its parent folder). Unchanged files are skipped cheaply.
    AddReport add(const std::vector<std::string>& paths, const AddOptions& opts = {});

    /// Removes posts by id or by path (a file, or a folder: every post under it).
    /// Returns how many posts were removed; names that matched nothing are
    /// appended to `not_found` when given.
    std::size_t remove(const std::vector<std::string>& ids_or_paths,
                       std::vector<std::string>* not_found = nullptr);

    /// add(dir), then removes the posts of root `dir` whose files are gone.
    AddReport sync(const std::string& dir, const AddOptions& opts = {});

    /// Rebuilds every post from its stored source path with the current
    /// analyzer and schema. Posts whose file is gone are dropped (reported).
    AddReport reindex(const AddOptions& opts = {});

    IndexStats stats() const;

    /// The extensions beside .md/.markdown this index takes as posts
    /// (AddOptions::extensions given to any add, sync or watch of it), sorted.
    std::vector<std::string> post_extensions() const;

    /// Rewrites the index with Xapian's compaction (full B-tree blocks, no
    /// free space; a freshly built index shrinks by ~20 %) into a sibling
    /// folder `<path>.newsidx-compact`, then swaps the two folders in one
    /// atomic rename (Linux renameat2 RENAME_EXCHANGE) and deletes the old
    /// one. Holds the write lock throughout; a kill at any moment leaves
    /// either the old or the new index, complete (a leftover sibling folder
    /// is removed by the next writer). Readers that have the index open keep
    /// reading the old copy until they reopen. Needs free disk space for a
    /// second copy. Throws IndexError if the file system cannot swap folders.
    CompactReport compact();

    /// Adds the synonym groups of a file ("a = b = c" per line, # comments;
    /// README "Synonyms") to the index's synonym table, on top of the
    /// built-in list (corpus/synonyms.txt, loaded when the index is made).
    /// Returns the number of keys written. Throws Error naming file:line.
    std::size_t add_synonyms(const std::string& file);

    /// Makes the dictionary of `file` the index's user dictionary, replacing
    /// the one it held (README "User dictionary"): lines "WORD" (a noun,
    /// kept whole) or "WORD PART PART..." (split WORD so), # comments. The
    /// analyzer of this index (writing and searching) decompounds with it.
    /// Throws Error naming file:line for a bad line, with nothing stored.
    /// A changed dictionary leaves the posts Outdated until reindex() (an
    /// index without posts takes it at once); the same one changes nothing.
    DictionaryReport set_dictionary(const std::string& file);
    /// Removes the user dictionary (the built-in lexicon only); as set_dictionary.
    DictionaryReport clear_dictionary();

    /// The terms of a post, "term<TAB>wdf<TAB>positions" per line, or empty if unknown.
    std::vector<std::string> terms(const std::string& id) const;

    const std::string& path() const;

private:
    friend struct detail::IndexAccess;
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// stats() and terms() of the index at `path`, opened read-only: they work
/// while another process writes. Throw IndexError if there is no index.
IndexStats read_stats(const std::string& path);
std::vector<std::string> read_terms(const std::string& path, const std::string& id);
/// The user dictionary of the index at `path` (`newsidx dict --show`), one
/// entry a line as stored (normalized, sorted); "" when it has none.
std::string read_dictionary(const std::string& path);

/// The database used when none is given: $NEWSIDX_DB, else
/// $XDG_DATA_HOME/newsidx/db, else ~/.local/share/newsidx/db.
std::string default_db_path();

/// The id `add` gives the file `abs_path` found under the folder `abs_root`
/// (both absolute): its path relative to the root, '/'-separated, without
/// .md/.markdown (and the `extensions` the index takes as posts, AddOptions::
/// extensions), prefixed by `id_prefix` + '/' when non-empty (AddOptions::
/// id_prefix). What Hit::id, `remove ID` and SearchRequest::similar use.
std::string post_id_for(const std::string& abs_path, const std::string& abs_root,
                        const std::string& id_prefix = {}, const std::vector<std::string>& extensions = {});

/// Library version ("0.1.0").
const char* version();

}  // namespace newsidx
