// Internal: the per-file work of add, sync and reindex (read, hash, parse,
// analyze, build the Xapian::Document) and the worker pool that runs it on
// several threads while the single writer applies the results in file order.
#pragma once

#include <newsidx/analyzer.hpp>
#include "boilerplate.hpp"
#include "reader.hpp"

#include <sys/stat.h>
#include <xapian.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace newsidx::detail {

/// "<size> <mtime_ns>": enough to tell an untouched file without reading it.
std::string stat_stamp(const struct stat& st);

/// Reads a post's source file, checking first what would otherwise hang (a
/// FIFO) or exhaust memory (a huge file). Returns "" on success, else the problem.
std::string read_source(const std::string& path, const struct stat& st, std::uint64_t max_bytes,
                        std::string& bytes);

/// What the index held for a post's id before this file was processed.
struct Known {
    Xapian::docid did = 0;   ///< 0: no such post
    std::string stamp;       ///< "<size> <mtime_ns> <hash>"
    bool same_path = false;  ///< it came from this very file
    bool draft = false;      ///< indexed with --drafts while unpublished
};

/// One file to (re)index.
struct FileJob {
    std::string path, root, id;
    struct stat st {};
    Known old;
    bool reindex = false;  ///< rebuild whatever the stamp says, keep drafts as drafts
    /// The file's fate was settled before it reached a worker (unchanged by
    /// its stamp, unreadable): `result` below is already final.
    bool settled = false;
    /// An earlier file of this run, not yet written, has the same id: the
    /// writer looks the id up again and runs this job itself.
    bool deferred = false;
};

/// What became of a FileJob.
struct FileResult {
    enum class Kind : std::uint8_t {
        Index,        ///< `doc` is to be written
        Unchanged,    ///< same content as indexed
        Unpublished,  ///< a draft without --drafts: not indexed (an old version goes)
        OptedOut,     ///< `search: false` or `exclude_from_search: true` (in `error`): likewise, always
        Failed,       ///< `error` says why; an old version stays
        Gone,         ///< reindex: the source file is gone; the post goes
    } kind = Kind::Failed;
    Xapian::Document doc;
    std::size_t bytes = 0;  ///< source bytes read
    std::string error;  ///< Failed, Gone: why; OptedOut: the front matter that opted out
    std::vector<std::string> warnings;  ///< the reader's, for on_warning
    std::exception_ptr fatal;           ///< an unexpected exception, rethrown by the writer
};

struct IngestSettings {
    const PostReader* reader = nullptr;
    const Analyzer* analyzer = nullptr;
    bool force = false;   ///< re-analyze unchanged files
    bool drafts = false;  ///< index unpublished posts
    /// Each root's templates (boilerplate.hpp), left out of the posts' text; optional.
    const TemplateSets* templates = nullptr;
};

/// The whole per-file routine: reads, compares the content hash, parses and
/// builds the document. Thread-safe (the reader and analyzer are).
FileResult ingest(const FileJob& job, const IngestSettings& s);

/// Runs ingest() on `workers` threads (0: inline, in submit()) and hands the
/// results back in submission order. Bounded: at most `max_jobs` jobs and
/// about `max_bytes` of source files in flight (one job always fits).
class Pipeline {
public:
    Pipeline(unsigned workers, IngestSettings settings, std::size_t max_jobs, std::uint64_t max_bytes);
    ~Pipeline();  ///< stops the workers (pending jobs are dropped)
    Pipeline(const Pipeline&) = delete;
    Pipeline& operator=(const Pipeline&) = delete;

    /// True if a job of `bytes` would exceed the bounds: take() results first.
    bool full(std::uint64_t bytes) const;
    /// Queues a job. A settled job carries its final result.
    void submit(FileJob job, FileResult settled = {});
    std::size_t in_flight() const;
    /// The oldest job and its result; blocks until it is done. in_flight() > 0.
    std::pair<FileJob, FileResult> take();

private:
    struct Slot {
        FileJob job;
        FileResult result;
        bool started = false, done = false;
    };
    void work();

    IngestSettings settings_;
    std::size_t max_jobs_;
    std::uint64_t max_bytes_;
    mutable std::mutex mu_;
    std::condition_variable work_cv_, done_cv_;
    std::deque<std::unique_ptr<Slot>> slots_;  // submission order
    std::size_t next_unstarted_ = 0;           // index into slots_
    std::uint64_t bytes_in_flight_ = 0;
    bool stop_ = false;
    std::vector<std::thread> threads_;
};

/// Worker threads for `jobs` (0: one per core).
unsigned worker_count(unsigned jobs);

}  // namespace newsidx::detail
