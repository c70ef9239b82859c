#include "passages.hpp"

#include "hangul.hpp"
#include "schema.hpp"
#include "utf8.hpp"

#include <newsidx/error.hpp>

#include <algorithm>
#include <cstring>
#include <utility>

namespace newsidx::detail {

namespace {

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finalizer
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

PassageKey make_key(char tag, std::string_view s) {
    std::uint64_t h = schema::fnv1a64(std::string_view(&tag, 1));
    h = schema::fnv1a64(s, h);
    // FNV's low bits hardly depend on the last bytes (a multiply carries
    // changes upward only): each probe is mixed, so that probes modulo a
    // sentence's bits are independent for keys of similar bytes (T맡, T늘).
    PassageKey k;
    for (unsigned i = 0; i < kPassageHashes; ++i) k.probe[i] = mix(h + (i + 1) * 0x9e3779b97f4a7c15ull);
    return k;
}

bool ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

void put_varint(std::string& out, std::uint64_t v) {
    while (v >= 0x80) {
        out += static_cast<char>((v & 0x7f) | 0x80);
        v >>= 7;
    }
    out += static_cast<char>(v);
}

bool get_varint(std::string_view v, std::size_t& at, std::uint64_t& out) {
    out = 0;
    for (unsigned shift = 0; shift < 64 && at < v.size(); shift += 7) {
        const auto b = static_cast<unsigned char>(v[at++]);
        out |= static_cast<std::uint64_t>(b & 0x7f) << shift;
        if (!(b & 0x80)) return true;
    }
    return false;
}

// Whether asking for T<stem> is already answered by the word's B and F
// keys: a Hangul stem written inside the word (a run's first syllable for a
// one-syllable stem), which the reader finds by them (focus_words).
bool spelled_in(const std::string& stem, const std::string& surface) {
    if (stem.empty()) return true;
    for (std::size_t i = 0; i < stem.size();)
        if (!hangul::is_syllable(utf8::next(stem, i))) return false;
    if (stem.size() == 3) return surface.compare(0, 3, stem) == 0;  // one syllable: at the start
    return surface.find(stem) != std::string::npos;
}

}  // namespace

PassageKey passage_term(std::string_view stem) { return make_key('T', stem); }
PassageKey passage_bigram(std::string_view two_syllables) { return make_key('B', two_syllables); }
PassageKey passage_first(std::string_view syllable) { return make_key('F', syllable); }

void PassageSketchWriter::word(const Word& w) {
    any_word_ = true;
    if (!spelled_in(w.stem, w.surface)) key(passage_term(w.stem));
    for (const WordPart& p : w.parts)
        if (!spelled_in(p.stem, w.surface)) key(passage_term(p.stem));
    if (!w.joined.empty()) key(passage_term(w.joined));
    // Runs of Hangul syllables of the word as written (normalized).
    const std::string& s = w.surface;
    std::size_t prev = std::string::npos;  // byte offset of the previous syllable in the run
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t at = i;
        if (!hangul::is_syllable(utf8::next(s, i))) {
            prev = std::string::npos;
            continue;
        }
        if (prev == std::string::npos) key(passage_first(std::string_view(s).substr(at, i - at)));
        else key(passage_bigram(std::string_view(s).substr(prev, i - prev)));
        prev = at;
    }
}

namespace {

void sort_unique(std::vector<PassageKey>& keys) {
    std::sort(keys.begin(), keys.end(), [](const PassageKey& a, const PassageKey& b) { return a.probe[0] < b.probe[0]; });
    keys.erase(std::unique(keys.begin(), keys.end(),
                           [](const PassageKey& a, const PassageKey& b) { return a.probe[0] == b.probe[0]; }),
               keys.end());
}

}  // namespace

void PassageSketchWriter::put_filter(std::string& out, std::vector<PassageKey>& keys, unsigned bits_per_key) {
    sort_unique(keys);
    const std::size_t bytes = (keys.size() * bits_per_key + 7) / 8;
    const std::uint64_t m = bytes * 8;
    put_varint(out, bytes);
    const std::size_t at = out.size();
    out.append(bytes, '\0');
    for (const PassageKey& k : keys)
        for (unsigned i = 0; i < kPassageHashes; ++i) {
            const std::uint64_t b = passage_bit(k.probe[i], m);
            out[at + b / 8] = static_cast<char>(static_cast<unsigned char>(out[at + b / 8]) | (1u << (b % 8)));
        }
}

void PassageSketchWriter::end_sentence() {
    // It opens a section when a heading starts after the previous sentence's start.
    bool opens = false;
    for (; next_section_ < sections_.size() && sections_[next_section_] <= start_; ++next_section_) opens = true;
    put_varint(body_, (start_ - last_start_) << 1 | (opens ? 1 : 0));
    last_start_ = start_;
    put_filter(body_, keys_, kPassageBitsPerKey);
    ++sentences_;
    post_.insert(post_.end(), keys_.begin(), keys_.end());
    if (post_.size() > 4096 && post_.size() > 2 * post_distinct_) {  // keep it near the post's distinct keys
        sort_unique(post_);
        post_distinct_ = post_.size();
    }
    keys_.clear();
}

void PassageSketchWriter::title(const std::vector<Word>& words) {
    std::vector<PassageKey> open = std::move(keys_);
    keys_.clear();
    for (const Word& w : words) word(w);
    const bool any = any_word_;
    title_.clear();
    put_filter(title_, keys_, kPassageBitsPerKey);
    keys_ = std::move(open);
    any_word_ = any;
}

void PassageSketchWriter::add(std::string_view piece, const std::vector<Word>& words, std::size_t offset) {
    if (fed_ >= kPassageMaxTextBytes) return;
    const std::size_t room = kPassageMaxTextBytes - fed_;
    fed_ += piece.size();
    // Where sentences start inside the piece: after . ? ! and white space.
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i + 1 < piece.size() && i < room; ++i)
        if ((piece[i] == '.' || piece[i] == '?' || piece[i] == '!') && ascii_space(piece[i + 1])) starts.push_back(i + 1);
    auto next = starts.begin();
    bool open = false;
    bool first = true;  // the next word opens a sentence
    for (const Word& w : words) {
        if (w.begin >= room) break;
        open = true;
        for (; next != starts.end() && *next <= w.begin; ++next) {
            end_sentence();
            first = true;
        }
        if (first) start_ = std::clamp<std::uint64_t>(offset + w.begin, last_start_, kMaxSketchedOffset);  // an empty sentence keeps the last one's
        first = false;
        word(w);
    }
    if (open) end_sentence();
}

std::string PassageSketchWriter::finish() {
    if (!any_word_) return {};
    std::string out(1, 's');
    if (title_.empty()) put_varint(out, 0);
    else out += title_;
    if (sentences_ < kPassagePostFilterMin) put_varint(out, 0);
    else put_filter(out, post_, kPassagePostBitsPerKey);
    put_varint(out, sentences_);
    out += body_;
    return out;
}

std::string passage_sketch(const std::vector<Word>& words, std::string_view text) {
    PassageSketchWriter w;
    w.add(text, words, 0);
    return w.finish();
}

PassageSketch::PassageSketch(std::string value_in, unsigned docid) : v_(std::move(value_in)) {
    const std::string_view value = v_;
    if (value.empty()) return;
    auto damaged = [docid] {
        return Error("document " + std::to_string(docid) + ": passage sketch is damaged (run `newsidx reindex`)");
    };
    std::size_t at = 1;
    std::uint64_t n = 0;
    const char kind = value[0];
    if (kind != 'p' && kind != 'q' && kind != 'r' && kind != 's') throw damaged();
    auto filter = [&](Span& span) {
        std::uint64_t bytes = 0;
        if (!get_varint(value, at, bytes) || bytes > value.size() - at) throw damaged();
        span.offset = static_cast<std::uint32_t>(at);
        span.bytes = static_cast<std::uint32_t>(bytes);
        at += static_cast<std::size_t>(bytes);
    };
    if (kind == 'r' || kind == 's') filter(title_);
    if (kind == 's') filter(post_);
    if (!get_varint(value, at, n) || n > value.size()) throw damaged();
    at_.reserve(static_cast<std::size_t>(n));
    std::uint64_t start = 0;
    for (std::uint64_t s = 0; s < n; ++s) {
        std::uint64_t step = 0, bytes = 0;
        bool opens = false;
        if (kind != 'p') {
            if (!get_varint(value, at, step)) throw damaged();
            if (kind == 'r' || kind == 's') {
                opens = step & 1;
                step >>= 1;
            }
            if (step > kMaxSketchedOffset - start) throw damaged();
        }
        start += step;
        if (!get_varint(value, at, bytes) || bytes > value.size() - at) throw damaged();
        at_.push_back({static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(bytes), static_cast<std::uint32_t>(start), opens});
        at += static_cast<std::size_t>(bytes);
    }
    if (at != value.size()) throw damaged();
}

}  // namespace newsidx::detail
