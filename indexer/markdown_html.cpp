// A post's Markdown as HTML for `newsidx serve`'s preview (markdown.hpp,
// to_html): md4c's parser with our own writer, since Debian's md4c HTML
// renderer (libmd4c-html) is a package of its own that a fresh machine
// lacks (cmake/newsidxDependencyTargets.cmake). Raw HTML is never passed
// through: md4c reads it as text (MD_FLAG_NOHTML) and every byte of text
// is escaped, so no script or style of a post reaches the page.
#include "markdown.hpp"

#include "utf8.hpp"

#include <md4c.h>

#include <cctype>
#include <string>

namespace newsidx::markdown {

namespace {

void escape(std::string& out, std::string_view s) { utf8::append_html_escaped(out, s); }

std::string attribute(const MD_ATTRIBUTE& a) { return a.text ? std::string(a.text, a.size) : std::string(); }

// A link or image target a page may follow: http(s), mailto, or one
// without a scheme (relative, #fragment). javascript:, data: and the like
// are dropped.
bool safe_target(std::string_view u) {
    const std::size_t colon = u.find(':');
    if (colon == std::string_view::npos || u.find_first_of("/?#") < colon) return true;
    std::string scheme;
    for (char c : u.substr(0, colon)) scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return scheme == "http" || scheme == "https" || scheme == "mailto";
}

// An entity md4c found (&amp; &#44032; &copy;): passed through when it is
// one (letters or a number between & and ;), else escaped as text.
bool entity_ok(std::string_view e) {
    if (e.size() < 3 || e.front() != '&' || e.back() != ';') return false;
    for (char c : e.substr(1, e.size() - 2))
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '#') return false;
    return true;
}

struct Writer {
    std::string out;
    std::vector<std::string> anchors;  // each heading's id, in order (render())
    std::size_t heading = 0;           // headings seen
    std::size_t heading_at = 0;        // where the open heading's text starts in `out`
    int in_image = 0;  // inside an image: text is its alt text, no tags

    void tag(std::string_view t) {
        if (!in_image) out += t;
    }

    static int enter_block(MD_BLOCKTYPE type, void* detail, void* self) {
        static_cast<Writer*>(self)->block(type, detail, true);
        return 0;
    }
    static int leave_block(MD_BLOCKTYPE type, void* detail, void* self) {
        static_cast<Writer*>(self)->block(type, detail, false);
        return 0;
    }
    static int enter_span(MD_SPANTYPE type, void* detail, void* self) {
        static_cast<Writer*>(self)->span(type, detail, true);
        return 0;
    }
    static int leave_span(MD_SPANTYPE type, void* detail, void* self) {
        static_cast<Writer*>(self)->span(type, detail, false);
        return 0;
    }
    static int text(MD_TEXTTYPE type, const MD_CHAR* t, MD_SIZE size, void* self) {
        static_cast<Writer*>(self)->words(type, std::string_view(t, size));
        return 0;
    }

    void block(MD_BLOCKTYPE type, void* detail, bool enter) {
        switch (type) {
            case MD_BLOCK_DOC: break;
            case MD_BLOCK_QUOTE: out += enter ? "<blockquote>\n" : "</blockquote>\n"; break;
            case MD_BLOCK_UL: out += enter ? "<ul>\n" : "</ul>\n"; break;
            case MD_BLOCK_OL: {
                const unsigned start = static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start;
                out += !enter ? "</ol>\n" : start == 1 ? "<ol>\n" : "<ol start=\"" + std::to_string(start) + "\">\n";
                break;
            }
            case MD_BLOCK_LI: {
                const auto* li = static_cast<MD_BLOCK_LI_DETAIL*>(detail);
                if (!enter) out += "</li>\n";
                else if (!li->is_task) out += "<li>";
                else
                    out += li->task_mark == ' ' ? "<li><input type=\"checkbox\" disabled> "
                                                : "<li><input type=\"checkbox\" disabled checked> ";
                break;
            }
            case MD_BLOCK_HR: out += enter ? "<hr>\n" : ""; break;
            case MD_BLOCK_H: {
                const std::string level = std::to_string(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
                if (enter) {
                    // The id the blog's own page gives it, so that a section's link lands here too.
                    const std::string id = heading < anchors.size() ? anchors[heading] : std::string();
                    ++heading;
                    out += "<h" + level;
                    if (!id.empty()) {
                        out += " id=\"";
                        escape(out, id);
                        out += '"';
                    }
                    out += '>';
                    heading_at = out.size();
                } else {
                    // kramdown's `{#id}` is markup, not text.
                    const std::size_t open = out.rfind(" {#");
                    if (open != std::string::npos && open >= heading_at && out.back() == '}' &&
                        out.find_first_of(" <&", open + 3) == std::string::npos)
                        out.resize(open);
                    out += "</h" + level + ">\n";
                }
                break;
            }
            case MD_BLOCK_CODE:
                if (!enter) {
                    out += "</code></pre>\n";
                } else if (const std::string lang = attribute(static_cast<MD_BLOCK_CODE_DETAIL*>(detail)->lang);
                           !lang.empty()) {
                    out += "<pre><code class=\"language-";
                    escape(out, lang);
                    out += "\">";
                } else {
                    out += "<pre><code>";
                }
                break;
            case MD_BLOCK_HTML: break;  // not with MD_FLAG_NOHTML; its text would be escaped anyway
            case MD_BLOCK_P: out += enter ? "<p>" : "</p>\n"; break;
            case MD_BLOCK_TABLE: out += enter ? "<table>\n" : "</table>\n"; break;
            case MD_BLOCK_THEAD: out += enter ? "<thead>\n" : "</thead>\n"; break;
            case MD_BLOCK_TBODY: out += enter ? "<tbody>\n" : "</tbody>\n"; break;
            case MD_BLOCK_TR: out += enter ? "<tr>" : "</tr>\n"; break;
            case MD_BLOCK_TH:
            case MD_BLOCK_TD: {
                const char* cell = type == MD_BLOCK_TH ? "th" : "td";
                if (!enter) {
                    out += std::string("</") + cell + ">";
                    break;
                }
                const MD_ALIGN a = static_cast<MD_BLOCK_TD_DETAIL*>(detail)->align;
                out += std::string("<") + cell +
                       (a == MD_ALIGN_LEFT     ? " style=\"text-align:left\">"
                        : a == MD_ALIGN_CENTER ? " style=\"text-align:center\">"
                        : a == MD_ALIGN_RIGHT  ? " style=\"text-align:right\">"
                                               : ">");
                break;
            }
        }
    }

    void span(MD_SPANTYPE type, void* detail, bool enter) {
        switch (type) {
            case MD_SPAN_EM: tag(enter ? "<em>" : "</em>"); break;
            case MD_SPAN_STRONG: tag(enter ? "<strong>" : "</strong>"); break;
            case MD_SPAN_U: tag(enter ? "<u>" : "</u>"); break;
            case MD_SPAN_DEL: tag(enter ? "<del>" : "</del>"); break;
            case MD_SPAN_CODE: tag(enter ? "<code>" : "</code>"); break;
            case MD_SPAN_LATEXMATH:
            case MD_SPAN_LATEXMATH_DISPLAY: tag(enter ? "<code class=\"math\">" : "</code>"); break;
            case MD_SPAN_WIKILINK: break;  // not enabled: its text only
            case MD_SPAN_A: {
                if (in_image) break;
                if (!enter) {
                    out += "</a>";
                    break;
                }
                const auto* a = static_cast<MD_SPAN_A_DETAIL*>(detail);
                const std::string href = attribute(a->href);
                out += "<a";
                if (safe_target(href)) {
                    out += " href=\"";
                    escape(out, href);
                    out += "\" rel=\"nofollow noopener\"";
                }
                if (const std::string title = attribute(a->title); !title.empty()) {
                    out += " title=\"";
                    escape(out, title);
                    out += '"';
                }
                out += '>';
                break;
            }
            case MD_SPAN_IMG: {
                if (!enter) {
                    if (--in_image == 0) out += "\">";
                    break;
                }
                if (in_image++) break;  // an image in an image's alt text: its text only
                const std::string src = attribute(static_cast<MD_SPAN_IMG_DETAIL*>(detail)->src);
                out += "<img";
                if (safe_target(src)) {
                    out += " src=\"";
                    escape(out, src);
                    out += '"';
                }
                out += " alt=\"";
                break;
            }
        }
    }

    void words(MD_TEXTTYPE type, std::string_view t) {
        switch (type) {
            case MD_TEXT_NULLCHAR: out += "\xEF\xBF\xBD"; break;
            case MD_TEXT_BR: out += in_image ? " " : "<br>\n"; break;
            case MD_TEXT_SOFTBR: out += in_image ? " " : "\n"; break;
            case MD_TEXT_ENTITY:
                if (entity_ok(t)) out += t;
                else escape(out, t);
                break;
            default: escape(out, t);  // text, code, math, and raw HTML (as text)
        }
    }
};

}  // namespace

std::string to_html(std::string_view md) {
    Writer w;
    w.anchors = render(md).anchors;
    MD_PARSER parser{};
    parser.flags = MD_DIALECT_GITHUB | MD_FLAG_LATEXMATHSPANS | MD_FLAG_NOHTML;
    parser.enter_block = &Writer::enter_block;
    parser.leave_block = &Writer::leave_block;
    parser.enter_span = &Writer::enter_span;
    parser.leave_span = &Writer::leave_span;
    parser.text = &Writer::text;
    // MD_SIZE is 32-bit; the reader's file-size limit keeps bodies far below.
    md_parse(md.data(), static_cast<MD_SIZE>(md.size()), &parser, &w);
    return std::move(w.out);
}

}  // namespace newsidx::markdown
