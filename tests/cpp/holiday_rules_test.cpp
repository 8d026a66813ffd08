// Bank holidays: every one-off day since 1995, substitute days, Easter, the three
// divisions, and agreement between the built-in data and the rule-based generator.
#include "drp/calendar.hpp"

#include <gtest/gtest.h>

#include <set>

namespace {

using drp::calendar;
using drp::date;
using drp::division;
using drp::parse_date;

date d(const char* text) { return parse_date(text); }

std::string title_on(const calendar& cal, const char* day) {
    const auto* h = cal.holiday_on(d(day));
    return h ? h->title : "<working day>";
}

struct special_day {
    const char* date;
    const char* title_part;  // a word the GOV.UK title contains
};

// One-off days and moved holidays, the same across the UK.
const special_day uk_one_offs[] = {
    {"1995-05-08", "Early May"},       // moved for the 50th anniversary of VE Day
    {"1999-12-31", "illennium"},       // Millennium
    {"2002-06-03", "Jubilee"},         // Golden Jubilee
    {"2002-06-04", "Spring"},          // Spring bank holiday moved
    {"2011-04-29", "oyal wedding"},    // Royal wedding
    {"2012-06-04", "Spring"},          // Spring bank holiday moved
    {"2012-06-05", "Diamond Jubilee"},
    {"2020-05-08", "Early May"},       // moved for the 75th anniversary of VE Day
    {"2022-06-02", "Spring"},          // Spring bank holiday moved
    {"2022-06-03", "Platinum Jubilee"},
    {"2022-09-19", "State Funeral"},
    {"2023-05-08", "oronation"},
};

// The ordinary days those one-offs displaced: working days that year.
const char* displaced[] = {"1995-05-01", "2002-05-27", "2012-05-28", "2020-05-04", "2022-05-30"};

class EveryDivision : public ::testing::TestWithParam<division> {};

TEST_P(EveryDivision, EveryOneOffBankHolidayIsANonWorkingDay) {
    const calendar cal(GetParam());
    for (const auto& s : uk_one_offs) {
        EXPECT_FALSE(cal.is_working_day(d(s.date))) << s.date;
        EXPECT_NE(title_on(cal, s.date).find(s.title_part), std::string::npos)
            << s.date << " is \"" << title_on(cal, s.date) << "\"";
    }
    for (const char* day : displaced) EXPECT_TRUE(cal.is_working_day(d(day))) << day;
}

TEST_P(EveryDivision, ChristmasOnASaturdayMovesBothDays) {
    const calendar cal(GetParam());  // 2021: Sat 25, Sun 26 -> Mon 27, Tue 28
    EXPECT_EQ(title_on(cal, "2021-12-27"), "Christmas Day");
    EXPECT_EQ(title_on(cal, "2021-12-28"), "Boxing Day");
    EXPECT_EQ(cal.holiday_on(d("2021-12-28"))->notes, "Substitute day");
    EXPECT_TRUE(cal.is_working_day(d("2021-12-29")));
}

TEST_P(EveryDivision, ChristmasOnASundayKeepsBoxingDayAndMovesChristmasToTuesday) {
    const calendar cal(GetParam());  // 2022 and 2033
    EXPECT_EQ(title_on(cal, "2022-12-26"), "Boxing Day");
    EXPECT_EQ(title_on(cal, "2022-12-27"), "Christmas Day");
    EXPECT_EQ(title_on(cal, "2033-12-26"), "Boxing Day");
    EXPECT_EQ(title_on(cal, "2033-12-27"), "Christmas Day");
}

TEST_P(EveryDivision, ChristmasOnAFridayMovesBoxingDayToMonday) {
    const calendar cal(GetParam());  // 2026, 2020 and 2037
    EXPECT_EQ(title_on(cal, "2026-12-28"), "Boxing Day");
    EXPECT_EQ(title_on(cal, "2020-12-28"), "Boxing Day");
    EXPECT_EQ(title_on(cal, "2037-12-28"), "Boxing Day");
}

TEST_P(EveryDivision, GoodFridayFollowsEaster) {
    const calendar cal(GetParam());
    // Easter Sundays from published tables.
    for (const char* easter : {"1995-04-16", "2000-04-23", "2008-03-23", "2011-04-24", "2016-03-27",
                               "2019-04-21", "2024-03-31", "2025-04-20", "2035-03-25", "2038-04-25",
                               "2043-03-29", "2100-03-28"}) {
        const date sunday = d(easter);
        EXPECT_EQ(cal.holiday_on(sunday - std::chrono::days{2}) ? cal.holiday_on(sunday - std::chrono::days{2})->title : "",
                  "Good Friday") << easter;
        const bool has_easter_monday = GetParam() != division::scotland;
        EXPECT_EQ(cal.is_working_day(sunday + std::chrono::days{1}), !has_easter_monday) << easter;
    }
}

INSTANTIATE_TEST_SUITE_P(Uk, EveryDivision,
                         ::testing::Values(division::england_and_wales, division::scotland,
                                           division::northern_ireland));

TEST(EnglandAndWales, NewYearOnASaturdayIsObservedOnMonday) {
    const calendar cal(division::england_and_wales);
    EXPECT_EQ(title_on(cal, "2022-01-03"), "New Year\u2019s Day");
    EXPECT_EQ(cal.holiday_on(d("2022-01-03"))->notes, "Substitute day");
    EXPECT_EQ(title_on(cal, "2000-01-03"), "New Year\u2019s Day");
    EXPECT_EQ(title_on(cal, "2033-01-03"), "New Year\u2019s Day");  // generator, beyond the data
    EXPECT_EQ(title_on(cal, "2023-01-02"), "New Year\u2019s Day");  // Sunday -> Monday
}

TEST(EnglandAndWales, EightBankHolidaysInAnOrdinaryYear) {
    const calendar cal(division::england_and_wales);
    for (int y : {1996, 2005, 2019, 2024, 2026, 2031, 2035}) EXPECT_EQ(cal.holidays(y).size(), 8u) << y;
    EXPECT_EQ(cal.holidays(2022).size(), 10u);  // + Platinum Jubilee, State Funeral
    EXPECT_EQ(cal.holidays(2023).size(), 9u);   // + Coronation
    EXPECT_EQ(cal.holidays(2012).size(), 9u);   // + Diamond Jubilee
    EXPECT_EQ(cal.holidays(1999).size(), 9u);   // + Millennium
}

TEST(EnglandAndWales, SummerBankHolidayIsTheLastMondayOfAugust) {
    const calendar cal(division::england_and_wales);
    EXPECT_EQ(title_on(cal, "2026-08-31"), "Summer bank holiday");
    EXPECT_EQ(title_on(cal, "2034-08-28"), "Summer bank holiday");
    EXPECT_TRUE(cal.is_working_day(d("2026-08-03")));
}

TEST(Scotland, SecondOfJanuaryStAndrewsDayAndAugustsFirstMonday) {
    const calendar cal(division::scotland);
    EXPECT_EQ(title_on(cal, "2026-01-02"), "2nd January");
    EXPECT_EQ(title_on(cal, "2026-11-30"), "St Andrew\u2019s Day");
    EXPECT_EQ(title_on(cal, "2026-08-03"), "Summer bank holiday");
    EXPECT_TRUE(cal.is_working_day(d("2026-08-31")));
    EXPECT_TRUE(cal.is_working_day(d("2026-04-06")));  // no Easter Monday in Scotland
    // 2022: Sat 1 and Sun 2 January -> Mon 3 and Tue 4.
    EXPECT_EQ(title_on(cal, "2022-01-03"), "New Year\u2019s Day");
    EXPECT_EQ(title_on(cal, "2022-01-04"), "2nd January");
    // St Andrew's Day on a Saturday (2030) -> Monday 2 December.
    EXPECT_EQ(title_on(cal, "2030-12-02"), "St Andrew\u2019s Day");
    // 2036 is beyond the built-in data: the generator gives the same rules.
    EXPECT_EQ(title_on(cal, "2036-08-04"), "Summer bank holiday");
}

TEST(NorthernIreland, StPatricksDayAndTheBoyneWithSubstitutes) {
    const calendar cal(division::northern_ireland);
    EXPECT_EQ(title_on(cal, "2026-03-17"), "St Patrick\u2019s Day");
    EXPECT_EQ(title_on(cal, "2026-07-13"), "Battle of the Boyne (Orangemen\u2019s Day)");  // 12th a Sunday
    EXPECT_EQ(cal.holiday_on(d("2026-07-13"))->notes, "Substitute day");
    EXPECT_EQ(title_on(cal, "2024-07-12"), "Battle of the Boyne (Orangemen\u2019s Day)");
    EXPECT_EQ(title_on(cal, "2029-03-19"), "St Patrick\u2019s Day");  // 17th a Saturday
    EXPECT_EQ(cal.holidays(2026).size(), 10u);
}

TEST(Sources, BuiltInDataAgreesWithTheRulesInEveryOrdinaryYear) {
    // Two independent sources: the GOV.UK-format data and the generator. They must agree
    // on every year without a proclaimed one-off.
    const std::set<int> one_off_years{1995, 1999, 2002, 2011, 2012, 2020, 2022, 2023};
    for (auto div : {division::england_and_wales, division::scotland, division::northern_ireland}) {
        const calendar cal(div);
        for (int y = 1995; y <= 2030; ++y) {
            if (one_off_years.count(y)) continue;
            const auto data = cal.holidays(y);
            const auto rules = drp::generate_bank_holidays(div, y);
            ASSERT_EQ(data.size(), rules.size()) << to_string(div) << " " << y;
            for (std::size_t i = 0; i < data.size(); ++i) {
                EXPECT_EQ(data[i].day, rules[i].day) << to_string(div) << " " << y;
                EXPECT_EQ(data[i].title, rules[i].title) << to_string(div) << " " << y;
                EXPECT_EQ(data[i].notes, rules[i].notes) << to_string(div) << " " << y;
                EXPECT_EQ(data[i].origin, drp::holiday::source::builtin);
            }
        }
    }
}

TEST(Sources, YearsBeyondTheDataComeFromTheGenerator) {
    const calendar cal(division::england_and_wales);
    for (const auto& h : cal.holidays(2031)) EXPECT_EQ(h.origin, drp::holiday::source::generated);
    for (const auto& h : cal.holidays(2030)) EXPECT_EQ(h.origin, drp::holiday::source::builtin);
}

}  // namespace
