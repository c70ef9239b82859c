#include "schema.hpp"

#include "utf8.hpp"

#include <cstdint>
#include <cstdio>
#include <ctime>

namespace newsidx {

namespace schema {

std::uint64_t fnv1a64(std::string_view data, std::uint64_t basis) {
    std::uint64_t h = basis;  // then the FNV prime 2^40 + 2^8 + 0xb3 per byte
    for (unsigned char c : data) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

std::string hash_hex(std::string_view data) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(fnv1a64(data)));
    return buf;
}

std::string term(std::string_view prefix, std::string_view value) {
    constexpr std::size_t kMax = 240;
    std::string t(prefix);
    if (prefix.size() + value.size() <= kMax) {
        t += value;
        return t;
    }
    const std::size_t keep = utf8::floor_boundary(value, kMax - prefix.size() - 17);
    t += value.substr(0, keep);
    t += '#';
    t += hash_hex(value);
    return t;
}

}  // namespace schema

namespace detail {

std::string now_iso() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace detail
}  // namespace newsidx
