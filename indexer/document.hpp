// Internal: turns a Post into a Xapian::Document (terms, values, data).
#pragma once

#include <newsidx/analyzer.hpp>
#include "boilerplate.hpp"
#include "post.hpp"

#include <xapian.h>

#include <string>
#include <string_view>

namespace newsidx::detail {

/// Builds the document for `post`. `stamp` is stored in kSlotStamp so that
/// an unchanged file is recognised without re-reading it. The paragraphs
/// of `templates` (the post's root's, boilerplate.hpp) are left out of the
/// free text and the stored text.
Xapian::Document build_document(const Post& post, const Analyzer& analyzer, const std::string& stamp,
                                const TemplateSet* templates = nullptr);

/// The URL Jekyll would give the post when it has no permalink
/// (default style: /:categories/:year/:month/:day/:title.html).
std::string default_url(const Post& post);

}  // namespace newsidx::detail
