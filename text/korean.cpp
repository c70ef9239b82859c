#include "korean.hpp"

#include "hangul.hpp"
#include "utf8.hpp"
#include "word_set.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace newsidx::detail {

namespace {

// What the syllable before a suffix must look like. 은/이/을/과/으로 follow a
// final consonant (받침); 는/가/를/와/로 follow a vowel (로 also follows ㄹ).
enum class Cond { Any, Consonant, Vowel, VowelOrRieul };

struct Suffix {
    std::u32string text;
    Cond cond;
    std::size_t min_left;  // syllables that must remain
};

std::u32string u32(std::string_view s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) out.push_back(utf8::next(s, i));
    return out;
}

// The code points of `s` in one thread's buffer `which` (reused: the
// analyzer asks per word, and allocates for none).
const std::u32string& u32_scratch(std::string_view s, int which) {
    thread_local std::u32string buf[2];
    std::u32string& out = buf[which];
    out.clear();
    for (std::size_t i = 0; i < s.size();) out.push_back(utf8::next(s, i));
    return out;
}

// Particles, one per row: text, condition. One-syllable particles that are
// also common word endings (의 in 회의, 도 in 속도, 만 in 이만, 에 in 세계에?)
// need two syllables left; unambiguous case particles need one (칩을 -> 칩).
struct Row {
    const char* text;
    Cond cond;
};

constexpr std::array kParticles = {
    Row{"이", Cond::Consonant},     Row{"가", Cond::Vowel},          Row{"은", Cond::Consonant},
    Row{"는", Cond::Vowel},         Row{"을", Cond::Consonant},      Row{"를", Cond::Vowel},
    Row{"과", Cond::Consonant},     Row{"와", Cond::Vowel},          Row{"으로", Cond::Consonant},
    Row{"로", Cond::VowelOrRieul},  Row{"의", Cond::Any},            Row{"에", Cond::Any},
    Row{"도", Cond::Any},           Row{"만", Cond::Any},            Row{"에서", Cond::Any},
    Row{"에게", Cond::Any},         Row{"께", Cond::Any},            Row{"께서", Cond::Any},
    Row{"한테", Cond::Any},         Row{"까지", Cond::Any},          Row{"부터", Cond::Any},
    Row{"처럼", Cond::Any},         Row{"보다", Cond::Any},          Row{"마다", Cond::Any},
    Row{"조차", Cond::Any},         Row{"마저", Cond::Any},          Row{"밖에", Cond::Any},
    Row{"만큼", Cond::Any},         Row{"뿐", Cond::Any},            Row{"이나", Cond::Consonant},
    Row{"나", Cond::Vowel},         Row{"이든", Cond::Consonant},    Row{"든", Cond::Vowel},
    Row{"이라도", Cond::Consonant}, Row{"라도", Cond::Vowel},        Row{"이랑", Cond::Consonant},
    Row{"랑", Cond::Vowel},         Row{"으로서", Cond::Consonant},  Row{"로서", Cond::VowelOrRieul},
    Row{"으로써", Cond::Consonant}, Row{"로써", Cond::VowelOrRieul}, Row{"으로부터", Cond::Consonant},
    Row{"로부터", Cond::VowelOrRieul}, Row{"에게서", Cond::Any},     Row{"한테서", Cond::Any},
    Row{"이란", Cond::Consonant},   Row{"란", Cond::Vowel},          Row{"이라는", Cond::Consonant},
    Row{"라는", Cond::Vowel},       Row{"이라고", Cond::Consonant},  Row{"라고", Cond::Vowel},
    Row{"이며", Cond::Consonant},   Row{"며", Cond::Vowel},          Row{"이고", Cond::Consonant},
    Row{"이다", Cond::Consonant},   Row{"이었다", Cond::Consonant},  Row{"였다", Cond::Vowel},
    Row{"인", Cond::Consonant},     Row{"이자", Cond::Consonant},    Row{"입니다", Cond::Consonant},
    Row{"이지만", Cond::Consonant}, Row{"인데", Cond::Consonant},    Row{"이야", Cond::Consonant},
    Row{"야말로", Cond::Any},       Row{"이야말로", Cond::Consonant},
    // The copula in questions and past forms: 소속인가, 왕이었나, 가수였는가 -> the noun.
    Row{"인가", Cond::Any},         Row{"인가요", Cond::Any},        Row{"입니까", Cond::Consonant},
    Row{"이었나", Cond::Consonant}, Row{"였나", Cond::Vowel},        Row{"이었는가", Cond::Consonant},
    Row{"였는가", Cond::Vowel},     Row{"이었던", Cond::Consonant},  Row{"였던", Cond::Vowel},
    Row{"이었으며", Cond::Consonant}, Row{"였으며", Cond::Vowel},
    // The bound noun 때 glued to its noun (대통령때, 월드컵때는): two syllables
    // must remain (그때, 한때 stay whole).
    Row{"때", Cond::Any},
};

// Particles that may follow another (에서+는, 와+의, 으로+는 ...), and the
// particles they may follow. Case particles such as 이/가/을/를/의/도 take no
// trailer: 의+는 is no Korean, and allowing it stripped 회의는 to 회.
constexpr std::array kTrailers = {"는", "도", "의", "만", "은", "까지"};
constexpr std::array kTrailerHosts = {
    "에",   "에서", "에게", "께",     "한테",   "으로",     "로",       "와",     "과",     "까지",
    "부터", "보다", "처럼", "만",     "마다",   "으로서",   "로서",     "으로써", "로써",   "에게서",
    "한테서", "으로부터", "로부터", "이랑", "랑", "때",
};

// Endings of 하다/되다/시키다 verbs and adjectives: 투자하여, 투자했다,
// 투자하는 -> 투자. The stem before them needs two syllables when the ending
// is one syllable (대한, 강한, 제한 are not 대/강/제 + 한).
constexpr std::array kVerbEndings = {
    "하다", "하여", "했다", "하는", "한다", "하고", "하며", "해서", "했던", "하던", "하면",
    "하기", "하게", "하지", "하려", "하려는", "하도록", "했으며", "했고", "하였다", "하였으며",
    "하였고", "했지만", "하지만", "했을", "합니다", "했습니다", "하겠다", "할", "한", "함",
    "해", "했", "하기로", "하면서", "하자", "했는데", "하는데", "하였다고", "했다고", "한다고",
    "한다는", "했다는", "하는지", "된", "되는", "된다", "됐다", "되어", "돼", "됐으며", "되었다",
    "되며", "되고", "될", "되기", "되면", "되었으며", "되지", "되던", "됐던", "됐고", "된다는",
    "됐다는", "시킨", "시키는", "시켰다", "시켜", "시키고", "시키기", "적인", "적으로", "적이다",
    // Questions: 발생되었는가, 투자했는가, 설립하였나 -> the noun.
    "하였는가", "했는가", "하는가", "되었는가", "됐는가", "되는가", "하였나", "했나", "되었나", "됐나",
    "합니까", "했습니까", "됩니까", "되었습니까", "하였는지", "했는지", "되었는지", "됐는지", "하는지",
    // Past and connective forms of other verbs (만들었다 -> 만들), two syllables left at least.
    "었다", "았다", "었던", "았던", "었고", "았고", "었으며", "았으며", "었는가", "았는가", "었나", "았나",
    "었는지", "았는지", "었을", "았을", "었습니다", "았습니다", "었지만", "았지만",
};

// Endings that start with the linking vowel 으, which only follows a verb
// stem ending in a consonant: 맡으며, 받으면, 남으니 -> 맡, 받, 남. No noun
// ends in these syllables, so one syllable may remain.
constexpr std::array kLinkedEndings = {
    "으며", "으면", "으니", "으나", "으므로", "으려", "으려고", "으러", "으면서", "으니까", "을까", "을지",
};

bool has_batchim(char32_t syl) { return hangul::final_index_of(syl) != 0; }
bool has_rieul(char32_t syl) { return hangul::final_index_of(syl) == 8; }  // ㄹ

bool fits(Cond c, char32_t prev) {
    switch (c) {
        case Cond::Any: return true;
        case Cond::Consonant: return has_batchim(prev);
        case Cond::Vowel: return !has_batchim(prev);
        case Cond::VowelOrRieul: return !has_batchim(prev) || has_rieul(prev);
    }
    return false;
}

struct Tables {
    std::vector<Suffix> suffixes;  // longest first
    // Suffixes by their last syllable, longest first: a word checks only the
    // handful that can end it instead of the whole table.
    std::unordered_map<char32_t, std::vector<const Suffix*>> by_last;
    std::unordered_set<std::u32string> particles;
    WordSet stopwords{64};  // views of the literals below

    Tables() {
        auto add = [&](std::u32string t, Cond c) { suffixes.push_back({std::move(t), c, 1}); };
        for (const Row& r : kParticles) {
            add(u32(r.text), r.cond);
            particles.insert(u32(r.text));
            const bool host = std::any_of(kTrailerHosts.begin(), kTrailerHosts.end(),
                                          [&](const char* h) { return u32(h) == u32(r.text); });
            for (const char* t : kTrailers) {
                const std::u32string combo = u32(r.text) + u32(t);
                if (host && combo.size() <= 4 && u32(r.text) != u32(t)) {
                    add(combo, r.cond);
                    particles.insert(combo);
                }
            }
            // Plural 들 before a particle: 기업들이, 기업들의.
            add(U"들" + u32(r.text), Cond::Any);
        }
        add(U"들", Cond::Any);
        for (const char* e : kVerbEndings) add(u32(e), Cond::Any);
        for (const char* e : kLinkedEndings) add(u32(e), Cond::Consonant);
        // One-syllable suffixes that are often the end of a word need more left.
        static const std::u32string kWeak = U"의도만에한할함해된될인나며란든랑들때";
        for (Suffix& s : suffixes)
            if (s.text.size() == 1 && kWeak.find(s.text[0]) != std::u32string::npos) s.min_left = 2;
        // 었/았 endings follow a verb stem of any length: 만들었다 -> 만들, 맡았다 -> 맡.
        std::stable_sort(suffixes.begin(), suffixes.end(),
                         [](const Suffix& a, const Suffix& b) { return a.text.size() > b.text.size(); });
        for (const Suffix& sf : suffixes) by_last[sf.text.back()].push_back(&sf);
        for (const char* w : {"것", "수", "등", "및", "이", "그", "저", "더", "또", "또한", "즉", "때",
                              "중", "위해", "통해", "대한", "대해", "있다", "있는", "없다", "하는", "한",
                              "된", "이런", "그런", "이번", "있으며", "했다", "한다", "것으로", "것이다"})
            stopwords.insert(w);
    }
};

const Tables& tables() {
    static const Tables t;
    return t;
}

bool ends_with(const std::u32string& s, const std::u32string& suf) {
    return s.size() >= suf.size() && std::equal(suf.rbegin(), suf.rend(), s.rbegin());
}

}  // namespace

std::size_t hangul_syllables(std::string_view run) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < run.size();) {
        // A syllable is three bytes E? 8?..B? 8?..B?: read it here; any other
        // code point (or invalid byte) through utf8::next.
        const auto b0 = static_cast<unsigned char>(run[i]);
        if ((b0 & 0xF0) == 0xE0 && i + 2 < run.size()) {
            const auto b1 = static_cast<unsigned char>(run[i + 1]), b2 = static_cast<unsigned char>(run[i + 2]);
            const char32_t c = (char32_t(b0 & 0x0F) << 12) | (char32_t(b1 & 0x3F) << 6) | char32_t(b2 & 0x3F);
            if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80 && hangul::is_syllable(c)) {
                ++n;
                i += 3;
                continue;
            }
        }
        if (b0 < 0x80) {
            ++i;
            continue;
        }
        if (hangul::is_syllable(utf8::next(run, i))) ++n;
    }
    return n;
}

std::string korean_stem(std::string_view run, bool after_other_script) {
    const std::u32string& w = u32_scratch(run, 0);
    if (w.size() < 2) return std::string(run);
    const auto& index = tables().by_last;
    const auto it = index.find(w.back());
    if (it == index.end()) return std::string(run);
    for (const Suffix* sp : it->second) {
        const Suffix& s = *sp;
        if (!ends_with(w, s.text)) continue;
        const std::size_t left = w.size() - s.text.size();
        if (left < (after_other_script ? 1 : s.min_left)) continue;
        if (!fits(s.cond, w[left - 1])) continue;
        std::string out;
        for (std::size_t k = 0; k < left; ++k) utf8::append(out, w[k]);
        return out;
    }
    return std::string(run);
}

bool is_korean_particle(std::string_view run) { return tables().particles.count(u32_scratch(run, 1)) > 0; }

bool is_korean_stopword(std::string_view word) { return tables().stopwords.contains(word); }

}  // namespace newsidx::detail
