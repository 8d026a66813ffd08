// Report periods as councils ask for them: calendar quarters, quarters of the UK
// financial year (April-March), and the trend over the periods before one.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "drp/report.hpp"
#include "report_events.hpp"

namespace drp {
namespace {

using nlohmann::json;

std::pair<date, date> days(const char* from, const char* to) { return {parse_date(from), parse_date(to)}; }

TEST(financial_quarters, Q1_2025_26_is_April_to_June_2025) {
    const auto q = parse_named_quarter("Q1 2025/26");
    EXPECT_EQ(std::make_pair(q.from, q.to), days("2025-04-01", "2025-06-30"));
    EXPECT_EQ(q.kind, period_kind::financial_quarter);
    EXPECT_EQ(q.label, "Q1 2025/26");
}

TEST(financial_quarters, Q4_2025_26_is_January_to_March_2026) {
    const auto q = parse_named_quarter("2025/26Q4");
    EXPECT_EQ(std::make_pair(q.from, q.to), days("2026-01-01", "2026-03-31"));
    EXPECT_EQ(q.label, "Q4 2025/26");  // labelled as councils write it, whichever form was given
}

TEST(financial_quarters, every_written_form_gives_the_same_days) {
    EXPECT_EQ(parse_quarter("Q2 2025/26"), days("2025-07-01", "2025-09-30"));
    EXPECT_EQ(parse_quarter("2025/26 Q3"), days("2025-10-01", "2025-12-31"));
    EXPECT_EQ(parse_quarter("q3 2025/26"), days("2025-10-01", "2025-12-31"));
    EXPECT_EQ(parse_quarter("2029/30Q4"), days("2030-01-01", "2030-03-31"));
}

TEST(calendar_quarters, keep_their_forms_and_label) {
    const auto q = parse_named_quarter("2025 Q3");
    EXPECT_EQ(std::make_pair(q.from, q.to), days("2025-07-01", "2025-09-30"));
    EXPECT_EQ(q.kind, period_kind::calendar_quarter);
    EXPECT_EQ(q.label, "2025 Q3");
    EXPECT_EQ(parse_quarter("2025-Q1"), days("2025-01-01", "2025-03-31"));
}

TEST(quarters, a_bad_form_is_invalid_argument_naming_the_accepted_forms) {
    for (const char* bad : {"Q1 2025/27", "Q5 2025/26", "2025/26", "Q1 2025-26", "2025/26Q0", "Q1 25/26", "2025Q5", "", "Q1  2025/26"}) {
        try {
            parse_named_quarter(bad);
            ADD_FAILURE() << "accepted \"" << bad << "\"";
        } catch (const error& e) {
            EXPECT_EQ(e.code(), errc::invalid_argument) << bad;
            const std::string m = e.what();
            EXPECT_NE(m.find("2025Q3"), std::string::npos) << m;
            EXPECT_NE(m.find("Q1 2025/26"), std::string::npos) << m;
            EXPECT_NE(m.find("2025/26Q1"), std::string::npos) << m;
        }
    }
}

TEST(periods_before, a_financial_quarter_steps_back_by_quarters_across_the_year_end) {
    const auto before = periods_before(parse_date("2025-04-01"), parse_date("2025-06-30"), period_kind::financial_quarter, 2);
    ASSERT_EQ(before.size(), 2u);
    EXPECT_EQ(before[0], days("2025-01-01", "2025-03-31"));
    EXPECT_EQ(before[1], days("2024-10-01", "2024-12-31"));
    EXPECT_EQ(period_label(before[0].first, before[0].second, period_kind::financial_quarter), "Q4 2024/25");
    EXPECT_EQ(period_label(before[1].first, before[1].second, period_kind::financial_quarter), "Q3 2024/25");
    EXPECT_EQ(period_label(before[1].first, before[1].second, period_kind::calendar_quarter), "2024 Q4");
}

TEST(periods_before, whole_months_step_back_by_as_many_months_whatever_their_days) {
    // 2024 is a leap year: a year back from 2025 is 1 January to 31 December 2024, not
    // 365 days from 2 January.
    const auto year = periods_before(parse_date("2025-01-01"), parse_date("2025-12-31"), period_kind::dates, 1);
    ASSERT_EQ(year.size(), 1u);
    EXPECT_EQ(year[0], days("2024-01-01", "2024-12-31"));
    // March back is February (28 days), then January.
    const auto march = periods_before(parse_date("2025-03-01"), parse_date("2025-03-31"), period_kind::dates, 2);
    ASSERT_EQ(march.size(), 2u);
    EXPECT_EQ(march[0], days("2025-02-01", "2025-02-28"));
    EXPECT_EQ(march[1], days("2025-01-01", "2025-01-31"));
}

TEST(periods_before, other_periods_step_back_by_their_own_length) {
    // 10 days, 10 to 19 April 2025: then 31 March to 9 April, then 21 to 30 March.
    const auto before = periods_before(parse_date("2025-04-10"), parse_date("2025-04-19"), period_kind::dates, 2);
    ASSERT_EQ(before.size(), 2u);
    EXPECT_EQ(before[0], days("2025-03-31", "2025-04-09"));
    EXPECT_EQ(before[1], days("2025-03-21", "2025-03-30"));
    EXPECT_EQ(period_label(parse_date("2025-04-10"), parse_date("2025-04-19"), period_kind::dates), "Thu 10 Apr 2025 to Sat 19 Apr 2025");
}

using namespace report_events;

json resolve(const std::string& id, const std::string& at) { return ev("resolve", id, at, {{"summary", "s"}, {"impact", "i"}}); }

// A: raised 15 January, resolved 10 February 2025. B: raised 20 March, resolved 15 April.
// C: raised 1 May, still open. B's line comes first: a log need not be in time order
// across disputes, and the end of March must still see B open and overdue.
std::string three_disputes() {
    std::string log;
    for (const auto& e : {raise("B", "2025-03-20T10:00:00+00:00", "2025-03-27"), raise("A", "2025-01-15T10:00:00+00:00", "2025-01-22"),
                          resolve("A", "2025-02-10T10:00:00+00:00"), resolve("B", "2025-04-15T10:00:00+01:00"),
                          raise("C", "2025-05-01T10:00:00+01:00", "2025-05-08")})
        log += e.dump() + "\n";
    return log;
}

json report_for(const policy& p, const std::string& log, const std::string& quarter) {
    const auto q = parse_named_quarter(quarter);
    report_period period;
    period.from = q.from;
    period.to = q.to;
    period.kind = q.kind;
    period.label = q.label;
    period.trend_periods = 8;
    std::istringstream in(log);
    report_options o;
    o.identify_children = true;
    return period_report(p, replay_jsonl(p, in, replay_options_for(p, period)), period, o);
}

TEST(trend, compares_Q1_2025_26_with_Q4_2024_25_as_the_disputes_stood_at_the_end_of_March) {
    const policy p = builtin_policy("merton");
    const json r = report_for(p, three_disputes(), "Q1 2025/26");
    EXPECT_EQ(r["period"]["label"], "Q1 2025/26");
    const auto& periods = r["trend"]["periods"];
    // The log starts on 15 January 2025: Q3 2024/25 (October-December 2024) is not covered.
    ASSERT_EQ(periods.size(), 2u);
    EXPECT_EQ(r["trend"]["compared_with"], "Q4 2024/25");
    const auto& q4 = periods[0];
    EXPECT_EQ(q4["label"], "Q4 2024/25");
    EXPECT_EQ(q4["from"], "2025-01-01");
    EXPECT_EQ(q4["to"], "2025-03-31");
    EXPECT_EQ(q4["as_of"], "2025-03-31T23:59:59+01:00");
    EXPECT_EQ(q4["raised"], 2);         // A and B
    EXPECT_EQ(q4["resolved"], 1);       // A
    EXPECT_EQ(q4["open_at_end"], 1);    // B
    EXPECT_EQ(q4["overdue_at_end"], 1); // B, past its agreed date of 27 March (resolved only in April)
    EXPECT_EQ(q4["responses_met"], 0);
    EXPECT_EQ(q4["responses_missed"], 1);  // A resolved after its agreed date of 22 January
    EXPECT_EQ(q4["cafcass_referrals"], 0);
    const auto& q1 = periods[1];
    EXPECT_EQ(q1["label"], "Q1 2025/26");
    EXPECT_EQ(q1["raised"], 1);       // C
    EXPECT_EQ(q1["resolved"], 1);     // B
    EXPECT_EQ(q1["open_at_end"], 1);  // C
    EXPECT_EQ(q1["responses_missed"], 1);  // B, resolved 15 April after 27 March
    EXPECT_EQ(q1["raised"], r["totals"]["raised"]);
}

TEST(trend, an_earlier_period_has_the_figures_of_its_own_report) {
    const policy p = builtin_policy("merton");
    const json q1 = report_for(p, three_disputes(), "Q1 2025/26");
    const json q4 = report_for(p, three_disputes(), "Q4 2024/25");
    const auto& then = q1["trend"]["periods"][0];
    const auto& own = q4["trend"]["periods"].back();
    EXPECT_EQ(then, own);
    EXPECT_EQ(q4["totals"]["overdue_at_end"], 1);
}

TEST(trend, a_period_the_log_does_not_reach_has_no_data_and_nothing_to_compare) {
    const policy p = builtin_policy("merton");
    const json r = report_for(p, three_disputes(), "Q3 2024/25");
    EXPECT_EQ(r["totals"]["active"], 0);
    ASSERT_EQ(r["trend"]["periods"].size(), 1u);
    EXPECT_TRUE(r["trend"]["compared_with"].is_null());
    const std::string html = report_html(r);
    EXPECT_NE(html.find("No data for this period"), std::string::npos);
    EXPECT_NE(html.find("1 October 2024 to 31 December 2024"), std::string::npos);
}

TEST(trend, a_replay_without_the_trend_instants_gives_the_period_alone) {
    const policy p = builtin_policy("merton");
    std::istringstream in(three_disputes());
    report_period period;
    period.from = parse_date("2025-04-01");
    period.to = parse_date("2025-06-30");
    const auto replay = replay_jsonl(p, in, replay_options_for(p, period));  // trend_periods 0
    EXPECT_TRUE(replay.earlier.empty());
    const json r = period_report(p, replay, period);
    EXPECT_EQ(r["trend"]["periods"].size(), 1u);
    EXPECT_EQ(r["period"]["label"], "2025 Q2");
}

TEST(trend, an_empty_log_without_a_period_has_no_quarter_to_report) {
    const policy p = builtin_policy("merton");
    std::istringstream in("");
    const report_period latest;  // the quarter of the latest event: there is none
    const auto replay = replay_jsonl(p, in, replay_options_for(p, latest));
    try {
        period_report(p, replay, latest);
        FAIL() << "an empty log made a report";
    } catch (const error& e) {
        EXPECT_EQ(e.code(), errc::invalid_argument);
        EXPECT_NE(std::string(e.what()).find("give the period"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace drp
