#include "rerank.hpp"

#include "sketch_cache.hpp"

#include "hangul.hpp"
#include "schema.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

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

namespace {

// Which of the first n (<= 64) `words` each sentence of a post holds, read
// once from its sketch and shared by the passage bonus and the section
// penalty.
struct SentenceWords {
    std::size_t n = 0;
    double total = 0;                  // the words' weight
    std::vector<std::uint64_t> found;  // per sentence, a bit a word found whole
    // The share of its bigrams found for a long word not found whole
    // ([sentence * n + word]; empty when there is none).
    std::vector<double> partial;

    SentenceWords(const PassageSketch& sketch, const std::vector<FocusWord>& words)
        : n(std::min<std::size_t>(words.size(), 64)) {
        for (std::size_t w = 0; w < n; ++w) total += words[w].weight;
        const std::size_t sentences = sketch.sentences();
        found.assign(sentences, 0);
        if (n == 0) return;
        // Only the keys the post may hold are asked of its sentences (a
        // key the post-wide filter lacks is in none of them).
        struct Asked {
            std::size_t word, bigrams;  // bigrams: the word's count, asked or not
            std::vector<const PassageKey*> whole, parts;
        };
        std::vector<Asked> asked;
        for (std::size_t w = 0; w < n; ++w) {
            const FocusWord& f = words[w];
            Asked a{w, f.bigrams.size(), {}, {}};
            for (const PassageKey& k : f.whole)
                if (sketch.may_hold(k)) a.whole.push_back(&k);
            for (const PassageKey& k : f.bigrams)
                if (sketch.may_hold(k)) a.parts.push_back(&k);
            if (!a.whole.empty() || !a.parts.empty()) asked.push_back(std::move(a));
        }
        for (std::size_t i = 0; i < sentences && !asked.empty(); ++i) {
            const PassageSketch::Filter filter = sketch.filter(i);
            if (filter.m == 0) continue;
            for (const Asked& a : asked) {
                bool whole = false;
                for (const PassageKey* k : a.whole)
                    if (filter.has(*k)) {
                        whole = true;
                        break;
                    }
                if (!whole && !a.parts.empty()) {
                    // A word of three or more syllables not found whole
                    // (월드컵때, 문민 정부) by the share of its bigrams here.
                    std::size_t seen = 0;
                    for (const PassageKey* k : a.parts) seen += filter.has(*k);
                    if (seen == a.bigrams) whole = true;
                    else if (seen > 0) {
                        if (partial.empty()) partial.assign(sentences * n, 0.0);
                        partial[i * n + a.word] = static_cast<double>(seen) / static_cast<double>(a.bigrams);
                    }
                }
                if (whole) found[i] |= std::uint64_t{1} << a.word;
            }
        }
    }
    std::size_t sentences() const { return found.size(); }

    // The k best windows of two adjacent sentences (see best_passages).
    std::vector<BestPassage> best(const std::vector<FocusWord>& words, std::size_t k) const {
        const std::size_t count = sentences();
        if (n == 0 || count == 0 || k == 0 || total <= 0) return {};
        std::vector<BestPassage> out;  // the k best so far, best first (the earlier of equals)
        for (std::size_t i = 0; i < count; ++i) {
            const bool pair = i + 1 < count;
            const std::uint64_t window = found[i] | (pair ? found[i + 1] : 0);
            double covered = 0;
            for (std::size_t w = 0; w < n; ++w) {
                if (window >> w & 1) covered += words[w].weight;
                else if (!partial.empty())
                    covered += kRerankBigramCredit * words[w].weight *
                               std::max(partial[i * n + w], pair ? partial[(i + 1) * n + w] : 0.0);
            }
            if (covered <= 0 || (out.size() == k && covered <= out.back().coverage)) continue;
            if (out.size() == k) out.pop_back();
            auto at = std::upper_bound(out.begin(), out.end(), covered,
                                       [](double c, const BestPassage& b) { return c > b.coverage; });
            out.insert(at, {covered, i});
        }
        for (BestPassage& b : out) b.coverage /= total;
        return out;
    }

    // The weight of the words of `mask` found in sentences [from, to): a
    // word in any of them counts whole; a long word found in none by
    // kRerankBigramCredit times the largest share of its bigrams in one.
    double covered(const std::vector<FocusWord>& words, std::uint64_t mask, std::size_t from, std::size_t to) const {
        std::uint64_t any = 0;
        for (std::size_t i = from; i < to; ++i) any |= found[i];
        double c = 0;
        for (std::size_t w = 0; w < n; ++w) {
            if (!(mask >> w & 1)) continue;
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
};

std::uint64_t all_words(std::size_t n) { return n >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1; }

// section_spread from a post's sentence words.
double spread(const PassageSketch& sketch, const std::vector<FocusWord>& words, const SentenceWords& sw) {
    const std::size_t n = sw.n, sentences = sw.sentences();
    if (!sketch.has_sections() || n < 2 || sentences == 0 || sw.total <= 0) return 0;
    std::vector<std::size_t> first{0};  // the spans: before the first heading, then each section
    for (std::size_t i = 1; i < sentences; ++i)
        if (sketch.section_start(i)) first.push_back(i);
    if (first.size() < 2) return 0;
    // The title's words count in every span: only the others are weighed.
    const PassageSketch::Filter title = sketch.title();
    std::uint64_t rest = 0;  // the words the title does not hold
    for (std::size_t w = 0; w < n; ++w) {
        const FocusWord& f = words[w];
        bool has = std::any_of(f.whole.begin(), f.whole.end(), [&](const PassageKey& k) { return title.has(k); });
        if (!has && !f.bigrams.empty())
            has = std::all_of(f.bigrams.begin(), f.bigrams.end(), [&](const PassageKey& k) { return title.has(k); });
        if (!has) rest |= std::uint64_t{1} << w;
    }
    if (std::popcount(rest) < 2) return 0;  // one word left: nothing to spread
    double best = 0;
    for (std::size_t s = 0; s < first.size(); ++s) {
        const std::size_t to = s + 1 < first.size() ? first[s + 1] : sentences;
        best = std::max(best, sw.covered(words, rest, first[s], to));
    }
    return std::max(0.0, sw.covered(words, rest, 0, sentences) - best) / sw.total;
}

}  // namespace

double passage_coverage(const PassageSketch& sketch, const std::vector<FocusWord>& words) {
    const std::vector<BestPassage> best = best_passages(sketch, words, 1);
    return best.empty() ? 0.0 : best.front().coverage;
}

std::vector<BestPassage> best_passages(const PassageSketch& sketch, const std::vector<FocusWord>& words, std::size_t k) {
    if (words.empty() || sketch.sentences() == 0 || k == 0) return {};
    return SentenceWords(sketch, words).best(words, k);
}

std::vector<double> span_coverages(const PassageSketch& sketch, const std::vector<FocusWord>& words,
                                   const std::vector<std::size_t>& first) {
    std::vector<double> out(first.size(), 0.0);
    if (words.empty() || sketch.sentences() == 0) return out;
    const SentenceWords sw(sketch, words);
    if (sw.total <= 0) return out;
    const std::size_t sentences = sw.sentences();
    for (std::size_t s = 0; s < first.size(); ++s) {
        const std::size_t from = std::min(first[s], sentences);
        const std::size_t to = s + 1 < first.size() ? std::min(std::max(first[s + 1], from), sentences) : sentences;
        out[s] = sw.covered(words, all_words(sw.n), from, to) / sw.total;
    }
    return out;
}

double section_spread(const PassageSketch& sketch, const std::vector<FocusWord>& words) {
    if (!sketch.has_sections() || words.size() < 2 || sketch.sentences() == 0) return 0;
    return spread(sketch, words, SentenceWords(sketch, words));
}

PostEvidence post_evidence(const PassageSketch& sketch, const std::vector<FocusWord>& words, bool passages,
                           bool sections) {
    PostEvidence e;
    if (words.empty() || sketch.sentences() == 0 || !(passages || (sections && sketch.has_sections()))) return e;
    const SentenceWords sw(sketch, words);
    if (passages) {
        const std::vector<BestPassage> best = sw.best(words, 1);
        if (!best.empty()) e.coverage = best.front().coverage;
    }
    if (sections) e.spread = spread(sketch, words, sw);
    return e;
}

std::vector<FocusWord> weighted_focus(const Xapian::Database& db, const BuiltQuery& bq, const Xapian::MSet* ms) {
    const Xapian::doccount N = db.get_doccount();
    std::vector<double> weights;
    // The match set holds the statistics of the query's own terms: no index lookup for them.
    for (const std::string& s : bq.focus) weights.push_back(idf(ms ? ms->get_termfreq(s) : db.get_termfreq(s), N));
    return focus_words(bq.focus, weights);
}

std::vector<Ranked> rerank(const Xapian::Database& db, const Xapian::MSet& ms, const BuiltQuery& bq,
                           std::size_t needed, std::size_t* read, SketchCache* cache) {
    std::vector<Ranked> out = in_order(ms);
    const bool passages = wants_rerank(bq), sections = wants_sections(bq);
    if (!(passages || sections) || out.empty() || ms.get_firstitem() != 0) return out;

    const std::vector<FocusWord> words = weighted_focus(db, bq, &ms);
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
        // With a cache, the document is read only when its sketch is not
        // kept (over a remote shard, each read is a round trip).
        std::shared_ptr<const PassageSketch> kept;
        std::optional<PassageSketch> own;
        if (cache) {
            kept = cache->get(*out[i].it, [&] { return out[i].it.get_document(); });
        } else {
            const Xapian::Document doc = out[i].it.get_document();
            own.emplace(doc.get_value(schema::kSlotPassages), doc.get_docid());
        }
        const PostEvidence e = post_evidence(kept ? *kept : *own, words, passages, sections);
        out[i].score += most * e.coverage - spread * e.spread;
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
