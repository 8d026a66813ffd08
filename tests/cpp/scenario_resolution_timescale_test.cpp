// "Timeframe for resolution: 5 working days" (seed 002), "Work to be completed within 10
// working days" (Merton), "actions to be taken within one week" (seed 001, stage 2): due
// dates for the stage's outcome, not for a reply. A stage with "timescale_for":
// "resolution" owes a `resolution` duty that only resolution meets; a reply that resolves
// nothing leaves the clock running (docs/policy-authoring.md section 6).
//
// Expected dates are worked out by hand (see scenario_support.hpp for the holidays; 2024:
// Wed 25 Dec Christmas Day, Thu 26 Dec Boxing Day; 2025: Wed 1 Jan New Year's Day).
#include "scenario_support.hpp"

namespace {

using namespace scenario;

case_file cic_urgent_raised_on_19_december_2024() {
    case_file c("cic-issues-resolution");
    // Urgent: "serious enough to need immediate action" -> the route starts at Stage One.
    c.apply(R"({"type":"raise","by":"IRO","child_ref":"CIC-9","category":"care_planning","summary":"s",
                "at":"2024-12-19T09:00:00Z","urgency":"urgent"})");
    return c;
}

}  // namespace

TEST(ResolutionTimescale, seed_002_stage_one_is_due_for_resolution_on_30_December_2024) {
    case_file c = cic_urgent_raised_on_19_december_2024();
    const json s = c.state();
    EXPECT_EQ(s["stage"], "stage1");
    const json clock = obligation(s, "resolution", "stage1");
    EXPECT_EQ(clock["kind"], "resolution");
    EXPECT_EQ(clock["role"], json::array({"RELEVANT_MANAGER"}));
    // 5 working days after Thu 19 Dec 2024: Fri 20 (1), Mon 23 (2), Tue 24 (3), skip Wed 25
    // (Christmas Day) and Thu 26 (Boxing Day), Fri 27 (4), Mon 30 (5) -> Mon 30 Dec 2024.
    EXPECT_EQ(clock["due_date"], "2024-12-30");
    EXPECT_EQ(clock["due"], "2024-12-30T23:59:59+00:00");
    EXPECT_TRUE(obligations(s, "response", "stage1").empty()) << "the stage owes a resolution, not a response";
}

TEST(ResolutionTimescale, a_reply_that_resolves_nothing_does_not_stop_the_resolution_clock) {
    case_file c = cic_urgent_raised_on_19_december_2024();
    c.apply(R"({"type":"respond","at":"2024-12-27T10:00:00Z","by":"RELEVANT_MANAGER","adequate":false})");
    const json clock = obligation(c.state(), "resolution", "stage1");
    EXPECT_EQ(clock["status"], "open");
    EXPECT_TRUE(clock["met_at"].is_null());
    // Due at the end of Mon 30 Dec 2024: still open that evening, overdue from Tue 31 Dec.
    EXPECT_EQ(obligation(c.as_of("2024-12-30T23:00:00Z"), "resolution", "stage1")["status"], "open");
    EXPECT_EQ(obligation(c.as_of("2024-12-31T00:00:00Z"), "resolution", "stage1")["status"], "overdue");
}

TEST(ResolutionTimescale, resolution_by_the_due_date_meets_it) {
    case_file c = cic_urgent_raised_on_19_december_2024();
    c.apply(R"({"type":"respond","at":"2024-12-27T10:00:00Z","by":"RELEVANT_MANAGER","adequate":true})");
    c.apply(R"({"type":"resolve","at":"2024-12-30T16:00:00Z","summary":"plan agreed"})");
    const json clock = obligation(c.state(), "resolution", "stage1");
    EXPECT_EQ(clock["status"], "met");
    EXPECT_EQ(clock["met_at"], "2024-12-30T16:00:00+00:00");
}

TEST(ResolutionTimescale, merton_IR1_work_to_be_completed_stays_owed_after_the_reply_and_closes_on_escalation) {
    case_file c("merton");
    c.apply(R"({"type":"raise","at":"2026-12-21T10:30:00Z","by":"IRO","child_ref":"M-1","category":"drift_delay",
                "urgency":"standard","summary":"s","start_stage":"IR1","start_reason":"r"})");
    // 10 working days after Mon 21 Dec 2026: 22, 23, 24 (3), skip Fri 25 (Christmas Day) and
    // Mon 28 (Boxing Day, substitute day), 29, 30, 31 (6), skip Fri 1 Jan (New Year's Day),
    // 4, 5, 6, 7 (10) -> Thu 7 Jan 2027.
    EXPECT_EQ(obligation(c.state(), "resolution", "IR1")["due_date"], "2027-01-07");
    c.apply(R"({"type":"respond","at":"2026-12-23T12:00:00Z","by":"TM","adequate":true})");
    EXPECT_EQ(obligation(c.state(), "resolution", "IR1")["status"], "open");
    c.apply(R"({"type":"escalate","at":"2027-01-08T09:00:00Z","reason":"not_resolved"})");
    const json s = c.state();
    EXPECT_EQ(s["stage"], "IR2");
    EXPECT_EQ(obligation(s, "resolution", "IR1")["status"], "closed");
    // IR2, "Work to be completed in 3 working days" after Fri 8 Jan 2027: Mon 11, Tue 12, Wed 13.
    EXPECT_EQ(obligation(s, "resolution", "IR2")["due_date"], "2027-01-13");
    EXPECT_EQ(obligation(s, "resolution", "IR2")["guidance"], true);  // Merton: "the timescales ... is guidance"
}

TEST(ResolutionTimescale, seed_001_stage_2_actions_within_one_week_are_a_resolution_and_stage_1_stays_a_response) {
    case_file c("qa-form");
    c.apply(R"({"type":"raise","at":"2027-03-01T09:00:00Z","by":"IRO","child_ref":"Q-1","category":"care_planning",
                "urgency":"standard","summary":"s"})");
    // Stage 1: "to respond within 15 working days" is a response timescale.
    EXPECT_EQ(obligation(c.state(), "response", "stage1")["kind"], "response");
    c.apply(R"({"type":"respond","at":"2027-03-03T09:00:00Z","adequate":false})");
    EXPECT_EQ(obligation(c.state(), "response", "stage1")["status"], "met");
    c.apply(R"({"type":"consult","at":"2027-03-03T10:00:00Z","role":"SENIOR_IRO"})");
    c.apply(R"({"type":"escalate","at":"2027-03-04T09:00:00Z","reason":"inadequate_response"})");
    // "Urgent action plan to be agreed with actions to be taken within one week": 7 calendar
    // days after Thu 4 Mar 2027 -> Thu 11 Mar 2027.
    const json clock = obligation(c.state(), "resolution", "stage2");
    EXPECT_EQ(clock["due_date"], "2027-03-11");
    c.apply(R"({"type":"respond","at":"2027-03-05T09:00:00Z","adequate":true})");
    EXPECT_EQ(obligation(c.state(), "resolution", "stage2")["status"], "open");
}

namespace {

// An invented two-stage protocol whose stage 1 has 5 working days for resolution and whose
// escalation reasons include no_response.
drp::policy resolution_policy_with_no_response() {
    json doc = invented_policy_json();
    doc["stages"][0]["timescale_for"] = "resolution";
    doc["stages"].push_back(json::parse(R"({"id": "stage2", "title": "Stage 2", "level": 2, "kind": "formal",
        "raised_by": ["IRO"], "responder": ["TM"], "timescale": {"working_days": 5}})"));
    doc["rules"]["escalation"]["reasons"]["no_response"] = json::object();
    return load_invented(doc);
}

case_file raised_on_2_june_2025() {
    case_file c(resolution_policy_with_no_response());
    c.apply(R"({"type":"raise","at":"2025-06-02T09:00:00+01:00","child_ref":"X","category":"care_planning",
                "urgency":"standard","summary":"s"})");
    return c;
}

}  // namespace

TEST(ResolutionTimescale, no_response_needs_the_resolution_overdue_and_no_reply_at_the_stage) {
    // 5 working days after Mon 2 Jun 2025: Tue 3, Wed 4, Thu 5, Fri 6, Mon 9 -> Mon 9 Jun 2025.
    case_file silent = raised_on_2_june_2025();
    EXPECT_EQ(obligation(silent.state(), "resolution", "stage1")["due_date"], "2025-06-09");
    EXPECT_TRUE(refused(silent, R"({"type":"escalate","at":"2025-06-09T12:00:00+01:00","reason":"no_response"})",
                        drp::errc::not_permitted));  // not overdue yet
    silent.apply(R"({"type":"escalate","at":"2025-06-10T09:00:00+01:00","reason":"no_response"})");
    EXPECT_EQ(silent.stage(), "stage2");

    case_file answered = raised_on_2_june_2025();
    answered.apply(R"({"type":"respond","at":"2025-06-04T09:00:00+01:00","by":"TM","adequate":true})");
    EXPECT_TRUE(refused(answered, R"({"type":"escalate","at":"2025-06-10T09:00:00+01:00","reason":"no_response"})",
                        drp::errc::not_permitted));  // the reply came; the outcome did not
    answered.apply(R"({"type":"escalate","at":"2025-06-10T09:00:00+01:00","reason":"not_resolved"})");
    EXPECT_EQ(answered.stage(), "stage2");
    EXPECT_EQ(obligation(answered.state(), "resolution", "stage1")["status"], "closed");
}

TEST(ResolutionTimescale, an_obligation_may_not_be_called_resolution_beside_a_resolution_timescale) {
    json doc = invented_policy_json();
    doc["stages"][0]["timescale_for"] = "resolution";
    doc["stages"][0]["obligations"] = json::parse(R"([{"id": "resolution", "kind": "record", "role": ["IRO"],
        "from": "stage_entry", "description": "Record it."}])");
    const auto found = drp::validate_policy(doc.dump(), "invented.json");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].level, drp::diagnostic::severity::error);
    EXPECT_EQ(found[0].pointer, "/stages/0/obligations/0/id");
    EXPECT_EQ(found[0].rule, "reserved-id");
    // Without a resolution timescale the id is the author's to use.
    doc["stages"][0].erase("timescale_for");
    for (const auto& d : drp::validate_policy(doc.dump(), "invented.json")) EXPECT_NE(d.rule, "reserved-id") << drp::format(d);
}
