// Internal: the query language (our own small grammar; see README "Query syntax").
//
//   query   := or
//   or      := and ( "OR" and )*
//   and     := unary+
//   unary   := "-" primary | primary
//   primary := WORD | "\"" PHRASE "\"" | FIELD ":" (WORD | PHRASE) | "(" or ")"
//   FIELD   := title | tag | category | author
//
// Parsing never fails for the caller: parse_query() reports a problem in
// `warning` and falls back to the query's plain words.
#pragma once

#include <string>
#include <vector>

namespace newsidx::detail {

struct QueryNode {
    enum class Kind { Word, Phrase, Not, And, Or };
    Kind kind = Kind::Word;
    std::string text;   ///< Word / Phrase text, raw
    std::string field;  ///< "", "title", "tag", "category", "author"
    std::vector<QueryNode> kids;
};

/// Parses `q`. On a syntax error, returns the plain-words reading of `q` and
/// sets `warning` ("unbalanced quote at column 7; searching the plain words").
QueryNode parse_query(const std::string& q, std::string& warning);

}  // namespace newsidx::detail
