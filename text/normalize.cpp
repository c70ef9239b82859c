#include "normalize.hpp"

#include "hangul.hpp"
#include "utf8.hpp"

#include <newsidx/error.hpp>

#include <unicode/normalizer2.h>

namespace newsidx::detail {

namespace {

const icu::Normalizer2& nfkc_cf() {
    static const icu::Normalizer2* n = [] {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* p = icu::Normalizer2::getNFKCCasefoldInstance(status);
        if (U_FAILURE(status) || !p) throw Error("ICU NFKC_Casefold data is unavailable");
        return p;
    }();
    return *n;
}


}  // namespace

void normalize(std::string_view in, Normalized& out) {
    const icu::Normalizer2& norm = nfkc_cf();
    out.begin.clear();
    out.end.clear();
    out.begin.reserve(in.size() + 1);
    out.end.reserve(in.size() + 1);
    // The units gather here and go into out.text at once: UnicodeString's
    // append per unit cost more than the rest of this loop.
    thread_local std::u16string units;
    units.clear();
    auto append_unit = [&](char16_t u, std::uint32_t b, std::uint32_t e) {
        units.push_back(u);
        out.begin.push_back(b);
        out.end.push_back(e);
    };

    // Normalization only interacts within segments that start at a boundary
    // (hasBoundaryBefore); normalizing segment by segment gives the same text
    // as normalizing the whole, and tells us which original bytes produced
    // which output. Most segments are one ASCII letter or one precomposed
    // syllable, which take the fast paths.
    icu::UnicodeString seg, res;
    std::size_t i = 0;
    while (i < in.size()) {
        const std::uint32_t seg_begin = static_cast<std::uint32_t>(i);
        char32_t c = utf8::next(in, i);
        std::size_t j = i;
        bool single = true;
        while (j < in.size()) {
            // ASCII and precomposed syllables always start a segment: no
            // look-up in the normalization data for them.
            if (static_cast<unsigned char>(in[j]) < 0x80) break;
            std::size_t k = j;
            const char32_t d = utf8::next(in, k);
            if (hangul::is_syllable(d) || norm.hasBoundaryBefore(static_cast<UChar32>(d))) break;
            single = false;
            j = k;
        }
        const std::uint32_t seg_end = static_cast<std::uint32_t>(j);
        if (single && c < 0x80) {
            if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
            append_unit(static_cast<char16_t>(c), seg_begin, seg_end);
        } else if (single && hangul::is_syllable(c)) {
            append_unit(static_cast<char16_t>(c), seg_begin, seg_end);
        } else {
            seg.remove();
            for (std::size_t k = seg_begin; k < j;) seg.append(static_cast<UChar32>(utf8::next(in, k)));
            UErrorCode status = U_ZERO_ERROR;
            res.remove();
            norm.normalize(seg, res, status);
            if (U_FAILURE(status)) res = seg;
            for (int32_t u = 0; u < res.length(); ++u) append_unit(res.charAt(u), seg_begin, seg_end);
        }
        i = j;
    }
    out.text.setTo(units.data(), static_cast<int32_t>(units.size()));
    out.begin.push_back(static_cast<std::uint32_t>(in.size()));
    out.end.push_back(static_cast<std::uint32_t>(in.size()));
}

std::string normalize_utf8(std::string_view in) {
    Normalized n;
    normalize(in, n);
    std::string out;
    to_utf8(n.text, 0, n.text.length(), out);
    return out;
}

void to_utf8(const icu::UnicodeString& text, int32_t start, int32_t limit, std::string& out) {
    out.clear();
    // The units read directly (char32At is a call a character); a pair of
    // surrogates is one code point, a lone one itself, as char32At reads them.
    const char16_t* units = text.getBuffer();
    for (int32_t i = start; i < limit;) {
        UChar32 c;
        U16_NEXT(units, i, limit, c);
        utf8::append(out, static_cast<char32_t>(c));
    }
}

}  // namespace newsidx::detail
