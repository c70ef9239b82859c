#include "server.hpp"

#include "connection.hpp"
#include "routes.hpp"
#include "schema.hpp"

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
    DeadlineServer http;
    std::atomic<bool> bound{false};

    explicit Impl(ServerOptions o)
        : opts(std::move(o)),
          pool(opts.db, opts.threads),
          suggester(opts.db),
          api(opts, pool, suggester) {}

    void log(const std::string& line) const {
        if (opts.log) opts.log(line);
    }

    void setup() {
        // More connection threads than Searchers: an idle keep-alive
        // connection holds its thread, never a Searcher (SearcherPool::acquire
        // waits for one, up to queue_timeout_ms).
        http.new_task_queue = [n = opts.connections] { return new httplib::ThreadPool(n); };
        http.set_payload_max_length(opts.max_body_bytes);
        // Reading and writing are bounded by DeadlineServer (connection.hpp)
        // per request, not by httplib's per-read timeouts.
        http.limits.request_timeout_ms = opts.request_timeout_ms;
        http.limits.write_timeout_ms = opts.io_timeout_ms;
        http.limits.keep_alive_ms = opts.keep_alive_ms;
        http.limits.keep_alive_max = 100;
        http.limits.max_request_line = opts.max_request_line;
        http.limits.max_head_bytes = opts.max_head_bytes;
        http.set_keep_alive_timeout(std::max(1, opts.keep_alive_ms / 1000));  // the Keep-Alive header's figures
        http.set_keep_alive_max_count(100);
        http.error_body = [](int status, const std::string& msg) { return error_json(status, msg); };
        if (opts.access_log && opts.log) {
            http.on_early_reply = [this](const EarlyReply& r) {
                char buf[64];
                std::snprintf(buf, sizeof buf, " %d %zu %.1fms", r.status, r.body_bytes, r.ms);
                log(detail::now_iso() + " " + r.remote_addr + " \"" + loggable(r.request_line) + "\"" + buf);
            };
        }

        // Every request goes to Api::handle (routes.cpp): httplib only
        // parses and writes.
        http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
            t_request_start = Clock::now();
            HttpRequest hr;
            hr.method = req.method;
            hr.target = req.target;
            for (const auto& [k, v] : req.headers) {
                // httplib files the peer's address among the headers.
                if (k == "REMOTE_ADDR" || k == "REMOTE_PORT" || k == "LOCAL_ADDR" || k == "LOCAL_PORT") continue;
                hr.headers.emplace_back(k, v);
            }
            const Reply r = api.handle(hr);
            res.status = r.status;
            res.set_header("X-Content-Type-Options", "nosniff");
            res.set_header("Referrer-Policy", "no-referrer");
            for (const auto& [k, v] : r.headers) res.set_header(k, v);
            if (!r.content_type.empty()) res.set_content(r.body, r.content_type.c_str());
            if (r.close) {
                res.set_header("Connection", "close");
                DeadlineServer::mark_close();
            }
            return httplib::Server::HandlerResponse::Handled;
        });

        // Statuses set by httplib itself (400 on a malformed request line or
        // header, 414 for a path over 8 KiB) get a JSON body too.
        http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
            if (!res.body.empty() || res.status == 204) return;
            std::string msg;
            switch (res.status) {
                case 414: msg = "request URI too long"; break;
                case 400: msg = "malformed request"; break;
                default: msg = "request failed with status " + std::to_string(res.status);
            }
            res.set_header("Cache-Control", "no-store");
            res.set_content(error_json(res.status, msg), "application/json; charset=utf-8");
        });
        http.set_exception_handler([this](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
            std::string what = "unknown";
            try {
                std::rethrow_exception(ep);
            } catch (const std::exception& e) {
                what = e.what();
            } catch (...) {
            }
            log("newsidx: 500: internal error: " + what);
            res.status = 500;
            res.set_content(error_json(500, "internal error"), "application/json; charset=utf-8");
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
    if (opts.connections == 0) opts.connections = std::max<std::size_t>(64, 8 * opts.threads);
    opts.connections = std::max(opts.connections, opts.threads);
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
    impl_->http.raise_backlog();
    impl_->bound = true;
    return port;
}

void Server::run() {
    if (!impl_->bound) bind();
    impl_->http.listen_after_bind();
}

void Server::stop() { impl_->http.stop(); }

}  // namespace newsidx::service
