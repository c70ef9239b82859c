// Internal: the term and value schema (documented in ARCHITECTURE.md).
// Changing anything here means bumping kSchemaVersion: old indexes then
// refuse to open until `newsidx reindex`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <xapian.h>

namespace newsidx::schema {

inline constexpr int kSchemaVersion = 7;

// Term prefixes. Free-text terms (surface, stem, parts) are unprefixed.
inline constexpr std::string_view kId = "Q";            // Q<id>            unique id
inline constexpr std::string_view kTitle = "S";         // S<term>          title words (title:)
inline constexpr std::string_view kBigram = "XB";       // XB<two syllables> Hangul bigrams, no positions
inline constexpr std::string_view kTitleBigram = "XSB"; // XSB<bigram>      title bigrams
inline constexpr std::string_view kTag = "K";           // K<tag>           boolean, normalized
inline constexpr std::string_view kCategory = "XC";     // XC<category>     boolean, normalized
inline constexpr std::string_view kAuthor = "A";        // A<author>        boolean, normalized
inline constexpr std::string_view kYear = "Y";          // Y2025            boolean
inline constexpr std::string_view kMonth = "M";         // M202502          boolean
inline constexpr std::string_view kDay = "D";           // D20250204        boolean
inline constexpr std::string_view kPath = "XP";         // XP<abs path>     boolean (remove PATH)
inline constexpr std::string_view kRoot = "XR";         // XR<abs root>     boolean (sync DIR)
inline constexpr std::string_view kDraft = "XDRAFT";    // unpublished post indexed with --drafts
inline constexpr std::string_view kInitials = "XI";     // XIㅅㅌㄱㅇㅌ     초성 of title/tag words (compatibility jamo)
inline constexpr std::string_view kParagraph = "XH";    // XH<root16><para16> a body paragraph the post holds (templates)
inline constexpr std::string_view kTemplateMark = "XHT";  // XHT<root16><para16> the post was built with it as a template
inline constexpr std::string_view kFileName = "XF";    // XF<term>         words of the file name (slug), no positions, low weight
inline constexpr std::string_view kLang = "XL";         // XLzh-tw, XLzh     the post's language tag and its primary language (lang:)
inline constexpr std::string_view kTranslation = "XG";  // XG<hash16>        the post's translation group (root + ref), bookkeeping
inline constexpr std::string_view kConcept = "XN";     // XN<group key>    a synonym/variant group member (TermKind::Concept), positions
inline constexpr std::string_view kUrl = "XU";         // XU<url decoded>  a site-relative post URL (serve's preview; post_url.hpp)

// Value slots.
inline constexpr Xapian::valueno kSlotDate = 0;   // sortable_serialise(epoch seconds)
inline constexpr Xapian::valueno kSlotStamp = 1;  // "<size> <mtime_ns> <site> <hash16>": the source file, site::site_stamp
inline constexpr Xapian::valueno kSlotYear = 2;   // "2025" (facets)
inline constexpr Xapian::valueno kSlotId = 3;     // the id (tie-breaks, sorting)
inline constexpr Xapian::valueno kSlotTags = 4;        // tags as written, joined by kListSep (facets)
inline constexpr Xapian::valueno kSlotCategories = 5;  // categories as written, joined by kListSep (facets)
inline constexpr Xapian::valueno kSlotDay = 6;         // sortable_serialise(yyyymmdd), the post's own calendar day
inline constexpr Xapian::valueno kSlotNewest = 7;      // date-descending key: hex16(~(epoch+2^63)) + id (--sort date)
inline constexpr Xapian::valueno kSlotOldest = 8;      // date-ascending key: hex16(epoch+2^63) + id (--sort date-asc)
inline constexpr Xapian::valueno kSlotYears = 9;       // sortable_serialise(epoch / seconds per year) (--recent)
inline constexpr Xapian::valueno kSlotText = 10;       // the post text (first MiB) for snippets, zlib: detail::stored_text()
inline constexpr Xapian::valueno kSlotGroup = 12;      // XG's hash16 for a post with translations ("" without): hits collapse on it
inline constexpr Xapian::valueno kSlotPassages = 11;   // which words each sentence holds, for re-ranking: passages.hpp
inline constexpr Xapian::valueno kSlotSections = 13;   // the body's headings and where their sections start: stored_post.hpp
inline constexpr char kListSep = '\x1f';

// Metadata keys.
inline constexpr const char* kMetaSchema = "newsidx.schema";
inline constexpr const char* kMetaAnalyzer = "newsidx.analyzer";  // "newsidx-ko-en/5+ko-nouns:…"
inline constexpr const char* kMetaUpdated = "newsidx.updated";    // ISO 8601 UTC
inline constexpr const char* kMetaRoots = "newsidx.roots";        // JSON array of roots
inline constexpr const char* kMetaExtensions = "newsidx.extensions";  // post extensions beside .md: "txt,text"
inline constexpr const char* kMetaBuiltinSynonyms = "newsidx.synonyms.builtin";  // hash of the list loaded
inline constexpr const char* kMetaSynonyms = "newsidx.synonyms";  // JSON copy of the synonym table (remote shards)
inline constexpr const char* kMetaUserSynonyms = "newsidx.synonyms.user";  // JSON: the groups `newsidx synonyms` added
inline constexpr const char* kMetaConceptGroups = "newsidx.concepts";  // JSON: the user groups the posts were analyzed with
inline constexpr const char* kMetaTemplates = "newsidx.templates";  // JSON: each root's templates (stats)
inline constexpr const char* kMetaDictionary = "newsidx.dictionary";  // the user dictionary, canonical text (`newsidx dict`)
inline constexpr const char* kMetaSiteUrl = "newsidx.site_url";  // `add --site-url`: the site URL post URLs are built under

// Zone weights, applied as wdf: a title word counts as three body words.
inline constexpr Xapian::termcount kWdfTitle = 3;
inline constexpr Xapian::termcount kWdfHeading = 2;
inline constexpr Xapian::termcount kWdfMeta = 2;
inline constexpr Xapian::termcount kWdfBody = 1;

/// prefix + value, kept within Xapian's term length limit (245 bytes): an
/// over-long value is cut on a character boundary and suffixed with a hash.
std::string term(std::string_view prefix, std::string_view value);

/// FNV-1a's standard 64-bit offset basis. Schemas 1-3 stored hash_hex with
/// a basis that had lost a digit (1469598103934665603); schema 4 rebuilt
/// every index and took the standard one.
inline constexpr std::uint64_t kFnvOffsetBasis = 14695981039346656037ull;

/// 64-bit FNV-1a of the bytes: the one hash of the index. shard_of (which
/// shard a post goes to) uses the standard basis, as documented in
/// newsidx/shards.hpp.
std::uint64_t fnv1a64(std::string_view data, std::uint64_t basis = kFnvOffsetBasis);

/// fnv1a64(data) as 16 hex digits: over-long terms,
/// stamps, the synonym list's mark.
std::string hash_hex(std::string_view data);

}  // namespace newsidx::schema

namespace newsidx::detail {

/// ISO 8601 UTC of now (kMetaUpdated, the writer's lock note, the access log).
std::string now_iso();

}  // namespace newsidx::detail
