// heading_ids: the anchors newsidx gives a post's headings, to compare with
// kramdown's own (tests/cli/heading_ids.sh runs Debian's ruby-kramdown on
// the same bodies).
//   heading_ids FILE...         one line per heading: FILE<TAB>ANCHOR ("" none)
//   heading_ids --body FILE     the Markdown body newsidx renders (front
//                               matter gone, Liquid stripped), for kramdown
// Exit codes: 0 done, 1 a file could not be read, 2 usage.
#include "markdown.hpp"
#include "reader.hpp"

#include <newsidx/error.hpp>

#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: heading_ids FILE... | heading_ids --body FILE\n");
        return 2;
    }
    const newsidx::PostReader reader;
    try {
        if (std::strcmp(argv[1], "--body") == 0) {
            if (argc != 3) {
                std::fprintf(stderr, "usage: heading_ids --body FILE\n");
                return 2;
            }
            std::cout << reader.read_body(argv[2]);
            return 0;
        }
        for (int i = 1; i < argc; ++i) {
            const newsidx::markdown::Rendered r = newsidx::markdown::render(reader.read_body(argv[i]));
            for (const std::string& a : r.anchors) std::cout << argv[i] << '\t' << a << '\n';
        }
    } catch (const newsidx::Error& e) {
        std::fprintf(stderr, "heading_ids: %s\n", e.what());
        return 1;
    }
    return 0;
}
