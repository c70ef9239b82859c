#include "ingest.hpp"

#include "document.hpp"
#include "schema.hpp"
#include "site_url.hpp"

#include <newsidx/error.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace newsidx::detail {

std::string stat_stamp(const struct stat& st) {
    const long long ns = static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
    return std::to_string(st.st_size) + " " + std::to_string(ns);
}

std::string read_source(const std::string& path, const struct stat& st, std::uint64_t max_bytes,
                        std::string& bytes) {
    if (!S_ISREG(st.st_mode)) return "not a regular file";
    if (static_cast<std::uint64_t>(st.st_size) > max_bytes)
        return "file is larger than the limit of " + std::to_string(max_bytes) + " bytes";
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::string("cannot read: ") + std::strerror(errno);
    bytes.clear();
    bytes.reserve(static_cast<std::size_t>(st.st_size));
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) return std::string("cannot read: ") + std::strerror(errno);
    bytes = std::move(ss).str();
    return {};
}

namespace {

std::string hash_of(const std::string& stamp) { return stamp.substr(stamp.rfind(' ') + 1); }

// The third of four fields ("" in a stamp of the older three-field form).
std::string site_of(const std::string& stamp) {
    const auto last = stamp.rfind(' ');
    if (last == std::string::npos || last == 0) return {};
    const auto before = stamp.rfind(' ', last - 1);
    if (before == std::string::npos || stamp.find(' ') == before) return {};
    return stamp.substr(before + 1, last - before - 1);
}

// The analyzer keeps every word of the text it is given in memory (~200
// bytes a word: surface, stem, bigrams), so one 50 MB paragraph peaked near
// 1.8 GB. Sections longer than kMaxSection are cut at a space (else at a
// character boundary) and analyzed one piece at a time. Each cut is a
// position gap, as between paragraphs: a phrase cannot span it, once per
// 64 KiB of unbroken text. Terms are the same.
constexpr std::uint32_t kMaxSection = 64u << 10;

void split_long_sections(Post& post) {
    const auto longer = [](const Section& s) { return s.end - s.begin > kMaxSection; };
    if (std::none_of(post.sections.begin(), post.sections.end(), longer)) return;
    const std::string& t = post.text;
    std::vector<Section> out;
    for (const Section& s : post.sections) {
        std::uint32_t b = s.begin;
        while (s.end - b > kMaxSection) {
            const std::uint32_t limit = b + kMaxSection, floor = limit - 4096;
            std::uint32_t c = limit;
            while (c > floor && t[c] != ' ' && t[c] != '\n' && t[c] != '\t') --c;
            if (c == floor) {  // no space nearby: a character boundary
                c = limit;
                while (c > b + 1 && (static_cast<unsigned char>(t[c]) & 0xC0) == 0x80) --c;
            }
            out.push_back({s.zone, b, c});
            b = c;
        }
        out.push_back({s.zone, b, s.end});
    }
    post.sections = std::move(out);
}

}  // namespace

FileResult ingest(const FileJob& job, const IngestSettings& s) {
    using Kind = FileResult::Kind;
    FileResult r;
    std::string bytes;
    if (std::string problem = read_source(job.path, job.st, s.reader->limits().max_file_bytes, bytes);
        !problem.empty()) {
        r.error = job.path + ": " + problem;
        return r;
    }
    r.bytes = bytes.size();
    const std::string site = site::site_stamp(job.path, s.reader->site_url());
    const std::string stamp = stat_stamp(job.st) + " " + site + " " + schema::hash_hex(bytes);
    // Touched but not changed: not worth re-analysis. An unchanged draft
    // indexed with --drafts still goes when --drafts is not given.
    const bool reusable = !job.reindex && job.old.did && !s.force && job.old.same_path && (s.drafts || !job.old.draft);
    if (reusable && hash_of(job.old.stamp) == hash_of(stamp) && site_of(job.old.stamp) == site) {
        r.kind = Kind::Unchanged;
        return r;
    }
    Post post;
    try {
        post = s.reader->parse(bytes, job.path, job.st.st_mtim.tv_sec);
    } catch (const PostError& e) {
        r.error = e.what();
        return r;
    }
    r.warnings = std::move(post.warnings);
    // The author's wish, above --drafts and on reindex too: the post goes.
    if (!post.opt_out.empty()) {
        r.kind = Kind::OptedOut;
        r.error = std::move(post.opt_out);
        return r;
    }
    if (!job.reindex && !post.published && !s.drafts) {
        r.kind = Kind::Unpublished;
        return r;
    }
    post.id = job.id;
    post.path = job.path;
    post.root = job.root;
    split_long_sections(post);
    const TemplateSet* templates = nullptr;
    if (s.templates)
        if (auto it = s.templates->find(post.root); it != s.templates->end()) templates = &it->second;
    r.doc = build_document(post, *s.analyzer, stamp, templates);
    r.kind = Kind::Index;
    return r;
}

unsigned worker_count(unsigned jobs) {
    if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
    return jobs <= 1 ? 0 : jobs;
}

Pipeline::Pipeline(unsigned workers, IngestSettings settings, std::size_t max_jobs, std::uint64_t max_bytes)
    : settings_(settings), max_jobs_(std::max<std::size_t>(1, max_jobs)), max_bytes_(max_bytes) {
    for (unsigned i = 0; i < workers; ++i) threads_.emplace_back([this] { work(); });
}

Pipeline::~Pipeline() {
    {
        std::lock_guard<std::mutex> lk(mu_);
        stop_ = true;
    }
    work_cv_.notify_all();
    for (std::thread& t : threads_) t.join();
}

bool Pipeline::full(std::uint64_t bytes) const {
    std::lock_guard<std::mutex> lk(mu_);
    return !slots_.empty() && (slots_.size() >= max_jobs_ || bytes_in_flight_ + bytes > max_bytes_);
}

std::size_t Pipeline::in_flight() const {
    std::lock_guard<std::mutex> lk(mu_);
    return slots_.size();
}

void Pipeline::submit(FileJob job, FileResult settled) {
    auto slot = std::make_unique<Slot>();
    const bool now = job.settled || job.deferred;
    if (!now && threads_.empty()) {  // no workers: do it here
        try {
            slot->result = ingest(job, settings_);
        } catch (...) {
            slot->result.fatal = std::current_exception();
        }
    } else if (now) {
        slot->result = std::move(settled);
    }
    const bool queued = !now && !threads_.empty();
    slot->done = slot->started = !queued;
    const std::uint64_t bytes = static_cast<std::uint64_t>(job.st.st_size);
    slot->job = std::move(job);
    {
        std::lock_guard<std::mutex> lk(mu_);
        bytes_in_flight_ += bytes;
        slots_.push_back(std::move(slot));
    }
    if (queued) work_cv_.notify_one();
}

std::pair<FileJob, FileResult> Pipeline::take() {
    std::unique_lock<std::mutex> lk(mu_);
    done_cv_.wait(lk, [&] { return slots_.front()->done; });
    std::unique_ptr<Slot> s = std::move(slots_.front());
    slots_.pop_front();
    if (next_unstarted_ > 0) --next_unstarted_;
    bytes_in_flight_ -= static_cast<std::uint64_t>(s->job.st.st_size);
    return {std::move(s->job), std::move(s->result)};
}

void Pipeline::work() {
    std::unique_lock<std::mutex> lk(mu_);
    for (;;) {
        // The oldest job nobody has started: results come back in order, so
        // the writer never waits on a job queued behind others.
        work_cv_.wait(lk, [&] {
            while (next_unstarted_ < slots_.size() && slots_[next_unstarted_]->started) ++next_unstarted_;
            return stop_ || next_unstarted_ < slots_.size();
        });
        if (stop_) return;
        Slot* s = slots_[next_unstarted_++].get();
        s->started = true;
        lk.unlock();
        FileResult r;
        try {
            r = ingest(s->job, settings_);
        } catch (...) {
            r.fatal = std::current_exception();
        }
        lk.lock();
        s->result = std::move(r);
        s->done = true;
        done_cv_.notify_all();
    }
}

}  // namespace newsidx::detail
