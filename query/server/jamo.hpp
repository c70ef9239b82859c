// Keys for prefix completion that follow Korean typing: a syllable is
// compared jamo by jamo, so an incomplete last syllable still matches
// (스타게 and 스탁 both start 스타게이트), and a query of initial consonants
// alone (ㅅㅌㄱ) matches the 초성 of each syllable.
#pragma once

#include <string>
#include <string_view>

namespace newsidx::service {

/// `text` (UTF-8) as a jamo key: Hangul syllables and conjoining jamo become
/// compatibility jamo, one per consonant or simple vowel (ㅘ -> ㅗㅏ,
/// ㄳ -> ㄱㅅ, so that every IME state is a prefix of the finished word);
/// ASCII letters are lower-cased; runs of white space become one space;
/// other characters are kept. Invalid UTF-8 bytes become U+FFFD.
std::u32string jamo_key(std::string_view text);

/// The 초성 key: each Hangul syllable becomes its initial consonant
/// (compatibility jamo), other characters as in jamo_key.
std::u32string choseong_key(std::string_view text);

/// True when `text` holds at least one character and only compatibility
/// consonants (ㄱ..ㅎ) and spaces: a 초성 query.
bool is_choseong_query(std::string_view text);

}  // namespace newsidx::service
