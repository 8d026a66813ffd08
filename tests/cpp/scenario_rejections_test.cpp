// Every rule that refuses an event, across the five seed policies: the refusal carries
// the right drp::errc and leaves the dispute exactly as it was (its JSON state, every
// field of its internal state, and its history).
#include <ostream>

#include "scenario_support.hpp"

namespace {

using namespace scenario;

struct rejection_case {
    const char* name;    // the rule, as a specification
    const char* policy;
    std::vector<const char*> before;  // accepted events leading up to the refused one
    const char* event;
    drp::errc code;
};

void PrintTo(const rejection_case& c, std::ostream* os) { *os << c.name; }

// Reused openings.
#define MERTON_INFORMAL                                                                                                   \
    R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-1","category":"drift_delay","urgency":"standard",)" \
    R"("summary":"s","due":"2027-03-12"})"
#define MERTON_IR1                                                                                                        \
    R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-1","category":"resources","urgency":"standard",)"   \
    R"("summary":"s","start_stage":"IR1","start_reason":"TM has no remit"})"
#define TRUST_INFORMAL \
    R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-2","category":"practice","urgency":"standard","summary":"s"})"
#define TRUST_CONSULT R"({"type":"consult","at":"2027-03-01T09:30:00Z","role":"QAS_TM"})"
#define TRUST_STAGE1 R"({"type":"escalate","at":"2027-03-01T10:00:00Z","reason":"not_resolved"})"
#define QA_STAGE1 \
    R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-3","category":"practice","urgency":"standard","summary":"s"})"
#define CIC_INFORMAL \
    R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-4","category":"x","urgency":"standard","summary":"s"})"
#define TRACKED \
    R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-5","category":"x","urgency":"standard","summary":"s","due":"2027-03-12"})"

const std::vector<rejection_case> cases = {
    // ---- not_permitted: the policy forbids the event now ---------------------------------------------------
    {"raising_a_dispute_twice", "merton", {MERTON_INFORMAL}, MERTON_INFORMAL, drp::errc::not_permitted},
    {"escalating_before_the_dispute_is_raised", "merton", {},
     R"({"type":"escalate","at":"2027-03-01T09:00:00Z","reason":"not_resolved"})", drp::errc::not_permitted},
    {"responding_before_the_dispute_is_raised", "cic-issues-resolution", {},
     R"({"type":"respond","at":"2027-03-01T09:00:00Z","adequate":true})", drp::errc::not_permitted},
    {"escalating_after_resolution", "merton",
     {MERTON_IR1, R"({"type":"resolve","at":"2027-03-02T09:00:00Z","summary":"done","impact":"child settled"})"},
     R"({"type":"escalate","at":"2027-03-03T09:00:00Z","reason":"not_resolved"})", drp::errc::not_permitted},
    {"responding_after_withdrawal", "cic-issues-resolution",
     {CIC_INFORMAL, R"({"type":"withdraw","at":"2027-03-02T09:00:00Z","reason":"child moved authority"})"},
     R"({"type":"respond","at":"2027-03-03T09:00:00Z","adequate":true})", drp::errc::not_permitted},
    {"resolving_twice", "cic-issues-resolution",
     {CIC_INFORMAL, R"({"type":"resolve","at":"2027-03-02T09:00:00Z","summary":"done"})"},
     R"({"type":"resolve","at":"2027-03-03T09:00:00Z","summary":"again"})", drp::errc::not_permitted},
    {"escalating_for_a_reason_the_policy_does_not_list", "merton", {MERTON_IR1},
     R"({"type":"escalate","at":"2027-03-20T09:00:00Z","reason":"no_response"})", drp::errc::not_permitted},
    {"escalating_for_no_response_before_the_deadline", "trust-qas", {TRUST_INFORMAL, TRUST_CONSULT, TRUST_STAGE1},
     R"({"type":"escalate","at":"2027-03-08T12:00:00Z","reason":"no_response"})", drp::errc::not_permitted},
    {"escalating_for_no_response_after_a_response_came", "trust-qas",
     {TRUST_INFORMAL, TRUST_CONSULT, TRUST_STAGE1, R"({"type":"respond","at":"2027-03-02T09:00:00Z","adequate":true})"},
     R"({"type":"escalate","at":"2027-03-10T12:00:00Z","reason":"no_response"})", drp::errc::not_permitted},
    {"escalating_for_an_inadequate_response_before_any_response", "trust-qas", {TRUST_INFORMAL, TRUST_CONSULT, TRUST_STAGE1},
     R"({"type":"escalate","at":"2027-03-02T12:00:00Z","reason":"inadequate_response"})", drp::errc::not_permitted},
    {"escalating_for_no_response_at_a_stage_without_a_deadline", "trust-qas", {TRUST_INFORMAL},
     R"({"type":"escalate","at":"2027-06-01T12:00:00Z","reason":"no_response"})", drp::errc::not_permitted},
    {"escalating_past_the_last_stage", "cic-issues-resolution",
     {R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-4","category":"x","urgency":"standard","summary":"s",)"
      R"("start_stage":"stage4","start_reason":"DCS decision"})"},
     R"({"type":"escalate","at":"2027-03-02T09:00:00Z","reason":"not_resolved"})", drp::errc::not_permitted},
    {"escalating_to_an_earlier_stage", "merton",
     {MERTON_IR1, R"({"type":"escalate","at":"2027-03-02T09:00:00Z","reason":"not_resolved"})"},
     R"({"type":"escalate","at":"2027-03-03T09:00:00Z","reason":"discretion","to":"IR1","note":"back"})", drp::errc::not_permitted},
    {"escalating_to_the_current_stage", "merton", {MERTON_IR1},
     R"({"type":"escalate","at":"2027-03-03T09:00:00Z","reason":"discretion","to":"IR1","note":"same"})", drp::errc::not_permitted},
    {"bypassing_where_the_flowchart_has_no_bypass", "qa-form",
     {QA_STAGE1, R"({"type":"respond","at":"2027-03-02T09:00:00Z","adequate":false})",
      R"({"type":"consult","at":"2027-03-02T09:30:00Z","role":"SENIOR_IRO"})"},
     R"({"type":"escalate","at":"2027-03-02T10:00:00Z","reason":"inadequate_response","to":"stage3","note":"serious"})",
     drp::errc::not_permitted},
    {"bypassing_between_formal_stages_where_only_the_start_may_be_higher", "trust-qas",
     {TRUST_INFORMAL, TRUST_CONSULT, TRUST_STAGE1, R"({"type":"respond","at":"2027-03-02T09:00:00Z","adequate":false})"},
     R"({"type":"escalate","at":"2027-03-02T10:00:00Z","reason":"inadequate_response","to":"stage4","note":"serious"})",
     drp::errc::not_permitted},
    {"starting_above_the_first_stage_where_the_policy_does_not_allow_it", "qa-form", {},
     R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-3","category":"x","urgency":"standard","summary":"s",)"
     R"("start_stage":"stage2","start_reason":"serious"})",
     drp::errc::not_permitted},
    {"starting_at_a_formal_stage_where_informal_resolution_comes_first", "trust-qas", {},
     R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-2","category":"x","urgency":"imminent_risk","summary":"s",)"
     R"("start_stage":"stage2","start_reason":"risk"})",
     drp::errc::not_permitted},
    {"starting_below_the_first_stage_on_the_route", "qa-form", {},
     R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-3","category":"x","urgency":"standard","summary":"s",)"
     R"("start_stage":"immediate_action","start_reason":"r"})",
     drp::errc::not_permitted},
    {"entering_a_formal_stage_before_the_QAS_liaison", "trust-qas", {TRUST_INFORMAL}, TRUST_STAGE1, drp::errc::not_permitted},
    {"entering_stage_2_before_the_discussion_with_the_Senior_IRO", "qa-form",
     {QA_STAGE1, R"({"type":"respond","at":"2027-03-02T09:00:00Z","adequate":false})"},
     R"({"type":"escalate","at":"2027-03-02T10:00:00Z","reason":"inadequate_response"})", drp::errc::not_permitted},
    {"calling_the_dispute_resolution_meeting_without_the_IRO_manager", "merton", {MERTON_INFORMAL},
     R"({"type":"escalate","at":"2027-03-02T10:00:00Z","reason":"not_resolved","to":"drm"})", drp::errc::not_permitted},
    {"a_time_out_where_the_policy_has_none", "qa-form", {QA_STAGE1},
     R"({"type":"pause","at":"2027-03-02T09:00:00Z","approved_by":"SENIOR_IRO","reason":"r"})", drp::errc::not_permitted},
    {"a_time_out_outside_the_formal_stages", "merton", {MERTON_INFORMAL},
     R"({"type":"pause","at":"2027-03-02T09:00:00Z","approved_by":"IRO_MANAGER","reason":"r"})", drp::errc::not_permitted},
    {"a_time_out_not_approved_by_the_IRO_manager", "merton", {MERTON_IR1},
     R"({"type":"pause","at":"2027-03-02T09:00:00Z","approved_by":"HOS","reason":"r"})", drp::errc::not_permitted},
    {"a_second_time_out_during_a_time_out", "merton",
     {MERTON_IR1, R"({"type":"pause","at":"2027-03-02T09:00:00Z","approved_by":"IRO_MANAGER","reason":"r"})"},
     R"({"type":"pause","at":"2027-03-03T09:00:00Z","approved_by":"IRO_MANAGER","reason":"r2"})", drp::errc::not_permitted},
    {"resuming_without_a_time_out", "merton", {MERTON_IR1}, R"({"type":"resume","at":"2027-03-02T09:00:00Z"})",
     drp::errc::not_permitted},
    {"an_extension_where_the_policy_has_none", "cic-issues-resolution", {CIC_INFORMAL},
     R"({"type":"extend","at":"2027-03-02T09:00:00Z","until":"2027-03-20","agreed_by":"IRO"})", drp::errc::not_permitted},
    {"an_extension_agreed_by_a_role_not_in_agreed_by", "trust-qas", {TRUST_INFORMAL, TRUST_CONSULT, TRUST_STAGE1},
     R"({"type":"extend","at":"2027-03-02T09:00:00Z","until":"2027-03-20","agreed_by":"SM"})", drp::errc::not_permitted},
    {"an_extension_at_a_stage_the_policy_does_not_list", "tracked-recommendation",
     {TRACKED, R"({"type":"escalate","at":"2027-03-13T09:00:00Z","reason":"not_resolved"})"},
     R"({"type":"extend","at":"2027-03-14T09:00:00Z","until":"2027-03-20","agreed_by":"IRO"})", drp::errc::not_permitted},
    {"an_extension_after_the_response_came", "trust-qas",
     {TRUST_INFORMAL, TRUST_CONSULT, TRUST_STAGE1, R"({"type":"respond","at":"2027-03-02T09:00:00Z","adequate":false})"},
     R"({"type":"extend","at":"2027-03-03T09:00:00Z","until":"2027-03-20","agreed_by":"IRO"})", drp::errc::not_permitted},
    {"a_referral_without_the_HOS_QAPD_agreeing", "merton",
     {MERTON_IR1, R"({"type":"consult","at":"2027-03-02T09:00:00Z","role":"HOS_QAPD","agreed":false})"},
     R"({"type":"refer","at":"2027-03-02T10:00:00Z","to":"cafcass","concurrent":true})", drp::errc::not_permitted},
    {"a_referral_before_legal_advice_supports_it", "tracked-recommendation", {TRACKED},
     R"({"type":"refer","at":"2027-03-02T10:00:00Z","to":"cafcass","concurrent":true})", drp::errc::not_permitted},
    {"a_referral_before_the_stage_the_policy_provides_for", "qa-form", {QA_STAGE1},
     R"({"type":"refer","at":"2027-03-02T10:00:00Z","to":"cafcass","concurrent":false})", drp::errc::not_permitted},
    {"a_concurrent_referral_where_the_policy_does_not_allow_one", "trust-qas",
     {TRUST_INFORMAL, TRUST_CONSULT,
      R"({"type":"escalate","at":"2027-03-01T10:00:00Z","reason":"not_resolved","to":"stage5","note":"risk"})"},
     R"({"type":"refer","at":"2027-03-02T10:00:00Z","to":"cafcass","concurrent":true})", drp::errc::not_permitted},
    {"a_second_referral_while_one_awaits_its_decision", "cic-issues-resolution",
     {CIC_INFORMAL, R"({"type":"refer","at":"2027-03-01T10:00:00Z","to":"cafcass","concurrent":true})"},
     R"({"type":"refer","at":"2027-03-02T10:00:00Z","to":"cafcass","concurrent":true})", drp::errc::not_permitted},
    {"a_referral_decision_without_a_referral", "cic-issues-resolution", {CIC_INFORMAL},
     R"({"type":"referral_decision","at":"2027-03-02T10:00:00Z","accepted":true})", drp::errc::not_permitted},
    {"legal_advice_where_the_policy_does_not_provide_for_it", "merton", {MERTON_INFORMAL},
     R"({"type":"legal_advice","at":"2027-03-02T10:00:00Z"})", drp::errc::not_permitted},
    {"legal_advice_before_the_stage_the_policy_provides_for", "trust-qas", {TRUST_INFORMAL},
     R"({"type":"legal_advice","at":"2027-03-02T10:00:00Z"})", drp::errc::not_permitted},
    {"a_start_reason_without_starting_higher", "cic-issues-resolution", {},  // urgent: stage 1 is the route's first
     R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-1","category":"education","urgency":"urgent",)"
     R"("summary":"s","start_stage":"stage1","start_reason":"serious"})", drp::errc::invalid_event},
    {"referring_again_after_Cafcass_accepted", "merton",
     {MERTON_INFORMAL, R"({"type":"consult","at":"2027-03-01T10:00:00Z","role":"HOS_QAPD","agreed":true})",
      R"({"type":"refer","at":"2027-03-01T11:00:00Z","to":"cafcass","concurrent":true})",
      R"({"type":"referral_decision","at":"2027-03-05T11:00:00Z","accepted":true})"},
     R"({"type":"refer","at":"2027-03-08T11:00:00Z","to":"cafcass","concurrent":true})", drp::errc::not_permitted},
    {"recording_at_a_stage_the_policy_does_not_have", "merton", {MERTON_INFORMAL},
     R"({"type":"record","at":"2027-03-02T10:00:00Z","obligation":"record_actions","stage":"IR9"})", drp::errc::unknown_stage},
    {"recording_a_duty_that_is_not_owed", "merton", {MERTON_INFORMAL},
     R"({"type":"record","at":"2027-03-02T10:00:00Z","obligation":"outcome_to_hos_qapd"})", drp::errc::not_permitted},
    {"recording_a_duty_the_policy_does_not_define", "merton", {MERTON_INFORMAL},
     R"({"type":"record","at":"2027-03-02T10:00:00Z","obligation":"log_outcome"})", drp::errc::invalid_event},
    {"recording_the_response_which_only_respond_meets", "merton", {MERTON_INFORMAL},
     R"({"type":"record","at":"2027-03-02T10:00:00Z","obligation":"response"})", drp::errc::invalid_event},
    {"naming_a_meeting_duty_which_only_a_meeting_meets", "merton", {MERTON_INFORMAL},
     R"({"type":"record","at":"2027-03-02T10:00:00Z","obligation":"challenge_meeting"})", drp::errc::not_permitted},
    {"notifying_a_role_the_named_duty_does_not_target", "merton", {MERTON_INFORMAL},
     R"({"type":"notify","at":"2027-03-02T10:00:00Z","obligation":"alert_hos_qapd","role":"SW"})", drp::errc::not_permitted},
    {"raising_under_another_version_of_the_policy", "merton", {},
     R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-1","category":"drift_delay","urgency":"standard",)"
     R"("summary":"s","due":"2027-03-12","policy_version":"2.0.0"})",
     drp::errc::invalid_event},

    // ---- out_of_order: an event earlier than the last applied ---------------------------------------------
    {"an_event_earlier_than_the_last_one_applied", "merton",
     {MERTON_IR1, R"({"type":"respond","at":"2027-03-05T09:00:00Z","adequate":false})"},
     R"({"type":"escalate","at":"2027-03-04T09:00:00Z","reason":"not_resolved"})", drp::errc::out_of_order},
    {"an_event_one_second_earlier_than_the_last", "cic-issues-resolution", {CIC_INFORMAL},
     R"({"type":"legal_advice","at":"2027-03-01T08:59:59Z"})", drp::errc::out_of_order},
    {"an_event_earlier_given_in_another_offset", "trust-qas", {TRUST_INFORMAL},
     R"({"type":"consult","at":"2027-03-01T09:30:00+01:00","role":"QAS_TM"})", drp::errc::out_of_order},

    // ---- invalid_event: the event itself is wrong -----------------------------------------------------------------
    {"a_category_the_policy_does_not_list", "merton", {},
     R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-1","category":"housing","urgency":"standard",)"
     R"("summary":"s","due":"2027-03-12"})",
     drp::errc::invalid_event},
    {"an_unknown_urgency", "merton", {},
     R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-1","category":"drift_delay","urgency":"critical",)"
     R"("summary":"s","due":"2027-03-12"})",
     drp::errc::invalid_event},
    {"an_unknown_event_type", "merton", {MERTON_INFORMAL}, R"({"type":"appeal","at":"2027-03-02T09:00:00Z"})",
     drp::errc::invalid_event},
    {"an_event_without_a_time", "merton", {MERTON_INFORMAL}, R"({"type":"respond","adequate":true})", drp::errc::invalid_event},
    {"an_event_time_without_an_offset", "merton", {MERTON_INFORMAL},
     R"({"type":"respond","at":"2027-03-02T09:00:00","adequate":true})", drp::errc::invalid_event},
    {"a_field_the_event_type_does_not_have", "merton", {MERTON_INFORMAL},
     R"({"type":"respond","at":"2027-03-02T09:00:00Z","adequate":true,"urgency":"urgent"})", drp::errc::invalid_event},
    {"an_unknown_escalation_reason", "merton", {MERTON_INFORMAL},
     R"({"type":"escalate","at":"2027-03-02T09:00:00Z","reason":"frustration"})", drp::errc::invalid_event},
    {"a_respond_without_saying_whether_it_is_adequate", "merton", {MERTON_INFORMAL},
     R"({"type":"respond","at":"2027-03-02T09:00:00Z"})", drp::errc::invalid_event},
    {"a_referral_to_a_body_other_than_cafcass", "cic-issues-resolution", {CIC_INFORMAL},
     R"({"type":"refer","at":"2027-03-02T09:00:00Z","to":"ofsted","concurrent":true})", drp::errc::invalid_event},
    {"a_role_id_that_is_not_upper_snake_case", "merton", {MERTON_INFORMAL},
     R"({"type":"consult","at":"2027-03-02T09:00:00Z","role":"hos qapd"})", drp::errc::invalid_event},
    {"consulting_a_role_the_policy_does_not_define", "merton", {MERTON_INFORMAL},
     R"({"type":"consult","at":"2027-03-02T09:00:00Z","role":"QAS_TM"})", drp::errc::invalid_event},
    {"an_event_of_another_dispute", "merton", {MERTON_INFORMAL},
     R"({"type":"respond","at":"2027-03-02T09:00:00Z","dispute_id":"D2","adequate":true})", drp::errc::invalid_event},
    {"a_bypass_without_its_reason", "merton", {MERTON_INFORMAL},
     R"({"type":"escalate","at":"2027-03-02T09:00:00Z","reason":"discretion","to":"IR2"})", drp::errc::invalid_event},
    {"starting_higher_without_a_start_reason", "cic-issues-resolution", {},
     R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-4","category":"x","urgency":"standard","summary":"s",)"
     R"("start_stage":"stage2"})",
     drp::errc::invalid_event},
    {"an_informal_stage_without_the_timescale_the_IRO_must_set", "merton", {},
     R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-1","category":"drift_delay","urgency":"standard","summary":"s"})",
     drp::errc::invalid_event},
    {"an_agreed_date_on_a_stage_with_a_set_timescale", "merton", {},
     R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-1","category":"drift_delay","urgency":"standard","summary":"s",)"
     R"("start_stage":"IR1","start_reason":"r","due":"2027-03-05"})",
     drp::errc::invalid_event},
    {"an_agreed_date_before_the_raise", "merton", {},
     R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-1","category":"drift_delay","urgency":"standard","summary":"s",)"
     R"("due":"2027-02-26"})",
     drp::errc::invalid_event},
    {"an_agreed_date_that_is_not_a_calendar_date", "merton", {},
     R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-1","category":"drift_delay","urgency":"standard","summary":"s",)"
     R"("due":"2027-02-30"})",
     drp::errc::invalid_event},
    {"an_extension_to_a_date_already_past", "trust-qas", {TRUST_INFORMAL, TRUST_CONSULT, TRUST_STAGE1},
     R"({"type":"extend","at":"2027-03-05T09:00:00Z","until":"2027-03-04","agreed_by":"IRO"})", drp::errc::invalid_event},
    {"a_time_out_without_its_reason", "merton", {MERTON_IR1},
     R"({"type":"pause","at":"2027-03-02T09:00:00Z","approved_by":"IRO_MANAGER"})", drp::errc::invalid_event},

    // ---- unknown_stage: a stage id the policy does not define ----------------------------------------------------
    {"starting_at_a_stage_the_policy_does_not_define", "merton", {},
     R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-1","category":"drift_delay","urgency":"standard","summary":"s",)"
     R"("start_stage":"IR9","start_reason":"r"})",
     drp::errc::unknown_stage},
    {"escalating_to_a_stage_the_policy_does_not_define", "merton", {MERTON_INFORMAL},
     R"({"type":"escalate","at":"2027-03-02T09:00:00Z","reason":"discretion","to":"IR9","note":"r"})", drp::errc::unknown_stage},
    {"escalating_to_another_policys_stage_id", "trust-qas", {TRUST_INFORMAL, TRUST_CONSULT},
     R"({"type":"escalate","at":"2027-03-02T09:00:00Z","reason":"not_resolved","to":"IR1","note":"r"})", drp::errc::unknown_stage},
};

class Rejection : public testing::TestWithParam<rejection_case> {};

TEST_P(Rejection, is_refused_with_its_code_and_leaves_the_dispute_unchanged) {
    const auto& rc = GetParam();
    case_file c(rc.policy);
    for (const char* e : rc.before) ASSERT_EQ(code_of([&] { c.apply(e); }), drp::errc::ok) << e;
    EXPECT_TRUE(refused(c, rc.event, rc.code));
}

INSTANTIATE_TEST_SUITE_P(Seeds, Rejection, testing::ValuesIn(cases),
                         [](const testing::TestParamInfo<rejection_case>& p) { return std::string(p.param.name); });

// ---- beyond one event --------------------------------------------------------------------------------------

TEST(Rejections, a_refused_event_does_not_move_the_dispute_clock_forward) {
    case_file c("trust-qas");
    c.apply(TRUST_INFORMAL);
    // Refused at 12:00 (no QAS liaison yet) ...
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-03-01T12:00:00Z","reason":"not_resolved"})", drp::errc::not_permitted));
    // ... so an event at 10:00 is still in order.
    c.apply(R"({"type":"consult","at":"2027-03-01T10:00:00Z","role":"QAS_TM"})");
    EXPECT_EQ(c.state()["consulted"][0]["role"], "QAS_TM");
}

TEST(Rejections, an_event_at_the_same_instant_as_the_last_is_in_order) {
    case_file c("cic-issues-resolution");
    c.apply(CIC_INFORMAL);
    c.apply(R"({"type":"refer","at":"2027-03-01T09:00:00Z","to":"cafcass","concurrent":true})");
    EXPECT_EQ(c.state()["referrals"].size(), 1u);
}

TEST(Rejections, a_dispute_refusing_many_events_in_a_row_is_still_the_same_dispute) {
    case_file c("merton");
    c.apply(MERTON_IR1);
    const json before = c.state();
    for (const char* bad : {R"({"type":"escalate","at":"2027-03-02T09:00:00Z","reason":"no_response"})",
                            R"({"type":"pause","at":"2027-03-02T09:00:00Z","approved_by":"TM","reason":"r"})",
                            R"({"type":"legal_advice","at":"2027-03-02T09:00:00Z"})",
                            R"({"type":"refer","at":"2027-03-02T09:00:00Z","to":"cafcass","concurrent":true})",
                            R"({"type":"resume","at":"2027-03-02T09:00:00Z"})",
                            R"({"type":"escalate","at":"2027-03-02T09:00:00Z","reason":"discretion","to":"IR9","note":"n"})",
                            R"({"type":"respond","at":"2027-02-28T09:00:00Z","adequate":true})"})
        EXPECT_NE(code_of([&] { c.apply(bad); }), drp::errc::ok) << bad;
    EXPECT_EQ(c.state(), before);
    // And it goes on as before.
    c.apply(R"({"type":"escalate","at":"2027-03-02T09:00:00Z","reason":"not_resolved"})");
    EXPECT_EQ(c.stage(), "IR2");
}

TEST(Rejections, parse_event_names_the_field_it_refuses) {
    try {
        (void)drp::parse_event(std::string_view(R"({"type":"raise","at":"2027-03-01T09:00:00Z","dispute_id":"D1","child_ref":"C",)"
                                                R"("category":"x","urgency":"critical","summary":"s"})"));
        FAIL() << "accepted an unknown urgency";
    } catch (const drp::error& e) {
        EXPECT_EQ(e.code(), drp::errc::invalid_event);
        EXPECT_NE(std::string(e.what()).find("/urgency"), std::string::npos) << e.what();
    }
}

}  // namespace
