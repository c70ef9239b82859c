// Internal: a post's language — the `lang:` front matter tag made canonical,
// or, without one, the language its script mix says (ko, ja, zh, en).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace newsidx::detail {

/// The language `text` is written in, read from its letters (the first
/// 64 KiB): "en" when Latin letters are more than 12 times the Hangul, kana
/// and Han characters (a Korean post quoting much English code and many
/// names stays Korean: on ../shared/corpora the most Latin-heavy Korean
/// posts have 9 Latin letters per Hangul syllable, an English text quoting
/// a Korean word 30 or more); else "ko" when Hangul outweighs kana and Han;
/// "ja" when kana are a tenth or more of the kana and Han; else "zh". ""
/// for a text with fewer than `min_letters` letters.
std::string detect_language(std::string_view text, std::size_t min_letters = 8);

/// A `lang:` value as a canonical tag (BCP 47's shape, lower case, '_' as
/// '-'): "ko", "en-us", "zh-tw", "zh-hant-tw"; nullopt when it is not one
/// (a primary subtag of 2 or 3 letters, then subtags of 1 to 8 letters or digits).
std::optional<std::string> language_tag(std::string_view value);

/// A tag's primary language ("zh" of "zh-tw"): what a filter for the
/// language finds.
std::string_view primary_language(std::string_view tag);

}  // namespace newsidx::detail
