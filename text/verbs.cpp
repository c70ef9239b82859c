#include "verbs.hpp"

#include "hangul.hpp"
#include "lexicon_data.hpp"
#include "utf8.hpp"
#include "word_set.hpp"

#include <array>
#include <deque>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace newsidx::detail {

namespace {

// Syllable arithmetic (Unicode: 0xAC00 + (initial * 21 + vowel) * 28 + final).
constexpr char32_t kBase = 0xAC00;
int initial(char32_t s) { return static_cast<int>((s - kBase) / (21 * 28)); }
int vowel(char32_t s) { return static_cast<int>((s - kBase) / 28 % 21); }
int final_of(char32_t s) { return static_cast<int>((s - kBase) % 28); }
char32_t syllable(int i, int v, int f) { return kBase + static_cast<char32_t>((i * 21 + v) * 28 + f); }

// Vowels, finals and initials by their Unicode index.
enum Vowel { A = 0, AE = 1, EO = 4, YEO = 6, O = 8, WA = 9, WAE = 10, OE = 11, U = 13, WO = 14, EU = 18, I = 20 };
enum Final { None = 0, Nieun = 4, Rieul = 8, Mieum = 16, Bieup = 17, Ssang = 20 };
constexpr int kIeung = 11, kHieut = 18, kRieulInitial = 5;

struct Verbs {
    // The list's words, decoded once; the sets hold views of them.
    std::deque<std::u32string> owned;
    BasicWordSet<char32_t> stems{lexicon_data::kVerbCount};  // verb stems
    std::vector<char> stem_class;                             // by slot of `stems`: R, L, B, D, S, H
    BasicWordSet<char32_t> words{lexicon_data::kVerbCount};  // adverbs and other words of their own (class '-')
    // Which syllables end some stem: most candidates fail this test and
    // never reach the set (an analyzer tries a few per Hangul word).
    std::vector<bool> last_syllable = std::vector<bool>(11172, false);
    // Which syllables begin some stem: a word whose first syllable begins
    // none (as written, without its final, or with ㅂ for 도와 -> 돕) is no
    // verb form.
    std::vector<bool> first_syllable = std::vector<bool>(11172, false);
    Verbs() {
        stem_class.assign(stems.size(), 0);
        for (std::size_t c = 0; c < lexicon_data::kVerbChunkCount; ++c) {
            const std::string_view chunk = lexicon_data::kVerbChunks[c];
            for (std::size_t at = 0; at < chunk.size();) {
                std::size_t nl = chunk.find('\n', at);
                if (nl == std::string_view::npos) nl = chunk.size();
                const std::string_view line = chunk.substr(at, nl - at);
                const std::size_t sp = line.find(' ');
                if (sp != std::string_view::npos && sp + 1 < line.size()) {
                    std::u32string& stem = owned.emplace_back();
                    for (std::size_t i = 0; i < sp;) stem.push_back(utf8::next(line, i));
                    if (line[sp + 1] == '-') {  // 마치 the adverb; 마치다 the verb has its own line
                        words.insert(stem);
                    } else if (!stem.empty()) {
                        if (hangul::is_syllable(stem.back())) last_syllable[stem.back() - kBase] = true;
                        if (hangul::is_syllable(stem.front())) first_syllable[stem.front() - kBase] = true;
                        const std::size_t slot = stems.insert(stem);
                        if (stem_class[slot] == 0) stem_class[slot] = line[sp + 1];
                    }
                }
                at = nl + 1;
            }
        }
    }
};

const Verbs& verbs() {
    static const Verbs v;
    return v;
}

// Endings written as whole syllables after the stem (or after a tense
// syllable 었/았/였 or a fused form), longest first within each length.
using namespace std::string_view_literals;
constexpr std::u32string_view kEndings[] = {
    U"습니다"sv, U"습니까"sv, U"으면서"sv, U"더라도"sv, U"으려고"sv, U"는다고"sv, U"는다는"sv, U"다는"sv, U"다고"sv, U"다가"sv,
    U"는데"sv, U"지만"sv, U"도록"sv, U"려고"sv, U"면서"sv, U"는가"sv, U"는지"sv, U"던데"sv, U"기로"sv, U"기에"sv, U"기도"sv,
    U"거나"sv, U"더니"sv, U"든지"sv, U"으며"sv, U"으면"sv, U"으니"sv, U"으려"sv, U"으나"sv, U"니다"sv, U"니까"sv, U"는다"sv,
    U"다"sv, U"고"sv, U"며"sv, U"면"sv, U"지"sv, U"게"sv, U"기"sv, U"는"sv, U"던"sv, U"니"sv, U"자"sv, U"서"sv, U"도"sv, U"요"sv,
    U"은"sv, U"을"sv, U"음"sv, U"나"sv, U"야"sv, U"데"sv, U"려는"sv, U"려면"sv, U"려던"sv, U"려"sv, U"러"sv, U"라"sv,
};

const char* lookup(std::u32string_view stem) {
    if (stem.size() < 2 || !hangul::is_syllable(stem.back())) return nullptr;
    const Verbs& v = verbs();
    if (!v.last_syllable[stem.back() - kBase]) return nullptr;
    const std::size_t slot = v.stems.find(stem);
    return slot == BasicWordSet<char32_t>::npos ? nullptr : &v.stem_class[slot];
}

// Candidates are built in buffers of their own per step (one thread's,
// reused: an analyzer tries a few dozen per Hangul word and allocates for
// none). A step reads its base as a view of the caller's buffer, so no two
// steps that are active together share one.
std::u32string& buffer(int which) {
    thread_local std::u32string b[4];
    return b[which];
}
enum Buffer { kUnfuse, kUntense, kRieul, kFused };

// Keeps the longest stem of the list among the candidates.
struct Best {
    std::u32string& stem;
    void offer(std::u32string_view c, const char* need_class = nullptr) {
        const char* cls = lookup(c);
        if (!cls) return;
        if (need_class && *cls != *need_class) return;
        if (c.size() > stem.size()) stem.assign(c);
    }
};

// A base whose last syllable may hold a fused 아/어 (and whose past ㅆ, if
// any, was already removed): the stems it can come from.
void unfuse(std::u32string_view base, Best& best) {
    if (base.empty()) return;
    best.offer(base);
    const char32_t last = base.back();
    if (!hangul::is_syllable(last) || final_of(last) != None) return;
    const std::u32string_view head = base.substr(0, base.size() - 1);
    const int i = initial(last), v = vowel(last);
    // A separate 어/아/여 syllable: 먹어, 잡아, 하여 -> 먹, 잡, 하.
    if (i == kIeung && (v == EO || v == A || v == YEO) && !head.empty()) {
        best.offer(head);
        // ㅂ-irregular written out: 도와 -> 돕 is below; 하여 -> 하 only.
    }
    std::u32string& c = buffer(kUnfuse);
    auto with_last = [&](char32_t s) -> std::u32string_view {
        c.assign(head);
        c.push_back(s);
        return c;
    };
    static const char kB = 'B', kL = 'L';
    switch (v) {
        case WA: best.offer(with_last(syllable(i, O, None))); break;    // 봐 -> 보
        case WO: best.offer(with_last(syllable(i, U, None))); break;    // 줘, 배워 -> 주, 배우
        case WAE: best.offer(with_last(syllable(i, OE, None))); break;  // 돼 -> 되
        case YEO: best.offer(with_last(syllable(i, I, None))); break;   // 쳐, 가려 -> 치, 가리
        case AE:
            if (i == kHieut) best.offer(with_last(syllable(kHieut, A, None)));  // 해 -> 하
            break;
        case EO:
        case A:
            best.offer(with_last(syllable(i, EU, None)));  // 써, 아파 -> 쓰, 아프
            // 르-irregular: 불러, 빨라 -> 부르, 빠르.
            if (i == kRieulInitial && !head.empty() && hangul::is_syllable(head.back()) &&
                final_of(head.back()) == Rieul) {
                c.assign(head);
                c.back() = syllable(initial(c.back()), vowel(c.back()), None);
                c.push_back(syllable(kRieulInitial, EU, None));
                best.offer(c, &kL);
            }
            break;
        default: break;
    }
    // ㅂ-irregular: 도와, 아름다워, 아름다우(ㄴ) -> 돕, 아름답.
    if (i == kIeung && (v == WA || v == WO || v == U) && !head.empty() && hangul::is_syllable(head.back()) &&
        final_of(head.back()) == None) {
        c.assign(head);
        c.back() = syllable(initial(c.back()), vowel(c.back()), Bieup);
        best.offer(c, &kB);
    }
}

// A base that may still hold the past tense: 먹었, 태어났, 했 -> their stems;
// and the future 겠 before it (내리겠, 했겠).
void untense(std::u32string_view base, Best& best) {
    if (base.empty()) return;
    if (base.size() > 2 && base.back() == U'겠') {
        untense(base.substr(0, base.size() - 1), best);
        return;
    }
    const char32_t last = base.back();
    if (hangul::is_syllable(last) && final_of(last) == Ssang) {
        const std::u32string_view head = base.substr(0, base.size() - 1);
        const int i = initial(last), v = vowel(last);
        if (i == kIeung && (v == EO || v == A || v == YEO) && !head.empty()) unfuse(head, best);  // 먹었 -> 먹
        std::u32string& c = buffer(kUntense);
        c.assign(head);
        c.push_back(syllable(i, v, None));
        unfuse(c, best);  // 났 -> 나, 됐 -> 돼 -> 되, 했 -> 해 -> 하
        return;
    }
    unfuse(base, best);
}

// ㄹ-stems drop their ㄹ before ㄴ, ㅂ, 니, 는, 시: 만든, 만듭니다, 만드는 -> 만들.
void with_rieul(std::u32string_view base, Best& best) {
    if (base.empty() || !hangul::is_syllable(base.back()) || final_of(base.back()) != None) return;
    std::u32string& c = buffer(kRieul);
    c.assign(base);
    c.back() = syllable(initial(c.back()), vowel(c.back()), Rieul);
    best.offer(c);
}

// The word's code points into `out` (reused).
void decode(std::string_view word, std::u32string& out) {
    out.clear();
    for (std::size_t i = 0; i < word.size();) out.push_back(utf8::next(word, i));
}

bool ends_with(std::u32string_view w, std::u32string_view end) {
    return w.size() > end.size() && w.compare(w.size() - end.size(), end.size(), end) == 0;
}

}  // namespace

bool is_verb_stem(std::string_view stem) {
    thread_local std::u32string s;
    decode(stem, s);
    return lookup(s) != nullptr;
}

bool is_listed_word(std::string_view word) {
    thread_local std::u32string s;
    decode(word, s);
    if (verbs().stems.contains(s) || verbs().words.contains(s)) return true;
    return s.size() > 2 && s.back() == U'다' && lookup(std::u32string_view(s).substr(0, s.size() - 1)) != nullptr;  // 태어나다
}

std::string verb_stem(std::string_view word) {
    thread_local std::u32string w;
    w.clear();
    for (std::size_t i = 0; i < word.size();) {
        const char32_t c = utf8::next(word, i);
        if (!hangul::is_syllable(c)) return {};
        w.push_back(c);
    }
    if (w.size() < 2) return {};
    // A verb form ends in an ending's last syllable or in a syllable whose
    // final is a fused ending (ㄴ ㄹ ㅁ ㅂ ㅆ) or none (a contraction): most
    // nouns (정, 업, 국) are out after one test.
    static const std::unordered_set<char32_t> kEndingLast = [] {
        std::unordered_set<char32_t> out;
        for (const std::u32string_view e : kEndings) out.insert(e.back());
        return out;
    }();
    const int last_final = final_of(w.back());
    if (last_final != None && last_final != Nieun && last_final != Rieul && last_final != Mieum &&
        last_final != Bieup && last_final != Ssang && kEndingLast.count(w.back()) == 0)
        return {};
    {
        const Verbs& v = verbs();
        const char32_t f = w.front();
        const int fi = initial(f), fv = vowel(f);
        if (!v.first_syllable[f - kBase] && !v.first_syllable[syllable(fi, fv, None) - kBase] &&
            !v.first_syllable[syllable(fi, fv, Rieul) - kBase] && !v.first_syllable[syllable(fi, fv, Bieup) - kBase])
            return {};
    }
    if (verbs().words.contains(w)) return {};  // 그리고, 마치: the word itself is an adverb
    thread_local std::u32string best_stem;
    best_stem.clear();
    Best best{best_stem};
    const std::u32string_view wv = w;
    // The word itself may be a stem plus a fused ending: 태어나 (connective),
    // 태어났 (before a lost ending is rare: skip), 만들어 -> 만들.
    unfuse(wv, best);
    // Only the endings of the word's last syllable, in the list's order.
    static const std::unordered_map<char32_t, std::vector<std::u32string_view>> kByLast = [] {
        std::unordered_map<char32_t, std::vector<std::u32string_view>> out;
        for (const std::u32string_view e : kEndings) out[e.back()].push_back(e);
        return out;
    }();
    static const std::vector<std::u32string_view> kNone;
    const auto by_last = kByLast.find(wv.back());
    const std::vector<std::u32string_view>& endings = by_last == kByLast.end() ? kNone : by_last->second;
    for (const std::u32string_view end : endings) {
        if (!ends_with(wv, end)) continue;
        const std::u32string_view base = wv.substr(0, wv.size() - end.size());
        untense(base, best);
        if (end == U"는" || end == U"니" || end == U"니다" || end == U"니까" || end == U"는데" || end == U"는가" ||
            end == U"는지" || end == U"는다")
            with_rieul(base, best);
    }
    // Endings fused as the last syllable's final: 난, 할, 함, 합(니다), and
    // ㄴ다 (간다, 태어난다), also before 다는/다고.
    auto fused_final = [&](std::u32string_view from) {
        if (from.empty() || !hangul::is_syllable(from.back())) return;
        const int f = final_of(from.back());
        if (f != Nieun && f != Rieul && f != Mieum && f != Bieup) return;
        std::u32string& base = buffer(kFused);
        base.assign(from);
        base.back() = syllable(initial(base.back()), vowel(base.back()), None);
        unfuse(base, best);
        if (f != Rieul) with_rieul(base, best);  // 만든, 만듦, 만듭 -> 만들
    };
    fused_final(wv);
    static constexpr std::u32string_view kFusedBefore[] = {U"다"sv, U"다는"sv, U"다고"sv, U"니다"sv, U"니까"sv,
                                                           U"시다"sv, U"까"sv,  U"지"sv,   U"지도"sv, U"데"sv};
    for (const std::u32string_view end : kFusedBefore) {
        if (end.back() == wv.back() && ends_with(wv, end)) fused_final(wv.substr(0, wv.size() - end.size()));
    }
    std::string out;
    for (char32_t c : best_stem) utf8::append(out, c);
    return out;
}

}  // namespace newsidx::detail
