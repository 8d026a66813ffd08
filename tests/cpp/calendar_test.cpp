// The working-day contract of DESIGN.md §4.1, in the domain's words. Expected dates are
// worked out by hand from a printed calendar, never by the code under test.
#include "drp/calendar.hpp"
#include "drp/error.hpp"

#include <gtest/gtest.h>

#include <random>

namespace {

using drp::calendar;
using drp::date;
using drp::division;
using drp::errc;
using drp::parse_date;

date d(const char* text) { return parse_date(text); }

const calendar& england() {
    static const calendar cal(division::england_and_wales);
    return cal;
}

template <class F>
errc code_of(F&& f) {
    try {
        f();
    } catch (const drp::error& e) {
        return e.code();
    }
    return errc::ok;
}

TEST(WorkingDays, RaisedOnSaturdayWithFiveWorkingDaysIsDueOnFriday) {
    EXPECT_EQ(england().add_working_days(d("2026-11-21"), 5), d("2026-11-27"));
}

TEST(WorkingDays, RaisedOnAWorkingDayCountsFromTheNextDay) {
    EXPECT_EQ(england().add_working_days(d("2026-11-23"), 1), d("2026-11-24"));
    EXPECT_EQ(england().add_working_days(d("2026-11-27"), 1), d("2026-11-30"));  // Fri -> Mon
}

TEST(WorkingDays, ZeroWorkingDaysIsTheDayItself) {
    EXPECT_EQ(england().add_working_days(d("2026-11-22"), 0), d("2026-11-22"));  // a Sunday
}

TEST(WorkingDays, NegativeCountsBackStrictlyBefore) {
    EXPECT_EQ(england().add_working_days(d("2026-11-23"), -1), d("2026-11-20"));  // Mon -> Fri
    EXPECT_EQ(england().add_working_days(d("2026-11-22"), -1), d("2026-11-20"));  // Sun -> Fri
    EXPECT_EQ(england().add_working_days(d("2027-01-04"), -3), d("2026-12-29"));  // over New Year
}

TEST(WorkingDays, IR1OverChristmasIsDueSeventhOfJanuary) {
    // Fri 25 Dec (Christmas), Mon 28 Dec (Boxing Day substitute), Fri 1 Jan are skipped.
    EXPECT_EQ(england().add_working_days(d("2026-12-21"), 10), d("2027-01-07"));
    EXPECT_EQ(england().working_days_between(d("2026-12-21"), d("2027-01-07")), 10);
}

TEST(WorkingDays, ExplainNamesTheSkippedHolidays) {
    EXPECT_EQ(drp::explain_working_days(england(), d("2026-12-21"), 10),
              "10 working days from Mon 21 Dec 2026 is Thu 7 Jan 2027; skipped "
              "Fri 25 Dec 2026 (Christmas Day), Mon 28 Dec 2026 (Boxing Day, substitute day), "
              "Fri 1 Jan 2027 (New Year\u2019s Day)");
    EXPECT_EQ(drp::explain_working_days(england(), d("2026-11-21"), 5),
              "5 working days from Sat 21 Nov 2026 is Fri 27 Nov 2026");
    EXPECT_EQ(drp::explain_working_days(england(), d("2027-01-04"), -3),
              "3 working days before Mon 4 Jan 2027 is Tue 29 Dec 2026; skipped Fri 1 Jan 2027 "
              "(New Year\u2019s Day)");
}

TEST(WorkingDays, EasterAndSummerBankHolidaysAreSkipped) {
    // Easter 2027: Good Friday 26 Mar, Easter Monday 29 Mar.
    EXPECT_EQ(england().add_working_days(d("2027-03-25"), 1), d("2027-03-30"));
    // Summer bank holiday 2026: Mon 31 Aug.
    EXPECT_EQ(england().add_working_days(d("2026-08-28"), 1), d("2026-09-01"));
}

TEST(WorkingDays, BetweenIsHalfOpenAndSigned) {
    EXPECT_EQ(england().working_days_between(d("2026-11-23"), d("2026-11-23")), 0);
    EXPECT_EQ(england().working_days_between(d("2026-11-21"), d("2026-11-27")), 5);
    EXPECT_EQ(england().working_days_between(d("2026-11-27"), d("2026-11-21")), -5);
    EXPECT_EQ(england().working_days_between(d("2026-11-20"), d("2026-11-23")), 1);  // Fri -> Mon
}

TEST(WorkingDays, NextAndPreviousWorkingDay) {
    EXPECT_EQ(england().next_working_day(d("2026-12-24")), d("2026-12-29"));
    EXPECT_EQ(england().previous_working_day(d("2026-12-29")), d("2026-12-24"));
}

TEST(WorkingDays, RoundTripPropertyOverRandomDates) {
    std::mt19937 rng(20261122);
    std::uniform_int_distribution<int> day(0, 365 * 60);
    std::uniform_int_distribution<int> count(-400, 400);
    const date base = d("1990-01-01");
    for (int i = 0; i < 20000; ++i) {
        const date from = base + std::chrono::days{day(rng)};
        const int n = count(rng);
        const date to = england().add_working_days(from, n);
        // Counting back from a non-working day, `from` itself is not among the counted
        // days (a < x <= b), so the interval holds one working day fewer.
        const int expected = (n < 0 && !england().is_working_day(from)) ? n + 1 : n;
        ASSERT_EQ(england().working_days_between(from, to), expected) << drp::format_date(from) << " " << n;
        if (n != 0) {
            ASSERT_TRUE(england().is_working_day(to));
            ASSERT_EQ(to > from, n > 0);
        }
    }
}

TEST(WorkingDays, AgreesWithDayByDayCountingEverywhereInRange) {
    // The O(1) tables against the definition, one day at a time, 1994-2036.
    const auto& cal = england();
    date x = d("1994-12-31");
    int running = 0;
    for (date y = x + std::chrono::days{1}; y <= d("2036-01-01"); y += std::chrono::days{1}) {
        const std::chrono::weekday w{y};
        const bool weekend = w == std::chrono::Saturday || w == std::chrono::Sunday;
        const bool working = !weekend && cal.holiday_on(y) == nullptr;
        ASSERT_EQ(cal.is_working_day(y), working) << drp::format_date(y);
        running += working ? 1 : 0;
        ASSERT_EQ(cal.working_days_between(x, y), running) << drp::format_date(y);
    }
}

TEST(Closures, CouncilClosureBetweenChristmasAndNewYearDelaysTheDeadline) {
    calendar cal(division::england_and_wales);
    for (const char* day : {"2026-12-29", "2026-12-30", "2026-12-31"}) cal.add_closure(d(day), "Council closed");
    EXPECT_FALSE(cal.is_working_day(d("2026-12-30")));
    EXPECT_EQ(cal.add_working_days(d("2026-12-21"), 10), d("2027-01-12"));
    EXPECT_EQ(cal.holiday_on(d("2026-12-30"))->title, "Council closed");
    EXPECT_EQ(cal.holiday_on(d("2026-12-30"))->origin, drp::holiday::source::closure);
    // The shared built-in calendar is untouched.
    EXPECT_EQ(england().add_working_days(d("2026-12-21"), 10), d("2027-01-07"));

    EXPECT_TRUE(cal.remove_closure(d("2026-12-30")));
    EXPECT_FALSE(cal.remove_closure(d("2026-12-30")));
    EXPECT_TRUE(cal.is_working_day(d("2026-12-30")));
    EXPECT_EQ(cal.add_working_days(d("2026-12-21"), 10), d("2027-01-11"));
}

TEST(Closures, ShortNoticeOneOffBankHolidayCanBeAdded) {
    calendar cal(division::england_and_wales);
    cal.add_closure(d("2027-06-11"), "Bank holiday for a royal event");
    EXPECT_EQ(cal.add_working_days(d("2027-06-10"), 1), d("2027-06-14"));
    const auto year = cal.holidays(2027);
    EXPECT_TRUE(std::any_of(year.begin(), year.end(), [](const drp::holiday& h) {
        return h.title == "Bank holiday for a royal event";
    }));
}

TEST(Closures, CopiesAreIndependent) {
    calendar a(division::england_and_wales);
    calendar b = a;
    b.add_closure(d("2026-11-24"));
    EXPECT_TRUE(a.is_working_day(d("2026-11-24")));
    EXPECT_FALSE(b.is_working_day(d("2026-11-24")));
}

TEST(WeekMask, ASixDayWeekCountsSaturdays) {
    calendar cal(division::england_and_wales, {true, true, true, true, true, true, false});
    EXPECT_EQ(cal.add_working_days(d("2026-11-20"), 1), d("2026-11-21"));
    EXPECT_EQ(code_of([] { calendar c(division::england_and_wales, {}); }), errc::invalid_argument);
}

TEST(BadInput, DatesOutsideTheSupportedRangeAreTypedErrors) {
    EXPECT_EQ(code_of([] { (void)england().is_working_day(d("1969-12-31")); }), errc::out_of_range);
    EXPECT_EQ(code_of([] { (void)england().add_working_days(d("2200-01-01"), 1); }), errc::out_of_range);
    EXPECT_EQ(code_of([] { (void)england().add_working_days(d("2199-12-30"), 5); }), errc::out_of_range);
    EXPECT_EQ(code_of([] { (void)england().add_working_days(d("1970-01-02"), -5); }), errc::out_of_range);
    EXPECT_EQ(code_of([] { (void)england().holidays(1800); }), errc::out_of_range);
    EXPECT_EQ(code_of([] { (void)england().holidays(2200); }), errc::out_of_range);
    EXPECT_NO_THROW((void)england().add_working_days(d("2199-12-01"), 5));
}

TEST(BadInput, MalformedDatesAndDivisionsAreTypedErrors) {
    for (const char* text : {"2026-02-29", "2026-13-01", "2026-1-01", "26-01-01", "", "2026/01/01",
                             "2026-01-01x", "abcd-ef-gh", "2026-00-10", "2026-04-31"})
        EXPECT_EQ(code_of([&] { (void)parse_date(text); }), errc::invalid_date) << text;
    EXPECT_NO_THROW((void)parse_date("2024-02-29"));
    EXPECT_EQ(code_of([] { (void)drp::division_from_string("wales"); }), errc::unknown_division);
    try {
        (void)drp::division_from_string("wales");
    } catch (const drp::error& e) {
        EXPECT_NE(std::string(e.what()).find("\"wales\""), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("[drp.unknown_division]"), std::string::npos);
    }
}

TEST(Closures, SeveralAddedAtOnceAreAsIfAddedOneByOneAndAllOrNothing) {
    calendar one(division::england_and_wales), all(division::england_and_wales);
    const std::vector<drp::closure> days{{d("2026-12-30"), "Council closed"}, {d("2026-12-29")}, {d("2026-12-30"), "Later title"}};
    for (const auto& c : days) one.add_closure(c.day, c.title);
    all.add_closures(days);
    EXPECT_EQ(all.holidays(2026), one.holidays(2026));
    EXPECT_EQ(all.holiday_on(d("2026-12-30"))->title, "Later title");  // the later entry wins
    EXPECT_EQ(all.add_working_days(d("2026-12-21"), 10), d("2027-01-11"));
    for (const auto& bad : {std::vector<drp::closure>{{d("2027-01-05")}, {d("2300-01-02")}},
                            std::vector<drp::closure>{{d("2027-01-05")}, {d("2027-01-06"), ""}}}) {
        EXPECT_NE(code_of([&] { all.add_closures(bad); }), errc::ok);
        EXPECT_TRUE(all.is_working_day(d("2027-01-05"))) << "nothing added when one is refused";
    }
}

TEST(BadInput, ClosureOutsideRangeOrUntitledLeavesTheCalendarUnchanged) {
    calendar cal(division::england_and_wales);
    EXPECT_EQ(code_of([&] { cal.add_closure(d("2300-01-02")); }), errc::out_of_range);
    EXPECT_EQ(code_of([&] { cal.add_closure(d("2026-11-24"), ""); }), errc::invalid_argument);
    EXPECT_TRUE(cal.is_working_day(d("2026-11-24")));
}

}  // namespace
