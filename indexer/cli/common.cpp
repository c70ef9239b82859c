#include "common.hpp"

#include <newsidx/error.hpp>
#include <newsidx/index.hpp>

#include <iostream>

namespace newsidx::cli {

std::string Globals::db_path() const { return db.empty() ? default_db_path() : db; }

void error(const std::string& what) { std::cerr << "newsidx: error: " << what << "\n"; }
void warn(const std::string& what) { std::cerr << "newsidx: warning: " << what << "\n"; }

int guarded(const std::function<int()>& f) {
    try {
        return f();
    } catch (const LockError& e) {
        error(e.what());
        return kIndex;
    } catch (const IndexError& e) {
        error(e.what());
        return kIndex;
    } catch (const Error& e) {
        error(e.what());
        return kUsage;
    } catch (const std::bad_alloc&) {
        error("out of memory");
        return kIndex;
    } catch (const std::exception& e) {
        error(std::string("unexpected failure: ") + e.what());
        return kIndex;
    }
}

}  // namespace newsidx::cli
