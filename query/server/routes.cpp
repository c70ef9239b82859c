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

// tag=, category=, author= become the query's own filters (score-neutral).
std::string filters(const Params& p, std::size_t max_bytes) {
    std::string out;
    for (const char* field : {"tag", "category", "author"}) {
        for (const std::string& v : all(p, field)) {
            if (v.empty() || v.size() > max_bytes || !utf8::valid(v))
                throw BadRequest(std::string(field) + ": expected a non-empty UTF-8 name of at most " +
                                 std::to_string(max_bytes) + " bytes");
            if (v.find('"') != std::string::npos) throw BadRequest(std::string(field) + ": a name cannot hold '\"'");
            out += std::string(" ") + field + ":\"" + v + "\"";
        }
    }
    return out;
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
    } catch (const std::bad_alloc&) {
        return {503, error_json(503, "out of memory")};
    } catch (const std::exception& e) {
        return {500, error_json(500, std::string("internal error: ") + e.what())};
    }
}

Reply Api::search(const Params& p) {
    return guarded([&] {
        check_names(p, {"q", "n", "offset", "tag", "category", "author"});
        SearchRequest req;
        req.query = text(p, "q", opts_.max_query_bytes, false);
        req.limit = number(p, "n", 10, 1, opts_.max_results);
        req.offset = number(p, "offset", 0, 0, opts_.max_offset);
        const std::string f = filters(p, 256);
        if (req.query.find_first_not_of(" \t\r\n") == std::string::npos && f.empty())
            throw BadRequest("missing parameter 'q' (or a tag, category or author to list)");
        req.query += f;
        auto lease = pool_.acquire(std::chrono::milliseconds(opts_.queue_timeout_ms));
        if (!lease) throw Busy("all searchers busy; retry shortly");
        SearchResult r = (*lease)->search(req);
        if (!f.empty()) r.query = text(p, "q", opts_.max_query_bytes, false);  // as the client sent it
        return Reply{200, format_json(r)};
    });
}

Reply Api::similar(const Params& p) {
    return guarded([&]() -> Reply {
        check_names(p, {"id", "n"});
        text(p, "id", 1024, true);
        number(p, "n", 10, 1, opts_.max_results);
        return {501, error_json(501, "similar posts are not available in this build")};
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
