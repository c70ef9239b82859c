#include "query_parser.hpp"

#include "fields.hpp"
#include "hangul.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

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

// A syntax error, at a column: caught by parse_query(), which falls back to
// the plain words (the caller never sees it).
struct QueryError : std::runtime_error {
    QueryError(const std::string& message, std::size_t col) : std::runtime_error(message), column(col) {}
    std::size_t column;
};

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

struct Tok {
    enum class T { Word, Phrase, Minus, Plus, Or, And, Not, LParen, RParen, End, Prefix, Date } t;
    std::string text;
    std::string field;
    std::size_t off;  // byte offset in the query (turned into a column only for a message)
    DayRange range{};
};

// A prefix must say something: two characters, or one Hangul syllable (스*).
bool prefix_long_enough(std::string_view p) {
    std::size_t n = 0, syllables = 0;
    for (std::size_t i = 0; i < p.size(); ++n) syllables += hangul::is_syllable(utf8::next(p, i));
    return n >= 2 || syllables > 0;
}

// User text quoted in a message, made valid UTF-8 (each bad byte becomes U+FFFD).
std::string shown(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) utf8::append(out, utf8::next(s, i));
    return out;
}

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
        // +word, +"phrase", +title:word (but ++ and a lone + are words)
        if (c == '+' && i + 1 < n && !space(q[i + 1]) && q[i + 1] != ')' && q[i + 1] != '+') {
            toks.push_back({Tok::T::Plus, "", "", i});
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
                if (schema::query_field(f)) {  // title, tag, category, author, date
                    field = f;
                    i = j + 1;
                }
            }
        }
        if (i < n && q[i] == '"') {
            if (field == "date") throw QueryError("date: takes a range such as 2025-02..2025-03, not a phrase", column(q, start));
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
        if (field == "date") {
            std::string error;
            const auto range = parse_day_range(w, error);
            if (!range) throw QueryError("date:" + shown(w) + ": " + error, column(q, start));
            toks.push_back({Tok::T::Date, w, field, start, *range});
        } else if ((w == "OR" || w == "||") && field.empty()) {
            toks.push_back({Tok::T::Or, w, "", start});
        } else if ((w == "AND" || w == "&&") && field.empty()) {
            toks.push_back({Tok::T::And, w, "", start});
        } else if (w == "NOT" && field.empty()) {
            toks.push_back({Tok::T::Not, w, "", start});
        } else if (w.size() > 1 && w.back() == '*' && w[w.size() - 2] != '*') {
            w.pop_back();
            if (!prefix_long_enough(w))
                throw QueryError("prefix " + shown(w) + "* is too short (give two letters or one Hangul syllable)",
                                 column(q, start));
            toks.push_back({Tok::T::Prefix, w, field, start});
        } else {
            toks.push_back({Tok::T::Word, w, field, start});
        }
    }
    toks.push_back({Tok::T::End, "", "", n});
    return toks;
}

// What may start an operand, and end one.
bool starts_operand(Tok::T t) {
    return t == Tok::T::Word || t == Tok::T::Phrase || t == Tok::T::Prefix || t == Tok::T::Date ||
           t == Tok::T::LParen || t == Tok::T::Minus || t == Tok::T::Plus || t == Tok::T::Not;
}
bool ends_operand(Tok::T t) {
    return t == Tok::T::Word || t == Tok::T::Phrase || t == Tok::T::Prefix || t == Tok::T::Date ||
           t == Tok::T::RParen;
}

// An operator with nothing to work on (SVM AND, AND b, a lone NOT, (a OR))
// is searched as the word it is, with a warning: the parse goes on.
void demote_dangling(const std::string& q, std::vector<Tok>& toks, std::vector<std::string>& warnings) {
    for (std::size_t k = 0; k + 1 < toks.size(); ++k) {
        Tok& t = toks[k];
        if (t.t != Tok::T::And && t.t != Tok::T::Or && t.t != Tok::T::Not) continue;
        const bool before = t.t == Tok::T::Not || (k > 0 && ends_operand(toks[k - 1].t));
        const bool after = starts_operand(toks[k + 1].t);
        if (before && after) continue;
        warnings.push_back(t.text + " at column " + std::to_string(column(q, t.off)) + " has nothing " +
                           (before ? "after" : "before") + " it; searched as a word");
        t.t = Tok::T::Word;
    }
}

struct Parser {
    const std::string& q;
    const std::vector<Tok>& toks;
    std::size_t i = 0;

    const Tok& peek() const { return toks[i]; }
    [[noreturn]] void fail(const std::string& what, const Tok& at) const { throw QueryError(what, column(q, at.off)); }

    QueryNode parse_or(int depth) {
        if (depth > kMaxDepth) fail("parentheses nested too deeply", peek());
        QueryNode first = parse_group(depth);
        if (peek().t != Tok::T::Or) return first;
        QueryNode node{QueryNode::Kind::Or, "", "", {}};
        node.kids.push_back(std::move(first));
        while (peek().t == Tok::T::Or) {
            ++i;
            node.kids.push_back(parse_group(depth));
        }
        return node;
    }

    // Members side by side; an AND chain adds its sides as required members.
    QueryNode parse_group(int depth) {
        QueryNode node{QueryNode::Kind::And, "", "", {}};
        while (peek().t != Tok::T::End && peek().t != Tok::T::RParen && peek().t != Tok::T::Or)
            for (QueryNode& k : parse_and(depth)) node.kids.push_back(std::move(k));
        if (node.kids.empty()) fail("expected a word", peek());
        if (node.kids.size() == 1) return std::move(node.kids[0]);
        return node;
    }

    std::vector<QueryNode> parse_and(int depth) {
        std::vector<QueryNode> sides;
        sides.push_back(parse_unary(depth));
        while (peek().t == Tok::T::And) {
            ++i;
            sides.push_back(parse_unary(depth));
        }
        if (sides.size() > 1)
            for (QueryNode& s : sides) s = with_sign(QueryNode::Kind::Required, std::move(s));
        return sides;
    }

    // +x and -x over a member that may carry a sign already: an exclusion
    // stays one (+-x, NOT +x, NOT -x: -x), +x stays +x.
    static QueryNode with_sign(QueryNode::Kind sign, QueryNode n) {
        if (n.kind == QueryNode::Kind::Not) return n;
        if (n.kind == QueryNode::Kind::Required) {
            if (sign == QueryNode::Kind::Required) return n;
            // Out of n first: assigning n from its own child frees the child
            // (n's kids) while the assignment still reads it.
            QueryNode inner = std::move(n.kids.at(0));
            n = std::move(inner);
        }
        QueryNode s{sign, "", "", {}};
        s.kids.push_back(std::move(n));
        return s;
    }

    QueryNode parse_unary(int depth) {
        switch (peek().t) {
            case Tok::T::Minus:
            case Tok::T::Plus:
            case Tok::T::Not: {
                const auto sign = peek().t == Tok::T::Plus ? QueryNode::Kind::Required : QueryNode::Kind::Not;
                ++i;
                if (depth > kMaxDepth) fail("too many signs in a row", peek());
                return with_sign(sign, parse_unary(depth + 1));
            }
            default: return parse_primary(depth);
        }
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
            case Tok::T::Prefix:
                ++i;
                return {QueryNode::Kind::Prefix, t.text, t.field, {}};
            case Tok::T::Date: {
                ++i;
                QueryNode d{QueryNode::Kind::Date, t.text, t.field, {}};
                d.from = t.range.from;
                d.to = t.range.to;
                return d;
            }
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

bool digits(std::string_view s, std::size_t n) {
    return s.size() == n && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string describe(const QueryNode& n) {
    const std::string field = n.field.empty() || n.kind == QueryNode::Kind::Date ? "" : n.field + ":";
    switch (n.kind) {
        case QueryNode::Kind::Word: return field + n.text;
        case QueryNode::Kind::Prefix: return field + n.text + "*";
        case QueryNode::Kind::Phrase: return field + "\"" + n.text + "\"";
        case QueryNode::Kind::Date:
            return "date:" + (n.from ? std::to_string(n.from) : std::string()) + ".." +
                   (n.to != 99999999 ? std::to_string(n.to) : std::string());
        case QueryNode::Kind::Not: return "-" + describe(n.kids.at(0));
        case QueryNode::Kind::Required: return "+" + describe(n.kids.at(0));
        case QueryNode::Kind::And:
        case QueryNode::Kind::Or: break;
    }
    std::string s = n.kind == QueryNode::Kind::Or ? "OR(" : "AND(";
    for (std::size_t i = 0; i < n.kids.size(); ++i) s += (i ? " " : "") + describe(n.kids[i]);
    return s + ")";
}

std::optional<std::uint32_t> parse_day(std::string_view s, bool end) {
    // YYYY, YYYY-MM, YYYY-MM-DD
    if (s.size() != 4 && s.size() != 7 && s.size() != 10) return std::nullopt;
    if (!digits(s.substr(0, 4), 4)) return std::nullopt;
    const std::uint32_t y = static_cast<std::uint32_t>(std::stoul(std::string(s.substr(0, 4))));
    std::uint32_t m = end ? 12 : 1, d = end ? 31 : 1;
    if (s.size() >= 7) {
        if (s[4] != '-' || !digits(s.substr(5, 2), 2)) return std::nullopt;
        m = static_cast<std::uint32_t>((s[5] - '0') * 10 + (s[6] - '0'));
        if (m < 1 || m > 12) return std::nullopt;
    }
    if (s.size() == 10) {
        if (s[7] != '-' || !digits(s.substr(8, 2), 2)) return std::nullopt;
        d = static_cast<std::uint32_t>((s[8] - '0') * 10 + (s[9] - '0'));
        static constexpr std::uint32_t kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        if (d < 1 || d > kDays[m - 1]) return std::nullopt;
    }
    return y * 10000 + m * 100 + d;
}

std::optional<DayRange> parse_day_range(std::string_view s, std::string& error) {
    DayRange r;
    const std::size_t dots = s.find("..");
    const std::string_view a = dots == std::string_view::npos ? s : s.substr(0, dots);
    const std::string_view b = dots == std::string_view::npos ? s : s.substr(dots + 2);
    if (a.empty() && b.empty()) {
        error = "give a day, month or year: 2025, 2025-02, 2025-02-04, 2025-02..2025-03, 2025-02.. or ..2025-03";
        return std::nullopt;
    }
    for (const auto& [part, end] : {std::pair{a, false}, std::pair{b, true}}) {
        if (part.empty()) continue;
        const auto day = parse_day(part, end);
        if (!day) {
            error = "'" + std::string(part) + "' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)";
            return std::nullopt;
        }
        (end ? r.to : r.from) = *day;
    }
    if (r.from > r.to) {
        error = "the range ends before it starts";
        return std::nullopt;
    }
    return r;
}

std::string searched_part(const std::string& query) {
    if (query.size() <= kMaxQueryBytes) return query;
    // At a character boundary (at most 3 continuation bytes back, even in invalid UTF-8).
    std::size_t end = kMaxQueryBytes;
    for (int k = 0; k < 3 && (static_cast<unsigned char>(query[end]) & 0xC0) == 0x80; ++k) --end;
    return query.substr(0, end);
}

QueryNode parse_query(const std::string& query, std::string& warning) {
    warning.clear();
    const bool too_long = query.size() > kMaxQueryBytes;
    std::string cut;
    if (too_long) {
        cut = searched_part(query);
        warning = "query longer than " + std::to_string(kMaxQueryBytes) + " bytes; only its first " +
                  std::to_string(utf8::length(cut)) + " characters are searched";
    }
    const std::string& q = too_long ? cut : query;
    try {
        std::vector<Tok> toks = lex(q);
        std::vector<std::string> notes;
        demote_dangling(q, toks, notes);
        Parser p{q, toks};
        if (p.peek().t == Tok::T::End) return {QueryNode::Kind::And, "", "", {}};
        QueryNode root = p.parse_or(0);
        if (p.peek().t != Tok::T::End) p.fail("unexpected ')'", p.peek());
        // Only when the parse stands: a fallback reads every word as a word anyway.
        for (const std::string& note : notes) warning += (warning.empty() ? "" : "; ") + note;
        return root;
    } catch (const QueryError& e) {
        if (!warning.empty()) warning += "; ";
        warning += std::string(e.what()) + " at column " + std::to_string(e.column) + "; searching the plain words";
        return plain_words(q);
    }
}

}  // namespace newsidx::detail
