#include "autocomplete.hpp"

#include "analysis.hpp"
#include "hangul.hpp"
#include "jamo.hpp"
#include "searcher_pool.hpp"
#include "schema.hpp"
#include "stored_post.hpp"
#include "utf8.hpp"
#include "xapian_error.hpp"

#include <newsidx/analyzer.hpp>
#include <newsidx/error.hpp>

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace newsidx::service {

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kRecheck = std::chrono::milliseconds(250);

struct DocInfo {
    std::string stamp, id, title, url, date;
    std::vector<std::string> tags, categories, words;
};

struct Entry {
    Suggestion s;
    std::string date;  // titles: newest first
    std::u32string key, cho;
    std::vector<std::uint32_t> starts, cho_starts;
};

struct Table {
    std::vector<Entry> entries;
};

bool boundary(char32_t c) {
    if (c == U' ') return true;
    if (c < 0x80) return !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80);
    return (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF0F) ||
           (c >= 0xFF1A && c <= 0xFF20);
}

// Offsets where a word starts in a key.
std::vector<std::uint32_t> word_starts(const std::u32string& k) {
    std::vector<std::uint32_t> out;
    for (std::size_t i = 0; i < k.size(); ++i)
        if (!boundary(k[i]) && (i == 0 || boundary(k[i - 1]))) out.push_back(static_cast<std::uint32_t>(i));
    return out;
}

bool matches(const std::u32string& key, const std::vector<std::uint32_t>& starts, const std::u32string& q,
             bool& at_start) {
    for (std::uint32_t s : starts) {
        if (key.size() - s >= q.size() && key.compare(s, q.size(), q) == 0) {
            at_start = s == starts.front();
            return true;
        }
    }
    return false;
}


// The words of a title worth completing to: the analyzer's stems, shown as
// written (OpenAI keeps its case; a particle after Hangul or a Latin word
// is cut: 스타게이트를 -> 스타게이트, 오픈AI가 -> 오픈AI).
std::vector<std::string> title_words(const Analyzer& analyzer, const std::string& title) {
    std::vector<std::string> out;
    for (const detail::Word& w : detail::analyze(analyzer, title)) {
        if (w.stopword || w.end > title.size() || w.begin >= w.end) continue;
        std::string shown = title.substr(w.begin, w.end - w.begin);
        const std::size_t stem_cps = utf8::length(w.stem), surface_cps = utf8::length(w.surface);
        if (stem_cps < surface_cps && w.surface.compare(0, w.stem.size(), w.stem) == 0) {
            // Cut only a Hangul remainder (a particle or ending), never an English suffix.
            std::size_t i = 0, cp = 0;
            while (i < shown.size() && cp < stem_cps) utf8::next(shown, i), ++cp;
            bool hangul_rest = true;
            for (std::size_t j = i; j < shown.size();)
                if (!detail::hangul::is_syllable(utf8::next(shown, j))) hangul_rest = false;
            if (hangul_rest && utf8::length(shown) == surface_cps) shown.resize(i);
        }
        if (utf8::length(shown) >= 2) out.push_back(std::move(shown));
    }
    return out;
}

}  // namespace

struct Suggester::Impl {
    std::string path;
    Analyzer analyzer;

    std::mutex build_mu;  // one refresh at a time; guards everything below but `table`
    std::optional<Xapian::Database> db;
    std::string layout;  // layout_key() when db was opened
    Xapian::rev revision = 0;
    Clock::time_point checked{};
    std::unordered_map<Xapian::docid, DocInfo> docs;

    std::mutex table_mu;  // guards the pointer only
    std::shared_ptr<const Table> table;

    std::shared_ptr<const Table> current() {
        std::lock_guard lock(table_mu);
        return table;
    }

    DocInfo read_doc(const Xapian::Document& doc, std::string stamp) {
        DocInfo d;
        d.stamp = std::move(stamp);
        schema::StoredPost p = schema::decode_post(doc.get_data());
        d.id = std::move(p.id);
        d.title = std::move(p.title);
        d.url = std::move(p.url);
        d.date = std::move(p.date);
        d.tags = std::move(p.tags);
        d.categories = std::move(p.categories);
        d.words = title_words(analyzer, d.title);
        return d;
    }

    void reload() {
        if (db && layout_key(path) != layout) {
            // Another layout (rebalance, compact): docids mean other posts now.
            // The previous table serves until the new one is built.
            db.reset();
            docs.clear();
            revision = 0;
        }
        if (!db) {
            if (!std::filesystem::exists(path)) throw IndexError(path + ": no index here");
            layout = layout_key(path);
            db.emplace(path);
        } else if (!db->reopen() && table) {
            return;
        }
        // A sharded folder opens as several databases, which have no one
        // revision (Xapian: "requires exactly one subdatabase"): 0, and
        // reopen() alone says whether to look (the rebuild is by stamp).
        Xapian::rev rev = 0;
        try {
            rev = db->get_revision();
        } catch (const Xapian::InvalidOperationError&) {
        }
        if (table && rev != 0 && rev == revision) return;
        std::unordered_map<Xapian::docid, DocInfo> next;
        next.reserve(docs.size());
        for (auto it = db->valuestream_begin(schema::kSlotStamp); it != db->valuestream_end(schema::kSlotStamp);
             ++it) {
            const Xapian::docid id = it.get_docid();
            std::string stamp = *it;
            if (auto old = docs.find(id); old != docs.end() && old->second.stamp == stamp)
                next.emplace(id, std::move(old->second));
            else
                next.emplace(id, read_doc(db->get_document(id), std::move(stamp)));
        }
        docs = std::move(next);
        revision = rev;
        auto t = std::make_shared<Table>(build());
        std::lock_guard lock(table_mu);
        table = std::move(t);
    }

    Table build() const {
        struct Agg {
            std::string text;
            std::size_t count = 0;
        };
        // Same key = same suggestion (ai, AI); the most frequent spelling is shown.
        std::map<std::pair<std::u32string, std::string>, std::map<std::string, std::size_t>> counts;
        Table t;
        for (const auto& [docid, d] : docs) {
            std::map<std::pair<std::u32string, std::string>, std::string> once;  // one count per post
            for (const auto& w : d.words) once.emplace(std::pair{jamo_key(w), std::string("word")}, w);
            for (const auto& w : d.tags) once.emplace(std::pair{jamo_key(w), std::string("tag")}, w);
            for (const auto& w : d.categories) once.emplace(std::pair{jamo_key(w), std::string("category")}, w);
            for (auto& [k, text] : once)
                if (!k.first.empty()) ++counts[k][text];
            if (!d.title.empty()) {
                Entry e;
                e.s = {d.title, "title", 0, d.id, d.url};
                e.date = d.date;
                t.entries.push_back(std::move(e));
            }
        }
        for (const auto& [k, spellings] : counts) {
            Entry e;
            e.s.kind = k.second;
            for (const auto& [text, n] : spellings) {
                e.s.count += n;
                if (e.s.text.empty() || n > spellings.at(e.s.text)) e.s.text = text;
            }
            t.entries.push_back(std::move(e));
        }
        for (Entry& e : t.entries) {
            e.key = jamo_key(e.s.text);
            e.cho = choseong_key(e.s.text);
            e.starts = word_starts(e.key);
            e.cho_starts = word_starts(e.cho);
        }
        return t;
    }

    void refresh() {
        std::lock_guard lock(build_mu);
        const auto now = Clock::now();
        if (table && now - checked < kRecheck) return;
        checked = now;
        try {
            for (detail::ModifiedRetry retry;;) {
                try {
                    reload();
                    return;
                } catch (const Xapian::DatabaseModifiedError&) {
                    if (!retry.again()) throw;
                    db->reopen();
                }
            }
        } catch (const Xapian::Error& e) {
            db.reset();  // start afresh next time (the index may have been replaced)
            detail::rethrow_xapian(e, path);
        }
    }
};

Suggester::Suggester(std::string db_path) : impl_(std::make_unique<Impl>()) { impl_->path = std::move(db_path); }
Suggester::~Suggester() = default;

std::size_t Suggester::candidates() {
    impl_->refresh();
    const auto t = impl_->current();
    return t ? t->entries.size() : 0;
}

Suggester::Sample Suggester::sample() {
    impl_->refresh();
    const auto t = impl_->current();
    const Entry* best = nullptr;
    if (t)
        for (const Entry& e : t->entries) {
            if (e.s.kind != "word") continue;
            const std::size_t n = utf8::length(e.s.text);
            if (n < 2 || n > 10) continue;
            bool hangul = true;
            for (std::size_t i = 0; i < e.s.text.size() && hangul;)
                hangul = detail::hangul::is_syllable(utf8::next(e.s.text, i));
            if (!hangul) continue;
            if (!best || e.s.count > best->s.count ||
                (e.s.count == best->s.count &&
                 (e.cho.size() < best->cho.size() || (e.cho.size() == best->cho.size() && e.key < best->key))))
                best = &e;
        }
    Sample out;
    if (!best) return out;
    out.word = best->s.text;
    for (char32_t c : best->cho) utf8::append(out.initials, c);
    return out;
}

std::vector<Suggestion> Suggester::suggest(std::string_view typed, std::size_t limit) {
    const bool cho = is_choseong_query(typed);
    const std::u32string q = cho ? choseong_key(typed) : jamo_key(typed);
    if (q.empty() || limit == 0) return {};
    impl_->refresh();
    const auto t = impl_->current();
    if (!t) return {};

    struct Found {
        const Entry* e;
        bool at_start;
    };
    std::vector<Found> terms, titles;
    for (const Entry& e : t->entries) {
        bool at_start = false;
        if (!(cho ? matches(e.cho, e.cho_starts, q, at_start) : matches(e.key, e.starts, q, at_start))) continue;
        (e.s.kind == "title" ? titles : terms).push_back({&e, at_start});
    }
    std::sort(terms.begin(), terms.end(), [](const Found& a, const Found& b) {
        if (a.at_start != b.at_start) return a.at_start;
        if (a.e->s.count != b.e->s.count) return a.e->s.count > b.e->s.count;
        if (a.e->key.size() != b.e->key.size()) return a.e->key.size() < b.e->key.size();
        return a.e->s.text < b.e->s.text;
    });
    std::sort(titles.begin(), titles.end(), [](const Found& a, const Found& b) {
        if (a.at_start != b.at_start) return a.at_start;
        if (a.e->date != b.e->date) return a.e->date > b.e->date;
        return a.e->s.id < b.e->s.id;
    });
    // A word that is also a tag is offered once.
    std::vector<const Entry*> unique_terms;
    for (const Found& f : terms) {
        const bool dup = std::any_of(unique_terms.begin(), unique_terms.end(),
                                     [&](const Entry* u) { return u->key == f.e->key; });
        if (!dup) unique_terms.push_back(f.e);
    }
    const std::size_t term_room = titles.empty() ? limit : std::max<std::size_t>(1, (limit + 1) / 2);
    const std::size_t n_terms = std::min(unique_terms.size(), std::max(term_room, limit - std::min(limit, titles.size())));
    std::vector<Suggestion> out;
    for (std::size_t i = 0; i < n_terms && out.size() < limit; ++i) out.push_back(unique_terms[i]->s);
    for (const Found& f : titles) {
        if (out.size() >= limit) break;
        out.push_back(f.e->s);
    }
    return out;
}

}  // namespace newsidx::service
