// Internal: cross-script name synonyms (OpenAI = 오픈AI = 오픈에이아이).
//
// A synonym file holds one group per line, members separated by " = ",
// '#' comments. Each member's key is its analyzed form (stems joined by a
// space: "오픈ai", "masayoshi son"); Xapian's synonym table maps every key to
// the raw text of the other members, which the query side analyzes like any
// query word. The built-in list is corpus/synonyms.txt, compiled in.
#pragma once

#include "analysis.hpp"
#include "lexicon.hpp"

#include <newsidx/analyzer.hpp>

#include <xapian.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace newsidx::detail {

using SynonymGroups = std::vector<std::vector<std::string>>;
/// key -> raw text of the other members of its group(s).
using SynonymMap = std::map<std::string, std::vector<std::string>>;

/// Parses a synonym file; `name` is used in errors (Error "name:line: problem").
SynonymGroups parse_synonyms(std::string_view text, const std::string& name);

/// The key a member or a query span is looked up by.
std::string synonym_key(const Analyzer& analyzer, std::string_view text);

/// Every member's key -> the raw text of the other members of its group(s),
/// in the groups' order, each once (keys that are empty or over 200 bytes
/// are left out). The Searcher's built-in list and `newsidx analyze
/// --query` read corpus/synonyms.txt through it. `keyed`, when given, counts the members that got a key.
SynonymMap expand_synonyms(const Analyzer& analyzer, const SynonymGroups& groups, std::size_t* keyed = nullptr);

/// Adds the groups to the database's synonym table (and its mirror).
/// Returns the members keyed.
std::size_t store_synonyms(Xapian::WritableDatabase& db, const Analyzer& analyzer, const SynonymGroups& groups);

/// Copies the synonym table into metadata, which a remote shard
/// (xapian-tcpsrv) does serve while it answers synonym reads with nothing.
void mirror_synonyms(Xapian::WritableDatabase& db);

/// Reads the whole synonym table (once per Searcher, not per query).
SynonymMap load_synonyms(const Xapian::Database& db);

/// The groups `newsidx synonyms` added to the index (kMetaUserSynonyms),
/// in order; none when absent.
SynonymGroups read_user_groups(const Xapian::Database& db);

/// Records `groups` after those already added (Index::add_synonyms).
void add_user_groups(Xapian::WritableDatabase& db, const SynonymGroups& groups);

/// The analysis an index's posts were made with: the user groups reindex
/// last adopted (kMetaConceptGroups), whose members carry concept terms,
/// and the user dictionary (kMetaDictionary; throws IndexError when the
/// stored one does not parse). The writer and the searcher build their
/// Analyzer from it.
AnalyzerConfig analyzer_config(const Xapian::Database& db);

/// Reindex: the posts are about to be analyzed with every user group added.
/// The stamp (analyzer_tag) names them once the reindex has finished.
void adopt_user_groups(Xapian::WritableDatabase& db);

/// User groups added since the last reindex: found by their spellings at
/// query time, by their concept term after `newsidx reindex`.
bool user_groups_pending(const Xapian::Database& db);

// builtin_synonyms(), corpus/synonyms.txt as it was at build time, is in
// text/lexicon.hpp (its names also guide decompounding).

}  // namespace newsidx::detail
