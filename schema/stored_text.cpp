#include "stored_text.hpp"

#include "schema.hpp"

#include <newsidx/error.hpp>

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <limits>

namespace newsidx::detail {

std::string pack_text(std::string_view text, int level) {
    if (text.empty()) return {};
    if (level == 0) return "r" + std::string(text);
    static_assert(kMaxStoredText < std::numeric_limits<uLong>::max());
    uLongf cap = compressBound(static_cast<uLong>(text.size()));
    std::string out(5 + cap, '\0');
    const auto n = static_cast<std::uint32_t>(text.size());
    out[0] = 'z';
    for (int i = 0; i < 4; ++i) out[1 + i] = static_cast<char>((n >> (8 * i)) & 0xff);
    if (compress2(reinterpret_cast<Bytef*>(out.data() + 5), &cap, reinterpret_cast<const Bytef*>(text.data()),
                  static_cast<uLong>(text.size()), level) == Z_OK &&
        5 + cap < 1 + text.size()) {
        out.resize(5 + cap);
        return out;
    }
    out.assign(1, 'r');
    out.append(text);
    return out;
}

std::optional<std::string> unpack_text(std::string_view v, std::size_t max) {
    if (v.empty()) return std::string();
    if (v[0] == 'r') return std::string(v.substr(1));
    if (v[0] != 'z' || v.size() < 5) return std::nullopt;
    std::uint32_t n = 0;
    for (int i = 0; i < 4; ++i) n |= static_cast<std::uint32_t>(static_cast<unsigned char>(v[1 + i])) << (8 * i);
    if (n > max) return std::nullopt;
    std::string out(n, '\0');
    uLongf len = n;
    if (uncompress(reinterpret_cast<Bytef*>(out.data()), &len, reinterpret_cast<const Bytef*>(v.data() + 5),
                   static_cast<uLong>(v.size() - 5)) != Z_OK ||
        len != n)
        return std::nullopt;
    return out;
}

std::optional<std::string> unpack_prefix(std::string_view v, std::size_t upto) {
    if (v.empty()) return std::string();
    if (v[0] == 'r') return std::string(v.substr(1, upto));
    if (v[0] != 'z' || v.size() < 5) return std::nullopt;
    std::uint32_t n = 0;
    for (int i = 0; i < 4; ++i) n |= static_cast<std::uint32_t>(static_cast<unsigned char>(v[1 + i])) << (8 * i);
    const std::size_t want = std::min<std::size_t>(n, upto);
    if (want == n) return unpack_text(v, n);
    std::string out(want, '\0');
    z_stream z{};
    if (inflateInit(&z) != Z_OK) return std::nullopt;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(v.data() + 5));
    z.avail_in = static_cast<uInt>(v.size() - 5);
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(want);
    const int rc = inflate(&z, Z_SYNC_FLUSH);
    const bool ok = (rc == Z_OK || rc == Z_BUF_ERROR || rc == Z_STREAM_END) && z.avail_out == 0;
    inflateEnd(&z);
    if (!ok) return std::nullopt;
    return out;
}

namespace {

[[noreturn]] void damaged(unsigned docid) {
    throw Error("document " + std::to_string(docid) + ": stored text is damaged (run `newsidx reindex`)");
}

}  // namespace

std::string stored_text(const Xapian::Document& doc) {
    std::optional<std::string> out = unpack_text(doc.get_value(schema::kSlotText), kMaxStoredText);
    if (!out) damaged(doc.get_docid());
    return std::move(*out);
}

std::string stored_text(const Xapian::Document& doc, std::size_t upto) {
    return stored_text(doc.get_value(schema::kSlotText), doc.get_docid(), upto);
}

std::string stored_text(std::string_view value, unsigned docid, std::size_t upto) {
    std::optional<std::string> out = upto >= kMaxStoredText ? unpack_text(value, kMaxStoredText) : unpack_prefix(value, upto);
    if (!out) damaged(docid);
    return std::move(*out);
}

std::size_t stored_text_size(std::string_view v) {
    if (v.empty()) return 0;
    if (v[0] == 'r') return v.size() - 1;
    if (v[0] != 'z' || v.size() < 5) return 0;
    std::uint32_t n = 0;
    for (int i = 0; i < 4; ++i) n |= static_cast<std::uint32_t>(static_cast<unsigned char>(v[1 + i])) << (8 * i);
    return n;
}

}  // namespace newsidx::detail
