#include "rerank.hpp"

#include "hangul.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>

namespace newsidx::detail {

namespace {

bool ascii_alnum(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Byte offsets where sentences start: 0, and after each . ? ! that is
// followed by white space.
std::vector<std::size_t> sentence_starts(std::string_view t) {
    std::vector<std::size_t> starts{0};
    for (std::size_t i = 0; i + 1 < t.size(); ++i)
        if ((t[i] == '.' || t[i] == '?' || t[i] == '!') && ascii_space(t[i + 1])) starts.push_back(i + 1);
    return starts;
}

using detail::hangul::is_syllable;

// Whether the character that ends just before byte `at` is a Hangul syllable.
bool after_hangul(std::string_view t, std::size_t at) {
    if (at == 0) return false;
    std::size_t b = at - 1;
    while (b > 0 && (static_cast<unsigned char>(t[b]) & 0xC0) == 0x80) --b;
    return is_syllable(utf8::next(t, b));
}

// The two-syllable pieces of a Hangul stem of three or more syllables
// (문민정부 -> 문민, 민정, 정부); none for other stems.
std::vector<std::string> syllable_bigrams(const std::string& stem) {
    std::vector<std::size_t> at;  // byte offset of each syllable
    for (std::size_t i = 0; i < stem.size();) {
        at.push_back(i);
        if (!is_syllable(utf8::next(stem, i))) return {};
    }
    std::vector<std::string> out;
    if (at.size() < 3) return out;
    at.push_back(stem.size());
    for (std::size_t k = 0; k + 2 < at.size(); ++k) out.push_back(stem.substr(at[k], at[k + 2] - at[k]));
    return out;
}

// BM25's IDF, as Xapian computes it for a term in n of N documents.
double idf(Xapian::doccount n, Xapian::doccount N) {
    const double df = std::max<double>(n, 1);
    return std::log((N - df + 0.5) / (df + 0.5) + 1.0);
}

}  // namespace

std::vector<Ranked> in_order(const Xapian::MSet& ms) {
    std::vector<Ranked> out;
    out.reserve(ms.size());
    for (auto it = ms.begin(); it != ms.end(); ++it) out.push_back({it, it.get_weight()});
    return out;
}

bool wants_rerank(const BuiltQuery& bq) { return bq.sentence && bq.focus.size() >= kRerankMinWords; }

double passage_coverage(std::string_view text, const std::vector<std::string>& stems, const std::vector<double>& weights) {
    if (stems.empty() || text.empty()) return 0;
    const std::size_t n = std::min<std::size_t>(stems.size(), 64);  // one bit per word
    double total = 0;
    for (std::size_t w = 0; w < n; ++w) total += weights[w];
    if (total <= 0) return 0;

    const std::vector<std::size_t> starts = sentence_starts(text);
    std::vector<std::uint64_t> found(starts.size(), 0);  // words present, per sentence
    for (std::size_t w = 0; w < n; ++w) {
        const std::string& s = stems[w];
        if (s.empty()) continue;
        const bool latin = ascii_alnum(static_cast<unsigned char>(s[0]));
        // A one-syllable Hangul stem inside a longer word is usually another
        // word (상 in 이상 or 세상): it must start the word. Longer stems
        // may sit inside compounds (삼성 in 삼성전자).
        std::size_t i = 0;
        const bool one_syllable = is_syllable(utf8::next(s, i)) && i == s.size();
        for (std::size_t at = text.find(s); at != std::string_view::npos; at = text.find(s, at + 1)) {
            if (latin && at > 0 && ascii_alnum(static_cast<unsigned char>(text[at - 1]))) continue;
            if (one_syllable && after_hangul(text, at)) continue;
            const std::size_t sentence = std::upper_bound(starts.begin(), starts.end(), at) - starts.begin() - 1;
            found[sentence] |= std::uint64_t{1} << w;
        }
    }
    // A word of three or more syllables that is not found whole (월드컵때,
    // 문민정부가 -> 문민정부 in 문민 정부) earns part of its weight by the share
    // of its syllable bigrams in the sentence, as the first pass counts bigrams.
    std::vector<double> partial;  // [sentence * n + word], 0..1
    for (std::size_t w = 0; w < n; ++w) {
        const std::vector<std::string> bigrams = syllable_bigrams(stems[w]);
        if (bigrams.empty()) continue;
        if (partial.empty()) partial.assign(starts.size() * n, 0.0);
        std::vector<std::uint64_t> seen(starts.size(), 0);  // bigrams present, per sentence
        const std::size_t nb = std::min<std::size_t>(bigrams.size(), 64);
        for (std::size_t b = 0; b < nb; ++b)
            for (std::size_t at = text.find(bigrams[b]); at != std::string_view::npos; at = text.find(bigrams[b], at + 1))
                seen[std::upper_bound(starts.begin(), starts.end(), at) - starts.begin() - 1] |= std::uint64_t{1} << b;
        for (std::size_t i = 0; i < starts.size(); ++i)
            partial[i * n + w] = static_cast<double>(std::popcount(seen[i])) / static_cast<double>(nb);
    }
    double best = 0;
    for (std::size_t i = 0; i < found.size(); ++i) {
        const bool pair = i + 1 < found.size();
        const std::uint64_t window = found[i] | (pair ? found[i + 1] : 0);
        double covered = 0;
        for (std::size_t w = 0; w < n; ++w) {
            if (window >> w & 1) covered += weights[w];
            else if (!partial.empty())
                covered += kRerankBigramCredit * weights[w] *
                           std::max(partial[i * n + w], pair ? partial[(i + 1) * n + w] : 0.0);
        }
        best = std::max(best, covered);
    }
    return best / total;
}

std::vector<Ranked> rerank(const Xapian::Database& db, const Xapian::MSet& ms, const BuiltQuery& bq,
                           const Analyzer& analyzer, const std::function<std::string(const Xapian::Document&)>& text_of) {
    std::vector<Ranked> out = in_order(ms);
    if (!wants_rerank(bq) || out.empty() || ms.get_firstitem() != 0) return out;

    const Xapian::doccount N = db.get_doccount();
    std::vector<double> weights;
    for (const std::string& s : bq.focus) weights.push_back(idf(db.get_termfreq(s), N));
    const double top = out.front().score;
    const std::size_t depth = std::min<std::size_t>(out.size(), kRerankDepth);
    for (std::size_t i = 0; i < depth; ++i) {
        std::string text = text_of(out[i].it.get_document());
        if (text.size() > kRerankMaxTextBytes) {
            std::size_t cut = kRerankMaxTextBytes;
            while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // a whole character
            text.resize(cut);
        }
        out[i].score += kRerankWeight * top * passage_coverage(analyzer.normalize(text), bq.focus, weights);
    }
    std::stable_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(depth),
                     [](const Ranked& a, const Ranked& b) { return a.score > b.score; });
    return out;
}

}  // namespace newsidx::detail
