// drp/calendar.hpp — UK working days (DESIGN.md §4.1).
//
// A calendar is a weekday mask plus the bank holidays of one GOV.UK division plus the
// host's local closure days. All working-day arithmetic is O(1): construction builds a
// table of cumulative working-day counts over the whole supported range
// [calendar::first_year, calendar::last_year], so no call ever searches or loops.
//
// Holidays come, per year, from the first source that covers that year:
//   1. an imported GOV.UK bank-holidays.json (calendar::import_govuk),
//   2. the built-in data (policies/bank-holidays.json, GOV.UK format, 1995-2030),
//   3. the rule-based generator (drp::generate_bank_holidays).
// Local closure days are added on top and can be removed again at run time.
//
// Copies are cheap (the tables are shared, immutable); changing a copy's closures
// rebuilds that copy's tables only. A const calendar is safe to share across threads.
#pragma once

#include <array>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drp {

using date = std::chrono::sys_days;

/// The three GOV.UK bank-holiday divisions.
enum class division { england_and_wales, scotland, northern_ireland };

/// "england-and-wales", "scotland", "northern-ireland" (the GOV.UK keys).
std::string_view to_string(division d) noexcept;

/// Parses a GOV.UK division key. Throws drp::error(unknown_division) naming the text.
division division_from_string(std::string_view key);

/// One non-working day that is not a weekend: a bank holiday or a local closure.
struct holiday {
    enum class source { builtin, imported, generated, closure };

    date day;
    std::string title;  ///< as GOV.UK spells it, e.g. "Boxing Day"
    std::string notes;  ///< "Substitute day" or empty
    bool bunting = false;
    source origin = source::builtin;

    friend bool operator==(const holiday&, const holiday&) = default;
};

/// A local closure day: the authority is closed although it is neither a weekend nor a
/// bank holiday (a council closed between Christmas and New Year). A policy's working-day
/// deadlines skip it, and a deadline's `explain` names it by `title` as it names a bank
/// holiday ("skipped Tue 29 Dec 2026 (Council closure)"); see policy_load_options.
struct closure {
    date day{};
    std::string title = "Local closure day";

    friend bool operator==(const closure&, const closure&) = default;
};

/// The bank holidays the rules give for one year (Easter, first/last Mondays, fixed
/// days with substitute days), without one-off proclamations. Sorted by date.
std::vector<holiday> generate_bank_holidays(division d, int year);

/// Parses a GOV.UK bank-holidays.json text and returns one division's events, sorted.
/// Throws drp::error: invalid_json (with byte offset), schema (with JSON pointer),
/// invalid_date (with pointer and text).
std::vector<holiday> parse_govuk_bank_holidays(std::string_view json_text, division d);

/// Days of the week that are working days, Monday first ("1111100" is Mon-Fri).
using week_mask = std::array<bool, 7>;
inline constexpr week_mask monday_to_friday{true, true, true, true, true, false, false};

namespace detail { struct calendar_tables; }

class calendar {
public:
    /// The supported range. Dates outside it are rejected with errc::out_of_range.
    static constexpr int first_year = 1970;
    static constexpr int last_year = 2199;

    /// Built-in holidays of division d; O(1) after the first call per division.
    explicit calendar(division d = division::england_and_wales,
                      week_mask working_days = monday_to_friday);

    division region() const noexcept;
    const week_mask& working_weekdays() const noexcept;

    /// Replaces, for every year the file has events for this division, that year's
    /// holidays with the file's. Throws as parse_govuk_bank_holidays; on a throw the
    /// calendar is unchanged.
    void import_govuk(std::string_view json_text);

    /// Marks a day as a local closure (e.g. council closed 29-31 December). A closure on
    /// a day that is already non-working changes nothing but is remembered.
    void add_closure(date day, std::string title = "Local closure day");
    /// Adds several closures at once (add_closure for each, in order, with the tables
    /// rebuilt once): all or nothing, throwing as add_closure does.
    void add_closures(const std::vector<closure>& days);
    /// Removes a closure added before; false when there was none on that day.
    bool remove_closure(date day);

    bool is_working_day(date d) const;

    /// n > 0: the n-th working day strictly after d; n < 0: the |n|-th working day
    /// strictly before d; n == 0: d itself.
    date add_working_days(date d, int n) const;

    /// The number of working days x with a < x <= b (negative when b < a).
    int working_days_between(date a, date b) const;

    /// The first working day strictly after d.
    date next_working_day(date d) const;
    /// The last working day strictly before d.
    date previous_working_day(date d) const;

    /// Bank holidays and closures in a year, sorted by date.
    std::vector<holiday> holidays(int year) const;
    /// Bank holidays and closures x with a < x <= b that fall on a would-be working
    /// weekday, i.e. the days an add_working_days from a to b skipped beyond weekends.
    std::vector<holiday> holidays_between(date a, date b) const;
    /// The holiday or closure on d, if any (also on weekends).
    const holiday* holiday_on(date d) const;

private:
    std::shared_ptr<const detail::calendar_tables> tables_;
};

/// True when d lies in the supported range.
bool in_supported_range(date d) noexcept;

/// Parses "YYYY-MM-DD" strictly. Throws drp::error(invalid_date) naming the text.
date parse_date(std::string_view text);
/// Formats as "YYYY-MM-DD".
std::string format_date(date d);
/// Formats for people: "Mon 21 Dec 2026".
std::string format_day(date d);

/// Says how add_working_days(from, n) was counted, for a deadline's `explain`:
/// "10 working days from Mon 21 Dec 2026 to Thu 7 Jan 2027; skipped Fri 25 Dec 2026
/// (Christmas Day), Mon 28 Dec 2026 (Boxing Day, substitute day), ...".
std::string explain_working_days(const calendar& cal, date from, int n);

}  // namespace drp
