// Internal: OR members that Xapian 1.4 scores correctly (or_safe), and
// whether a query depends on positions (the query builder's).
#pragma once

#include <xapian.h>

namespace newsidx::detail {

// Xapian 1.4.22's OR scores wrongly under check() (the matcher calls it on
// an OR inside OP_FILTER, and on the right side of the AND_MAYBE an OR decays
// into when pruning by weight): a phrase, NEAR or value range that positions
// on a document and then rejects it is marked "at docid+1", and when its
// sibling really is at docid+1 the OR reports both there and adds the
// rejected branch's weight (orpostlist.cc, OrPostList::check). So a post's
// score depended on filters and on -n. Every OR member built here is one
// that is never rejected after positioning: such a query is wrapped in an
// operator that answers check() by skip_to and scores the same.
inline bool rejects_after_positioning(const Xapian::Query& q) {
    const auto op = q.get_type();
    return op == Xapian::Query::OP_PHRASE || op == Xapian::Query::OP_NEAR || op == Xapian::Query::OP_VALUE_RANGE;
}

// Same matches, same weight: its zero-weight twin finds the posts (by
// next/skip_to), the query itself is only asked about the post found, where
// it holds (AND_MAYBE checks its right side correctly). This relies on the
// searcher weighing every match: pruning by weight bounds turns the
// AND_MAYBE into an AND, and that lost posts (BuiltQuery::full_evaluation).
// OP_MAX instead crashed over several shards once both twins ended.
inline Xapian::Query or_safe(const Xapian::Query& q, bool& wrapped) {
    if (!rejects_after_positioning(q)) return q;
    wrapped = true;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0.0), q);
}

// Whether positions decide a match anywhere in `q` (a phrase or NEAR inside).
inline bool positional(const Xapian::Query& q) {
    if (q.get_type() == Xapian::Query::OP_PHRASE || q.get_type() == Xapian::Query::OP_NEAR) return true;
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i)
        if (positional(q.get_subquery(i))) return true;
    return false;
}

}  // namespace newsidx::detail
