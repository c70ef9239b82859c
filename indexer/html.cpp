#include "html.hpp"

#include "utf8.hpp"

#include <algorithm>
#include <iterator>
#include <cstdint>
#include <cstring>
#include <limits>

namespace newsidx::html {

namespace {

struct Entity {
    std::string_view name;
    char32_t cp;
};

// The HTML 4 entity set plus &apos;, sorted by name (byte order) for binary
// search. The HTML5 additions (2,000 more names) are rare in blog posts.
constexpr Entity kEntities[] = {
    {"AElig", 0xC6}, {"Aacute", 0xC1}, {"Acirc", 0xC2}, {"Agrave", 0xC0}, {"Alpha", 0x391},
    {"Aring", 0xC5}, {"Atilde", 0xC3}, {"Auml", 0xC4}, {"Beta", 0x392}, {"Ccedil", 0xC7},
    {"Chi", 0x3A7}, {"Dagger", 0x2021}, {"Delta", 0x394}, {"ETH", 0xD0}, {"Eacute", 0xC9},
    {"Ecirc", 0xCA}, {"Egrave", 0xC8}, {"Epsilon", 0x395}, {"Eta", 0x397}, {"Euml", 0xCB},
    {"Gamma", 0x393}, {"Iacute", 0xCD}, {"Icirc", 0xCE}, {"Igrave", 0xCC}, {"Iota", 0x399},
    {"Iuml", 0xCF}, {"Kappa", 0x39A}, {"Lambda", 0x39B}, {"Mu", 0x39C}, {"Ntilde", 0xD1},
    {"Nu", 0x39D}, {"OElig", 0x152}, {"Oacute", 0xD3}, {"Ocirc", 0xD4}, {"Ograve", 0xD2},
    {"Omega", 0x3A9}, {"Omicron", 0x39F}, {"Oslash", 0xD8}, {"Otilde", 0xD5}, {"Ouml", 0xD6},
    {"Phi", 0x3A6}, {"Pi", 0x3A0}, {"Prime", 0x2033}, {"Psi", 0x3A8}, {"Rho", 0x3A1},
    {"Scaron", 0x160}, {"Sigma", 0x3A3}, {"THORN", 0xDE}, {"Tau", 0x3A4}, {"Theta", 0x398},
    {"Uacute", 0xDA}, {"Ucirc", 0xDB}, {"Ugrave", 0xD9}, {"Upsilon", 0x3A5}, {"Uuml", 0xDC},
    {"Xi", 0x39E}, {"Yacute", 0xDD}, {"Yuml", 0x178}, {"Zeta", 0x396}, {"aacute", 0xE1},
    {"acirc", 0xE2}, {"acute", 0xB4}, {"aelig", 0xE6}, {"agrave", 0xE0}, {"alefsym", 0x2135},
    {"alpha", 0x3B1}, {"amp", 0x26}, {"and", 0x2227}, {"ang", 0x2220}, {"apos", 0x27},
    {"aring", 0xE5}, {"asymp", 0x2248}, {"atilde", 0xE3}, {"auml", 0xE4}, {"bdquo", 0x201E},
    {"beta", 0x3B2}, {"brvbar", 0xA6}, {"bull", 0x2022}, {"cap", 0x2229}, {"ccedil", 0xE7},
    {"cedil", 0xB8}, {"cent", 0xA2}, {"chi", 0x3C7}, {"circ", 0x2C6}, {"clubs", 0x2663},
    {"cong", 0x2245}, {"copy", 0xA9}, {"crarr", 0x21B5}, {"cup", 0x222A}, {"curren", 0xA4},
    {"dArr", 0x21D3}, {"dagger", 0x2020}, {"darr", 0x2193}, {"deg", 0xB0}, {"delta", 0x3B4},
    {"diams", 0x2666}, {"divide", 0xF7}, {"eacute", 0xE9}, {"ecirc", 0xEA}, {"egrave", 0xE8},
    {"empty", 0x2205}, {"emsp", 0x2003}, {"ensp", 0x2002}, {"epsilon", 0x3B5}, {"equiv", 0x2261},
    {"eta", 0x3B7}, {"eth", 0xF0}, {"euml", 0xEB}, {"euro", 0x20AC}, {"exist", 0x2203},
    {"fnof", 0x192}, {"forall", 0x2200}, {"frac12", 0xBD}, {"frac14", 0xBC}, {"frac34", 0xBE},
    {"frasl", 0x2044}, {"gamma", 0x3B3}, {"ge", 0x2265}, {"gt", 0x3E}, {"hArr", 0x21D4},
    {"harr", 0x2194}, {"hearts", 0x2665}, {"hellip", 0x2026}, {"iacute", 0xED}, {"icirc", 0xEE},
    {"iexcl", 0xA1}, {"igrave", 0xEC}, {"image", 0x2111}, {"infin", 0x221E}, {"int", 0x222B},
    {"iota", 0x3B9}, {"iquest", 0xBF}, {"isin", 0x2208}, {"iuml", 0xEF}, {"kappa", 0x3BA},
    {"lArr", 0x21D0}, {"lambda", 0x3BB}, {"lang", 0x2329}, {"laquo", 0xAB}, {"larr", 0x2190},
    {"lceil", 0x2308}, {"ldquo", 0x201C}, {"le", 0x2264}, {"lfloor", 0x230A}, {"lowast", 0x2217},
    {"loz", 0x25CA}, {"lrm", 0x200E}, {"lsaquo", 0x2039}, {"lsquo", 0x2018}, {"lt", 0x3C},
    {"macr", 0xAF}, {"mdash", 0x2014}, {"micro", 0xB5}, {"middot", 0xB7}, {"minus", 0x2212},
    {"mu", 0x3BC}, {"nabla", 0x2207}, {"nbsp", 0xA0}, {"ndash", 0x2013}, {"ne", 0x2260},
    {"ni", 0x220B}, {"not", 0xAC}, {"notin", 0x2209}, {"nsub", 0x2284}, {"ntilde", 0xF1},
    {"nu", 0x3BD}, {"oacute", 0xF3}, {"ocirc", 0xF4}, {"oelig", 0x153}, {"ograve", 0xF2},
    {"oline", 0x203E}, {"omega", 0x3C9}, {"omicron", 0x3BF}, {"oplus", 0x2295}, {"or", 0x2228},
    {"ordf", 0xAA}, {"ordm", 0xBA}, {"oslash", 0xF8}, {"otilde", 0xF5}, {"otimes", 0x2297},
    {"ouml", 0xF6}, {"para", 0xB6}, {"part", 0x2202}, {"permil", 0x2030}, {"perp", 0x22A5},
    {"phi", 0x3C6}, {"pi", 0x3C0}, {"piv", 0x3D6}, {"plusmn", 0xB1}, {"pound", 0xA3},
    {"prime", 0x2032}, {"prod", 0x220F}, {"prop", 0x221D}, {"psi", 0x3C8}, {"quot", 0x22},
    {"rArr", 0x21D2}, {"radic", 0x221A}, {"rang", 0x232A}, {"raquo", 0xBB}, {"rarr", 0x2192},
    {"rceil", 0x2309}, {"rdquo", 0x201D}, {"real", 0x211C}, {"reg", 0xAE}, {"rfloor", 0x230B},
    {"rho", 0x3C1}, {"rlm", 0x200F}, {"rsaquo", 0x203A}, {"rsquo", 0x2019}, {"sbquo", 0x201A},
    {"scaron", 0x161}, {"sdot", 0x22C5}, {"sect", 0xA7}, {"shy", 0xAD}, {"sigma", 0x3C3},
    {"sigmaf", 0x3C2}, {"sim", 0x223C}, {"spades", 0x2660}, {"sub", 0x2282}, {"sube", 0x2286},
    {"sum", 0x2211}, {"sup", 0x2283}, {"sup1", 0xB9}, {"sup2", 0xB2}, {"sup3", 0xB3},
    {"supe", 0x2287}, {"szlig", 0xDF}, {"tau", 0x3C4}, {"there4", 0x2234}, {"theta", 0x3B8},
    {"thetasym", 0x3D1}, {"thinsp", 0x2009}, {"thorn", 0xFE}, {"tilde", 0x2DC}, {"times", 0xD7},
    {"trade", 0x2122}, {"uArr", 0x21D1}, {"uacute", 0xFA}, {"uarr", 0x2191}, {"ucirc", 0xFB},
    {"ugrave", 0xF9}, {"uml", 0xA8}, {"upsih", 0x3D2}, {"upsilon", 0x3C5}, {"uuml", 0xFC},
    {"weierp", 0x2118}, {"xi", 0x3BE}, {"yacute", 0xFD}, {"yen", 0xA5}, {"yuml", 0xFF},
    {"zeta", 0x3B6}, {"zwj", 0x200D}, {"zwnj", 0x200C},
};

constexpr bool entities_sorted() {
    for (std::size_t i = 1; i < std::size(kEntities); ++i)
        if (!(kEntities[i - 1].name < kEntities[i].name)) return false;
    return true;
}
static_assert(entities_sorted(), "kEntities must stay sorted for binary search");

bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) noexcept { return is_alpha(c) || (c >= '0' && c <= '9'); }
bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_blank_byte(unsigned char c) noexcept { return c <= 0x20 || c == 0x7F; }

// Length of the whitespace (ASCII, controls, U+00A0) at s[i], 0 if none.
std::size_t blank_at(std::string_view s, std::size_t i) noexcept {
    const auto c = static_cast<unsigned char>(s[i]);
    if (is_blank_byte(c)) return 1;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) return 2;
    return 0;
}

bool one_of(std::string_view name, std::initializer_list<std::string_view> list) noexcept {
    for (std::string_view x : list)
        if (iequals(name, x)) return true;
    return false;
}

// Position of the '<' of the first `</name` (any case) at or after `from`,
// or npos.
std::size_t find_end_tag(std::string_view s, std::size_t from, std::string_view name) noexcept {
    while (from < s.size()) {
        const void* p = std::memchr(s.data() + from, '<', s.size() - from);
        if (!p) return std::string_view::npos;
        const std::size_t at = static_cast<std::size_t>(static_cast<const char*>(p) - s.data());
        if (at + 2 + name.size() <= s.size() && s[at + 1] == '/' &&
            iequals(s.substr(at + 2, name.size()), name)) {
            const std::size_t after = at + 2 + name.size();
            if (after == s.size() || is_space(s[after]) || s[after] == '>' || s[after] == '/') return at;
        }
        from = at + 1;
    }
    return std::string_view::npos;
}

// An entity starting at s[i] ('&'): its length when well-formed, else 0.
std::size_t entity_length(std::string_view s, std::size_t i) noexcept {
    constexpr std::size_t kMax = 40;  // longer than any real entity
    std::size_t j = i + 1;
    if (j < s.size() && s[j] == '#') ++j;
    const std::size_t body = j;
    while (j < s.size() && j - i < kMax && is_alnum(s[j])) ++j;
    if (j == body || j >= s.size() || s[j] != ';') return 0;
    return j + 1 - i;
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

void TextBuilder::add(Zone zone, std::string_view s) {
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        bool has_newline = false;
        std::size_t j = i;
        for (std::size_t k; j < n && (k = blank_at(s, j)) != 0; j += k) has_newline |= s[j] == '\n';
        if (j > i) {
            if (has_newline && zone == Zone::Code) newline();
            else space();
            i = j;
        }
        while (j < n && blank_at(s, j) == 0) ++j;
        if (j > i) put(zone, s.substr(i, j - i));
        i = j;
    }
}

void TextBuilder::put(Zone zone, std::string_view run) {
    // Section offsets are 32-bit; the file-size limit keeps real text far
    // below, this only stops a misconfigured limit from wrapping offsets.
    if (text_.size() + run.size() + 1 > std::numeric_limits<std::uint32_t>::max()) return;
    if (!text_.empty() && gap_ != Gap::None) text_.push_back(gap_ == Gap::Newline ? '\n' : ' ');
    gap_ = Gap::None;
    const auto begin = static_cast<std::uint32_t>(text_.size());
    text_.append(run);
    const auto end = static_cast<std::uint32_t>(text_.size());
    if (!sections_.empty() && sections_.back().zone == zone)
        sections_.back().end = end;
    else
        sections_.push_back(Section{zone, begin, end});
}

void TextBuilder::truncate(std::size_t n) {
    if (n >= text_.size()) return;
    text_.resize(n);
    while (!text_.empty() && (text_.back() == ' ' || text_.back() == '\t')) text_.pop_back();
    const auto end = static_cast<std::uint32_t>(text_.size());
    while (!sections_.empty() && sections_.back().begin >= end) sections_.pop_back();
    if (!sections_.empty() && sections_.back().end > end) sections_.back().end = end;
}

bool decode_entity(std::string_view e, std::string& out) {
    if (e.size() < 3 || e.front() != '&' || e.back() != ';') return false;
    std::string_view body = e.substr(1, e.size() - 2);
    if (body.front() == '#') {
        body.remove_prefix(1);
        int base = 10;
        if (!body.empty() && (body.front() == 'x' || body.front() == 'X')) {
            base = 16;
            body.remove_prefix(1);
        }
        if (body.empty() || body.size() > (base == 16 ? 6u : 7u)) return false;
        char32_t cp = 0;
        for (char c : body) {
            int d;
            if (c >= '0' && c <= '9') d = c - '0';
            else if (base == 16 && lower(c) >= 'a' && lower(c) <= 'f') d = lower(c) - 'a' + 10;
            else return false;
            cp = cp * static_cast<char32_t>(base) + static_cast<char32_t>(d);
        }
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        utf8::append(out, cp);
        return true;
    }
    const auto* end = std::end(kEntities);
    const auto* it = std::lower_bound(std::begin(kEntities), end, body,
                                      [](const Entity& x, std::string_view k) { return x.name < k; });
    if (it == end || it->name != body) return false;
    utf8::append(out, it->cp);
    return true;
}

std::string decode_entities(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t amp = s.find('&', i);
        if (amp == std::string_view::npos) {
            out.append(s.substr(i));
            break;
        }
        out.append(s.substr(i, amp - i));
        const std::size_t len = entity_length(s, amp);
        if (len && decode_entity(s.substr(amp, len), out)) {
            i = amp + len;
        } else {
            out.push_back('&');
            i = amp + 1;
        }
    }
    return out;
}

std::optional<Tag> parse_tag(std::string_view t) {
    if (t.size() < 3 || t.front() != '<' || t.back() != '>') return std::nullopt;
    std::size_t i = 1;
    Tag tag;
    if (t[i] == '/') tag.closing = true, ++i;
    const std::size_t name_begin = i;
    if (i >= t.size() || !is_alpha(t[i])) return std::nullopt;
    while (i < t.size() && (is_alnum(t[i]) || t[i] == '-' || t[i] == ':')) ++i;
    tag.name = t.substr(name_begin, i - name_begin);
    if (i < t.size() - 1 && !is_space(t[i]) && t[i] != '/') return std::nullopt;
    std::size_t end = t.size() - 1;
    if (end > i && t[end - 1] == '/') --end;
    tag.attrs = t.substr(i, end - i);
    return tag;
}

std::optional<std::string_view> attribute(std::string_view a, std::string_view name) {
    std::size_t i = 0;
    const std::size_t n = a.size();
    while (i < n) {
        while (i < n && (is_space(a[i]) || a[i] == '/')) ++i;
        const std::size_t nb = i;
        while (i < n && !is_space(a[i]) && a[i] != '=' && a[i] != '/') ++i;
        const std::string_view key = a.substr(nb, i - nb);
        if (key.empty()) {
            ++i;  // a stray quote or '=': skip it rather than loop
            continue;
        }
        while (i < n && is_space(a[i])) ++i;
        std::string_view value;
        if (i < n && a[i] == '=') {
            ++i;
            while (i < n && is_space(a[i])) ++i;
            if (i < n && (a[i] == '"' || a[i] == '\'')) {
                const char q = a[i++];
                const std::size_t close = a.find(q, i);
                const std::size_t e = close == std::string_view::npos ? n : close;
                value = a.substr(i, e - i);
                i = e == n ? n : e + 1;
            } else {
                const std::size_t vb = i;
                while (i < n && !is_space(a[i])) ++i;
                value = a.substr(vb, i - vb);
            }
        }
        if (iequals(key, name)) return value;
    }
    return std::nullopt;
}

TagRole apply_tag(const Tag& tag, TextBuilder& out) {
    const std::string_view n = tag.name;
    if (!tag.closing && one_of(n, {"script", "style", "template", "noscript"})) return TagRole::RawText;
    if (one_of(n, {"pre", "code", "kbd", "samp"}))
        return tag.closing ? TagRole::CodeClose : TagRole::CodeOpen;
    if (!tag.closing && iequals(n, "img")) {
        if (const auto alt = attribute(tag.attrs, "alt")) {
            out.space();
            out.add(Zone::Alt, decode_entities(*alt));
            out.space();
        }
        return TagRole::Inline;
    }
    static constexpr std::string_view kBreaks[] = {
        "address", "article", "aside",  "blockquote", "br",     "caption", "center", "dd",
        "details", "dialog",  "div",    "dl",         "dt",     "fieldset", "figcaption",
        "figure",  "footer",  "form",   "h1",         "h2",     "h3",      "h4",     "h5",
        "h6",      "header",  "hr",     "iframe",     "li",     "main",    "nav",    "ol",
        "option",  "p",       "section", "summary",   "table",  "tbody",   "td",     "tfoot",
        "th",      "thead",   "tr",     "ul",         "video"};
    for (std::string_view b : kBreaks) {
        if (iequals(n, b)) {
            out.newline();
            return TagRole::Break;
        }
    }
    return TagRole::Inline;
}

bool starts_with_inline_tag(std::string_view b) noexcept {
    std::size_t i = 0;
    while (i < b.size() && i < 3 && b[i] == ' ') ++i;
    if (i + 1 >= b.size() || b[i] != '<') return false;
    ++i;
    if (b[i] == '/') ++i;
    const std::size_t nb = i;
    while (i < b.size() && (is_alnum(b[i]) || b[i] == '-')) ++i;
    if (i == nb || !is_alpha(b[nb])) return false;
    const std::string_view name = b.substr(nb, i - nb);
    // CommonMark's start conditions 1 and 6: the elements whose blocks stay HTML.
    static constexpr std::string_view kBlock[] = {
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption",
        "center", "col", "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2",
        "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "iframe", "legend", "li",
        "link", "main", "menu", "menuitem", "nav", "noframes", "ol", "optgroup", "option", "p",
        "param", "section", "source", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
        "title", "tr", "track", "ul", "script", "pre", "style", "textarea"};
    for (std::string_view x : kBlock)
        if (iequals(name, x)) return false;
    return true;
}

void to_text(std::string_view s, Zone zone, TextBuilder& out) {
    const std::size_t n = s.size();
    constexpr std::size_t npos = std::string_view::npos;
    int code_depth = 0;
    bool quotes_unreliable = false;  // a quote-aware scan already ran off the end
    std::size_t no_gt_from = npos;   // no '>' at or after this offset
    std::size_t text_from = 0;       // start of text not yet written
    std::size_t i = 0;
    auto cur = [&] { return code_depth > 0 ? Zone::Code : zone; };
    auto flush = [&](std::size_t end) {
        if (end > text_from) out.add(cur(), s.substr(text_from, end - text_from));
    };
    // End ('>') of the tag starting at s[at]; each failure mode is remembered
    // so that a flood of '<' without '>' stays linear.
    auto tag_end = [&](std::size_t at) -> std::size_t {
        if (no_gt_from != npos && at >= no_gt_from) return npos;
        if (!quotes_unreliable) {
            char q = 0;
            for (std::size_t j = at + 1; j < n; ++j) {
                const char c = s[j];
                if (q) {
                    if (c == q) q = 0;
                } else if (c == '"' || c == '\'') {
                    q = c;
                } else if (c == '>') {
                    return j;
                }
            }
            quotes_unreliable = true;
        }
        const std::size_t gt = s.find('>', at);
        if (gt == npos) no_gt_from = at;
        return gt;
    };

    while (i < n) {
        const char c = s[i];
        if (c == '&') {
            const std::size_t len = entity_length(s, i);
            std::string decoded;
            if (len && decode_entity(s.substr(i, len), decoded)) {
                flush(i);
                out.add(cur(), decoded);
                i += len;
                text_from = i;
            } else {
                ++i;
            }
            continue;
        }
        if (c != '<') {
            ++i;
            continue;
        }
        const std::string_view rest = s.substr(i);
        std::size_t next = npos;
        if (rest.starts_with("<!--")) {
            const std::size_t e = s.find("-->", i + 4);
            flush(i);
            out.space();
            i = text_from = e == npos ? n : e + 3;
            continue;
        }
        if (rest.starts_with("<![CDATA[")) {
            const std::size_t e = s.find("]]>", i + 9);
            flush(i);
            const std::size_t stop = e == npos ? n : e;
            out.add(cur(), s.substr(i + 9, stop - (i + 9)));
            i = text_from = e == npos ? n : e + 3;
            continue;
        }
        if (rest.starts_with("<!") || rest.starts_with("<?")) {
            next = tag_end(i);
            if (next == npos) {
                ++i;
                continue;
            }
            flush(i);
            i = text_from = next + 1;
            continue;
        }
        // Only a well-formed name starts a tag scan: a scan that finds '>'
        // is consumed, so the total scanning stays linear.
        std::size_t k = rest.size() > 1 && rest[1] == '/' ? 2 : 1;
        const std::size_t name_begin = k;
        while (k < rest.size() && (is_alnum(rest[k]) || rest[k] == '-' || rest[k] == ':')) ++k;
        const bool tagish = k > name_begin && is_alpha(rest[name_begin]) &&
                            (k == rest.size() || is_space(rest[k]) || rest[k] == '/' || rest[k] == '>');
        if (tagish) next = tag_end(i);
        const auto tag = next == npos ? std::nullopt : parse_tag(s.substr(i, next + 1 - i));
        if (!tag) {
            ++i;  // a literal '<', as in "a < b"
            continue;
        }
        flush(i);
        i = text_from = next + 1;
        switch (apply_tag(*tag, out)) {
            case TagRole::RawText: {
                const std::size_t close = find_end_tag(s, i, tag->name);
                const std::size_t gt = close == npos ? npos : s.find('>', close);
                i = text_from = gt == npos ? n : gt + 1;
                break;
            }
            case TagRole::CodeOpen: ++code_depth; break;
            case TagRole::CodeClose: code_depth = std::max(0, code_depth - 1); break;
            default: break;
        }
    }
    flush(n);
}

}  // namespace newsidx::html
