#include "preview.hpp"

#include "post_url.hpp"
#include "utf8.hpp"

#include <algorithm>

namespace newsidx::service {

namespace {

bool holds_hangul(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const char32_t c = utf8::next(s, i);
        if ((c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F)) return true;
    }
    return false;
}


std::string head(std::string_view lang, std::string_view title) {
    return "<!doctype html>\n<html lang=\"" + std::string(lang) +
           "\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta name=\"referrer\" content=\"no-referrer\">\n<title>" +
           html_escape(title) +
           " · newsidx</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n<body class=\"preview\">\n"
           "<header><h1><a href=\"/\">newsidx</a></h1></header>\n";
}

std::string back_link(std::string_view back) {
    return "<p class=\"back\"><a href=\"" + html_escape(back) + "\" rel=\"search\">← 검색으로 돌아가기</a></p>\n";
}

}  // namespace

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    utf8::append_html_escaped(out, s);
    return out;
}

std::string search_link(std::string_view query) {
    return query.empty() ? std::string("/") : "/#q=" + utf8::percent_encode(query, "-._~");
}

std::string text_paragraphs(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t nl = std::min(text.find('\n', i), text.size());
        if (const std::string_view line = text.substr(i, nl - i); line.find_first_not_of(" \t") != std::string_view::npos)
            out += "<p>" + html_escape(line) + "</p>\n";
        i = nl + 1;
    }
    return out;
}

std::string preview_page(const PreviewPost& p, std::string_view back) {
    const Hit& h = p.post;
    const std::string title = h.title.empty() ? h.id : h.title;
    std::string page = head(holds_hangul(title + p.body_html) ? "ko" : "en", title);
    page += "<main>\n" + back_link(back) + "<article>\n<h1 class=\"title\">" + html_escape(title) + "</h1>\n";
    page += "<p class=\"meta\">";
    if (!h.date.empty())
        page += "<time datetime=\"" + html_escape(h.date) + "\">" + html_escape(h.date.substr(0, 10)) + "</time>";
    if (!h.author.empty()) page += " <span class=\"author\">" + html_escape(h.author) + "</span>";
    for (const std::string& c : h.categories) page += " <span class=\"category\">" + html_escape(c) + "</span>";
    for (const std::string& t : h.tags) page += " <span class=\"tag\">#" + html_escape(t) + "</span>";
    page += "</p>\n";
    if (!p.notice.empty()) page += "<p class=\"notice\" role=\"note\">" + html_escape(p.notice) + "</p>\n";
    page += "<div class=\"body\">\n" + p.body_html + "</div>\n</article>\n</main>\n";
    const std::string shown = schema::percent_decode(h.url, false);  // /경제/… rather than /%EA%B2%BD…
    page += "<footer><p>newsidx 미리 보기 · <code>" + html_escape(utf8::valid(shown) ? shown : h.url) + "</code> · " +
            "블로그 주소를 알면 <code>newsidx serve --site-url URL</code>로 글이 블로그에서 열립니다</p></footer>\n"
            "</body>\n</html>\n";
    return page;
}

std::string error_page(int status, std::string_view message, std::string_view back) {
    const std::string title = std::to_string(status) + (status == 404 ? " 글을 찾을 수 없습니다" : " 글을 보여 줄 수 없습니다");
    std::string page = head("ko", title);
    page += "<main>\n<h1 class=\"title\">" + html_escape(title) + "</h1>\n<p>" + html_escape(message) + "</p>\n" +
            back_link(back) + "</main>\n</body>\n</html>\n";
    return page;
}

}  // namespace newsidx::service
