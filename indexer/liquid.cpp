// The Liquid pass over a post's body before md4c reads it (strip_liquid):
// Jekyll's `{% tags %}` and `{{ variables }}` go, `{% highlight %}` blocks
// become fences, and a kramdown block IAL's `{: #id}` under a heading joins
// that heading's line as `{#id}`.
#include "markdown.hpp"
#include "markdown_text.hpp"

#include <string>
#include <string_view>

namespace newsidx::markdown {

namespace {

using text::is_blank;
using text::npos;
using text::only_blanks;
using text::trailing_id;
using text::trim_end;
using text::valid_id;

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

}  // namespace

std::string strip_liquid(std::string_view body) { return LiquidStripper(body).run(); }

}  // namespace newsidx::markdown
