#include "boilerplate.hpp"

#include "schema.hpp"
#include "utf8.hpp"

#include <cstdio>

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
