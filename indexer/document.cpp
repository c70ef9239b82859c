#include "document.hpp"

#include "analysis.hpp"
#include "boilerplate.hpp"
#include "hangul.hpp"
#include "language.hpp"
#include "fields.hpp"
#include "passages.hpp"
#include "reader.hpp"
#include "post_url.hpp"
#include "schema.hpp"
#include "stored_post.hpp"
#include "stored_text.hpp"
#include "utf8.hpp"

#include <newsidx/error.hpp>

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
    PassageSketchWriter passages{};

    // Free text of one field: unprefixed terms at the field's wdf, and for a
    // Text field with a prefix (title) its own prefixed terms and bigrams.
    // A piece of the post's text (`stored`: where it starts in the stored
    // text) also goes into its passage sketch.
    void text(std::string_view s, const schema::Field& f, std::size_t stored = std::string_view::npos) {
        if (s.empty()) return;
        const Xapian::termcount wdf = f.wdf;
        const std::string_view prefix = f.kind == schema::FieldKind::Text ? f.prefix : std::string_view();
        const std::string_view bigram_prefix = f.bigram_prefix;
        std::uint32_t last = pos;
        const std::vector<Word> words = analyze(analyzer, s, pos);
        if (stored != std::string_view::npos) passages.add(s, words, stored);
        for (const Word& w : words) {
            toks.clear();
            word_tokens(w, toks);
            for (const Token& t : toks) {
                if (t.kind == TermKind::Bigram) {
                    doc.add_term(schema::term(schema::kBigram, t.term), wdf);
                    if (!bigram_prefix.empty()) doc.add_term(schema::term(bigram_prefix, t.term));
                } else if (t.kind == TermKind::Concept) {
                    doc.add_posting(schema::term(schema::kConceptField.prefix, t.term), t.position, wdf);
                } else {
                    doc.add_posting(t.term, t.position, wdf);
                    if (!prefix.empty()) doc.add_posting(schema::term(prefix, t.term), t.position);
                }
            }
            last = w.position + w.width();
        }
        pos = last + 1;  // a gap: phrases never span two blocks
    }

    // The file name's words (kFileNameField): prefixed terms only, no
    // positions; the words as the Analyzer gives them (surface, stem, parts,
    // join), not their bigrams or concepts.
    void file_name(std::string_view s) {
        for (const Word& w : analyze(analyzer, s)) {
            toks.clear();
            word_tokens(w, toks);
            for (const Token& t : toks)
                if (t.kind != TermKind::Bigram && t.kind != TermKind::Concept)
                    doc.add_term(schema::term(schema::kFileNameField.prefix, t.term));
        }
    }

    // One value of a boolean field.
    void value(const schema::Field& f, std::string_view v) {
        doc.add_boolean_term(schema::term(f.prefix, analyzer.normalize(v)));
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

// The bytes of `text` a template paragraph takes out of the stored text: the
// paragraph and the line break after it.
std::size_t cut_bytes(std::string_view text, const Paragraph& p) {
    return p.end - p.begin + (p.end < text.size() && text[p.end] == '\n' ? 1 : 0);
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

Xapian::Document build_document(const Post& post, const Analyzer& analyzer, const std::string& stamp,
                                const TemplateSet* templates) {
    Xapian::Document doc;
    Builder b{doc, analyzer, 1, {}, {}};

    // Templates (boilerplate.hpp): every candidate paragraph is recorded; those
    // of `templates` are cut from the free text and the stored text, and marked.
    const std::vector<Paragraph> paras = paragraphs(post);
    std::vector<Paragraph> cut;  // in text order
    const std::string rkey = root_key(post.root);
    for (const Paragraph& p : paras) {
        doc.add_boolean_term(paragraph_term(rkey, p.hash));
        if (templates && templates->count(p.hash)) {
            doc.add_boolean_term(template_mark_term(rkey, p.hash));
            cut.push_back(p);
        }
    }

    std::vector<schema::StoredSection> sections;
    // The headings' offsets in the stored text: less the template
    // paragraphs cut before them; a heading inside one is not shown.
    {
        auto c = cut.begin();
        std::size_t before = 0;  // bytes cut before the heading
        for (const Heading& h : post.headings) {
            while (c != cut.end() && c->begin + cut_bytes(post.text, *c) <= h.begin) before += cut_bytes(post.text, *c++);
            if (c != cut.end() && c->begin <= h.begin) continue;
            const std::size_t at = h.begin - before;
            if (at >= kMaxStoredText || sections.size() == schema::kMaxStoredSections) break;
            if (!sections.empty() && at <= sections.back().offset) continue;
            sections.push_back({h.level, static_cast<std::uint32_t>(at), h.anchor, h.text});
        }
    }
    {
        std::vector<std::uint32_t> starts;
        for (const schema::StoredSection& h : sections) starts.push_back(h.offset);
        b.passages.sections(std::move(starts));
    }
    b.passages.title(analyze(analyzer, post.title));

    // Free text, in this order (positions run on): the fields' rows say
    // each one's wdf and prefixes (fields.hpp).
    // A title taken from the file name is not the author's: its words are
    // the file-name zone's below, and the first heading is indexed as one.
    if (!post.title_from_file) b.text(post.title, schema::kTitleField);
    for (const std::string& t : post.tags) b.text(t, schema::kTagField);
    for (const std::string& c : post.categories) b.text(c, schema::kCategoryField);
    b.text(post.excerpt, schema::kBody);
    const std::string_view text(post.text);
    auto next_cut = cut.begin();
    std::size_t dropped = 0;  // bytes of the text before `from` that the stored text leaves out (below)
    for (const Section& s : post.sections) {
        const schema::Field& f = s.zone == Zone::Heading ? schema::kHeadingText : schema::kBody;
        std::uint32_t from = s.begin;
        // The pieces between template paragraphs (a section without any: whole, as before).
        for (; next_cut != cut.end() && next_cut->begin < s.end; ++next_cut) {
            if (next_cut->begin > from) b.text(text.substr(from, next_cut->begin - from), f, from - dropped);
            from = next_cut->end;
            dropped += cut_bytes(text, *next_cut);
        }
        if (s.end > from) b.text(text.substr(from, s.end - from), f, from - dropped);
    }

    // Every post's file name, dashes and underscores as spaces (the title
    // rule's words: reader.hpp), at a low weight on the query side.
    std::string slug = file_slug(post.path);
    std::replace_if(slug.begin(), slug.end(), [](char c) { return c == '-' || c == '_'; }, ' ');
    b.file_name(slug);

    doc.add_boolean_term(schema::term(schema::kId, post.id));
    // The boolean fields: one normalized term per value.
    for (const std::string& t : post.tags) b.value(schema::kTagField, t);
    for (const std::string& c : post.categories) b.value(schema::kCategoryField, c);
    if (!post.author.empty()) b.value(schema::kAuthorField, post.author);
    if (!post.lang.empty()) {
        b.value(schema::kLangField, post.lang);
        if (const std::string_view primary = primary_language(post.lang); primary.size() < post.lang.size())
            b.value(schema::kLangField, primary);
    }
    if (!post.translation.empty()) {
        const std::string group = schema::hash_hex(post.root + '\n' + post.translation);
        doc.add_boolean_term(schema::term(schema::kTranslation, group));
        doc.add_value(schema::kSlotGroup, group);
    }
    const std::string y = std::to_string(post.date.year);
    doc.add_boolean_term(schema::term(schema::kYearField.prefix, y));
    doc.add_boolean_term(schema::term(schema::kMonthField.prefix, y + two(post.date.month)));
    doc.add_boolean_term(schema::term(schema::kDayField.prefix, y + two(post.date.month) + two(post.date.day)));
    doc.add_boolean_term(schema::term(schema::kPath, post.path));
    doc.add_boolean_term(schema::term(schema::kRoot, post.root));
    if (const std::string u = schema::url_term(post.url); !u.empty()) doc.add_boolean_term(u);
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

    schema::StoredPost stored;
    stored.id = post.id;
    stored.path = post.path;
    stored.root = post.root;
    stored.title = post.title;
    stored.subtitle = post.subtitle;
    stored.date = post.date.iso;
    stored.tags = post.tags;
    stored.categories = post.categories;
    stored.author = post.author;
    stored.excerpt = post.excerpt;
    stored.permalink = post.permalink;
    stored.url = !post.url.empty() ? post.url : post.permalink.empty() ? default_url(post) : post.permalink;
    stored.published = post.published;
    stored.lang = post.lang;
    stored.translation = post.translation;
    stored.extra_json = post.extra_json;
    if (std::string v = schema::encode_sections(sections); !v.empty()) doc.add_value(schema::kSlotSections, v);
    doc.set_data(schema::encode_post(stored));
    // The text lives apart from the data, compressed here (on the worker
    // threads of a parallel add, not on the writer's): a hit without a
    // snippet reads neither it nor its inflation.
    // Without the template paragraphs (and the line break after each): a
    // snippet never shows a blog's footer.
    std::string kept;
    std::string_view shown = text;
    if (!cut.empty()) {
        std::size_t from = 0;
        for (const Paragraph& p : cut) {
            kept.append(text.substr(from, p.begin - from));
            from = p.begin + cut_bytes(text, p);
        }
        kept.append(text.substr(from));
        while (!kept.empty() && (kept.back() == '\n' || kept.back() == ' ')) kept.pop_back();
        shown = kept;
    }
    if (std::string sketch = b.passages.finish(); !sketch.empty()) doc.add_value(schema::kSlotPassages, sketch);
    doc.add_value(schema::kSlotText,
                  pack_text(shown.size() <= kMaxStoredText ? shown : shown.substr(0, utf8::floor_boundary(shown, kMaxStoredText))));
    return doc;
}

}  // namespace detail
}  // namespace newsidx
