#include "drp/calendar.hpp"

#include <chrono>
#include <cstdio>

namespace drp {

std::string format_day(date d) {
    using namespace std::chrono;
    // Written by hand rather than with snprintf: every action's text has a date in it.
    static constexpr char weekdays[] = "MonTueWedThuFriSatSun";
    static constexpr char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    const year_month_day ymd{d};
    const unsigned wd = weekday{d}.iso_encoding() - 1, day = static_cast<unsigned>(ymd.day());
    const unsigned month = static_cast<unsigned>(ymd.month()) - 1;
    std::string out(weekdays + 3 * wd, 3);
    out += ' ';
    if (day >= 10) out += static_cast<char>('0' + day / 10);
    out += static_cast<char>('0' + day % 10);
    out += ' ';
    out.append(months + 3 * month, 3);
    out += ' ';
    out += std::to_string(static_cast<int>(ymd.year()));
    return out;
}

std::string explain_working_days(const calendar& cal, date from, int n) {
    const date to = cal.add_working_days(from, n);
    const int count = n < 0 ? -n : n;
    // Appended to one string, room made once: this is written for every duty of every
    // state shown ("10 working days from Mon 3 Feb 2025 is Mon 17 Feb 2025; ...").
    std::string out;
    out.reserve(128);
    out += std::to_string(count);
    out += count == 1 ? " working day " : " working days ";
    out += n < 0 ? "before " : "from ";
    out += format_day(from);
    out += " is ";
    out += format_day(to);
    // Counting back, the skipped days lie strictly between `to` and `from`.
    const auto skipped = n < 0 ? cal.holidays_between(to, from - std::chrono::days{1})
                               : cal.holidays_between(from, to);
    if (skipped.empty()) return out;
    out += "; skipped ";
    for (std::size_t i = 0; i < skipped.size(); ++i) {
        if (i) out += ", ";
        out += format_day(skipped[i].day);
        out += " (";
        out += skipped[i].title;
        if (skipped[i].notes == "Substitute day") out += ", substitute day";
        out += ")";
    }
    return out;
}

}  // namespace drp
