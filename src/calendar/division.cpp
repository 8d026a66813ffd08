#include "drp/calendar.hpp"
#include "drp/error.hpp"

#include <chrono>
#include <cstdio>

namespace drp {

std::string_view to_string(division d) noexcept {
    switch (d) {
        case division::england_and_wales: return "england-and-wales";
        case division::scotland: return "scotland";
        case division::northern_ireland: return "northern-ireland";
    }
    return "england-and-wales";
}

division division_from_string(std::string_view key) {
    for (auto d : {division::england_and_wales, division::scotland, division::northern_ireland}) {
        if (key == to_string(d)) return d;
    }
    throw error(errc::unknown_division,
                "unknown division \"" + std::string(key.substr(0, 64)) +
                    "\"; expected england-and-wales, scotland or northern-ireland");
}

bool in_supported_range(date d) noexcept {
    using namespace std::chrono;
    const auto first = sys_days{year{calendar::first_year} / January / 1};
    const auto last = sys_days{year{calendar::last_year} / December / 31};
    return first <= d && d <= last;
}

date parse_date(std::string_view text) {
    using namespace std::chrono;
    auto fail = [&](const char* why) -> date {
        throw error(errc::invalid_date, "invalid date \"" + std::string(text.substr(0, 40)) +
                                            "\": " + why + " (expected YYYY-MM-DD)");
    };
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return fail("wrong format");
    int parts[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
    for (int i = 0; i < 3; ++i) {
        for (std::size_t k = 0; k < lengths[i]; ++k) {
            const char c = text[starts[i] + k];
            if (c < '0' || c > '9') return fail("not a number");
            parts[i] = parts[i] * 10 + (c - '0');
        }
    }
    const year_month_day ymd{year{parts[0]}, month{static_cast<unsigned>(parts[1])},
                             day{static_cast<unsigned>(parts[2])}};
    if (!ymd.ok()) return fail("no such day");
    return sys_days{ymd};
}

std::string format_date(date d) {
    const std::chrono::year_month_day ymd{d};
    const int y = static_cast<int>(ymd.year());
    if (y >= 0 && y <= 9999) {  // digit by digit: the state writes several per obligation
        const unsigned m = static_cast<unsigned>(ymd.month()), dd = static_cast<unsigned>(ymd.day());
        const char text[10] = {static_cast<char>('0' + y / 1000), static_cast<char>('0' + y / 100 % 10),
                               static_cast<char>('0' + y / 10 % 10), static_cast<char>('0' + y % 10), '-',
                               static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10), '-',
                               static_cast<char>('0' + dd / 10), static_cast<char>('0' + dd % 10)};
        return std::string(text, sizeof text);
    }
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buf;
}

}  // namespace drp
