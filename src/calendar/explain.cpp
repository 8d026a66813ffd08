#include "drp/calendar.hpp"

#include <chrono>
#include <cstdio>

namespace drp {

std::string format_day(date d) {
    using namespace std::chrono;
    static constexpr const char* weekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const year_month_day ymd{d};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s %u %s %d", weekdays[weekday{d}.iso_encoding() - 1],
                  static_cast<unsigned>(ymd.day()), months[static_cast<unsigned>(ymd.month()) - 1],
                  static_cast<int>(ymd.year()));
    return buf;
}

std::string explain_working_days(const calendar& cal, date from, int n) {
    const date to = cal.add_working_days(from, n);
    const int count = n < 0 ? -n : n;
    std::string out = std::to_string(count) + (count == 1 ? " working day " : " working days ") +
                      (n < 0 ? "before " : "from ") + format_day(from) + " is " + format_day(to);
    // Counting back, the skipped days lie strictly between `to` and `from`.
    const auto skipped = n < 0 ? cal.holidays_between(to, from - std::chrono::days{1})
                               : cal.holidays_between(from, to);
    if (skipped.empty()) return out;
    out += "; skipped ";
    for (std::size_t i = 0; i < skipped.size(); ++i) {
        if (i) out += ", ";
        out += format_day(skipped[i].day) + " (" + skipped[i].title;
        if (skipped[i].notes == "Substitute day") out += ", substitute day";
        out += ")";
    }
    return out;
}

}  // namespace drp
