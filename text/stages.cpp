#include "stages.hpp"

#include "hangul.hpp"
#include "korean.hpp"
#include "lexicon.hpp"
#include "verbs.hpp"
#include "utf8.hpp"
#include "word_set.hpp"

#include <newsidx/error.hpp>

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <xapian.h>

#include <iterator>
#include <memory>
#include <unordered_map>
#include <unordered_set>

namespace newsidx::detail {

namespace {

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
    static const WordSet kStop = [] {
        static constexpr const char* kWords[] = {
            "a",    "an",   "the",   "of",    "to",   "in",   "on",    "for",  "and",  "or",   "is",
            "are",  "was",  "were",  "be",    "been", "by",   "with",  "as",   "at",   "from", "that",
            "this", "it",   "its",   "into",  "than", "then", "but",   "not",  "no",   "will", "would",
            "can",  "could", "has",  "have",  "had",  "do",   "does",  "did",  "so",   "such", "which",
            "who",  "what", "when",  "where", "how",  "there", "their", "they", "he",  "she",  "we",
            "you",  "i",    "our",   "your",  "his",  "her",  "them",  "these", "those", "if", "about"};
        WordSet set(std::size(kWords));  // views of the literals
        for (const char* word : kWords) set.insert(word);
        return set;
    }();
    return kStop.contains(w);
}

}  // namespace

Script script_of(char32_t c) {
    if (hangul::is_hangul(c)) return Script::Hangul;
    if (c < 0x2E80) return Script::Other;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode sc = uscript_getScript(static_cast<UChar32>(c), &status);
    if (sc == USCRIPT_HAN) return Script::Han;
    if (sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA) return Script::Kana;
    return Script::Other;
}

// 2. segment
namespace {

// Programming names that neither ICU's word rules nor the rules below keep
// whole: a leading dot, or marks after a longer word (normalized forms).
const std::unordered_set<std::string>& listed_names() {
    static const std::unordered_set<std::string> kNames = {".net", "notepad++"};
    return kNames;
}

bool is_ascii_letter(UChar32 c) { return c >= 'a' && c <= 'z'; }  // the text is case-folded
bool is_ascii_alnum(UChar32 c) { return is_ascii_letter(c) || (c >= '0' && c <= '9'); }

// U+00B7 MIDDLE DOT (U+0387 folds to it) and U+2027 HYPHENATION POINT: ICU
// reads them inside a word (DRAM·HBM); Korean text lists words with them.
bool is_middle_dot(char16_t u) { return u == 0x00B7 || u == 0x2027; }

// The marks of a programming name after the word [b, e): "++" (c++, g++)
// or "#" (c#, f#) after one letter or a listed word, and not followed by a
// Latin letter, '+', '#', '_' (nor a digit after '#'). The units to add.
std::int32_t name_marks(const icu::UnicodeString& t, std::int32_t b, std::int32_t e) {
    const std::int32_t n = t.length();
    std::int32_t len = 0;
    if (e + 1 < n && t[e] == u'+' && t[e + 1] == u'+') len = 2;
    else if (e < n && t[e] == u'#') len = 1;
    else return 0;
    if (e + len < n) {
        const UChar32 c = t.char32At(e + len);
        if (is_ascii_letter(c) || c == '+' || c == '#' || c == '_' || (len == 1 && is_ascii_alnum(c))) return 0;
    }
    if (e - b == 1 && is_ascii_letter(t[b])) return len;
    std::string name;
    to_utf8(t, b, e + len, name);
    return listed_names().count(name) ? len : 0;
}

// A listed name written with a leading dot (.net), the dot not after a word.
bool leading_dot(const icu::UnicodeString& t, std::int32_t b, std::int32_t e) {
    if (b < 1 || t[b - 1] != u'.') return false;
    if (b >= 2) {
        const UChar32 c = t.char32At(b - 2);
        if (u_isalnum(c) || c == '.' || c == '_') return false;
    }
    std::string name;
    to_utf8(t, b - 1, e, name);
    return listed_names().count(name) > 0;
}

bool short_ascii_word(const icu::UnicodeString& t, std::int32_t b, std::int32_t e) {
    if (e - b < 1 || e - b > 2) return false;
    for (std::int32_t i = b; i < e; ++i)
        if (!is_ascii_letter(t[i])) return false;
    return true;
}

// R&D, AT&T, M&A: one or two letters on each side of one '&' (ICU breaks
// at it) are one name; a chain (a&b&c) and longer words stay apart.
bool ampersand_name(const icu::UnicodeString& t, const Segment& last, std::int32_t b, std::int32_t e) {
    if (b < 1 || t[b - 1] != u'&' || last.end != b - 1 || last.ideographic) return false;
    if (last.begin >= 1 && t[last.begin - 1] == u'&') return false;
    if (e < t.length() && t[e] == u'&') return false;
    return short_ascii_word(t, last.begin, last.end) && short_ascii_word(t, b, e);
}

// Appends `s`, joined to a segment it touches (오픈|ai|가 -> 오픈ai가), but
// for a number after a name's marks (c++17 is c++ and 17).
void add_segment(const icu::UnicodeString& t, std::vector<Segment>& out, Segment s) {
    if (!out.empty() && out.back().end == s.begin && !s.ideographic && !out.back().ideographic) {
        const char16_t last = t[out.back().end - 1];
        if (!((last == u'+' || last == u'#') && u_isdigit(t.char32At(s.begin)))) {
            out.back().end = s.end;
            return;
        }
    }
    out.push_back(s);
}

// One letter or number word of ICU (or its piece between middle dots), with
// the marks of a programming name around it, or ending an ampersand name.
void add_word(const icu::UnicodeString& t, std::vector<Segment>& out, std::int32_t b, std::int32_t e) {
    if (!out.empty() && ampersand_name(t, out.back(), b, e)) {
        out.back().end = e;
        return;
    }
    const std::int32_t begin = leading_dot(t, b, e) ? b - 1 : b;
    add_segment(t, out, {begin, e + name_marks(t, b, e), false});
}

}  // namespace

void segment(const icu::UnicodeString& text, std::vector<Segment>& out) {
    out.clear();
    icu::BreakIterator& bi = word_breaker();
    bi.setText(text);
    std::int32_t prev = bi.first();
    for (std::int32_t b = bi.next(); b != icu::BreakIterator::DONE; prev = b, b = bi.next()) {
        const std::int32_t status = bi.getRuleStatus();
        if (status < UBRK_WORD_NUMBER) continue;  // spaces, punctuation, symbols
        if (status >= UBRK_WORD_KANA) {
            add_segment(text, out, {prev, b, true});
            continue;
        }
        // DRAM·HBM is two words, as "DRAM, HBM" would be.
        std::int32_t piece = prev;
        for (std::int32_t i = prev; i <= b; ++i) {
            if (i < b && !is_middle_dot(text[i])) continue;
            if (i > piece) add_word(text, out, piece, i);
            piece = i + 1;
        }
    }
}

// 3. script runs
void script_runs(const icu::UnicodeString& text, const Segment& seg, std::vector<Run>& out) {
    out.clear();
    const char16_t* units = text.getBuffer();  // read directly: char32At is a call a character
    for (std::int32_t i = seg.begin; i < seg.end;) {
        const std::int32_t at = i;
        UChar32 c;
        U16_NEXT(units, i, seg.end, c);
        const Script sc = script_of(static_cast<char32_t>(c));
        if (out.empty() || out.back().script != sc) out.push_back({at, at, sc});
        out.back().end = i;
    }
    // A JavaScript name (node.js, vue.js, next.js) is its name and js, each
    // kept as written (stage 4), the whole stem nodejs: node.js and nodejs meet.
    for (std::size_t k = 0; k < out.size(); ++k) {
        Run& r = out[k];
        if (r.script != Script::Other || r.end - r.begin < 4) continue;
        const std::int32_t dot = r.end - 3;
        if (text[dot] != u'.' || text[dot + 1] != u'j' || text[dot + 2] != u's' || text[dot - 1] == u'.') continue;
        const Run js{dot + 1, r.end, Script::Other};
        r.end = dot;
        out.insert(out.begin() + static_cast<std::ptrdiff_t>(k) + 1, js);
        ++k;
    }
}

void drop_glued_particle(const icu::UnicodeString& text, std::vector<Run>& runs) {
    const std::size_t n = runs.size();
    if (n < 2 || runs[n - 1].script != Script::Hangul || runs[n - 2].script == Script::Hangul) return;
    std::string last;
    to_utf8(text, runs[n - 1].begin, runs[n - 1].end, last);
    if (is_korean_particle(last)) runs.pop_back();
}

// 4. stem
void strip_possessive(std::string& w) {
    // ’s is folded to 's by nothing, so handle both.
    static const std::string kCurly = "\xE2\x80\x99s";
    if (w.size() > 2 && w.compare(w.size() - 2, 2, "'s") == 0) w.resize(w.size() - 2);
    else if (w.size() > kCurly.size() && w.compare(w.size() - kCurly.size(), kCurly.size(), kCurly) == 0)
        w.resize(w.size() - kCurly.size());
}

namespace {
constexpr std::size_t kStemCacheWords = 1 << 15;  // ~3 MB at most a thread
}  // namespace

std::string english_stem(const std::string& w) {
    bool letters = false;
    for (unsigned char c : w) {
        if (c >= '0' && c <= '9') return w;  // h100, 4o, 2025: keep as written
        // Names: c++, c#, r&d, .net, asp.net, github.io (Snowball made node.js node.j).
        if (c == '+' || c == '#' || c == '&' || c == '.') return w;
        if (c >= 'a' && c <= 'z') letters = true;
    }
    if (!letters) return w;
    // English words repeat: Snowball runs once per word and thread (the
    // stemmer is a pure function), the table cleared when it grows large.
    thread_local std::unordered_map<std::string, std::string> seen;
    if (const auto it = seen.find(w); it != seen.end()) return it->second;
    std::string st = english_stemmer()(w);
    if (st.empty()) st = w;
    if (seen.size() >= kStemCacheWords) seen.clear();
    seen.emplace(w, st);
    return st;
}

std::string stem_run(const std::string& surface, Script script, Place place, const UserLexicon* user) {
    switch (script) {
        case Script::Hangul: {
            if (place != Place::Later && is_lexicon_name(surface)) return surface;  // 슈퍼마이크로 is no 슈퍼마이크 + 로
            if (place != Place::Later && user && user->find(surface)) return surface;  // a user word, as written
            // A lexicon noun is a word, not a stem plus an ending: 솔로, 민주주의,
            // 강원도 (else 솔로 -> 솔 and 민주주의 never meets 민주주의가 -> 민주주의).
            if (is_lexicon_noun(surface, user)) return surface;
            std::string stem = korean_stem(surface, place == Place::Later);
            if (place == Place::Later) return stem;
            // 아들은 is 아들 + 은, not 아 + plural 들 + 은: a lexicon noun ending
            // in 들 keeps it when only a particle (or nothing) follows.
            if (stem.size() < surface.size() && surface.compare(stem.size(), 3, "\xEB\x93\xA4") == 0) {
                std::string with = stem + "\xEB\x93\xA4";  // + 들
                if (is_lexicon_noun(with, user) &&
                    (with.size() == surface.size() || is_korean_particle(std::string_view(surface).substr(with.size()))))
                    return with;
            }
            // A noun plus a particle (기쁨에, 이름이었다) stays the noun; a noun
            // the stripper made by cutting a verb ending (이루었다 -> 이루) does
            // not outrank the verb reading (이루다).
            // The plural 들 (사람들, 기업들이) counts with the particle after it.
            std::string_view rest = std::string_view(surface).substr(stem.size());
            const bool plural = rest.substr(0, 3) == "\xEB\x93\xA4";
            if (plural) rest.remove_prefix(3);
            const bool particle = stem != surface && ((plural && rest.empty()) || is_korean_particle(rest));
            // (A verb that ends in 들 stays one: 파고들고 -> 파고들다, not 파고 + 들 + 고.)
            if (particle && (is_lexicon_noun(stem, user) || is_lexicon_name(stem)) && !(plural && !verb_stem(surface).empty()))
                return stem;  // 시리를 -> 시리
            // A verb or adjective form, by hunspell-ko's verb list, as its
            // dictionary form: 태어났다, 태어난 -> 태어나다; 아름다운 -> 아름답다 (not
            // the nouns 아름 + 다운). The 다 keeps verbs apart from nouns and
            // names: 시리게 (시리다, cold) -> 시리다, never 시리 (Siri).
            std::string verb = verb_stem(surface);
            if (verb.empty() && stem != surface && !particle) verb = verb_stem(stem);  // not 시리를 -> 시리다
            if (!verb.empty()) {
                std::string noun = light_verb_noun(verb, user);  // 설립하 -> 설립
                return noun.empty() ? verb + "\xEB\x8B\xA4" : noun;  // + 다
            }
            if (is_lexicon_noun(stem, user)) return stem;
            if (!compound_split(stem, user).empty()) return stem;
            std::string noun = light_verb_noun(stem, user);  // 정리했음 -> 정리
            // The stripper may have cut inside the light verb (박해당하였는가 ->
            // 박해당): read the whole surface too.
            if (noun.empty() && stem != surface) noun = light_verb_noun(surface, user);
            return noun.empty() ? stem : noun;
        }
        case Script::Other: return place == Place::Alone ? english_stem(surface) : surface;
        default: return surface;
    }
}

void stem_runs(const icu::UnicodeString& text, const std::vector<Run>& runs, std::vector<Stemmed>& out,
               const UserLexicon* user) {
    out.clear();
    for (std::size_t k = 0; k < runs.size(); ++k) {
        const Place place = runs.size() == 1 ? Place::Alone : k == 0 ? Place::First : Place::Later;
        Stemmed s;
        s.script = runs[k].script;
        s.begin = runs[k].begin;
        s.end = runs[k].end;
        to_utf8(text, s.begin, s.end, s.surface);
        if (place == Place::Alone && s.script == Script::Other) strip_possessive(s.surface);
        s.stem = stem_run(s.surface, s.script, place, user);
        out.push_back(std::move(s));
    }
}

// 4b. decompound
void decompound(const Normalized& n, const Stemmed& run, Word& w, const UserLexicon* user) {
    // The stem is the surface minus an ending: a prefix, one UTF-16 unit a syllable.
    if (w.surface.compare(0, w.stem.size(), w.stem) != 0) return;
    const std::vector<std::size_t> split = compound_split(w.stem, user);
    if (split.empty()) return;
    std::size_t at = 0;  // syllables into the stem
    for (std::size_t k = 0; k < split.size(); ++k) {
        WordPart p;
        p.stem = w.stem.substr(at * 3, split[k] * 3);
        p.surface = k + 1 < split.size() ? p.stem : w.surface.substr(at * 3);  // the last keeps the ending
        p.hangul = true;
        p.position = w.position + static_cast<std::uint32_t>(k);
        const auto u = static_cast<std::size_t>(run.begin) + at;
        p.begin = n.begin[u];
        p.end = n.end[u + split[k] - 1];
        at += split[k];
        w.parts.push_back(std::move(p));
    }
    w.compound = true;
}

// 5. emit
Word emit_word(const Normalized& n, const Segment& seg, const std::vector<Stemmed>& runs, std::uint32_t position,
               const UserLexicon* user) {
    Word w;
    w.begin = n.begin[static_cast<std::size_t>(seg.begin)];
    w.end = n.end[static_cast<std::size_t>(seg.end - 1)];
    w.position = position;
    if (runs.size() == 1) {
        // "GPT를" is the word gpt; "samsung's" is samsung.
        w.surface = runs[0].surface;
        w.stem = runs[0].stem;
        w.hangul = runs[0].script == Script::Hangul;
        if (w.hangul) decompound(n, runs[0], w, user);
        return w;
    }
    to_utf8(n.text, seg.begin, seg.end, w.surface);
    for (std::size_t k = 0; k < runs.size(); ++k) {
        WordPart p;
        p.surface = runs[k].surface;
        p.stem = runs[k].stem;
        p.hangul = runs[k].script == Script::Hangul;
        p.position = position + static_cast<std::uint32_t>(k);
        p.begin = n.begin[static_cast<std::size_t>(runs[k].begin)];
        p.end = n.end[static_cast<std::size_t>(runs[k].end - 1)];
        w.stem += p.stem;
        w.parts.push_back(std::move(p));
    }
    return w;
}

// 6. filters
bool keep_word(const Word& w) { return w.surface.size() <= Analyzer::kMaxTermBytes && !w.stem.empty(); }

void mark_stopword(Word& w) {
    // The English list is ASCII only: it never holds a Han or Kana word.
    if (w.parts.empty()) w.stopword = w.hangul ? is_korean_stopword(w.surface) : is_english_stopword(w.surface);
}

void bigrams(const std::string& stem, std::vector<std::string>& out) {
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < stem.size();) {
        starts.push_back(i);
        utf8::next(stem, i);
    }
    if (starts.size() < 2) return;
    for (std::size_t k = 0; k + 1 < starts.size(); ++k) {
        const std::size_t end = k + 2 < starts.size() ? starts[k + 2] : stem.size();
        std::string bg = stem.substr(starts[k], end - starts[k]);
        if (hangul_syllables(bg) == 2) out.push_back(std::move(bg));
    }
}

void join_spaced(Word& a, const Word& b, const UserLexicon* user) {
    if (!a.hangul || !b.hangul || !a.parts.empty() || !b.parts.empty() || a.surface != a.stem) return;
    if (b.position != a.position + 1) return;  // a dropped word (too long) or a block gap between them
    thread_local std::string join;  // most pairs join into nothing: no allocation for them
    join.assign(a.stem).append(b.stem);
    const bool name = is_lexicon_name(join);
    if (!name && (hangul_syllables(a.stem) < 2 || hangul_syllables(b.stem) < 2)) return;  // 개 개, 수 위: noise
    if (name || is_lexicon_noun(join, user) || is_segmented(join, user)) a.joined = join;
}

bool hyphen_between(const icu::UnicodeString& text, std::int32_t end, std::int32_t begin) {
    if (end < 0 || begin != end + 1 || end >= text.length()) return false;
    const char16_t c = text.charAt(end);
    return c == u'-' || c == u'\u2010' || c == u'\u2011';
}

void join_hyphenated(Word& a, const Word& b, const UserLexicon* user) {
    if (a.hangul || b.hangul || !a.parts.empty() || !b.parts.empty() || a.stopword || b.stopword) return;
    if (b.position != a.position + 1) return;  // a dropped word (too long) or a block gap between them
    bool letter = false;
    const std::string* sides[] = {&a.surface, &b.surface};
    for (const std::string* s : sides)
        for (std::size_t i = 0; i < s->size();) {
            const char32_t c = utf8::next(*s, i);
            if (script_of(c) != Script::Other || !u_isalnum(static_cast<UChar32>(c))) return;  // c++-based, K-팝
            letter = letter || u_isalpha(static_cast<UChar32>(c));
        }
    if (!letter) return;  // 2020-2024, 010-1234: numbers, not one word
    const std::string join = a.surface + b.surface;
    if (join.size() > Analyzer::kMaxTermBytes) return;
    a.joined = stem_run(join, Script::Other, Place::Alone, user);
    a.hyphen = true;
}

bool needs_bigrams(const std::string& stem, const UserLexicon* user) {
    return hangul_syllables(stem) >= 3 && !is_lexicon_noun(stem, user) && !is_listed_word(stem);
}

void add_bigrams(Word& w, const UserLexicon* user) {
    if (w.compound) return;  // its parts are known words
    if (w.parts.empty()) {
        if (w.hangul && needs_bigrams(w.stem, user)) bigrams(w.stem, w.bigrams);
        return;
    }
    for (const WordPart& p : w.parts)
        if (p.hangul && needs_bigrams(p.stem, user)) bigrams(p.stem, w.bigrams);
}

}  // namespace newsidx::detail
