// Probe (not built by CMake): the cost of text/verbs.cpp's verb_stem per
// word, one word a line on stdin (docs/design/analysis-v4.md §5).
//   g++ -std=c++17 -O2 -Itext docs/design/probes/verb_stem_time.cpp -o /tmp/verb_stem_time \
//       build/libnewsidx.a $(pkg-config --libs icu-uc icu-i18n) -lxapian
#include "verbs.hpp"
#include <chrono>
#include <iostream>
#include <string>
#include <vector>
int main() {
    std::vector<std::string> words; std::string w;
    while (std::getline(std::cin, w)) words.push_back(w);
    newsidx::detail::verb_stem("태어났다");  // load the list
    auto t0 = std::chrono::steady_clock::now();
    std::size_t found = 0;
    for (int rep = 0; rep < 5; ++rep) for (auto& x : words) found += !newsidx::detail::verb_stem(x).empty();
    auto t1 = std::chrono::steady_clock::now();
    std::cerr << words.size() << " words x5, " << found / 5 << " verb forms, "
              << std::chrono::duration<double, std::micro>(t1 - t0).count() / (5.0 * words.size()) << " us/word\n";
}
