// Seed 001 (policies/qa-form.json): "serious enough to warrant immediate action" branch;
// stage 1 QA form, 15 working days; stage 2 Senior IRO with the operational Deputy HoS,
// recorded within 24 hours, actions within one week (7 calendar days); stage 3 HoS
// (operational) and HoS QA, professionals meeting within one week of the stage 2
// discussion; stage 4 before a Cafcass referral; the Service Director informed from
// stage 3 when the dispute concerns another part of the Council. No bypass, no starting
// higher, no time out, no extension, no legal advice.
//
// Expected dates are worked out by hand (see scenario_support.hpp for the holidays).
#include "scenario_support.hpp"

namespace {

using namespace scenario;

// A standard concern: QA form issued on Mon 14 Dec 2026.
case_file qa_form_14_december(bool cross_council = false) {
    case_file c("qa-form");
    c.apply(std::string(R"({"type":"raise","at":"2026-12-14T09:00:00Z","by":"IRO","child_ref":"C-21","category":"practice",
                            "urgency":"standard","summary":"Life story work not started","cross_council":)") +
            (cross_council ? "true" : "false") + "}");
    return c;
}

// Stage 1 answered inadequately on Mon 28 Dec 2026; the IRO discussed it with the Senior IRO;
// stage 2 entered at 10:00 GMT that day.
case_file qa_form_at_stage2(bool cross_council = false) {
    case_file c = qa_form_14_december(cross_council);
    c.apply(R"({"type":"respond","at":"2026-12-28T09:00:00Z","by":"TM","adequate":false})");
    c.apply(R"({"type":"consult","at":"2026-12-28T09:30:00Z","role":"SENIOR_IRO"})");
    c.apply(R"({"type":"escalate","at":"2026-12-28T10:00:00Z","by":"SENIOR_IRO","reason":"inadequate_response"})");
    return c;
}

}  // namespace

TEST(QaForm, a_concern_not_needing_immediate_action_starts_with_the_QA_form_due_in_15_working_days) {
    case_file c = qa_form_14_december();
    const json s = c.state();
    EXPECT_EQ(s["stage"], "stage1");
    const json resp = obligation(s, "response", "stage1");
    EXPECT_EQ(resp["role"], json::array({"SW", "TM"}));
    // 15 working days after Mon 14 Dec 2026: 15-18 Dec (4), 21-24 Dec (8), skip 25 and 28 Dec,
    // 29-31 Dec (11), skip Fri 1 Jan, 4-7 Jan (15) -> Thu 7 Jan 2027.
    EXPECT_EQ(resp["due_date"], "2027-01-07");
    EXPECT_EQ(resp["due"], "2027-01-07T23:59:59+00:00");
    // Not a bypass or a higher start: the immediate-action branch is simply not on this route.
    EXPECT_EQ(c.dispute().state().entry_reason, std::nullopt);  // entered by the raise
    EXPECT_EQ(c.dispute().state().entry_reason_name(), "raise");
}

TEST(QaForm, a_concern_serious_enough_for_immediate_action_goes_to_the_service_manager_or_deputy_head) {
    case_file c("qa-form");
    c.apply(R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-22","category":"practice","urgency":"urgent",
                "summary":"Child placed out of area without plan"})");
    const json s = c.state();
    EXPECT_EQ(s["stage"], "immediate_action");
    const json resp = obligation(s, "response", "immediate_action");
    EXPECT_EQ(resp["role"], json::array({"SM", "DHOS_OPS"}));
    EXPECT_TRUE(resp["due"].is_null());
    // The document says nothing of what follows; ordinary escalation goes on to stage 1.
    c.apply(R"({"type":"escalate","at":"2027-03-02T09:00:00Z","reason":"not_resolved"})");
    EXPECT_EQ(c.stage(), "stage1");
    EXPECT_FALSE(c.dispute().state().entry_bypass);
    // 15 working days after Tue 2 Mar 2027: 3-5 (3), 8-12 (8), 15-19 (13), 22, 23 (15) -> Tue 23 Mar.
    EXPECT_EQ(obligation(c.state(), "response", "stage1")["due_date"], "2027-03-23");
}

TEST(QaForm, escalating_for_no_response_before_the_15_working_days_are_up_is_refused) {
    case_file c = qa_form_14_december();
    c.apply(R"({"type":"consult","at":"2027-01-05T09:00:00Z","role":"SENIOR_IRO"})");
    // Due Thu 7 Jan 2027 23:59:59 GMT.
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-01-07T17:00:00Z","reason":"no_response"})", drp::errc::not_permitted));
    c.apply(R"({"type":"escalate","at":"2027-01-08T10:00:00Z","by":"SENIOR_IRO","reason":"no_response"})");
    EXPECT_EQ(c.stage(), "stage2");
}

TEST(QaForm, stage_2_begins_only_after_the_IRO_discusses_the_case_with_the_Senior_IRO) {
    case_file c = qa_form_14_december();
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-01-08T10:00:00Z","reason":"no_response"})", drp::errc::not_permitted));
    c.apply(R"({"type":"consult","at":"2027-01-08T10:30:00Z","role":"SENIOR_IRO"})");
    c.apply(R"({"type":"escalate","at":"2027-01-08T11:00:00Z","by":"SENIOR_IRO","reason":"no_response"})");
    const json s = c.state();
    EXPECT_EQ(s["stage"], "stage2");
    // Actions within one week: 7 calendar days after Fri 8 Jan 2027 -> Fri 15 Jan.
    EXPECT_EQ(obligation(s, "resolution", "stage2")["due_date"], "2027-01-15");
    EXPECT_EQ(obligation(s, "resolution", "stage2")["role"], json::array({"DHOS_OPS"}));
    // Recorded on the child's file by the Senior IRO within 24 hours: Sat 9 Jan 11:00 GMT.
    const json rec = obligation(s, "record_discussion", "stage2");
    EXPECT_EQ(rec["role"], json::array({"SENIOR_IRO"}));
    EXPECT_EQ(rec["due"], "2027-01-09T11:00:00+00:00");
    EXPECT_EQ(obligation(c.as_of("2027-01-09T11:00:01Z"), "record_discussion", "stage2")["status"], "overdue");
    // "Immediately": due the moment it arose (the escalation), owed, never overdue.
    const json talk = obligation(c.as_of("2027-06-01T00:00:00Z"), "discuss_with_dhos", "stage2");
    EXPECT_EQ(talk["due"], "2027-01-08T11:00:00+00:00");
    EXPECT_EQ(talk["due_date"], nullptr);
    EXPECT_EQ(talk["immediately"], true);
    EXPECT_EQ(talk["status"], "open");
}

TEST(QaForm, one_week_for_stage_2_actions_counts_calendar_days_across_New_Year) {
    case_file c = qa_form_at_stage2();
    EXPECT_EQ(c.stage(), "stage2");
    // 7 calendar days after Mon 28 Dec 2026 (a bank holiday, counted all the same): 29, 30, 31
    // Dec, 1 (New Year's Day, counted), 2, 3, 4 Jan -> Mon 4 Jan 2027.
    EXPECT_EQ(obligation(c.state(), "resolution", "stage2")["due_date"], "2027-01-04");
}

TEST(QaForm, inadequate_response_and_no_response_are_grounds_only_at_stage_1) {
    case_file c = qa_form_at_stage2();
    c.apply(R"({"type":"respond","at":"2026-12-30T09:00:00Z","adequate":false})");
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2026-12-30T10:00:00Z","reason":"inadequate_response"})", drp::errc::not_permitted));
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-01-06T10:00:00Z","reason":"no_response"})", drp::errc::not_permitted));
    c.apply(R"({"type":"escalate","at":"2027-01-06T10:00:00Z","by":"HOS_QA","reason":"not_resolved"})");
    EXPECT_EQ(c.stage(), "stage3");
}

TEST(QaForm, professionals_meeting_actions_are_due_within_one_week_of_the_meeting) {
    case_file c = qa_form_at_stage2();
    c.apply(R"({"type":"escalate","at":"2026-12-31T10:00:00Z","by":"HOS_QA","reason":"not_resolved"})");
    json s = c.state();
    EXPECT_EQ(s["stage"], "stage3");
    EXPECT_EQ(obligation(s, "response", "stage3")["role"], json::array({"HOS_OPS"}));
    EXPECT_TRUE(obligation(s, "response", "stage3")["due"].is_null());
    c.apply(R"({"type":"meeting","at":"2027-01-06T14:00:00Z","kind":"professionals"})");
    s = c.state();
    const json actions = obligation(s, "meeting_actions", "stage3");
    EXPECT_EQ(actions["kind"], "response");
    // 7 calendar days after Wed 6 Jan 2027 -> Wed 13 Jan.
    EXPECT_EQ(actions["due_date"], "2027-01-13");
}

TEST(QaForm, the_Service_Director_is_informed_when_a_cross_council_dispute_reaches_stage_3_and_beyond) {
    case_file c = qa_form_at_stage2(/*cross_council=*/true);
    // Not at stages 1 and 2.
    EXPECT_TRUE(obligations(c.state(), "inform_service_director").empty());
    c.apply(R"({"type":"escalate","at":"2026-12-31T10:00:00Z","by":"HOS_QA","reason":"not_resolved"})");
    json s = c.state();
    const json sd = obligation(s, "inform_service_director", "stage3");
    EXPECT_EQ(sd["kind"], "notify");
    EXPECT_EQ(sd["role"], json::array({"IRO"}));
    EXPECT_EQ(sd["target"], json::array({"SERVICE_DIRECTOR"}));
    c.apply(R"({"type":"escalate","at":"2027-01-12T10:00:00Z","by":"HOS_QA","reason":"not_resolved"})");
    s = c.state();
    EXPECT_EQ(s["stage"], "stage4");
    EXPECT_EQ(obligations(s, "inform_service_director", "stage4").size(), 1u);
}

TEST(QaForm, the_Service_Director_is_not_informed_when_the_dispute_stays_within_childrens_services) {
    case_file c = qa_form_at_stage2(/*cross_council=*/false);
    c.apply(R"({"type":"escalate","at":"2026-12-31T10:00:00Z","by":"HOS_QA","reason":"not_resolved"})");
    c.apply(R"({"type":"escalate","at":"2027-01-12T10:00:00Z","by":"HOS_QA","reason":"not_resolved"})");
    EXPECT_EQ(c.stage(), "stage4");
    EXPECT_TRUE(obligations(c.state(), "inform_service_director").empty());
}

TEST(QaForm, from_the_immediate_action_branch_a_cross_council_dispute_may_go_straight_to_stage_3) {
    case_file c("qa-form");
    c.apply(R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-23","category":"practice","urgency":"imminent_risk",
                "summary":"Housing refuses emergency accommodation","cross_council":true})");
    EXPECT_EQ(c.stage(), "immediate_action");
    EXPECT_TRUE(obligations(c.state(), "inform_service_director").empty());  // level 0
    // The branch lists all four stages as its next: not a bypass, no note needed.
    c.apply(R"({"type":"escalate","at":"2027-03-01T15:00:00Z","reason":"not_resolved","to":"stage3"})");
    EXPECT_EQ(c.stage(), "stage3");
    EXPECT_FALSE(c.dispute().state().entry_bypass);
    EXPECT_EQ(obligations(c.state(), "inform_service_director", "stage3").size(), 1u);
}

TEST(QaForm, bypassing_a_stage_is_refused_because_the_flowchart_has_no_bypass) {
    case_file c = qa_form_14_december();
    c.apply(R"({"type":"consult","at":"2027-01-08T09:00:00Z","role":"SENIOR_IRO"})");
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-01-08T10:00:00Z","reason":"no_response","to":"stage3",
                               "note":"The matter is serious"})",
                        drp::errc::not_permitted));
    EXPECT_EQ(c.stage(), "stage1");
}

TEST(QaForm, starting_above_stage_1_is_refused) {
    case_file c("qa-form");
    EXPECT_TRUE(refused(c, R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-24","category":"practice",
                               "urgency":"standard","summary":"s","start_stage":"stage3","start_reason":"HoS must decide"})",
                        drp::errc::not_permitted));
    EXPECT_EQ(c.state()["status"], "new");
}

TEST(QaForm, a_referral_to_Cafcass_comes_only_from_stage_4) {
    case_file c = qa_form_at_stage2();
    EXPECT_TRUE(refused(c, R"({"type":"refer","at":"2026-12-29T10:00:00Z","to":"cafcass","concurrent":false})", drp::errc::not_permitted));
    c.apply(R"({"type":"escalate","at":"2026-12-31T10:00:00Z","by":"HOS_QA","reason":"not_resolved"})");
    EXPECT_TRUE(refused(c, R"({"type":"refer","at":"2027-01-04T10:00:00Z","to":"cafcass","concurrent":false})", drp::errc::not_permitted));
    c.apply(R"({"type":"escalate","at":"2027-01-12T10:00:00Z","by":"HOS_QA","reason":"not_resolved"})");
    EXPECT_TRUE(refused(c, R"({"type":"refer","at":"2027-01-14T10:00:00Z","to":"cafcass","concurrent":true})", drp::errc::not_permitted));
    c.apply(R"({"type":"refer","at":"2027-01-14T10:00:00Z","to":"cafcass","concurrent":false})");
    EXPECT_EQ(c.state()["referrals"][0]["status"], "referred");
}

TEST(QaForm, no_time_out_no_extension_and_no_legal_advice) {
    case_file c = qa_form_14_december();
    EXPECT_TRUE(refused(c, R"({"type":"pause","at":"2026-12-15T09:00:00Z","approved_by":"SENIOR_IRO","reason":"x"})", drp::errc::not_permitted));
    EXPECT_TRUE(refused(c, R"({"type":"extend","at":"2026-12-15T09:00:00Z","until":"2027-01-20","agreed_by":"IRO"})", drp::errc::not_permitted));
    EXPECT_TRUE(refused(c, R"({"type":"legal_advice","at":"2026-12-15T09:00:00Z"})", drp::errc::not_permitted));
}

TEST(QaForm, a_completed_form_is_logged_by_IRO_admin_and_placed_on_file_when_it_comes_back) {
    case_file c = qa_form_14_december();
    EXPECT_TRUE(obligations(c.state(), "log_alert_form").empty());
    c.apply(R"({"type":"respond","at":"2027-01-05T09:00:00Z","by":"SW","adequate":true})");
    json s = c.state();
    EXPECT_EQ(obligation(s, "response", "stage1")["status"], "met");
    EXPECT_EQ(obligation(s, "log_alert_form", "stage1")["role"], json::array({"IRO_ADMIN"}));
    EXPECT_EQ(obligation(s, "qa_form_on_file", "stage1")["role"], json::array({"SW", "IRO_ADMIN"}));
    c.apply(R"({"type":"record","at":"2027-01-05T12:00:00Z","obligation":"log_alert_form"})");
    c.apply(R"({"type":"record","at":"2027-01-05T12:05:00Z","obligation":"qa_form_on_file"})");
    // The IRO signs off a satisfactory response.
    c.apply(R"({"type":"resolve","at":"2027-01-05T15:00:00Z","summary":"Life story work under way"})");
    s = c.state();
    EXPECT_EQ(s["status"], "resolved");
    EXPECT_EQ(obligation(s, "log_alert_form")["status"], "met");
}

namespace {

// An "immediately" duty has no clock for a time out to stop: with qa-form changed to allow
// time outs, pausing at stage 2 stops the record's 24 hours but leaves the discussion due
// at the escalation, and it is never overdue.
TEST(QaForm, a_time_out_does_not_stop_what_is_due_immediately) {
    json text = json::parse(drp::builtin_policy("qa-form").source_text());
    text["rules"]["pause"] = {{"allowed", true}, {"approved_by", {"SENIOR_IRO"}}, {"description", "test variant"}};
    drp::dispute d(drp::load_policy(text.dump()));
    for (const char* e : {R"({"type":"raise","at":"2026-12-14T09:00:00Z","by":"IRO","child_ref":"C-21","category":"practice","urgency":"standard","summary":"s"})",
                          R"({"type":"respond","at":"2026-12-28T09:00:00Z","by":"TM","adequate":false})",
                          R"({"type":"consult","at":"2026-12-28T09:30:00Z","role":"SENIOR_IRO"})",
                          R"({"type":"escalate","at":"2026-12-28T10:00:00Z","by":"SENIOR_IRO","reason":"inadequate_response"})",
                          R"({"type":"pause","at":"2026-12-28T10:00:00Z","approved_by":"SENIOR_IRO"})"})
        d.apply(drp::parse_event(std::string_view(event_text(e))));
    const json s = d.to_json(drp::parse_rfc3339("2027-03-01T00:00:00Z"));
    const json talk = obligation(s, "discuss_with_dhos", "stage2");
    EXPECT_EQ(talk["due"], "2026-12-28T10:00:00+00:00");
    EXPECT_TRUE(talk["explain"]["pauses"].empty());
    EXPECT_EQ(talk["status"], "open");
    const json rec = obligation(s, "record_discussion", "stage2");
    EXPECT_TRUE(rec["due"].is_null());  // stopped, 24 hours left
    ASSERT_EQ(rec["explain"]["pauses"].size(), 1u);
}

}  // namespace
