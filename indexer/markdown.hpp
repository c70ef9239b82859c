// Internal: a post's Markdown body to plain text by zone (md4c), after
// removing Jekyll's Liquid template tags.
#pragma once

#include "post.hpp"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsidx::markdown {

/// Removes Liquid markup the way Jekyll's render would leave no text for it:
/// `{{ ... }}` and `{% ... %}` go (a tag inside a line becomes one space, a
/// tag at the start of a line nothing, so that what follows cannot turn into
/// an indented code block); newlines inside tags are kept, so line numbers
/// survive. `{% raw %}...{% endraw %}` keeps its contents verbatim,
/// `{% comment %}...{% endcomment %}` drops them, and a `{% highlight %}` /
/// `{% endhighlight %}` pair on lines of their own becomes a code fence.
/// An opener without a closer is kept as literal text. A kramdown attribute
/// list alone on a line (`{:toc}`, `{: .class}`) goes too. Linear time.
std::string strip_liquid(std::string_view body);

/// Plain text of a Markdown document.
struct Rendered {
    std::string text;               ///< blocks separated by '\n', no leading/trailing blanks
    std::vector<Section> sections;  ///< zones of `text` (see html::TextBuilder)
    std::string first_heading;      ///< text of the first non-empty heading, or ""
    std::vector<Heading> headings;  ///< every non-empty heading, with its anchor
    std::vector<std::string> anchors;  ///< the anchor of every heading, in order ("" none)
    bool complete = true;           ///< false when md4c gave up (out of memory)
};

/// The id kramdown (2.x, GFM input, `auto_ids`: Jekyll's default) gives a
/// heading whose text, formatting stripped, is `text`, before duplicates
/// are numbered: lower-cased (full Unicode mapping, no context), every
/// character that is not a letter, mark, decimal digit, connector
/// punctuation, join control, '-', space or tab dropped, then each space
/// and tab a '-'. "스타게이트 **투자** 계획" -> "스타게이트-투자-계획",
/// "C++ & C#" -> "c--c".
std::string gfm_anchor(std::string_view text);

/// Numbers repeated anchors as kramdown does: the first "a" stays "a", the
/// next ones "a-1", "a-2" (counted per base id, so a heading written
/// "a-1" does not move the count). An empty base id gives "" (no id) the
/// first time, then "-1", "-2".
class AnchorCounter {
public:
    std::string next(std::string base);

private:
    std::unordered_map<std::string, int> seen_;
};

/// Renders GitHub-flavoured Markdown with tables, strikethrough and LaTeX
/// math spans (kept as text). Headings go to Zone::Heading; paragraphs, list
/// items, quotes, table cells and link text to Zone::Body; code blocks and
/// inline code to Zone::Code (inline code inside a heading stays Heading, so
/// the heading's words keep their weight); image alt text to Zone::Alt.
/// Inline and block HTML are stripped (see html::to_text), entities decoded.
Rendered render(std::string_view markdown);

/// HTML of a Markdown document, for `newsidx serve`'s preview of a post
/// (markdown_html.cpp): the same dialect as render(), raw HTML shown as
/// text (escaped, never passed through), links and images only to http(s),
/// mailto or relative targets.
std::string to_html(std::string_view markdown);

}  // namespace newsidx::markdown
