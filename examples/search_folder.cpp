// A program embedding newsidx through its public API only: index a folder of
// posts into a fresh index, then search it.
//
//   search_folder POSTS_DIR INDEX_DIR QUERY...
#include <newsidx/newsidx.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: search_folder POSTS_DIR INDEX_DIR QUERY...\n";
        return 2;
    }
    try {
        {
            newsidx::Index index(argv[2]);  // created if missing; one writer at a time
            const newsidx::AddReport r = index.add({argv[1]});
            std::cout << "indexed " << r.added + r.updated << " posts, " << r.failed << " failed\n";
        }  // the writer closes (and commits) here

        newsidx::Searcher searcher(argv[2]);  // keep it: reusing a Searcher is cheap
        newsidx::SearchRequest req;
        for (int i = 3; i < argc; ++i) req.query += std::string(i > 3 ? " " : "") + argv[i];
        req.limit = 5;
        const newsidx::SearchResult res = searcher.search(req);
        for (const newsidx::Hit& h : res.hits)
            std::cout << h.rank << ". " << h.title << " [" << h.id << "]\n   "
                      << newsidx::mark(h.snippet, "[", "]") << "\n";
        return res.hits.empty() ? 1 : 0;
    } catch (const newsidx::Error& e) {
        std::cerr << "search_folder: " << e.what() << "\n";
        return 3;
    }
}
