// Internal: the post's fields as stored in its document data (JSON), the one
// encoder (indexer/document.cpp) and decoder (hits, autocomplete, sync,
// reindex, remove) of that format. The post's text is stored apart, in a
// value slot (stored_text.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsidx::schema {

/// A heading of the post's body and where its section starts in the stored
/// text (stored_text.hpp): the section runs to the next one's offset.
struct StoredSection {
    int level = 1;
    std::uint32_t offset = 0;  ///< byte offset of the heading's text in the stored text
    std::string anchor;        ///< the id the site gives it ("" none)
    std::string heading;
};

/// At most this many sections are stored a post (the first ones).
inline constexpr std::size_t kMaxStoredSections = 256;

struct StoredPost {
    std::string id, path, root, title;
    std::string subtitle;  ///< the first heading when the title came from the file name ("" otherwise; schema 7)
    std::string date;  ///< ISO 8601 as the post gave it
    std::vector<std::string> tags, categories;
    std::string author, excerpt, permalink, url;
    bool published = true;
    std::string lang;         ///< canonical tag, "" unknown
    std::string translation;  ///< the key its translations share, "" none
    std::string extra_json = "{}";  ///< the other front-matter keys, a JSON object
};

/// The document data for `p`. Invalid UTF-8 is replaced, an extra_json that
/// is not a JSON object stored as {}.
std::string encode_post(const StoredPost& p);

/// The fields of `data`. Never throws: data that is not a JSON object, or a
/// field of the wrong type, decodes to empty fields (a hit still shows).
StoredPost decode_post(std::string_view data);

/// A post's sections, apart from the data (value slot kSlotSections): a
/// hit reads them only when it shows snippets. Value: 's', varint count,
/// then per section a byte level, varint offset, varint length + anchor,
/// varint length + heading. "" for none.
std::string encode_sections(const std::vector<StoredSection>& sections);

/// The sections of `value`, in text order, offsets increasing. Never
/// throws: a damaged value gives the sections read before the damage.
std::vector<StoredSection> decode_sections(std::string_view value);

}  // namespace newsidx::schema
