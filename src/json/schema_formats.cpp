// The formats drp asserts (docs/json-schema.md, "format"): RFC 3339 "date" and
// "date-time", checked exactly; any other format is refused when the schema is compiled.
#include "json/schema_internal.hpp"

#include "common/digits.hpp"

#include <chrono>

namespace drp::json::detail {

namespace {

using drp::detail::fixed_digits;

// RFC 3339 full-date: YYYY-MM-DD naming a real day of the proleptic Gregorian calendar.
date_check check_full_date(std::string_view s) noexcept {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return date_check::malformed;
    const int y = fixed_digits(s, 0, 4), m = fixed_digits(s, 5, 2), d = fixed_digits(s, 8, 2);
    if (y < 0 || m < 0 || d < 0) return date_check::malformed;
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                          std::chrono::day{static_cast<unsigned>(d)}};
    return ymd.ok() ? date_check::ok : date_check::no_such_day;
}

// RFC 3339 date-time: full-date "T" HH:MM:SS[.frac] (Z | +hh:mm | -hh:mm); "T" and "Z" in
// either case; second 60 only for a leap second (23:59:60 in UTC).
date_check check_date_time(std::string_view s) noexcept {
    if (s.size() < 20) return date_check::malformed;
    const date_check date = check_full_date(s.substr(0, 10));
    if (date == date_check::malformed || (s[10] != 'T' && s[10] != 't')) return date_check::malformed;
    const int hh = fixed_digits(s, 11, 2), mm = fixed_digits(s, 14, 2), ss = fixed_digits(s, 17, 2);
    if (hh < 0 || mm < 0 || ss < 0 || s[13] != ':' || s[16] != ':') return date_check::malformed;
    std::size_t pos = 19;
    if (pos < s.size() && s[pos] == '.') {
        const std::size_t start = ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
        if (pos == start) return date_check::malformed;
    }
    if (pos >= s.size()) return date_check::malformed;
    int offset = 0;
    if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
        const int oh = fixed_digits(s, pos + 1, 2), om = fixed_digits(s, pos + 4, 2);
        if (oh < 0 || om < 0 || s[pos + 3] != ':') return date_check::malformed;
        if (oh > 23 || om > 59) return date_check::no_such_day;
        offset = (s[pos] == '-' ? -1 : 1) * (oh * 60 + om);
        pos += 6;
    } else {
        return date_check::malformed;
    }
    if (pos != s.size()) return date_check::malformed;
    if (date != date_check::ok || hh > 23 || mm > 59 || ss > 60) return date_check::no_such_day;
    if (ss == 60 && ((hh * 60 + mm - offset) % 1440 + 1440) % 1440 != 23 * 60 + 59) return date_check::no_such_day;
    return date_check::ok;
}

}  // namespace

const char* const checked_formats = "\"date\" and \"date-time\"";

std::optional<format_kind> format_named(std::string_view name) noexcept {
    if (name == "date") return format_kind::date;
    if (name == "date-time") return format_kind::date_time;
    return std::nullopt;
}

date_check check_format(format_kind kind, std::string_view s) noexcept {
    switch (kind) {
        case format_kind::date: return check_full_date(s);
        case format_kind::date_time: return check_date_time(s);
        case format_kind::none: break;
    }
    return date_check::ok;
}

std::string format_expectation(format_kind kind, date_check result, const json& v) {
    const bool malformed = result == date_check::malformed;
    if (kind == format_kind::date)
        return malformed ? " must be a date written YYYY-MM-DD; got " + describe(v)
                         : " must be a real calendar date; " + describe(v) + " does not exist";
    return malformed ? " must be a date and time with a UTC offset, like 2026-12-21T09:00:00Z or "
                       "2026-12-21T09:00:00+01:00; got " + describe(v)
                     : " must be a real date and time; " + describe(v) + " does not exist";
}

}  // namespace drp::json::detail
