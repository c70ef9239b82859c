#include "markdown.hpp"

#include "html.hpp"

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

constexpr std::size_t npos = std::string_view::npos;

bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

bool only_blanks(std::string_view s) noexcept {
    return std::all_of(s.begin(), s.end(), [](char c) { return is_blank(c); });
}

// `s` without the blanks it ends with.
std::string_view trim_end(std::string_view s) noexcept {
    while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
    return s;
}

// A kramdown id as `{#id}` and `{: #id}` take it: a letter, then letters,
// digits, `_`, `:` or `-`.
bool valid_id(std::string_view id) noexcept {
    if (id.empty() || !((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= 'A' && id[0] <= 'Z'))) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == ':' ||
               c == '-';
    });
}

// kramdown's header id syntax at the end of a heading: `## Title {#my-id}`.
// Returns the id, or "".
std::string_view trailing_id(std::string_view h) {
    if (h.size() < 5 || h.back() != '}') return {};
    const std::size_t open = h.rfind("{#");
    if (open == npos || open == 0 || !is_blank(h[open - 1])) return {};
    const std::string_view id = h.substr(open + 2, h.size() - open - 3);
    return valid_id(id) ? id : std::string_view();
}

// The id a block IAL names (`{: .note #id}`, `{:#id}`), or "".
std::string_view ial_id(std::string_view ial) {
    if (ial.size() < 4 || ial.substr(0, 2) != "{:" || ial[2] == ':') return {};  // `{::...}`: an extension
    const std::string_view inner = ial.substr(2, ial.find('}') - 2);
    for (std::size_t i = 0; i < inner.size();) {
        while (i < inner.size() && is_blank(inner[i])) ++i;
        std::size_t e = i;
        while (e < inner.size() && !is_blank(inner[e])) ++e;
        if (e > i + 1 && inner[i] == '#' && valid_id(inner.substr(i + 1, e - i - 1))) return inner.substr(i + 1, e - i - 1);
        i = e;
    }
    return {};
}

// An ATX heading line (up to three spaces, 1-6 `#`, then a blank or the end).
bool atx_heading(std::string_view line) {
    std::size_t i = 0;
    while (i < 3 && i < line.size() && line[i] == ' ') ++i;
    std::size_t n = 0;
    while (i + n < line.size() && line[i + n] == '#') ++n;
    return n >= 1 && n <= 6 && (i + n == line.size() || is_blank(line[i + n]));
}

// A setext underline (up to three spaces, then only `=` or only `-`).
bool setext_underline(std::string_view line) {
    std::size_t i = 0;
    while (i < 3 && i < line.size() && line[i] == ' ') ++i;
    line = trim_end(line);
    if (i >= line.size() || (line[i] != '=' && line[i] != '-')) return false;
    return line.find_first_not_of(line[i], i) == npos;
}

// `line` (a heading's text line) ending with ` {#id}`: an id it ends with
// is replaced, and an ATX closing sequence (`## Title ##`) goes.
std::string with_id(std::string_view line, std::string_view id, bool atx) {
    line = trim_end(line);
    if (atx) {  // a closing sequence: blanks, then only `#`, after some text
        std::size_t e = line.size();
        while (e > 0 && line[e - 1] == '#') --e;
        if (e < line.size() && e > 0 && is_blank(line[e - 1])) {
            const std::string_view before = trim_end(line.substr(0, e));
            if (before.find_first_not_of(" #") != npos) line = before;
        }
    }
    if (const std::string_view old = trailing_id(line); !old.empty()) {
        line = trim_end(line.substr(0, line.size() - old.size() - 3));
    }
    return std::string(line) + " {#" + std::string(id) + "}";
}

// A Liquid tag `{% name args %}` (or `{%- name -%}`) found in the source.
struct LiquidTag {
    std::size_t begin = npos, end = npos;  // [begin, end) covers `{%` .. `%}`
    std::string_view name;
};

LiquidTag read_tag(std::string_view s, std::size_t begin, std::size_t close) {
    LiquidTag t{begin, close + 2, {}};
    std::size_t i = begin + 2;
    while (i < close && (is_blank(s[i]) || s[i] == '-' || s[i] == '\n')) ++i;
    const std::size_t nb = i;
    while (i < close && !is_blank(s[i]) && s[i] != '\n' && s[i] != '-' && s[i] != '%') ++i;
    t.name = s.substr(nb, i - nb);
    return t;
}

// The next tag called `name` at or after `from`; begin == npos when none.
LiquidTag find_tag(std::string_view s, std::size_t from, std::string_view name) {
    while (true) {
        const std::size_t open = s.find("{%", from);
        if (open == npos) return {};
        const std::size_t close = s.find("%}", open + 2);
        if (close == npos) return {};
        LiquidTag t = read_tag(s, open, close);
        if (t.name == name) return t;
        from = t.end;
    }
}

// True when the tag is the only thing on its source line(s).
bool alone_on_line(std::string_view s, const LiquidTag& t) {
    const std::size_t ls = s.rfind('\n', t.begin == 0 ? 0 : t.begin - 1);
    const std::size_t line_start = (ls == npos || t.begin == 0) ? 0 : ls + 1;
    std::size_t line_end = s.find('\n', t.end);
    if (line_end == npos) line_end = s.size();
    return only_blanks(s.substr(line_start, t.begin - line_start)) &&
           only_blanks(s.substr(t.end, line_end - t.end));
}

class LiquidStripper {
public:
    explicit LiquidStripper(std::string_view s) : s_(s) { out_.reserve(s.size()); }

    std::string run() {
        std::size_t i = 0;
        while (i < s_.size()) {
            const std::size_t p = s_.find('{', i);
            if (p == npos || p + 1 >= s_.size()) {
                copy(s_.substr(i));
                break;
            }
            copy(s_.substr(i, p - i));
            i = p;
            if (s_[p + 1] == '%' && !no_tag_close_) {
                i = on_tag(p);
            } else if (s_[p + 1] == ':' && !line_has_text_ && ial_line(p)) {
                i = s_.find('\n', p);
                if (i == npos) i = s_.size();
                id_to_heading(ial_id(s_.substr(p, i - p)));
            } else if (s_[p + 1] == '{' && !no_var_close_) {
                const std::size_t close = s_.find("}}", p + 2);
                if (close == npos) {
                    no_var_close_ = true;  // no `}}` anywhere after: all literal
                    copy(s_.substr(p, 1));
                    i = p + 1;
                } else {
                    i = drop(p, close + 2);
                }
            } else {
                copy(s_.substr(p, 1));
                i = p + 1;
            }
        }
        return std::move(out_);
    }

private:
    // A kramdown attribute list alone on its line (`{:toc}`, `{: .note}`):
    // markup for kramdown, never text. Only whole lines, so that `{:a 1}` in
    // a Clojure sample survives.
    bool ial_line(std::size_t p) const {
        std::size_t e = s_.find('\n', p);
        if (e == npos) e = s_.size();
        const std::string_view line = s_.substr(p, e - p);
        const std::size_t last = line.find_last_not_of(" \t");
        return line[last] == '}' && line.find('}') == last;
    }

    // A block IAL right under a heading (no blank line between) gives it
    // its id, as kramdown does: the id joins the heading's line as `{#id}`.
    void id_to_heading(std::string_view id) {
        if (id.empty()) return;
        const std::size_t cur = out_.rfind('\n');
        if (cur == npos || cur == 0) return;
        std::size_t start = out_.rfind('\n', cur - 1);
        start = start == npos ? 0 : start + 1;
        const std::string_view prev = std::string_view(out_).substr(start, cur - start);
        if (atx_heading(prev)) {
            out_.replace(start, cur - start, with_id(prev, id, true));
        } else if (setext_underline(prev) && start >= 2) {  // the text line ends at start - 1
            std::size_t text = out_.rfind('\n', start - 2);
            text = text == npos ? 0 : text + 1;
            const std::string_view line = std::string_view(out_).substr(text, start - 1 - text);
            if (!only_blanks(line)) out_.replace(text, start - 1 - text, with_id(line, id, false));
        }
    }

    // Handles the `{%` at p; returns where scanning resumes.
    std::size_t on_tag(std::size_t p) {
        const std::size_t close = s_.find("%}", p + 2);
        if (close == npos) {
            no_tag_close_ = true;
            copy(s_.substr(p, 1));
            return p + 1;
        }
        const LiquidTag t = read_tag(s_, p, close);
        if (t.name == "raw" || t.name == "comment") {
            const LiquidTag e = find_tag(s_, t.end, t.name == "raw" ? "endraw" : "endcomment");
            const std::size_t stop = e.begin == npos ? s_.size() : e.begin;
            drop(t.begin, t.end, false);
            if (t.name == "raw") copy(s_.substr(t.end, stop - t.end));
            else drop(t.end, stop, false);
            if (e.begin == npos) return s_.size();
            return drop(e.begin, e.end);
        }
        if (t.name == "highlight" && fence_close_ == npos && !no_endhighlight_ &&
            (seen_end_ == npos || t.begin > seen_end_) && alone_on_line(s_, t)) {
            const LiquidTag e = find_tag(s_, t.end, "endhighlight");
            if (e.begin == npos) no_endhighlight_ = true;
            seen_end_ = e.begin;
            if (e.begin != npos && alone_on_line(s_, e)) {
                fence_close_ = e.begin;
                return fence(t);
            }
        }
        if (t.begin == fence_close_) {
            fence_close_ = npos;
            return fence(t);
        }
        return drop(t.begin, t.end);
    }

    // Replaces a lone highlight tag by a tilde fence longer than any fence a
    // code sample is likely to contain.
    std::size_t fence(const LiquidTag& t) {
        out_.append("~~~~~~~~~~~~~~~~");
        line_has_text_ = true;
        keep_newlines(t.begin, t.end);
        return t.end;
    }

    void copy(std::string_view chunk) {
        if (chunk.empty()) return;
        const std::size_t nl = chunk.rfind('\n');
        const std::string_view tail = nl == npos ? chunk : chunk.substr(nl + 1);
        line_has_text_ = (nl == npos && line_has_text_) || !only_blanks(tail);
        out_.append(chunk);
    }

    // Drops s_[b, e) but keeps its newlines; returns where to resume. A
    // space stands in for it only between words on one line. At the start of
    // a line the blanks after it go too: `{{ a }} {{ b }}     text` must not
    // become an indented code block. Blanks before a newline go, so that no
    // hard line break appears.
    std::size_t drop(std::size_t b, std::size_t e, bool swallow_blanks = true) {
        const bool multiline = std::find(s_.begin() + static_cast<std::ptrdiff_t>(b),
                                         s_.begin() + static_cast<std::ptrdiff_t>(e), '\n') !=
                               s_.begin() + static_cast<std::ptrdiff_t>(e);
        if (multiline) {
            while (!out_.empty() && is_blank(out_.back())) out_.pop_back();
        } else if (line_has_text_ && !out_.empty() && !is_blank(out_.back())) {
            out_.push_back(' ');
        }
        keep_newlines(b, e);
        if (swallow_blanks && !line_has_text_)
            while (e < s_.size() && is_blank(s_[e])) ++e;
        return e;
    }

    void keep_newlines(std::size_t b, std::size_t e) {
        const std::size_t n = static_cast<std::size_t>(std::count(s_.begin() + static_cast<std::ptrdiff_t>(b),
                                                                  s_.begin() + static_cast<std::ptrdiff_t>(e), '\n'));
        if (n) {
            out_.append(n, '\n');
            line_has_text_ = false;
        }
    }

    std::string_view s_;
    std::string out_;
    bool line_has_text_ = false;
    bool no_tag_close_ = false;      // no `%}` after some point: the rest is literal
    bool no_var_close_ = false;      // likewise for `}}`
    bool no_endhighlight_ = false;   // no endhighlight after some point
    std::size_t fence_close_ = npos; // the endhighlight tag that closes an open fence
    std::size_t seen_end_ = npos;    // last endhighlight looked up: openers before it don't search again
};

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

std::string strip_liquid(std::string_view body) { return LiquidStripper(body).run(); }

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
