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
/// A precomposed syllable 가..힣 (inline: the analyzer asks for every character).
inline bool is_syllable(char32_t c) noexcept { return c >= 0xAC00 && c <= 0xD7A3; }

/// Any Hangul letter: a syllable, conjoining jamo (U+1100..U+11FF and the
/// extended blocks A960..A97F, D7B0..D7FF) or compatibility jamo
/// (U+3130..U+318F).
bool is_hangul(char32_t c) noexcept;

/// The final (받침) of a syllable as its index in Unicode's order: 0 none,
/// 8 ㄹ, ...; 0 for anything that is not a syllable.
int final_index_of(char32_t syllable) noexcept;

/// The initial of a syllable as a compatibility consonant (스 -> ㅅ); any
/// other character unchanged.
char32_t initial_of(char32_t c) noexcept;

/// Syllables that share one initial: 21 vowels x 28 finals, contiguous from
/// first_with_initial(c) (수 -> 사: 사..싷).
inline constexpr char32_t kSyllablesPerInitial = 21 * 28;
/// The first syllable with the initial of syllable `c`.
char32_t first_with_initial(char32_t c) noexcept;

/// The jamo a 2-set typist presses for `c`, as compatibility jamo, compound
/// vowels and finals as their two keys: a syllable (괜 -> ㄱㅗㅐㄴ, 값 ->
/// ㄱㅏㅂㅅ), a conjoining jamo of NFD text (U+1100..U+11C2), a compound
/// compatibility jamo (ㄳ -> ㄱㅅ, ㅘ -> ㅗㅏ), a simple one as itself.
/// Empty for anything else.
std::u32string typed_jamo(char32_t c);

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

/// `word` with each Hangul syllable as its conjoining jamo (스 -> ᄉ ᅳ, 값 ->
/// ᄀ ᅡ ᆹ), every other code point as itself: what jamo_distance compares,
/// and what the typo table's keys (schema/typo.hpp) are cut from.
std::u32string jamo_string(std::string_view word);

/// Edit distance over code points, each Hangul syllable counted as its 2-3
/// jamo (스타게이투 / 스타게이트: 1, ㅜ -> ㅡ); a swap of two neighbours is one
/// edit (Damerau, optimal string alignment: pyhton / python: 1). Stops early and returns
/// `limit + 1` when the distance exceeds `limit`.
std::size_t jamo_distance(std::string_view a, std::string_view b, std::size_t limit = 16);

}  // namespace newsidx::detail::hangul
