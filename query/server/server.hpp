// newsidx's HTTP service: a JSON search API and a search page over one index
// (`newsidx serve`; README "HTTP service and search page" documents endpoints and errors).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace newsidx::service {

struct ServerOptions {
    std::string db;                  ///< index folder
    std::string host = "127.0.0.1";  ///< address to bind (loopback by default)
    int port = 8080;                 ///< 0 = any free port (see Server::bind)
    /// Host header names accepted besides localhost, 127.0.0.1 and [::1]
    /// (any port): others get 421, so a page on another name that resolves
    /// to this machine (DNS rebinding) cannot read the API. "*" = any.
    std::vector<std::string> allow_hosts;
    bool expose_paths = false;       ///< include each hit's file path ("path") in JSON answers
    /// Where the blog lives (`--site-url`, checked by the caller): hits' and
    /// suggestions' site-relative URLs are answered under it
    /// (SearchRequest::site_url). "" = as stored; those URLs then open the
    /// preview this server answers at each post's URL.
    std::string site_url;
    /// The preview's body: the HTML of the post file at `path` (its Markdown
    /// after the front matter, raw HTML escaped). Throws when the file
    /// cannot be read (moved, deleted, no longer a post). Set by `newsidx
    /// serve` from the index module (indexer/markdown.hpp, to_html); null:
    /// previews show the text the index stored.
    std::function<std::string(const std::string& path)> post_html;
    /// Origins allowed by CORS (`--cors-origin`, repeatable): scheme://host[:port],
    /// compared after normalize_origin; "*" = any. Empty = no CORS headers and
    /// no preflight (OPTIONS is 405). A request whose Origin header is
    /// another gets no Access-Control-Allow-Origin (its answer is otherwise
    /// the same). A malformed entry: Error from the Server's constructor.
    std::vector<std::string> cors_origins;
    std::size_t threads = 0;         ///< searches run at once (Searchers in the pool); 0 = hardware threads, 2..8
    /// Connection threads: each holds one connection (keep-alive: until it
    /// idles keep_alive_ms or served 100 requests) and waits for a Searcher
    /// when all `threads` are busy. 0 = max(64, 8 × threads). With as many
    /// as `threads`, a keep-alive client holds a worker while others queue
    /// unread behind it (bench/RESULTS.md, issue 18: p99 of seconds at 8
    /// clients on 2 cores).
    std::size_t connections = 0;
    std::size_t max_query_bytes = 4096;   ///< longest q= accepted (UTF-8 bytes); longer: 400
    std::size_t max_results = 100;        ///< largest n= accepted
    std::size_t max_offset = 10000;       ///< largest offset= accepted
    std::size_t max_body_bytes = 8192;    ///< request bodies above this: 413 (the API takes none)
    std::size_t max_request_line = 16384; ///< request line (method, target, version) in bytes; longer: 414
    std::size_t max_head_bytes = 32768;   ///< the headers together; more: 431
    int request_timeout_ms = 5000;        ///< a whole request (head and body) from its first byte; slower: 408, closed
    int io_timeout_ms = 5000;             ///< writing one answer, in total (a client that does not read is dropped)
    int keep_alive_ms = 2000;             ///< idle keep-alive connections close after this
    int queue_timeout_ms = 2000;          ///< wait for a free Searcher, then 503
    /// Access log and messages, one line each (default: stderr). Null = none.
    std::function<void(const std::string&)> log;
    bool access_log = true;
};

/// One server. Construction opens the index once to check it (IndexError
/// if it is missing or of another version).
class Server {
public:
    explicit Server(ServerOptions opts);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Binds host:port and returns the port (the chosen one for port 0).
    /// Throws Error naming the address when binding fails.
    int bind();

    /// Serves until stop(); returns after in-flight requests finished.
    void run();

    /// Stops run(). Thread-safe; not async-signal-safe (call it from a
    /// thread that waited for the signal, as `newsidx serve` does).
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// True for 127.0.0.0/8, ::1 and "localhost" (a --host value).
bool is_loopback(const std::string& host);

/// An origin as browsers send it in the Origin header: scheme://host[:port]
/// (a trailing '/' allowed), scheme and host in lower case, the default
/// port of http (80) and https (443) left out — "HTTPS://Blog.Example:443/"
/// -> "https://blog.example". "*" stays "*". Anything else (a path, a
/// query, user info, no scheme, a bad port, "" or "null") -> "" and, when
/// `why` is given, the reason ("'blog.example' is not an origin: ...").
std::string normalize_origin(const std::string& v, std::string* why = nullptr);

}  // namespace newsidx::service
