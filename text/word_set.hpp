// Internal: an open-addressing set of words over views of stable storage,
// without an allocation per look-up (text/lexicon.cpp's nouns and listed
// words, text/verbs.cpp's verb list).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace newsidx::detail {

// A set of words: open addressing over string_views (the nouns live in the
// binary's data, the listed words in Lexicon::owned), 16 bytes a slot and
// at most half full (1 MiB for ~33k nouns). A slot keeps 32 bits of the
// hash, so a look-up reads another word's bytes only on a full match; it
// hashes once and allocates nothing. A word's slot number indexes a
// caller's parallel data.
template <class Char>
class BasicWordSet {
public:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    explicit BasicWordSet(std::size_t n) {
        std::size_t size = 16;
        while (size < n * 2) size <<= 1;
        slots_.assign(size, Slot{});
        mask_ = size - 1;
        seen_.assign(size / 8, 0);  // 8 bits a slot (64 KiB for the nouns)
    }
    std::size_t size() const { return slots_.size(); }
    // The word's slot (a new one if needed). No more than n words.
    std::size_t insert(std::basic_string_view<Char> w) {
        const std::uint64_t h = hash(w);
        seen_[bit(h) >> 6] |= std::uint64_t{1} << (bit(h) & 63);
        for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
            Slot& s = slots_[i];
            if (s.data == nullptr) {
                s = {w.data(), static_cast<std::uint32_t>(h >> 32), static_cast<std::uint32_t>(w.size())};
                return i;
            }
            if (matches(s, h, w)) return i;
        }
    }
    std::size_t find(std::basic_string_view<Char> w) const {
        const std::uint64_t h = hash(w);
        // Most words looked up are no noun: one bit, in a map small enough
        // to stay in the cache, says so without touching the slots.
        if (!(seen_[bit(h) >> 6] >> (bit(h) & 63) & 1)) return npos;
        for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
            const Slot& s = slots_[i];
            if (s.data == nullptr) return npos;
            if (matches(s, h, w)) return i;
        }
    }
    bool contains(std::basic_string_view<Char> w) const { return find(w) != npos; }

private:
    struct Slot {
        const Char* data = nullptr;
        std::uint32_t tag = 0, size = 0;
    };
    static bool matches(const Slot& s, std::uint64_t h, std::basic_string_view<Char> w) {
        return s.tag == static_cast<std::uint32_t>(h >> 32) && s.size == w.size() &&
               std::char_traits<Char>::compare(s.data, w.data(), w.size()) == 0;
    }
    static std::uint64_t hash(std::basic_string_view<Char> w) {
        std::uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a, then mixed so that the low bits spread
        for (const Char c : w) h = (h ^ static_cast<std::uint64_t>(static_cast<std::make_unsigned_t<Char>>(c))) * 0x100000001b3ull;
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdull;
        return h ^ (h >> 33);
    }
    // A bit per word of the set, from other bits of the hash than the slot's.
    std::size_t bit(std::uint64_t h) const { return static_cast<std::size_t>(h >> 16) & (seen_.size() * 64 - 1); }
    std::vector<Slot> slots_;
    std::vector<std::uint64_t> seen_;
    std::size_t mask_ = 0;
};

using WordSet = BasicWordSet<char>;

}  // namespace newsidx::detail
