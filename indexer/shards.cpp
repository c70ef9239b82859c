#include <newsidx/error.hpp>
#include <newsidx/shards.hpp>

#include "index_folder.hpp"
#include "index_impl.hpp"
#include "schema.hpp"
#include "meta.hpp"
#include "synonyms.hpp"
#include "typo.hpp"
#include "xapian_error.hpp"


#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace newsidx {

namespace {

constexpr const char* kStub = "XAPIANDB";
constexpr std::size_t kMaxShards = 1024;

std::string shard_name(std::size_t k) { return "shard-" + std::to_string(k); }

// The stub newsidx writes: a comment, then the shards in routing order.
std::string stub_text(std::size_t count) {
    std::string s = "# newsidx sharded index: " + std::to_string(count) +
                    " shards; a post goes to shard fnv1a64(id) % " + std::to_string(count) +
                    ". Written by newsidx: do not reorder.\n";
    for (std::size_t k = 0; k < count; ++k) s += "auto " + shard_name(k) + "\n";
    return s;
}

// Written beside and renamed, so that a reader never sees half a stub.
void write_stub(const std::string& dir, std::size_t count) {
    const std::string tmp = dir + "/" + kStub + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << stub_text(count);
        out.close();
        if (!out) throw IndexError(tmp + ": cannot write the shard list");
    }
    std::error_code ec;
    fs::rename(tmp, dir + "/" + kStub, ec);
    if (ec) throw IndexError(dir + "/" + kStub + ": cannot write the shard list: " + ec.message());
}

bool empty_or_missing(const std::string& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) return true;
    return fs::is_directory(path, ec) && fs::is_empty(path, ec);
}

// Merges one shard's report into the total; errors the walk found are
// reported by every shard, so each message counts once.
void merge(AddReport& total, AddReport&& part, std::set<std::string>& seen_errors) {
    total.added += part.added;
    total.updated += part.updated;
    total.unchanged += part.unchanged;
    total.skipped += part.skipped;
    total.opted_out += part.opted_out;
    total.removed += part.removed;
    total.retemplated += part.retemplated;
    total.stopped = total.stopped || part.stopped;
    for (FileError& e : part.errors)
        if (seen_errors.insert(e.message).second) {
            ++total.failed;
            total.errors.push_back(std::move(e));
        }
}

}  // namespace

std::size_t shard_of(std::string_view id, std::size_t count) {
    return count == 0 ? 0 : static_cast<std::size_t>(schema::fnv1a64(id) % count);
}

bool is_sharded(const std::string& path) {
    std::error_code ec;
    return fs::is_regular_file(path + "/" + kStub, ec);
}

std::vector<std::string> shard_paths(const std::string& path) {
    std::vector<std::string> out;
    if (!is_sharded(path)) return out;
    std::ifstream in(path + "/" + kStub);
    std::size_t lineno = 0;
    for (std::string line; std::getline(in, line);) {
        ++lineno;
        if (line.empty() || line[0] == '#') continue;
        if (line != "auto " + shard_name(out.size()))
            throw IndexError(path + "/" + kStub + ":" + std::to_string(lineno) + ": expected \"auto " +
                             shard_name(out.size()) +
                             "\": this stub was not written by newsidx (search it with newsq --db; "
                             "index into its shards one by one)");
        out.push_back(path + "/" + shard_name(out.size()));
    }
    if (out.empty()) throw IndexError(path + "/" + kStub + ": lists no shards");
    return out;
}

struct ShardedIndex::Impl {
    std::string path;
    bool sharded = false;
    std::vector<Index> shards;

    // Runs `f(shard, k, opts_for_shard)` on every shard, routing posts by id.
    template <class F>
    AddReport each(const AddOptions& opts, F f) {
        const auto start = std::chrono::steady_clock::now();
        AddReport total;
        std::set<std::string> seen_errors;
        std::mutex mu;
        for (std::size_t k = 0; k < shards.size(); ++k) {
            AddOptions o = opts;
            if (sharded) {
                const std::size_t n = shards.size();
                o.accept_id = [k, n, inner = opts.accept_id](const std::string& id) {
                    return shard_of(id, n) == k && (!inner || inner(id));
                };
                if (opts.on_error)
                    o.on_error = [&, inner = opts.on_error](const FileError& e) {
                        std::lock_guard<std::mutex> lock(mu);
                        if (seen_errors.count(e.message) == 0) inner(e);
                    };
                if (opts.on_progress)  // shard k of n: progress over the whole run
                    o.on_progress = [k, n, inner = opts.on_progress](const Progress& p) {
                        inner(Progress{k * p.total + p.done, n * p.total});
                    };
            }
            merge(total, f(shards[k], o), seen_errors);
            if (total.stopped) break;  // AddOptions::stop: the later shards are not started
        }
        if (!total.stopped) refresh_templates(opts, total);
        total.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        return total;
    }

    // Templates of a sharded index (README "Templates"): a root's posts are
    // spread over the shards, so its paragraphs are counted over all of them,
    // and every shard re-analyzes its own posts with the templates those
    // counts make (and records them). A single index does this itself.
    void refresh_templates(const AddOptions& opts, AddReport& rep) {
        if (!sharded) return;
        std::set<std::string> roots;
        for (Index& s : shards) {
            const auto& t = detail::IndexAccess::of(s).touched_roots;
            roots.insert(t.begin(), t.end());
        }
        if (roots.empty()) return;
        detail::RootCounts counts;
        for (const std::string& r : roots) {
            detail::ParagraphCounts& all = counts[r];
            for (Index& s : shards) all.posts += detail::IndexAccess::of(s).root_posts(r);
            const std::size_t threshold = detail::template_threshold(all.posts);
            if (threshold == 0) continue;
            // A paragraph held by `threshold` posts over k shards is held by
            // at least threshold / k in one of them: those are the
            // candidates, then counted exactly on every shard.
            const std::size_t each = (threshold + shards.size() - 1) / shards.size();
            std::set<std::uint64_t> candidates;
            for (Index& s : shards)
                for (const auto& h : detail::IndexAccess::of(s).paragraph_counts(r, each).holding)
                    candidates.insert(h.first);
            for (std::uint64_t h : candidates) {
                std::size_t n = 0;
                for (Index& s : shards) n += detail::IndexAccess::of(s).paragraph_holding(r, h);
                all.holding[h] = n;
            }
        }
        auto text_of = [this](const std::string& r, std::uint64_t h) {
            for (Index& s : shards)
                if (std::string t = detail::IndexAccess::of(s).paragraph_text(r, h); !t.empty()) return t;
            return std::string();
        };
        for (Index& s : shards) detail::IndexAccess::of(s).refresh_templates(counts, text_of, opts, rep);
    }
};

ShardedIndex::ShardedIndex(const std::string& path, std::size_t create_shards, bool allow_version_mismatch)
    : impl_(std::make_unique<Impl>()) {
    impl_->path = path;
    if (create_shards > kMaxShards)
        throw Error("--shards " + std::to_string(create_shards) + ": at most " + std::to_string(kMaxShards));
    std::vector<std::string> paths = shard_paths(path);
    if (paths.empty() && create_shards > 1) {
        if (!empty_or_missing(path))
            throw IndexError(path + ": already an index without shards; split it with `newsidx rebalance --shards " +
                             std::to_string(create_shards) + "`");
        std::error_code ec;
        fs::create_directories(path, ec);
        if (ec) throw IndexError(path + ": cannot create the folder: " + ec.message());
        for (std::size_t k = 0; k < create_shards; ++k) paths.push_back(path + "/" + shard_name(k));
    }
    if (!paths.empty() && create_shards > 0 && paths.size() != create_shards)
        throw IndexError(path + ": has " + std::to_string(paths.size()) + " shards, not " +
                         std::to_string(create_shards) + "; change the count with `newsidx rebalance --shards " +
                         std::to_string(create_shards) + "`");
    if (paths.empty()) {  // a single index
        impl_->shards.emplace_back(path, allow_version_mismatch);
        return;
    }
    impl_->sharded = true;
    for (const std::string& p : paths) {
        impl_->shards.emplace_back(p, allow_version_mismatch);
        detail::IndexAccess::of(impl_->shards.back()).defer_templates = true;
    }
    if (!is_sharded(path)) write_stub(path, paths.size());  // last: the shards exist before the stub names them
}

ShardedIndex::~ShardedIndex() = default;
ShardedIndex::ShardedIndex(ShardedIndex&&) noexcept = default;
ShardedIndex& ShardedIndex::operator=(ShardedIndex&&) noexcept = default;

bool ShardedIndex::sharded() const { return impl_->sharded; }
std::size_t ShardedIndex::shard_count() const { return impl_->shards.size(); }

AddReport ShardedIndex::add(const std::vector<std::string>& paths, const AddOptions& opts) {
    return impl_->each(opts, [&](Index& idx, const AddOptions& o) { return idx.add(paths, o); });
}

AddReport ShardedIndex::sync(const std::string& dir, const AddOptions& opts) {
    return impl_->each(opts, [&](Index& idx, const AddOptions& o) { return idx.sync(dir, o); });
}

AddReport ShardedIndex::reindex(const AddOptions& opts) {
    return impl_->each(opts, [&](Index& idx, const AddOptions& o) { return idx.reindex(o); });
}

std::size_t ShardedIndex::remove(const std::vector<std::string>& names, std::vector<std::string>* not_found) {
    std::size_t removed = 0;
    std::map<std::string, std::size_t> missing;  // name -> shards that lacked it
    for (Index& idx : impl_->shards) {
        std::vector<std::string> nf;
        removed += idx.remove(names, &nf);
        for (const std::string& n : nf) ++missing[n];
    }
    AddReport rep;  // the posts re-analyzed are not reported: remove returns a count
    impl_->refresh_templates(AddOptions{}, rep);
    if (not_found)
        for (const std::string& n : names)
            if (auto it = missing.find(n); it != missing.end() && it->second == impl_->shards.size()) {
                not_found->push_back(n);
                missing.erase(it);  // a name given twice is reported once
            }
    return removed;
}

std::size_t ShardedIndex::add_synonyms(const std::string& file) {
    std::size_t n = 0;
    for (Index& idx : impl_->shards) n = idx.add_synonyms(file);
    return n;
}

namespace {

// Every shard's report in one: the words, whether any shard changed or needs a reindex.
template <class F>
DictionaryReport each_shard(std::vector<Index>& shards, F f) {
    DictionaryReport all;
    for (Index& idx : shards) {
        const DictionaryReport r = f(idx);
        all.words = r.words;
        all.changed = all.changed || r.changed;
        all.reindex_needed = all.reindex_needed || r.reindex_needed;
    }
    return all;
}

}  // namespace

DictionaryReport ShardedIndex::set_dictionary(const std::string& file) {
    // A bad line throws at the first shard, before anything is stored.
    return each_shard(impl_->shards, [&](Index& idx) { return idx.set_dictionary(file); });
}

DictionaryReport ShardedIndex::clear_dictionary() {
    return each_shard(impl_->shards, [](Index& idx) { return idx.clear_dictionary(); });
}

CompactReport ShardedIndex::compact() {
    CompactReport total;
    for (Index& idx : impl_->shards) {
        const CompactReport r = idx.compact();
        total.bytes_before += r.bytes_before;
        total.bytes_after += r.bytes_after;
        total.seconds += r.seconds;
    }
    return total;
}

std::vector<std::string> ShardedIndex::post_extensions() const { return impl_->shards.at(0).post_extensions(); }

std::vector<IndexStats> ShardedIndex::stats() const {
    std::vector<IndexStats> out;
    for (const Index& idx : impl_->shards) out.push_back(idx.stats());
    return out;
}

namespace {

// Read-only handles of the shards (or the one index) at `path`.
std::vector<std::string> source_paths(const std::string& path) {
    std::vector<std::string> paths = shard_paths(path);
    if (paths.empty()) paths.push_back(path);
    return paths;
}

}  // namespace

RebalanceReport rebalance(const std::string& path, std::size_t count) {
    const auto start = std::chrono::steady_clock::now();
    if (count == 0 || count > kMaxShards)
        throw Error("--shards " + std::to_string(count) + ": expected 1 to " + std::to_string(kMaxShards));
    std::error_code ec;
    if (!fs::is_directory(path, ec)) throw IndexError(path + ": no index here");
    RebalanceReport rep;
    const std::vector<std::string> from = source_paths(path);
    rep.from_shards = from.size();
    rep.to_shards = count;
    const bool was_sharded = is_sharded(path);

    // Every writer merges leftovers first: a parallel first add killed
    // before its merge left committed posts in DB.newsidx-parts (issue 15,
    // D3). Opening each source as an Index does that, under its lock.
    for (const std::string& p : from) Index merged(p);

    // Write locks on the old shards keep every other writer out from here
    // on; only then may an earlier, interrupted run's folder be cleared.
    std::vector<Xapian::WritableDatabase> src;
    try {
        for (const std::string& p : from) src.emplace_back(p, Xapian::DB_OPEN);
    } catch (const Xapian::DatabaseLockError&) {
        throw LockError(path + ": a shard is being written by another newsidx process; try again when it has finished");
    } catch (const Xapian::Error& e) {
        detail::rethrow_xapian(e, path);
    }
    detail::IndexFolder folder(path);
    const std::string next = folder.rebalance_dir();
    folder.clear_rebalance_leftover();
    // The new shards are created by Index, so they carry the schema, the
    // analyzer and the built-in synonyms exactly as `add` makes them.
    std::vector<std::string> to;
    if (count == 1) to.push_back(next);
    else
        for (std::size_t k = 0; k < count; ++k) to.push_back(next + "/" + shard_name(k));
    for (const std::string& p : to) Index created(p);

    try {
        std::vector<Xapian::WritableDatabase> dst;
        for (const std::string& p : to) dst.emplace_back(p, Xapian::DB_OPEN);
        std::vector<schema::TypoFiler> typo(dst.size());  // one per new shard
        for (const Xapian::WritableDatabase& db : src)
            if (const schema::Stamp st = schema::read_stamp(db); !st.usable()) throw IndexError(path + ": " + st.problem());

        std::set<std::string> roots;
        std::size_t batch = 0;
        for (std::size_t s = 0; s < src.size(); ++s) {
            Xapian::WritableDatabase& db = src[s];
            for (std::string& r : schema::read_roots(db)) roots.insert(std::move(r));
            for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
                const Xapian::Document doc = db.get_document(*p);
                const std::string id = doc.get_value(schema::kSlotId);
                const std::size_t k = shard_of(id, count);
                typo[k].note(dst[k], doc);  // the new layout's typo tables, from its own words
                dst[k].replace_document(schema::term(schema::kId, id), doc);
                ++rep.posts;
                if ((was_sharded ? s : 0) != k) ++rep.moved;
                if (++batch == 2000) {
                    for (std::size_t i = 0; i < dst.size(); ++i) {
                        typo[i].flush(dst[i], true);  // more batches to come
                        dst[i].commit();
                    }
                    batch = 0;
                }
            }
            // Synonyms added with `newsidx synonyms` live in every shard.
            for (auto key = db.synonym_keys_begin(); key != db.synonym_keys_end(); ++key)
                for (auto syn = db.synonyms_begin(*key); syn != db.synonyms_end(*key); ++syn)
                    for (auto& d : dst) d.add_synonym(*key, *syn);
        }
        for (auto& d : dst) {
            detail::mirror_synonyms(d);
            schema::add_roots(d, roots);
            // The templates as the sources recorded them (the same in every
            // shard); the posts keep their marks, so a next writer finds any
            // that a killed refresh left stale.
            d.set_metadata(schema::kMetaTemplates, src[0].get_metadata(schema::kMetaTemplates));
            d.set_metadata(schema::kMetaUpdated, src[0].get_metadata(schema::kMetaUpdated));
            // The user dictionary the posts were analyzed with (checked Current above), and the stamp naming it.
            d.set_metadata(schema::kMetaDictionary, src[0].get_metadata(schema::kMetaDictionary));
            // The user's synonym groups, and those the posts were analyzed
            // with (their concept terms), so the stamp names the same analysis.
            d.set_metadata(schema::kMetaUserSynonyms, src[0].get_metadata(schema::kMetaUserSynonyms));
            d.set_metadata(schema::kMetaConceptGroups, src[0].get_metadata(schema::kMetaConceptGroups));
            // What the next add of the new layout must take and build as the
            // old one did: the post extensions (`--ext`) and the site URL (`--site-url`).
            d.set_metadata(schema::kMetaExtensions, src[0].get_metadata(schema::kMetaExtensions));
            d.set_metadata(schema::kMetaSiteUrl, src[0].get_metadata(schema::kMetaSiteUrl));
            schema::write_stamp(d);
            typo[&d - dst.data()].flush(d);
            d.commit();
        }
        if (count > 1) write_stub(next, count);
        dst.clear();
        // One atomic exchange while still holding the old locks: a kill at any
        // moment leaves `path` whole, old or new (issue 15, D2); `next` then
        // holds the other one, which the next rebalance clears under the lock.
        if (const std::string problem = folder.swap_in(next); !problem.empty())
            throw IndexError(path + ": swapping in the rebalanced index failed (" + problem +
                             "); the index is as it was, the complete new one is in " + next);
        src.clear();
        fs::remove_all(next, ec);
    } catch (const Xapian::DatabaseLockError&) {
        fs::remove_all(next, ec);
        throw LockError(path + ": a shard is being written by another newsidx process; try again when it has finished");
    } catch (const Xapian::Error& e) {
        fs::remove_all(next, ec);
        detail::rethrow_xapian(e, path);
    } catch (const fs::filesystem_error& e) {
        fs::remove_all(next, ec);
        throw IndexError(path + ": writing the rebalanced index failed (" + std::string(e.what()) +
                         "); the index is as it was");
    }
    rep.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return rep;
}

}  // namespace newsidx
