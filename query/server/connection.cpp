#include "connection.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <vector>

namespace newsidx::service {

namespace {

using Clock = std::chrono::steady_clock;

thread_local bool t_close_after = false;

int ms_until(Clock::time_point t) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(t - Clock::now()).count();
    return left <= 0 ? 0 : static_cast<int>(std::min<long long>(left, 1 << 30));
}

// Waits until `sock` has `events` or `deadline` passes (in slices, so that
// a stopped server is noticed). 1 ready, 0 timed out or stopped, -1 error.
int wait_for(int sock, short events, Clock::time_point deadline, const std::atomic<socket_t>* running = nullptr) {
    for (;;) {
        int ms = ms_until(deadline);
        if (running) ms = std::min(ms, 100);
        pollfd p{sock, events, 0};
        const int r = ::poll(&p, 1, ms);
        if (r > 0) return (p.revents & (events | POLLHUP | POLLERR)) ? 1 : -1;
        if (r < 0 && errno != EINTR) return -1;
        if (running && *running == INVALID_SOCKET) return 0;
        if (r == 0 && Clock::now() >= deadline) return 0;
    }
}

void ip_and_port(const sockaddr_storage& addr, std::string& ip, int& port) {
    char buf[INET6_ADDRSTRLEN] = "";
    if (addr.ss_family == AF_INET) {
        const auto* a = reinterpret_cast<const sockaddr_in*>(&addr);
        ::inet_ntop(AF_INET, &a->sin_addr, buf, sizeof buf);
        port = ntohs(a->sin_port);
    } else if (addr.ss_family == AF_INET6) {
        const auto* a = reinterpret_cast<const sockaddr_in6*>(&addr);
        ::inet_ntop(AF_INET6, &a->sin6_addr, buf, sizeof buf);
        port = ntohs(a->sin6_port);
    }
    ip = buf;
}

enum class Head { Ok, Closed, Timeout, LineTooLong, HeadTooLarge };

// One connection's byte stream, kept for all its requests. Reads and writes
// are bounded by the current request's deadlines, not per call.
class ConnStream final : public httplib::Stream {
public:
    ConnStream(socket_t sock, const ConnectionLimits& lim) : sock_(sock), lim_(lim) {}

    bool is_readable() const override { return pos_ < buf_.size() || wait_for(sock_, POLLIN, read_deadline_) > 0; }
    bool is_writable() const override { return wait_for(sock_, POLLOUT, write_deadline()) > 0; }

    ssize_t read(char* ptr, size_t size) override {
        if (pos_ >= buf_.size()) {
            if (!fill(read_deadline_)) return -1;
        }
        const std::size_t n = std::min(size, buf_.size() - pos_);
        std::memcpy(ptr, buf_.data() + pos_, n);
        pos_ += n;
        return static_cast<ssize_t>(n);
    }

    ssize_t write(const char* ptr, size_t size) override {
        if (!writing_) {
            writing_ = true;
            write_deadline_ = Clock::now() + std::chrono::milliseconds(lim_.write_timeout_ms);
        }
        std::size_t done = 0;
        while (done < size) {
            if (wait_for(sock_, POLLOUT, write_deadline_) <= 0) return -1;
            const ssize_t n = ::send(sock_, ptr + done, size - done, MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
                return -1;
            }
            done += static_cast<std::size_t>(n);
        }
        return static_cast<ssize_t>(size);
    }

    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        sockaddr_storage a{};
        socklen_t len = sizeof a;
        port = 0;
        if (::getpeername(sock_, reinterpret_cast<sockaddr*>(&a), &len) == 0) ip_and_port(a, ip, port);
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        sockaddr_storage a{};
        socklen_t len = sizeof a;
        port = 0;
        if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&a), &len) == 0) ip_and_port(a, ip, port);
    }
    socket_t socket() const override { return sock_; }

    // Waits up to keep_alive_ms for the first byte of a next request
    // (true at once if one is buffered: pipelining).
    bool wait_request(const std::atomic<socket_t>& running) {
        if (pos_ < buf_.size()) return true;
        const auto idle = Clock::now() + std::chrono::milliseconds(lim_.keep_alive_ms);
        return wait_for(sock_, POLLIN, idle, &running) > 0 && fill(idle);
    }

    // Reads the request line and headers (up to the blank line) into the
    // buffer, by `deadline`. On Ok, line_len is the request line's length.
    Head read_head(Clock::time_point deadline, std::size_t& line_len) {
        compact();
        read_deadline_ = deadline;
        writing_ = false;
        std::size_t scan = pos_, line_start = pos_;
        line_len = 0;
        for (;;) {
            for (std::size_t nl; (nl = buf_.find('\n', scan)) != std::string::npos; scan = line_start = nl + 1) {
                const std::size_t len = nl + 1 - line_start;
                if (line_len == 0) {
                    if (len > lim_.max_request_line) return Head::LineTooLong;
                    line_len = len;
                } else if (len == 2 && buf_[line_start] == '\r') {
                    return nl + 1 - pos_ - line_len > lim_.max_head_bytes ? Head::HeadTooLarge : Head::Ok;
                }
            }
            scan = buf_.size();
            if (line_len == 0 && buf_.size() - pos_ > lim_.max_request_line) return Head::LineTooLong;
            if (line_len != 0 && buf_.size() - pos_ - line_len > lim_.max_head_bytes) return Head::HeadTooLarge;
            const int w = wait_for(sock_, POLLIN, deadline);
            if (w == 0) return Head::Timeout;
            if (w < 0 || !fill(deadline)) return Head::Closed;
        }
    }

    // The start of the buffered request (for messages).
    std::string peek_line(std::size_t max) const {
        const std::size_t end = std::min({buf_.find('\n', pos_), buf_.size(), pos_ + max});
        std::string s = buf_.substr(pos_, end - pos_);
        if (!s.empty() && s.back() == '\r') s.pop_back();
        return s;
    }

    // Replaces the buffered request line (line_len bytes) by `line`.
    void replace_line(std::size_t line_len, const std::string& line) { buf_.replace(pos_, line_len, line); }
    const std::string& buffer() const { return buf_; }
    std::size_t pos() const { return pos_; }

    // An answer written here (not by httplib), then the connection closes.
    bool write_raw(const std::string& s) {
        writing_ = false;
        return write(s.data(), s.size()) == static_cast<ssize_t>(s.size());
    }

private:
    Clock::time_point write_deadline() const {
        return writing_ ? write_deadline_ : Clock::now() + std::chrono::milliseconds(lim_.write_timeout_ms);
    }

    // Appends what the socket has (waiting until `deadline`); false at EOF,
    // error or deadline.
    bool fill(Clock::time_point deadline) {
        char tmp[16384];
        for (;;) {
            if (wait_for(sock_, POLLIN, deadline) <= 0) return false;
            const ssize_t n = ::recv(sock_, tmp, sizeof tmp, 0);
            if (n > 0) {
                buf_.append(tmp, static_cast<std::size_t>(n));
                return true;
            }
            if (n == 0) return false;
            if (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK) return false;
        }
    }

    void compact() {
        if (pos_ == buf_.size()) {
            buf_.clear();
            pos_ = 0;
        } else if (pos_ > 65536) {
            buf_.erase(0, pos_);
            pos_ = 0;
        }
    }

    socket_t sock_;
    const ConnectionLimits& lim_;
    std::string buf_;
    std::size_t pos_ = 0;
    Clock::time_point read_deadline_ = Clock::now();
    Clock::time_point write_deadline_ = Clock::now();
    bool writing_ = false;
};

const char* reason(int status) {
    switch (status) {
        case 408: return "Request Timeout";
        case 414: return "URI Too Long";
        case 431: return "Request Header Fields Too Large";
        default: return "Bad Request";
    }
}

// "GET /search?q=... HTTP/1.1\r\n" -> the target, and the line with only
// the path; false when the line is not three words (httplib then answers 400).
bool split_request_line(const std::string& line, std::string& target, std::string& short_line) {
    if (line.find('\0') != std::string::npos) return false;
    std::string s = line;
    if (s.size() < 2 || s.compare(s.size() - 2, 2, "\r\n") != 0) return false;
    s.resize(s.size() - 2);
    std::vector<std::string> words;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t j = std::min(s.find(' ', i), s.size());
        if (j > i) words.push_back(s.substr(i, j - i));
        i = j + 1;
    }
    if (words.size() != 3) return false;
    target = words[1];
    const std::string path = target.substr(0, target.find('?'));
    if (path.empty()) return false;
    short_line = words[0] + " " + path + " " + words[2] + "\r\n";
    return true;
}

}  // namespace

void DeadlineServer::mark_close() { t_close_after = true; }

void DeadlineServer::raise_backlog() {
    const socket_t s = svr_sock_;
    if (s != INVALID_SOCKET) ::listen(s, SOMAXCONN);
}

bool DeadlineServer::process_and_close_socket(socket_t sock) {
    // httplib writes an answer's head and body in separate sends: with
    // Nagle's algorithm the body waits for the client's delayed ACK of the
    // head, 40 ms on Linux (a 7 ms search answered in 48 ms: bench/RESULTS.md,
    // issue 18).
    const int one = 1;
    ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ConnStream strm(sock, limits);
    bool ret = true;
    for (std::size_t count = std::max<std::size_t>(limits.keep_alive_max, 1); count > 0; --count) {
        if (svr_sock_ == INVALID_SOCKET || !strm.wait_request(svr_sock_)) break;
        const auto start = Clock::now();
        std::size_t line_len = 0;
        const Head h = strm.read_head(start + std::chrono::milliseconds(limits.request_timeout_ms), line_len);
        if (h == Head::Closed) break;
        if (h != Head::Ok) {
            const int status = h == Head::Timeout ? 408 : h == Head::LineTooLong ? 414 : 431;
            const std::string msg =
                h == Head::Timeout
                    ? "request not complete within " + std::to_string(limits.request_timeout_ms) + " ms"
                : h == Head::LineTooLong
                    ? "request line longer than " + std::to_string(limits.max_request_line) + " bytes"
                    : "request headers longer than " + std::to_string(limits.max_head_bytes) + " bytes";
            const std::string body = error_body ? error_body(status, msg) : msg;
            std::string out = "HTTP/1.1 " + std::to_string(status) + " " + reason(status) +
                              "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " +
                              std::to_string(body.size()) +
                              "\r\nConnection: close\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\r\n" +
                              body;
            strm.write_raw(out);
            if (on_early_reply) {
                EarlyReply r;
                r.status = status;
                int port = 0;
                strm.get_remote_ip_and_port(r.remote_addr, port);
                r.request_line = strm.peek_line(512);
                r.body_bytes = body.size();
                r.ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
                on_early_reply(r);
            }
            break;
        }
        std::string target, short_line;
        const std::string line = strm.buffer().substr(strm.pos(), line_len);
        const bool rewritten = split_request_line(line, target, short_line);
        if (rewritten) strm.replace_line(line_len, short_line);
        t_close_after = false;
        bool closed = false;
        ret = process_request(strm, count == 1, closed, [&](httplib::Request& req) {
            if (rewritten) req.target = target;
        });
        if (!ret || closed || t_close_after) break;
    }
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
    return ret;
}

}  // namespace newsidx::service
