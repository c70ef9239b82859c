#include "routes.hpp"

#include "http_policy.hpp"
#include "post_url.hpp"
#include "preview.hpp"
#include "schema.hpp"
#include "utf8.hpp"
#include "web_assets.hpp"

#include <newsidx/error.hpp>
#include <newsidx/format.hpp>
#include <newsidx/index.hpp>
#include <newsidx/site_url.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>

namespace newsidx::service {

namespace {

// A request the client must change: 400 with this message (kept whole:
// what() would end it at a NUL byte).
struct BadRequest : std::runtime_error {
    explicit BadRequest(const std::string& m) : std::runtime_error("bad request"), message(m) {}
    std::string message;
};
// No Searcher came free in time: 503.
struct Busy : std::runtime_error {
    using std::runtime_error::runtime_error;
};

void check_names(const Params& p, std::initializer_list<const char*> allowed) {
    for (const auto& [name, value] : p) {
        bool ok = false;
        for (const char* a : allowed) ok = ok || name == a;
        if (ok) continue;
        std::string list;
        for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        throw BadRequest("unknown parameter '" + quoted(name) + "' (this endpoint takes: " + list + ")");
    }
}

// The single value of `name`, or nullptr; a repeated parameter is an error.
const std::string* single(const Params& p, const std::string& name) {
    auto [b, e] = p.equal_range(name);
    if (b == e) return nullptr;
    if (std::next(b) != e) throw BadRequest(name + ": given more than once");
    return &b->second;
}

std::vector<std::string> all(const Params& p, const std::string& name) {
    std::vector<std::string> out;
    for (auto [b, e] = p.equal_range(name); b != e; ++b) out.push_back(b->second);
    return out;
}

std::size_t number(const Params& p, const std::string& name, std::size_t dflt, std::size_t lo, std::size_t hi) {
    const std::string* v = single(p, name);
    if (!v) return dflt;
    std::size_t n = 0;
    const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (v->empty() || ec != std::errc() || end != v->data() + v->size() || n < lo || n > hi)
        throw BadRequest(name + ": expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) +
                         ", got '" + quoted(*v) + "'");
    return n;
}

std::string text(const Params& p, const std::string& name, std::size_t max_bytes, bool required) {
    const std::string* v = single(p, name);
    if (!v) {
        if (required) throw BadRequest("missing parameter '" + name + "'");
        return {};
    }
    if (v->size() > max_bytes)
        throw BadRequest(name + ": longer than " + std::to_string(max_bytes) + " bytes (" +
                         std::to_string(v->size()) + ")");
    if (!utf8::valid(*v)) throw BadRequest(name + ": not valid UTF-8");
    return *v;
}

bool flag(const Params& p, const std::string& name) {
    const std::string* v = single(p, name);
    if (!v) return false;
    if (*v == "1" || *v == "true" || *v == "yes") return true;
    if (*v == "0" || *v == "false" || *v == "no" || v->empty()) return false;
    throw BadRequest(name + ": expected 1 or 0, got '" + quoted(*v) + "'");
}

// YYYY, YYYY-MM or YYYY-MM-DD (the Searcher checks the calendar).
std::string day_bound(const Params& p, const std::string& name) {
    const std::string* v = single(p, name);
    if (!v) return {};
    const std::string& s = *v;
    auto digits = [&](std::size_t from, std::size_t n) {
        for (std::size_t i = from; i < from + n; ++i)
            if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
        return true;
    };
    const bool ok = (s.size() == 4 && digits(0, 4)) || (s.size() == 7 && digits(0, 4) && s[4] == '-' && digits(5, 2)) ||
                    (s.size() == 10 && digits(0, 4) && s[4] == '-' && digits(5, 2) && s[7] == '-' && digits(8, 2));
    if (!ok) throw BadRequest(name + ": expected YYYY, YYYY-MM or YYYY-MM-DD, got '" + quoted(s) + "'");
    return s;
}

std::vector<std::string> names(const Params& p, const std::string& name) {
    std::vector<std::string> out = all(p, name);
    for (const std::string& v : out)
        if (v.empty() || v.size() > 256 || !utf8::valid(v))
            throw BadRequest(name + ": expected a non-empty UTF-8 name of at most 256 bytes");
    return out;
}

// exact_up_to's ceiling: a count of more posts than this is asked with exact_total.
constexpr std::size_t kMaxExactUpTo = 1000000;

// The parameters /search and /similar share, onto SearchRequest's fields.
SearchRequest common_request(const Params& p, const ServerOptions& o) {
    SearchRequest req;
    req.limit = number(p, "n", 10, 1, o.max_results);
    req.offset = number(p, "offset", 0, 0, o.max_offset);
    req.tags = names(p, "tag");
    req.categories = names(p, "category");
    req.authors = names(p, "author");
    req.langs = names(p, "lang");
    req.since = day_bound(p, "since");
    req.until = day_bound(p, "until");
    if (const std::string* s = single(p, "sort")) {
        const auto sort = parse_sort(*s);
        if (!sort) throw BadRequest("sort: expected relevance, date or date-asc, got '" + quoted(*s) + "'");
        req.sort = *sort;
    }
    req.recent = flag(p, "recent");
    req.facets = flag(p, "facets");
    req.exact_total = flag(p, "exact_total");
    req.exact_up_to = number(p, "exact_up_to", req.exact_up_to, 0, kMaxExactUpTo);
    return req;
}


std::string json_dump(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

}  // namespace

std::string error_json(int status, const std::string& message) {
    return json_dump(nlohmann::json{{"status", status}, {"error", message}});
}

std::string url_decode(const std::string& s, bool plus) { return schema::percent_decode(s, plus); }

Params parse_query_string(const std::string& target) {
    Params p;
    const std::size_t q = target.find('?');
    if (q == std::string::npos) return p;
    std::string qs = target.substr(q + 1);
    if (const std::size_t hash = qs.find('#'); hash != std::string::npos) qs.resize(hash);
    for (std::size_t i = 0; i <= qs.size();) {
        const std::size_t amp = std::min(qs.find('&', i), qs.size());
        const std::string part = qs.substr(i, amp - i);
        if (!part.empty()) {
            const std::size_t eq = part.find('=');
            p.emplace(url_decode(part.substr(0, eq), true),
                      eq == std::string::npos ? std::string() : url_decode(part.substr(eq + 1), true));
        }
        i = amp + 1;
    }
    return p;
}

std::string quoted(const std::string& v, std::size_t max) {
    std::string out;
    for (std::size_t i = 0; i < v.size();) {
        if (out.size() >= max) {
            out += "…";
            break;
        }
        const auto c = static_cast<unsigned char>(v[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (len > 1 && (i + len > v.size() || !utf8::valid(std::string_view(v).substr(i, len)))) len = 0;
        if (len == 0 || c < 0x20 || c == 0x7F) {
            char b[5];
            std::snprintf(b, sizeof b, "\\x%02X", c);
            out += b;
            ++i;
        } else {
            out.append(v, i, len);
            i += len;
        }
    }
    return out;
}

Api::Api(const ServerOptions& opts, SearcherPool& pool, Suggester& suggester)
    : opts_(opts), pool_(pool), suggester_(suggester), cors_(opts.cors_origins) {
    namespace fs = std::filesystem;
    std::error_code ec;
    std::set<std::string> spellings;
    if (!opts.db.empty()) {
        if (fs::path(opts.db).is_absolute()) spellings.insert(opts.db);
        const fs::path abs = fs::absolute(opts.db, ec);
        if (!ec) {
            spellings.insert(abs.string());
            spellings.insert(abs.lexically_normal().string());
        }
        const fs::path canon = fs::weakly_canonical(opts.db, ec);
        if (!ec) spellings.insert(canon.string());
    }
    for (std::string s : spellings) {
        while (s.size() > 1 && s.back() == '/') s.pop_back();
        if (s.size() > 1) db_paths_.push_back(s);
    }
    std::sort(db_paths_.begin(), db_paths_.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    for (const std::string& f : json_hit_fields())
        if (f != "path" || opts.expose_paths) hit_fields_.push_back(f);
    for (const auto& [name, body] : web_assets()) etags_[name] = etag_of(body);
}

std::string Api::scrub(std::string msg) const {
    for (const std::string& p : db_paths_)
        for (std::size_t at; (at = msg.find(p)) != std::string::npos;) msg.replace(at, p.size(), "the index");
    return msg;
}

template <class F>
Reply Api::guarded(F&& f) {
    auto logged = [&](int status, const std::string& msg) {
        if (opts_.log) opts_.log("newsidx: " + std::to_string(status) + ": " + msg);
        return Reply{status, error_json(status, scrub(msg))};
    };
    try {
        return f();
    } catch (const BadRequest& e) {
        return {400, error_json(400, scrub(e.message))};
    } catch (const Busy& e) {
        return {503, error_json(503, e.what())};
    } catch (const RequestError& e) {  // a request field the library refused (e.g. since=2025-13)
        return {400, error_json(400, scrub(e.what()))};
    } catch (const NotFoundError& e) {
        return {404, error_json(404, scrub(e.what()))};
    } catch (const IndexError& e) {
        return logged(503, std::string("index unavailable: ") + e.what());
    } catch (const Error& e) {  // PostError or another: not the client's doing
        return logged(500, std::string("internal error: ") + e.what());
    } catch (const std::bad_alloc&) {
        return {503, error_json(503, "out of memory")};
    } catch (const std::exception& e) {
        return logged(500, std::string("internal error: ") + e.what());
    }
}

Reply Api::run(const SearchRequest& req) {
    auto lease = pool_.acquire(std::chrono::milliseconds(opts_.queue_timeout_ms));
    if (!lease) throw Busy("all searchers busy; retry shortly");
    SearchRequest r = req;
    r.site_url = opts_.site_url;
    return Reply{200, format_json((*lease)->search(r), hit_fields_)};
}

Reply Api::search(const Params& p) {
    return guarded([&] {
        check_names(p, {"q", "n", "offset", "tag", "category", "author", "lang", "since", "until", "sort", "recent", "facets",
                        "exact_total", "exact_up_to", "autocorrect", "mode"});
        SearchRequest req = common_request(p, opts_);
        if (single(p, "autocorrect")) req.autocorrect = flag(p, "autocorrect");
        // mode=all: every word required (newsq --all); mode=any, the default: any word matches.
        if (const std::string* m = single(p, "mode")) {
            if (*m != "all" && *m != "any" && !m->empty())
                throw BadRequest("mode: expected all or any, got '" + quoted(*m) + "'");
            req.all = *m == "all";
        }
        req.query = text(p, "q", opts_.max_query_bytes, false);
        const bool filtered = !req.tags.empty() || !req.categories.empty() || !req.authors.empty() || !req.langs.empty() ||
                              !req.since.empty() || !req.until.empty();
        if (req.query.find_first_not_of(" \t\r\n") == std::string::npos && !filtered)
            throw BadRequest("missing parameter 'q' (or tag, category, author, lang, since or until to list posts)");
        return run(req);
    });
}

Reply Api::similar(const Params& p) {
    return guarded([&] {
        check_names(p, {"id", "n", "offset", "tag", "category", "author", "lang", "since", "until", "sort", "facets",
                        "exact_total", "exact_up_to"});
        SearchRequest req = common_request(p, opts_);
        req.similar = text(p, "id", 1024, true);
        if (req.similar.empty()) throw BadRequest("id: empty (expected a post id)");
        try {
            return run(req);
        } catch (const NotFoundError& e) {
            // Our own words: the whole id (quoted), without the index's folder.
            return Reply{404, error_json(404, "similar: no post with id '" + quoted(e.id(), 200) + "'")};
        }
    });
}

Reply Api::suggest(const Params& p) {
    return guarded([&] {
        check_names(p, {"q", "n"});
        const std::string q = text(p, "q", 256, true);
        const std::size_t n = number(p, "n", 8, 1, 50);
        nlohmann::json list = nlohmann::json::array();
        for (const Suggestion& s : suggester_.suggest(q, n)) {
            nlohmann::json j{{"text", s.text}, {"kind", s.kind}};
            if (s.kind == "title") {
                j["id"] = s.id;
                j["url"] = site_absolute_url(opts_.site_url, s.url);
            } else {
                j["count"] = s.count;
            }
            list.push_back(std::move(j));
        }
        return Reply{200, json_dump(nlohmann::json{{"query", q}, {"suggestions", std::move(list)}})};
    });
}

Reply Api::health(const Params& p) {
    return guarded([&] {
        check_names(p, {});
        // The same path as a search: a pooled Searcher, reopened (or opened
        // afresh after a layout change). If that fails, so would searches.
        auto lease = pool_.acquire(std::chrono::milliseconds(opts_.queue_timeout_ms));
        if (!lease) throw Busy("all searchers busy; retry shortly");
        const IndexStats st = read_stats(opts_.db);
        nlohmann::json j{{"status", "ok"},          {"version", version()},
                         {"documents", st.documents}, {"last_update", st.last_update},
                         {"searchers", pool_.size()}};
        // A word of this blog for the page's placeholder (null when no title has a Hangul word).
        const Suggester::Sample s = suggester_.sample();
        j["sample"] = s.word.empty() ? nlohmann::json(nullptr)
                                     : nlohmann::json{{"word", s.word}, {"initials", s.initials}};
        return Reply{200, json_dump(j)};
    });
}

Reply Api::preview(const std::string& path, const Params& p, bool html) {
    // The query the reader came from (the search page adds ?q= to preview links).
    const auto q = p.find("q");
    const bool q_ok = q != p.end() && utf8::valid(q->second) && q->second.size() <= opts_.max_query_bytes;
    const std::string back = search_link(q_ok ? q->second : "");
    auto page = [&](int status, const std::string& message, std::string body_html = {}) {
        const bool is_page = html || !body_html.empty();
        Reply r{status, html ? error_page(status, message, back) : error_json(status, message)};
        if (!body_html.empty()) r.body = std::move(body_html);
        if (is_page) {
            r.content_type = "text/html; charset=utf-8";
            r.headers.emplace_back("Content-Security-Policy", kPageCsp);
            r.headers.emplace_back("Cache-Control", "no-cache");
        }
        return r;
    };
    PreviewPost post;
    std::string text;
    const Reply looked = guarded([&] {
        auto lease = pool_.acquire(std::chrono::milliseconds(opts_.queue_timeout_ms));
        if (!lease) throw Busy("all searchers busy; retry shortly");
        // The URL as the hit gives it; a pretty URL's index.html, or one typed without its final '/'.
        for (const std::string& u : {path, path.ends_with("/index.html") ? path.substr(0, path.size() - 10) : "",
                                     path.ends_with('/') ? "" : path + "/"})
            if (!u.empty() && (*lease)->post_at(u, post.post, &text)) return Reply{200, ""};
        return Reply{404, ""};
    });
    if (looked.status != 200 && looked.status != 404) return looked;  // busy (503), the index unusable
    if (looked.status == 404)
        return page(404, "no such endpoint: " + quoted(path, 200) + " (see /health, /search, /suggest, /similar)");
    std::string why;
    if (opts_.post_html) {
        try {
            post.body_html = opts_.post_html(post.post.path);
        } catch (const std::exception& e) {
            why = e.what();
        }
    }
    if (!opts_.post_html || !why.empty()) {
        if (text.empty()) {
            if (opts_.log) opts_.log("newsidx: 410: " + path + ": " + why);
            return page(410, "the file of '" + quoted(post.post.title, 200) +
                                 "' can no longer be read, and the index holds no text of it: run newsidx sync");
        }
        post.body_html = text_paragraphs(text);
        post.notice = "원본 파일을 읽을 수 없어 색인에 저장된 본문을 보여 줍니다 (서식 없음). "
                      "The post's file could not be read; this is the text the index stored.";
    }
    return page(200, "", preview_page(post, back));
}

bool Api::host_allowed(const std::string& host_header) const {
    const std::string name = host_name(host_header);
    if (name.empty()) return false;
    if (name == "localhost" || name == "127.0.0.1" || name == "[::1]") return true;
    const std::string bound = lower(opts_.host);
    if (bound != "0.0.0.0" && bound != "::" && bound != "[::]" && !bound.empty() &&
        (name == bound || name == "[" + bound + "]"))
        return true;
    for (const std::string& a : opts_.allow_hosts)
        if (a == "*" || lower(a) == name) return true;
    return false;
}

Reply Api::handle(const HttpRequest& req) {
    Reply r;
    try {
        r = route(req);
    } catch (const std::exception& e) {  // route() catches what the endpoints throw; this is a bug
        if (opts_.log) opts_.log(std::string("newsidx: 500: internal error: ") + e.what());
        r = Reply{500, error_json(500, scrub(std::string("internal error: ") + e.what()))};
    }
    if (r.content_type.starts_with("application/json")) r.headers.emplace_back("Cache-Control", "no-store");
    if (r.status == 503) r.headers.emplace_back("Retry-After", "1");
    return r;
}

Reply Api::route(const HttpRequest& req) {
    const bool cors = cors_.enabled();
    const std::vector<std::pair<std::string, std::string>> common = cors_.headers(req);
    auto with = [&](Reply r) {
        r.headers.insert(r.headers.begin(), common.begin(), common.end());
        return r;
    };
    std::size_t hosts = 0;
    const std::string* host = header(req, "Host", &hosts);
    if (hosts > 1) return with({400, error_json(400, "Host: given more than once")});
    if (host && !host_allowed(*host))
        return with({421, error_json(421, "host '" + quoted(*host, 100) +
                                              "' not served here (this server answers to localhost, 127.0.0.1, "
                                              "[::1] and the names given with --allow-host)")});
    // The API reads no body: one announced means the connection must close
    // after the answer (its bytes would be read as the next request).
    bool has_body = header(req, "Transfer-Encoding") != nullptr;
    if (const std::string* len = header(req, "Content-Length")) {
        std::size_t n = 0;
        const auto [end, ec] = std::from_chars(len->data(), len->data() + len->size(), n);
        if (len->empty() || ec != std::errc() || end != len->data() + len->size()) {
            Reply r{400, error_json(400, "Content-Length: expected a number, got '" + quoted(*len) + "'")};
            r.close = true;
            return with(std::move(r));
        }
        if (n > opts_.max_body_bytes) {
            Reply r{413, error_json(413, "request body of " + std::to_string(n) + " bytes; the API takes none above " +
                                             std::to_string(opts_.max_body_bytes))};
            r.close = true;
            return with(std::move(r));
        }
        has_body = has_body || n > 0;
    }
    Reply r;
    if (req.method == "OPTIONS" && cors) {
        r.status = 204;
        r.content_type.clear();
        r.headers = Cors::preflight();
    } else if (req.method != "GET" && req.method != "HEAD") {
        r = Reply{405, error_json(405, "method " + quoted(req.method) + " not allowed (use GET)")};
        r.headers = {{"Allow", cors ? "GET, HEAD, OPTIONS" : "GET, HEAD"}};
    } else {
        const std::string path = url_decode(req.target.substr(0, req.target.find_first_of("?#")), false);
        if (path == "/search" || path == "/similar" || path == "/suggest" || path == "/health") {
            const Params p = parse_query_string(req.target);
            r = path == "/search" ? search(p) : path == "/similar" ? similar(p) : path == "/suggest" ? suggest(p) : health(p);
        } else if (path == "/" || path == "/index.html" || path == "/style.css" || path == "/app.js" ||
                   path == "/widget.js") {
            const std::string name = path == "/" ? "/index.html" : path;
            const auto& assets = web_assets();
            if (const auto it = assets.find(name); it != assets.end()) {
                // Revalidated on each use (no-cache), answered 304 while unchanged.
                const std::string& etag = etags_.at(name);
                r.headers.emplace_back("Cache-Control", "no-cache");
                r.headers.emplace_back("ETag", etag);
                if (const std::string* inm = header(req, "If-None-Match"); inm && etag_matches(*inm, etag)) {
                    r.status = 304;
                    r.content_type.clear();
                    r.close = r.close || has_body;
                    return with(std::move(r));
                }
                r.body = std::string(it->second);
                r.content_type = name.ends_with(".html") ? "text/html; charset=utf-8"
                                 : name.ends_with(".css") ? "text/css; charset=utf-8"
                                                          : "text/javascript; charset=utf-8";
                if (name.ends_with(".html"))
                    r.headers.emplace_back(
                        "Content-Security-Policy",
                        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
                        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
            }
        } else {
            const std::string* accept = header(req, "Accept");
            r = preview(path, parse_query_string(req.target), accept && accept->find("text/html") != std::string::npos);
        }
    }
    r.close = r.close || has_body;
    return with(std::move(r));
}

}  // namespace newsidx::service
