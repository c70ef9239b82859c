#include "watcher.hpp"
#include "walk.hpp"

#include "site_url.hpp"

#include <newsidx/error.hpp>
#include <newsidx/shards.hpp>

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <thread>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

namespace newsidx::detail {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr std::uint32_t kDirMask = IN_CREATE | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE |
                                   IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK;

// Error lines one pass prints at most; the rest are counted in one line.
constexpr std::size_t kMaxErrorsPerPass = 20;

// What a walk would take (walk.hpp), and the ignore file that changes it.
bool is_watched_name(const std::string& name, const std::vector<std::string>& extensions) {
    return is_post_name(name, extensions) || name == ".newsidxignore";
}

bool is_config_name(const std::string& name) { return name == "_config.yml" || name == "_config.yaml"; }

}  // namespace

// What a burst of events asks for.
struct Pending {
    bool add = false;               // a post or folder was created, written or moved in
    bool full = false;              // overflow, .newsidxignore: sync the whole folder
    bool force = false;             // _config.yml: re-analyze every post (URLs)
    std::set<std::string> gone;     // deleted or moved-away files and folders
    bool any() const { return add || full || force || !gone.empty(); }
};

struct Watcher::Impl {
    std::string db, dir;
    WatchOptions opts;
    int ino = -1, wake = -1;
    std::unordered_map<int, std::string> folders;  // watch descriptor -> folder
    int config_wd = -1;                            // the site's folder, when outside `dir`

    ~Impl() {
        if (ino >= 0) ::close(ino);
        if (wake >= 0) ::close(wake);
    }

    void message(const std::string& m) const {
        if (opts.on_message) opts.on_message(m);
    }

    // True if `path` is newly watched: inotify gives a folder reached twice
    // (two links, a link to an ancestor) its first watch descriptor again,
    // and that folder is not walked again.
    bool watch_folder(const std::string& path, bool required) {
        // A link is followed only when it is the folder given or following is on.
        const std::uint32_t mask = required || opts.add.follow_symlinks ? kDirMask & ~IN_DONT_FOLLOW : kDirMask;
        const int wd = inotify_add_watch(ino, path.c_str(), mask);
        if (wd < 0) {
            const int err = errno;
            std::string why = std::strerror(err);
            if (err == ENOSPC)
                why = "the inotify watch limit is reached (raise sysctl fs.inotify.max_user_watches)";
            if (required) throw Error(path + ": cannot watch: " + why);
            if (err != ENOENT && err != ENOTDIR) message(path + ": not watched: " + why);
            return false;
        }
        return folders.emplace(wd, path).second;
    }

    // Stops watching `path` and the folders under it.
    void unwatch_under(const std::string& path) {
        for (auto it = folders.begin(); it != folders.end();) {
            if (it->second == path || it->second.rfind(path + "/", 0) == 0) {
                inotify_rm_watch(ino, it->first);
                it = folders.erase(it);
            } else {
                ++it;
            }
        }
    }

    // `path` and every folder below it that a walk would enter, in the
    // walk's order (sorted), so a folder reached twice has the walk's path.
    void watch_tree(const std::string& path, bool required) {
        if (!watch_folder(path, required)) return;
        std::error_code ec;
        std::vector<fs::path> subs;
        for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
            std::error_code sec;
            if (!it->is_directory(sec)) continue;
            if (it->is_symlink(sec) && !opts.add.follow_symlinks) continue;  // as the walk: left out
            if (skipped_folder(it->path().filename().string())) continue;
            subs.push_back(it->path());
        }
        std::sort(subs.begin(), subs.end());
        for (const fs::path& sub : subs) watch_tree(sub.string(), false);
    }

    // One pass over the index for a burst: remove what is gone (by path,
    // cheap), then add the folder (unchanged posts cost a stat) — or a full
    // sync after an overflow or an ignore-file edit. Same ids as `add DIR`.
    void apply(Pending p, Clock::time_point changed_at) {
        for (;;) {
            try {
                ShardedIndex idx(db);  // one database or every shard of a sharded index
                // The post extensions the index remembers (an earlier `add
                // --ext`) are watched too, from this pass on.
                std::set<std::string> exts(opts.add.extensions.begin(), opts.add.extensions.end());
                for (std::string& e : idx.post_extensions()) exts.insert(std::move(e));
                opts.add.extensions.assign(exts.begin(), exts.end());
                AddOptions o = opts.add;
                o.force = o.force || p.force;
                // A file deleted while this pass runs is not an error: its
                // deletion event follows and the next pass removes it. Of
                // the real errors, the first kMaxErrorsPerPass are shown.
                std::mutex mu;
                std::set<std::string> vanished;
                std::size_t shown = 0, hidden = 0;
                o.on_error = [&](const FileError& e) {
                    struct stat st {};
                    const bool gone = ::lstat(e.path.c_str(), &st) != 0 && (errno == ENOENT || errno == ENOTDIR);
                    std::lock_guard<std::mutex> lock(mu);
                    if (gone) {
                        vanished.insert(e.path);
                        return;
                    }
                    if (shown < kMaxErrorsPerPass) {
                        ++shown;
                        if (opts.add.on_error) opts.add.on_error(e);
                    } else {
                        ++hidden;
                    }
                };
                AddReport r;
                const auto t0 = Clock::now();
                if (p.full || p.force) {
                    r = idx.sync(dir, o);
                } else {
                    std::vector<std::string> gone;
                    std::error_code ec;
                    for (const std::string& g : p.gone)
                        if (!fs::exists(fs::symlink_status(g, ec))) gone.push_back(g);
                    std::vector<std::string> unknown;  // never indexed (not a post, excluded): fine
                    const std::size_t removed = gone.empty() ? 0 : idx.remove(gone, &unknown);
                    if (p.add) r = idx.add({dir}, o);
                    r.removed += removed;
                    r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
                }
                if (!vanished.empty()) {
                    const auto n = std::erase_if(r.errors, [&](const FileError& e) { return vanished.count(e.path) > 0; });
                    r.failed -= std::min(r.failed, static_cast<std::size_t>(n));
                }
                if (hidden > 0)
                    message(std::to_string(hidden) + " more file" + (hidden > 1 ? "s" : "") +
                            " could not be indexed in this pass (`newsidx add " + dir + "` lists them all)");
                const double since = changed_at == Clock::time_point{}
                                         ? 0.0
                                         : std::chrono::duration<double>(Clock::now() - changed_at).count();
                if (opts.on_sync) opts.on_sync(r, since);
                return;
            } catch (const LockError& e) {
                message(std::string(e.what()) + "; retrying");
                if (wait_for_wake(opts.lock_retry_ms)) return;
            }
        }
    }

    // Sleeps up to `ms` unless stop() is called; true if it was.
    bool wait_for_wake(int ms) const {
        pollfd p{wake, POLLIN, 0};
        return ::poll(&p, 1, ms) > 0;
    }

    // Reads the events available into `p`; `overflow` when the kernel dropped some.
    void drain(Pending& p, bool& overflow) {
        alignas(inotify_event) char buf[64 * 1024];
        for (;;) {
            const ssize_t n = ::read(ino, buf, sizeof buf);
            if (n <= 0) return;  // EAGAIN: nothing more for now
            for (char* at = buf; at < buf + n;) {
                const auto* ev = reinterpret_cast<const inotify_event*>(at);
                at += sizeof(inotify_event) + ev->len;
                if (ev->mask & IN_Q_OVERFLOW) {
                    overflow = true;
                    continue;
                }
                const auto f = folders.find(ev->wd);
                if (f == folders.end()) continue;
                const std::string name = ev->len ? std::string(ev->name) : std::string();
                const std::string path = f->second + "/" + name;
                if (ev->mask & IN_IGNORED) {  // the folder is gone (or unwatched)
                    folders.erase(f);
                    continue;
                }
                if (ev->wd == config_wd) {
                    p.force = p.force || is_config_name(name);
                    continue;
                }
                if (is_config_name(name)) p.force = true;
                if (name == ".newsidxignore") p.full = true;
                if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF)) {
                    p.gone.insert(f->second);
                    continue;
                }
                bool is_dir = ev->mask & IN_ISDIR;
                if (!is_dir && opts.add.follow_symlinks && !is_watched_name(name, opts.add.extensions) && !skipped_folder(name)) {
                    // Perhaps a link to a folder: created, it is followed;
                    // removed, the posts under its path go.
                    std::error_code sec;
                    if (ev->mask & (IN_DELETE | IN_MOVED_FROM)) {
                        p.gone.insert(path);
                        unwatch_under(path);  // a link's target lives on: stop hearing it as this path
                    } else if (fs::is_directory(path, sec)) is_dir = true;
                    if (!is_dir) continue;
                }
                if (is_dir ? skipped_folder(name) : !is_watched_name(name, opts.add.extensions)) continue;
                if (ev->mask & (IN_DELETE | IN_MOVED_FROM)) {
                    p.gone.insert(path);
                } else {
                    p.add = true;
                    if (is_dir && (ev->mask & (IN_CREATE | IN_MOVED_TO))) watch_tree(path, false);
                }
            }
        }
    }

    void run() {
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) throw Error(dir + ": not a folder");
        ino = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (ino < 0) throw Error(std::string("inotify: ") + std::strerror(errno));
        watch_tree(dir, true);
        // URLs come from the site's _config.yml, which usually sits above the posts.
        if (const std::string cfg = site::find_config(dir + "/."); !cfg.empty()) {
            const std::string site_dir = fs::path(cfg).parent_path().string();
            if (fs::path(site_dir).lexically_normal() != fs::path(dir).lexically_normal()) {
                config_wd = inotify_add_watch(ino, site_dir.c_str(),
                                              IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_ONLYDIR);
                if (config_wd >= 0) folders[config_wd] = site_dir;
            }
        }
        if (opts.initial_sync) {
            Pending all;
            all.full = true;
            apply(std::move(all), {});
        }

        Pending p;
        bool pending = false;
        Clock::time_point first{}, last{};
        for (;;) {
            int timeout = -1;
            if (pending) {
                const auto now = Clock::now();
                const auto due = std::min(last + std::chrono::milliseconds(opts.debounce_ms),
                                          first + std::chrono::milliseconds(opts.max_delay_ms));
                timeout = due <= now ? 0
                                     : static_cast<int>(
                                           std::chrono::ceil<std::chrono::milliseconds>(due - now).count());
            }
            pollfd fds[2] = {{ino, POLLIN, 0}, {wake, POLLIN, 0}};
            const int r = ::poll(fds, 2, timeout);
            if (r < 0 && errno != EINTR) throw Error(std::string("poll: ") + std::strerror(errno));
            if (fds[1].revents) return;
            if (r > 0 && fds[0].revents) {
                bool overflow = false;
                drain(p, overflow);
                if (overflow) {
                    message("too many changes at once (inotify queue overflow): re-scanning the folder");
                    for (const auto& [wd, path] : folders) inotify_rm_watch(ino, wd);
                    folders.clear();
                    config_wd = -1;
                    watch_tree(dir, true);
                    p.full = true;
                }
                if (p.any() && !pending) {
                    first = Clock::now();
                    pending = true;
                }
                if (p.any()) last = Clock::now();
                continue;
            }
            if (pending && r == 0) {
                pending = false;
                apply(std::exchange(p, Pending{}), first);
            }
        }
    }
};

Watcher::Watcher(std::string db_path, std::string dir, WatchOptions opts) : impl_(std::make_unique<Impl>()) {
    impl_->db = std::move(db_path);
    std::error_code ec;
    const fs::path abs = fs::absolute(dir, ec);
    impl_->dir = (ec ? fs::path(dir) : abs).lexically_normal().string();
    while (impl_->dir.size() > 1 && impl_->dir.back() == '/') impl_->dir.pop_back();
    impl_->opts = std::move(opts);
    for (std::string& e : impl_->opts.add.extensions) e = detail::post_extension(e);  // a bad one throws here
    impl_->wake = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (impl_->wake < 0) throw Error(std::string("eventfd: ") + std::strerror(errno));
}

Watcher::~Watcher() = default;

void Watcher::run() { impl_->run(); }

void Watcher::stop() noexcept {
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(impl_->wake, &one, sizeof one);
}

std::size_t Watcher::watched_folders() const { return impl_->folders.size(); }

}  // namespace newsidx::detail
