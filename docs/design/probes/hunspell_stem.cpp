// Probe (not built by CMake): libhunspell's stemmer over one word a line
// (docs/design/analysis-v4.md §5). Prints "word<TAB>stems"; with any
// argument only the time on stderr.
//   apt-get install libhunspell-dev
//   g++ -O2 docs/design/probes/hunspell_stem.cpp -o /tmp/hunspell_stem -lhunspell
#include <hunspell/hunspell.hxx>
#include <iostream>
#include <string>
#include <chrono>
#include <vector>
int main(int argc, char** argv) {
    Hunspell h("/usr/share/hunspell/ko.aff", "/usr/share/hunspell/ko.dic");
    std::string w;
    std::vector<std::string> words;
    while (std::getline(std::cin, w)) words.push_back(w);
    auto t0 = std::chrono::steady_clock::now();
    for (auto& x : words) {
        auto s = h.stem(x);
        if (argc < 2) { std::cout << x << "\t"; for (auto& y : s) std::cout << y << " "; std::cout << "\n"; }
    }
    auto t1 = std::chrono::steady_clock::now();
    std::cerr << words.size() << " words " << std::chrono::duration<double>(t1-t0).count() << " s\n";
}
