// Internal: small UTF-8 helpers shared by the reader, the analyzer and snippets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace newsidx::utf8 {

/// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
/// On failure, *bad (if given) receives the byte offset of the first bad sequence.
bool valid(std::string_view s, std::size_t* bad = nullptr) noexcept;

/// next() past ASCII (out of line).
char32_t next_multibyte(std::string_view s, std::size_t& i) noexcept;

/// Decodes the code point at s[i], advancing i. Invalid bytes decode as
/// U+FFFD and advance by one byte, so a loop over any input terminates.
/// Inline for ASCII: the analyzer decodes every character a few times.
inline char32_t next(std::string_view s, std::size_t& i) noexcept {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
        ++i;
        return b;
    }
    return next_multibyte(s, i);
}

/// append() past ASCII (out of line).
void append_multibyte(std::string& out, char32_t cp);

/// Appends the UTF-8 encoding of `cp` (U+FFFD for invalid values).
inline void append(std::string& out, char32_t cp) {
    if (cp < 0x80) out.push_back(static_cast<char>(cp));
    else append_multibyte(out, cp);
}

/// Number of code points in valid UTF-8 `s` (invalid bytes count as one each).
std::size_t length(std::string_view s) noexcept;

/// Columns `s` takes on a terminal: 2 for East Asian wide and full-width
/// characters (Hangul, CJK, full-width forms), 0 for combining marks and
/// zero-width characters, else 1. For aligning tables of mixed text.
std::size_t display_width(std::string_view s) noexcept;

/// Largest offset <= `i` that starts a code point (never splits a sequence).
std::size_t floor_boundary(std::string_view s, std::size_t i) noexcept;

/// 1-based line number of byte offset `off` in `s`.
std::size_t line_of(std::string_view s, std::size_t off) noexcept;

/// Appends `s` with & < > " ' as entities (&amp; &lt; &gt; &quot; &#39;):
/// the one HTML escape of text from a post (JSON `html` forms, the preview
/// page and its Markdown body).
void append_html_escaped(std::string& out, std::string_view s);

/// `s` with every byte percent-encoded (%XX, upper case) but ASCII letters,
/// digits and the characters of `keep`.
std::string percent_encode(std::string_view s, std::string_view keep);

}  // namespace newsidx::utf8
