// The rule-based bank-holiday generator: what the Banking and Financial Dealings Act 1971
// and the annual proclamations give in an ordinary year. One-off changes (jubilees, royal
// events, moved May days) are data, not rules: they live in policies/bank-holidays.json.
#include "drp/calendar.hpp"

#include <algorithm>
#include <chrono>

namespace drp {
namespace {

using namespace std::chrono;

// Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
sys_days easter_sunday(int y) {
    const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
    const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int mon = (h + l - 7 * m + 114) / 31, dd = (h + l - 7 * m + 114) % 31 + 1;
    return sys_days{year{y} / month{static_cast<unsigned>(mon)} / day{static_cast<unsigned>(dd)}};
}

sys_days first_monday(int y, month m) { return sys_days{year{y} / m / Monday[1]}; }
sys_days last_monday(int y, month m) { return sys_days{year{y} / m / Monday[last]}; }
bool is_weekend(sys_days d) {
    const weekday w{d};
    return w == Saturday || w == Sunday;
}

struct fixed_day {
    month m;
    unsigned d;
    const char* title;
    bool bunting;
};

}  // namespace

std::vector<holiday> generate_bank_holidays(division div, int y) {
    std::vector<holiday> out;
    auto add = [&](sys_days d, const char* title, bool bunting, const char* notes = "") {
        out.push_back({d, title, notes, bunting, holiday::source::generated});
    };

    // Movable days always fall on a weekday.
    const sys_days easter = easter_sunday(y);
    add(easter - days{2}, "Good Friday", false);
    if (div != division::scotland) add(easter + days{1}, "Easter Monday", true);
    if (y >= 1978) add(first_monday(y, May), "Early May bank holiday", true);
    add(last_monday(y, May), "Spring bank holiday", true);
    add(div == division::scotland ? first_monday(y, August) : last_monday(y, August),
        "Summer bank holiday", true);

    // Fixed days: those on a weekend move, in date order, to the next weekday that is not
    // already a holiday (Christmas on a Sunday: Boxing Day Mon 26 stays, Christmas Tue 27).
    std::vector<fixed_day> fixed{{January, 1, "New Year\u2019s Day", true}};
    if (div == division::scotland) fixed.push_back({January, 2, "2nd January", true});
    if (div == division::northern_ireland) {
        fixed.push_back({March, 17, "St Patrick\u2019s Day", true});
        fixed.push_back({July, 12, "Battle of the Boyne (Orangemen\u2019s Day)", false});  // as GOV.UK
    }
    if (div == division::scotland && y >= 2007) fixed.push_back({November, 30, "St Andrew\u2019s Day", true});
    fixed.push_back({December, 25, "Christmas Day", true});
    fixed.push_back({December, 26, "Boxing Day", true});

    auto taken = [&](sys_days d) {
        return std::any_of(out.begin(), out.end(), [&](const holiday& h) { return h.day == d; });
    };
    std::vector<const fixed_day*> displaced;  // on a weekend, or on another holiday
    for (const auto& f : fixed) {
        const sys_days d{year{y} / f.m / day{f.d}};
        if (is_weekend(d) || taken(d)) displaced.push_back(&f);
        else add(d, f.title, f.bunting);
    }
    for (const fixed_day* f : displaced) {
        sys_days d{year{y} / f->m / day{f->d}};
        while (is_weekend(d) || taken(d)) d += days{1};
        add(d, f->title, f->bunting, "Substitute day");
    }
    std::sort(out.begin(), out.end(), [](const holiday& a, const holiday& b) { return a.day < b.day; });
    return out;
}

}  // namespace drp
