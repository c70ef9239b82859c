#include "hangul.hpp"

#include "utf8.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace newsidx::detail::hangul {

namespace {

constexpr char32_t kSBase = 0xAC00;
constexpr int kVCount = 21, kTCount = 28;

// Compatibility jamo of the 19 initials, 21 medials and 27 finals, in Unicode's syllable order.
constexpr std::array<char32_t, 19> kInitial = {0x3131, 0x3132, 0x3134, 0x3137, 0x3138, 0x3139, 0x3141,
                                               0x3142, 0x3143, 0x3145, 0x3146, 0x3147, 0x3148, 0x3149,
                                               0x314A, 0x314B, 0x314C, 0x314D, 0x314E};
constexpr std::array<char32_t, 28> kFinal = {0,      0x3131, 0x3132, 0x3133, 0x3134, 0x3135, 0x3136,
                                             0x3137, 0x3139, 0x313A, 0x313B, 0x313C, 0x313D, 0x313E,
                                             0x313F, 0x3140, 0x3141, 0x3142, 0x3144, 0x3145, 0x3146,
                                             0x3147, 0x3148, 0x314A, 0x314B, 0x314C, 0x314D, 0x314E};
constexpr char32_t kFirstVowel = 0x314F, kLastVowel = 0x3163;  // ㅏ..ㅣ, in medial order

// The 2-set layout: a..z unshifted, then the five shifted keys that differ.
constexpr std::array<char32_t, 26> kKeys = {
    0x3141 /*a ㅁ*/, 0x3160 /*b ㅠ*/, 0x314A /*c ㅊ*/, 0x3147 /*d ㅇ*/, 0x3137 /*e ㄷ*/, 0x3139 /*f ㄹ*/,
    0x314E /*g ㅎ*/, 0x3157 /*h ㅗ*/, 0x3151 /*i ㅑ*/, 0x3153 /*j ㅓ*/, 0x314F /*k ㅏ*/, 0x3163 /*l ㅣ*/,
    0x3161 /*m ㅡ*/, 0x315C /*n ㅜ*/, 0x3150 /*o ㅐ*/, 0x3154 /*p ㅔ*/, 0x3142 /*q ㅂ*/, 0x3131 /*r ㄱ*/,
    0x3134 /*s ㄴ*/, 0x3145 /*t ㅅ*/, 0x3155 /*u ㅕ*/, 0x314D /*v ㅍ*/, 0x3148 /*w ㅈ*/, 0x314C /*x ㅌ*/,
    0x315B /*y ㅛ*/, 0x314B /*z ㅋ*/};
struct Shifted {
    char key;
    char32_t jamo;
};
constexpr std::array<Shifted, 7> kShifted = {{{'Q', 0x3143}, {'W', 0x3149}, {'E', 0x3138}, {'R', 0x3132},
                                              {'T', 0x3146}, {'O', 0x3152}, {'P', 0x3156}}};

// Two jamo typed in a row that make one: vowels (ㅗ+ㅏ=ㅘ) and finals (ㄱ+ㅅ=ㄳ).
struct Pair {
    char32_t a, b, both;
};
constexpr std::array<Pair, 7> kVowelPairs = {{{0x3157, 0x314F, 0x3158}, {0x3157, 0x3150, 0x3159},
                                              {0x3157, 0x3163, 0x315A}, {0x315C, 0x3153, 0x315D},
                                              {0x315C, 0x3154, 0x315E}, {0x315C, 0x3163, 0x315F},
                                              {0x3161, 0x3163, 0x3162}}};
constexpr std::array<Pair, 11> kFinalPairs = {{{0x3131, 0x3145, 0x3133}, {0x3134, 0x3148, 0x3135},
                                               {0x3134, 0x314E, 0x3136}, {0x3139, 0x3131, 0x313A},
                                               {0x3139, 0x3141, 0x313B}, {0x3139, 0x3142, 0x313C},
                                               {0x3139, 0x3145, 0x313D}, {0x3139, 0x314C, 0x313E},
                                               {0x3139, 0x314D, 0x313F}, {0x3139, 0x314E, 0x3140},
                                               {0x3142, 0x3145, 0x3144}}};

bool is_vowel(char32_t c) { return c >= kFirstVowel && c <= kLastVowel; }

template <std::size_t N>
char32_t join(const std::array<Pair, N>& pairs, char32_t a, char32_t b) {
    for (const Pair& p : pairs)
        if (p.a == a && p.b == b) return p.both;
    return 0;
}

template <std::size_t N>
const Pair* split(const std::array<Pair, N>& pairs, char32_t both) {
    for (const Pair& p : pairs)
        if (p.both == both) return &p;
    return nullptr;
}

int initial_index(char32_t c) {
    const auto it = std::find(kInitial.begin(), kInitial.end(), c);
    return it == kInitial.end() ? -1 : static_cast<int>(it - kInitial.begin());
}

int final_index(char32_t c) {
    const auto it = std::find(kFinal.begin() + 1, kFinal.end(), c);
    return it == kFinal.end() ? -1 : static_cast<int>(it - kFinal.begin());
}

char32_t key_jamo(char k) {
    for (const Shifted& s : kShifted)
        if (s.key == k) return s.jamo;
    if (k >= 'A' && k <= 'Z') k = static_cast<char>(k - 'A' + 'a');
    return k >= 'a' && k <= 'z' ? kKeys[static_cast<std::size_t>(k - 'a')] : 0;
}

// The key(s) that type one compatibility jamo; empty if none.
std::string jamo_keys(char32_t c) {
    for (const Shifted& s : kShifted)
        if (s.jamo == c) return std::string(1, s.key);
    for (std::size_t i = 0; i < kKeys.size(); ++i)
        if (kKeys[i] == c) return std::string(1, static_cast<char>('a' + i));
    const Pair* p = split(kVowelPairs, c);
    if (!p) p = split(kFinalPairs, c);
    return p ? jamo_keys(p->a) + jamo_keys(p->b) : std::string();
}

// Composes typed jamo into syllables, the way a 2-set IME does.
class Composer {
public:
    void consonant(char32_t c) {
        if (l_ >= 0 && v_ != 0) {
            if (t_ == 0 && final_index(c) > 0) {
                t_ = c;
                return;
            }
            if (t_ != 0) {
                if (const char32_t both = join(kFinalPairs, t_, c)) {
                    t_ = both;
                    return;
                }
            }
        }
        flush();
        l_ = initial_index(c);
        if (l_ < 0) lone(c);
    }
    void vowel(char32_t c) {
        if (l_ >= 0 && v_ != 0 && t_ != 0) {
            // The final moves on to start the next syllable (각+ㅏ -> 가가; 갃+ㅏ -> 각사).
            char32_t next = t_;
            if (const Pair* p = split(kFinalPairs, t_)) {
                t_ = p->a;
                next = p->b;
            } else {
                t_ = 0;
            }
            flush();
            l_ = initial_index(next);
            v_ = c;
            return;
        }
        if (v_ != 0) {
            if (const char32_t both = join(kVowelPairs, v_, c)) {
                v_ = both;
                return;
            }
            flush();
            v_ = c;
            return;
        }
        v_ = c;
    }
    void flush() {
        if (l_ >= 0 && v_ != 0) {
            utf8::append(out_, kSBase + static_cast<char32_t>((l_ * kVCount + static_cast<int>(v_ - kFirstVowel)) * kTCount +
                                                              (t_ ? final_index(t_) : 0)));
            ++syllables_;
        } else if (l_ >= 0) {
            lone(kInitial[static_cast<std::size_t>(l_)]);
        } else if (v_ != 0) {
            lone(v_);
        }
        l_ = -1;
        v_ = t_ = 0;
    }
    const std::string& out() const { return out_; }
    bool whole() const { return lone_ == 0 && syllables_ > 0; }

private:
    void lone(char32_t c) {
        utf8::append(out_, c);
        ++lone_;
    }
    int l_ = -1;
    char32_t v_ = 0, t_ = 0;
    std::string out_;
    std::size_t syllables_ = 0, lone_ = 0;
};


// A compatibility jamo as typed: a compound as its two jamo.
void append_typed(char32_t c, std::u32string& out) {
    const Pair* p = split(kVowelPairs, c);
    if (!p) p = split(kFinalPairs, c);
    if (p) {
        out.push_back(p->a);
        out.push_back(p->b);
    } else {
        out.push_back(c);
    }
}

}  // namespace

bool is_compat_consonant(char32_t c) noexcept { return c >= 0x3131 && c <= 0x314E; }

bool is_hangul(char32_t c) noexcept {
    return is_syllable(c) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F) ||
           (c >= 0xA960 && c <= 0xA97F) || (c >= 0xD7B0 && c <= 0xD7FF);
}

int final_index_of(char32_t syllable) noexcept {
    return is_syllable(syllable) ? static_cast<int>((syllable - kSBase) % kTCount) : 0;
}

char32_t initial_of(char32_t c) noexcept {
    return is_syllable(c) ? kInitial[(c - kSBase) / (kVCount * kTCount)] : c;
}

char32_t first_with_initial(char32_t c) noexcept {
    return kSBase + (c - kSBase) / kSyllablesPerInitial * kSyllablesPerInitial;
}

std::u32string typed_jamo(char32_t c) {
    std::u32string out;
    if (is_syllable(c)) {
        const char32_t k = c - kSBase;
        out.push_back(kInitial[k / (kVCount * kTCount)]);
        append_typed(kFirstVowel + (k % (kVCount * kTCount)) / kTCount, out);
        if (k % kTCount) append_typed(kFinal[k % kTCount], out);
    } else if (c >= 0x1100 && c <= 0x1112) {  // conjoining initials, in syllable order
        out.push_back(kInitial[c - 0x1100]);
    } else if (c >= 0x1161 && c <= 0x1175) {  // conjoining medials
        append_typed(kFirstVowel + (c - 0x1161), out);
    } else if (c >= 0x11A8 && c <= 0x11C2) {  // conjoining finals
        append_typed(kFinal[c - 0x11A7], out);
    } else if (c >= 0x3131 && c <= kLastVowel) {  // compatibility jamo
        append_typed(c, out);
    }
    return out;
}

std::string initials(std::string_view word) {
    std::string out;
    for (std::size_t i = 0; i < word.size();) {
        const char32_t c = utf8::next(word, i);
        if (is_syllable(c)) utf8::append(out, initial_of(c));
        else if (is_compat_consonant(c)) utf8::append(out, c);
    }
    return out;
}

bool is_initials(std::string_view word) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < word.size(); ++n)
        if (!is_compat_consonant(utf8::next(word, i))) return false;
    return n >= 2;
}

std::optional<std::string> latin_to_hangul(std::string_view word) {
    if (word.size() < 2) return std::nullopt;
    Composer c;
    for (char k : word) {
        const char32_t j = key_jamo(k);
        if (j == 0) return std::nullopt;
        if (is_vowel(j)) c.vowel(j);
        else c.consonant(j);
    }
    c.flush();
    if (!c.whole()) return std::nullopt;
    return c.out();
}

std::optional<std::string> hangul_to_latin(std::string_view word) {
    std::string out;
    for (std::size_t i = 0; i < word.size();) {
        const char32_t c = utf8::next(word, i);
        if (is_syllable(c)) {
            const char32_t k = c - kSBase;
            out += jamo_keys(kInitial[k / (kVCount * kTCount)]);
            out += jamo_keys(kFirstVowel + (k % (kVCount * kTCount)) / kTCount);
            if (k % kTCount) out += jamo_keys(kFinal[k % kTCount]);
        } else {
            const std::string keys = c >= 0x3131 && c <= kLastVowel ? jamo_keys(c) : std::string();
            if (keys.empty()) return std::nullopt;
            out += keys;
        }
    }
    if (out.size() < 2) return std::nullopt;
    // Shifted keys stand for double consonants; a Latin word is searched in lower case anyway.
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return out;
}

std::u32string jamo_string(std::string_view s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        const char32_t c = utf8::next(s, i);
        if (is_syllable(c)) {
            const char32_t k = c - kSBase;
            out += 0x1100 + k / (kVCount * kTCount);
            out += 0x1161 + (k % (kVCount * kTCount)) / kTCount;
            if (k % kTCount) out += 0x11A7 + k % kTCount;
        } else {
            out += c;
        }
    }
    return out;
}

std::size_t jamo_distance(std::string_view a8, std::string_view b8, std::size_t limit) {
    const std::u32string a = jamo_string(a8), b = jamo_string(b8);
    const std::size_t n = a.size(), m = b.size();
    if ((n > m ? n - m : m - n) > limit) return limit + 1;
    // Three rows: the one two back counts a swap of neighbours as one edit.
    std::vector<std::size_t> before(m + 1), prev(m + 1), cur(m + 1);
    for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        cur[0] = i;
        std::size_t row_min = cur[0];
        for (std::size_t j = 1; j <= m; ++j) {
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                cur[j] = std::min(cur[j], before[j - 2] + 1);
            row_min = std::min(row_min, cur[j]);
        }
        if (row_min > limit) return limit + 1;
        std::swap(before, prev);
        std::swap(prev, cur);
    }
    return std::min(prev[m], limit + 1);
}

}  // namespace newsidx::detail::hangul
