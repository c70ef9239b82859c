#include "jamo.hpp"

#include "hangul.hpp"
#include "utf8.hpp"

namespace newsidx::service {

namespace {

using detail::hangul::initial_of;

// Each character as typed (hangul::typed_jamo: syllables, NFD jamo and
// compound jamo as compatibility jamo, one per key), else as itself.
void append_jamo(char32_t c, std::u32string& out) {
    if (std::u32string typed = detail::hangul::typed_jamo(c); !typed.empty()) out += typed;
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
        if (detail::hangul::is_syllable(c)) syllable(c, out);
        else append_jamo(c, out);
    }
    if (!out.empty() && out.back() == U' ') out.pop_back();
    return out;
}

}  // namespace

std::u32string jamo_key(std::string_view text) {
    return key(text, append_jamo);
}

std::u32string choseong_key(std::string_view text) {
    return key(text, [](char32_t syllable, std::u32string& out) { out.push_back(initial_of(syllable)); });
}

bool is_choseong_query(std::string_view text) {
    bool any = false;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = utf8::next(text, i);
        if (is_space(c)) continue;
        if (!detail::hangul::is_compat_consonant(c)) return false;
        any = true;
    }
    return any;
}

}  // namespace newsidx::service
