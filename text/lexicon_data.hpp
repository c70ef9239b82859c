// Internal: the data text/lexicon/gen_lexicon writes (build/lexicon_nouns.cpp).
#pragma once

#include <cstddef>
#include <cstdint>

namespace newsidx::detail::lexicon_data {

extern const std::size_t kNounCount;
extern const char* const kNounHash;  ///< the list's FNV-1a, 8 hex digits: part of the analyzer tag
extern const char* const kNounChunks[];  ///< the sorted list, one noun a line, in pieces
extern const std::size_t kNounChunkCount;

extern const std::size_t kVerbCount;
extern const char* const kVerbHash;      ///< as kNounHash, for the verb list
extern const char* const kVerbChunks[];  ///< "STEM CLASS" lines (text/verbs.hpp), sorted
extern const std::size_t kVerbChunkCount;

}  // namespace newsidx::detail::lexicon_data
