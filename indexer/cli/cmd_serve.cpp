// `newsidx serve`: the HTTP JSON API and search page (query/server/).
#include "common.hpp"
#include "markdown.hpp"
#include "reader.hpp"
#include "server.hpp"
#include "stop_signal.hpp"

#include <newsidx/site_url.hpp>

#include <cstdio>
#include <iostream>
#include <memory>

namespace newsidx::cli {

void add_serve(CLI::App& app, Globals& g, Runner& run) {
    auto o = std::make_shared<service::ServerOptions>();
    CLI::App* sub = app.add_subcommand(
        "serve", "Serve the index over HTTP: JSON API (/search, /suggest, /similar, /health) and a search page at /");
    sub->add_option("--host", o->host, "Address to listen on (loopback by default; others warn)")
        ->capture_default_str();
    sub->add_option("--port", o->port, "TCP port; 0 picks a free one (printed on stdout)")
        ->capture_default_str()
        ->check(CLI::Range(0, 65535));
    sub->add_option("--cors-origin", o->cors_origins,
                    "Let pages of ORIGIN (scheme://host[:port], e.g. https://blog.example) call the API from a "
                    "browser, as the blog widget (/widget.js) does: repeatable or a comma list; * for any")
        ->type_name("ORIGIN")
        ->delimiter(',')
        ->allow_extra_args(false)
        ->check(CLI::Validator(
            [](std::string& v) -> std::string {
                std::string why;
                return service::normalize_origin(v, &why).empty() ? why : std::string();
            },
            "ORIGIN"));
    sub->add_option("--allow-host", o->allow_hosts,
                    "Also answer requests whose Host header names NAME (repeatable; * for any). Others than "
                    "localhost, 127.0.0.1, [::1] and --host get 421 (DNS rebinding)")
        ->type_name("NAME")
        ->allow_extra_args(false);
    auto site_url = std::make_shared<std::optional<std::string>>();
    site_url_option(sub, *site_url, false,
                    "Answer hits' site-relative URLs under URL (http(s)://host[:port][/path]), so that result links "
                    "open the blog; without it they open this server's preview of the post");
    sub->add_flag("--expose-paths", o->expose_paths,
                  "Include each hit's file path on this machine (\"path\") in JSON answers (default: left out)");
    sub->add_option("--threads", o->threads, "Requests served at once (default: hardware threads, 2..8)")
        ->check(CLI::Range(1, 256));
    sub->add_option("--queue-timeout-ms", o->queue_timeout_ms,
                    "How long a request waits for a free searcher before 503")
        ->capture_default_str()
        ->check(CLI::Range(1, 600000))
        ->group("Advanced");
    sub->footer("Each request is logged on stderr (-q: not). SIGINT/SIGTERM finish the requests in flight, then exit 0. "
                "New commits to the index are seen by the next request, without a restart, and so is a new layout "
                "(rebalance, compact). Limits: a request must arrive whole within 5 s of the server starting to "
                "read it (else 408, closed), an answer be written within 5 s; idle connections close after 2 s; "
                "request line 16 KiB (414), headers 32 KiB (431), q 4096 bytes decoded (400). Pipelined requests "
                "are answered in order.");
    sub->callback([&g, &run, o, site_url] {
        run = [&g, o, site_url] {
            o->db = g.db_path();
            if (*site_url) o->site_url = normalize_site_url(**site_url);
            // The preview's body: the post's Markdown file, read with the reader's checks.
            o->post_html = [reader = std::make_shared<const PostReader>()](const std::string& path) {
                return markdown::to_html(reader->read_body(path));
            };
            o->access_log = !g.quiet;
            if (!service::is_loopback(o->host))
                warn("listening on " + o->host +
                     ", reachable from other machines: the API has no authentication and no TLS; "
                     "put it behind a reverse proxy or use --host 127.0.0.1");
            service::Server server(*o);
            StopOnSignal stop([&server] { server.stop(); });
            const int port = server.bind();
            const bool v6 = o->host.find(':') != std::string::npos && o->host.front() != '[';
            std::printf("listening on http://%s%s%s:%d/\n", v6 ? "[" : "", o->host.c_str(), v6 ? "]" : "", port);
            std::fflush(stdout);
            server.run();
            stop.done();
            if (!g.quiet) std::cerr << "newsidx: server stopped\n";
            return kOk;
        };
    });
}

}  // namespace newsidx::cli
