// Internal: the verb and adjective lemmatizer (issue 17; docs/design/analysis-v4.md §5).
//
// The particle stripper (korean.hpp) removes endings that are written as
// whole syllables (만들었다 -> 만들), but Korean verbs fuse tense and ending
// into the stem's last syllable: 태어났다 is 태어나 + 았다, 태어난 is 태어나 + ㄴ,
// 아름다운 is 아름답 + ㄴ (ㅂ-irregular). Without a dictionary those forms never
// meet. This undoes the common fusions on the jamo (ㄴ/ㄹ/ㅁ/ㅂ finals, ㅆ of the
// past, the 아/어 contractions 와/워/왜/여/해, ㄹ dropping, 르 and ㅂ irregulars)
// and accepts a candidate only when it is a stem of hunspell-ko's verb list
// (frozen into the build by text/lexicon/gen_lexicon, hashed into the
// analyzer tag): no guess without the dictionary's word for it. Stems of one
// syllable (가, 나, 하, 있) are never produced: too ambiguous to index.
#pragma once

#include <string>
#include <string_view>

namespace newsidx::detail {

/// The verb or adjective stem (dictionary form minus 다) of an inflected
/// Hangul word of hunspell-ko's verb list: 태어났다, 태어난, 태어나서 -> 태어나;
/// 만든 -> 만들; 아름다운 -> 아름답; 불렀다 -> 부르. Empty when the word is not
/// such a form, or when the word is itself an adverb or another uninflected
/// word of the list (그리고, 그러나). Among several readings, the longest stem wins.
std::string verb_stem(std::string_view word);

/// A stem of the verb list (태어나, 만들).
bool is_verb_stem(std::string_view stem);

/// A verb stem or dictionary form, or an uninflected word (adverb,
/// determiner) of the list: a known word, which needs no bigrams (그리고,
/// 태어나, 태어나다).
bool is_listed_word(std::string_view word);

}  // namespace newsidx::detail
