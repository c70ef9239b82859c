// libFuzzer target: the analysis (detail::analyze, Analyzer::tokens /
// normalize / stem_word) on arbitrary bytes (invalid UTF-8 included: it must
// read as U+FFFD). Invariants (abort on violation):
//   - word offsets within the input, begin <= end, begins non-decreasing,
//     on code point boundaries when the input is valid UTF-8; parts inside
//     their word; positions strictly increasing from first_position;
//   - every term (surface, stem, part, bigram, token) non-empty, valid
//     UTF-8 and at most Analyzer::kMaxTermBytes (200) bytes, so that a
//     prefixed term always stays under Xapian's 245-byte limit (<= 240);
//   - bigrams are two Hangul syllables; tokens() is analyze() flattened;
//   - normalize() gives valid UTF-8 and is idempotent (NFKC_Casefold is).
#include <newsidx/analyzer.hpp>

#include "analysis.hpp"
#include "fuzz_checks.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using newsidx::Analyzer;
using newsidx::detail::Word;
using newsidx::detail::WordPart;

const Analyzer& analyzer() {
    static const Analyzer a;
    return a;
}

void check_term(const std::string& t, std::string_view input) {
    FUZZ_CHECK(!t.empty(), input);
    FUZZ_CHECK(fuzz::valid_utf8(t), t);
    FUZZ_CHECK(t.size() <= Analyzer::kMaxTermBytes, t);
    FUZZ_CHECK(t.size() <= 240, t);
}

bool two_syllables(const std::string& b) {
    std::size_t i = 0, n = 0;
    while (i < b.size()) {
        const char32_t c = newsidx::utf8::next(b, i);
        if (c < 0xAC00 || c > 0xD7A3) return false;
        ++n;
    }
    return n == 2;
}

void check_words(const std::vector<Word>& ws, std::string_view input, bool valid, std::uint32_t first) {
    std::uint32_t prev_begin = 0;
    std::uint32_t next_pos = first;  // positions are at least this
    for (const Word& w : ws) {
        FUZZ_CHECK(w.begin <= w.end, input);
        FUZZ_CHECK(w.end <= input.size(), input);
        FUZZ_CHECK(w.begin >= prev_begin, input);
        if (valid) FUZZ_CHECK(fuzz::on_boundary(input, w.begin) && fuzz::on_boundary(input, w.end), input);
        prev_begin = w.begin;
        FUZZ_CHECK(w.position >= next_pos, input);
        next_pos = w.position + w.width();
        check_term(w.surface, input);
        check_term(w.stem, input);
        for (const WordPart& p : w.parts) {
            FUZZ_CHECK(w.parts.size() >= 2, input);
            check_term(p.surface, input);
            check_term(p.stem, input);
            FUZZ_CHECK(p.begin <= p.end && p.begin >= w.begin && p.end <= w.end, input);
            FUZZ_CHECK(p.position >= w.position && p.position < w.position + w.width(), input);
        }
        for (const std::string& b : w.bigrams) {
            check_term(b, input);
            FUZZ_CHECK(two_syllables(b), b);
        }
        // The stemmer on a normalized word never fails either.
        const std::string st = analyzer().stem_word(w.surface);
        FUZZ_CHECK(fuzz::valid_utf8(st), st);
    }
}

void check_tokens(const std::vector<newsidx::Token>& ts, const std::vector<Word>& ws, std::string_view input) {
    std::vector<newsidx::Token> flat;
    for (const Word& w : ws) newsidx::detail::word_tokens(w, flat);
    FUZZ_CHECK(flat.size() == ts.size(), input);
    for (std::size_t i = 0; i < ts.size(); ++i) {
        const newsidx::Token& t = ts[i];
        check_term(t.term, input);
        FUZZ_CHECK(t.term == flat[i].term && t.kind == flat[i].kind && t.position == flat[i].position, input);
        FUZZ_CHECK(t.begin == flat[i].begin && t.end == flat[i].end, input);
        FUZZ_CHECK(t.begin <= t.end && t.end <= input.size(), input);
        FUZZ_CHECK((t.kind == newsidx::TermKind::Bigram) == (t.position == 0), input);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const Analyzer& a = analyzer();
    const bool valid = fuzz::valid_utf8(input);
    const std::uint32_t first = size % 2 ? 1u : 1000u;

    // One analysis for posts and queries (there is no mode).
    const std::vector<Word> ws = newsidx::detail::analyze(a, input, first);
    check_words(ws, input, valid, first);
    check_tokens(a.tokens(input, first), ws, input);

    const std::string n = a.normalize(input);
    FUZZ_CHECK(fuzz::valid_utf8(n), n);
    FUZZ_CHECK(a.normalize(n) == n, input);
    return 0;
}
