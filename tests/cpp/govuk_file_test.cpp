// Importing a newer GOV.UK bank-holidays.json, and what happens when it is broken.
#include "drp/calendar.hpp"
#include "drp/error.hpp"

#include <gtest/gtest.h>

namespace {

using drp::calendar;
using drp::division;
using drp::errc;
using drp::parse_date;

// A file as GOV.UK would publish it after proclaiming a new one-off day in 2031.
constexpr const char* newer_file = R"({
  "england-and-wales": {"division": "england-and-wales", "events": [
    {"title": "New Year’s Day", "date": "2031-01-01", "notes": "", "bunting": true},
    {"title": "Good Friday", "date": "2031-04-11", "notes": "", "bunting": false},
    {"title": "Easter Monday", "date": "2031-04-14", "notes": "", "bunting": true},
    {"title": "Early May bank holiday", "date": "2031-05-05", "notes": "", "bunting": true},
    {"title": "Spring bank holiday", "date": "2031-05-26", "notes": "", "bunting": true},
    {"title": "Royal celebration", "date": "2031-06-06", "notes": "", "bunting": true},
    {"title": "Summer bank holiday", "date": "2031-08-25", "notes": "", "bunting": true},
    {"title": "Christmas Day", "date": "2031-12-25", "notes": "", "bunting": true},
    {"title": "Boxing Day", "date": "2031-12-26", "notes": "", "bunting": true}]},
  "scotland": {"division": "scotland", "events": []},
  "northern-ireland": {"division": "northern-ireland", "events": []}
})";

template <class F>
std::pair<errc, std::string> failure_of(F&& f) {
    try {
        f();
    } catch (const drp::error& e) {
        return {e.code(), e.what()};
    }
    return {errc::ok, ""};
}

TEST(GovukImport, ANewerFileAddsAProclaimedDayAndKeepsTitles) {
    calendar cal(division::england_and_wales);
    EXPECT_TRUE(cal.is_working_day(parse_date("2031-06-06")));
    cal.import_govuk(newer_file);
    EXPECT_FALSE(cal.is_working_day(parse_date("2031-06-06")));
    EXPECT_EQ(cal.holiday_on(parse_date("2031-06-06"))->title, "Royal celebration");
    EXPECT_EQ(cal.holiday_on(parse_date("2031-06-06"))->origin, drp::holiday::source::imported);
    EXPECT_EQ(cal.holidays(2031).size(), 9u);
    // Other years keep their sources.
    EXPECT_EQ(cal.holidays(2030).front().origin, drp::holiday::source::builtin);
    EXPECT_EQ(cal.holidays(2032).front().origin, drp::holiday::source::generated);
}

TEST(GovukImport, ParsesEachDivisionSeparately) {
    EXPECT_EQ(drp::parse_govuk_bank_holidays(newer_file, division::england_and_wales).size(), 9u);
    EXPECT_TRUE(drp::parse_govuk_bank_holidays(newer_file, division::scotland).empty());
}

TEST(GovukImport, BrokenFilesGiveTypedErrorsAndLeaveTheCalendarUnchanged) {
    struct bad_file {
        const char* text;
        errc code;
        const char* mentions;
    };
    const bad_file cases[] = {
        {"", errc::invalid_json, "line 1, column 1"},
        {"44444444444444444444444444E44444444444444444444444444444444444M", errc::invalid_json, "JSON"},
        {"1e999999", errc::invalid_json, "JSON"},
        {"{\"england-and-wales\": ", errc::invalid_json, "line 1, column 23"},
        {"[1,2]", errc::schema, "/"},
        {"{}", errc::schema, "england-and-wales"},
        {R"({"england-and-wales": []})", errc::schema, "/england-and-wales"},
        {R"({"england-and-wales": {"events": {}}})", errc::schema, "/england-and-wales/events"},
        {R"({"england-and-wales": {"events": [7]}})", errc::schema, "/england-and-wales/events/0"},
        {R"({"england-and-wales": {"events": [{"title": "X"}]}})", errc::schema, "missing \"date\""},
        {R"({"england-and-wales": {"events": [{"title": 5, "date": "2031-01-01"}]}})", errc::schema, "/title"},
        {R"({"england-and-wales": {"events": [{"title": "X", "date": "2031-02-30"}]}})", errc::invalid_date, "/events/0/date"},
        {R"({"england-and-wales": {"events": [{"title": "X", "date": "3031-02-03"}]}})", errc::out_of_range, "3031"},
        {R"({"england-and-wales": {"events": [{"title": "X", "date": "2031-02-03", "bunting": "yes"}]}})", errc::schema, "/bunting"},
        {"{\"england-and-wales\": {\"events\": [{\"title\": \"\xff\", \"date\": \"2031-01-01\"}]}}", errc::invalid_json, "ill-formed UTF-8"},
    };
    calendar cal(division::england_and_wales);
    for (const auto& c : cases) {
        const auto [code, message] = failure_of([&] { cal.import_govuk(c.text); });
        EXPECT_EQ(code, c.code) << c.text;
        EXPECT_NE(message.find(c.mentions), std::string::npos) << message;
        EXPECT_EQ(cal.holidays(2031).front().origin, drp::holiday::source::generated);
    }
}

}  // namespace
