#include "jamo.hpp"

#include "hangul.hpp"
#include "utf8.hpp"

#include <array>

namespace newsidx::service {

namespace {

constexpr char32_t kSBase = 0xAC00, kSLast = 0xD7A3;
constexpr int kVCount = 21, kTCount = 28;

// The initial of a syllable as a compatibility consonant (query/hangul.hpp
// holds the table).
char32_t initial_of(char32_t syllable) {
    std::string one;
    utf8::append(one, syllable);
    const std::string ini = detail::hangul::initials(one);
    std::size_t i = 0;
    return ini.empty() ? syllable : utf8::next(ini, i);
}

// Vowels as typed: compound vowels are two keystrokes.
constexpr std::array<std::u32string_view, 21> kVowel = {
    U"ㅏ", U"ㅐ", U"ㅑ", U"ㅒ", U"ㅓ", U"ㅔ", U"ㅕ", U"ㅖ", U"ㅗ", U"ㅗㅏ", U"ㅗㅐ",
    U"ㅗㅣ", U"ㅛ", U"ㅜ", U"ㅜㅓ", U"ㅜㅔ", U"ㅜㅣ", U"ㅠ", U"ㅡ", U"ㅡㅣ", U"ㅣ"};
// Finals as typed: compound finals are two consonants (index 0 = none).
constexpr std::array<std::u32string_view, 28> kFinal = {
    U"",   U"ㄱ", U"ㄲ", U"ㄱㅅ", U"ㄴ", U"ㄴㅈ", U"ㄴㅎ", U"ㄷ", U"ㄹ", U"ㄹㄱ",
    U"ㄹㅁ", U"ㄹㅂ", U"ㄹㅅ", U"ㄹㅌ", U"ㄹㅍ", U"ㄹㅎ", U"ㅁ", U"ㅂ", U"ㅂㅅ", U"ㅅ",
    U"ㅆ", U"ㅇ", U"ㅈ", U"ㅊ", U"ㅋ", U"ㅌ", U"ㅍ", U"ㅎ"};

// Compatibility jamo that are compounds of two typed jamo.
std::u32string_view split_compat(char32_t c) {
    switch (c) {
        case 0x3133: return U"ㄱㅅ";
        case 0x3135: return U"ㄴㅈ";
        case 0x3136: return U"ㄴㅎ";
        case 0x313A: return U"ㄹㄱ";
        case 0x313B: return U"ㄹㅁ";
        case 0x313C: return U"ㄹㅂ";
        case 0x313D: return U"ㄹㅅ";
        case 0x313E: return U"ㄹㅌ";
        case 0x313F: return U"ㄹㅍ";
        case 0x3140: return U"ㄹㅎ";
        case 0x3144: return U"ㅂㅅ";
        case 0x3158: return U"ㅗㅏ";
        case 0x3159: return U"ㅗㅐ";
        case 0x315A: return U"ㅗㅣ";
        case 0x315D: return U"ㅜㅓ";
        case 0x315E: return U"ㅜㅔ";
        case 0x315F: return U"ㅜㅣ";
        case 0x3162: return U"ㅡㅣ";
        default: return {};
    }
}

// Conjoining jamo (NFD text, e.g. from macOS) as compatibility jamo.
char32_t conjoining_to_compat(char32_t c) {
    if (c >= 0x1100 && c <= 0x1112) return initial_of(kSBase + (c - 0x1100) * kVCount * kTCount);
    if (c >= 0x1161 && c <= 0x1175) return kVowel[c - 0x1161].size() == 1 ? kVowel[c - 0x1161][0] : 0;
    if (c >= 0x11A8 && c <= 0x11C2) return kFinal[c - 0x11A7].size() == 1 ? kFinal[c - 0x11A7][0] : 0;
    return 0;
}

void append_jamo(char32_t c, std::u32string& out) {
    if (c >= 0x1161 && c <= 0x1175) {
        out += kVowel[c - 0x1161];
        return;
    }
    if (c >= 0x11A8 && c <= 0x11C2) {
        out += kFinal[c - 0x11A7];
        return;
    }
    if (const char32_t compat = conjoining_to_compat(c)) c = compat;
    if (auto parts = split_compat(c); !parts.empty()) out += parts;
    else out.push_back(c);
}

bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 || c == 0xA0; }

template <class F>
std::u32string key(std::string_view text, F&& syllable) {
    std::u32string out;
    out.reserve(text.size());
    bool space = true;  // drops leading white space
    for (std::size_t i = 0; i < text.size();) {
        char32_t c = utf8::next(text, i);
        if (is_space(c)) {
            if (!space) out.push_back(U' ');
            space = true;
            continue;
        }
        space = false;
        if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
        else if (c >= 0xFF21 && c <= 0xFF3A) c = c - 0xFF21 + 'a';  // full-width Latin
        else if (c >= 0xFF41 && c <= 0xFF5A) c = c - 0xFF41 + 'a';
        if (c >= kSBase && c <= kSLast) syllable(static_cast<int>(c - kSBase), out);
        else append_jamo(c, out);
    }
    if (!out.empty() && out.back() == U' ') out.pop_back();
    return out;
}

}  // namespace

std::u32string jamo_key(std::string_view text) {
    return key(text, [](int s, std::u32string& out) {
        out.push_back(initial_of(kSBase + static_cast<char32_t>(s)));
        out += kVowel[(s % (kVCount * kTCount)) / kTCount];
        out += kFinal[s % kTCount];
    });
}

std::u32string choseong_key(std::string_view text) {
    return key(text, [](int s, std::u32string& out) { out.push_back(initial_of(kSBase + static_cast<char32_t>(s))); });
}

bool is_choseong_query(std::string_view text) {
    bool any = false;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = utf8::next(text, i);
        if (is_space(c)) continue;
        if (c < 0x3131 || c > 0x314E) return false;
        any = true;
    }
    return any;
}

}  // namespace newsidx::service
