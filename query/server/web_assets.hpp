// The search page's files (web/), compiled in.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace newsidx::service {

/// "/index.html", "/style.css", "/app.js" -> file content.
const std::map<std::string, std::string_view>& web_assets();

}  // namespace newsidx::service
