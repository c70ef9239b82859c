// Shared by the fuzz targets: an invariant check that aborts (libFuzzer then
// saves the input as a crash), small UTF-8 helpers, and the scratch folder
// the targets that search build their small index in.
#pragma once

#include "utf8.hpp"

#include <stdlib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace fuzz {

[[noreturn]] inline void violated(const char* what, const char* file, int line, std::string_view detail) {
    std::fprintf(stderr, "\n%s:%d: invariant violated: %s\n", file, line, what);
    if (!detail.empty()) {
        std::fprintf(stderr, "  detail (%zu bytes): ", detail.size());
        for (std::size_t i = 0; i < detail.size() && i < 300; ++i) {
            const auto c = static_cast<unsigned char>(detail[i]);
            if (c >= 0x20 && c < 0x7F) std::fputc(c, stderr);
            else std::fprintf(stderr, "\\x%02X", c);
        }
        std::fputc('\n', stderr);
    }
    std::abort();
}

inline bool valid_utf8(std::string_view s) { return newsidx::utf8::valid(s); }

/// True when `off` is a code point boundary of valid UTF-8 `s` (or its end).
inline bool on_boundary(std::string_view s, std::size_t off) {
    return off == s.size() || (off < s.size() && newsidx::utf8::floor_boundary(s, off) == off);
}

/// A new folder under the system's temporary folder, "newsidx-fuzz-NAME-XXXXXX".
inline std::filesystem::path make_scratch_dir(const char* name) {
    std::string tmpl = (std::filesystem::temp_directory_path() / ("newsidx-fuzz-" + std::string(name) + "-XXXXXX")).string();
    if (!::mkdtemp(tmpl.data())) std::abort();
    return tmpl;
}

/// Writes `s` to `p`, creating its folders.
inline void write_file(const std::filesystem::path& p, const std::string& s) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << s;
}

}  // namespace fuzz

#define FUZZ_CHECK(cond, detail)                                                       \
    do {                                                                               \
        if (!(cond)) ::fuzz::violated(#cond, __FILE__, __LINE__, std::string_view(detail)); \
    } while (0)
