// The Analyzer façade and the pipeline that runs its stages (stages.hpp) in order.
#include <newsidx/analyzer.hpp>

#include "analysis.hpp"
#include "concepts.hpp"
#include "normalize.hpp"
#include "stages.hpp"
#include "utf8.hpp"

#include <algorithm>

namespace newsidx {

namespace detail {

std::vector<Word> analyze_words(std::string_view text, std::uint32_t first_position, const UserLexicon* user) {
    std::vector<Word> words;
    Normalized n;
    normalize(text, n);  // 1
    std::vector<Segment> segments;
    segment(n.text, segments);  // 2
    words.reserve(segments.size());  // a Word is large: no relocation while they come
    std::vector<Run> runs;
    std::vector<Stemmed> stemmed;
    std::uint32_t pos = first_position;
    std::int32_t last_end = -1;  // where the segment of words.back() ends; -1: a word was dropped since
    for (const Segment& seg : segments) {
        script_runs(n.text, seg, runs);  // 3
        drop_glued_particle(n.text, runs);
        stem_runs(n.text, runs, stemmed, user);           // 4
        Word w = emit_word(n, seg, stemmed, pos, user);   // 5
        pos += w.width();
        if (!keep_word(w)) {                              // 6
            last_end = -1;
            continue;
        }
        mark_stopword(w);
        add_bigrams(w, user);
        if (!words.empty()) {
            join_spaced(words.back(), w, user);
            if (hyphen_between(n.text, last_end, seg.begin)) join_hyphenated(words.back(), w, user);
        }
        last_end = seg.end;
        words.push_back(std::move(w));
    }
    return words;
}

std::vector<Word> analyze(const Analyzer& analyzer, std::string_view text, std::uint32_t first_position) {
    std::vector<Word> words = analyze_words(text, first_position, analyzer.user_lexicon());
    if (const ConceptTable* c = AnalyzerAccess::concepts(analyzer)) c->mark(words);  // 6. concepts
    return words;
}

// 7. terms
void word_tokens(const Word& w, std::vector<Token>& out) {
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
    if (!w.joined.empty()) emit(w.joined, TermKind::Joined, w.position, w.begin, w.end);
    if (!w.concepts.empty()) {
        // Each concept after the word's terms at its position (a part's at the
        // part): positional tokens stay in position order.
        const std::size_t from = out.size() - (w.parts.empty() ? 1 + (w.stem != w.surface) : 1 + w.parts.size()) -
                                 (w.joined.empty() ? 0 : 1);
        for (const Concept& c : w.concepts) emit(c.key, TermKind::Concept, c.position, c.begin, c.end);
        std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(from), out.end(),
                         [](const Token& a, const Token& b) { return a.position < b.position; });
    }
    for (const std::string& b : w.bigrams) emit(b, TermKind::Bigram, 0, w.begin, w.end);
}

}  // namespace detail

struct Analyzer::Impl {
    std::shared_ptr<const detail::UserLexicon> user;  // the index's dictionary, or null
    // The index's groups on top of the built-in ones, or null for the
    // built-in table alone — built at the first analysis, not here: making
    // an Analyzer costs nothing (a writer refused by the lock answers at once).
    std::shared_ptr<const detail::ConceptTable> concepts;
};

const detail::ConceptTable* detail::AnalyzerAccess::concepts(const Analyzer& a) {
    if (!a.impl_) return nullptr;
    return a.impl_->concepts ? a.impl_->concepts.get() : detail::builtin_concepts().get();
}

Analyzer::Analyzer() : impl_(std::make_unique<Impl>()) {}
Analyzer::Analyzer(std::shared_ptr<const detail::UserLexicon> user_lexicon) : impl_(std::make_unique<Impl>()) {
    impl_->user = std::move(user_lexicon);
}

Analyzer::Analyzer(const detail::AnalyzerConfig& config) : impl_(std::make_unique<Impl>()) {
    impl_->user = config.user;
    if (config.groups.empty()) return;
    std::vector<std::vector<std::string>> groups = detail::builtin_groups();
    groups.insert(groups.end(), config.groups.begin(), config.groups.end());
    impl_->concepts = std::make_shared<const detail::ConceptTable>(groups);
}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::string Analyzer::normalize(std::string_view text) const { return detail::normalize_utf8(text); }

std::string Analyzer::stem_word(std::string_view w) const {
    const std::string s(w);
    std::size_t i = 0;
    const detail::Script sc = s.empty() ? detail::Script::Other : detail::script_of(utf8::next(s, i));
    return detail::stem_run(s, sc, detail::Place::Alone, user_lexicon());
}

const detail::UserLexicon* Analyzer::user_lexicon() const { return impl_ ? impl_->user.get() : nullptr; }

std::vector<Token> Analyzer::tokens(std::string_view text, std::uint32_t first_position) const {
    std::vector<Token> out;
    for (const detail::Word& w : detail::analyze(*this, text, first_position)) detail::word_tokens(w, out);
    return out;
}

}  // namespace newsidx
