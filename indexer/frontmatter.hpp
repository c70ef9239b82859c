// Internal: Jekyll front matter — finding it, and reading its YAML into a Post.
#pragma once

#include "post.hpp"
#include "reader.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace newsidx::frontmatter {

/// Where the front matter and the body are in a file's text.
struct Split {
    bool present = false;
    std::string_view yaml;     ///< between the fences (empty when absent)
    std::size_t yaml_line = 2; ///< file line of yaml's first line
    std::string_view body;     ///< everything after the closing fence
    std::size_t body_line = 1; ///< file line where the body starts
};

/// Splits `text` (LF line ends, no BOM). Front matter starts with a `---`
/// line at line 1 (trailing blanks allowed) and ends at the next `---` or
/// `...` line. Throws PostError when it is never closed or is larger than
/// `max_bytes`.
Split split(std::string_view text, const std::string& name, std::uint32_t max_bytes);

/// Parses the YAML of `fm` and fills title, tags, categories, author,
/// excerpt, permalink, published and extra_json of `post`, appending
/// warnings for values of the wrong type. Returns the `date:` when it
/// parses. Throws PostError (with the line in the file) when the YAML is
/// malformed, nests absurdly deep, or is not a mapping.
std::optional<PostDate> apply(const Split& fm, const std::string& name, const ReaderLimits& limits,
                              Post& post);

/// Nesting depth (flow brackets plus block indentation levels) beyond which
/// front matter is rejected before yaml-cpp, whose parser recurses, sees it.
inline constexpr int kMaxYamlNesting = 200;

/// Depth beyond which an unknown key's value is stored as null.
inline constexpr int kMaxJsonDepth = 64;

}  // namespace newsidx::frontmatter
