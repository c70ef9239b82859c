// Internal: the one table of what a post's terms are (ARCHITECTURE.md
// "schema/"). Each family of terms has one row: its query name (title:,
// tag: ...; none for families the query language cannot name), its prefix,
// whether it is free text (positions, scored) or boolean (filters only), the
// wdf its words get in the unprefixed free-text terms, the prefix of its
// Hangul bigrams (the title variant), and the zone --explain reports.
//
// Document building (indexer/document.cpp), the query parser and builder,
// the request filters (query/plan.cpp), --explain (query/materialise.cpp)
// and the bench tools all read this table. A new field is one row here, a
// line in build_document, and a kSchemaVersion bump.
#pragma once

#include "schema.hpp"

#include <string_view>

namespace newsidx::schema {

enum class FieldKind : unsigned char {
    Text,     ///< positional, scored: its words are terms under `prefix` too
    Boolean,  ///< one normalized term per value, never scored (filters)
    Range,    ///< a value slot, not terms (date:)
    Internal, ///< searched, but not by name: Hangul bigrams, 초성 keys
    Bookkeeping,  ///< what the writer finds a post by: its id, file, root, draft mark
};

struct Field {
    std::string_view name;    ///< query name (title:, tag: ...); empty: not nameable in a query
    std::string_view prefix;  ///< term prefix (empty: the unprefixed body terms)
    FieldKind kind;
    /// wdf of this field's words among the unprefixed free-text terms: a
    /// title word counts as three body words. 0: not in the free text.
    Xapian::termcount wdf;
    std::string_view bigram_prefix;  ///< Text fields: prefix of its own Hangul bigrams, if any
    std::string_view zone;           ///< --explain's name for a term of this family
};

// The rows, each named for the code that writes or reads it.
inline constexpr Field kBody{"", "", FieldKind::Text, kWdfBody, "", "text"};
inline constexpr Field kHeadingText{"", "", FieldKind::Text, kWdfHeading, "", "text"};
inline constexpr Field kTitleField{"title", kTitle, FieldKind::Text, kWdfTitle, kTitleBigram, "title"};
inline constexpr Field kTagField{"tag", kTag, FieldKind::Boolean, kWdfMeta, "", "tag"};
inline constexpr Field kCategoryField{"category", kCategory, FieldKind::Boolean, kWdfMeta, "", "category"};
inline constexpr Field kAuthorField{"author", kAuthor, FieldKind::Boolean, 0, "", "author"};
inline constexpr Field kDateField{"date", "", FieldKind::Range, 0, "", "filter"};
// The post's language (Post::lang): its tag and, for a regional tag, its
// primary language too, so that lang:zh finds zh-cn and zh-tw.
inline constexpr Field kLangField{"lang", kLang, FieldKind::Boolean, 0, "", "lang"};
// Its translation group: the posts of one root sharing a ref (translation_key, lang_ref).
inline constexpr Field kTranslationField{"", kTranslation, FieldKind::Bookkeeping, 0, "", "filter"};
inline constexpr Field kBigramField{"", kBigram, FieldKind::Internal, kWdfBody, "", "bigram"};
inline constexpr Field kTitleBigramField{"", kTitleBigram, FieldKind::Internal, 1, "", "title-bigram"};
inline constexpr Field kInitialsField{"", kInitials, FieldKind::Internal, 0, "", "initials"};
// A member of a synonym or variant group (text/concepts.hpp): the group's key
// at the member's first word, at the wdf of the field it was found in.
inline constexpr Field kConceptField{"", kConcept, FieldKind::Internal, kWdfBody, "", "concept"};
// The words of the post's file name (its slug, reader.hpp file_slug), every
// post's: searched beside each query word at kFileNameWeight (query_builder),
// so a post found only by its file name ranks below one whose text has the
// word. Not in the free text (wdf 0), no positions, no bigrams or concepts.
inline constexpr Field kFileNameField{"", kFileName, FieldKind::Internal, 0, "", "file-name"};
// The post's day as terms (Y2025, M202502, D20250204): written, but the
// date: filter reads the day slot (kSlotDay) instead.
inline constexpr Field kYearField{"", kYear, FieldKind::Boolean, 0, "", "filter"};
inline constexpr Field kMonthField{"", kMonth, FieldKind::Boolean, 0, "", "filter"};
inline constexpr Field kDayField{"", kDay, FieldKind::Boolean, 0, "", "filter"};
inline constexpr Field kIdField{"", kId, FieldKind::Bookkeeping, 0, "", "filter"};
inline constexpr Field kPathField{"", kPath, FieldKind::Bookkeeping, 0, "", "filter"};
inline constexpr Field kRootField{"", kRoot, FieldKind::Bookkeeping, 0, "", "filter"};
inline constexpr Field kDraftField{"", kDraft, FieldKind::Bookkeeping, 0, "", "filter"};
// A site-relative URL (schema/post_url.hpp): `newsidx serve` finds a post's preview by it.
inline constexpr Field kUrlField{"", kUrl, FieldKind::Bookkeeping, 0, "", "filter"};
// Templates (indexer/boilerplate.hpp): the post's body paragraphs, and those it was built without.
inline constexpr Field kParagraphField{"", kParagraph, FieldKind::Bookkeeping, 0, "", "filter"};
inline constexpr Field kTemplateMarkField{"", kTemplateMark, FieldKind::Bookkeeping, 0, "", "filter"};

/// Every row, for lookups and listings.
inline constexpr const Field* kFields[] = {
    &kBody,         &kHeadingText,      &kTitleField,    &kTagField,  &kCategoryField, &kAuthorField,
    &kDateField,    &kBigramField,      &kTitleBigramField, &kInitialsField, &kYearField, &kMonthField,
    &kDayField,     &kIdField,          &kPathField,     &kRootField, &kDraftField,
    &kParagraphField, &kTemplateMarkField, &kConceptField, &kFileNameField, &kLangField, &kTranslationField,
    &kUrlField};

/// The field a query names (title, tag, category, author, date), or nullptr.
const Field* query_field(std::string_view name);

/// The row whose prefix `term` carries (the longest that matches: XSB before
/// XB), or nullptr for an unprefixed (free-text) term or an unknown prefix.
const Field* field_of_term(std::string_view term);

/// --explain's zone of a term: title-bigram, bigram, initials, category,
/// title, tag, author, "filter" for other prefixed terms (ids, dates,
/// paths), "" for an unprefixed (free-text) term, whose zone depends on
/// whether the post's title holds it too (the caller's to tell).
std::string_view zone_of_term(std::string_view term);

/// True when `term` carries a prefix (Xapian's convention: prefixes are
/// upper-case ASCII, free-text terms never start with one).
inline bool prefixed(std::string_view term) { return !term.empty() && term[0] >= 'A' && term[0] <= 'Z'; }

}  // namespace newsidx::schema
