#include "query_parser.hpp"

#include <newsidx/error.hpp>

#include "utf8.hpp"

#include <algorithm>
#include <cctype>

namespace newsidx::detail {

namespace {

constexpr int kMaxDepth = 64;
// Bounds on what one query may cost. Xapian's matcher slows down with the
// square of the number of OR'ed terms (10,000 absent terms take seconds),
// and each Korean word becomes ~10 terms (stem, splits, bigrams, joins):
// 256 parts keep any query well under a second. Longer queries are cut to
// their first kMaxQueryBytes (a 1 MB "a-a-a-…" word would analyze to
// 500,000 words). Both with a warning; README "Query syntax".
constexpr std::size_t kMaxTokens = 256;
constexpr std::size_t kMaxQueryBytes = 16384;

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

struct Tok {
    enum class T { Word, Phrase, Minus, Or, LParen, RParen, End } t;
    std::string text;
    std::string field;
    std::size_t off;  // byte offset in the query (turned into a column only for a message)
};

std::size_t column(const std::string& q, std::size_t off) { return utf8::length(std::string_view(q).substr(0, off)) + 1; }

std::vector<Tok> lex(const std::string& q) {
    std::vector<Tok> toks;
    std::size_t i = 0;
    const std::size_t n = q.size();
    while (i < n) {
        if (space(q[i])) {
            ++i;
            continue;
        }
        if (toks.size() >= kMaxTokens)
            throw QueryError("query has more than " + std::to_string(kMaxTokens) + " parts", column(q, i));
        const std::size_t start = i;
        const char c = q[i];
        if (c == '(') {
            toks.push_back({Tok::T::LParen, "", "", i});
            ++i;
            continue;
        }
        if (c == ')') {
            toks.push_back({Tok::T::RParen, "", "", i});
            ++i;
            continue;
        }
        if (c == '-' && i + 1 < n && !space(q[i + 1]) && q[i + 1] != ')') {
            toks.push_back({Tok::T::Minus, "", "", i});
            ++i;
            continue;
        }
        // field:
        std::string field;
        {
            std::size_t j = i;
            while (j < n && std::isalpha(static_cast<unsigned char>(q[j]))) ++j;
            if (j < n && q[j] == ':' && j > i) {
                std::string f = q.substr(i, j - i);
                std::transform(f.begin(), f.end(), f.begin(), [](unsigned char ch) { return std::tolower(ch); });
                if (f == "title" || f == "tag" || f == "category" || f == "author") {
                    field = f;
                    i = j + 1;
                }
            }
        }
        if (i < n && q[i] == '"') {
            const std::size_t close = q.find('"', i + 1);
            if (close == std::string::npos) throw QueryError("unbalanced quote", column(q, i));
            toks.push_back({Tok::T::Phrase, q.substr(i + 1, close - i - 1), field, start});
            i = close + 1;
            continue;
        }
        std::size_t j = i;
        while (j < n && !space(q[j]) && q[j] != '(' && q[j] != ')' && q[j] != '"') ++j;
        std::string w = q.substr(i, j - i);
        i = j;
        if (w.empty()) {
            if (!field.empty()) throw QueryError(field + ": needs a value", column(q, start));
            continue;
        }
        if (w == "OR" && field.empty())
            toks.push_back({Tok::T::Or, "", "", start});
        else
            toks.push_back({Tok::T::Word, w, field, start});
    }
    toks.push_back({Tok::T::End, "", "", n});
    return toks;
}

struct Parser {
    const std::string& q;
    const std::vector<Tok>& toks;
    std::size_t i = 0;

    const Tok& peek() const { return toks[i]; }
    [[noreturn]] void fail(const std::string& what, const Tok& at) const { throw QueryError(what, column(q, at.off)); }

    QueryNode parse_or(int depth) {
        if (depth > kMaxDepth) fail("parentheses nested too deeply", peek());
        QueryNode first = parse_and(depth);
        if (peek().t != Tok::T::Or) return first;
        QueryNode node{QueryNode::Kind::Or, "", "", {}};
        node.kids.push_back(std::move(first));
        while (peek().t == Tok::T::Or) {
            ++i;
            if (peek().t == Tok::T::End || peek().t == Tok::T::RParen || peek().t == Tok::T::Or)
                fail("OR needs a word after it", peek());
            node.kids.push_back(parse_and(depth));
        }
        return node;
    }

    QueryNode parse_and(int depth) {
        QueryNode node{QueryNode::Kind::And, "", "", {}};
        while (peek().t != Tok::T::End && peek().t != Tok::T::RParen && peek().t != Tok::T::Or)
            node.kids.push_back(parse_unary(depth));
        if (node.kids.empty()) fail("expected a word", peek());
        if (node.kids.size() == 1) return std::move(node.kids[0]);
        return node;
    }

    QueryNode parse_unary(int depth) {
        if (peek().t == Tok::T::Minus) {
            ++i;
            QueryNode n{QueryNode::Kind::Not, "", "", {}};
            n.kids.push_back(parse_primary(depth));
            return n;
        }
        return parse_primary(depth);
    }

    QueryNode parse_primary(int depth) {
        const Tok& t = peek();
        switch (t.t) {
            case Tok::T::Word:
                ++i;
                return {QueryNode::Kind::Word, t.text, t.field, {}};
            case Tok::T::Phrase:
                ++i;
                return {QueryNode::Kind::Phrase, t.text, t.field, {}};
            case Tok::T::LParen: {
                ++i;
                QueryNode inner = parse_or(depth + 1);
                if (peek().t != Tok::T::RParen) fail("unclosed parenthesis", t);
                ++i;
                return inner;
            }
            default:
                fail("unexpected " + std::string(t.t == Tok::T::RParen ? "')'" : "end of query"), t);
        }
    }
};

// The fallback: every run of non-syntax characters is a word.
QueryNode plain_words(const std::string& q) {
    QueryNode node{QueryNode::Kind::And, "", "", {}};
    std::string cur;
    auto flush = [&] {
        if (!cur.empty() && node.kids.size() < kMaxTokens) node.kids.push_back({QueryNode::Kind::Word, cur, "", {}});
        cur.clear();
    };
    for (char c : q) {
        if (space(c) || c == '"' || c == '(' || c == ')') flush();
        else cur += c;
    }
    flush();
    return node;
}

}  // namespace

QueryNode parse_query(const std::string& query, std::string& warning) {
    warning.clear();
    const bool too_long = query.size() > kMaxQueryBytes;
    std::string cut;
    if (too_long) {
        // At a character boundary (at most 3 continuation bytes back, even in invalid UTF-8).
        std::size_t end = kMaxQueryBytes;
        for (int k = 0; k < 3 && (static_cast<unsigned char>(query[end]) & 0xC0) == 0x80; ++k) --end;
        cut = query.substr(0, end);
        warning = "query longer than " + std::to_string(kMaxQueryBytes) + " bytes; only its first " +
                  std::to_string(utf8::length(cut)) + " characters are searched";
    }
    const std::string& q = too_long ? cut : query;
    try {
        const std::vector<Tok> toks = lex(q);
        Parser p{q, toks};
        if (p.peek().t == Tok::T::End) return {QueryNode::Kind::And, "", "", {}};
        QueryNode root = p.parse_or(0);
        if (p.peek().t != Tok::T::End) p.fail("unexpected ')'", p.peek());
        return root;
    } catch (const QueryError& e) {
        if (!warning.empty()) warning += "; ";
        warning += std::string(e.what()) + " at column " + std::to_string(e.column()) + "; searching the plain words";
        return plain_words(q);
    }
}

}  // namespace newsidx::detail
