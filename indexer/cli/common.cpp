#include "common.hpp"

#include <newsidx/error.hpp>
#include <newsidx/index.hpp>
#include <newsidx/site_url.hpp>

#include <algorithm>
#include <iostream>
#include <thread>

namespace newsidx::cli {

std::string Globals::db_path() const { return db.empty() ? default_db_path() : db; }

void jobs_option(CLI::App* sub, unsigned& jobs) {
    sub->add_option("-j,--jobs", jobs,
                    "Threads that read and analyze posts (default: one per core, " +
                        std::to_string(std::max(1u, std::thread::hardware_concurrency())) +
                        " here; 1: no threads). One thread writes the index, except in a first add of many posts, where each "
                        "writes a part merged at the end (--parallel-min). The index is the same for any N")
        ->check(CLI::Range(0u, 256u));
}

void site_url_option(CLI::App* sub, std::optional<std::string>& url, bool clearable, const std::string& help) {
    sub->add_option_function<std::string>(
           "--site-url", [&url, clearable](const std::string& v) { url = clearable && v == "none" ? "" : v; }, help)
        ->type_name("URL")
        ->check(CLI::Validator(
            [clearable](std::string& v) -> std::string {
                if (clearable && (v.empty() || v == "none")) return {};
                return site_url_problem(v);
            },
            "URL"));
}

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
