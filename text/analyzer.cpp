#include <newsidx/analyzer.hpp>
#include <newsidx/error.hpp>

#include "korean.hpp"
#include "normalize.hpp"
#include "utf8.hpp"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <xapian.h>

#include <unordered_set>

namespace newsidx {

namespace {

enum class Script : std::uint8_t { Hangul, Han, Kana, Other };

Script script_of(UChar32 c) {
    if ((c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F) ||
        (c >= 0xA960 && c <= 0xA97F) || (c >= 0xD7B0 && c <= 0xD7FF))
        return Script::Hangul;
    if (c < 0x2E80) return Script::Other;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode sc = uscript_getScript(c, &status);
    if (sc == USCRIPT_HAN) return Script::Han;
    if (sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA) return Script::Kana;
    return Script::Other;
}

icu::BreakIterator& word_breaker() {
    // Creating a break iterator loads rules (~ms); one per thread, reused.
    thread_local std::unique_ptr<icu::BreakIterator> bi = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::BreakIterator> p(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
        if (U_FAILURE(status) || !p) throw Error("ICU word break rules are unavailable");
        return p;
    }();
    return *bi;
}

Xapian::Stem& english_stemmer() {
    thread_local Xapian::Stem stem("english");
    return stem;
}

bool is_english_stopword(const std::string& w) {
    static const std::unordered_set<std::string> kStop = {
        "a",    "an",   "the",   "of",    "to",   "in",   "on",    "for",  "and",  "or",   "is",
        "are",  "was",  "were",  "be",    "been", "by",   "with",  "as",   "at",   "from", "that",
        "this", "it",   "its",   "into",  "than", "then", "but",   "not",  "no",   "will", "would",
        "can",  "could", "has",  "have",  "had",  "do",   "does",  "did",  "so",   "such", "which",
        "who",  "what", "when",  "where", "how",  "there", "their", "they", "he",  "she",  "we",
        "you",  "i",    "our",   "your",  "his",  "her",  "them",  "these", "those", "if", "about"};
    return kStop.count(w) > 0;
}

// A run of one script inside a word, in normalized UTF-16 units [s, e).
struct Run {
    int32_t s, e;
    Script script;
};

std::string english_stem(const std::string& w) {
    bool letters = false;
    for (unsigned char c : w) {
        if (c >= '0' && c <= '9') return w;  // h100, 4o, 2025: keep as written
        if (c >= 'a' && c <= 'z') letters = true;
    }
    if (!letters) return w;
    std::string st = english_stemmer()(w);
    return st.empty() ? w : st;
}

std::string stem_run(const std::string& surface, Script script) {
    switch (script) {
        case Script::Hangul: return detail::korean_stem(surface);
        case Script::Other: return english_stem(surface);
        default: return surface;
    }
}

void add_bigrams(const std::string& stem, std::vector<std::string>& out) {
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < stem.size();) {
        starts.push_back(i);
        utf8::next(stem, i);
    }
    if (starts.size() < 2) return;
    for (std::size_t k = 0; k + 1 < starts.size(); ++k) {
        const std::size_t end = k + 2 < starts.size() ? starts[k + 2] : stem.size();
        std::string bg = stem.substr(starts[k], end - starts[k]);
        if (detail::hangul_syllables(bg) == 2) out.push_back(std::move(bg));
    }
}

// Drops a possessive 's (’s is folded to 's by nothing, so handle both).
void strip_possessive(std::string& w) {
    static const std::string kCurly = "\xE2\x80\x99s";
    if (w.size() > 2 && w.compare(w.size() - 2, 2, "'s") == 0) w.resize(w.size() - 2);
    else if (w.size() > kCurly.size() && w.compare(w.size() - kCurly.size(), kCurly.size(), kCurly) == 0)
        w.resize(w.size() - kCurly.size());
}

}  // namespace

struct Analyzer::Impl {};

Analyzer::Analyzer() : impl_(std::make_unique<Impl>()) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::string Analyzer::normalize(std::string_view text) const { return detail::normalize_utf8(text); }

std::string Analyzer::stem_word(std::string_view w) const {
    std::string s(w);
    const Script sc = s.empty() ? Script::Other : script_of(static_cast<UChar32>([&] {
        std::size_t i = 0;
        return utf8::next(s, i);
    }()));
    return stem_run(s, sc);
}

std::vector<Word> Analyzer::analyze(std::string_view text, Mode, std::uint32_t first_position) const {
    std::vector<Word> words;
    detail::Normalized n;
    detail::normalize(text, n);
    const icu::UnicodeString& t = n.text;
    icu::BreakIterator& bi = word_breaker();
    bi.setText(t);

    std::uint32_t pos = first_position;
    std::vector<Run> runs;
    std::string buf;
    // ICU puts a word boundary between Hangul and Latin letters or digits
    // (오픈|AI|가); touching letter/number segments are one eojeol again here,
    // and split below by script with the particle logic applied.
    struct Seg {
        int32_t s, e;
        bool ideo;
    };
    std::vector<Seg> segs;
    {
        int32_t prev = bi.first();
        for (int32_t b = bi.next(); b != icu::BreakIterator::DONE; prev = b, b = bi.next()) {
            const int32_t status = bi.getRuleStatus();
            if (status < UBRK_WORD_NUMBER) continue;  // spaces, punctuation, symbols
            const bool ideo = status >= UBRK_WORD_KANA;
            if (!segs.empty() && segs.back().e == prev && !ideo && !segs.back().ideo)
                segs.back().e = b;
            else
                segs.push_back({prev, b, ideo});
        }
    }
    for (const Seg& sg : segs) {
        const int32_t start = sg.s, end = sg.e;
        // Split at script changes: 오픈AI -> 오픈 | ai; 3억 -> 3 | 억.
        runs.clear();
        for (int32_t i = start; i < end;) {
            const UChar32 c = t.char32At(i);
            const Script sc = script_of(c);
            if (runs.empty() || runs.back().script != sc) runs.push_back({i, i, sc});
            i += U16_LENGTH(c);
            runs.back().e = i;
        }

        Word w;
        w.begin = n.begin[static_cast<std::size_t>(start)];
        w.end = n.end[static_cast<std::size_t>(end - 1)];
        w.position = pos;
        detail::to_utf8(t, start, end, w.surface);

        // A particle glued to a Latin or numeric word ("오픈AI가", "GPT를") is dropped.
        std::size_t keep = runs.size();
        if (keep >= 2 && runs[keep - 1].script == Script::Hangul && runs[keep - 2].script != Script::Hangul) {
            detail::to_utf8(t, runs[keep - 1].s, runs[keep - 1].e, buf);
            if (detail::is_korean_particle(buf)) --keep;
        }

        if (keep == 1) {
            const Run& r = runs[0];
            std::string surface;
            detail::to_utf8(t, r.s, r.e, surface);
            if (r.script == Script::Other) strip_possessive(surface);
            w.hangul = r.script == Script::Hangul;
            w.stem = stem_run(surface, r.script);
            w.surface = surface;  // "GPT를" is the word gpt; "samsung's" is samsung
            if (w.hangul) add_bigrams(w.stem, w.bigrams);
            w.stopword = w.hangul ? detail::is_korean_stopword(w.surface)
                                  : (r.script == Script::Other && is_english_stopword(w.surface));
        } else {
            for (std::size_t k = 0; k < keep; ++k) {
                WordPart p;
                detail::to_utf8(t, runs[k].s, runs[k].e, p.surface);
                p.hangul = runs[k].script == Script::Hangul;
                // Latin parts of a mixed word are names (오픈AI, 챗GPT): not stemmed.
                p.stem = p.hangul ? detail::korean_stem(p.surface, k > 0) : p.surface;
                p.position = pos + static_cast<std::uint32_t>(k);
                p.begin = n.begin[static_cast<std::size_t>(runs[k].s)];
                p.end = n.end[static_cast<std::size_t>(runs[k].e - 1)];
                if (p.hangul) add_bigrams(p.stem, w.bigrams);
                w.stem += p.stem;
                w.parts.push_back(std::move(p));
            }
        }
        pos += w.width();
        if (w.surface.size() > kMaxTermBytes || w.stem.empty()) continue;
        words.push_back(std::move(w));
    }
    return words;
}

void word_tokens(const Word& w, Analyzer::Mode, std::vector<Token>& out) {
    auto emit = [&](const std::string& term, TermKind kind, std::uint32_t pos, std::uint32_t b, std::uint32_t e) {
        out.push_back(Token{term, kind, pos, b, e});
    };
    if (w.parts.empty()) {
        emit(w.surface, TermKind::Surface, w.position, w.begin, w.end);
        if (w.stem != w.surface) emit(w.stem, TermKind::Stem, w.position, w.begin, w.end);
    } else {
        // The whole word once (stemmed: a trailing particle adds nothing), then
        // each part at its own position so that phrases over parts work.
        emit(w.stem, TermKind::Stem, w.position, w.begin, w.end);
        for (const WordPart& p : w.parts) emit(p.stem, TermKind::Part, p.position, p.begin, p.end);
    }
    for (const std::string& b : w.bigrams) emit(b, TermKind::Bigram, 0, w.begin, w.end);
}

std::vector<Token> Analyzer::tokens(std::string_view text, Mode mode, std::uint32_t first_position) const {
    std::vector<Token> out;
    for (const Word& w : analyze(text, mode, first_position)) word_tokens(w, mode, out);
    return out;
}

}  // namespace newsidx
