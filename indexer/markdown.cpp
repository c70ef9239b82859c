#include "markdown.hpp"

#include "html.hpp"
#include "markdown_text.hpp"

#include "utf8.hpp"

#include <md4c.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <exception>
#include <limits>
#include <utility>

namespace newsidx::markdown {

namespace {

using text::is_blank;
using text::npos;
using text::trailing_id;
using text::trim_end;

constexpr unsigned kFlags = MD_DIALECT_GITHUB | MD_FLAG_LATEXMATHSPANS;

class Renderer {
public:
    // Runs md4c over `md`, calling back into this renderer; false when md4c
    // gave up. Callback exceptions are rethrown here.
    bool parse(std::string_view md, unsigned flags);

    html::TextBuilder out;
    std::string first_heading;
    std::exception_ptr error;

    int enter_block(MD_BLOCKTYPE type, const void* detail) {
        switch (type) {
            case MD_BLOCK_DOC: return 0;
            case MD_BLOCK_H:
                ++heading_;
                heading_mark_ = out.size();
                heading_level_ = detail ? static_cast<int>(static_cast<const MD_BLOCK_H_DETAIL*>(detail)->level) : 1;
                heading_raw_.clear();
                break;
            case MD_BLOCK_CODE: ++code_block_; break;
            case MD_BLOCK_HTML:
                ++html_block_;
                html_buf_.clear();
                break;
            default: break;
        }
        out.newline();
        return 0;
    }

    int leave_block(MD_BLOCKTYPE type) {
        switch (type) {
            case MD_BLOCK_DOC: return 0;
            case MD_BLOCK_H:
                --heading_;
                end_heading();
                break;
            case MD_BLOCK_CODE: --code_block_; break;
            case MD_BLOCK_HTML: {
                --html_block_;
                const std::string block = std::move(html_buf_);
                html_buf_.clear();
                // Without HTML blocks the nested parse cannot come back here.
                if (html::starts_with_inline_tag(block)) parse(block, kFlags | MD_FLAG_NOHTMLBLOCKS);
                else html::to_text(block, zone(), out);
                break;
            }
            default: break;
        }
        // Inline HTML state never outlives its block: an unclosed <script>
        // or <code> in one paragraph must not swallow the next.
        skip_tag_.clear();
        html_code_ = 0;
        out.newline();
        return 0;
    }

    int enter_span(MD_SPANTYPE type) {
        if (type == MD_SPAN_IMG) {
            ++image_;
            out.space();
            // An image is an element of the heading for kramdown: the text
            // before it keeps its trailing blank ("Image ![x](a.png)" ->
            // "image-"). A control character holds the place (never in an id).
            if (heading_ > 0) heading_raw_.push_back('\x01');
        } else if (type == MD_SPAN_CODE) {
            ++code_span_;
        }
        return 0;
    }

    int leave_span(MD_SPANTYPE type) {
        if (type == MD_SPAN_IMG) {
            --image_;
            out.space();
        } else if (type == MD_SPAN_CODE) {
            --code_span_;
        }
        return 0;
    }

    int text(MD_TEXTTYPE type, std::string_view s) {
        if (html_block_ > 0) {
            html_buf_.append(s);
            return 0;
        }
        if (heading_ > 0) heading_text(type, s);
        switch (type) {
            case MD_TEXT_BR: out.newline(); break;
            case MD_TEXT_SOFTBR: out.space(); break;
            case MD_TEXT_NULLCHAR: break;  // the reader rejects NUL bytes before this
            case MD_TEXT_HTML: inline_html(s); break;
            case MD_TEXT_ENTITY: {
                if (!skip_tag_.empty()) break;
                std::string decoded;
                out.add(zone(), html::decode_entity(s, decoded) ? std::string_view(decoded) : s);
                break;
            }
            case MD_TEXT_CODE: out.add(zone(), s); break;
            case MD_TEXT_NORMAL:
                if (skip_tag_.empty()) out.add(zone(), without_stray_bold(s, scratch_));
                break;
            default:
                if (skip_tag_.empty()) out.add(zone(), s);
                break;
        }
        return 0;
    }

private:
    // What kramdown makes a heading's id from: its text elements, formatting
    // stripped (auto_id_stripping), entities decoded; not an image's alt
    // text, not the markup of inline HTML.
    void heading_text(MD_TEXTTYPE type, std::string_view s) {
        if (image_ > 0 || !skip_tag_.empty()) return;
        switch (type) {
            case MD_TEXT_HTML: break;
            case MD_TEXT_BR:
            case MD_TEXT_SOFTBR: heading_raw_.push_back(' '); break;
            case MD_TEXT_ENTITY: {
                std::string decoded;
                heading_raw_.append(html::decode_entity(s, decoded) ? std::string_view(decoded) : s);
                break;
            }
            default: heading_raw_.append(s); break;
        }
    }

    // A heading ends: its `{#id}` leaves the text, its anchor is numbered.
    void end_heading() {
        std::string_view raw = trim_end(heading_raw_);
        while (!raw.empty() && is_blank(raw.front())) raw.remove_prefix(1);
        std::string anchor;
        if (const std::string_view id = trailing_id(raw); !id.empty()) {
            anchor.assign(id);
            // The same attribute ends the heading's text: cut it there.
            const std::string_view shown = std::string_view(out.text()).substr(heading_mark_);
            const std::string attr = "{#" + anchor + "}";
            if (shown.size() >= attr.size() && shown.substr(shown.size() - attr.size()) == attr)
                out.truncate(out.size() - attr.size());
        } else {
            anchor = anchors_.next(gfm_anchor(raw));
        }
        anchors.push_back(anchor);
        std::size_t begin = heading_mark_;
        const std::string& t = out.text();
        while (begin < t.size() && (t[begin] == '\n' || t[begin] == ' ')) ++begin;
        if (begin >= t.size()) return;  // no text (an image alone): no section
        std::string text = t.substr(begin);
        if (first_heading.empty()) first_heading = text;
        headings.push_back(Heading{heading_level_, static_cast<std::uint32_t>(begin), std::move(text), std::move(anchor)});
    }

public:
    std::vector<Heading> headings;
    std::vector<std::string> anchors;

private:
    Zone zone() const noexcept {
        if (image_ > 0) return Zone::Alt;
        if (code_block_ > 0) return Zone::Code;
        if (heading_ > 0) return Zone::Heading;
        if (code_span_ > 0 || html_code_ > 0) return Zone::Code;
        return Zone::Body;
    }

    void inline_html(std::string_view s) {
        const auto tag = html::parse_tag(s);
        if (!skip_tag_.empty()) {
            if (tag && tag->closing && html::iequals(tag->name, skip_tag_)) skip_tag_.clear();
            return;
        }
        if (!tag) return;  // comments, declarations: no text
        switch (html::apply_tag(*tag, out)) {
            case html::TagRole::RawText: skip_tag_.assign(tag->name); break;
            case html::TagRole::CodeOpen: ++html_code_; break;
            case html::TagRole::CodeClose: html_code_ = std::max(0, html_code_ - 1); break;
            default: break;
        }
    }

    // CommonMark's flanking rules leave `**` literal in the common Korean
    // pattern **굵게**는 (a particle glued to a bold ending in punctuation);
    // kramdown, which Jekyll uses, renders it bold. Runs of two or three
    // asterisks in plain text are therefore markup residue, not words.
    static std::string_view without_stray_bold(std::string_view s, std::string& scratch) {
        if (s.find("**") == npos) return s;
        scratch.clear();
        for (std::size_t i = 0; i < s.size();) {
            if (s[i] != '*') {
                scratch.push_back(s[i++]);
                continue;
            }
            std::size_t j = i;
            while (j < s.size() && s[j] == '*') ++j;
            if (j - i < 2 || j - i > 3) scratch.append(s.substr(i, j - i));
            i = j;
        }
        return scratch;
    }

    std::string scratch_;
    int heading_ = 0, code_block_ = 0, code_span_ = 0, image_ = 0, html_block_ = 0, html_code_ = 0;
    std::size_t heading_mark_ = 0;
    int heading_level_ = 1;
    std::string heading_raw_;  // the open heading's text as kramdown reads it
    AnchorCounter anchors_;
    std::string html_buf_;   // one raw HTML block, stripped when it ends
    std::string skip_tag_;   // inside inline <script>/<style>: drop text until its end tag
};

// md4c is C: an exception must not unwind through it, so each callback
// parks it and aborts the parse.
template <typename F>
int guarded(void* ud, F&& f) {
    auto* r = static_cast<Renderer*>(ud);
    try {
        return f(*r);
    } catch (...) {
        r->error = std::current_exception();
        return 1;
    }
}

bool Renderer::parse(std::string_view md, unsigned flags) {
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = flags;
    parser.enter_block = [](MD_BLOCKTYPE t, void* detail, void* ud) {
        return guarded(ud, [t, detail](Renderer& r) { return r.enter_block(t, detail); });
    };
    parser.leave_block = [](MD_BLOCKTYPE t, void*, void* ud) {
        return guarded(ud, [t](Renderer& r) { return r.leave_block(t); });
    };
    parser.enter_span = [](MD_SPANTYPE t, void*, void* ud) {
        return guarded(ud, [t](Renderer& r) { return r.enter_span(t); });
    };
    parser.leave_span = [](MD_SPANTYPE t, void*, void* ud) {
        return guarded(ud, [t](Renderer& r) { return r.leave_span(t); });
    };
    parser.text = [](MD_TEXTTYPE t, const MD_CHAR* p, MD_SIZE n, void* ud) {
        return guarded(ud, [=](Renderer& r) { return r.text(t, std::string_view(p, n)); });
    };
    // MD_SIZE is 32-bit; the reader's file-size limit keeps bodies far below.
    const auto size = static_cast<MD_SIZE>(std::min<std::size_t>(md.size(), std::numeric_limits<MD_SIZE>::max()));
    const int rc = md_parse(md.data(), size, &parser, this);
    if (error) {
        // A nested parse rethrows, the outer one records it again: keep one.
        std::exception_ptr e = std::exchange(error, nullptr);
        std::rethrow_exception(e);
    }
    return rc == 0;
}

}  // namespace

std::string gfm_anchor(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    UChar buf[8];
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = utf8::next(text, i);
        if (c == ' ' || c == '\t') {
            out.push_back('-');
            continue;
        }
        // Ruby's String#downcase: the full mapping of each character (İ ->
        // i̇, ǅ -> ǆ), never the context-dependent ones (final sigma).
        UErrorCode err = U_ZERO_ERROR;
        UChar one[2];
        int32_t n = 0;
        U16_APPEND_UNSAFE(one, n, static_cast<UChar32>(c));
        const int32_t len = u_strToLower(buf, 8, one, n, "", &err);
        for (int32_t k = 0; U_SUCCESS(err) && k < len;) {
            UChar32 l;
            U16_NEXT(buf, k, len, l);
            // Onigmo's \p{Word}: Alphabetic, marks, decimal digits,
            // connector punctuation, join controls; and '-'.
            const bool word = u_hasBinaryProperty(l, UCHAR_ALPHABETIC) ||
                              (U_GET_GC_MASK(l) & (U_GC_M_MASK | U_GC_ND_MASK | U_GC_PC_MASK)) != 0 ||
                              u_hasBinaryProperty(l, UCHAR_JOIN_CONTROL) || l == '-';
            if (word) utf8::append(out, static_cast<char32_t>(l));
        }
    }
    return out;
}

std::string AnchorCounter::next(std::string base) {
    auto [it, fresh] = seen_.try_emplace(base, 0);
    if (fresh) return base;
    return base + "-" + std::to_string(++it->second);
}

Rendered render(std::string_view md) {
    Renderer r;
    Rendered out;
    out.complete = r.parse(md, kFlags);
    out.first_heading = std::move(r.first_heading);
    out.headings = std::move(r.headings);
    out.anchors = std::move(r.anchors);
    out.text = r.out.take_text();
    out.sections = r.out.take_sections();
    return out;
}

}  // namespace newsidx::markdown
