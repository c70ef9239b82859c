// Internal: NFKC + case folding that remembers where every output code unit
// came from in the original UTF-8, so tokens keep their original offsets.
#pragma once

#include <unicode/unistr.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsidx::detail {

struct Normalized {
    icu::UnicodeString text;          ///< NFKC_Casefold of the input, UTF-16
    std::vector<std::uint32_t> begin; ///< per UTF-16 unit: original byte offset where its source starts
    std::vector<std::uint32_t> end;   ///< per UTF-16 unit: original byte offset where its source ends
};

/// Normalizes UTF-8 `in` (invalid bytes become U+FFFD, mapped to themselves).
void normalize(std::string_view in, Normalized& out);

/// Normalizes without offsets, returning UTF-8.
std::string normalize_utf8(std::string_view in);

/// UTF-16 -> UTF-8 of text[start, limit).
void to_utf8(const icu::UnicodeString& text, int32_t start, int32_t limit, std::string& out);

}  // namespace newsidx::detail
