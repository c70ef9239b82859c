// The parallel first add: each worker writes a part database of its own
// beside the index (IndexFolder::parts_dir), merged into the index by Xapian's
// compaction at the end. A kill leaves committed parts that the next writer
// merges (Index's constructor calls merge_parts).
#include <newsidx/error.hpp>

#include "index_folder.hpp"
#include "index_impl.hpp"
#include "schema.hpp"
#include "typo.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace fs = std::filesystem;

namespace newsidx {

namespace {

// Each part holds the token of its run; the merged index keeps it until the
// parts folder is gone, so that a kill between the swap and the removal of
// the parts cannot make the next writer merge them twice.
constexpr const char* kMetaPartsToken = "newsidx.parts.token";
constexpr const char* kMetaPartsMerged = "newsidx.parts.merged";

constexpr unsigned kMaxParts = 64;

std::string part_path(const std::string& dir, unsigned p) { return dir + "/part-" + std::to_string(p); }

// A finished part, compacted beside itself: as Xapian writes a database it
// takes ~1.4x its compacted size, and the final merge needs every part and
// the merged index on disk at once (1M blog-profile posts: 50 GB of parts
// written as is, 25 GB compacted, beside a 26 GB index; bench/RESULTS.md). part-P.c appears only once whole (a rename), and
// part-P goes only after it; merge_parts takes part-P.c where both exist.
void compact_part(const std::string& dir, unsigned p) {
    const std::string from = part_path(dir, p), tmp = from + ".tmp", to = from + ".c";
    std::error_code ec;
    fs::remove_all(tmp, ec);
    try {
        Xapian::Database(from).compact(tmp);  // one source: its metadata (the token, the typo list) as it is
    } catch (...) {  // a full disk, say: the part stays as written, for the next writer
        fs::remove_all(tmp, ec);
        throw;
    }
    fs::rename(tmp, to, ec);
    if (ec) throw IndexError(to + ": cannot move the compacted part into place: " + ec.message());
    fs::remove_all(from, ec);  // a failure leaves it beside part-P.c, which wins
}

}  // namespace

bool Index::Impl::index_in_parts(const std::vector<detail::FoundFile>& files, const std::vector<std::uint32_t>& order,
                                 const std::set<std::string>& roots, const AddOptions& opts, AddReport& rep) {
    using Kind = detail::FileResult::Kind;
    const unsigned workers = detail::worker_count(opts.jobs);
    const std::size_t min_posts = std::max<std::size_t>(2, opts.parts_min_posts);
    const std::size_t n = order.size();
    // Docids then come out as one writer would number them.
    if (opts.parts_min_posts == 0 || workers < 2 || n < min_posts || db.get_lastdocid() != 0) return false;
    std::vector<std::size_t> id_hash(n);
    for (std::size_t k = 0; k < n; ++k) {
        const detail::FoundFile& f = files[order[k]];
        id_hash[k] = std::hash<std::string>{}(post_id_for(f.path, f.root, opts.id_prefix, opts.extensions));
    }

    // Part p takes the p-th slice of the jobs, in order; a post whose id an
    // earlier slice already had goes to that slice's part, after it (a later
    // file replaces an earlier one, as with one writer). A hash collision
    // only sends a post to another part: never wrong, at worst numbered later.
    // Parts of at most opts.part_posts posts, as many as a multiple of the
    // workers (kMaxParts at most), each worker taking the next part not yet
    // taken when it is done with one: Xapian's commit costs more per post as
    // a database grows (its batches touch more blocks), so small parts
    // merged once at the end cost less than one big one per worker
    // (bench/RESULTS.md), and the workers finish together.
    const std::size_t per_part = std::max<std::size_t>(1, opts.part_posts);
    std::size_t want = std::max<std::size_t>(1, (n + per_part - 1) / per_part);
    want = (want + workers - 1) / workers * workers;
    const unsigned parts = static_cast<unsigned>(std::min<std::size_t>(kMaxParts, want));
    const unsigned writers = std::min(workers, parts);
    std::vector<std::uint8_t> route(n);
    {
        std::unordered_map<std::size_t, std::uint8_t> first;
        first.reserve(n);
        for (std::size_t k = 0; k < n; ++k)
            route[k] = first.emplace(id_hash[k], static_cast<std::uint8_t>(k * parts / n)).first->second;
    }

    const std::string dir = folder.parts_dir();
    std::error_code ec;
    fs::remove_all(dir, ec);
    fs::create_directories(dir, ec);
    if (ec) throw IndexError(dir + ": cannot create the folder for the parallel add: " + ec.message());
    // The run's roots go in now: posts merged after a kill belong to them.
    write_meta(roots);
    db.commit();
    const std::string token = detail::now_iso() + " " + std::to_string(::getpid()) + " " +
                              std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());

    struct Msgs {
        std::string error;
        std::vector<std::string> warnings;
    };
    struct Outcome {
        Kind kind = Kind::Failed;
        bool had_old = false;  // the id was in the index (an earlier file of this run)
        bool done = false;
        std::unique_ptr<Msgs> msgs;
    };
    std::vector<Outcome> out(n);
    std::mutex mu;
    std::condition_variable cv;
    bool stop = false, stopped = false;  // stopped: AddOptions::stop asked for it
    std::exception_ptr failure;
    const detail::IngestSettings settings{&reader, &analyzer, opts.force, opts.drafts, &templates};

    // Writes part p; false when the run is to stop (a request, a failure).
    auto part_main = [&](unsigned p) -> bool {
        try {
            Xapian::WritableDatabase pdb(part_path(dir, p), Xapian::DB_CREATE_OR_OVERWRITE);
            pdb.set_metadata(kMetaPartsToken, token);
            pdb.commit();
            std::unordered_set<std::size_t> mine;
            schema::TypoFiler typo;  // this part's own new words
            std::size_t batch = 0;
            bool halt = false;  // `stop`, as read when the last post was marked done
            for (std::size_t k = static_cast<std::size_t>(p) * n / parts; k < n && !halt; ++k) {
                if (route[k] != p) continue;
                if (opts.stop && opts.stop()) {
                    {
                        std::lock_guard<std::mutex> lk(mu);
                        stop = stopped = true;
                    }
                    cv.notify_all();
                    break;
                }
                const detail::FoundFile& f = files[order[k]];
                detail::FileJob job;
                job.path = f.path;
                job.root = f.root;
                job.id = post_id_for(f.path, f.root, opts.id_prefix, opts.extensions);
                const std::string idterm = schema::term(schema::kId, job.id);
                detail::FileResult res;
                if (::stat(f.path.c_str(), &job.st) != 0) {
                    res.error = f.path + ": cannot read: " + std::strerror(errno);
                } else {
                    if (!mine.insert(id_hash[k]).second) job.old = known_in(pdb, idterm, job.path);
                    res = detail::ingest(job, settings);
                }
                Outcome& o = out[k];
                auto msgs = [&o]() -> Msgs& {
                    if (!o.msgs) o.msgs = std::make_unique<Msgs>();
                    return *o.msgs;
                };
                if (!res.warnings.empty()) msgs().warnings = std::move(res.warnings);
                o.had_old = job.old.did != 0;
                if (res.kind == Kind::Failed || res.kind == Kind::OptedOut) msgs().error = std::move(res.error);
                std::function<void(std::string)> replaced;
                if (opts.on_warning) replaced = [&](std::string w) { msgs().warnings.push_back(std::move(w)); };
                apply(pdb, typo, job, res, replaced);
                batch += res.bytes;
                if (batch >= opts.batch_bytes) {
                    typo.flush(pdb, true);  // more batches to come
                    pdb.commit();
                    batch = 0;
                }
                {
                    std::lock_guard<std::mutex> lk(mu);
                    o.kind = res.kind;
                    o.done = true;
                    halt = stop;
                }
                cv.notify_all();
            }
            typo.flush(pdb);
            pdb.commit();
            pdb.close();
            {
                std::lock_guard<std::mutex> lk(mu);
                if (stop) return false;  // a stopped part waits as it is
            }
            compact_part(dir, p);
            std::lock_guard<std::mutex> lk(mu);
            return !stop;
        } catch (...) {
            std::lock_guard<std::mutex> lk(mu);
            if (!failure) failure = std::current_exception();
            stop = true;
            cv.notify_all();
            return false;
        }
    };
    std::atomic<unsigned> next_part{0};
    auto writer_main = [&] {  // the next part, in order: the posts of part p come before those of p + 1
        for (unsigned p; (p = next_part++) < parts;)
            if (!part_main(p)) break;
    };
    std::vector<std::thread> threads;

    // Messages and counts, in file order, as the parts finish each post.
    detail::Tally tally(opts, rep, n);
    auto stop_parts = [&] {
        {
            std::lock_guard<std::mutex> lk(mu);
            stop = true;
        }
        for (std::thread& t : threads) t.join();
    };
    auto count = [&](std::size_t k) {
        Outcome& o = out[k];
        const std::string& fpath = files[order[k]].path;
        if (o.msgs) tally.warnings(fpath, o.msgs->warnings);
        tally.outcome(o.kind, o.had_old, fpath, o.msgs ? std::move(o.msgs->error) : std::string());
        o.msgs.reset();
    };
    try {
        for (unsigned w = 0; w < writers; ++w) threads.emplace_back(writer_main);
        std::size_t k = 0;
        for (; k < n; ++k) {
            {
                std::unique_lock<std::mutex> lk(mu);
                cv.wait(lk, [&] { return out[k].done || stop; });
                if (!out[k].done) break;
            }
            count(k);
        }
        for (std::thread& t : threads) t.join();
        threads.clear();
        if (!failure)  // stopped on request: the posts the parts finished after the first gap
            for (; k < n; ++k)
                if (out[k].done) count(k);
    } catch (...) {  // a callback threw: the parts keep what they committed
        stop_parts();
        throw;
    }
    if (failure) std::rethrow_exception(failure);  // the committed parts wait for the next writer
    rep.stopped = stopped;
    tally.finish();
    merge_parts();
    return true;
}

void Index::Impl::merge_parts() {
    const std::string dir = folder.parts_dir();
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return;
    db.commit();
    Xapian::Database src(path);
    Xapian::doccount total = src.get_doccount();
    std::string token;
    for (unsigned p = 0; p < kMaxParts; ++p) {  // a kill can leave part-1 made and part-0 not yet
        std::string at = part_path(dir, p) + ".c";  // compacted whole (a kill can leave part-P beside it)
        if (!fs::exists(at, ec)) at = part_path(dir, p);
        if (!fs::exists(at, ec)) continue;
        try {
            Xapian::Database part(at);
            const std::string t = part.get_metadata(kMetaPartsToken);
            if (t.empty() || (!token.empty() && t != token)) continue;  // killed before its first commit
            token = t;
            src.add_database(part);
            total += part.get_doccount();
        } catch (const Xapian::DatabaseOpeningError&) {
            // killed while Xapian created it: nothing committed there
        }
    }
    if (!token.empty() && db.get_metadata(kMetaPartsMerged) != token) {
        const std::string tmp = folder.compact_dir();
        fs::remove_all(tmp, ec);
        try {
            schema::TypoCompactor union_typo_lists;  // each part filed the words new to it
            src.compact(tmp, 0, 0, union_typo_lists);
            Xapian::WritableDatabase merged(tmp, Xapian::DB_OPEN);
            if (merged.get_doccount() != total)
                throw IndexError(path + ": merging the parallel add's parts lost documents; the index is left as it was");
            merged.set_metadata(kMetaPartsToken, "");
            merged.set_metadata(kMetaPartsMerged, token);
            merged.commit();
        } catch (...) {
            fs::remove_all(tmp, ec);
            throw;
        }
        swap_in(tmp, "merged");
    }
    fs::remove_all(dir, ec);
    if (ec) throw IndexError(dir + ": cannot remove the merged parts: " + ec.message());
    if (!db.get_metadata(kMetaPartsMerged).empty()) {
        db.set_metadata(kMetaPartsMerged, "");
        db.commit();
    }
}

}  // namespace newsidx
