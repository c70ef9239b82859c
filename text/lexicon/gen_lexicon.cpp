// Build-time tool: the noun and verb lists of Debian's hunspell-ko, frozen
// into generated source files (issue 17, docs/design/analysis-v4.md §1b, §5).
//
//   gen_lexicon KO.AFF KO.DIC NOUNS.cpp VERBS.cpp
//
// Verbs and adjectives (text/verbs.hpp lemmatizes with them) are the entries
// whose alias carries a verb paradigm flag (verb_class below), kept as their
// stem (the dictionary form minus 다) of two or more syllables and a class
// letter for the irregular paradigms. Adverbs (flag 540) and the entries
// without flags (determiners, interjections) go in the same list with the
// class "-": words of their own that are never read as a verb form (그리고
// is no 그리 + 고).
//
// ko.dic stores its words as conjoining jamo (NFD) with numeric flags given
// as AF aliases. A word is a noun (or pronoun, numeral, counter) when its
// alias's flag list starts with flag 2. Kept: words of two or more Hangul
// syllables after composing the jamo (a one-syllable noun is no evidence
// for a split: 동사무소 must not read as 동사 + 무소 for lack of 동, and 개, 수,
// 모 are everywhere). Written sorted and unique, one word per line, in one
// string, with its FNV-1a hash (8 hex digits): the hash goes into the analyzer tag, so a
// different hunspell-ko on a build host changes the tag and old indexes
// report Outdated instead of being searched with other terms.
// Standalone: links nothing of ours (it runs before the library exists).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

// UTF-8 decode; returns false on invalid input.
bool decode(const std::string& s, std::vector<char32_t>& out) {
    out.clear();
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += static_cast<std::size_t>(n);
    }
    return true;
}

void encode(char32_t cp, std::string& out) {
    if (cp < 0x80) out += static_cast<char>(cp);
    else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Conjoining jamo (L V [T]) composed into syllables; false when anything is
// left that is not a complete syllable.
bool compose(const std::vector<char32_t>& in, std::string& out, std::size_t& syllables) {
    out.clear();
    syllables = 0;
    for (std::size_t i = 0; i < in.size();) {
        char32_t c = in[i];
        if (c >= 0xAC00 && c <= 0xD7A3) {  // already a syllable
            encode(c, out);
            ++syllables;
            ++i;
            continue;
        }
        if (c < 0x1100 || c > 0x1112 || i + 1 >= in.size() || in[i + 1] < 0x1161 || in[i + 1] > 0x1175) return false;
        char32_t s = 0xAC00 + ((c - 0x1100) * 21 + (in[i + 1] - 0x1161)) * 28;
        i += 2;
        if (i < in.size() && in[i] >= 0x11A8 && in[i] <= 0x11C2) s += in[i++] - 0x11A7;
        encode(s, out);
        ++syllables;
    }
    return true;
}

std::uint64_t fnv1a64(const std::string& s) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}


// The class of a verb or adjective alias, from hunspell-ko's flags (ko.aff:
// 30 regular, 31 ㄷ, 32 ㅂ, 33 ㅅ, 34 ㅎ irregular; 43 marks the 르 stems;
// 18, 20, 22, 35 are other verb paradigms, 45 is on every verb); 0 for none.
char verb_class(const std::string& flags) {
    std::vector<int> f;
    std::istringstream in(flags);
    for (std::string x; std::getline(in, x, ',');)
        if (!x.empty() && x.find_first_not_of("0123456789") == std::string::npos) f.push_back(std::stoi(x));
    if (f.empty()) return 0;
    const bool verb = f[0] == 18 || f[0] == 20 || f[0] == 22 || (f[0] >= 30 && f[0] <= 35) ||
                      std::find(f.begin(), f.end(), 45) != f.end();
    if (!verb || f[0] == 2) return 0;
    if (std::find(f.begin(), f.end(), 31) != f.end()) return 'D';
    if (std::find(f.begin(), f.end(), 32) != f.end()) return 'B';
    if (std::find(f.begin(), f.end(), 33) != f.end()) return 'S';
    if (std::find(f.begin(), f.end(), 34) != f.end()) return 'H';
    if (std::find(f.begin(), f.end(), 43) != f.end()) return 'L';
    return 'R';
}

// Writes one sorted list as a generated source: k<Name>Count, k<Name>Hash
// (8 hex digits of its FNV-1a, for the analyzer tag) and k<Name>Chunks.
bool write_list(const char* from, const char* path, const std::string& name, const std::string& what,
                const std::vector<std::string>& items) {
    std::string blob;
    for (const std::string& n : items) blob += n + "\n";
    std::ostringstream o;
    o << "// Generated by text/lexicon/gen_lexicon from " << from << ": do not edit.\n"
      << "// " << items.size() << " " << what << ", sorted, one a line.\n"
      << "#include \"lexicon_data.hpp\"\n\nnamespace newsidx::detail::lexicon_data {\n\n"
      << "const std::size_t k" << name << "Count = " << items.size() << ";\n"
      << "const char* const k" << name << "Hash = \"" << std::hex << std::setw(8) << std::setfill('0')
      << (fnv1a64(blob) >> 32) << std::dec << std::setfill(' ') << "\";\n"
      << "// Split into pieces of at most 16 KB: compilers limit one string literal.\n"
      << "const char* const k" << name << "Chunks[] = {\n";
    std::size_t chunks = 0;
    for (std::size_t at = 0; at < blob.size();) {
        std::size_t end = std::min(blob.size(), at + 16000);
        while (end < blob.size() && blob[end - 1] != '\n') --end;  // whole lines
        o << "    R\"NX(" << blob.substr(at, end - at) << ")NX\",\n";
        at = end;
        ++chunks;
    }
    o << "};\nconst std::size_t k" << name << "ChunkCount = " << chunks
      << ";\n\n}  // namespace newsidx::detail::lexicon_data\n";
    std::ofstream out(path, std::ios::binary);
    out << o.str();
    if (!out) {
        std::cerr << "gen_lexicon: cannot write " << path << "\n";
        return false;
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 5) {
        std::cerr << "usage: gen_lexicon KO.AFF KO.DIC NOUNS.cpp VERBS.cpp\n";
        return 2;
    }
    std::ifstream aff(argv[1]), dic(argv[2]);
    if (!aff) {
        std::cerr << "gen_lexicon: cannot read " << argv[1] << " (install hunspell-ko)\n";
        return 1;
    }
    if (!dic) {
        std::cerr << "gen_lexicon: cannot read " << argv[2] << " (install hunspell-ko)\n";
        return 1;
    }
    // AF aliases, numbered from 1 in order; the first AF line is the count.
    std::vector<bool> noun_alias{false};
    std::vector<char> verb_alias{0};  // 0: no verb; else its class (see write_verbs)
    std::string line;
    bool counted = false;
    while (std::getline(aff, line)) {
        if (line.compare(0, 3, "AF ") != 0) continue;
        if (!counted) {
            counted = true;
            continue;
        }
        const std::string flags = line.substr(3);
        noun_alias.push_back(flags == "2" || flags.compare(0, 2, "2,") == 0);
        verb_alias.push_back(flags == "540" || flags.compare(0, 4, "540,") == 0 ? '-' : verb_class(flags));
    }
    if (noun_alias.size() < 2) {
        std::cerr << "gen_lexicon: " << argv[1] << ": no AF aliases (not hunspell-ko's affix file?)\n";
        return 1;
    }
    std::vector<std::string> nouns, verbs;
    std::vector<char32_t> cps;
    std::string word;
    bool first = true;
    std::size_t entries = 0;
    while (std::getline(dic, line)) {
        if (first) {  // the entry count
            first = false;
            continue;
        }
        if (line.empty()) continue;
        ++entries;
        const std::size_t slash = line.find('/');
        std::size_t syllables = 0;
        if (slash == std::string::npos) {  // no flags: an adverb, a determiner, an interjection
            if (decode(line.substr(0, line.find_first_of(" \t")), cps) && compose(cps, word, syllables) &&
                syllables >= 2)
                verbs.push_back(word + " -");
            continue;
        }
        const std::size_t end = line.find_first_of(" \t", slash);
        const std::string flag = line.substr(slash + 1, end == std::string::npos ? std::string::npos : end - slash - 1);
        if (flag.empty() || flag.find_first_not_of("0123456789") != std::string::npos) continue;
        const unsigned long alias = std::stoul(flag);
        if (alias >= noun_alias.size()) continue;
        if (!noun_alias[alias] && !verb_alias[alias]) continue;
        if (!decode(line.substr(0, slash), cps) || !compose(cps, word, syllables)) continue;
        if (noun_alias[alias] && syllables >= 2) nouns.push_back(word);
        // A verb or adjective: its dictionary form ends in 다; kept as "STEM CLASS".
        static const std::string kDa = "\xEB\x8B\xA4";  // 다
        if (verb_alias[alias] == '-') {
            if (syllables >= 2) verbs.push_back(word + " -");
        } else if (verb_alias[alias] && syllables >= 3 && word.size() > 3 &&
                   word.compare(word.size() - 3, 3, kDa) == 0)
            verbs.push_back(word.substr(0, word.size() - 3) + " " + verb_alias[alias]);
    }
    std::sort(nouns.begin(), nouns.end());
    nouns.erase(std::unique(nouns.begin(), nouns.end()), nouns.end());
    if (nouns.size() < 10000) {
        std::cerr << "gen_lexicon: " << argv[2] << ": only " << nouns.size() << " nouns of " << entries
                  << " entries (not hunspell-ko's word list?)\n";
        return 1;
    }
    std::sort(verbs.begin(), verbs.end());
    verbs.erase(std::unique(verbs.begin(), verbs.end()), verbs.end());
    if (verbs.size() < 5000) {
        std::cerr << "gen_lexicon: " << argv[2] << ": only " << verbs.size() << " verbs of " << entries
                  << " entries (not hunspell-ko's word list?)\n";
        return 1;
    }
    if (!write_list(argv[2], argv[3], "Noun", "nouns of two or more syllables", nouns)) return 1;
    if (!write_list(argv[2], argv[4], "Verb",
                    "verb and adjective stems (dictionary form minus 다) of two or more syllables, each with its "
                    "class: R regular, L 르-irregular, B ㅂ-irregular, D ㄷ-irregular, S ㅅ-irregular, H ㅎ-irregular; "
                    "and adverbs and other uninflected words of two or more syllables, class -",
                    verbs))
        return 1;
    return 0;
}
