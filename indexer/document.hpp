// Internal: turns a Post into a Xapian::Document (terms, values, data).
#pragma once

#include <newsidx/analyzer.hpp>
#include <newsidx/post.hpp>

#include <xapian.h>

#include <string>
#include <string_view>

namespace newsidx::detail {

/// Builds the document for `post`. `stamp` is stored in kSlotStamp so that
/// an unchanged file is recognised without re-reading it.
Xapian::Document build_document(const Post& post, const Analyzer& analyzer, const std::string& stamp);

/// The URL Jekyll would give the post when it has no permalink
/// (default style: /:categories/:year/:month/:day/:title.html).
std::string default_url(const Post& post);

/// The post text kept for snippets and re-ranking (its first MiB), from
/// value slot kSlotText. Hits that need no text never read or inflate it:
/// the document data (JSON) holds only the small fields.
/// Throws Error if the stored bytes are damaged.
std::string stored_text(const Xapian::Document& doc);

/// The stored form of `text` for kSlotText ("" for no text): 'z', the
/// length as 4 bytes little-endian, then zlib's stream; or 'r' and the text
/// when compression does not pay (short texts).
std::string pack_text(std::string_view text);

}  // namespace newsidx::detail
