// The query of one word (QueryBuilder, query_builder_impl.hpp): its
// spellings, its concept term, its joins and, for a word the index lacks,
// the last resort.
#include "query_builder_impl.hpp"

#include "analysis.hpp"
#include "concepts.hpp"
#include "fields.hpp"
#include "korean.hpp"
#include "or_safe.hpp"
#include "schema.hpp"
#include "stages.hpp"

#include <algorithm>
#include <string>

namespace newsidx::detail {

// A Hangul word written as its stem of two or more syllables and then more
// (금강산의, 번디를): a noun with its particle, not a verb's inflection
// (가리키는 -> 가리키다; 찾았다 -> 찾, a one-syllable stem, is left alone).
bool particle_form(const Word& w) {
    return w.hangul && hangul_syllables(w.stem) >= 2 && w.surface.size() > w.stem.size() &&
           w.surface.compare(0, w.stem.size(), w.stem) == 0;
}

// The query's words were analyzed one by one (each at position 1): the
// run is numbered as one text and its members found across words (오픈 AI,
// 젠슨 황), as in a post.
void QueryBuilder::mark_concepts(std::vector<Word>& run) const {
    const ConceptTable* table = AnalyzerAccess::concepts(analyzer_);
    if (!table || run.size() < 2) return;
    std::uint32_t pos = 1;
    for (Word& w : run) {
        const std::uint32_t shift = pos - w.position;
        w.position += shift;
        for (WordPart& p : w.parts) p.position += shift;
        w.concepts.clear();
        pos = w.position + w.width();
    }
    table->mark(run);
}

// The keys of the groups whose member is the `len` words from `w` (the
// word itself, not one of its parts), when the index holds their concept
// term: a group added with `newsidx synonyms` after the posts were
// indexed has none until `reindex`, and is searched by its spellings.
std::vector<std::string> QueryBuilder::known_concepts(const Word& w, std::uint32_t len) const {
    std::vector<std::string> keys;
    for (const Concept& c : w.concepts)
        if (!c.part && c.words == len && c.position == w.position &&
            (!known_ || known(schema::term(schema::kConceptField.prefix, c.key))))
            keys.push_back(c.key);
    return keys;
}

// Snippets mark the words of a post that give one of out_.terms: a post
// found by the concept term wrote another member (OpenAI for 오픈AI), so
// the other members' terms are recorded, their query left unused.
void QueryBuilder::highlight_synonyms(const Word& w) {
    if (!syn_) return;
    for (const std::string& key : {w.stem, w.surface}) {
        auto it = syn_->find(key);
        if (it == syn_->end()) continue;
        (void)alternatives(it->second);
        return;
    }
}

// The other spellings of a name, each analyzed like a query word.
Xapian::Query QueryBuilder::alternatives(const std::vector<std::string>& texts) {
    std::vector<Xapian::Query> alts;
    for (const std::string& t : texts) {
        const std::vector<Word> ws = analyze(analyzer_, t);
        const std::optional<Word> j = ws.size() == 2 ? hyphen_join(ws[0], ws[1]) : std::nullopt;  // GPT-4o
        if (ws.size() == 1) alts.push_back(spellings(ws[0], false, false));
        else if (j) alts.push_back(hyphenated(ws[0], ws[1], *j, [&](const Word& x) { return spellings(x, false, false); }));
        else if (!ws.empty()) alts.push_back(phrase(ws, false));
    }
    return Xapian::Query(Xapian::Query::OP_SYNONYM, alts.begin(), alts.end());
}

// Compound `w` written with its parts apart (삼성전자 -> 삼성 전자), as
// the analyzer reads that text: each part may be a compound itself.
std::vector<Word> QueryBuilder::spaced(const Word& w) const {
    std::string text;
    for (const WordPart& p : w.parts) (text.empty() ? text : text += ' ') += p.stem;
    return analyze_words(text, 1, analyzer_.user_lexicon());
}

// Every way the word may be written, as one synonym group.
Xapian::Query QueryBuilder::spellings(const Word& w, bool title, bool with_synonyms) {
    std::vector<Xapian::Query> alts;
    if (w.parts.empty()) {
        alts.push_back(term(w.stem, title));
        // open-source's join: the spaced words' phrase is a spelling too (hyphenated()).
        if (&w == spaced_join_) alts.push_back(phrase(spaced_words_, title));
        // The exact form counts again (its wdf adds to the stem's), but not
        // a Hangul noun's particle form (금강산의, 번디를: the stem spelled
        // whole, then a particle): the particle says what the word does in
        // the question, not where the answer is, and it made a sibling
        // passage that repeats 번디를 outrank the one that answers.
        // An inflected form (가리키는 -> 가리키다) is still counted.
        if (w.surface != w.stem && !particle_form(w)) alts.push_back(term(w.surface, title));
    } else if (w.compound) {
        // 삼성전자: a post writing 삼성 전자 holds the joined term 삼성전자
        // at that spot (join_spaced, stages.hpp), so the word's own term
        // finds both spellings and no phrase of its parts is needed. Asked
        // of the analyzer itself, so the answer is the indexer's. Else
        // (인공지능반도체, split by syllable count) the phrase of the
        // spaced words, each part at the positions a post gives it.
        alts.push_back(term(w.stem, title));
        const std::vector<Word> apart = spaced(w);
        if (!(apart.size() == 2 && apart[0].joined == w.stem) && apart.size() >= 2)
            alts.push_back(phrase(apart, title));
    } else {
        // A mixed-script word (오픈AI): its runs written apart (오픈 AI) are
        // a phrase of them. The runs are no query words of their own:
        // snippets mark them only side by side (BuiltQuery::splits), not
        // an AI or an 오픈 anywhere else.
        alts.push_back(term(w.stem, title));
        const std::vector<Xapian::Query> runs = run_terms(w, title);
        alts.emplace_back(Xapian::Query::OP_PHRASE, runs.begin(), runs.end(), runs.size());
    }
    // An unknown 스타게이트 may be written 스타 게이트 (and 젠슨황 as 젠슨 황).
    if (w.hangul && w.parts.empty() && !known(w)) {
        std::vector<std::size_t> at;  // byte offsets of syllables in the stem
        for (std::size_t i = 0; i < w.stem.size(); i += 3) at.push_back(i);
        if (at.size() >= 3 && at.size() <= kMaxSplitSyllables && hangul_syllables(w.stem) == at.size()) {
            // The halves are no query words of their own: snippets mark
            // them only side by side (BuiltQuery::splits).
            auto half = [&](const std::string& h) {
                return Xapian::Query(title ? schema::term(schema::kTitleField.prefix, h) : h);
            };
            for (std::size_t k = 1; k < at.size(); ++k) {
                const std::string first = w.stem.substr(0, at[k]), second = w.stem.substr(at[k]);
                if (!title) out_.splits.emplace(first, second);
                Xapian::Query halves[] = {half(first), half(second)};
                alts.emplace_back(Xapian::Query::OP_PHRASE, std::begin(halves), std::end(halves), 2);
            }
        }
    }
    if (with_synonyms && syn_ && !title) {
        for (const std::string& key : {w.stem, w.surface}) {
            auto it = syn_->find(key);
            if (it == syn_->end()) continue;
            Xapian::Query a = alternatives(it->second);
            // GPT4o's other spelling GPT-4o is its own term (the join): once.
            const std::string name = a.get_description();
            if (std::none_of(alts.begin(), alts.end(), [&](const Xapian::Query& q) { return q.get_description() == name; }))
                alts.push_back(std::move(a));
            break;
        }
    }
    if (alts.size() == 1) return alts[0];
    return Xapian::Query(Xapian::Query::OP_SYNONYM, alts.begin(), alts.end());
}

// The word as the text holds it (text_word), and beside it, when some
// post's file name holds its stem (asked of the index: none without
// one), a bonus for the posts whose file name holds it: that file-name
// term in one OP_SYNONYM with the word's text spellings, at
// kFileNameWeight, filtered by the file-name term. Its IDF is the word's
// over both, never the rarer file-name term's alone, so a post found by
// its file name only scores about a fifth of what one mention in its text
// would give it; a post whose text alone holds the word scores as if no
// file name held it.
Xapian::Query QueryBuilder::word(const Word& w, bool title) {
    Xapian::Query q = text_word(w, title);
    if (title) return q;
    const std::string t = schema::term(schema::kFileNameField.prefix, w.stem);
    if (!known_ || !known(t)) return q;
    const Xapian::Query both[] = {whole_, Xapian::Query(t)};
    const Xapian::Query f(Xapian::Query::OP_SCALE_WEIGHT,
                          Xapian::Query(Xapian::Query::OP_SYNONYM, std::begin(both), std::end(both)), kFileNameWeight);
    // Filtered: a bonus over every post of the word made Xapian count
    // them twice ("about 600 matches" for 325: an OR's estimate adds its
    // sides) and weighed the word a fifth above the query's other words
    // wherever some file name held it. (As AND_MAYBE's right side instead,
    // pruned searches over two local shards with a date filter lost posts.)
    const Xapian::Query fname(t);
    const Xapian::Query bonus(Xapian::Query::OP_FILTER, f, fname);
    auto with_bonus = [&](const Xapian::Query& base) {
        return Xapian::Query(Xapian::Query::OP_OR, or_safe(base, out_.full_evaluation), bonus);
    };
    whole_ = with_bonus(whole_);
    return with_bonus(q);
}

// The word's spellings; for an unknown word, beside them, its Hangul
// bigrams at kBigramWeight (found inside words the lexicon cannot split).
Xapian::Query QueryBuilder::text_word(const Word& w, bool title) {
    if (!title) {
        const std::vector<std::string> keys = known_concepts(w, 1);
        if (!keys.empty()) {
            // A word of a synonym or variant group searches the group's
            // concept term alone: every post holding any spelling of the
            // name holds it at that spot (the index's groups are the
            // ones its posts were analyzed with), so 오픈AI, OpenAI and
            // 오픈 AI find the same posts with the same weight, from one
            // posting list. The spellings' terms are recorded for the
            // snippets (highlight_synonyms, spellings), their queries
            // left unused.
            highlight_synonyms(w);
            (void)spellings(w, false, false);
            return whole_ = concept_query(keys);
        }
    }
    Xapian::Query q = spellings(w, title, true);
    whole_ = q;
    if (!bigrams_ || w.compound || known(w)) return q;
    std::vector<std::string> grams = w.bigrams;
    if (grams.empty() && w.hangul && w.parts.empty()) bigrams(w.stem, grams);  // a noun the index lacks
    if (grams.empty()) return q;
    if (std::find(out_.last_resort.begin(), out_.last_resort.end(), w.surface) == out_.last_resort.end())
        out_.last_resort.push_back(w.surface);
    std::vector<Xapian::Query> bg;
    for (const std::string& g : grams) {
        if (!title) out_.bigrams.insert(g);
        bg.emplace_back(schema::term(title ? schema::kTitleField.bigram_prefix : schema::kBigramField.prefix, g));
    }
    return Xapian::Query(Xapian::Query::OP_OR, q,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                       Xapian::Query(Xapian::Query::OP_OR, bg.begin(), bg.end()), kBigramWeight));
}

// Positional: each position accepts the surface or the stem, so "AI 동맹"
// matches "AI 동맹을"; mixed-script words contribute their parts.
// Whether a spelling of a name or a word (젠슨 황, GPT-5, open source,
// 인공지능 반도체) or a user's quoted phrase, its words are no query words of
// their own: snippets mark them only next to each other
// (BuiltQuery::splits), never a 5 or a 황 alone; a compound among them
// still marks as its parts.
Xapian::Query QueryBuilder::phrase(const std::vector<Word>& ws, bool title) {
    const bool pairs = ws.size() > 1 && !title;
    auto at = [&](const std::string& t) { return pairs ? Xapian::Query(t) : term(t, title); };
    std::vector<Xapian::Query> subs;
    for (std::size_t k = 0; k < ws.size(); ++k) {
        const Word& w = ws[k];
        if (!w.parts.empty() && !w.compound) {
            const std::vector<Xapian::Query> runs = run_terms(w, title);
            subs.insert(subs.end(), runs.begin(), runs.end());
            // Written whole (오픈AI), it is the word itself; in a phrase of
            // several words only beside its neighbours (the pairs below).
            if (!title && !pairs) out_.terms.insert(w.stem);
        } else if (!w.parts.empty()) {
            for (const WordPart& p : w.parts) subs.push_back(term(p.stem, title));
        } else if (w.surface == w.stem) {
            subs.push_back(at(w.stem));
        } else {
            subs.emplace_back(Xapian::Query::OP_OR, at(w.surface), at(w.stem));
        }
        if (pairs && k > 0 && !ws[k - 1].compound && !w.compound) {
            // The neighbours as a post's words stand side by side: whole, or
            // a mixed-script word's last run before and first run after
            // (오픈 AI 투자 for "오픈AI 투자").
            const Word& v = ws[k - 1];
            for (const std::string* a : {&v.stem, v.parts.empty() ? &v.stem : &v.parts.back().stem})
                for (const std::string* b : {&w.stem, w.parts.empty() ? &w.stem : &w.parts.front().stem})
                    out_.splits.emplace(*a, *b);
        }
    }
    if (subs.size() == 1) return subs[0];
    return Xapian::Query(Xapian::Query::OP_PHRASE, subs.begin(), subs.end(), subs.size());
}

// The runs of a mixed-script word (오픈AI -> 오픈, ai), a term each, for a
// phrase that finds them written apart. They are no query words of their
// own: each two neighbours go to BuiltQuery::splits, so a post's words are
// marked where they stand side by side, as the phrase matched them.
std::vector<Xapian::Query> QueryBuilder::run_terms(const Word& w, bool title) {
    std::vector<Xapian::Query> runs;
    for (std::size_t k = 0; k < w.parts.size(); ++k) {
        runs.emplace_back(title ? schema::term(schema::kTitleField.prefix, w.parts[k].stem) : w.parts[k].stem);
        if (!title && k > 0) out_.splits.emplace(w.parts[k - 1].stem, w.parts[k].stem);
    }
    return runs;
}

}  // namespace newsidx::detail
