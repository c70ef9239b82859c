// Templates (boilerplate.hpp): counting a root's paragraphs, and bringing its
// posts in line when a paragraph becomes a template or stops being one.
//
// Every post records its candidate paragraphs (XH terms) whatever they are,
// so the counts never depend on the templates; a post built without a
// paragraph as a template also carries its mark (XHT). A post is stale when
// it holds a template without the mark, or a mark of a paragraph that is no
// longer one: both are read from the index, so whatever a killed run left
// (posts written, templates not refreshed) the next add, sync, remove or
// reindex of that root finds and re-analyzes exactly those posts.
#include <newsidx/error.hpp>

#include "boilerplate.hpp"
#include "index_impl.hpp"
#include "ingest.hpp"
#include "meta.hpp"
#include "schema.hpp"
#include "stored_post.hpp"
#include "utf8.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <thread>

namespace newsidx {

namespace {

std::uint64_t hash_after(const std::string& term, std::size_t prefix_size) {
    return std::strtoull(term.c_str() + prefix_size, nullptr, 16);
}

// What stats shows of a template: its first ~200 bytes.
constexpr std::size_t kShownTextBytes = 200;

}  // namespace

void Index::Impl::load_templates() {
    templates.clear();
    try {
        for (const auto& [root, rt] : schema::read_templates(db)) {
            detail::TemplateSet& set = templates[root];
            for (const schema::RootTemplates::Entry& e : rt.templates)
                set.insert(std::strtoull(e.hash.c_str(), nullptr, 16));
        }
    } catch (const Xapian::Error& e) {
        fail(e);
    }
}

void Index::Impl::prescan_templates(const std::vector<detail::FoundFile>& files,
                                    const std::vector<std::uint32_t>& plan, const AddOptions& opts) {
    if (defer_templates) return;
    std::map<std::string, std::vector<std::uint32_t>> by_root;
    for (std::uint32_t i : plan) by_root[files[i].root].push_back(i);
    try {
        for (const auto& entry : by_root) {
            // Not a structured binding: clang (C++17) cannot capture one in the lambda below.
            const std::string& root = entry.first;
            const std::vector<std::uint32_t>& mine = entry.second;
            if (mine.size() < detail::kTemplateMinPosts || templates.count(root) ||
                db.get_termfreq(schema::term(schema::kRoot, root)) != 0)
                continue;
            // Read and parsed on the --jobs threads, each counting a slice.
            const unsigned n = std::max(1u, detail::worker_count(opts.jobs));
            // Bounded (ParagraphTally): a paragraph it cannot vouch for is
            // left to refresh_templates, which counts from the index.
            std::vector<detail::ParagraphTally> part(n);
            auto count = [&](unsigned k) {
                std::string bytes;
                for (std::size_t j = k; j < mine.size(); j += n) {
                    const std::string& path = files[mine[j]].path;
                    struct stat st {};
                    if (::stat(path.c_str(), &st) != 0) continue;
                    if (!detail::read_source(path, st, reader.limits().max_file_bytes, bytes).empty()) continue;
                    Post post;
                    try {
                        post = reader.parse(bytes, path, st.st_mtim.tv_sec);
                    } catch (const std::exception&) {
                        continue;  // ingest reports it
                    }
                    if (!post.published && !opts.drafts) continue;
                    ++part[k].posts;
                    std::set<std::uint64_t> seen;
                    for (const detail::Paragraph& p : detail::paragraphs(post))
                        if (seen.insert(p.hash).second) part[k].add(p.hash);
                }
            };
            std::vector<std::thread> threads;
            for (unsigned k = 1; k < n; ++k) threads.emplace_back(count, k);
            count(0);
            for (std::thread& t : threads) t.join();
            detail::ParagraphTally& c = part[0];
            for (unsigned k = 1; k < n; ++k) {
                c.posts += part[k].posts;
                c.merge(part[k]);
                part[k] = detail::ParagraphTally(0);  // its memory back now
            }
            const std::size_t threshold = detail::template_threshold(c.posts);
            detail::TemplateSet set;
            if (threshold > 0) set = c.at_least(threshold);
            if (!set.empty()) templates[root] = std::move(set);
        }
    } catch (const Xapian::Error& e) {
        fail(e);
    }
}

std::size_t Index::Impl::root_posts(const std::string& root) {
    try {
        return db.get_termfreq(schema::term(schema::kRoot, root));
    } catch (const Xapian::Error& e) {
        fail(e);
    }
}

detail::ParagraphCounts Index::Impl::paragraph_counts(const std::string& root, std::size_t at_least) {
    detail::ParagraphCounts c;
    c.posts = root_posts(root);
    if (at_least == 0) return c;
    try {
        const std::string prefix = std::string(schema::kParagraph) + detail::root_key(root);
        for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
            if (const Xapian::doccount n = t.get_termfreq(); n >= at_least) c.holding[hash_after(*t, prefix.size())] = n;
    } catch (const Xapian::Error& e) {
        fail(e);
    }
    return c;
}

std::size_t Index::Impl::paragraph_holding(const std::string& root, std::uint64_t hash) {
    try {
        return db.get_termfreq(detail::paragraph_term(detail::root_key(root), hash));
    } catch (const Xapian::Error& e) {
        fail(e);
    }
}

std::string Index::Impl::paragraph_text(const std::string& root, std::uint64_t hash) {
    try {
        const std::string t = detail::paragraph_term(detail::root_key(root), hash);
        int tries = 0;
        for (auto p = db.postlist_begin(t); p != db.postlist_end(t) && tries < 3; ++p, ++tries) {
            const std::string path = stored_path(*p);
            struct stat st {};
            std::string bytes;
            if (path.empty() || ::stat(path.c_str(), &st) != 0) continue;
            if (!detail::read_source(path, st, reader.limits().max_file_bytes, bytes).empty()) continue;
            try {
                const Post post = reader.parse(bytes, path, st.st_mtim.tv_sec);
                for (const detail::Paragraph& para : detail::paragraphs(post))
                    if (para.hash == hash) {
                        const std::string_view s = std::string_view(post.text).substr(para.begin, para.end - para.begin);
                        if (s.size() <= kShownTextBytes) return std::string(s);
                        return std::string(s.substr(0, utf8::floor_boundary(s, kShownTextBytes))) + "…";
                    }
            } catch (const PostError&) {
            }
        }
    } catch (const Xapian::Error& e) {
        fail(e);
    }
    return {};
}

std::size_t Index::Impl::refresh_templates(const detail::RootCounts& counts,
                                           const std::function<std::string(const std::string&, std::uint64_t)>& text_of,
                                           const AddOptions& opts, AddReport& rep) {
    AddReport sub;
    try {
        std::set<Xapian::docid> stale;
        std::map<std::string, schema::RootTemplates> cache = schema::read_templates(db);
        for (const auto& [root, c] : counts) {
            const std::size_t threshold = detail::template_threshold(c.posts);
            detail::TemplateSet now;
            if (threshold > 0)
                for (const auto& [h, n] : c.holding)
                    if (n >= threshold) now.insert(h);
            const std::string rkey = detail::root_key(root);
            // Posts built without a paragraph that is no longer a template.
            const std::string mprefix = std::string(schema::kTemplateMark) + rkey;
            for (auto t = db.allterms_begin(mprefix); t != db.allterms_end(mprefix); ++t)
                if (!now.count(hash_after(*t, mprefix.size())))
                    for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) stale.insert(*p);
            // Posts holding a template, built with it.
            for (std::uint64_t h : now) {
                const std::string pt = detail::paragraph_term(rkey, h), mt = detail::template_mark_term(rkey, h);
                if (db.get_termfreq(pt) == db.get_termfreq(mt)) continue;
                std::set<Xapian::docid> marked;
                for (auto p = db.postlist_begin(mt); p != db.postlist_end(mt); ++p) marked.insert(*p);
                for (auto p = db.postlist_begin(pt); p != db.postlist_end(pt); ++p)
                    if (!marked.count(*p)) stale.insert(*p);
            }
            // What stats shows; a known template keeps its text.
            std::map<std::string, std::string> known;
            if (auto it = cache.find(root); it != cache.end())
                for (schema::RootTemplates::Entry& e : it->second.templates) known[e.hash] = std::move(e.text);
            schema::RootTemplates rt;
            rt.posts = c.posts;
            for (std::uint64_t h : now) {
                const std::string hx = detail::hex16(h);
                auto k = known.find(hx);
                rt.templates.push_back({hx, c.holding.at(h), k != known.end() ? k->second : text_of(root, h)});
            }
            std::sort(rt.templates.begin(), rt.templates.end(), [](const auto& a, const auto& b) {
                return a.posts != b.posts ? a.posts > b.posts : a.hash < b.hash;
            });
            cache[root] = std::move(rt);
            if (now.empty()) templates.erase(root);
            else templates[root] = std::move(now);
        }

        // Re-analyzed as reindex does, from the stored source path, with the
        // new templates; a post whose file is gone now is left as it is (sync
        // removes it).
        std::vector<Xapian::docid> dids(stale.begin(), stale.end());
        std::size_t i = 0;
        auto next = [&](detail::FileJob& job, detail::FileResult& res) {
            if (i == dids.size()) return false;
            if (!reindex_job(dids[i++], job)) res.kind = detail::FileResult::Kind::Unchanged;
            return true;
        };
        // Nothing to write: no commit (readers are not made to reopen).
        if (dids.empty() && db.get_metadata(schema::kMetaTemplates) == schema::encode_templates(cache)) return 0;
        AddOptions o = opts;
        o.force = true;
        o.on_progress = nullptr;
        db.begin_transaction();
        if (!dids.empty()) run_jobs(dids.size(), next, o, sub);
        schema::write_templates(db, cache);
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
    rep.retemplated += sub.updated;
    rep.failed += sub.failed;
    for (FileError& fe : sub.errors) rep.errors.push_back(std::move(fe));
    rep.stopped = rep.stopped || sub.stopped;
    return sub.updated;
}

void Index::Impl::refresh_own_templates(const AddOptions& opts, AddReport& rep) {
    if (defer_templates || touched_roots.empty()) return;
    for (int round = 0; round < 3; ++round) {
        detail::RootCounts counts;
        for (const std::string& r : touched_roots) counts[r] = paragraph_counts(r, detail::template_threshold(root_posts(r)));
        auto text_of = [this](const std::string& r, std::uint64_t h) { return paragraph_text(r, h); };
        if (refresh_templates(counts, text_of, opts, rep) == 0 || rep.stopped) break;
    }
}

}  // namespace newsidx
