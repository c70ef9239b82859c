#include "date.hpp"

#include <array>
#include <cstdio>
#include <string>

namespace newsidx::date {

namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Reads between `min` and `max` digits at s[i]; false when fewer than `min`.
bool digits(std::string_view s, std::size_t& i, int min, int max, int& value) noexcept {
    value = 0;
    int n = 0;
    while (i < s.size() && n < max && is_digit(s[i])) {
        value = value * 10 + (s[i] - '0');
        ++i, ++n;
    }
    return n >= min;
}

bool is_leap(int y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) noexcept {
    static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : kDays[static_cast<std::size_t>(m - 1)];
}

// Floor division, so that dates before 1970 still map to the right day.
std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

void civil_from_days(std::int64_t z, int& y, int& m, int& d) noexcept {
    // Howard Hinnant's algorithm (public domain description of the calendar).
    z += 719468;
    const std::int64_t era = floor_div(z, 146097);
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
}

std::string format_date(int y, int m, int d) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

std::string format_datetime(int y, int mo, int d, int h, int mi, int s, int offset) {
    char buf[128];
    if (offset == 0) {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, h, mi, s);
    } else {
        const int a = offset < 0 ? -offset : offset;
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, mo, d, h, mi, s,
                      offset < 0 ? '-' : '+', a / 60, a % 60);
    }
    return buf;
}

// Reads `YYYY-M-D` (month and day one or two digits) at s[i].
bool read_ymd(std::string_view s, std::size_t& i, int& y, int& m, int& d) noexcept {
    if (!digits(s, i, 4, 4, y)) return false;
    if (i >= s.size() || s[i] != '-') return false;
    ++i;
    if (!digits(s, i, 1, 2, m)) return false;
    if (i >= s.size() || s[i] != '-') return false;
    ++i;
    if (!digits(s, i, 1, 2, d)) return false;
    return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

// Zone names Jekyll sites in our languages actually write; numeric offsets
// are the portable form and are handled separately.
bool named_zone(std::string_view z, int& offset) noexcept {
    struct Named {
        std::string_view name;
        int minutes;
    };
    static constexpr std::array<Named, 6> kZones = {
        {{"z", 0}, {"utc", 0}, {"gmt", 0}, {"ut", 0}, {"kst", 540}, {"jst", 540}}};
    for (const Named& n : kZones) {
        if (n.name.size() != z.size()) continue;
        bool same = true;
        for (std::size_t k = 0; k < z.size() && same; ++k) same = lower(z[k]) == n.name[k];
        if (same) {
            offset = n.minutes;
            return true;
        }
    }
    return false;
}

// Reads a zone at s[i] (the whole remainder): named, or [+-]H[H][[:]MM].
bool read_zone(std::string_view s, std::size_t& i, int& offset) noexcept {
    if (s[i] == '+' || s[i] == '-') {
        const bool neg = s[i] == '-';
        ++i;
        int h = 0, m = 0;
        if (!digits(s, i, 1, 2, h)) return false;
        if (i < s.size() && s[i] == ':') ++i;
        if (i < s.size() && is_digit(s[i]) && !digits(s, i, 2, 2, m)) return false;
        if (h > 18 || m > 59) return false;
        offset = (neg ? -1 : 1) * (h * 60 + m);
        return true;
    }
    std::size_t j = i;
    while (j < s.size() && !is_blank(s[j])) ++j;
    if (!named_zone(s.substr(i, j - i), offset)) return false;
    i = j;
    return true;
}

}  // namespace

std::int64_t days_from_civil(int year, int month, int day) noexcept {
    const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
    const std::int64_t era = floor_div(y, 400);
    const std::int64_t yoe = y - era * 400;
    const std::int64_t mp = month > 2 ? month - 3 : month + 9;
    const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

std::optional<PostDate> parse(std::string_view s) {
    while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && (is_blank(s.back()) || s.back() == '\n')) s.remove_suffix(1);

    std::size_t i = 0;
    int y, mo, d;
    if (!read_ymd(s, i, y, mo, d)) return std::nullopt;

    PostDate out;
    out.source = PostDate::Source::FrontMatter;
    out.year = y, out.month = mo, out.day = d;
    if (i == s.size()) {
        out.epoch = days_from_civil(y, mo, d) * 86400;
        out.iso = format_date(y, mo, d);
        return out;
    }

    if (s[i] == 'T' || s[i] == 't') {
        ++i;
    } else if (is_blank(s[i])) {
        while (i < s.size() && is_blank(s[i])) ++i;
    } else {
        return std::nullopt;
    }
    int h = 0, mi = 0, sec = 0;
    if (!digits(s, i, 1, 2, h)) return std::nullopt;
    if (i >= s.size() || s[i] != ':') return std::nullopt;
    ++i;
    if (!digits(s, i, 2, 2, mi)) return std::nullopt;
    if (i < s.size() && s[i] == ':') {
        ++i;
        if (!digits(s, i, 2, 2, sec)) return std::nullopt;
        if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
            ++i;
            const std::size_t start = i;
            while (i < s.size() && is_digit(s[i])) ++i;
            if (i == start) return std::nullopt;
        }
    }
    if (h > 23 || mi > 59 || sec > 60) return std::nullopt;
    if (sec == 60) sec = 59;  // a leap second names the last second of its minute

    while (i < s.size() && is_blank(s[i])) ++i;
    int offset = 0;
    if (i < s.size() && !read_zone(s, i, offset)) return std::nullopt;
    while (i < s.size() && is_blank(s[i])) ++i;
    if (i != s.size()) return std::nullopt;

    out.offset_minutes = offset;
    out.epoch = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec -
                static_cast<std::int64_t>(offset) * 60;
    out.iso = format_datetime(y, mo, d, h, mi, sec, offset);
    return out;
}

std::optional<PostDate> from_file_name(std::string_view file_name) {
    const std::size_t slash = file_name.find_last_of('/');
    if (slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
    std::size_t i = 0;
    int y, m, d;
    if (!read_ymd(file_name, i, y, m, d)) return std::nullopt;
    if (i >= file_name.size() || file_name[i] != '-') return std::nullopt;
    PostDate out;
    out.source = PostDate::Source::FileName;
    out.year = y, out.month = m, out.day = d;
    out.epoch = days_from_civil(y, m, d) * 86400;
    out.iso = format_date(y, m, d);
    return out;
}

PostDate from_epoch(std::int64_t epoch) {
    // Keep the calendar arithmetic in range for absurd inputs (year 0..9999).
    constexpr std::int64_t kMin = -62167219200, kMax = 253402300799;
    epoch = epoch < kMin ? kMin : (epoch > kMax ? kMax : epoch);
    PostDate out;
    out.source = PostDate::Source::FileTime;
    out.epoch = epoch;
    const std::int64_t days = floor_div(epoch, 86400);
    const std::int64_t secs = epoch - days * 86400;
    civil_from_days(days, out.year, out.month, out.day);
    out.iso = format_datetime(out.year, out.month, out.day, static_cast<int>(secs / 3600),
                              static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60), 0);
    return out;
}

}  // namespace newsidx::date
