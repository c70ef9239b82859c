#include "lexicon.hpp"

#include "hangul.hpp"
#include "korean.hpp"
#include "lexicon_data.hpp"
#include "normalize.hpp"
#include "utf8.hpp"
#include "word_set.hpp"

#include <newsidx/analyzer.hpp>
#include <newsidx/error.hpp>

#include <algorithm>
#include <deque>

namespace newsidx::detail {

namespace {

// A string of Hangul syllables only; 3 bytes each in UTF-8 (가..힣 is
// EA B0 80..ED 9E A3), read without decoding every code point.
bool all_syllables(std::string_view s) {
    if (s.empty() || s.size() % 3 != 0) return false;
    for (std::size_t i = 0; i < s.size(); i += 3) {
        const auto b0 = static_cast<unsigned char>(s[i]), b1 = static_cast<unsigned char>(s[i + 1]),
                   b2 = static_cast<unsigned char>(s[i + 2]);
        if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) return false;
        const char32_t c = (char32_t(b0 & 0x0F) << 12) | (char32_t(b1 & 0x3F) << 6) | char32_t(b2 & 0x3F);
        if ((b0 & 0xF0) != 0xE0 || !hangul::is_syllable(c)) return false;
    }
    return true;
}


// What the built-in lists say of a word (a name, a segmentation line).
struct Listed {
    bool name = false;
    std::vector<std::size_t>* segmentation = nullptr;  // part syllables ({} = keep whole)
};

struct Lexicon {
    WordSet nouns{lexicon_data::kNounCount};
    std::deque<std::string> owned;                       // the listed words (stable addresses)
    std::deque<std::vector<std::size_t>> segmentations;  // stable addresses
    // The few hundred words of the built-in lists: a small table of their own.
    WordSet listed_words{listed_count()};
    std::vector<Listed> listed = std::vector<Listed>(listed_words.size());  // by slot of listed_words

    Lexicon() {
        for (std::size_t c = 0; c < lexicon_data::kNounChunkCount; ++c) {
            const std::string_view chunk = lexicon_data::kNounChunks[c];
            for (std::size_t at = 0; at < chunk.size();) {
                std::size_t nl = chunk.find('\n', at);
                if (nl == std::string_view::npos) nl = chunk.size();
                if (nl > at) nouns.insert(chunk.substr(at, nl - at));
                at = nl + 1;
            }
        }
        read_segmentations(builtin_decompound());
        read_names(builtin_synonyms());
    }

    void read_segmentations(std::string_view text) {
        for (const std::string& line : lines(text)) {
            std::vector<std::string> f;
            for (std::size_t at = 0; at < line.size();) {
                const std::size_t sp = line.find(' ', at);
                const std::size_t end = sp == std::string::npos ? line.size() : sp;
                if (end > at) f.push_back(line.substr(at, end - at));
                at = end + 1;
            }
            if (f.empty() || !all_syllables(f[0])) continue;  // tests/unit/test_lexicon.cpp checks every line
            std::vector<std::size_t> parts;
            std::string joined;
            for (std::size_t k = 1; k < f.size(); ++k) {
                parts.push_back(f[k].size() / 3);
                joined += f[k];
            }
            if (!parts.empty() && joined != f[0]) continue;
            Listed& l = entry(f[0]);
            if (l.segmentation) {
                *l.segmentation = std::move(parts);  // a later line wins
            } else {
                segmentations.push_back(std::move(parts));
                l.segmentation = &segmentations.back();
            }
        }
    }

    void read_names(std::string_view text) {
        for (const std::string& line : lines(text)) {
            for (std::size_t at = 0; at <= line.size();) {
                std::size_t sep = line.find(" = ", at);
                if (sep == std::string::npos) sep = line.size();
                const std::string member = line.substr(at, sep - at);
                if (all_syllables(member)) entry(member).name = true;
                at = sep + 3;
            }
        }
    }

    Listed& entry(const std::string& w) {
        std::size_t slot = listed_words.find(w);
        if (slot == WordSet::npos) {
            owned.push_back(w);
            slot = listed_words.insert(owned.back());
        }
        return listed[slot];
    }

    // At most this many listed words: a segmentation line's first word, a synonym line's members.
    static std::size_t listed_count() {
        std::size_t n = lines(builtin_decompound()).size();
        for (const std::string& line : lines(builtin_synonyms())) {
            ++n;
            for (std::size_t at = line.find(" = "); at != std::string::npos; at = line.find(" = ", at + 3)) ++n;
        }
        return n;
    }

    // Non-empty, non-comment lines, trimmed.
    static std::vector<std::string> lines(std::string_view text) {
        std::vector<std::string> out;
        for (std::size_t at = 0; at < text.size();) {
            std::size_t nl = text.find('\n', at);
            if (nl == std::string_view::npos) nl = text.size();
            std::string_view l = text.substr(at, nl - at);
            at = nl + 1;
            while (!l.empty() && (l.back() == ' ' || l.back() == '\r' || l.back() == '\t')) l.remove_suffix(1);
            while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) l.remove_prefix(1);
            if (l.empty() || l.front() == '#') continue;
            out.emplace_back(l);
        }
        return out;
    }

    bool noun(std::string_view w) const { return nouns.contains(w); }
    bool name(std::string_view w) const {
        const std::size_t slot = listed_words.find(w);
        return slot != WordSet::npos && listed[slot].name;
    }
    // The segmentation line of `w`, or null.
    const std::vector<std::size_t>* segmentation(std::string_view w) const {
        const std::size_t slot = listed_words.find(w);
        return slot != WordSet::npos ? listed[slot].segmentation : nullptr;
    }
};

const Lexicon& lexicon() {
    static const Lexicon lex;
    return lex;
}

// A noun of the built-in list or any word of the user dictionary.
bool noun(const Lexicon& lex, const UserLexicon* user, std::string_view w) {
    return (user && user->find(w)) || lex.noun(w);
}

// Light-verb and copula endings after a noun: 정리+했음, 예상+됩니다, 중요+한가,
// 목표+였다, 학생+입니다, 박해+당한, 지원+받은. The first syllable(s) of the remainder.
bool light_ending(std::string_view rest) {
    using namespace std::string_view_literals;
    static constexpr std::string_view kStarts[] = {
        "하"sv, "해"sv, "했"sv, "한"sv, "할"sv, "함"sv, "합"sv, "되"sv, "돼"sv, "됐"sv, "된"sv, "될"sv, "됨"sv, "됩"sv,
        "시키"sv, "시켜"sv, "시켰"sv, "이었"sv, "였"sv, "입니"sv, "이다"sv, "이고"sv, "이며"sv, "이기"sv,
        "이라"sv, "인데"sv,
        // Passive light verbs: 박해+당하였는가, 지원+받은, 사랑+받았다.
        "당하"sv, "당해"sv, "당했"sv, "당한"sv, "당할"sv, "당함"sv, "받"sv};
    if (rest.size() < 3) return false;
    for (const std::string_view s : kStarts)
        // The first syllable's last byte first: most tries end there.
        if (rest[2] == s[2] && rest.substr(0, s.size()) == s) return true;
    return false;
}

// The better of two splits: the longer shortest part, then the longer
// first part (of equals, the one found first stays).
struct Split {
    std::size_t part[3] = {0, 0, 0};
    std::size_t count = 0;
    std::size_t shortest() const { return *std::min_element(part, part + count); }
    bool better_than(const Split& o) const {
        if (o.count == 0) return true;
        const std::size_t m = shortest(), mo = o.shortest();
        if (m != mo) return m > mo;
        return part[0] > o.part[0];
    }
};

}  // namespace

bool is_lexicon_noun(std::string_view word, const UserLexicon* user) { return noun(lexicon(), user, word); }

bool is_segmented(std::string_view word, const UserLexicon* user) {
    if (user)
        if (const std::vector<std::string>* parts = user->find(word)) return !parts->empty();
    const std::vector<std::size_t>* seg = lexicon().segmentation(word);
    return seg && !seg->empty();
}

bool is_lexicon_name(std::string_view word) { return lexicon().name(word); }

std::vector<std::size_t> compound_split(std::string_view stem, const UserLexicon* user) {
    const Lexicon& lex = lexicon();
    if (!all_syllables(stem)) return {};
    if (user)
        if (const std::vector<std::string>* parts = user->find(stem)) {
            std::vector<std::size_t> out;
            for (const std::string& p : *parts) out.push_back(p.size() / 3);
            return out;
        }
    if (const std::vector<std::size_t>* seg = lex.segmentation(stem)) return *seg;
    const std::size_t n = stem.size() / 3;
    if (n < 4 || n > kMaxCompoundSyllables) return {};
    // Syllable-count splits of the n syllables into two (else three) parts
    // of >= 2 each that are all nouns (a user word is one), tried in order of
    // the first part's length, then the second's.
    auto noun = [&](std::size_t from, std::size_t len) {
        return newsidx::detail::noun(lex, user, stem.substr(from * 3, len * 3));
    };
    Split best;
    for (std::size_t a = 2; a + 2 <= n; ++a) {
        if (!noun(0, a) || !noun(a, n - a)) continue;
        const Split s{{a, n - a, 0}, 2};
        if (s.better_than(best)) best = s;
    }
    if (best.count == 0) {
        for (std::size_t a = 2; a + 4 <= n; ++a) {
            if (!noun(0, a)) continue;
            for (std::size_t b = 2; a + b + 2 <= n; ++b) {
                if (!noun(a, b) || !noun(a + b, n - a - b)) continue;
                const Split s{{a, b, n - a - b}, 3};
                if (s.better_than(best)) best = s;
            }
        }
    }
    return std::vector<std::size_t>(best.part, best.part + best.count);
}

std::string light_verb_noun(std::string_view stem, const UserLexicon* user) {
    const Lexicon& lex = lexicon();
    const std::size_t n = stem.size() / 3;
    if (n < 3 || !all_syllables(stem) || noun(lex, user, stem) || lex.name(stem)) return {};
    for (std::size_t len = n - 1; len >= 2; --len) {
        // The ending first: a comparison of a few bytes, then the look-up.
        const std::string_view head = stem.substr(0, len * 3);
        if (light_ending(stem.substr(len * 3)) && noun(lex, user, head)) return std::string(head);
    }
    return {};
}

const std::vector<std::string>* UserLexicon::find(std::string_view word) const {
    const auto it = entries.find(std::string(word));
    return it == entries.end() ? nullptr : &it->second;
}

std::string UserLexicon::canonical() const {
    std::string out;
    for (const auto& [word, parts] : entries) {
        out += word;
        for (const std::string& p : parts) out += ' ' + p;
        out += '\n';
    }
    return out;
}

UserLexicon parse_user_lexicon(std::string_view text, const std::string& name) {
    UserLexicon lex;
    std::map<std::string, std::size_t> line_of;  // word -> the line that gave it
    std::size_t lineno = 0;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) nl = text.size();
        const std::string_view raw = text.substr(start, nl - start);
        start = nl + 1;
        ++lineno;
        const std::string where = name + ":" + std::to_string(lineno) + ": ";
        if (!utf8::valid(raw)) throw Error(where + "not valid UTF-8");
        const std::string line = normalize_utf8(raw);  // NFKC + case folding, as the analyzer reads text
        std::vector<std::string> f;
        for (std::size_t at = 0; at < line.size();) {
            const std::size_t b = line.find_first_not_of(" \t\r\v\f", at);
            if (b == std::string::npos) break;
            std::size_t e = line.find_first_of(" \t\r\v\f", b);
            if (e == std::string::npos) e = line.size();
            f.push_back(line.substr(b, e - b));
            at = e;
        }
        if (f.empty() || f[0][0] == '#') continue;
        const std::string& word = f[0];
        if (word.size() > Analyzer::kMaxTermBytes)
            throw Error(where + "the word is longer than " + std::to_string(Analyzer::kMaxTermBytes) + " bytes");
        if (!all_syllables(word))
            throw Error(where + "\"" + word + "\" is not a Hangul word (write Hangul syllables only: the dictionary "
                        "says how Korean words split or stay whole)");
        std::vector<std::string> parts(f.begin() + 1, f.end());
        if (parts.size() == 1)
            throw Error(where + "one part \"" + parts[0] + "\": give two or more parts, or \"" + word +
                        "\" alone to keep it whole");
        std::string joined, spaced;
        for (const std::string& p : parts) {
            joined += p;
            spaced += (spaced.empty() ? "" : " ") + p;
        }
        if (!parts.empty() && joined != word)
            throw Error(where + "the parts \"" + spaced + "\" do not spell \"" + word + "\" (they join to \"" +
                        joined + "\")");
        if (const auto it = lex.entries.find(word); it != lex.entries.end()) {
            if (it->second != parts)
                throw Error(where + "\"" + word + "\" is already on line " + std::to_string(line_of[word]) +
                            " with other parts");
            continue;
        }
        line_of[word] = lineno;
        lex.entries.emplace(word, std::move(parts));
    }
    return lex;
}

// `s` without the blanks around it.
std::string trim_blanks(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r");
    return std::string(s.substr(b, e - b + 1));
}

std::vector<std::vector<std::string>> parse_synonym_groups(std::string_view text, const std::string& name) {
    if (!utf8::valid(text)) throw Error(name + ": not valid UTF-8");
    std::vector<std::vector<std::string>> groups;
    std::size_t lineno = 0;
    for (std::size_t start = 0; start <= text.size();) {
        const std::size_t nl = text.find('\n', start);
        const std::string line = trim_blanks(text.substr(start, nl == std::string_view::npos ? text.size() - start : nl - start));
        start = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
        ++lineno;
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> members;
        for (std::size_t p = 0; p <= line.size();) {
            const std::size_t eq = line.find('=', p);
            members.push_back(trim_blanks(std::string_view(line).substr(p, eq == std::string::npos ? std::string::npos : eq - p)));
            p = eq == std::string::npos ? line.size() + 1 : eq + 1;
        }
        for (const std::string& m : members)
            if (m.empty())
                throw Error(name + ":" + std::to_string(lineno) + ": empty member in a synonym group (write \"a = b = c\")");
        if (members.size() < 2)
            throw Error(name + ":" + std::to_string(lineno) + ": a synonym group needs at least two members joined by =");
        groups.push_back(std::move(members));
    }
    return groups;
}

std::string lexicon_tag() {
    return std::string("ko-nouns:") + lexicon_data::kNounHash + ",ko-verbs:" + lexicon_data::kVerbHash + "," +
           std::string(builtin_lists_tag());
}

}  // namespace newsidx::detail
