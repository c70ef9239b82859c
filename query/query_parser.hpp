// Internal: the query language (our own small grammar; see README "Query syntax").
//
//   query   := or
//   or      := group ( ("OR" | "||") group )*
//   group   := and+                          (side by side: the soft group)
//   and     := unary ( ("AND" | "&&") unary )*
//   unary   := ("-" | "+" | "NOT") unary | primary   (signs over signs: -x wins, +x stays)
//   primary := WORD | PREFIX | "\"" PHRASE "\"" | FIELD ":" (WORD | PREFIX | PHRASE)
//            | "date:" RANGE | "(" or ")"
//   FIELD   := title | tag | category | author
//   PREFIX  := WORD "*"                      (스타게*, openа*)
//   RANGE   := DAY | DAY ".." DAY | DAY ".." | ".." DAY
//   DAY     := YYYY | YYYY-MM | YYYY-MM-DD   (a range ends with the whole last month/day)
//
// Precedence as in Lucene: NOT, - and + bind tightest, then AND, then OR.
// Words side by side form one soft group (today's scoring: any word
// matches, more and better matches rank higher). The operators are only
// the uppercase words (and, or, not are words). `a AND b` puts both sides
// in the group as required members (+a +b); `a NOT b` is a -b. A group with
// required members matches the posts holding all of them, its other
// members only add weight; `-` members exclude.
//
// Parsing never fails for the caller: parse_query() reports a problem in
// `warning` and falls back to the query's plain words. An operator with
// nothing to work on (`SVM AND`, a lone `NOT`) is searched as a word, with
// a warning naming its column.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsidx::detail {

struct QueryNode {
    /// And: the soft group of members side by side (its kids: Required
    /// members must match, Not members must not, the others add weight).
    /// Required: +kid (kids[0]); `a AND b` is And(+a +b).
    enum class Kind { Word, Phrase, Not, And, Or, Prefix, Date, Required };
    Kind kind = Kind::Word;
    std::string text;   ///< Word / Phrase / Prefix text, raw (a prefix without its '*'); Date: the range as written
    std::string field;  ///< "", "title", "tag", "category", "author"; "date" for Date
    std::vector<QueryNode> kids;
    std::uint32_t from = 0, to = 0;  ///< Date: inclusive yyyymmdd bounds (0 / 99999999 when open)
};

/// The tree in one line: AND(+삼성 -애플 title:"AI 동맹" 스타게* date:20250201..20250331).
std::string describe(const QueryNode& n);

/// An inclusive day range as yyyymmdd numbers.
struct DayRange {
    std::uint32_t from = 0, to = 99999999;
};

/// One day bound: YYYY, YYYY-MM or YYYY-MM-DD. As an `end` bound it covers
/// the whole year or month (2025-02 -> 20250231, which every February day
/// precedes). Nothing when malformed (month 13, day 32, 2025/02 ...).
std::optional<std::uint32_t> parse_day(std::string_view s, bool end);

/// A range: DAY, DAY..DAY, DAY.. or ..DAY. Sets `error` and returns nothing
/// when malformed or backwards.
std::optional<DayRange> parse_day_range(std::string_view s, std::string& error);

/// The part of `query` that is searched: all of it up to kMaxQueryBytes
/// (16 KiB), else its first kMaxQueryBytes cut at a character boundary.
/// Typing help (layout, 초성, did-you-mean) reads this part too, so a 1 MB
/// query costs what its first 16 KiB cost.
std::string searched_part(const std::string& query);

/// Parses `q`. On a syntax error, returns the plain-words reading of `q` and
/// sets `warning` ("unbalanced quote at column 7; searching the plain words").
QueryNode parse_query(const std::string& q, std::string& warning);

}  // namespace newsidx::detail
