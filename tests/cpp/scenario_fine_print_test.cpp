// The fine print: rules of DESIGN.md, the seed documents and docs/policy-authoring.md (§17
// and the sections it refers to) that the first version of the engine got wrong. Each test
// says which rule it checks; the comments say what that first version did, in the past tense
// of the review that found it (kept so the reason for each rule stays visible).


#include "scenario_support.hpp"

namespace {

using namespace scenario;

}  // namespace

// Rule 1. docs/policy-authoring.md §10: "impact_required: true makes every resolve event state
// the difference made for the child" (Merton: "what difference this made for the children
// we support"; merton.json /reporting/impact_required).
TEST(FinePrint, Merton_resolving_without_stating_the_impact_for_the_child_is_refused) {
    case_file c("merton");
    c.apply(R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-1","category":"resources","urgency":"standard",
                "summary":"s","start_stage":"IR1","start_reason":"TM has no remit"})");
    EXPECT_TRUE(refused(c, R"({"type":"resolve","at":"2027-03-05T09:00:00Z","summary":"Funding agreed"})", drp::errc::invalid_event));
    EXPECT_EQ(c.state()["status"], "open");
}

// Rule 2. Seed 004: "The IRO will seek consultation with the HOS QAPD ... If yes, the IRO will
// make the referral within 3 days"; docs/policy-authoring.md §17: "Referral `within` runs from
// the moment the last precondition is met (or from entry to a referral stage, if there are no
// preconditions)". When the HOS QAPD agreed before the dispute reached IR5, the engine starts
// the 3 days on entering IR5 (start_referral_clock is called with the entry time).
TEST(FinePrint, Merton_the_IR5_referral_runs_3_days_from_an_agreement_given_before_IR5) {
    case_file c("merton");
    c.apply(R"({"type":"raise","at":"2026-12-21T09:00:00Z","child_ref":"C-12","category":"permanency","urgency":"urgent",
                "summary":"s","start_stage":"IR4","start_reason":"Strategic Director decision needed"})");
    c.apply(R"({"type":"consult","at":"2026-12-22T10:00:00Z","role":"HOS_QAPD","agreed":true})");
    c.apply(R"({"type":"escalate","at":"2026-12-24T10:00:00Z","reason":"not_resolved"})");
    ASSERT_EQ(c.stage(), "IR5");
    // 3 calendar days after the consultation on Tue 22 Dec 2026 -> Fri 25 Dec 2026.
    EXPECT_EQ(obligation(c.state(), "referral")["due_date"], "2026-12-25");
}

// Rule 3. Seed 004 / merton.json /rules/referral (concurrent_allowed): a referral made
// concurrently earlier is the referral. On reaching IR5 the engine nevertheless creates a
// new "referral" duty due 3 days later; a second refer event is refused while the first
// awaits its decision ("a referral to Cafcass is already awaiting its decision"), so the
// duty can never be met and shows overdue.
TEST(FinePrint, Merton_a_referral_already_made_concurrently_is_not_owed_again_at_IR5) {
    case_file c("merton");
    c.apply(R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-1","category":"resources","urgency":"standard",
                "summary":"s","start_stage":"IR1","start_reason":"TM has no remit"})");
    c.apply(R"({"type":"consult","at":"2027-03-01T10:00:00Z","role":"HOS_QAPD","agreed":true})");
    c.apply(R"({"type":"refer","at":"2027-03-01T11:00:00Z","to":"cafcass","concurrent":true})");
    c.apply(R"({"type":"escalate","at":"2027-03-04T09:00:00Z","reason":"discretion","to":"IR5","note":"Cafcass already involved"})");
    ASSERT_EQ(c.stage(), "IR5");
    // Nothing about the referral is owed or overdue a week later.
    const json later = c.as_of("2027-03-11T09:00:00Z");
    for (const auto& o : obligations(later, "referral")) {
        EXPECT_NE(o["status"], "open") << o.dump();
        EXPECT_NE(o["status"], "overdue") << o.dump();
    }
}

// Rule 4. Seed 001: "If necessary a Professionals meeting should be held within one week
// following the stage 2 discussion"; qa-form.json /stages/3/obligations/0 has
// "from": "stage_entry", "from_stage": "stage2", within 7 calendar days, discretionary;
// docs/policy-authoring.md §7: "from_stage | with from: stage_entry: count from an earlier
// stage's entry" (and check S10: from_stage names an earlier stage). The engine's spawn()
// skips any rule whose from_stage differs from the stage being entered, so on entering
// stage 3 the professionals meeting duty never appears.
TEST(FinePrint, QaForm_the_professionals_meeting_is_due_within_one_week_of_the_stage_2_discussion) {
    case_file c("qa-form");
    c.apply(R"({"type":"raise","at":"2026-12-14T09:00:00Z","child_ref":"C-21","category":"practice","urgency":"standard","summary":"s"})");
    c.apply(R"({"type":"respond","at":"2026-12-28T09:00:00Z","adequate":false})");
    c.apply(R"({"type":"consult","at":"2026-12-28T09:30:00Z","role":"SENIOR_IRO"})");
    c.apply(R"({"type":"escalate","at":"2026-12-28T10:00:00Z","by":"SENIOR_IRO","reason":"inadequate_response"})");
    c.apply(R"({"type":"escalate","at":"2026-12-31T10:00:00Z","by":"HOS_QA","reason":"not_resolved"})");
    ASSERT_EQ(c.stage(), "stage3");
    const auto found = obligations(c.state(), "professionals_meeting", "stage3");
    ASSERT_EQ(found.size(), 1u) << "no professionals_meeting duty at stage 3";
    const json& meeting = found.front();
    // 7 calendar days after the stage 2 discussion on Mon 28 Dec 2026 -> Mon 4 Jan 2027.
    EXPECT_EQ(meeting["due_date"], "2027-01-04");
    EXPECT_EQ(meeting.value("discretionary", false), true);
    // "If necessary": a target, never overdue.
    EXPECT_EQ(obligation(c.as_of("2027-01-10T00:00:00Z"), "professionals_meeting", "stage3")["status"], "open");
    c.apply(R"({"type":"meeting","at":"2027-01-04T14:00:00Z","kind":"professionals"})");
    EXPECT_EQ(obligation(c.state(), "professionals_meeting", "stage3")["status"], "met");
}

// Rule 5. Seed 000: "If no update is received by the agreed date AC sends a prompt to SW and
// IRO"; docs/policy-authoring.md §7: a response_due duty arises "when the stage's due time
// (agreed or extended) passes without a response".
TEST(FinePrint, TrackedRecommendation_an_update_by_the_agreed_date_means_no_admin_prompt) {
    case_file c("tracked-recommendation");
    c.apply(R"({"type":"raise","at":"2027-03-01T10:00:00Z","child_ref":"C-31","category":"x","urgency":"standard",
                "summary":"s","due":"2027-03-12"})");
    c.apply(R"({"type":"respond","at":"2027-03-10T10:00:00Z","by":"SW","adequate":true})");
    const json later = c.as_of("2027-03-15T09:00:00Z");
    for (const auto& o : obligations(later, "admin_prompt")) {
        EXPECT_NE(o["status"], "open") << o.dump();
        EXPECT_NE(o["status"], "overdue") << o.dump();
    }
}

// Rule 6. docs/policy-authoring.md §17: "Stages whose `when` is false, and `optional` stages,
// are passed over by ordinary escalation" (also §5 "Optional stages", DESIGN.md §4.2: passing
// over Merton's dispute resolution meeting is ordinary escalation). Seed 004: the meeting is
// called only if the IRO, in consultation with the IRO manager, decides so. The engine's
// next_stage() picks the first applicable stage of the ordinary route, the optional `drm`,
// and then refuses the escalation: "cannot enter 'drm': no consultation with IRO_MANAGER yet"
// (not_permitted). Expected: a plain "not resolved" escalation from informal lands in IR1.
TEST(FinePrint, Merton_a_plain_escalation_from_informal_passes_over_the_optional_meeting_to_IR1) {
    case_file c("merton");
    c.apply(R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-1","category":"drift_delay","urgency":"standard",
                "summary":"s","due":"2027-03-12"})");
    EXPECT_EQ(code_of([&] { c.apply(R"({"type":"escalate","at":"2027-03-12T16:00:00Z","reason":"not_resolved"})"); }),
              drp::errc::ok);
    EXPECT_EQ(c.stage(), "IR1");
    EXPECT_FALSE(c.dispute().state().entry_bypass);
}

// Rule 7. DESIGN.md §4.2 (pause/resume): "the clocks stop; on resume the remaining working days
// (or hours) run again from the resume time"; docs/policy-authoring.md §6. A response whose
// deadline had already passed when the time out began has no time remaining: it is still
// overdue after the resume. The engine's do_resume() re-dates it to the end of the resume day
// (add_working_days(resume_day, 0)), so it shows "open" again until then (hour clocks in the
// same situation are re-dated to the resume instant and do stay overdue).
TEST(FinePrint, Merton_a_deadline_missed_before_a_time_out_is_still_missed_after_it) {
    case_file c("merton");
    c.apply(R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-1","category":"practice","urgency":"standard",
                "summary":"s","start_stage":"IR2","start_reason":"HOS decision needed"})");
    // IR2: 3 working days after Mon 1 Mar 2027 -> Thu 4 Mar; overdue from Fri 5 Mar.
    ASSERT_EQ(obligation(c.as_of("2027-03-08T08:00:00Z"), "response", "IR2")["status"], "overdue");
    c.apply(R"({"type":"pause","at":"2027-03-08T09:00:00Z","approved_by":"IRO_MANAGER","reason":"HOS on leave"})");
    c.apply(R"({"type":"resume","at":"2027-03-10T09:00:00Z"})");
    EXPECT_EQ(obligation(c.as_of("2027-03-10T12:00:00Z"), "response", "IR2")["status"], "overdue");
}

// Rule 8. docs/policy-authoring.md §3: "applies_to | roles who run disputes under this
// policy"; docs/seeds.md (Merton, choices): "applies_to is IRO ... An authority letting social
// workers raise disputes would add them to applies_to". The engine checks only that the raise
// event's "by" is a role the policy defines (check_raise), so a social worker can raise a
// Merton dispute. Expected: refused (not_permitted), the dispute not raised.
TEST(FinePrint, Merton_a_dispute_is_raised_only_by_the_roles_the_policy_applies_to) {
    case_file c("merton");
    EXPECT_TRUE(refused(c, R"({"type":"raise","at":"2027-03-01T09:00:00Z","by":"SW","child_ref":"C-1","category":"practice",
                               "urgency":"standard","summary":"s","due":"2027-03-12"})",
                        drp::errc::not_permitted));
    // In trust-qas both IROs and CP chairs run disputes; a team manager does not.
    case_file t("trust-qas");
    EXPECT_TRUE(refused(t, R"({"type":"raise","at":"2027-03-01T09:00:00Z","by":"TM","child_ref":"C-1","category":"practice",
                               "urgency":"standard","summary":"s"})",
                        drp::errc::not_permitted));
}

// Rule 9. docs/policy-authoring.md §7, "How a duty is met": "... a response duty by a `respond`
// event". qa-form.json /stages/3/obligations/1 (meeting_actions, kind response): seed 001 "to
// discuss and agree actions to be taken within one week". The engine's do_respond() meets only
// the stage's own "response" obligation, so the actions agreed at the professionals meeting
// stay owed (and go overdue) after the responders respond.
TEST(FinePrint, QaForm_a_response_meets_the_actions_owed_after_the_professionals_meeting) {
    case_file c("qa-form");
    c.apply(R"({"type":"raise","at":"2026-12-14T09:00:00Z","child_ref":"C-21","category":"practice","urgency":"standard","summary":"s"})");
    c.apply(R"({"type":"respond","at":"2026-12-28T09:00:00Z","adequate":false})");
    c.apply(R"({"type":"consult","at":"2026-12-28T09:30:00Z","role":"SENIOR_IRO"})");
    c.apply(R"({"type":"escalate","at":"2026-12-28T10:00:00Z","by":"SENIOR_IRO","reason":"inadequate_response"})");
    c.apply(R"({"type":"escalate","at":"2026-12-31T10:00:00Z","by":"HOS_QA","reason":"not_resolved"})");
    c.apply(R"({"type":"meeting","at":"2027-01-06T14:00:00Z","kind":"professionals"})");
    // Actions due within one week of Wed 6 Jan 2027 -> Wed 13 Jan.
    ASSERT_EQ(obligation(c.state(), "meeting_actions", "stage3")["due_date"], "2027-01-13");
    c.apply(R"({"type":"respond","at":"2027-01-12T10:00:00Z","by":"HOS_OPS","adequate":true})");
    EXPECT_EQ(obligation(c.as_of("2027-01-20T00:00:00Z"), "meeting_actions", "stage3")["status"], "met");
}

// Rule 10. DESIGN.md §4.2 "record / notify | obligation or role | a recording or notification
// duty met"; docs/policy-authoring.md §7 "a consult duty by a consult event naming a target
// role".find(role)), so telling the Head of Service
// (HOS) meets the duty to alert the HOS QAPD, and consulting the HOS meets the duty to consult
// the HOS QAPD before a Cafcass referral.
TEST(FinePrint, Merton_telling_or_consulting_the_HOS_is_not_alerting_or_consulting_the_HOS_QAPD) {
    case_file c("merton");
    c.apply(R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-1","category":"drift_delay","urgency":"standard",
                "summary":"s","due":"2027-03-12"})");
    c.apply(R"({"type":"consult","at":"2027-03-01T10:00:00Z","role":"IRO_MANAGER"})");
    c.apply(R"({"type":"escalate","at":"2027-03-01T11:00:00Z","reason":"not_resolved","to":"drm"})");
    // The drm entry owes a notification to the relevant HOS; the IRO tells the HOS.
    c.apply(R"({"type":"notify","at":"2027-03-01T12:00:00Z","role":"HOS"})");
    json s = c.state();
    EXPECT_EQ(obligation(s, "notify.HOS", "drm")["status"], "met");
    EXPECT_EQ(obligation(s, "alert_hos_qapd", "informal")["status"], "open");

    case_file r("merton");
    r.apply(R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-1","category":"drift_delay","urgency":"standard",
                "summary":"s","start_stage":"IR4","start_reason":"r"})");
    r.apply(R"({"type":"escalate","at":"2027-03-02T09:00:00Z","reason":"not_resolved"})");
    ASSERT_EQ(r.stage(), "IR5");
    r.apply(R"({"type":"consult","at":"2027-03-02T10:00:00Z","role":"HOS"})");
    EXPECT_EQ(obligation(r.state(), "consult_hos_qapd", "IR5")["status"], "open");
}

// After withdrawal, as after resolution, record and notify are still accepted (telling people
// the dispute has ended is recorded like any notification).
TEST(FinePrint, Merton_a_withdrawn_dispute_still_records_who_was_told) {
    case_file c("merton");
    c.apply(R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-1","category":"resources","urgency":"standard",
                "summary":"s","due":"2027-03-12"})");
    c.apply(R"({"type":"withdraw","at":"2027-03-02T09:00:00Z","reason":"overtaken by events"})");
    c.apply(R"({"type":"notify","at":"2027-03-02T10:00:00Z","role":"SW"})");
    const json s = c.state();
    EXPECT_EQ(s["status"], "withdrawn");
    EXPECT_EQ(s["history"].size(), 3u);
    EXPECT_TRUE(refused(c, R"({"type":"respond","at":"2027-03-02T11:00:00Z","adequate":true})", drp::errc::not_permitted));
}

// An event built in code is held to the same shapes as one parsed from JSON, so whatever a
// dispute accepts survives to_json and from_json.
TEST(FinePrint, an_event_built_in_code_is_held_to_the_schema_shapes) {
    const auto p = drp::builtin_policy("merton");
    drp::event raise;
    raise.type = drp::event_type::raise;
    raise.at = drp::parse_rfc3339("2027-03-01T09:00:00Z");
    raise.dispute_id = "D1";
    raise.child_ref = "C-1";
    raise.category = "resources";
    raise.urgency = "standard";
    raise.summary = "s";
    raise.due = drp::due_time{drp::parse_date("2027-03-12")};
    const auto refused_as_invalid = [&](auto change) {
        drp::dispute d(p);
        drp::event e = raise;
        change(e);
        try {
            d.apply(e);
        } catch (const drp::error& err) {
            return err.code() == drp::errc::invalid_event && d.history().empty();
        }
        return false;
    };
    EXPECT_TRUE(refused_as_invalid([](drp::event& e) { e.dispute_id = "D1 "; }));
    EXPECT_TRUE(refused_as_invalid([](drp::event& e) { e.summary = "a\x01b"; }));
    EXPECT_TRUE(refused_as_invalid([](drp::event& e) { e.note = "   "; }));
    EXPECT_TRUE(refused_as_invalid([](drp::event& e) { e.category = "Care"; }));
    for (const char* bad_utf8 : {"caf\xc3", "\xf5\x80\x80\x80", "\xc0\xaf", "\xed\xa0\x80", "12345678\xff"})
        EXPECT_TRUE(refused_as_invalid([&](drp::event& e) { e.summary = bad_utf8; })) << bad_utf8;
    for (const char* good : {"caf\xc3\xa9", "\xe2\x82\xac 10", "\xf0\x9f\x99\x82 ok", "an ASCII run longer than eight"})
        EXPECT_FALSE(refused_as_invalid([&](drp::event& e) { e.summary = good; })) << good;
    drp::dispute d(p);
    d.apply(raise);
    EXPECT_EQ(drp::dispute::from_json(p, d.to_json()).to_json(), d.to_json());
}
