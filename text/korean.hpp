// Internal: dictionary-free Korean stemming (particles 조사 and endings 어미).
#pragma once

#include <string>
#include <string_view>

namespace newsidx::detail {

/// Stem of a Hangul run (normalized UTF-8): one particle or ending stripped
/// by the longest suffix that fits the 받침 of what precedes it and leaves
/// enough of the word (see korean.cpp for the table and the guards).
/// Returns the run itself when nothing applies. `after_other_script` marks a
/// run glued to a number or Latin word (2025년에, AI칩을): there a one-syllable
/// counter or noun is expected, so every particle may leave one syllable.
std::string korean_stem(std::string_view run, bool after_other_script = false);

/// True when the whole run is a particle or copula ending, as it appears
/// glued to a Latin or numeric word ("오픈AI가", "GPT를", "3국의" has none).
bool is_korean_particle(std::string_view run);

/// Function words that carry no topic (것, 수, 등, 및 ...).
bool is_korean_stopword(std::string_view word);

/// Number of Hangul syllables in a normalized run.
std::size_t hangul_syllables(std::string_view run);

}  // namespace newsidx::detail
