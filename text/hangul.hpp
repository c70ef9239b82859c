// Internal: Korean typing help that works on raw (un-normalized) text:
// 초성 (initial consonants), the 2-set (두벌식) keyboard layout in both
// directions, and a jamo-level edit distance for did-you-mean.
//
// These read compatibility jamo (U+3131..U+3163), which the Analyzer's NFKC
// step would turn into conjoining jamo (and ㅁ+ㅑ into 먀): call them on the
// query as the user typed it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace newsidx::detail::hangul {

/// Compatibility consonant ㄱ..ㅎ (U+3131..U+314E).
bool is_compat_consonant(char32_t c) noexcept;
/// A precomposed syllable 가..힣.
bool is_syllable(char32_t c) noexcept;

/// The 초성 of every syllable of `word` as compatibility jamo (스타게이트 ->
/// ㅅㅌㄱㅇㅌ); compatibility consonants are kept, everything else skipped.
std::string initials(std::string_view word);

/// True when `word` is two or more compatibility consonants and nothing else.
bool is_initials(std::string_view word);

/// A Latin word typed with the Korean 2-set layout on: tmxkrpdlxm -> 스타게이트.
/// Nothing unless `word` is ASCII letters only and becomes whole syllables.
std::optional<std::string> latin_to_hangul(std::string_view word);

/// The keys a Hangul word was typed with on the 2-set layout: ㅐㅔ두ㅁㅑ -> openai.
/// Nothing unless `word` is Hangul syllables and compatibility jamo only.
std::optional<std::string> hangul_to_latin(std::string_view word);

/// Levenshtein distance over code points, each Hangul syllable counted as its
/// 2-3 jamo (스타게이투 / 스타게이트: 1, ㅜ -> ㅡ). Stops early and returns
/// `limit + 1` when the distance exceeds `limit`.
std::size_t jamo_distance(std::string_view a, std::string_view b, std::size_t limit = 16);

}  // namespace newsidx::detail::hangul
