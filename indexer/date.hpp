// Internal: dates of posts (front matter, file names, file times).
#pragma once

#include "post.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace newsidx::date {

/// Parses a front-matter date: `YYYY-MM-DD`, optionally followed by a time
/// (`T` or spaces, `HH:MM`, `HH:MM:SS`, fractional seconds) and a zone (`Z`,
/// `UTC`, `GMT`, `KST`, `+09`, `+0900`, `+09:00`, spaces allowed before it).
/// Month and day may have one digit, as YAML timestamps allow. Returns
/// nullopt for anything else or for an impossible calendar date.
/// Source is set to FrontMatter.
std::optional<PostDate> parse(std::string_view s);

/// The date of a Jekyll file name `YYYY-MM-DD-slug.md` (basename only),
/// as a UTC date with Source::FileName; nullopt when the name has none.
std::optional<PostDate> from_file_name(std::string_view file_name);

/// A UTC date-time from epoch seconds, with Source::FileTime.
PostDate from_epoch(std::int64_t epoch);

/// Days since 1970-01-01 of a proleptic Gregorian date (no range checks).
std::int64_t days_from_civil(int year, int month, int day) noexcept;

}  // namespace newsidx::date
