// Internal: the passage sketch of value slot kSlotPassages (schema.hpp) —
// which words each sentence of a post holds, written once when the post is
// indexed (indexer/document.cpp) and read by the passage re-ranker
// (query/rerank.cpp), so that a query never inflates or re-analyzes stored
// text to find a post's best passage.
//
// A post's text is cut into sentences (a section starts one; one ends at
// . ? ! followed by white space). Each sentence is a Bloom filter of the
// keys of its words:
//   T<stem>   each term the word gives: its stem, its parts' stems (삼성,
//             전자 of 삼성전자의), the joined form of a spaced pair (개인 정보
//             -> 개인정보)
//   B<ab>     each pair of adjacent Hangul syllables inside the word, so
//             that a two-syllable word is found inside a compound or an
//             unsplit word (삼성 in 삼성전자의) and a longer one by its share
//   F<a>      the first syllable of each run of Hangul syllables in the
//             word: a one-syllable word counts only where a word starts
//             (상 in 상을, not in 이상)
// at kPassageBitsPerKey bits a distinct key (rounded up to bytes) and
// kPassageHashes probes: about 0.06 % false positives a probe, which can
// only raise one word of one sentence. A T key is left out where the B and
// F keys already answer it (a Hangul stem spelled inside its word). Only the first kPassageMaxTextBytes of a
// post are sketched, as the re-ranker always read only them.
//
// Value: 's', a varint count of bytes and the title's filter (its words'
// keys, as a sentence's), a varint count of bytes and the post-wide filter
// (every sentence's keys at kPassagePostBitsPerKey bits a distinct key; no
// bytes for a post of fewer than kPassagePostFilterMin sentences), varint
// sentence count, then per sentence the
// varint byte offset of its first word in the post's stored text
// (schema/stored_text.hpp), as the difference from the previous sentence's,
// shifted left one bit, the low bit set when the sentence opens a section
// (the first sentence at or after a heading: the post's sections,
// schema::StoredSection), a varint count of bytes and the filter's bytes
// (bit b is bit b % 8 of byte b / 8): snippets read only the text around
// the best sentences (query/snippet.hpp), and the re-ranker sees how the
// query's words fall in sections. Older indexes hold 'r' values (no
// post-wide filter), 'q' values (no title, no section marks, offsets not
// shifted) and 'p' values (no offsets either). A post without text has no value.
#pragma once

#include "analysis.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsidx::detail {

inline constexpr std::size_t kPassageMaxTextBytes = 256 * 1024;
/// No sentence starts further into the stored text (its first MiB, stored_text.hpp).
inline constexpr std::uint64_t kMaxSketchedOffset = std::uint64_t{1} << 20;
inline constexpr unsigned kPassageBitsPerKey = 16;
inline constexpr unsigned kPassageHashes = 8;
/// The post-wide filter (every key of the post's sentences): written for
/// posts of this many sentences or more, at this many bits a distinct key.
/// A key it lacks is in none of the post's sentences, so the re-ranker
/// asks no sentence about it; its false positives cost only time.
inline constexpr std::size_t kPassagePostFilterMin = 8;
inline constexpr unsigned kPassagePostBitsPerKey = 10;

/// A key's probes: kPassageHashes independent hashes (double hashing
/// h1 + i * h2 overlaps badly in filters of a few bytes: two keys with the
/// same step modulo the size share most of their bits).
struct PassageKey {
    std::array<std::uint64_t, kPassageHashes> probe{};
};

PassageKey passage_term(std::string_view stem);
PassageKey passage_bigram(std::string_view two_syllables);
PassageKey passage_first(std::string_view syllable);

/// A probe's bit in a filter of m bits: the high half of probe x m (Lemire's
/// reduction: a multiply, not a division, for each of the reader's probes).
inline std::uint64_t passage_bit(std::uint64_t probe, std::uint64_t m) {
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(probe) * m) >> 64);
}

/// Builds one post's sketch from its text pieces in order.
class PassageSketchWriter {
public:
    /// A piece of the post's text (a section, or the part of one between
    /// template paragraphs) and its words (analyze(piece)): it starts a
    /// sentence of its own. `offset`: where the piece starts in the stored
    /// text (pieces come in text order). Ignored once kPassageMaxTextBytes were fed.
    void add(std::string_view piece, const std::vector<Word>& words, std::size_t offset);
    /// Where the post's sections start in the stored text (increasing),
    /// before the first add().
    void sections(std::vector<std::uint32_t> starts) { sections_ = std::move(starts); }
    /// The title's words (its own filter).
    void title(const std::vector<Word>& words);
    /// The value for kSlotPassages ("" when no piece held a word).
    std::string finish();

private:
    void key(const PassageKey& k) { keys_.push_back(k); }
    void word(const Word& w);
    void end_sentence();

    static void put_filter(std::string& out, std::vector<PassageKey>& keys, unsigned bits_per_key);

    std::vector<PassageKey> keys_;  // the open sentence's keys
    std::vector<PassageKey> post_;  // the closed sentences' keys (post_distinct_ of them distinct when last made so)
    std::size_t post_distinct_ = 0;
    std::vector<std::uint32_t> sections_;
    std::size_t next_section_ = 0;
    std::string title_;             // the title's filter, encoded
    std::uint64_t start_ = 0, last_start_ = 0;  // the open sentence's offset, the previous one's
    std::string body_;              // the closed sentences, encoded
    std::size_t sentences_ = 0, fed_ = 0;
    bool any_word_ = false;
};

/// The sketch of `text` as one piece: what tests and tools compare with.
std::string passage_sketch(const std::vector<Word>& words, std::string_view text);

/// A decoded sketch (it keeps the value).
class PassageSketch {
public:
    /// Throws Error naming `docid` if `value` is not a sketch.
    PassageSketch(std::string value, unsigned docid);
    std::size_t sentences() const { return at_.size(); }
    /// Whether start() is known (values written before it was kept: no).
    bool has_offsets() const { return !v_.empty() && v_[0] != 'p'; }
    /// Whether sentences are marked where sections start (and the title kept).
    bool has_sections() const { return !v_.empty() && (v_[0] == 'r' || v_[0] == 's'); }
    /// Whether the sentence opens a section (false without has_sections()).
    bool section_start(std::size_t sentence) const { return at_[sentence].opens; }

    /// The byte offset in the stored text of a sentence's first word (0 without offsets).
    std::size_t start(std::size_t sentence) const { return at_[sentence].start; }
    bool has(std::size_t sentence, const PassageKey& k) const { return filter(sentence).has(k); }

    /// One sentence's filter: the re-ranker tests many keys against each.
    struct Filter {
        const unsigned char* bits;
        std::uint64_t m;  // bits in the filter; 0: an empty sentence
        bool has(const PassageKey& k) const {
            if (m == 0) return false;
            for (unsigned i = 0; i < kPassageHashes; ++i) {
                const std::uint64_t b = passage_bit(k.probe[i], m);
                if (!(bits[b / 8] >> (b % 8) & 1)) return false;
            }
            return true;
        }
    };
    Filter filter(std::size_t sentence) const {
        const Span s = at_[sentence];
        return {reinterpret_cast<const unsigned char*>(v_.data()) + s.offset, std::uint64_t{s.bytes} * 8};
    }
    /// The title's filter (m == 0 when unknown or empty).
    Filter title() const { return span(title_); }
    /// Bytes this decoded sketch holds (the value and its sentence table).
    std::size_t footprint() const { return sizeof(*this) + v_.capacity() + at_.capacity() * sizeof(Span); }
    /// The post-wide filter: whether a key may be in any sentence (m == 0:
    /// not written, ask the sentences).
    Filter post() const { return span(post_); }
    /// Whether the post may hold `k` in some sentence (true when there is no post-wide filter).
    bool may_hold(const PassageKey& k) const { return post_.bytes == 0 || post().has(k); }

private:
    struct Span {
        std::uint32_t offset = 0, bytes = 0;
        std::uint32_t start = 0;  // in the stored text
        bool opens = false;       // opens a section
    };
    Filter span(const Span& s) const {
        return {reinterpret_cast<const unsigned char*>(v_.data()) + s.offset, std::uint64_t{s.bytes} * 8};
    }
    std::string v_;
    std::vector<Span> at_;
    Span title_, post_;
};

}  // namespace newsidx::detail
