#include "rerank.hpp"

#include "hangul.hpp"
#include "schema.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>

namespace newsidx::detail {

namespace {

// The byte offsets of the syllables of a stem made of Hangul syllables only
// (with its end last); empty for any other stem.
std::vector<std::size_t> syllables(const std::string& stem) {
    std::vector<std::size_t> at;
    for (std::size_t i = 0; i < stem.size();) {
        at.push_back(i);
        if (!hangul::is_syllable(utf8::next(stem, i))) return {};
    }
    if (!at.empty()) at.push_back(stem.size());
    return at;
}

// BM25's IDF, as Xapian computes it for a term in n of N documents.
double idf(Xapian::doccount n, Xapian::doccount N) {
    const double df = std::max<double>(n, 1);
    return std::log((N - df + 0.5) / (df + 0.5) + 1.0);
}

}  // namespace

std::vector<FocusWord> focus_words(const std::vector<std::string>& stems, const std::vector<double>& weights) {
    std::vector<FocusWord> out;
    for (std::size_t k = 0; k < stems.size() && k < 64; ++k) {
        const std::string& s = stems[k];
        FocusWord w;
        w.weight = k < weights.size() ? weights[k] : 1.0;
        if (!s.empty()) {
            w.whole.push_back(passage_term(s));
            const std::vector<std::size_t> at = syllables(s);
            const std::size_t n = at.empty() ? 0 : at.size() - 1;
            if (n == 1) w.whole.push_back(passage_first(s));
            else if (n == 2) w.whole.push_back(passage_bigram(s));
            else
                for (std::size_t i = 0; i + 2 < at.size(); ++i)
                    w.bigrams.push_back(passage_bigram(std::string_view(s).substr(at[i], at[i + 2] - at[i])));
        }
        out.push_back(std::move(w));
    }
    return out;
}

std::vector<Ranked> in_order(const Xapian::MSet& ms) {
    std::vector<Ranked> out;
    out.reserve(ms.size());
    for (auto it = ms.begin(); it != ms.end(); ++it) out.push_back({it, it.get_weight()});
    return out;
}

bool wants_rerank(const BuiltQuery& bq) { return bq.sentence && bq.focus.size() >= kRerankMinWords; }

bool wants_sections(const BuiltQuery& bq) { return bq.focus.size() >= 2; }

double passage_coverage(const PassageSketch& sketch, const std::vector<FocusWord>& words) {
    const std::vector<BestPassage> best = best_passages(sketch, words, 1);
    return best.empty() ? 0.0 : best.front().coverage;
}

namespace {

// Which of the first 64 `words` each sentence holds (a bit each), and the
// share of its bigrams found for a long word not found whole
// ([sentence * n + word]; empty when there is none).
void sentence_words(const PassageSketch& sketch, const std::vector<FocusWord>& words, std::size_t n,
                    std::vector<std::uint64_t>& found, std::vector<double>& partial) {
    const std::size_t sentences = sketch.sentences();
    found.assign(sentences, 0);
    partial.clear();
    for (std::size_t i = 0; i < sentences; ++i) {
        const PassageSketch::Filter filter = sketch.filter(i);
        if (filter.m == 0) continue;
        for (std::size_t w = 0; w < n; ++w) {
            const FocusWord& f = words[w];
            bool whole = false;
            for (const PassageKey& k : f.whole)
                if (filter.has(k)) {
                    whole = true;
                    break;
                }
            if (!whole && !f.bigrams.empty()) {
                // A word of three or more syllables not found whole
                // (월드컵때, 문민 정부) by the share of its bigrams here.
                std::size_t seen = 0;
                for (const PassageKey& k : f.bigrams) seen += filter.has(k);
                if (seen == f.bigrams.size()) whole = true;
                else if (seen > 0) {
                    if (partial.empty()) partial.assign(sentences * n, 0.0);
                    partial[i * n + w] = static_cast<double>(seen) / static_cast<double>(f.bigrams.size());
                }
            }
            if (whole) found[i] |= std::uint64_t{1} << w;
        }
    }
}

double total_weight(const std::vector<FocusWord>& words, std::size_t n) {
    double total = 0;
    for (std::size_t w = 0; w < n; ++w) total += words[w].weight;
    return total;
}

}  // namespace

std::vector<BestPassage> best_passages(const PassageSketch& sketch, const std::vector<FocusWord>& words, std::size_t k) {
    const std::size_t n = std::min<std::size_t>(words.size(), 64);  // one bit per word
    const std::size_t sentences = sketch.sentences();
    if (n == 0 || sentences == 0 || k == 0) return {};
    const double total = total_weight(words, n);
    if (total <= 0) return {};
    std::vector<std::uint64_t> found;
    std::vector<double> partial;
    sentence_words(sketch, words, n, found, partial);
    std::vector<BestPassage> best;  // the k best so far, best first (the earlier of equals)
    for (std::size_t i = 0; i < sentences; ++i) {
        const bool pair = i + 1 < sentences;
        const std::uint64_t window = found[i] | (pair ? found[i + 1] : 0);
        double covered = 0;
        for (std::size_t w = 0; w < n; ++w) {
            if (window >> w & 1) covered += words[w].weight;
            else if (!partial.empty())
                covered += kRerankBigramCredit * words[w].weight *
                           std::max(partial[i * n + w], pair ? partial[(i + 1) * n + w] : 0.0);
        }
        if (covered <= 0 || (best.size() == k && covered <= best.back().coverage)) continue;
        if (best.size() == k) best.pop_back();
        auto at = std::upper_bound(best.begin(), best.end(), covered,
                                   [](double c, const BestPassage& b) { return c > b.coverage; });
        best.insert(at, {covered, i});
    }
    for (BestPassage& b : best) b.coverage /= total;
    return best;
}

namespace {

// The weighted share of `words` (the first n) found in sentences [from, to):
// a word in any of them counts whole; a long word found in none by
// kRerankBigramCredit times the largest share of its bigrams in one.
double covered(const std::vector<FocusWord>& words, std::size_t n, const std::vector<std::uint64_t>& found,
               const std::vector<double>& partial, std::size_t from, std::size_t to) {
    std::uint64_t any = 0;
    for (std::size_t i = from; i < to; ++i) any |= found[i];
    double c = 0;
    for (std::size_t w = 0; w < n; ++w) {
        if (any >> w & 1) {
            c += words[w].weight;
            continue;
        }
        double part = 0;
        if (!partial.empty())
            for (std::size_t i = from; i < to; ++i) part = std::max(part, partial[i * n + w]);
        c += kRerankBigramCredit * words[w].weight * part;
    }
    return c;
}

// The spans of `first` (see span_coverages), then the whole post: weighted
// shares of `words`, from one pass over the sentences.
std::vector<double> coverages(const PassageSketch& sketch, const std::vector<FocusWord>& words,
                              const std::vector<std::size_t>& first, bool whole) {
    std::vector<double> out(first.size() + (whole ? 1 : 0), 0.0);
    const std::size_t n = std::min<std::size_t>(words.size(), 64);
    const std::size_t sentences = sketch.sentences();
    const double total = total_weight(words, n);
    if (n == 0 || sentences == 0 || total <= 0) return out;
    std::vector<std::uint64_t> found;
    std::vector<double> partial;
    sentence_words(sketch, words, n, found, partial);
    for (std::size_t s = 0; s < first.size(); ++s) {
        const std::size_t from = std::min(first[s], sentences);
        const std::size_t to = s + 1 < first.size() ? std::min(std::max(first[s + 1], from), sentences) : sentences;
        out[s] = covered(words, n, found, partial, from, to) / total;
    }
    if (whole) out.back() = covered(words, n, found, partial, 0, sentences) / total;
    return out;
}

}  // namespace

std::vector<double> span_coverages(const PassageSketch& sketch, const std::vector<FocusWord>& words,
                                   const std::vector<std::size_t>& first) {
    return coverages(sketch, words, first, false);
}

double section_spread(const PassageSketch& sketch, const std::vector<FocusWord>& words) {
    if (!sketch.has_sections()) return 0;
    const std::size_t n = std::min<std::size_t>(words.size(), 64);
    const std::size_t sentences = sketch.sentences();
    const double total = total_weight(words, n);
    if (n < 2 || sentences == 0 || total <= 0) return 0;
    std::vector<std::size_t> first{0};  // the spans: before the first heading, then each section
    for (std::size_t i = 1; i < sentences; ++i)
        if (sketch.section_start(i)) first.push_back(i);
    if (first.size() < 2) return 0;
    // The title's words count in every span.
    const PassageSketch::Filter title = sketch.title();
    std::vector<FocusWord> rest;  // the words the title does not hold
    double in_title = 0;
    for (std::size_t w = 0; w < n; ++w) {
        const FocusWord& f = words[w];
        bool has = std::any_of(f.whole.begin(), f.whole.end(), [&](const PassageKey& k) { return title.has(k); });
        if (!has && !f.bigrams.empty())
            has = std::all_of(f.bigrams.begin(), f.bigrams.end(), [&](const PassageKey& k) { return title.has(k); });
        if (has) in_title += f.weight;
        else rest.push_back(f);
    }
    if (rest.size() < 2) return 0;  // one word left: nothing to spread
    const std::vector<double> c = coverages(sketch, rest, first, true);  // each span, then the whole post
    const double best = *std::max_element(c.begin(), c.end() - 1);
    return std::max(0.0, c.back() - best) * (total - in_title) / total;
}

std::vector<FocusWord> weighted_focus(const Xapian::Database& db, const BuiltQuery& bq) {
    const Xapian::doccount N = db.get_doccount();
    std::vector<double> weights;
    for (const std::string& s : bq.focus) weights.push_back(idf(db.get_termfreq(s), N));
    return focus_words(bq.focus, weights);
}

std::vector<Ranked> rerank(const Xapian::Database& db, const Xapian::MSet& ms, const BuiltQuery& bq,
                           std::size_t needed, std::size_t* read) {
    std::vector<Ranked> out = in_order(ms);
    const bool passages = wants_rerank(bq), sections = wants_sections(bq);
    if (!(passages || sections) || out.empty() || ms.get_firstitem() != 0) return out;

    const std::vector<FocusWord> words = weighted_focus(db, bq);
    const double top = out.front().score;
    const double most = passages ? kRerankWeight * top : 0.0;  // the most a passage adds
    const double spread = sections ? kSectionWeight * top : 0.0;  // the most sections take
    const std::size_t depth = std::min<std::size_t>(out.size(), kRerankDepth);
    needed = std::max<std::size_t>(needed, 1);
    // The `needed` best final scores so far (a min-heap): once a hit's
    // BM25 score plus the most a passage can add stays below the worst of
    // them, neither it nor any hit after it (BM25 order) can reach the
    // first `needed`, and their passages are not read.
    std::vector<double> best;
    for (std::size_t i = 0; i < depth; ++i) {
        if (best.size() == needed && out[i].score + most < best.front()) break;
        const Xapian::Document doc = out[i].it.get_document();
        const PassageSketch sketch(doc.get_value(schema::kSlotPassages), doc.get_docid());
        if (passages) out[i].score += most * passage_coverage(sketch, words);
        if (sections) out[i].score -= spread * section_spread(sketch, words);
        if (read) ++*read;
        best.push_back(out[i].score);
        std::push_heap(best.begin(), best.end(), std::greater<>());
        if (best.size() > needed) {
            std::pop_heap(best.begin(), best.end(), std::greater<>());
            best.pop_back();
        }
    }
    std::stable_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(depth),
                     [](const Ranked& a, const Ranked& b) { return a.score > b.score; });
    return out;
}

}  // namespace newsidx::detail
