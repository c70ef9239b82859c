#include "language.hpp"

#include "utf8.hpp"

#include <algorithm>
#include <cctype>

namespace newsidx::detail {

namespace {

constexpr std::size_t kScanBytes = 64u << 10;
// Latin letters per Hangul, kana or Han character above which a text is English:
// a Korean post full of code and English names still reads Korean.
constexpr std::size_t kLatinPerCjk = 12;

bool hangul(char32_t c) {
    return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F);
}
bool kana(char32_t c) { return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF9D); }
bool han(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0x20000 && c <= 0x2FA1F);
}
bool latin(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

}  // namespace

std::string detect_language(std::string_view text, std::size_t min_letters) {
    text = text.substr(0, utf8::floor_boundary(text, std::min(text.size(), kScanBytes)));
    std::size_t h = 0, k = 0, c = 0, l = 0;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t cp = utf8::next(text, i);
        if (cp < 0x80 && !std::isalpha(static_cast<unsigned char>(cp))) continue;
        if (latin(cp)) ++l;
        else if (hangul(cp)) ++h;
        else if (kana(cp)) ++k;
        else if (han(cp)) ++c;
    }
    if (h + k + c + l < std::max<std::size_t>(min_letters, 1)) return "";
    const std::size_t cjk = h + k + c;
    if (l > kLatinPerCjk * cjk) return "en";
    if (h >= k + c) return "ko";
    if (10 * k >= k + c) return "ja";
    return "zh";
}

std::optional<std::string> language_tag(std::string_view value) {
    std::string out;
    std::size_t part = 0, len = 0;  // which subtag, its length so far
    auto close = [&] { return part == 0 ? len >= 2 && len <= 3 : len >= 1 && len <= 8; };
    for (char ch : value) {
        const auto u = static_cast<unsigned char>(ch);
        if (ch == '-' || ch == '_') {
            if (!close()) return std::nullopt;
            out += '-';
            ++part;
            len = 0;
        } else if (std::isalpha(u) || (part > 0 && std::isdigit(u))) {
            out += static_cast<char>(std::tolower(u));
            ++len;
        } else {
            return std::nullopt;
        }
    }
    if (!close()) return std::nullopt;
    return out;
}

std::string_view primary_language(std::string_view tag) { return tag.substr(0, tag.find('-')); }

}  // namespace newsidx::detail
