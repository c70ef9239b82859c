#include "fields.hpp"

namespace newsidx::schema {

const Field* query_field(std::string_view name) {
    if (name.empty()) return nullptr;
    for (const Field* f : kFields)
        if (f->name == name) return f;
    return nullptr;
}

const Field* field_of_term(std::string_view term) {
    if (!prefixed(term)) return nullptr;
    // The longest prefix wins (XSB before XB and S; XDRAFT before D).
    const Field* best = nullptr;
    for (const Field* f : kFields)
        if (!f->prefix.empty() && term.substr(0, f->prefix.size()) == f->prefix &&
            (!best || f->prefix.size() > best->prefix.size()))
            best = f;
    return best;
}

std::string_view zone_of_term(std::string_view term) {
    if (!prefixed(term)) return "";
    const Field* f = field_of_term(term);
    return f ? f->zone : "filter";
}

}  // namespace newsidx::schema
