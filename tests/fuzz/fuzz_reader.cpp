// libFuzzer target: PostReader::parse on arbitrary bytes.
//
// A parse either returns a Post or throws PostError; anything else (another
// exception, a sanitizer report, a hang) is a finding. A returned Post must
// keep the reader's invariants: every string valid UTF-8; sections sorted,
// non-empty, non-overlapping, inside the text and on code point boundaries,
// covering every non-blank byte; text without leading, trailing or doubled
// whitespace; extra_json a JSON object; a plausible date; one-line title and
// excerpt; tags and categories non-empty and unique. A PostError names the
// file, gives a line inside the input and a valid UTF-8 message. The Post
// then goes through build_document: every term is non-empty and at most 240
// bytes (Xapian refuses more than 245), and the stored data is a JSON object.
#include <newsidx/analyzer.hpp>
#include <newsidx/error.hpp>
#include "reader.hpp"

#include "document.hpp"
#include "stored_text.hpp"
#include "fuzz_checks.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

namespace {

bool is_ws(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

void check_post(const newsidx::Post& p, std::string_view input) {
    const std::string& t = p.text;
    for (const std::string* s : {&p.id, &p.path, &p.title, &p.author, &p.excerpt, &p.permalink, &p.extra_json, &t,
                                 &p.date.iso})
        FUZZ_CHECK(fuzz::valid_utf8(*s), *s);
    for (const auto* list : {&p.tags, &p.categories, &p.warnings})
        for (const std::string& s : *list) FUZZ_CHECK(fuzz::valid_utf8(s), s);

    std::uint32_t prev_end = 0;
    for (const newsidx::Section& s : p.sections) {
        FUZZ_CHECK(s.begin < s.end, input);
        FUZZ_CHECK(s.begin >= prev_end, input);
        FUZZ_CHECK(s.end <= t.size(), input);
        FUZZ_CHECK(fuzz::on_boundary(t, s.begin) && fuzz::on_boundary(t, s.end), input);
        FUZZ_CHECK(s.zone != newsidx::Zone::Title, input);
        prev_end = s.end;
    }
    std::size_t k = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        while (k < p.sections.size() && p.sections[k].end <= i) ++k;
        const bool inside = k < p.sections.size() && p.sections[k].begin <= i;
        FUZZ_CHECK(inside || is_ws(t[i]), input);  // a text byte outside every section
        FUZZ_CHECK(i == 0 || !(is_ws(t[i - 1]) && is_ws(t[i])), input);
    }
    if (!t.empty()) FUZZ_CHECK(!is_ws(t.front()) && !is_ws(t.back()), input);

    const auto extra = nlohmann::json::parse(p.extra_json, nullptr, false);
    FUZZ_CHECK(extra.is_object(), p.extra_json);

    FUZZ_CHECK(p.date.month >= 1 && p.date.month <= 12, p.date.iso);
    FUZZ_CHECK(p.date.day >= 1 && p.date.day <= 31, p.date.iso);
    FUZZ_CHECK(!p.date.iso.empty(), input);

    FUZZ_CHECK(p.title.find('\n') == std::string::npos, p.title);
    FUZZ_CHECK(p.excerpt.find('\n') == std::string::npos, p.excerpt);
    for (const auto* list : {&p.tags, &p.categories}) {
        std::set<std::string> seen;
        for (const std::string& s : *list) {
            FUZZ_CHECK(!s.empty(), input);
            FUZZ_CHECK(seen.insert(s).second, s);
        }
    }
    FUZZ_CHECK(p.warnings.size() <= 32, input);  // 20 front-matter warnings + a summary + a few more
}

void check_error(const newsidx::PostError& e, const std::string& name, std::string_view input) {
    const std::string what = e.what();
    FUZZ_CHECK(!e.problem().empty(), input);
    FUZZ_CHECK(e.file() == name, e.file());
    FUZZ_CHECK(what.find(name) != std::string::npos, what);
    FUZZ_CHECK(fuzz::valid_utf8(what), what);
    // The line is inside the file (a lone CR counts as a line end too).
    const std::size_t lines = 1 + static_cast<std::size_t>(std::count(input.begin(), input.end(), '\n')) +
                              static_cast<std::size_t>(std::count(input.begin(), input.end(), '\r'));
    FUZZ_CHECK(e.line() <= lines, what);
}

void check_document(const newsidx::Post& p, std::string_view input) {
    static const newsidx::Analyzer analyzer;
    const Xapian::Document doc = newsidx::detail::build_document(p, analyzer, "1 2 3");
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const std::string term = *t;
        FUZZ_CHECK(!term.empty() && term.size() <= 240, term);
    }
    const auto data = nlohmann::json::parse(doc.get_data(), nullptr, false);
    FUZZ_CHECK(data.is_object() && data["id"].is_string(), input);
    const std::string text = newsidx::detail::stored_text(doc);
    FUZZ_CHECK(text.size() <= p.text.size() && p.text.compare(0, text.size(), text) == 0, input);
}

void parse_one(std::string_view input, const std::string& name, newsidx::ReaderLimits limits, bool document) {
    const newsidx::PostReader reader(limits);
    try {
        const newsidx::Post p = reader.parse(input, name, 1700000000);
        check_post(p, input);
        if (document) check_document(p, input);
    } catch (const newsidx::PostError& e) {
        check_error(e, name, input);
    }
    // Any other exception escapes: libFuzzer reports it as a crash.
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    // The name decides the id, the file-name date and _drafts: vary it a little.
    static const std::string kNames[] = {"/fuzz/_posts/2024-02-29-leap-day.md", "/fuzz/_drafts/note.markdown",
                                         "/fuzz/plain.md"};
    const std::string& name = kNames[size % 3];
    parse_one(input, name, {}, true);
    // Tight limits reach the "too large" and alias-budget paths with small inputs.
    if (input.starts_with("---") || input.starts_with("\xEF\xBB\xBF---")) {
        newsidx::ReaderLimits tight;
        tight.max_file_bytes = 4096;
        tight.max_front_matter_bytes = 256;
        tight.max_yaml_nodes = 32;
        parse_one(input, name, tight, false);
    }
    return 0;
}
