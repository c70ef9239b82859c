// The search page's files and the blog widget (web/), compiled in.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace newsidx::service {

/// "/index.html", "/style.css", "/app.js", "/widget.js" -> file content.
const std::map<std::string, std::string_view>& web_assets();

}  // namespace newsidx::service
