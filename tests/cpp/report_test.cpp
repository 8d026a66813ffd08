// Per-dispute summaries and the period report, in the seeds' own terms.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "drp/report.hpp"

namespace drp {
namespace {

using nlohmann::json;

json ev(const std::string& type, const std::string& at, json fields = json::object()) {
    fields["type"] = type;
    fields["at"] = at;
    if (!fields.contains("dispute_id")) fields["dispute_id"] = "D-1";
    return fields;
}

json raise_at(const std::string& at, json more = json::object()) {
    json e = {{"child_ref", "CH-1"}, {"category", "drift_delay"}, {"urgency", "standard"}, {"summary", "Plan drifting"}};
    e.update(more);
    return ev("raise", at, e);
}

const stage_visit& visit(const dispute_summary& s, const std::string& stage) {
    for (const auto& v : s.visits)
        if (v.stage == stage) return v;
    throw std::runtime_error("no visit to " + stage);
}

class merton : public ::testing::Test {
protected:
    policy p = builtin_policy("merton");
    dispute d{p};
    instant at(const std::string& t) { return parse_rfc3339(t); }
};

TEST_F(merton, IR1_entered_before_Easter_is_due_after_Easter_Monday_and_a_reply_after_it_is_missed) {
    d.apply(raise_at("2025-04-09T10:00:00+01:00", {{"start_stage", "IR1"}, {"start_reason", "TM lacks remit"}}));
    d.apply(ev("respond", "2025-04-28T11:00:00+01:00", {{"adequate", true}}));
    const auto s = summarize(d, at("2025-04-28T12:00:00+01:00"));
    const auto& ir1 = visit(s, "IR1");
    // 10 working days from Wed 9 April skip Good Friday and Easter Monday: Fri 25 April.
    EXPECT_EQ(p.zone().local_date(*ir1.response_due), parse_date("2025-04-25"));
    EXPECT_EQ(ir1.response, timeliness::missed);
    EXPECT_EQ(ir1.working_days_to_response, 11);
    EXPECT_TRUE(s.started_above_first);
    EXPECT_EQ(ir1.entered_by, "start_above_first");
}

TEST_F(merton, a_resolution_at_the_stage_before_its_deadline_counts_as_met) {
    d.apply(raise_at("2025-04-09T10:00:00+01:00", {{"start_stage", "IR1"}, {"start_reason", "TM lacks remit"}}));
    d.apply(ev("resolve", "2025-04-15T10:00:00+01:00", {{"summary", "agreed"}, {"impact", "Family time restored"}}));
    const auto s = summarize(d, at("2025-05-30T12:00:00+01:00"));
    EXPECT_EQ(visit(s, "IR1").response, timeliness::met);
    EXPECT_EQ(s.status, dispute_status::resolved);
    EXPECT_EQ(s.impact, "Family time restored");
    EXPECT_EQ(s.overall, timeliness::met);  // the 20-working-day cap ended with the resolution
    EXPECT_EQ(s.working_days_open, 4);      // Thu 10, Fri 11, Mon 14, Tue 15 April
}

TEST_F(merton, passing_over_IR2_is_a_bypass_but_passing_over_the_optional_meeting_is_not) {
    d.apply(raise_at("2025-04-01T09:00:00+01:00", {{"due", "2025-04-08"}}));
    d.apply(ev("escalate", "2025-04-09T09:00:00+01:00", {{"reason", "not_resolved"}, {"to", "IR1"}}));
    d.apply(ev("escalate", "2025-04-10T09:00:00+01:00", {{"reason", "discretion"}, {"to", "IR3"}, {"note", "significant"}}));
    const auto s = summarize(d, at("2025-04-10T10:00:00+01:00"));
    ASSERT_EQ(s.visits.size(), 3u);
    EXPECT_EQ(s.visits[1].entered_by, "escalate");
    EXPECT_EQ(s.visits[2].entered_by, "bypass");
    EXPECT_EQ(s.bypasses, 1);
    EXPECT_EQ(s.escalations, 2);
    EXPECT_EQ(s.visits[0].response, timeliness::missed);       // left the day after the agreed date
    EXPECT_EQ(s.visits[1].response, timeliness::ended_early);  // escalated before IR1's deadline
    EXPECT_EQ(s.reached().stage, "IR3");
}

TEST_F(merton, a_time_out_stops_the_clock_so_a_resolution_within_the_remaining_days_is_met) {
    d.apply(raise_at("2025-06-02T09:00:00+01:00", {{"start_stage", "IR2"}, {"start_reason", "HOS decision needed"}}));
    // IR2: 3 working days, due Thu 5 June. Time out on Tue 3 June (2 days remain) until Mon 16 June.
    d.apply(ev("pause", "2025-06-03T10:00:00+01:00", {{"approved_by", "IRO_MANAGER"}, {"reason", "new social worker"}}));
    d.apply(ev("resume", "2025-06-16T10:00:00+01:00"));
    // Resumed Mon 16 June with 2 working days left: Tue 17, Wed 18 -> due Wed 18 June.
    d.apply(ev("respond", "2025-06-18T10:00:00+01:00", {{"adequate", true}}));
    // "Work to be completed in 3 working days": the reply alone does not complete it.
    EXPECT_EQ(visit(summarize(d, at("2025-06-19T09:00:00+01:00")), "IR2").response, timeliness::missed);
    d.apply(ev("resolve", "2025-06-18T11:00:00+01:00", {{"summary", "s"}, {"impact", "i"}}));
    const auto s = summarize(d, at("2025-06-18T12:00:00+01:00"));
    EXPECT_EQ(visit(s, "IR2").response, timeliness::met);
    ASSERT_EQ(s.time_outs.size(), 1u);
    EXPECT_EQ(s.time_outs[0].working_days, 9);
    EXPECT_EQ(s.paused_working_days, 9);
}

TEST_F(merton, a_dispute_still_waiting_after_its_deadline_is_overdue_as_of_the_report) {
    d.apply(raise_at("2025-06-02T09:00:00+01:00", {{"start_stage", "IR2"}, {"start_reason", "HOS decision needed"}}));
    const auto s = summarize(d, at("2025-06-30T17:00:00+01:00"));
    EXPECT_EQ(visit(s, "IR2").response, timeliness::missed);
    EXPECT_FALSE(s.overdue.empty());
    EXPECT_NE(std::find(s.overdue.begin(), s.overdue.end(), "resolution@IR2"), s.overdue.end());
}

TEST(started_above_first, is_judged_against_the_route_the_engine_would_take) {
    // Seed 002: urgent concerns skip the informal challenge; naming stage 1 is not starting higher.
    const policy cic = builtin_policy("cic-issues-resolution");
    dispute urgent(cic);
    urgent.apply(raise_at("2025-04-01T09:00:00+01:00", {{"urgency", "urgent"}, {"start_stage", "stage1"}}));
    EXPECT_FALSE(summarize(urgent, parse_rfc3339("2025-04-01T10:00:00+01:00")).started_above_first);
    dispute standard(cic);
    standard.apply(raise_at("2025-04-01T09:00:00+01:00", {{"start_stage", "stage1"}, {"start_reason", "serious"}}));
    EXPECT_TRUE(summarize(standard, parse_rfc3339("2025-04-01T10:00:00+01:00")).started_above_first);
}

TEST_F(merton, a_summary_cannot_be_made_before_the_last_event) {
    d.apply(raise_at("2025-06-02T09:00:00+01:00", {{"due", "2025-06-09"}}));
    EXPECT_THROW(summarize(d, at("2025-06-01T09:00:00+01:00")), error);
    dispute fresh(p);
    EXPECT_THROW(summarize(fresh, at("2025-06-01T09:00:00+01:00")), error);
}

TEST(replay, a_jsonl_log_of_two_disputes_gives_two_summaries_in_order_of_first_event) {
    const policy p = builtin_policy("merton");
    std::istringstream log(
        raise_at("2025-04-01T09:00:00+01:00", {{"dispute_id", "B"}, {"due", "2025-04-08"}}).dump() + "\n\n" +
        raise_at("2025-04-02T09:00:00+01:00", {{"dispute_id", "A"}, {"due", "2025-04-09"}}).dump() + "\n" +
        ev("resolve", "2025-04-03T09:00:00+01:00", {{"dispute_id", "B"}, {"summary", "done"}, {"impact", "Placement kept"}}).dump() + "\n");
    const auto r = replay_jsonl(p, log);
    ASSERT_EQ(r.disputes.size(), 2u);
    EXPECT_EQ(r.disputes[0].dispute_id, "B");
    EXPECT_EQ(r.disputes[1].dispute_id, "A");
    EXPECT_EQ(r.applied, 3u);
    EXPECT_EQ(r.as_of, parse_rfc3339("2025-04-03T09:00:00+01:00"));
}

TEST(replay, a_refused_event_names_its_line_and_dispute_or_is_listed_when_skipping) {
    const policy p = builtin_policy("merton");
    const std::string text = raise_at("2025-04-01T09:00:00+01:00", {{"due", "2025-04-08"}}).dump() + "\n" +
                             ev("escalate", "2025-04-02T09:00:00+01:00", {{"reason", "no_response"}}).dump() + "\n";
    std::istringstream strict(text);
    try {
        replay_jsonl(p, strict);
        FAIL() << "expected a refusal";
    } catch (const error& e) {
        EXPECT_EQ(e.code(), errc::not_permitted);
        EXPECT_NE(std::string(e.what()).find("line 2 (dispute D-1)"), std::string::npos) << e.what();
    }
    std::istringstream lenient(text);
    replay_options o;
    o.skip_refused = true;
    const auto r = replay_jsonl(p, lenient, o);
    ASSERT_EQ(r.refused.size(), 1u);
    EXPECT_EQ(r.refused[0].record, 2u);
    EXPECT_EQ(r.disputes.size(), 1u);
}

TEST(replay, events_after_as_of_are_not_applied) {
    const policy p = builtin_policy("merton");
    std::istringstream log(raise_at("2025-04-01T09:00:00+01:00", {{"due", "2025-04-08"}}).dump() + "\n" +
                           ev("resolve", "2025-07-03T09:00:00+01:00", {{"summary", "done"}, {"impact", "Plan agreed"}}).dump() + "\n");
    replay_options o;
    o.as_of = p.zone().end_of_day(parse_date("2025-06-30"));
    const auto r = replay_jsonl(p, log, o);
    EXPECT_EQ(r.after_as_of, 1u);
    ASSERT_EQ(r.disputes.size(), 1u);
    EXPECT_EQ(r.disputes[0].status, dispute_status::open);
}

TEST(quarters, a_date_belongs_to_its_calendar_quarter) {
    EXPECT_EQ(quarter_of(parse_date("2025-05-17")), std::make_pair(parse_date("2025-04-01"), parse_date("2025-06-30")));
    EXPECT_EQ(quarter_of(parse_date("2025-12-31")), std::make_pair(parse_date("2025-10-01"), parse_date("2025-12-31")));
    EXPECT_EQ(parse_quarter("2025Q1"), std::make_pair(parse_date("2025-01-01"), parse_date("2025-03-31")));
    EXPECT_EQ(parse_quarter("2024-Q4"), std::make_pair(parse_date("2024-10-01"), parse_date("2024-12-31")));
    EXPECT_THROW(parse_quarter("2025Q5"), error);
    EXPECT_THROW(parse_quarter("25Q1"), error);
}

TEST(quarterly_report, counts_a_quarter_as_the_disputes_stood_at_its_end) {
    const policy p = builtin_policy("merton");
    std::istringstream log(
        raise_at("2025-03-20T09:00:00+00:00", {{"dispute_id", "old"}, {"due", "2025-03-27"}}).dump() + "\n" +
        raise_at("2025-04-01T09:00:00+01:00", {{"dispute_id", "new"}, {"start_stage", "IR1"}, {"start_reason", "remit"},
                                               {"team", "Fostering"}, {"child_ref", "CH-9"}}).dump() + "\n" +
        raise_at("2025-04-02T09:00:00+01:00", {{"dispute_id", "again"}, {"start_stage", "IR1"}, {"start_reason", "remit"},
                                               {"team", "Fostering"}, {"child_ref", "CH-9"}}).dump() + "\n" +
        ev("respond", "2025-04-03T09:00:00+01:00", {{"dispute_id", "new"}, {"adequate", true}}).dump() + "\n" +
        ev("resolve", "2025-04-04T09:00:00+01:00", {{"dispute_id", "new"}, {"summary", "done"}, {"impact", "Contact restored"}}).dump() + "\n" +
        ev("resolve", "2025-04-10T09:00:00+01:00", {{"dispute_id", "old"}, {"summary", "done"}, {"impact", "Plan back on track"}}).dump() + "\n" +
        ev("resolve", "2025-07-10T09:00:00+01:00", {{"dispute_id", "again"}, {"summary", "done"}, {"impact", "Sibling contact"}}).dump() + "\n");
    const report_period q2{parse_date("2025-04-01"), parse_date("2025-06-30"), std::nullopt};
    const auto r = replay_jsonl(p, log, replay_options_for(p, q2));
    const json rep = period_report(p, r, q2);
    EXPECT_EQ(rep["period"]["label"], "2025 Q2");
    EXPECT_EQ(rep["totals"]["active"], 3);
    EXPECT_EQ(rep["totals"]["open_at_start"], 1);
    EXPECT_EQ(rep["totals"]["raised"], 2);
    EXPECT_EQ(rep["totals"]["resolved"], 2);
    EXPECT_EQ(rep["totals"]["open_at_end"], 1);  // "again" was resolved only in July
    EXPECT_EQ(rep["source"]["events_after_as_of"], 1);
    EXPECT_EQ(rep["impact"]["with_impact"], 2);  // Merton requires it on every resolution
    EXPECT_EQ(rep["impact"]["resolved"], 2);
    EXPECT_EQ(rep["themes"]["children"]["recurring"], 1);  // CH-9 twice
    EXPECT_EQ(rep["themes"]["children"]["list"][0]["child"].get<std::string>().substr(0, 2), "C-");
    EXPECT_EQ(rep["themes"]["team_categories"][0]["team"], "Fostering");
    const auto& ir1 = rep["timeliness"]["stages"][2];
    EXPECT_EQ(ir1["stage"], "IR1");
    EXPECT_EQ(ir1["met"], 1);
    EXPECT_EQ(ir1["in_progress"], 1);
    EXPECT_EQ(ir1["in_progress_overdue"], 1);  // "again": 10 working days ran out in April
    EXPECT_EQ(rep["stages"][2]["open_at_end"], 1);
}

TEST(renderings, the_csv_has_one_row_per_figure_and_the_html_no_external_resources) {
    const policy p = builtin_policy("merton");
    dispute d(p);
    d.apply(raise_at("2025-04-01T09:00:00+01:00", {{"due", "2025-04-08"}, {"team", "A, \"quoted\" team"}}));
    const auto s = summarize(d, parse_rfc3339("2025-04-02T09:00:00+01:00"));
    const json rep = quarterly_report(p, {s}, parse_date("2025-04-01"), parse_date("2025-06-30"), s.as_of);
    const std::string csv = report_csv(rep);
    EXPECT_EQ(csv.rfind("section,key,measure,value\n", 0), 0u);
    EXPECT_NE(csv.find("totals,,raised,1\n"), std::string::npos);
    EXPECT_NE(csv.find("\"A, \"\"quoted\"\" team\""), std::string::npos);
    const std::string html = report_html(rep);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("src="), std::string::npos);
    EXPECT_EQ(html.find("href="), std::string::npos);
    EXPECT_NE(html.find("<svg"), std::string::npos);
    EXPECT_NE(html.find("A, &quot;quoted&quot; team"), std::string::npos);
}

}  // namespace
}  // namespace drp
