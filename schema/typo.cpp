#include "typo.hpp"

#include "fields.hpp"
#include "hangul.hpp"
#include "stored_text.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>

namespace newsidx::schema {

namespace {

// Conjoining jamo packed in one byte: the 19 initials, 21 vowels and 27
// finals from 0x80 on. Other letters keep their UTF-8, whose lead bytes from
// 0xC3 on do not meet these (typo_word files no letter below U+00C0), so a
// packed string splits back into its code points.
constexpr unsigned char kL = 0x80, kV = 0x93, kT = 0xA8, kEnd = 0xC3;

// A word's packed jamo, with where each code point starts.
struct Packed {
    std::string bytes;
    std::array<std::uint8_t, kTypoMaxJamo + 4> at{};  // at[i]: offset of code point i, at[n]: the size
    std::size_t n = 0;
};

// False when `word` has more than `max` code points once split into jamo.
bool pack(std::string_view word, std::size_t max, Packed& p) {
    p.bytes.clear();
    p.n = 0;
    auto mark = [&p, max] {
        if (p.n == max) return false;
        p.at[p.n++] = static_cast<std::uint8_t>(p.bytes.size());
        return true;
    };
    for (std::size_t i = 0; i < word.size();) {
        const char32_t c = utf8::next(word, i);
        if (detail::hangul::is_syllable(c)) {
            const char32_t k = c - 0xAC00;
            if (!mark()) return false;
            p.bytes += static_cast<char>(kL + k / (21 * 28));
            if (!mark()) return false;
            p.bytes += static_cast<char>(kV + (k % (21 * 28)) / 28);
            if (k % 28 == 0) continue;
            if (!mark()) return false;
            p.bytes += static_cast<char>(kT - 1 + k % 28);
            continue;
        }
        if (!mark()) return false;
        if (c >= 0x1100 && c <= 0x1112) p.bytes += static_cast<char>(kL + (c - 0x1100));
        else if (c >= 0x1161 && c <= 0x1175) p.bytes += static_cast<char>(kV + (c - 0x1161));
        else if (c >= 0x11A8 && c <= 0x11C2) p.bytes += static_cast<char>(kT + (c - 0x11A8));
        else utf8::append(p.bytes, c);
        if (p.bytes.size() > 255) return false;
    }
    p.at[p.n] = static_cast<std::uint8_t>(p.bytes.size());
    return true;
}

// The byte length of the packed code point starting with `b`.
std::size_t cp_len(unsigned char b) {
    if (b < kEnd) return 1;
    return b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

// a = n / 3 jamo, then b, then c = n / 3: the middle part is the longest.
struct Cut {
    std::size_t a, b, c;
};
Cut cut(std::size_t n) { return {n / 3, n - 2 * (n / 3), n / 3}; }

// A key: place, length, the part's packed bytes; its bucket adds kMetaTypo
// and keeps the part's first byte.
std::string key(char place, std::size_t n, std::string_view part) {
    std::string k;
    k += place;
    k += static_cast<char>('0' + n);  // 3..40: one printable byte
    k += part;
    return k;
}
std::string bucket_of(std::string_view key) { return std::string(kMetaTypo) + std::string(key.substr(0, 3)); }

std::string_view span(const Packed& p, std::size_t from, std::size_t to) {
    return std::string_view(p.bytes).substr(p.at[from], p.at[to] - p.at[from]);
}

// The entry of a packed word of n code points under `place`: its keyed
// part first, then the rest in order.
std::string entry(const Packed& p, char place) {
    const Cut q = cut(p.n);
    std::string e;
    if (place == 'a') return p.bytes;
    if (place == 'b') {
        e += span(p, q.a, q.a + q.b);
        e += span(p, 0, q.a);
        e += span(p, q.a + q.b, p.n);
    } else {
        e += span(p, q.a + q.b, p.n);
        e += span(p, 0, q.a + q.b);
    }
    return e;
}

// The word (UTF-8) of an entry of a bucket of `place` and length `n`; empty
// when the entry does not split into n code points.
std::string word_of(std::string_view e, char place, std::size_t n) {
    std::array<std::size_t, kTypoMaxJamo + 2> at{};
    std::size_t k = 0, i = 0;
    for (; i < e.size() && k <= n; i += cp_len(static_cast<unsigned char>(e[i]))) at[k++] = i;
    if (k != n || i != e.size()) return {};
    at[n] = e.size();
    const Cut q = cut(n);
    auto part = [&](std::size_t from, std::size_t to) { return e.substr(at[from], at[to] - at[from]); };
    std::string packed;
    if (place == 'a') {
        packed = e;
    } else if (place == 'b') {  // b a c -> a b c
        packed = part(q.b, q.b + q.a);
        packed += part(0, q.b);
        packed += part(q.b + q.a, n);
    } else {  // c a b -> a b c
        packed = part(q.c, n);
        packed += part(0, q.c);
    }
    std::string out;
    for (std::size_t j = 0; j < packed.size();) {
        const auto b = static_cast<unsigned char>(packed[j]);
        if (b >= kEnd || b < kL) {
            const std::size_t len = cp_len(b);
            out.append(packed, j, len);
            j += len;
            continue;
        }
        const auto next = [&](std::size_t at2) {
            return at2 < packed.size() ? static_cast<unsigned char>(packed[at2]) : 0;
        };
        if (b < kV && next(j + 1) >= kV && next(j + 1) < kT) {  // a syllable, with its final if one follows
            char32_t s = 0xAC00 + ((b - kL) * 21 + (next(j + 1) - kV)) * 28;
            j += 2;
            if (next(j) >= kT && next(j) < kEnd) s += next(j++) - kT + 1;
            utf8::append(out, s);
        } else {  // a jamo on its own (not filed by typo_word; kept as itself)
            utf8::append(out, b < kV ? 0x1100 + (b - kL) : b < kT ? 0x1161 + (b - kV) : 0x11A8 + (b - kT));
            ++j;
        }
    }
    return out;
}

// A bucket's value: runs of entries, each run sorted, each entry as the
// count of bytes it shares with the one before in its run (0 starts a run),
// the rest, '\n' (no packed byte is '\n'); then packed by stored_text's
// codec. A bucket is one run once compressed; an add's batches write a run
// each under keys of their own (run_suffix), which the add's last commit
// merges into the bucket. A value may also be raw ('r' + the runs): an add
// killed before this layout appended its runs so.
// The entries of a bucket's value, appended to `out`; where each run starts
// (an entry sharing nothing with the one before: in a bucket every entry
// shares the first byte with the others) appended to `starts`, if given.
void decode(std::string_view value, std::vector<std::string>& out, std::vector<std::size_t>* starts = nullptr) {
    const std::optional<std::string> raw = detail::unpack_text(value, std::size_t{1} << 28);
    if (!raw) return;  // damaged: as if empty (the table only helps)
    std::string prev;
    for (std::size_t p = 0; p < raw->size();) {
        const std::size_t shared = std::min<std::size_t>(static_cast<unsigned char>((*raw)[p]), prev.size());
        if (shared == 0 && starts) starts->push_back(out.size());
        std::size_t e = raw->find('\n', p + 1);
        if (e == std::string::npos) e = raw->size();
        prev.resize(shared);
        prev.append(*raw, p + 1, e - p - 1);
        out.push_back(prev);
        p = e + 1;
    }
}

// One run: `es` sorted, each once.
std::string run_of(const std::vector<std::string>& es) {
    std::string raw;
    const std::string* prev = nullptr;
    for (const std::string& e : es) {
        std::size_t s = 0;
        if (prev)
            while (s < 255 && s < e.size() && s < prev->size() && e[s] == (*prev)[s]) ++s;
        raw += static_cast<char>(s);
        raw.append(e, s);
        raw += '\n';
        prev = &e;
    }
    return raw;
}

void tidy(std::vector<std::string>& es) {
    std::sort(es.begin(), es.end());
    es.erase(std::unique(es.begin(), es.end()), es.end());
}

// `es`, sorted runs starting at `starts`, as one sorted run, each entry once.
void merge_runs(std::vector<std::string>& es, const std::vector<std::size_t>& starts) {
    for (std::size_t i = 1; i < starts.size(); ++i) {
        const auto end = i + 1 < starts.size() ? es.begin() + static_cast<std::ptrdiff_t>(starts[i + 1]) : es.end();
        std::inplace_merge(es.begin(), es.begin() + static_cast<std::ptrdiff_t>(starts[i]), end);
    }
    es.erase(std::unique(es.begin(), es.end()), es.end());
}

// `es` (one sorted run) compressed at zlib's fastest level (its default
// level saves 82 KB of 44.5 MB compacted over the shared corpora and KorQuAD
// docs, for about 1.5 times the deflate time).
std::string encode(const std::vector<std::string>& es) { return detail::pack_text(run_of(es), 1); }

// A batch's run of a bucket is filed under the bucket's key + this: '\x01',
// the revision its commit makes and the filer's count of batches, 8 and 4
// bytes big-endian, so that runs never overwrite one another (not the ones
// a killed add left either) and sort in the order they were written.
std::string run_suffix(Xapian::rev revision, std::uint32_t n) {
    std::string s(1, '\x01');
    for (int shift = 56; shift >= 0; shift -= 8) s += static_cast<char>((std::uint64_t{revision} >> shift) & 0xFF);
    for (int shift = 24; shift >= 0; shift -= 8) s += static_cast<char>((n >> shift) & 0xFF);
    return s;
}

}  // namespace

bool typo_word(std::string_view term) {
    if (term.empty() || prefixed(term)) return false;
    std::size_t jamo = 0;
    for (std::size_t i = 0; i < term.size();) {
        const char32_t c = utf8::next(term, i);
        if (c < 0x80) {
            if (c < 'a' || c > 'z') return false;
            ++jamo;
        } else if (detail::hangul::is_syllable(c)) {
            jamo += 2 + (detail::hangul::final_index_of(c) != 0);
        } else if (c < 0xC0 || detail::hangul::is_hangul(c)) {
            return false;  // a mark or sign of Latin-1, a lone or conjoining jamo
        } else {
            ++jamo;
        }
        if (jamo > kTypoMaxJamo) return false;
    }
    return jamo >= kTypoMinJamo;
}

std::vector<std::string> typo_keys(std::string_view word) {
    Packed p;
    if (!pack(word, kTypoMaxJamo, p) || p.n < kTypoMinJamo) return {};
    const Cut q = cut(p.n);
    return {key('a', p.n, span(p, 0, q.a)), key('b', p.n, span(p, q.a, q.a + q.b)),
            key('c', p.n, span(p, q.a + q.b, p.n))};
}

std::vector<std::string> probe_keys(std::string_view word, std::size_t limit) {
    Packed p;
    std::vector<std::string> out;
    if (!pack(word, kTypoMaxJamo + limit, p)) return out;
    const std::size_t m = p.n;
    if (m + limit < kTypoMinJamo) return out;
    const std::size_t lo = std::max(kTypoMinJamo, m > limit ? m - limit : 0);
    const std::size_t hi = std::min(kTypoMaxJamo, m + limit);
    for (std::size_t n = lo; n <= hi; ++n) {
        const Cut q = cut(n);
        // The first part at the start, the last at the end: no edit shifts them.
        if (q.a <= m) out.push_back(key('a', n, span(p, 0, q.a)));
        if (q.c <= m) out.push_back(key('c', n, span(p, m - q.c, m)));
        // The middle part moves by the edits before it: at most `limit` either way.
        for (std::size_t off = q.a > limit ? q.a - limit : 0; off <= q.a + limit; ++off)
            if (off + q.b <= m) out.push_back(key('b', n, span(p, off, off + q.b)));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<std::string> typo_words(const Xapian::Database& db, const std::vector<std::string>& keys) {
    std::map<std::string, std::vector<std::string_view>> by_bucket;
    for (const std::string& k : keys)
        if (k.size() >= 3) by_bucket[bucket_of(k)].push_back(std::string_view(k).substr(2));
    std::vector<std::string> out;
    for (const auto& [b, parts] : by_bucket) {
        const char place = b[kMetaTypo.size()];
        const std::size_t n = static_cast<std::size_t>(b[kMetaTypo.size() + 1] - '0');
        std::vector<std::string> es;
        for (auto it = db.metadata_keys_begin(b); it != db.metadata_keys_end(b); ++it)
            decode(db.get_metadata(*it), es);  // the bucket and any runs an add's batches left beside it
        for (const std::string& e : es)
            for (std::string_view part : parts)
                if (e.compare(0, part.size(), part) == 0) {
                    if (std::string w = word_of(e, place, n); !w.empty()) out.push_back(std::move(w));
                    break;
                }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

void TypoFiler::note(const Xapian::WritableDatabase& d, const Xapian::Document& doc) {
    if (fresh_ < 0) fresh_ = d.get_doccount() == 0;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        std::string w = *t;
        if (!typo_word(w)) continue;
        if (seen_.full()) forget();
        if (!seen_.insert(w)) continue;
        if (fresh_ == 1 || !d.term_exists(w)) new_.push_back(std::move(w));
    }
}

std::size_t TypoFiler::Seen::slot(std::uint64_t h) const {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = static_cast<std::size_t>((h * 0x9E3779B97F4A7C15ULL) >> 32) & mask;
    while (slots_[i] != 0 && slots_[i] != h) i = (i + 1) & mask;
    return i;
}

bool TypoFiler::Seen::insert(std::string_view word) {
    if (crowded(slots_.size())) {  // grow: a fresh table twice the size
        std::vector<std::uint64_t> old(std::max<std::size_t>(slots_.size() * 2, std::size_t{1} << 16));
        old.swap(slots_);
        for (std::uint64_t h : old)
            if (h != 0) slots_[slot(h)] = h;
    }
    std::uint64_t h = fnv1a64(word);
    if (h == 0) h = 1;
    const std::size_t i = slot(h);
    if (slots_[i] == h) return false;
    slots_[i] = h;
    ++n_;
    return true;
}

void TypoFiler::Seen::clear() {
    std::vector<std::uint64_t>().swap(slots_);
    n_ = 0;
}

void TypoFiler::forget() {
    seen_.clear();
    fresh_ = 0;
}

void TypoFiler::flush(Xapian::WritableDatabase& d, bool more) {
    std::map<std::string, std::vector<std::string>> by_bucket;
    Packed p;
    for (const std::string& w : new_) {
        if (!pack(w, kTypoMaxJamo, p) || p.n < kTypoMinJamo) continue;
        for (char place : {'a', 'b', 'c'}) {
            std::string e = entry(p, place);
            const char b[] = {place, static_cast<char>('0' + p.n), e[0]};  // the bucket, less kMetaTypo
            by_bucket[std::string(b, 3)].push_back(std::move(e));
        }
    }
    new_.clear();
    if (more) {  // a batch: one more run under a key of its own, nothing read back
        const std::string suffix = run_suffix(d.get_revision() + 1, runs_++);
        for (auto& [tail, es] : by_bucket) {
            tidy(es);
            d.set_metadata(std::string(kMetaTypo) + tail + suffix, "r" + run_of(es));  // stored_text's raw form
            raw_.insert(tail);
        }
        return;
    }
    for (const std::string& tail : raw_) by_bucket[tail];  // the runs of the batches before: merged now
    std::vector<std::string> keys;
    for (auto& [tail, es] : by_bucket) {
        const std::string b = std::string(kMetaTypo) + tail;
        keys.clear();  // the bucket's own key, if it has one, then its runs (longer keys, sorted after it)
        for (auto it = d.metadata_keys_begin(b); it != d.metadata_keys_end(b); ++it) keys.push_back(*it);
        std::vector<std::string> all;
        std::vector<std::size_t> starts;
        for (const std::string& k : keys) decode(d.get_metadata(k), all, &starts);
        tidy(es);
        starts.push_back(all.size());
        all.insert(all.end(), std::make_move_iterator(es.begin()), std::make_move_iterator(es.end()));
        merge_runs(all, starts);
        for (const std::string& k : keys)
            if (k.size() > b.size()) d.set_metadata(k, std::string());  // a run: now in the bucket
        if (!all.empty()) d.set_metadata(b, encode(all));
    }
    raw_.clear();
}

std::string TypoCompactor::resolve_duplicate_metadata(const std::string& key, size_t num_tags,
                                                      const std::string tags[]) {
    // Xapian 1.4 passes the key as its B-tree stores it: "\0\xc0" + the user's key.
    const std::string_view user = key.size() >= 2 && key[0] == '\0' ? std::string_view(key).substr(2) : key;
    if (user.substr(0, kMetaTypo.size()) != kMetaTypo) return tags[0];
    std::vector<std::string> all;
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < num_tags; ++i) decode(tags[i], all, &starts);
    merge_runs(all, starts);
    return encode(all);
}

}  // namespace newsidx::schema
