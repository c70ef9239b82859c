#include "lexicon.hpp"

#include "hangul.hpp"
#include "korean.hpp"
#include "lexicon_data.hpp"
#include "normalize.hpp"
#include "utf8.hpp"

#include <newsidx/analyzer.hpp>
#include <newsidx/error.hpp>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace newsidx::detail {

namespace {

// A string of Hangul syllables only; 3 bytes each in UTF-8.
bool all_syllables(std::string_view s) {
    if (s.empty() || s.size() % 3 != 0) return false;
    for (std::size_t i = 0; i < s.size();)
        if (!hangul::is_syllable(utf8::next(s, i))) return false;
    return true;
}

struct Lexicon {
    std::vector<std::string_view> nouns;                                    // sorted
    std::unordered_map<std::string, std::vector<std::size_t>> segmentations;  // word -> part syllables ({} = keep whole)
    std::unordered_set<std::string> names;

    Lexicon() {
        nouns.reserve(lexicon_data::kNounCount);
        for (std::size_t c = 0; c < lexicon_data::kNounChunkCount; ++c) {
            const std::string_view chunk = lexicon_data::kNounChunks[c];
            for (std::size_t at = 0; at < chunk.size();) {
                std::size_t nl = chunk.find('\n', at);
                if (nl == std::string_view::npos) nl = chunk.size();
                if (nl > at) nouns.push_back(chunk.substr(at, nl - at));
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
            segmentations[f[0]] = std::move(parts);
        }
    }

    void read_names(std::string_view text) {
        for (const std::string& line : lines(text)) {
            for (std::size_t at = 0; at <= line.size();) {
                std::size_t sep = line.find(" = ", at);
                if (sep == std::string::npos) sep = line.size();
                const std::string member = line.substr(at, sep - at);
                if (all_syllables(member)) names.insert(member);
                at = sep + 3;
            }
        }
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

    bool noun(std::string_view w) const { return std::binary_search(nouns.begin(), nouns.end(), w); }
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
    static const char* const kStarts[] = {"하", "해", "했", "한", "할", "함", "합", "되", "돼", "됐", "된", "될", "됨", "됩",
                                          "시키", "시켜", "시켰", "이었", "였", "입니", "이다", "이고", "이며", "이기",
                                          "이라", "인데",
                                          // Passive light verbs: 박해+당하였는가, 지원+받은, 사랑+받았다.
                                          "당하", "당해", "당했", "당한", "당할", "당함", "받"};
    for (const char* s : kStarts)
        if (rest.compare(0, std::char_traits<char>::length(s), s) == 0) return true;
    return false;
}

// Syllable-count splits of n syllables into k parts of >= 2 each whose
// words are all nouns (stem in UTF-8, 3 bytes a syllable).
void splits(const Lexicon& lex, const UserLexicon* user, std::string_view stem, std::size_t n, std::size_t k,
            std::vector<std::size_t>& cur, std::vector<std::vector<std::size_t>>& out) {
    const std::size_t used = [&] {
        std::size_t u = 0;
        for (std::size_t c : cur) u += c;
        return u;
    }();
    if (cur.size() + 1 == k) {
        const std::size_t last = n - used;
        if (last >= 2 && noun(lex, user, stem.substr(used * 3))) {
            cur.push_back(last);
            out.push_back(cur);
            cur.pop_back();
        }
        return;
    }
    for (std::size_t len = 2; used + len + 2 * (k - cur.size() - 1) <= n; ++len) {
        if (!noun(lex, user, stem.substr(used * 3, len * 3))) continue;
        cur.push_back(len);
        splits(lex, user, stem, n, k, cur, out);
        cur.pop_back();
    }
}

}  // namespace

bool is_lexicon_noun(std::string_view word, const UserLexicon* user) { return noun(lexicon(), user, word); }

bool is_segmented(std::string_view word, const UserLexicon* user) {
    if (user)
        if (const std::vector<std::string>* parts = user->find(word)) return !parts->empty();
    const auto& seg = lexicon().segmentations;
    const auto it = seg.find(std::string(word));
    return it != seg.end() && !it->second.empty();
}

bool is_lexicon_name(std::string_view word) { return lexicon().names.count(std::string(word)) > 0; }

std::vector<std::size_t> compound_split(std::string_view stem, const UserLexicon* user) {
    const Lexicon& lex = lexicon();
    if (!all_syllables(stem)) return {};
    if (user)
        if (const std::vector<std::string>* parts = user->find(stem)) {
            std::vector<std::size_t> out;
            for (const std::string& p : *parts) out.push_back(p.size() / 3);
            return out;
        }
    if (auto it = lex.segmentations.find(std::string(stem)); it != lex.segmentations.end()) return it->second;
    const std::size_t n = stem.size() / 3;
    if (n < 4 || n > kMaxCompoundSyllables) return {};
    for (std::size_t k = 2; k <= 3; ++k) {
        std::vector<std::vector<std::size_t>> found;
        std::vector<std::size_t> cur;
        splits(lex, user, stem, n, k, cur, found);
        if (found.empty()) continue;
        return *std::max_element(found.begin(), found.end(), [](const auto& a, const auto& b) {
            const std::size_t ma = *std::min_element(a.begin(), a.end()), mb = *std::min_element(b.begin(), b.end());
            if (ma != mb) return ma < mb;
            return a[0] < b[0];
        });
    }
    return {};
}

std::string light_verb_noun(std::string_view stem, const UserLexicon* user) {
    const Lexicon& lex = lexicon();
    if (!all_syllables(stem) || noun(lex, user, stem) || lex.names.count(std::string(stem))) return {};
    const std::size_t n = stem.size() / 3;
    if (n < 3) return {};
    for (std::size_t len = n - 1; len >= 2; --len) {
        const std::string_view head = stem.substr(0, len * 3);
        if (noun(lex, user, head) && light_ending(stem.substr(len * 3))) return std::string(head);
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

std::string lexicon_tag() {
    return std::string("ko-nouns:") + lexicon_data::kNounHash + ",ko-verbs:" + lexicon_data::kVerbHash + "," +
           std::string(builtin_lists_tag());
}

}  // namespace newsidx::detail
