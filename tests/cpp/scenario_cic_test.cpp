// Seed 002, IRO issues resolution process for CIC (policies/cic-issues-resolution.json):
// "serious enough to need immediate action?" NO -> informal challenge, YES -> Stage One;
// informal and stages 1-4 each 5 working days; case discussion within 48 hours wherever
// possible; recording in Care Director and the QAAS spreadsheet; Cafcass at any point and
// concurrently; legal advice at any point; discretion to start or escalate at any level.
//
// Expected dates are worked out by hand (see scenario_support.hpp for the holidays).
#include "scenario_support.hpp"

namespace {

using namespace scenario;

case_file cic_raised(std::string_view at, std::string_view urgency = "standard") {
    case_file c("cic-issues-resolution");
    c.apply(std::string(R"({"type":"raise","by":"IRO","child_ref":"CIC-5","category":"care_planning","summary":"Education plan missing",)") +
            R"("at":")" + std::string(at) + R"(","urgency":")" + std::string(urgency) + R"("})");
    return c;
}

}  // namespace

TEST(Cic, a_concern_not_needing_immediate_action_starts_with_the_informal_challenge_of_5_working_days) {
    case_file c = cic_raised("2026-12-23T09:00:00Z");
    const json s = c.state();
    EXPECT_EQ(s["stage"], "informal");
    const json resp = obligation(s, "resolution", "informal");
    // 5 working days after Wed 23 Dec 2026: 24 Dec (1), skip 25 and 28 Dec, 29, 30, 31 Dec (4),
    // skip Fri 1 Jan, 4 Jan (5) -> Mon 4 Jan 2027.
    EXPECT_EQ(resp["due_date"], "2027-01-04");
    // Recording duties of the informal stage.
    EXPECT_EQ(obligation(s, "record_care_director", "informal")["role"], json::array({"IRO"}));
    EXPECT_EQ(obligation(s, "add_to_spreadsheet", "informal")["role"], json::array({"QAAS_BS"}));
    // "Consider whether an early CIC review/professionals meeting would assist": once, on raising.
    const json review = obligation(s, "consider_early_review");
    EXPECT_EQ(review.value("discretionary", false), true);
}

TEST(Cic, the_case_discussion_within_48_hours_is_a_target_never_marked_overdue) {
    case_file c = cic_raised("2026-12-23T09:00:00Z");
    const json talk = obligation(c.state(), "case_discussion", "informal");
    // 48 hours after Wed 23 Dec 2026 09:00 GMT -> Fri 25 Dec 09:00 GMT (hours ignore holidays).
    EXPECT_EQ(talk["due"], "2026-12-25T09:00:00+00:00");
    EXPECT_EQ(talk.value("discretionary", false), true);
    // "Wherever possible ... should not introduce delay": shown as a target, never overdue.
    EXPECT_EQ(obligation(c.as_of("2027-01-01T00:00:00Z"), "case_discussion", "informal")["status"], "open");
    // The informal response itself is enforced (due Mon 4 Jan 2027).
    EXPECT_EQ(obligation(c.as_of("2027-01-05T00:00:00Z"), "resolution", "informal")["status"], "overdue");
}

TEST(Cic, a_concern_needing_immediate_action_starts_at_stage_one_without_a_start_reason) {
    case_file c = cic_raised("2027-03-25T09:00:00Z", "urgent");
    const json s = c.state();
    EXPECT_EQ(s["stage"], "stage1");
    const json resp = obligation(s, "resolution", "stage1");
    EXPECT_EQ(resp["role"], json::array({"RELEVANT_MANAGER"}));
    // 5 working days after Thu 25 Mar 2027: skip Fri 26 Mar (Good Friday) and Mon 29 Mar (Easter
    // Monday); 30, 31 Mar, 1, 2 Apr (4), 5 Apr (5) -> Mon 5 Apr 2027.
    EXPECT_EQ(resp["due_date"], "2027-04-05");
    EXPECT_EQ(resp["due"], "2027-04-05T23:59:59+01:00");
    // No informal-stage duties on this route.
    EXPECT_TRUE(obligations(s, "case_discussion").empty());
}

TEST(Cic, a_stage_entered_before_the_summer_bank_holiday_is_due_2_September) {
    case_file c = cic_raised("2027-08-18T09:00:00+01:00");
    // 5 working days after Wed 18 Aug 2027: 19, 20, 23, 24, 25 -> Wed 25 Aug.
    EXPECT_EQ(obligation(c.state(), "resolution", "informal")["due_date"], "2027-08-25");
    c.apply(R"({"type":"escalate","at":"2027-08-25T17:00:00+01:00","reason":"not_resolved"})");
    EXPECT_EQ(c.stage(), "stage1");
    // 5 working days after Wed 25 Aug 2027: 26, 27 (2), skip Mon 30 Aug (Summer bank holiday),
    // 31 Aug (3), 1 Sep (4), 2 Sep (5) -> Thu 2 Sep 2027.
    const json resp = obligation(c.state(), "resolution", "stage1");
    EXPECT_EQ(resp["due_date"], "2027-09-02");
    const std::string explain = resp["explain"]["text"].get<std::string>();
    EXPECT_NE(explain.find("Summer bank holiday"), std::string::npos) << explain;
}

TEST(Cic, a_concurrent_Cafcass_referral_made_when_the_dispute_is_raised_leaves_the_internal_clock_running) {
    case_file c = cic_raised("2027-03-01T09:00:00Z");
    c.apply(R"({"type":"refer","at":"2027-03-01T09:00:00Z","to":"cafcass","concurrent":true})");
    json s = c.state();
    ASSERT_EQ(s["referrals"].size(), 1u);
    EXPECT_EQ(s["referrals"][0]["concurrent"], true);
    EXPECT_EQ(s["referrals"][0]["status"], "referred");
    // 5 working days after Mon 1 Mar 2027: 2, 3, 4, 5, 8 -> Mon 8 Mar; unchanged by the referral.
    EXPECT_EQ(obligation(s, "resolution", "informal")["due_date"], "2027-03-08");
    EXPECT_EQ(obligation(c.as_of("2027-03-09T00:00:00Z"), "resolution", "informal")["status"], "overdue");
    // The internal process goes on.
    c.apply(R"({"type":"escalate","at":"2027-03-08T17:00:00Z","reason":"not_resolved"})");
    // 5 working days after Mon 8 Mar: 9, 10, 11, 12, 15 -> Mon 15 Mar.
    EXPECT_EQ(obligation(c.state(), "resolution", "stage1")["due_date"], "2027-03-15");
    c.apply(R"({"type":"referral_decision","at":"2027-03-10T09:00:00Z","accepted":false})");
    EXPECT_EQ(c.state()["referrals"][0]["status"], "declined");
    EXPECT_EQ(c.stage(), "stage1");
}

TEST(Cic, independent_legal_advice_may_be_sought_at_any_point) {
    case_file c = cic_raised("2027-03-01T09:00:00Z");
    c.apply(R"({"type":"legal_advice","at":"2027-03-02T09:00:00Z"})");
    EXPECT_TRUE(c.state()["legal_advice"].is_string());  // the instant it was sought
    c.apply(R"({"type":"escalate","at":"2027-03-08T17:00:00Z","reason":"not_resolved"})");
    c.apply(R"({"type":"legal_advice","at":"2027-03-09T09:00:00Z"})");
    EXPECT_TRUE(c.state()["legal_advice"].is_string());  // the instant it was sought
}

TEST(Cic, the_IRO_may_start_at_stage_three_in_proportion_to_the_severity_with_a_reason) {
    case_file c("cic-issues-resolution");
    EXPECT_TRUE(refused(c, R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"CIC-6","category":"x","urgency":"standard",
                               "summary":"s","start_stage":"stage3"})",
                        drp::errc::invalid_event));
    c.apply(R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"CIC-6","category":"x","urgency":"standard",
                "summary":"s","start_stage":"stage3","start_reason":"Severity: placement at risk of ending this week"})");
    const json s = c.state();
    EXPECT_EQ(s["stage"], "stage3");
    EXPECT_EQ(obligation(s, "resolution", "stage3")["role"], json::array({"HOS", "ADM"}));
    EXPECT_EQ(obligation(s, "resolution", "stage3")["due_date"], "2027-03-08");  // 2, 3, 4, 5, 8 Mar
    EXPECT_EQ(obligation(s, "notify.QAAS_SM", "stage3")["target"], json::array({"QAAS_SM"}));
    EXPECT_EQ(obligation(s, "case_note", "stage3")["role"], json::array({"HOS", "ADM"}));
}

TEST(Cic, the_IRO_may_escalate_at_any_level_with_a_reason) {
    case_file c = cic_raised("2027-03-01T09:00:00Z");
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-03-02T09:00:00Z","reason":"discretion","to":"stage4"})",
                        drp::errc::invalid_event));
    c.apply(R"({"type":"escalate","at":"2027-03-02T09:00:00Z","reason":"discretion","to":"stage4",
                "note":"Severe and urgent: DCS decision needed"})");
    const json s = c.state();
    EXPECT_EQ(s["stage"], "stage4");
    EXPECT_TRUE(c.dispute().state().entry_bypass);
    EXPECT_EQ(obligation(s, "resolution", "stage4")["role"], json::array({"DCS"}));
    // 5 working days after Tue 2 Mar 2027: 3, 4, 5, 8, 9 -> Tue 9 Mar.
    EXPECT_EQ(obligation(s, "resolution", "stage4")["due_date"], "2027-03-09");
    // Last stage: nothing to escalate to.
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-03-10T09:00:00Z","reason":"not_resolved"})", drp::errc::not_permitted));
}

TEST(Cic, stage_two_notifies_QAAS_SM_and_names_no_responder) {
    case_file c = cic_raised("2027-03-01T09:00:00Z", "urgent");
    c.apply(R"({"type":"escalate","at":"2027-03-08T17:00:00Z","reason":"not_resolved"})");
    const json s = c.state();
    EXPECT_EQ(s["stage"], "stage2");
    EXPECT_EQ(obligation(s, "notify.QAAS_SM", "stage2")["role"], json::array({"IRO"}));
    const json resp = obligation(s, "resolution", "stage2");
    EXPECT_EQ(resp["role"], json::array());
    // 5 working days after Mon 8 Mar 2027 -> Mon 15 Mar.
    EXPECT_EQ(resp["due_date"], "2027-03-15");
    EXPECT_EQ(obligation(s, "update_spreadsheet", "stage2")["role"], json::array({"QAAS_BS"}));
}

TEST(Cic, on_resolution_the_IRO_closes_the_challenge_in_Care_Director_and_QAAS_is_updated) {
    case_file c = cic_raised("2027-03-01T09:00:00Z");
    c.apply(R"({"type":"resolve","at":"2027-03-04T09:00:00Z","summary":"Education plan agreed"})");
    json s = c.state();
    EXPECT_EQ(s["status"], "resolved");
    EXPECT_EQ(obligation(s, "resolution", "informal")["status"], "met");  // "Timeframe for resolution": resolved in time
    EXPECT_EQ(obligation(s, "closing_summary")["status"], "open");
    EXPECT_EQ(obligation(s, "spreadsheet_outcome")["status"], "open");
    EXPECT_EQ(obligation(s, "update_qaas_sm")["status"], "open");
    c.apply(R"({"type":"record","at":"2027-03-04T10:00:00Z","obligation":"closing_summary"})");
    c.apply(R"({"type":"record","at":"2027-03-04T11:00:00Z","obligation":"spreadsheet_outcome"})");
    c.apply(R"({"type":"notify","at":"2027-03-04T12:00:00Z","role":"QAAS_SM"})");
    s = c.state();
    EXPECT_EQ(obligation(s, "closing_summary")["status"], "met");
    EXPECT_EQ(obligation(s, "spreadsheet_outcome")["status"], "met");
    EXPECT_EQ(obligation(s, "update_qaas_sm")["status"], "met");
}

TEST(Cic, no_response_time_out_and_extension_are_not_part_of_this_process) {
    case_file c = cic_raised("2027-03-01T09:00:00Z");
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-03-09T09:00:00Z","reason":"no_response"})", drp::errc::not_permitted));
    EXPECT_TRUE(refused(c, R"({"type":"pause","at":"2027-03-02T09:00:00Z","approved_by":"QAAS_SM","reason":"x"})", drp::errc::not_permitted));
    EXPECT_TRUE(refused(c, R"({"type":"extend","at":"2027-03-02T09:00:00Z","until":"2027-03-12","agreed_by":"IRO"})", drp::errc::not_permitted));
}

TEST(Cic, naming_the_first_stage_of_the_route_is_not_starting_higher) {
    case_file c("cic-issues-resolution");
    // An urgent concern's route starts at Stage One: naming it needs no start_reason.
    c.apply(R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"CIC-7","category":"x","urgency":"urgent",
                "summary":"s","start_stage":"stage1"})");
    EXPECT_EQ(c.stage(), "stage1");
    // Nor can an urgent concern go back to the informal challenge (below its route's first stage).
    case_file d("cic-issues-resolution");
    EXPECT_TRUE(refused(d, R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"CIC-7","category":"x","urgency":"urgent",
                               "summary":"s","start_stage":"informal","start_reason":"r"})",
                        drp::errc::not_permitted));
}

TEST(Cic, a_withdrawn_dispute_owes_nothing_more) {
    case_file c = cic_raised("2027-03-01T09:00:00Z");
    c.apply(R"({"type":"withdraw","at":"2027-03-03T09:00:00Z","reason":"Child returned home; concern no longer applies"})");
    const json s = c.as_of("2027-04-01T00:00:00Z");
    EXPECT_EQ(s["status"], "withdrawn");
    for (const auto& o : s["obligations"]) {
        EXPECT_EQ(o["status"], "closed") << o.dump();
    }
}
