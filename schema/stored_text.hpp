// Internal: the stored-text codec of value slot kSlotText (schema.hpp): the
// post text kept for snippets (re-ranking reads the passage sketch,
// passages.hpp, instead). The writer packs it
// (indexer/document.cpp), the reader unpacks it (query/searcher.cpp).
#pragma once

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace newsidx::detail {

/// Snippets need no more than the post's first MiB.
inline constexpr std::size_t kMaxStoredText = 1u << 20;

/// The post text kept for snippets (its first MiB), from
/// value slot kSlotText. Hits that need no text never read or inflate it:
/// the document data (JSON) holds only the small fields.
/// Throws Error if the stored bytes are damaged.
std::string stored_text(const Xapian::Document& doc);

/// The first `upto` bytes of it (all of it when shorter): only they are
/// inflated. The cut may fall inside a UTF-8 character. Throws like stored_text.
std::string stored_text(const Xapian::Document& doc, std::size_t upto);

/// The same from the value itself (`docid` names the document in the error).
std::string stored_text(std::string_view value, unsigned docid, std::size_t upto = kMaxStoredText);

/// The length of the text a kSlotText value holds, read from its header
/// (0 for a value that is not one).
std::size_t stored_text_size(std::string_view value);

/// The stored form of `text` for kSlotText ("" for no text): 'z', the
/// length as 4 bytes little-endian, then zlib's stream; or 'r' and the text
/// when compression does not pay (short texts) or `level` is 0. `level`:
/// zlib's, 1 (fastest) to 9 (smallest), -1 its default.
std::string pack_text(std::string_view text, int level = -1);

/// The bytes pack_text packed (any length up to `max`; the typo table's
/// buckets, schema/typo.hpp, use the same codec); nullopt when `v` is damaged
/// or would unpack to more than `max` bytes.
std::optional<std::string> unpack_text(std::string_view v, std::size_t max);

/// The first `upto` bytes of what pack_text packed (all when shorter),
/// inflating no further; nullopt when `v` is damaged in that part.
std::optional<std::string> unpack_prefix(std::string_view v, std::size_t upto);

}  // namespace newsidx::detail
