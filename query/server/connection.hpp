// Internal: how `newsidx serve` reads requests off a connection.
//
// cpp-httplib (Debian's 0.11, a compiled libcpp-httplib.so) reads a request
// with a timeout per read, not per request, so a client sending one header
// byte a second holds a worker thread for as long as it likes; it makes a
// new stream per request, so bytes of a pipelined second request are lost;
// its listen backlog (5) and request-line limit (8192) are compiled into the
// library, so defining CPPHTTPLIB_* macros before including httplib.h changes
// nothing. DeadlineServer keeps httplib's request parsing, routing and
// response writing (Server::process_request) but owns the connection loop:
//   - one Stream per connection (its read buffer survives between requests:
//     pipelined requests are served in order);
//   - each request's head (request line and headers) must arrive within
//     `request_timeout_ms` of its first byte, and the whole request (a body
//     included) within the same deadline; otherwise 408 and close;
//   - writing an answer gets `write_timeout_ms` in total;
//   - a request line over `max_request_line` bytes: 414, a head over
//     `max_head_bytes`: 431, both answered here;
//   - the request line handed to httplib carries only the path (the full
//     target is put back into Request::target before routing), so httplib's
//     compiled-in 8192-byte limit does not apply to query strings;
//   - the listen backlog is raised to SOMAXCONN after binding;
//   - TCP_NODELAY on every connection (no 40 ms wait for a delayed ACK
//     between an answer's head and body).
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

namespace newsidx::service {

struct ConnectionLimits {
    int request_timeout_ms = 5000;  ///< a request's head and body, from its first byte
    int write_timeout_ms = 5000;    ///< writing one answer
    int keep_alive_ms = 2000;       ///< idle wait for the next request on a connection
    std::size_t keep_alive_max = 100;       ///< requests per connection
    std::size_t max_request_line = 16384;   ///< bytes, CRLF included; longer: 414
    std::size_t max_head_bytes = 32768;     ///< headers after the request line; more: 431
};

/// An answer DeadlineServer gives by itself (408, 414, 431), for the log.
struct EarlyReply {
    int status = 0;
    std::string remote_addr;
    std::string request_line;  ///< what arrived of it (may be partial)
    std::size_t body_bytes = 0;
    double ms = 0;  ///< from the request's first byte
};

class DeadlineServer : public httplib::Server {
public:
    DeadlineServer() = default;

    ConnectionLimits limits;
    /// JSON body of an answer given here: (status, message) -> body.
    std::function<std::string(int, const std::string&)> error_body;
    /// Called after each answer given here.
    std::function<void(const EarlyReply&)> on_early_reply;

    /// After bind_to_port/bind_to_any_port: listen(2) again with SOMAXCONN
    /// (httplib listens with a backlog of 5: the 6th of 50 simultaneous
    /// connects waited a second for the SYN to be sent again).
    void raise_backlog();

    /// Set by the response logger of each request: the answer said
    /// `Connection: close` (e.g. 413), so the loop ends the connection.
    static void mark_close();

private:
    bool process_and_close_socket(socket_t sock) override;
};

}  // namespace newsidx::service
