// Seed 000 (policies/tracked-recommendation.json): a Tracked Recommendation with an agreed
// date (margin: "10 days", taken as calendar days); the administrator (AC) prompts the SW
// and IRO when no update arrives by the agreed date; the PM may negotiate a new date with
// the IRO; then Informal Resolution up the line (SM, HoS), Formal Resolution within the
// Directorate (AD, then Director) and within the LA (Chief Executive), no timescales; the
// IRO may bypass any stage; Cafcass referral backed by legal advice, at any point; the AC
// logs the outcome.
//
// Expected dates are worked out by hand (see scenario_support.hpp for the holidays).
#include "scenario_support.hpp"

namespace {

using namespace scenario;

// Tracked Recommendation agreed on Mon 1 Mar 2027, update due Fri 12 Mar 2027.
case_file tracked_1_march() {
    case_file c("tracked-recommendation");
    c.apply(R"({"type":"raise","at":"2027-03-01T10:00:00Z","by":"IRO","child_ref":"C-31","category":"care_planning",
                "urgency":"standard","summary":"Referral to CAMHS to be made","due":"2027-03-12"})");
    return c;
}

}  // namespace

TEST(TrackedRecommendation, the_tracked_recommendation_runs_to_the_date_agreed_with_the_social_worker) {
    case_file c = tracked_1_march();
    const json s = c.state();
    EXPECT_EQ(s["stage"], "tracked_recommendation");
    const json resp = obligation(s, "response", "tracked_recommendation");
    EXPECT_EQ(resp["role"], json::array({"SW", "PM"}));
    EXPECT_EQ(resp["due_date"], "2027-03-12");
    EXPECT_EQ(resp["due"], "2027-03-12T23:59:59+00:00");
    // The IRO confirms the recommendation and date by email to SW, PM and AC.
    const json email = obligation(s, "confirm_by_email", "tracked_recommendation");
    EXPECT_EQ(email["target"], json::array({"SW", "PM", "AC"}));
    EXPECT_EQ(obligation(s, "pm_confirms_with_sw", "tracked_recommendation")["role"], json::array({"PM"}));
}

TEST(TrackedRecommendation, without_an_agreed_date_the_margin_10_days_are_calendar_days_even_over_Christmas) {
    case_file c("tracked-recommendation");
    c.apply(R"({"type":"raise","at":"2026-12-21T10:00:00Z","child_ref":"C-32","category":"x","urgency":"standard",
                "summary":"Update the care plan"})");
    // 10 calendar days after Mon 21 Dec 2026 -> Thu 31 Dec 2026 (Christmas Day and Boxing Day
    // count: calendar days).
    EXPECT_EQ(obligation(c.state(), "response", "tracked_recommendation")["due_date"], "2026-12-31");
}

TEST(TrackedRecommendation, the_admin_prompt_falls_due_when_the_agreed_date_passes_without_an_update) {
    case_file c = tracked_1_march();
    json s = c.state();
    const json prompt = obligation(s, "admin_prompt", "tracked_recommendation");
    EXPECT_EQ(prompt["kind"], "reminder");
    EXPECT_EQ(prompt["role"], json::array({"AC"}));
    EXPECT_EQ(prompt["target"], json::array({"SW", "IRO"}));
    // Tied to the agreed date, Fri 12 Mar 2027.
    EXPECT_EQ(prompt["due_date"], "2027-03-12");
    EXPECT_EQ(obligation(c.as_of("2027-03-12T12:00:00Z"), "admin_prompt")["status"], "open");
    // The agreed date has passed with no update: the prompt is owed now.
    const json later = c.as_of("2027-03-13T09:00:00Z");
    EXPECT_EQ(obligation(later, "admin_prompt")["status"], "overdue");
    EXPECT_EQ(obligation(later, "response", "tracked_recommendation")["status"], "overdue");
    // The AC sends it.
    c.apply(R"({"type":"notify","at":"2027-03-15T09:00:00Z","obligation":"admin_prompt"})");
    EXPECT_EQ(obligation(c.state(), "admin_prompt")["status"], "met");
}

TEST(TrackedRecommendation, a_date_renegotiated_with_the_IRO_moves_the_update_and_the_admin_prompt) {
    case_file c = tracked_1_march();
    // The PM negotiates; the IRO's agreement is what counts.
    EXPECT_TRUE(refused(c, R"({"type":"extend","at":"2027-03-11T10:00:00Z","until":"2027-03-19","agreed_by":"PM"})",
                        drp::errc::not_permitted));
    c.apply(R"({"type":"extend","at":"2027-03-11T10:00:00Z","by":"PM","until":"2027-03-19","agreed_by":"IRO"})");
    const json s = c.state();
    EXPECT_EQ(obligation(s, "response", "tracked_recommendation")["due_date"], "2027-03-19");
    EXPECT_EQ(obligation(s, "admin_prompt")["due_date"], "2027-03-19");
    EXPECT_EQ(obligation(c.as_of("2027-03-15T09:00:00Z"), "admin_prompt")["status"], "open");
    EXPECT_EQ(obligation(c.as_of("2027-03-20T09:00:00Z"), "admin_prompt")["status"], "overdue");
}

TEST(TrackedRecommendation, more_time_is_negotiated_only_for_the_tracked_recommendation) {
    case_file c = tracked_1_march();
    c.apply(R"({"type":"escalate","at":"2027-03-15T10:00:00Z","reason":"not_resolved"})");
    EXPECT_EQ(c.stage(), "informal_resolution");
    EXPECT_TRUE(refused(c, R"({"type":"extend","at":"2027-03-16T10:00:00Z","until":"2027-03-30","agreed_by":"IRO"})",
                        drp::errc::not_permitted));
}

TEST(TrackedRecommendation, informal_and_formal_resolution_have_a_timescale_appropriate_to_the_issue_and_nothing_is_overdue) {
    case_file c = tracked_1_march();
    c.apply(R"({"type":"escalate","at":"2027-03-15T10:00:00Z","reason":"not_resolved"})");
    json s = c.state();
    EXPECT_EQ(s["stage"], "informal_resolution");
    const json resp = obligation(s, "response", "informal_resolution");
    EXPECT_EQ(resp["role"], json::array({"SM", "HOS"}));
    EXPECT_TRUE(resp["due"].is_null());
    EXPECT_EQ(obligation(c.as_of("2028-03-15T10:00:00Z"), "response", "informal_resolution")["status"], "open");
    // no_response is not a ground in this document.
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-04-15T10:00:00Z","reason":"no_response"})", drp::errc::not_permitted));
    c.apply(R"({"type":"escalate","at":"2027-04-15T10:00:00Z","by":"IRO","reason":"not_resolved"})");
    s = c.state();
    EXPECT_EQ(s["stage"], "formal_directorate");
    // IRO & QASM meet the AD; the Director only if still unresolved.
    EXPECT_EQ(obligation(s, "meet_ad", "formal_directorate").value("discretionary", false), false);
    EXPECT_EQ(obligation(s, "meet_director", "formal_directorate").value("discretionary", false), true);
    c.apply(R"({"type":"meeting","at":"2027-04-20T10:00:00Z","kind":"assistant_director"})");
    s = c.state();
    EXPECT_EQ(obligation(s, "meet_ad", "formal_directorate")["status"], "met");
    EXPECT_EQ(obligation(s, "meet_director", "formal_directorate")["status"], "open");
}

TEST(TrackedRecommendation, the_IRO_may_bypass_to_formal_resolution_within_the_LA_with_a_reason) {
    case_file c = tracked_1_march();
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-03-02T10:00:00Z","reason":"discretion","to":"formal_la"})",
                        drp::errc::invalid_event));
    c.apply(R"({"type":"escalate","at":"2027-03-02T10:00:00Z","reason":"discretion","to":"formal_la",
                "note":"Urgency and severity: the Chief Executive must act"})");
    const json s = c.state();
    EXPECT_EQ(s["stage"], "formal_la");
    EXPECT_TRUE(c.dispute().state().entry_bypass);
    EXPECT_EQ(obligation(s, "meet_chief_executive", "formal_la")["target"], json::array({"QASM", "CHIEF_EXECUTIVE"}));
    EXPECT_EQ(obligation(s, "response", "tracked_recommendation")["status"], "closed");
}

TEST(TrackedRecommendation, the_IRO_may_start_at_formal_resolution_within_the_directorate_with_a_reason) {
    case_file c("tracked-recommendation");
    EXPECT_TRUE(refused(c, R"({"type":"raise","at":"2027-03-01T10:00:00Z","child_ref":"C-33","category":"x","urgency":"urgent",
                               "summary":"s","start_stage":"formal_directorate"})",
                        drp::errc::invalid_event));
    c.apply(R"({"type":"raise","at":"2027-03-01T10:00:00Z","child_ref":"C-33","category":"x","urgency":"urgent",
                "summary":"s","start_stage":"formal_directorate","start_reason":"Severity of the concern"})");
    EXPECT_EQ(c.stage(), "formal_directorate");
    EXPECT_TRUE(obligations(c.state(), "admin_prompt").empty());
}

TEST(TrackedRecommendation, a_referral_to_Cafcass_is_made_once_independent_legal_advice_supports_it) {
    case_file c = tracked_1_march();
    const char* refer = R"({"type":"refer","at":"2027-03-03T10:00:00Z","to":"cafcass","concurrent":true})";
    EXPECT_TRUE(refused(c, refer, drp::errc::not_permitted));
    c.apply(R"({"type":"legal_advice","at":"2027-03-02T10:00:00Z"})");
    c.apply(refer);
    json s = c.state();
    EXPECT_EQ(s["referrals"][0]["status"], "referred");
    EXPECT_EQ(s["referrals"][0]["concurrent"], true);
    // The tracked recommendation carries on alongside.
    EXPECT_EQ(obligation(s, "response", "tracked_recommendation")["status"], "open");
    // CAFCASS decide whether to proceed.
    c.apply(R"({"type":"referral_decision","at":"2027-03-20T10:00:00Z","accepted":false})");
    EXPECT_EQ(c.state()["referrals"][0]["status"], "declined");
}

TEST(TrackedRecommendation, when_the_IRO_is_satisfied_the_AC_is_advised_and_logs_the_outcome) {
    case_file c = tracked_1_march();
    c.apply(R"({"type":"respond","at":"2027-03-10T10:00:00Z","by":"SW","adequate":true})");
    // The SW's update is copied to the AC.
    EXPECT_EQ(obligation(c.state(), "update_to_ac", "tracked_recommendation")["status"], "open");
    c.apply(R"({"type":"resolve","at":"2027-03-11T10:00:00Z","summary":"CAMHS referral made"})");
    json s = c.state();
    EXPECT_EQ(s["status"], "resolved");
    EXPECT_EQ(obligation(s, "advise_ac_of_outcome")["status"], "open");
    EXPECT_EQ(obligation(s, "log_outcome")["status"], "open");
    c.apply(R"({"type":"notify","at":"2027-03-11T11:00:00Z","role":"AC"})");
    c.apply(R"({"type":"record","at":"2027-03-12T09:00:00Z","obligation":"log_outcome"})");
    s = c.state();
    EXPECT_EQ(obligation(s, "advise_ac_of_outcome")["status"], "met");
    EXPECT_EQ(obligation(s, "log_outcome")["status"], "met");
}

TEST(TrackedRecommendation, the_document_provides_no_time_out) {
    case_file c = tracked_1_march();
    EXPECT_TRUE(refused(c, R"({"type":"pause","at":"2027-03-02T10:00:00Z","approved_by":"IRO","reason":"x"})", drp::errc::not_permitted));
}

TEST(TrackedRecommendation, ten_calendar_days_ending_on_the_Sunday_the_clocks_go_forward_end_at_23_59_59_BST) {
    case_file c("tracked-recommendation");
    c.apply(R"({"type":"raise","at":"2027-03-18T10:00:00Z","child_ref":"C-34","category":"x","urgency":"standard","summary":"s"})");
    const json resp = obligation(c.state(), "response", "tracked_recommendation");
    // 10 calendar days after Thu 18 Mar 2027 -> Sun 28 Mar 2027, the day the clocks go forward:
    // the day ends at 23:59:59 BST (22:59:59 UTC).
    EXPECT_EQ(resp["due_date"], "2027-03-28");
    EXPECT_EQ(resp["due"], "2027-03-28T23:59:59+01:00");
    EXPECT_EQ(obligation(c.as_of("2027-03-28T22:59:59Z"), "response", "tracked_recommendation")["status"], "open");
    EXPECT_EQ(obligation(c.as_of("2027-03-28T23:00:00Z"), "response", "tracked_recommendation")["status"], "overdue");
}

TEST(TrackedRecommendation, ten_calendar_days_ending_on_the_Sunday_the_clocks_go_back_end_at_23_59_59_GMT) {
    case_file c("tracked-recommendation");
    c.apply(R"({"type":"raise","at":"2027-10-21T10:00:00+01:00","child_ref":"C-35","category":"x","urgency":"standard","summary":"s"})");
    const json resp = obligation(c.state(), "response", "tracked_recommendation");
    // 10 calendar days after Thu 21 Oct 2027 -> Sun 31 Oct 2027, the day the clocks go back:
    // the day ends at 23:59:59 GMT.
    EXPECT_EQ(resp["due_date"], "2027-10-31");
    EXPECT_EQ(resp["due"], "2027-10-31T23:59:59+00:00");
}

// "Confirm by email to SW, PM and AC": telling them one by one meets the duty only when the
// last of the three has been told (docs/events-and-state.md, notify by role); a notify that
// completes nothing is still recorded; naming the duty meets it at once.
TEST(TrackedRecommendation, the_confirmation_email_is_sent_when_all_three_have_been_told) {
    case_file c = tracked_1_march();
    c.apply(R"({"type":"notify","at":"2027-03-01T10:10:00Z","role":"SW"})");
    c.apply(R"({"type":"notify","at":"2027-03-01T10:11:00Z","role":"SW"})");  // again: still two to go
    c.apply(R"({"type":"notify","at":"2027-03-01T10:12:00Z","role":"CHIEF_EXECUTIVE"})");  // nobody's duty: recorded
    EXPECT_EQ(obligation(c.state(), "confirm_by_email")["status"], "open");
    c.apply(R"({"type":"notify","at":"2027-03-01T10:20:00Z","role":"PM"})");
    EXPECT_EQ(obligation(c.state(), "confirm_by_email")["status"], "open");
    c.apply(R"({"type":"notify","at":"2027-03-01T10:30:00Z","role":"AC"})");
    const json done = obligation(c.state(), "confirm_by_email");
    EXPECT_EQ(done["status"], "met");
    EXPECT_EQ(done["met_at"], "2027-03-01T10:30:00+00:00");

    case_file named = tracked_1_march();
    EXPECT_TRUE(refused(named, R"({"type":"notify","at":"2027-03-01T10:10:00Z","obligation":"confirm_by_email","role":"IRO"})",
                        drp::errc::not_permitted));  // the IRO is not one of its targets
    named.apply(R"({"type":"notify","at":"2027-03-01T10:10:00Z","obligation":"confirm_by_email","role":"PM"})");
    EXPECT_EQ(obligation(named.state(), "confirm_by_email")["status"], "met");
}

// The admin prompt is a reminder: record and notify may name it; the update itself (a
// response) only a respond event meets.
TEST(TrackedRecommendation, record_and_notify_name_only_the_duties_they_can_meet) {
    case_file c = tracked_1_march();
    EXPECT_TRUE(refused(c, R"({"type":"record","at":"2027-03-02T10:00:00Z","obligation":"response"})", drp::errc::invalid_event));
    EXPECT_TRUE(refused(c, R"({"type":"record","at":"2027-03-02T10:00:00Z","obligation":"overall"})", drp::errc::invalid_event));
    EXPECT_TRUE(refused(c, R"({"type":"record","at":"2027-03-02T10:00:00Z","obligation":"no_such_duty"})", drp::errc::invalid_event));
    c.apply(R"({"type":"notify","at":"2027-03-13T09:00:00Z","by":"AC","obligation":"admin_prompt"})");
    const json s = c.state();
    EXPECT_EQ(obligation(s, "admin_prompt")["status"], "met");
    EXPECT_EQ(obligation(s, "response")["status"], "open");
}

// The state says when legal advice was first sought; asking again changes nothing.
TEST(TrackedRecommendation, legal_advice_is_dated_from_when_it_was_first_sought) {
    case_file c = tracked_1_march();
    c.apply(R"({"type":"legal_advice","at":"2027-03-02T10:00:00Z"})");
    c.apply(R"({"type":"legal_advice","at":"2027-03-04T10:00:00Z"})");
    EXPECT_EQ(c.state()["legal_advice"], "2027-03-02T10:00:00+00:00");
}
