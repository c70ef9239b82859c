#include "routes.hpp"

#include "utf8.hpp"

#include <newsidx/error.hpp>
#include <newsidx/format.hpp>
#include <newsidx/index.hpp>

#include <nlohmann/json.hpp>

#include <charconv>
#include <set>

namespace newsidx::service {

namespace {

// A request the client must change: 400 with this message.
struct BadRequest : std::runtime_error {
    using std::runtime_error::runtime_error;
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
        throw BadRequest("unknown parameter '" + name + "' (this endpoint takes: " + list + ")");
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
                         ", got '" + v->substr(0, 40) + "'");
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
    throw BadRequest(name + ": expected 1 or 0, got '" + v->substr(0, 40) + "'");
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
    if (!ok) throw BadRequest(name + ": expected YYYY, YYYY-MM or YYYY-MM-DD, got '" + s.substr(0, 40) + "'");
    return s;
}

std::vector<std::string> names(const Params& p, const std::string& name) {
    std::vector<std::string> out = all(p, name);
    for (const std::string& v : out)
        if (v.empty() || v.size() > 256 || !utf8::valid(v))
            throw BadRequest(name + ": expected a non-empty UTF-8 name of at most 256 bytes");
    return out;
}

// The parameters /search and /similar share, onto SearchRequest's fields.
SearchRequest common_request(const Params& p, const ServerOptions& o) {
    SearchRequest req;
    req.limit = number(p, "n", 10, 1, o.max_results);
    req.offset = number(p, "offset", 0, 0, o.max_offset);
    req.tags = names(p, "tag");
    req.categories = names(p, "category");
    req.authors = names(p, "author");
    req.since = day_bound(p, "since");
    req.until = day_bound(p, "until");
    if (const std::string* s = single(p, "sort")) {
        const auto sort = parse_sort(*s);
        if (!sort) throw BadRequest("sort: expected relevance, date or date-asc, got '" + s->substr(0, 40) + "'");
        req.sort = *sort;
    }
    req.recent = flag(p, "recent");
    req.facets = flag(p, "facets");
    req.exact_total = flag(p, "exact_total");
    return req;
}

}  // namespace

std::string error_json(int status, const std::string& message) {
    return nlohmann::json{{"status", status}, {"error", message}}.dump(-1, ' ', false,
                                                                       nlohmann::json::error_handler_t::replace);
}

template <class F>
Reply Api::guarded(F&& f) {
    try {
        return f();
    } catch (const BadRequest& e) {
        return {400, error_json(400, e.what())};
    } catch (const Busy& e) {
        return {503, error_json(503, e.what())};
    } catch (const QueryError& e) {
        return {400, error_json(400, e.what())};
    } catch (const IndexError& e) {
        return {503, error_json(503, std::string("index unavailable: ") + e.what())};
    } catch (const PostError& e) {
        return {500, error_json(500, std::string("internal error: ") + e.what())};
    } catch (const Error& e) {  // a request field the Searcher refused (e.g. since=2025-13)
        return {400, error_json(400, e.what())};
    } catch (const std::bad_alloc&) {
        return {503, error_json(503, "out of memory")};
    } catch (const std::exception& e) {
        return {500, error_json(500, std::string("internal error: ") + e.what())};
    }
}

Reply Api::run(const SearchRequest& req) {
    auto lease = pool_.acquire(std::chrono::milliseconds(opts_.queue_timeout_ms));
    if (!lease) throw Busy("all searchers busy; retry shortly");
    return Reply{200, format_json((*lease)->search(req))};
}

Reply Api::search(const Params& p) {
    return guarded([&] {
        check_names(p, {"q", "n", "offset", "tag", "category", "author", "since", "until", "sort", "recent", "facets",
                        "exact_total", "autocorrect"});
        SearchRequest req = common_request(p, opts_);
        if (single(p, "autocorrect")) req.autocorrect = flag(p, "autocorrect");
        req.query = text(p, "q", opts_.max_query_bytes, false);
        const bool filtered = !req.tags.empty() || !req.categories.empty() || !req.authors.empty() ||
                              !req.since.empty() || !req.until.empty();
        if (req.query.find_first_not_of(" \t\r\n") == std::string::npos && !filtered)
            throw BadRequest("missing parameter 'q' (or tag, category, author, since or until to list posts)");
        return run(req);
    });
}

Reply Api::similar(const Params& p) {
    return guarded([&] {
        check_names(p, {"id", "n", "offset", "tag", "category", "author", "since", "until", "sort", "facets",
                        "exact_total"});
        SearchRequest req = common_request(p, opts_);
        req.similar = text(p, "id", 1024, true);
        try {
            return run(req);
        } catch (const IndexError&) {
            throw;
        } catch (const QueryError&) {
            throw;
        } catch (const Error& e) {
            return Reply{404, error_json(404, e.what())};  // the Searcher's "no post with id …"
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
                j["url"] = s.url;
            } else {
                j["count"] = s.count;
            }
            list.push_back(std::move(j));
        }
        return Reply{200, nlohmann::json{{"query", q}, {"suggestions", std::move(list)}}.dump(
                              -1, ' ', false, nlohmann::json::error_handler_t::replace)};
    });
}

Reply Api::health(const Params& p) {
    return guarded([&] {
        check_names(p, {});
        const IndexStats st = read_stats(opts_.db);
        nlohmann::json j{{"status", "ok"},          {"version", version()},
                         {"documents", st.documents}, {"last_update", st.last_update},
                         {"searchers", pool_.size()}};
        return Reply{200, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
    });
}

}  // namespace newsidx::service
