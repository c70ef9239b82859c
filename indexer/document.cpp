#include "document.hpp"

#include "analysis.hpp"
#include "hangul.hpp"
#include "schema.hpp"
#include "stored_text.hpp"
#include "utf8.hpp"

#include <newsidx/error.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <limits>

namespace newsidx {

namespace detail {

namespace {

constexpr double kSecondsPerYear = 365.2425 * 86400;

struct Builder {
    Xapian::Document& doc;
    const Analyzer& analyzer;
    std::uint32_t pos = 1;
    std::vector<Token> toks;  // reused for every word: this loop runs per word of every post

    // Free text of one zone: unprefixed terms (and the zone's own prefix, if any).
    void text(std::string_view s, Xapian::termcount wdf, std::string_view prefix = {},
              std::string_view bigram_prefix = {}) {
        if (s.empty()) return;
        std::uint32_t last = pos;
        for (const Word& w : analyze(analyzer, s, pos)) {
            toks.clear();
            word_tokens(w, toks);
            for (const Token& t : toks) {
                if (t.kind == TermKind::Bigram) {
                    doc.add_term(schema::term(schema::kBigram, t.term), wdf);
                    if (!bigram_prefix.empty()) doc.add_term(schema::term(bigram_prefix, t.term));
                } else {
                    doc.add_posting(t.term, t.position, wdf);
                    if (!prefix.empty()) doc.add_posting(schema::term(prefix, t.term), t.position);
                }
            }
            last = w.position + w.width();
        }
        pos = last + 1;  // a gap: phrases never span two blocks
    }
};

std::string two(int v) {
    char b[8];
    std::snprintf(b, sizeof b, "%02d", v);
    return b;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& s : items) {
        if (!out.empty()) out += schema::kListSep;
        out += s;
    }
    return out;
}

// A fixed-width, byte-sortable key: the date (offset to unsigned, so that
// negative epochs sort first), inverted for newest-first, then the id to
// break ties the same way in every shard.
std::string date_key(std::int64_t epoch, const std::string& id, bool newest_first) {
    std::uint64_t k = static_cast<std::uint64_t>(epoch) ^ (1ull << 63);
    if (newest_first) k = ~k;
    char b[17];
    std::snprintf(b, sizeof b, "%016llx", static_cast<unsigned long long>(k));
    return b + id;
}

// 초성 terms: each Hangul word of a title or tag, and each run of words from
// one word to the end of the title, so that ㅅㅌㄱㅇㅌ finds 스타게이트 and
// ㅅㅌㄱㅇㅌㅍㄹㅈㅌ the title 스타게이트 프로젝트 (queries match by prefix).
void add_initials(Xapian::Document& doc, const Analyzer& analyzer, std::string_view text) {
    std::vector<std::string> ws;
    for (const Word& w : analyze(analyzer, text)) {
        std::string i = hangul::initials(w.surface);
        if (i.size() >= 6) ws.push_back(std::move(i));  // two or more syllables
    }
    std::string run;
    for (std::size_t k = ws.size(); k-- > 0;) {
        doc.add_boolean_term(schema::term(schema::kInitials, ws[k]));
        run = ws[k] + run;
        if (k + 1 < ws.size()) doc.add_boolean_term(schema::term(schema::kInitials, run));
    }
}

std::string slug_of(const std::string& path) {
    std::string name = path.substr(path.find_last_of('/') + 1);
    if (auto dot = name.find_last_of('.'); dot != std::string::npos) name.resize(dot);
    // Jekyll drops the YYYY-MM-DD- prefix of a post's file name.
    if (name.size() > 11 && name[4] == '-' && name[7] == '-' && name[10] == '-') name = name.substr(11);
    return name;
}

}  // namespace

std::string default_url(const Post& post) {
    std::string url;
    for (const std::string& c : post.categories) {
        std::string part;
        for (char ch : c) part += ch == ' ' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        url += "/" + part;
    }
    url += "/" + std::to_string(post.date.year) + "/" + two(post.date.month) + "/" + two(post.date.day) + "/" +
           slug_of(post.path) + ".html";
    return url;
}

Xapian::Document build_document(const Post& post, const Analyzer& analyzer, const std::string& stamp) {
    Xapian::Document doc;
    Builder b{doc, analyzer, 1, {}};

    b.text(post.title, schema::kWdfTitle, schema::kTitle, schema::kTitleBigram);
    for (const std::string& t : post.tags) b.text(t, schema::kWdfMeta);
    for (const std::string& c : post.categories) b.text(c, schema::kWdfMeta);
    b.text(post.excerpt, schema::kWdfBody);
    for (const Section& s : post.sections) {
        const auto zone_wdf = s.zone == Zone::Heading ? schema::kWdfHeading : schema::kWdfBody;
        b.text(std::string_view(post.text).substr(s.begin, s.end - s.begin), zone_wdf);
    }

    doc.add_boolean_term(schema::term(schema::kId, post.id));
    for (const std::string& t : post.tags) doc.add_boolean_term(schema::term(schema::kTag, analyzer.normalize(t)));
    for (const std::string& c : post.categories)
        doc.add_boolean_term(schema::term(schema::kCategory, analyzer.normalize(c)));
    if (!post.author.empty()) doc.add_boolean_term(schema::term(schema::kAuthor, analyzer.normalize(post.author)));
    const std::string y = std::to_string(post.date.year);
    doc.add_boolean_term(schema::term(schema::kYear, y));
    doc.add_boolean_term(schema::term(schema::kMonth, y + two(post.date.month)));
    doc.add_boolean_term(schema::term(schema::kDay, y + two(post.date.month) + two(post.date.day)));
    doc.add_boolean_term(schema::term(schema::kPath, post.path));
    doc.add_boolean_term(schema::term(schema::kRoot, post.root));
    if (!post.published) doc.add_boolean_term(std::string(schema::kDraft));
    add_initials(doc, analyzer, post.title);
    for (const std::string& t : post.tags) add_initials(doc, analyzer, t);

    doc.add_value(schema::kSlotDate, Xapian::sortable_serialise(static_cast<double>(post.date.epoch)));
    doc.add_value(schema::kSlotStamp, stamp);
    doc.add_value(schema::kSlotYear, y);
    doc.add_value(schema::kSlotId, post.id);
    doc.add_value(schema::kSlotTags, joined(post.tags));
    doc.add_value(schema::kSlotCategories, joined(post.categories));
    doc.add_value(schema::kSlotDay,
                  Xapian::sortable_serialise(post.date.year * 10000.0 + post.date.month * 100.0 + post.date.day));
    doc.add_value(schema::kSlotNewest, date_key(post.date.epoch, post.id, true));
    doc.add_value(schema::kSlotOldest, date_key(post.date.epoch, post.id, false));
    doc.add_value(schema::kSlotYears, Xapian::sortable_serialise(std::max(0.0, static_cast<double>(post.date.epoch) / kSecondsPerYear)));

    nlohmann::json j;
    j["id"] = post.id;
    j["path"] = post.path;
    j["root"] = post.root;
    j["title"] = post.title;
    j["date"] = post.date.iso;
    j["tags"] = post.tags;
    j["categories"] = post.categories;
    j["author"] = post.author;
    j["excerpt"] = post.excerpt;
    j["permalink"] = post.permalink;
    j["url"] = !post.url.empty() ? post.url : post.permalink.empty() ? default_url(post) : post.permalink;
    j["published"] = post.published;
    j["extra"] = nlohmann::json::parse(post.extra_json.empty() ? "{}" : post.extra_json, nullptr, false);
    if (j["extra"].is_discarded()) j["extra"] = nlohmann::json::object();
    doc.set_data(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    // The text lives apart from the data, compressed here (on the worker
    // threads of a parallel add, not on the writer's): a hit without a
    // snippet reads neither it nor its inflation.
    const std::string_view text(post.text);
    doc.add_value(schema::kSlotText,
                  pack_text(text.size() <= kMaxStoredText ? text : text.substr(0, utf8::floor_boundary(text, kMaxStoredText))));
    return doc;
}

}  // namespace detail
}  // namespace newsidx
