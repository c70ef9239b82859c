#include "server.hpp"

#include "dbdir.hpp"
#include "routes.hpp"
#include "web_assets.hpp"

#include <newsidx/error.hpp>
#include <newsidx/searcher.hpp>

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <thread>

namespace newsidx::service {

namespace {

using Clock = std::chrono::steady_clock;

// Set by the pre-routing handler, read by the logger: both run on the
// connection's thread, one request at a time.
thread_local Clock::time_point t_request_start;

std::string content_type_of(const std::string& path) {
    if (path.ends_with(".html")) return "text/html; charset=utf-8";
    if (path.ends_with(".css")) return "text/css; charset=utf-8";
    if (path.ends_with(".js")) return "text/javascript; charset=utf-8";
    return "application/octet-stream";
}

// The page's policy: only its own scripts, styles and API; nothing inline.
constexpr const char* kPageCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// Control characters in a logged path would let a client forge log lines.
std::string loggable(const std::string& s) {
    std::string out;
    for (unsigned char c : s.substr(0, 512)) {
        if (c < 0x20 || c == 0x7F) {
            char b[5];
            std::snprintf(b, sizeof b, "\\x%02X", c);
            out += b;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

}  // namespace

bool is_loopback(const std::string& host) {
    return host == "localhost" || host == "::1" || host == "[::1]" || host.starts_with("127.");
}

struct Server::Impl {
    ServerOptions opts;
    SearcherPool pool;
    Suggester suggester;
    Api api;
    httplib::Server http;
    std::atomic<bool> bound{false};

    explicit Impl(ServerOptions o)
        : opts(std::move(o)),
          pool(opts.db, opts.threads),
          suggester(opts.db),
          api(opts, pool, suggester) {}

    void log(const std::string& line) const {
        if (opts.log) opts.log(line);
    }

    void send(httplib::Response& res, const Reply& r) {
        res.status = r.status;
        if (r.status == 503) res.set_header("Retry-After", "1");
        res.set_header("Cache-Control", "no-store");
        res.set_content(r.body, "application/json; charset=utf-8");
    }

    void setup() {
        http.new_task_queue = [n = opts.threads] { return new httplib::ThreadPool(n); };
        http.set_payload_max_length(opts.max_body_bytes);
        const auto io = std::chrono::milliseconds(opts.io_timeout_ms);
        http.set_read_timeout(std::chrono::duration_cast<std::chrono::seconds>(io).count(),
                              std::chrono::duration_cast<std::chrono::microseconds>(io % std::chrono::seconds(1)).count());
        http.set_write_timeout(std::chrono::duration_cast<std::chrono::seconds>(io).count(),
                               std::chrono::duration_cast<std::chrono::microseconds>(io % std::chrono::seconds(1)).count());
        http.set_keep_alive_timeout(std::max(1, opts.keep_alive_ms / 1000));
        http.set_keep_alive_max_count(100);

        http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
            t_request_start = Clock::now();
            res.set_header("X-Content-Type-Options", "nosniff");
            res.set_header("Referrer-Policy", "no-referrer");
            const bool cors = !opts.cors_origin.empty();
            if (cors) {
                res.set_header("Access-Control-Allow-Origin", opts.cors_origin);
                if (opts.cors_origin != "*") res.set_header("Vary", "Origin");
            }
            if (req.method == "OPTIONS" && cors) {
                res.status = 204;
                res.set_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
                res.set_header("Access-Control-Allow-Headers", "Content-Type");
                res.set_header("Access-Control-Max-Age", "600");
                return httplib::Server::HandlerResponse::Handled;
            }
            // httplib reads no body for GET; refuse large ones for every method.
            if (const std::string len = req.get_header_value("Content-Length"); !len.empty()) {
                const unsigned long long n = std::strtoull(len.c_str(), nullptr, 10);
                if (n > opts.max_body_bytes) {
                    res.set_header("Connection", "close");
                    send(res, {413, error_json(413, "request body of " + len + " bytes; the API takes none above " +
                                                        std::to_string(opts.max_body_bytes))});
                    return httplib::Server::HandlerResponse::Handled;
                }
            }
            if (req.method != "GET" && req.method != "HEAD") {
                res.set_header("Allow", cors ? "GET, HEAD, OPTIONS" : "GET, HEAD");
                send(res, {405, error_json(405, "method " + req.method + " not allowed (use GET)")});
                return httplib::Server::HandlerResponse::Handled;
            }
            return httplib::Server::HandlerResponse::Unhandled;
        });

        auto json_route = [this](const char* path, Reply (Api::*fn)(const Params&)) {
            http.Get(path, [this, fn](const httplib::Request& req, httplib::Response& res) {
                send(res, (api.*fn)(req.params));
            });
        };
        json_route("/search", &Api::search);
        json_route("/similar", &Api::similar);
        json_route("/suggest", &Api::suggest);
        json_route("/health", &Api::health);

        http.Get(R"(/(|index\.html|style\.css|app\.js))", [](const httplib::Request& req, httplib::Response& res) {
            const std::string name = req.path == "/" ? "/index.html" : req.path;
            const auto& assets = web_assets();
            const auto it = assets.find(name);
            if (it == assets.end()) return;  // not reached: the pattern lists the files
            res.set_header("Cache-Control", "no-cache");
            if (name.ends_with(".html")) res.set_header("Content-Security-Policy", kPageCsp);
            res.set_content(std::string(it->second), content_type_of(name).c_str());
        });

        // Statuses set by httplib itself (404, 413, 414, 400 on a malformed
        // request) get a JSON body too.
        http.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
            if (!res.body.empty()) return;
            std::string msg;
            switch (res.status) {
                case 404: msg = "no such endpoint: " + loggable(req.path) + " (see /health, /search, /suggest, /similar)"; break;
                case 413: msg = "request body too large"; break;
                case 414: msg = "request URI too long"; break;
                case 400: msg = "malformed request"; break;
                default: msg = "request failed with status " + std::to_string(res.status);
            }
            send(res, {res.status, error_json(res.status, msg)});
        });
        http.set_exception_handler([this](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
            std::string what = "unknown";
            try {
                std::rethrow_exception(ep);
            } catch (const std::exception& e) {
                what = e.what();
            } catch (...) {
            }
            send(res, {500, error_json(500, "internal error: " + what)});
        });
        if (opts.access_log && opts.log) {
            http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
                const auto ms = std::chrono::duration<double, std::milli>(Clock::now() - t_request_start).count();
                char buf[64];
                std::snprintf(buf, sizeof buf, " %d %zu %.1fms", res.status, res.body.size(), ms);
                log(detail::now_iso() + " " + req.remote_addr + " \"" + req.method + " " + loggable(req.target) + "\"" + buf);
            });
        }
    }
};

Server::Server(ServerOptions opts) {
    if (opts.threads == 0) opts.threads = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 2, 8);
    if (!opts.log) opts.log = [](const std::string& line) { std::cerr << line << std::endl; };
    impl_ = std::make_unique<Impl>(std::move(opts));
    Searcher check(impl_->opts.db);  // a missing or foreign index fails here, before binding
    impl_->setup();
}

Server::~Server() = default;

int Server::bind() {
    const ServerOptions& o = impl_->opts;
    int port = o.port;
    if (port == 0) port = impl_->http.bind_to_any_port(o.host);
    else if (!impl_->http.bind_to_port(o.host, port)) port = -1;
    if (port <= 0)
        throw Error("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                    " (address in use, not an address of this machine, or a privileged port)");
    impl_->bound = true;
    return port;
}

void Server::run() {
    if (!impl_->bound) bind();
    impl_->http.listen_after_bind();
}

void Server::stop() { impl_->http.stop(); }

}  // namespace newsidx::service
