// Internal: boilerplate ("templates"), the one deliberate exception to "a
// post's analysis does not depend on the other posts" (issue 17, item 5).
// A body paragraph repeated verbatim in a large share of one root's posts (a
// blog's footer, "이 포스팅은 … 작성되었습니다") is a template: its words are
// not indexed as body text and it is left out of the stored text (snippets).
//
// The unit is a paragraph as the reader sees it: one line of a Body section
// of Post::text (blocks are separated by '\n', white space inside a block is
// already collapsed to single spaces), trimmed, of at least
// kTemplateMinChars characters. Headings, titles, code and alt text are never
// templates.
//
// Every post carries one boolean term per candidate paragraph,
// XH<root16><para16> (schema::kParagraph), whatever it is, so the count of a
// root's posts holding a paragraph is that term's frequency, written with the
// post in the same transaction (a sharded index: the sum over its shards).
// A post built with paragraph h treated as a template also carries
// XHT<root16><para16> (schema::kTemplateMark), so a post built with a set that
// is no longer right is found from the index alone (refresh_templates in
// index_templates.cpp), whatever a killed run left.
#pragma once

#include "post.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsidx::detail {

/// A paragraph shorter than this (in characters) is never a template: "감사합니다",
/// "참고", a lone short link text. Measured on ../shared/corpora (README "Templates").
inline constexpr std::size_t kTemplateMinChars = 20;
/// A root with fewer posts has no templates.
inline constexpr std::size_t kTemplateMinPosts = 20;
/// A paragraph is a template when at least this share (per cent) of its root's posts hold it.
inline constexpr std::size_t kTemplateSharePercent = 30;

/// Counters a ParagraphTally keeps at most (12 bytes of payload each, about
/// 40 with the hash table's own): ~20 MB, whatever the size of the root.
inline constexpr std::size_t kTallyCapacity = std::size_t{1} << 19;

/// How many posts hold each paragraph, in bounded memory: the Misra–Gries
/// heavy-hitters summary (mergeable, as in Agarwal et al., "Mergeable
/// summaries", 2012). At most `capacity` counters; when a new paragraph
/// finds them all taken, every counter drops by one (and the newcomer is
/// not kept), which happens at most once per `capacity` + 1 holdings. So a
/// counter is at most lost() below the true count, and a paragraph without
/// one is held by at most lost() posts. Exact (lost() == 0) while no more
/// than `capacity` distinct paragraphs were seen — any real blog; a root of
/// a million synthetic posts (20 million distinct paragraphs) loses about
/// 40 per paragraph, against a template threshold of 300,000.
class ParagraphTally {
public:
    explicit ParagraphTally(std::size_t capacity = kTallyCapacity) : capacity_(capacity ? capacity : 1) {}
    /// One more post holding paragraph `hash`.
    void add(std::uint64_t hash);
    /// Adds another tally's counts (and its loss).
    void merge(const ParagraphTally& other);
    /// The most any count may be below the truth.
    std::size_t lost() const { return lost_; }
    /// The paragraphs surely held by at least `n` posts (n > 0).
    std::set<std::uint64_t> at_least(std::size_t n) const;
    /// Counters in use (at most the capacity).
    std::size_t size() const { return counts_.size(); }

    std::size_t posts = 0;  ///< posts counted (the caller's)

private:
    // Drops every counter by `by`, forgetting those that reach zero.
    void drop(std::uint32_t by);

    std::unordered_map<std::uint64_t, std::uint32_t> counts_;
    std::size_t capacity_;
    std::size_t lost_ = 0;
};

/// The paragraph hashes that are templates in one root.
using TemplateSet = std::set<std::uint64_t>;
/// Per root (absolute path, as Post::root).
using TemplateSets = std::map<std::string, TemplateSet>;

/// One candidate paragraph of a post: [begin, end) in Post::text, its hash.
struct Paragraph {
    std::uint32_t begin = 0, end = 0;
    std::uint64_t hash = 0;
};

/// The candidate paragraphs of a post (Body lines of kTemplateMinChars or more), in order.
std::vector<Paragraph> paragraphs(const Post& post);

/// The hash of a paragraph's text (fnv1a64, standard basis).
std::uint64_t paragraph_hash(std::string_view text);

/// Fewest posts that make a paragraph a template in a root of `posts` posts;
/// 0: the root is too small to have templates.
std::size_t template_threshold(std::size_t posts);

/// 16 lower-case hex digits.
std::string hex16(std::uint64_t v);
/// The root's part of the paragraph terms: hex16(fnv1a64(root)).
std::string root_key(std::string_view root);
/// XH<root16><para16> and XHT<root16><para16>.
std::string paragraph_term(std::string_view root_key, std::uint64_t hash);
std::string template_mark_term(std::string_view root_key, std::uint64_t hash);

}  // namespace newsidx::detail
