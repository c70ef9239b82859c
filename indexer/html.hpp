// Internal: plain-text building, HTML stripping and entity decoding for the
// post reader. Markdown (markdown.cpp) and raw HTML both write into one
// TextBuilder, which owns Post::text and its zone sections.
#pragma once

#include "post.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsidx::html {

/// Accumulates plain text by zone. Whitespace runs (ASCII whitespace, control
/// characters, U+00A0) collapse to one separator, emitted only between two
/// pieces of content, so the text never starts or ends with blanks. Sections
/// are maximal runs of one zone: they cover all content, never a separator
/// between two different zones, and always begin and end on UTF-8 boundaries
/// because cuts happen only at ASCII separators or between whole chunks.
class TextBuilder {
public:
    /// Appends `s` (valid UTF-8) in `zone`. In Zone::Code a whitespace run
    /// holding a newline becomes a newline, so code keeps its lines.
    void add(Zone zone, std::string_view s);
    /// What follows is a separate word.
    void space() noexcept { gap_ = gap_ == Gap::None ? Gap::Space : gap_; }
    /// What follows is a separate block.
    void newline() noexcept { gap_ = Gap::Newline; }

    std::size_t size() const noexcept { return text_.size(); }
    const std::string& text() const noexcept { return text_; }
    /// Cuts the text back to its first `n` bytes (and trailing blanks), its
    /// zones with it: what a heading's `{#id}` added goes again.
    void truncate(std::size_t n);
    std::string take_text() { return std::move(text_); }
    std::vector<Section> take_sections() { return std::move(sections_); }

private:
    enum class Gap : unsigned char { None, Space, Newline };
    void put(Zone zone, std::string_view run);

    std::string text_;
    std::vector<Section> sections_;
    Gap gap_ = Gap::None;
};

/// Decodes one entity (`&amp;`, `&#233;`, `&#xE9;`, including `&` and `;`)
/// and appends its UTF-8 to `out`. False (nothing appended) for an unknown
/// name or a numeric value that is 0, a surrogate or above U+10FFFF.
bool decode_entity(std::string_view entity, std::string& out);

/// `s` with every decodable entity decoded; the rest kept literally.
std::string decode_entities(std::string_view s);

/// A start or end tag, e.g. `<img src="a" alt="b">` or `</div >`.
struct Tag {
    std::string_view name;   ///< as written (compare with iequals)
    std::string_view attrs;  ///< the raw text after the name, up to `>` or `/>`
    bool closing = false;
};

/// Parses a complete tag `<...>`; nullopt for comments, declarations,
/// processing instructions and anything that is not a tag.
std::optional<Tag> parse_tag(std::string_view tag);

/// The raw value of attribute `name` in `attrs` (quotes removed, entities
/// not decoded), or nullopt.
std::optional<std::string_view> attribute(std::string_view attrs, std::string_view name);

/// ASCII case-insensitive equality.
bool iequals(std::string_view a, std::string_view b) noexcept;

/// What a tag means for plain text.
enum class TagRole : unsigned char {
    Inline,    ///< no effect (b, span, a, ...)
    Break,     ///< block-level or <br>: words on either side must not glue
    RawText,   ///< script/style: their contents are not text
    CodeOpen,  ///< <pre>/<code>: what follows is code
    CodeClose,
};

/// Classifies `tag`, writing what the tag itself contributes (a break, an
/// image's alt text in Zone::Alt) into `out`.
TagRole apply_tag(const Tag& tag, TextBuilder& out);

/// True when CommonMark starts an HTML block at `block` only because its
/// first line opens with a complete tag of an inline element (start
/// condition 7: `<br>`, `<a ...>`, `<img ...>`, `<span>`). kramdown, which
/// Jekyll uses, reads such lines as Markdown paragraphs with inline HTML,
/// so the reader renders them that way too.
bool starts_with_inline_tag(std::string_view block) noexcept;

/// Strips a raw HTML chunk into `out`: tags removed (breaks kept), comments,
/// <script> and <style> dropped, entities decoded, text inside <pre>/<code>
/// in Zone::Code, the rest in `zone`. Linear time on any input.
void to_text(std::string_view html, Zone zone, TextBuilder& out);

}  // namespace newsidx::html
