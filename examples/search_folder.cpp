// A program embedding newsidx through its public API only: index a folder of
// posts (incrementally) into an index, then search it.
//
//   search_folder POSTS_DIR INDEX_DIR QUERY...
//
// Exit codes, as newsq's: 0 hits found, 1 no hits or some posts failed to
// index, 2 usage error, 3 the index cannot be opened (locked, damaged,
// of another version).
#include <newsidx/newsidx.hpp>

#include <filesystem>
#include <iostream>
#include <system_error>

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: search_folder POSTS_DIR INDEX_DIR QUERY...\n";
        return 2;
    }
    const std::string posts = argv[1], db = argv[2];
    // Check the input before Index creates INDEX_DIR (and its parents).
    std::error_code ec;
    if (!std::filesystem::exists(posts, ec)) {
        std::cerr << "search_folder: " << posts << ": no such file or folder\n";
        return 2;
    }
    int rc = 0;
    try {
        {
            newsidx::Index index(db);  // created if missing; one writer at a time (LockError)
            const newsidx::AddReport r = index.add({posts});
            for (const newsidx::FileError& e : r.errors)  // a bad post fails alone
                std::cerr << "search_folder: " << e.path << ": " << e.message << "\n";
            std::cout << "indexed " << r.added + r.updated << " posts (" << r.unchanged
                      << " unchanged, " << r.failed << " failed)\n";
            if (r.failed > 0) rc = 1;
        }  // the writer commits and closes here

        newsidx::Searcher searcher(db);  // keep it: reusing a Searcher is cheap
        newsidx::SearchRequest req;
        for (int i = 3; i < argc; ++i) req.query += std::string(i > 3 ? " " : "") + argv[i];
        req.limit = 5;
        const newsidx::SearchResult res = searcher.search(req);
        for (const newsidx::Hit& h : res.hits)
            std::cout << h.rank << ". " << h.title << " [" << h.id << "]\n   "
                      << newsidx::mark(h.snippet, "[", "]") << "\n";
        if (res.hits.empty()) {
            std::cout << "no hits for " << req.query << "\n";
            rc = 1;
        }
        return rc;
    } catch (const newsidx::IndexError& e) {  // LockError too: locked, damaged, other version
        std::cerr << "search_folder: " << db << ": " << e.what() << "\n";
        return 3;
    } catch (const newsidx::RequestError& e) {  // a request field (since, until ...); a malformed query is not one
        std::cerr << "search_folder: bad request: " << e.what() << "\n";
        return 2;
    } catch (const newsidx::Error& e) {
        std::cerr << "search_folder: " << e.what() << "\n";
        return 3;
    }
}
