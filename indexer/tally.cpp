// What an add, sync or reindex reports of each file (Tally: counts,
// callbacks, progress) and which files it works on (plan_jobs): beside the
// writer (index.cpp), which applies the results.
#include "index_impl.hpp"

#include <newsidx/index.hpp>

#include <string_view>
#include <unordered_set>

namespace newsidx {

namespace detail {

void report_failure(const AddOptions& opts, AddReport& rep, FileError fe) {
    ++rep.failed;
    if (opts.on_error) opts.on_error(fe);
    rep.errors.push_back(std::move(fe));
}

void Tally::warnings(const std::string& path, const std::vector<std::string>& ws) const {
    if (opts_.on_warning)
        for (const std::string& w : ws) opts_.on_warning(path, w);
}

void Tally::outcome(FileResult::Kind kind, bool had_old, const std::string& path, std::string error) {
    using Kind = FileResult::Kind;
    switch (kind) {
    case Kind::Failed: failed({path, std::move(error)}); break;
    case Kind::Gone:
        failed({path, std::move(error)});
        ++rep_.removed;
        break;
    case Kind::Unchanged: ++rep_.unchanged; break;
    case Kind::Unpublished:
        ++rep_.skipped;
        if (had_old) ++rep_.removed;
        if (opts_.on_warning) opts_.on_warning(path, kSkippedDraft);
        break;
    case Kind::OptedOut:
        ++rep_.skipped;
        ++rep_.opted_out;
        if (had_old) ++rep_.removed;
        if (opts_.on_warning) opts_.on_warning(path, skipped_opt_out(error));
        break;
    case Kind::Index: ++(had_old ? rep_.updated : rep_.added); break;
    }
    ++prog_.done;
    if (opts_.on_progress && clock_.seconds() - last_progress_ >= 0.1) {
        last_progress_ = clock_.seconds();
        opts_.on_progress(prog_);
    }
}

void Tally::finish() const {
    if (opts_.on_progress) opts_.on_progress(prog_);
}

std::vector<std::uint32_t> plan_jobs(const std::vector<FoundFile>& files, const AddOptions& opts,
                                     std::set<std::string>& roots, std::set<std::string>* seen_paths) {
    std::vector<std::uint32_t> plan;
    plan.reserve(files.size());
    std::unordered_set<std::string_view> done_paths;  // views of files[i].path
    done_paths.reserve(files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        const FoundFile& f = files[i];
        if (!done_paths.insert(f.path).second) continue;  // named twice
        if (seen_paths) seen_paths->insert(f.path);
        roots.insert(f.root);
        if (opts.accept_id && !opts.accept_id(post_id_for(f.path, f.root, opts.id_prefix, opts.extensions))) continue;  // another shard's
        plan.push_back(static_cast<std::uint32_t>(i));
    }
    return plan;
}

}  // namespace detail

}  // namespace newsidx
