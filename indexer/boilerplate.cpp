#include "boilerplate.hpp"

#include "schema.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>

namespace newsidx::detail {

std::uint64_t paragraph_hash(std::string_view text) { return schema::fnv1a64(text); }

std::vector<Paragraph> paragraphs(const Post& post) {
    std::vector<Paragraph> out;
    const std::string_view t(post.text);
    for (const Section& s : post.sections) {
        if (s.zone != Zone::Body) continue;
        std::uint32_t b = s.begin;
        while (b < s.end) {
            std::uint32_t e = b;
            while (e < s.end && t[e] != '\n') ++e;
            std::uint32_t lb = b, le = e;
            while (lb < le && (t[lb] == ' ' || t[lb] == '\t')) ++lb;
            while (le > lb && (t[le - 1] == ' ' || t[le - 1] == '\t')) --le;
            if (le > lb) {
                const std::string_view p = t.substr(lb, le - lb);
                if (utf8::length(p) >= kTemplateMinChars) out.push_back({lb, le, paragraph_hash(p)});
            }
            b = e + 1;
        }
    }
    return out;
}

void ParagraphTally::add(std::uint64_t hash) {
    if (auto it = counts_.find(hash); it != counts_.end()) {
        ++it->second;
        return;
    }
    if (counts_.size() < capacity_) {
        counts_.emplace(hash, 1);
        return;
    }
    drop(1);  // the newcomer's holding is the one more each counter loses
}

void ParagraphTally::merge(const ParagraphTally& other) {
    for (const auto& [h, n] : other.counts_) counts_[h] += n;
    lost_ += other.lost_;
    if (counts_.size() <= capacity_) return;
    // Keep the `capacity_` largest: every counter drops by the next one's count.
    std::vector<std::uint32_t> ns;
    ns.reserve(counts_.size());
    for (const auto& c : counts_) ns.push_back(c.second);
    std::nth_element(ns.begin(), ns.begin() + static_cast<std::ptrdiff_t>(capacity_), ns.end(),
                     std::greater<std::uint32_t>());
    drop(ns[capacity_]);
}

void ParagraphTally::drop(std::uint32_t by) {
    lost_ += by;
    for (auto it = counts_.begin(); it != counts_.end();) {
        if (it->second <= by) {
            it = counts_.erase(it);
        } else {
            it->second -= by;
            ++it;
        }
    }
}

std::set<std::uint64_t> ParagraphTally::at_least(std::size_t n) const {
    std::set<std::uint64_t> out;
    for (const auto& [h, c] : counts_)
        if (c >= n) out.insert(h);
    return out;
}

std::size_t template_threshold(std::size_t posts) {
    if (posts < kTemplateMinPosts) return 0;
    return (posts * kTemplateSharePercent + 99) / 100;  // at least the share, rounded up
}

std::string hex16(std::uint64_t v) {
    char b[17];
    std::snprintf(b, sizeof b, "%016llx", static_cast<unsigned long long>(v));
    return b;
}

std::string root_key(std::string_view root) { return hex16(schema::fnv1a64(root)); }

std::string paragraph_term(std::string_view root_key, std::uint64_t hash) {
    return std::string(schema::kParagraph) + std::string(root_key) + hex16(hash);
}

std::string template_mark_term(std::string_view root_key, std::uint64_t hash) {
    return std::string(schema::kTemplateMark) + std::string(root_key) + hex16(hash);
}

}  // namespace newsidx::detail
