// Seed 003, a children's trust's Quality Assurance Service (policies/trust-qas.json):
// informal resolution first; formal stages 1-4 (TM, SM, HoS, Director) each 24 hours for
// imminent risk, otherwise 5 working days; stage 5 legal advice / Cafcass with the Chief
// Executive informed; escalation only for no response (no agreed extension) or an
// inadequate response; the formal process may commence higher in exceptional cases; the
// IRO or CP chair liaises with a QAS team manager before the formal stages.
//
// Expected dates are worked out by hand (see scenario_support.hpp for the holidays).
#include "scenario_support.hpp"

namespace {

using namespace scenario;

// Informal resolution raised by a CP chair, the QAS team manager consulted, and the formal
// process begun at stage 1 at `enter_at`.
case_file trust_at_stage1(std::string_view urgency, std::string_view raise_at, std::string_view enter_at) {
    case_file c("trust-qas");
    c.apply(std::string(R"({"type":"raise","by":"CP_CHAIR","child_ref":"CP-88","category":"practice","summary":"Core group not held","urgency":")") +
            std::string(urgency) + R"(","at":")" + std::string(raise_at) + R"("})");
    c.apply(std::string(R"({"type":"consult","role":"QAS_TM","at":")") + std::string(raise_at) + R"("})");
    c.apply(std::string(R"({"type":"escalate","reason":"not_resolved","by":"CP_CHAIR","at":")") + std::string(enter_at) + R"("})");
    return c;
}

}  // namespace

TEST(TrustQas, informal_resolution_comes_first_and_has_no_timescale) {
    case_file c("trust-qas");
    c.apply(R"({"type":"raise","at":"2027-03-01T09:00:00Z","by":"IRO","child_ref":"C-1","category":"practice",
                "urgency":"standard","summary":"Pathway plan late"})");
    const json s = c.state();
    EXPECT_EQ(s["stage"], "informal");
    const json resp = obligation(s, "response", "informal");
    EXPECT_TRUE(resp["due"].is_null());
    EXPECT_EQ(resp["role"], json::array({"SW", "TM", "SM", "HOS"}));
    EXPECT_EQ(obligation(c.as_of("2028-01-01T00:00:00Z"), "response", "informal")["status"], "open");
}

TEST(TrustQas, the_formal_stages_begin_only_after_liaising_with_a_QAS_team_manager) {
    case_file c("trust-qas");
    c.apply(R"({"type":"raise","at":"2027-03-01T09:00:00Z","by":"IRO","child_ref":"C-1","category":"practice",
                "urgency":"standard","summary":"Pathway plan late"})");
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-03-01T10:00:00Z","reason":"not_resolved"})", drp::errc::not_permitted));
    c.apply(R"({"type":"consult","at":"2027-03-01T10:30:00Z","role":"QAS_TM"})");
    c.apply(R"({"type":"escalate","at":"2027-03-01T11:00:00Z","reason":"not_resolved"})");
    const json s = c.state();
    EXPECT_EQ(s["stage"], "stage1");
    // 5 working days after Mon 1 Mar 2027: 2, 3, 4, 5, 8 -> Mon 8 Mar.
    EXPECT_EQ(obligation(s, "response", "stage1")["due_date"], "2027-03-08");
    EXPECT_EQ(obligation(s, "response", "stage1")["role"], json::array({"TM"}));
}

TEST(TrustQas, stage_1_entered_on_Christmas_Eve_is_due_5_January) {
    case_file c = trust_at_stage1("standard", "2026-12-21T09:00:00Z", "2026-12-24T10:00:00Z");
    // 5 working days after Thu 24 Dec 2026: skip Fri 25 Dec (Christmas Day), Mon 28 Dec (Boxing
    // Day, substitute); 29, 30, 31 Dec (3), skip Fri 1 Jan (New Year's Day), 4 (4), 5 Jan (5) -> Tue 5 Jan 2027.
    EXPECT_EQ(obligation(c.state(), "response", "stage1")["due_date"], "2027-01-05");
}

TEST(TrustQas, an_urgent_but_not_imminent_risk_dispute_has_the_5_working_days) {
    case_file c = trust_at_stage1("urgent", "2027-03-22T09:00:00Z", "2027-03-25T10:00:00Z");
    const json resp = obligation(c.state(), "response", "stage1");
    // 5 working days after Thu 25 Mar 2027: skip Good Friday 26 Mar and Easter Monday 29 Mar;
    // 30, 31 Mar, 1, 2 Apr (4), 5 Apr (5) -> Mon 5 Apr 2027, end of day BST.
    EXPECT_EQ(resp["due_date"], "2027-04-05");
    EXPECT_EQ(resp["due"], "2027-04-05T23:59:59+01:00");
}

TEST(TrustQas, imminent_risk_24_hours_from_Saturday_10_00_GMT_ends_Sunday_11_00_BST_when_the_clocks_go_forward) {
    case_file c = trust_at_stage1("imminent_risk", "2027-03-26T09:00:00Z", "2027-03-27T10:00:00Z");
    const json resp = obligation(c.state(), "response", "stage1");
    // Sat 27 Mar 2027 10:00 GMT + 24 hours elapsed = Sun 28 Mar 10:00 UTC = 11:00 BST (clocks
    // went forward at 01:00 GMT on 28 Mar). An hour deadline has no due_date.
    EXPECT_EQ(resp["due"], "2027-03-28T11:00:00+01:00");
    EXPECT_TRUE(resp["due_date"].is_null());
    // At 10:30 BST only 23.5 hours have passed: not yet "no response".
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-03-28T10:30:00+01:00","reason":"no_response"})", drp::errc::not_permitted));
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-03-28T11:00:00+01:00","reason":"no_response"})", drp::errc::not_permitted));
    c.apply(R"({"type":"escalate","at":"2027-03-28T11:05:00+01:00","reason":"no_response"})");
    EXPECT_EQ(c.stage(), "stage2");
    // Stage 2: 24 hours after Sun 28 Mar 11:05 BST = Mon 29 Mar 11:05 BST (Easter Monday: hours
    // ignore bank holidays).
    EXPECT_EQ(obligation(c.state(), "response", "stage2")["due"], "2027-03-29T11:05:00+01:00");
}

TEST(TrustQas, imminent_risk_24_hours_from_Saturday_10_00_BST_ends_Sunday_09_00_GMT_when_the_clocks_go_back) {
    case_file c = trust_at_stage1("imminent_risk", "2027-10-29T09:00:00+01:00", "2027-10-30T10:00:00+01:00");
    // Sat 30 Oct 2027 10:00 BST = 09:00 UTC; + 24 h = Sun 31 Oct 09:00 UTC, which after the clocks
    // went back at 02:00 BST is 09:00 GMT (not 10:00: a wall-clock "same time tomorrow" would be 25 hours).
    EXPECT_EQ(obligation(c.state(), "response", "stage1")["due"], "2027-10-31T09:00:00+00:00");
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-10-31T08:30:00+00:00","reason":"no_response"})", drp::errc::not_permitted));
    c.apply(R"({"type":"escalate","at":"2027-10-31T09:30:00+00:00","reason":"no_response"})");
    EXPECT_EQ(c.stage(), "stage2");
    EXPECT_EQ(obligation(c.state(), "response", "stage2")["due"], "2027-11-01T09:30:00+00:00");
}

TEST(TrustQas, escalating_for_no_response_before_the_deadline_is_refused) {
    case_file c = trust_at_stage1("standard", "2027-03-01T09:00:00Z", "2027-03-01T11:00:00Z");
    // Due Mon 8 Mar 2027 23:59:59 GMT.
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-03-05T09:00:00Z","reason":"no_response"})", drp::errc::not_permitted));
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-03-08T23:00:00Z","reason":"no_response"})", drp::errc::not_permitted));
    c.apply(R"({"type":"escalate","at":"2027-03-09T08:00:00Z","reason":"no_response"})");
    EXPECT_EQ(c.stage(), "stage2");
    // 5 working days after Tue 9 Mar: 10, 11, 12, 15, 16 -> Tue 16 Mar.
    EXPECT_EQ(obligation(c.state(), "response", "stage2")["due_date"], "2027-03-16");
    EXPECT_EQ(obligation(c.state(), "response", "stage2")["role"], json::array({"SM"}));
}

TEST(TrustQas, an_agreed_extension_defers_no_response_until_the_extended_date_has_passed) {
    case_file c = trust_at_stage1("standard", "2027-03-01T09:00:00Z", "2027-03-01T11:00:00Z");
    c.apply(R"({"type":"extend","at":"2027-03-05T10:00:00Z","until":"2027-03-12","agreed_by":"CP_CHAIR"})");
    EXPECT_EQ(obligation(c.state(), "response", "stage1")["due_date"], "2027-03-12");
    // Past the original Mon 8 Mar, before the agreed Fri 12 Mar: refused.
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-03-10T09:00:00Z","reason":"no_response"})", drp::errc::not_permitted));
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-03-12T23:59:00Z","reason":"no_response"})", drp::errc::not_permitted));
    // Nor is the response overdue before the extended date.
    EXPECT_EQ(obligation(c.as_of("2027-03-10T09:00:00Z"), "response", "stage1")["status"], "open");
    EXPECT_EQ(obligation(c.as_of("2027-03-13T00:00:00Z"), "response", "stage1")["status"], "overdue");
    c.apply(R"({"type":"escalate","at":"2027-03-13T09:00:00Z","reason":"no_response"})");
    EXPECT_EQ(c.stage(), "stage2");
    // 5 working days after Sat 13 Mar: 15, 16, 17, 18, 19 -> Fri 19 Mar.
    EXPECT_EQ(obligation(c.state(), "response", "stage2")["due_date"], "2027-03-19");
}

TEST(TrustQas, an_extension_to_a_time_of_day_is_measured_to_that_time) {
    case_file c = trust_at_stage1("standard", "2027-03-01T09:00:00Z", "2027-03-01T11:00:00Z");
    c.apply(R"({"type":"extend","at":"2027-03-08T10:00:00Z","until":"2027-03-10T17:00:00Z","agreed_by":"IRO"})");
    EXPECT_EQ(obligation(c.state(), "response", "stage1")["due"], "2027-03-10T17:00:00+00:00");
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-03-10T16:59:00Z","reason":"no_response"})", drp::errc::not_permitted));
    c.apply(R"({"type":"escalate","at":"2027-03-10T17:01:00Z","reason":"no_response"})");
    EXPECT_EQ(c.stage(), "stage2");
}

TEST(TrustQas, only_the_IRO_or_CP_chair_can_agree_an_extension_and_only_at_stages_1_to_4) {
    case_file c = trust_at_stage1("standard", "2027-03-01T09:00:00Z", "2027-03-01T11:00:00Z");
    EXPECT_TRUE(refused(c, R"({"type":"extend","at":"2027-03-05T10:00:00Z","until":"2027-03-12","agreed_by":"TM"})", drp::errc::not_permitted));
    EXPECT_TRUE(refused(c, R"({"type":"extend","at":"2027-03-05T10:00:00Z","until":"2027-03-12","agreed_by":"SM"})", drp::errc::not_permitted));
    case_file informal("trust-qas");
    informal.apply(R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-1","category":"practice","urgency":"standard","summary":"s"})");
    EXPECT_TRUE(refused(informal, R"({"type":"extend","at":"2027-03-02T10:00:00Z","until":"2027-03-12","agreed_by":"IRO"})",
                        drp::errc::not_permitted));
}

TEST(TrustQas, escalation_for_an_inadequate_response_follows_a_response_judged_inadequate) {
    case_file c = trust_at_stage1("standard", "2027-03-01T09:00:00Z", "2027-03-01T11:00:00Z");
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-03-03T09:00:00Z","reason":"inadequate_response"})", drp::errc::not_permitted));
    c.apply(R"({"type":"respond","at":"2027-03-04T09:00:00Z","by":"TM","adequate":false})");
    EXPECT_EQ(obligation(c.state(), "response", "stage1")["status"], "met");
    c.apply(R"({"type":"escalate","at":"2027-03-04T12:00:00Z","reason":"inadequate_response"})");
    EXPECT_EQ(c.stage(), "stage2");
    // 5 working days after Thu 4 Mar: 5, 8, 9, 10, 11 -> Thu 11 Mar.
    EXPECT_EQ(obligation(c.state(), "response", "stage2")["due_date"], "2027-03-11");
}

TEST(TrustQas, a_response_that_addresses_the_issues_is_no_ground_for_escalation) {
    case_file c = trust_at_stage1("standard", "2027-03-01T09:00:00Z", "2027-03-01T11:00:00Z");
    c.apply(R"({"type":"respond","at":"2027-03-04T09:00:00Z","by":"TM","adequate":true})");
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-03-04T12:00:00Z","reason":"inadequate_response"})", drp::errc::not_permitted));
    // Nor is there "no response" once the deadline passes: the response came.
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-03-10T12:00:00Z","reason":"no_response"})", drp::errc::not_permitted));
}

TEST(TrustQas, escalation_from_a_formal_stage_is_only_for_no_response_or_an_inadequate_response) {
    case_file c = trust_at_stage1("standard", "2027-03-01T09:00:00Z", "2027-03-01T11:00:00Z");
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-03-10T12:00:00Z","reason":"not_resolved"})", drp::errc::not_permitted));
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-03-10T12:00:00Z","reason":"discretion","note":"urgent"})",
                        drp::errc::not_permitted));
}

TEST(TrustQas, in_exceptional_circumstances_the_formal_process_commences_at_a_higher_stage) {
    case_file c("trust-qas");
    c.apply(R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-2","category":"practice","urgency":"imminent_risk",
                "summary":"Unsafe return home planned"})");
    c.apply(R"({"type":"consult","at":"2027-03-01T09:30:00Z","role":"QAS_TM"})");
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-03-01T10:00:00Z","reason":"not_resolved","to":"stage3"})",
                        drp::errc::invalid_event));
    c.apply(R"({"type":"escalate","at":"2027-03-01T10:00:00Z","reason":"not_resolved","to":"stage3",
                "note":"Imminent risk: Head of Service decision needed today"})");
    const json s = c.state();
    EXPECT_EQ(s["stage"], "stage3");
    EXPECT_TRUE(c.dispute().state().entry_bypass);
    // 24 hours (imminent risk) from Mon 1 Mar 2027 10:00 GMT.
    EXPECT_EQ(obligation(s, "response", "stage3")["due"], "2027-03-02T10:00:00+00:00");
}

TEST(TrustQas, a_higher_start_still_needs_the_QAS_liaison) {
    case_file c("trust-qas");
    c.apply(R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-2","category":"practice","urgency":"imminent_risk",
                "summary":"Unsafe return home planned"})");
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-03-01T10:00:00Z","reason":"not_resolved","to":"stage3","note":"risk"})",
                        drp::errc::not_permitted));
}

TEST(TrustQas, once_formal_the_stages_are_not_skipped) {
    case_file c = trust_at_stage1("standard", "2027-03-01T09:00:00Z", "2027-03-01T11:00:00Z");
    c.apply(R"({"type":"respond","at":"2027-03-04T09:00:00Z","adequate":false})");
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-03-04T12:00:00Z","reason":"inadequate_response","to":"stage3",
                               "note":"Service manager unavailable"})",
                        drp::errc::not_permitted));
    EXPECT_EQ(c.stage(), "stage1");
}

TEST(TrustQas, raising_directly_at_a_formal_stage_is_refused_because_informal_resolution_comes_first) {
    case_file c("trust-qas");
    EXPECT_TRUE(refused(c, R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-2","category":"practice",
                               "urgency":"imminent_risk","summary":"s","start_stage":"stage1","start_reason":"imminent risk"})",
                        drp::errc::not_permitted));
}

TEST(TrustQas, stage_5_informs_the_Chief_Executive_and_is_where_legal_advice_and_Cafcass_come_in) {
    case_file c("trust-qas");
    c.apply(R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-3","category":"practice","urgency":"imminent_risk",
                "summary":"s"})");
    c.apply(R"({"type":"consult","at":"2027-03-01T09:10:00Z","role":"QAS_TM"})");
    // Not before stage 5.
    EXPECT_TRUE(refused(c, R"({"type":"legal_advice","at":"2027-03-01T09:20:00Z"})", drp::errc::not_permitted));
    EXPECT_TRUE(refused(c, R"({"type":"refer","at":"2027-03-01T09:20:00Z","to":"cafcass","concurrent":true})", drp::errc::not_permitted));
    c.apply(R"({"type":"escalate","at":"2027-03-01T10:00:00Z","reason":"not_resolved","to":"stage4","note":"Director decision needed"})");
    EXPECT_TRUE(refused(c, R"({"type":"refer","at":"2027-03-01T11:00:00Z","to":"cafcass","concurrent":false})", drp::errc::not_permitted));
    c.apply(R"({"type":"respond","at":"2027-03-01T18:00:00Z","by":"DIRECTOR","adequate":false})");
    c.apply(R"({"type":"escalate","at":"2027-03-01T19:00:00Z","reason":"inadequate_response"})");
    json s = c.state();
    EXPECT_EQ(s["stage"], "stage5");
    const json ce = obligation(s, "notify.CHIEF_EXECUTIVE", "stage5");
    EXPECT_EQ(ce["target"], json::array({"CHIEF_EXECUTIVE"}));
    EXPECT_EQ(ce["status"], "open");
    // No concurrent referral in this policy; a referral at stage 5 is allowed.
    c.apply(R"({"type":"legal_advice","at":"2027-03-02T09:00:00Z"})");
    EXPECT_TRUE(refused(c, R"({"type":"refer","at":"2027-03-02T10:00:00Z","to":"cafcass","concurrent":true})", drp::errc::not_permitted));
    c.apply(R"({"type":"refer","at":"2027-03-02T10:00:00Z","to":"cafcass","concurrent":false})");
    s = c.state();
    EXPECT_TRUE(s["legal_advice"].is_string());  // the instant it was sought
    ASSERT_EQ(s["referrals"].size(), 1u);
    EXPECT_EQ(s["referrals"][0]["status"], "referred");
    // Stage 5 is the last.
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-03-03T10:00:00Z","reason":"no_response"})", drp::errc::not_permitted));
}

TEST(TrustQas, the_document_provides_no_time_out) {
    case_file c = trust_at_stage1("standard", "2027-03-01T09:00:00Z", "2027-03-01T11:00:00Z");
    EXPECT_TRUE(refused(c, R"({"type":"pause","at":"2027-03-02T09:00:00Z","approved_by":"IRO","reason":"x"})", drp::errc::not_permitted));
}
