// Seed 004, London Borough of Merton (policies/merton.json): informal -> optional dispute
// resolution meeting -> IR1 10, IR2 3, IR3 3, IR4 4 working days -> IR5 Cafcass referral
// within 3 days of the HOS QAPD consultation; formal stages capped at 20 working days;
// HOS QAPD alerted within 24 hours; actions recorded within 48 hours; bypass and starting
// higher with a reason; "time out" approved by the IRO manager.
//
// Expected dates are worked out by hand (see scenario_support.hpp for the holidays).
#include <algorithm>

#include "scenario_support.hpp"

namespace {

using namespace scenario;

// Raised at the informal stage on Mon 1 Mar 2027 with the IRO's date, Fri 12 Mar 2027.
case_file merton_informal_1_march() {
    case_file c("merton");
    c.apply(R"({"type":"raise","at":"2027-03-01T09:00:00Z","by":"IRO","child_ref":"C-1042","category":"drift_delay",
                "urgency":"standard","summary":"Permanence plan not progressed","due":"2027-03-12"})");
    return c;
}

// Started at IR1 on Mon 1 Mar 2027 09:00 GMT (the TM has no remit to decide).
case_file merton_ir1_1_march() {
    case_file c("merton");
    c.apply(R"({"type":"raise","at":"2027-03-01T09:00:00Z","by":"IRO","child_ref":"C-1042","category":"resources",
                "urgency":"standard","summary":"Placement funding refused","start_stage":"IR1",
                "start_reason":"The team manager has no remit over placement funding"})");
    return c;
}

}  // namespace

// ---- informal stage and the duties every stage carries ------------------------------------------

TEST(Merton, informal_stage_runs_to_the_date_the_IRO_sets) {
    case_file c("merton");
    const auto actions = c.apply(R"({"type":"raise","at":"2027-03-01T09:00:00Z","by":"IRO","child_ref":"C-1042",
        "category":"drift_delay","urgency":"standard","summary":"Permanence plan not progressed","due":"2027-03-12"})");
    const json s = c.state();
    EXPECT_EQ(s["status"], "open");
    EXPECT_EQ(s["stage"], "informal");
    const json resp = obligation(s, "resolution", "informal");
    // The IRO's date, Fri 12 Mar 2027, to the end of that day (GMT: before the clocks change on 28 Mar).
    EXPECT_EQ(resp["due_date"], "2027-03-12");
    EXPECT_EQ(resp["due"], "2027-03-12T23:59:59+00:00");
    EXPECT_EQ(resp["status"], "open");
    // The informal stage is not formal: the 20-working-day cap has not started.
    EXPECT_TRUE(obligations(s, "overall").empty());
    EXPECT_TRUE(has_action(c.dispute(), actions, "do", "resolution"));
}

TEST(Merton, HOS_QAPD_is_alerted_within_24_hours_and_actions_recorded_within_48_hours) {
    case_file c = merton_informal_1_march();
    const json s = c.state();
    const json alert = obligation(s, "alert_hos_qapd", "informal");
    EXPECT_EQ(alert["kind"], "notify");
    EXPECT_EQ(alert["role"], json::array({"IRO"}));
    EXPECT_EQ(alert["target"], json::array({"HOS_QAPD"}));
    // 24 hours after Mon 1 Mar 2027 09:00 GMT.
    EXPECT_EQ(alert["due"], "2027-03-02T09:00:00+00:00");
    const json record = obligation(s, "record_actions", "informal");
    EXPECT_EQ(record["kind"], "record");
    // 48 hours after Mon 1 Mar 2027 09:00 GMT.
    EXPECT_EQ(record["due"], "2027-03-03T09:00:00+00:00");

    // Both are met by the host's notify and record events.
    c.apply(R"({"type":"notify","at":"2027-03-01T15:00:00Z","role":"HOS_QAPD"})");
    c.apply(R"({"type":"record","at":"2027-03-02T10:00:00Z","obligation":"record_actions"})");
    const json after = c.as_of("2027-03-05T00:00:00Z");
    EXPECT_EQ(obligation(after, "alert_hos_qapd")["status"], "met");
    EXPECT_EQ(obligation(after, "record_actions")["status"], "met");
}

TEST(Merton, the_24_hour_alert_raised_the_Saturday_before_the_clocks_go_forward_ends_at_11_BST) {
    case_file c("merton");
    c.apply(R"({"type":"raise","at":"2027-03-27T10:00:00Z","child_ref":"C-7","category":"practice","urgency":"urgent",
                "summary":"Visits missed","due":"2027-04-02"})");
    const json s = c.state();
    // Sat 27 Mar 2027 10:00 GMT + 24 hours elapsed = Sun 28 Mar 10:00 UTC; the clocks went
    // forward at 01:00 GMT that morning, so the wall clock reads 11:00 BST.
    EXPECT_EQ(obligation(s, "alert_hos_qapd")["due"], "2027-03-28T11:00:00+01:00");
    // + 48 hours = Mon 29 Mar 10:00 GMT = 11:00 BST (Easter Monday: hours ignore holidays).
    EXPECT_EQ(obligation(s, "record_actions")["due"], "2027-03-29T11:00:00+01:00");
}

TEST(Merton, the_24_hour_alert_raised_the_Saturday_before_the_clocks_go_back_ends_at_09_GMT) {
    case_file c("merton");
    c.apply(R"({"type":"raise","at":"2027-10-30T10:00:00+01:00","child_ref":"C-7","category":"practice","urgency":"urgent",
                "summary":"Visits missed","due":"2027-11-05"})");
    const json s = c.state();
    // Sat 30 Oct 2027 10:00 BST (09:00 UTC) + 24 h = Sun 31 Oct 09:00 UTC; the clocks went back
    // at 02:00 BST that morning, so the wall clock reads 09:00 GMT.
    EXPECT_EQ(obligation(s, "alert_hos_qapd")["due"], "2027-10-31T09:00:00+00:00");
    // + 48 h = Mon 1 Nov 09:00 UTC = 09:00 GMT.
    EXPECT_EQ(obligation(s, "record_actions")["due"], "2027-11-01T09:00:00+00:00");
}

// ---- formal stages over the holidays ---------------------------------------------------------------

TEST(Merton, IR1_raised_on_21_December_is_due_7_January) {
    case_file c("merton");
    c.apply(R"({"type":"raise","at":"2026-12-21T10:00:00Z","child_ref":"C-3","category":"care_planning","urgency":"standard",
                "summary":"Care plan not updated","start_stage":"IR1","start_reason":"TM lacks the authority to decide"})");
    const json s = c.state();
    EXPECT_EQ(s["stage"], "IR1");
    const json resp = obligation(s, "resolution", "IR1");
    // 10 working days after Mon 21 Dec 2026: 22, 23, 24 Dec (3), skip Fri 25 Dec (Christmas Day)
    // and Mon 28 Dec (Boxing Day, substitute), 29, 30, 31 Dec (6), skip Fri 1 Jan (New Year's
    // Day), 4, 5, 6, 7 Jan (10) -> Thu 7 Jan 2027.
    EXPECT_EQ(resp["due_date"], "2027-01-07");
    EXPECT_EQ(resp["due"], "2027-01-07T23:59:59+00:00");
    EXPECT_EQ(resp["role"], json::array({"TM", "HOS"}));
    // The explanation names the skipped holidays.
    const std::string explain = resp["explain"]["text"].get<std::string>();
    EXPECT_NE(explain.find("Christmas Day"), std::string::npos) << explain;
    EXPECT_NE(explain.find("Boxing Day"), std::string::npos) << explain;
    EXPECT_NE(explain.find("New Year"), std::string::npos) << explain;
    // The social worker is copied in on the written escalation.
    EXPECT_EQ(obligation(s, "copy.SW", "IR1")["target"], json::array({"SW"}));
}

TEST(Merton, each_formal_stage_over_Christmas_and_New_Year_counts_only_working_days) {
    case_file c("merton");
    c.apply(R"({"type":"raise","at":"2026-12-14T09:00:00Z","child_ref":"C-3","category":"permanency","urgency":"standard",
                "summary":"Adoption medical outstanding","start_stage":"IR1","start_reason":"HOS decision needed"})");
    // 10 working days after Mon 14 Dec 2026: 15-18 (4), 21-24 (8), skip 25 and 28 Dec, 29 (9), 30 (10) -> Wed 30 Dec.
    EXPECT_EQ(obligation(c.state(), "resolution", "IR1")["due_date"], "2026-12-30");

    c.apply(R"({"type":"escalate","at":"2026-12-24T09:00:00Z","reason":"not_resolved"})");
    EXPECT_EQ(c.stage(), "IR2");
    // 3 working days after Thu 24 Dec 2026: skip Fri 25 Dec, Mon 28 Dec; 29 (1), 30 (2), 31 (3) -> Thu 31 Dec.
    EXPECT_EQ(obligation(c.state(), "resolution", "IR2")["due_date"], "2026-12-31");
    // The IR1 response is no longer owed.
    EXPECT_EQ(obligation(c.state(), "resolution", "IR1")["status"], "closed");

    c.apply(R"({"type":"escalate","at":"2026-12-30T09:00:00Z","reason":"not_resolved"})");
    EXPECT_EQ(c.stage(), "IR3");
    // 3 working days after Wed 30 Dec 2026: 31 Dec (1), skip Fri 1 Jan, 4 Jan (2), 5 Jan (3) -> Tue 5 Jan 2027.
    EXPECT_EQ(obligation(c.state(), "resolution", "IR3")["due_date"], "2027-01-05");

    c.apply(R"({"type":"escalate","at":"2027-01-05T16:00:00Z","by":"IRO_MANAGER","reason":"not_resolved"})");
    EXPECT_EQ(c.stage(), "IR4");
    const json s = c.state();
    // 4 working days after Tue 5 Jan 2027: 6, 7, 8, 11 Jan -> Mon 11 Jan.
    EXPECT_EQ(obligation(s, "resolution", "IR4")["due_date"], "2027-01-11");
    // IR4 is raised by the IRO manager or HOS for safeguarding, who copies in the chief officer.
    EXPECT_EQ(obligation(s, "copy.CHIEF_OFFICER_CSC", "IR4")["role"], json::array({"IRO_MANAGER", "HOS_SAFEGUARDING"}));

    // One overall cap, from entering IR1 on Mon 14 Dec 2026: 20 working days: 15-18 Dec (4),
    // 21-24 (8), 29-31 (11), skip 1 Jan, 4-8 Jan (16), 11-14 Jan (20) -> Thu 14 Jan 2027.
    const json overall = obligation(s, "overall");
    EXPECT_EQ(overall["kind"], "overall");
    EXPECT_EQ(overall["due_date"], "2027-01-14");
}

TEST(Merton, IR1_entered_the_Thursday_before_Easter_is_due_12_April) {
    case_file c("merton");
    c.apply(R"({"type":"raise","at":"2027-03-22T09:00:00Z","child_ref":"C-9","category":"childs_voice","urgency":"standard",
                "summary":"Child's wishes not recorded","due":"2027-03-24"})");
    c.apply(R"({"type":"escalate","at":"2027-03-25T10:00:00Z","reason":"not_resolved","to":"IR1"})");
    const json s = c.state();
    EXPECT_EQ(s["stage"], "IR1");
    const json resp = obligation(s, "resolution", "IR1");
    // 10 working days after Thu 25 Mar 2027: skip Fri 26 Mar (Good Friday) and Mon 29 Mar (Easter
    // Monday); 30, 31 Mar, 1, 2 Apr (4), 5-9 Apr (9), 12 Apr (10) -> Mon 12 Apr 2027, in BST.
    EXPECT_EQ(resp["due_date"], "2027-04-12");
    EXPECT_EQ(resp["due"], "2027-04-12T23:59:59+01:00");
    const std::string explain = resp["explain"]["text"].get<std::string>();
    EXPECT_NE(explain.find("Good Friday"), std::string::npos) << explain;
    EXPECT_NE(explain.find("Easter Monday"), std::string::npos) << explain;
    // Cap from Thu 25 Mar: 30 Mar-2 Apr (4), 5-9 (9), 12-16 (14), 19-23 (19), 26 Apr (20) -> Mon 26 Apr.
    EXPECT_EQ(obligation(s, "overall")["due_date"], "2027-04-26");
}

TEST(Merton, IR2_started_the_Friday_before_the_summer_bank_holiday_is_due_2_September) {
    case_file c("merton");
    c.apply(R"({"type":"raise","at":"2027-08-27T11:00:00+01:00","child_ref":"C-11","category":"resources","urgency":"urgent",
                "summary":"Respite care withdrawn","start_stage":"IR2","start_reason":"Only the HOS can reinstate funding"})");
    const json s = c.state();
    EXPECT_EQ(s["stage"], "IR2");
    // 3 working days after Fri 27 Aug 2027: skip Mon 30 Aug (Summer bank holiday); 31 Aug (1),
    // 1 Sep (2), 2 Sep (3) -> Thu 2 Sep 2027.
    EXPECT_EQ(obligation(s, "resolution", "IR2")["due_date"], "2027-09-02");
    EXPECT_EQ(obligation(s, "resolution", "IR2")["due"], "2027-09-02T23:59:59+01:00");
    // Cap from Fri 27 Aug: 31 Aug-3 Sep (4), 6-10 (9), 13-17 (14), 20-24 (19), 27 Sep (20) -> Mon 27 Sep.
    EXPECT_EQ(obligation(s, "overall")["due_date"], "2027-09-27");
}

TEST(Merton, formal_timescales_are_labelled_guidance) {
    case_file c = merton_ir1_1_march();
    const json s = c.state();
    EXPECT_EQ(obligation(s, "resolution", "IR1")["guidance"], true);
    // Only the stages' response timescales are guidance; the overall cap and the duties the
    // policy sets (copy the social worker in, alert within 24 hours) are not.
    EXPECT_EQ(obligation(s, "overall")["guidance"], false);
    EXPECT_EQ(obligation(s, "copy.SW", "IR1")["guidance"], false);
    for (const auto& o : s["obligations"])
        EXPECT_EQ(o["guidance"], o["kind"] == "response" || o["kind"] == "resolution") << o["id"];
}

TEST(Merton, a_consultation_records_agreed_only_when_the_event_says) {
    case_file c = merton_ir1_1_march();
    c.apply(R"({"type":"consult","at":"2027-03-02T09:00:00Z","role":"IRO_MANAGER"})");
    c.apply(R"({"type":"consult","at":"2027-03-02T10:00:00Z","role":"IRO_MANAGER","agreed":false})");
    c.apply(R"({"type":"consult","at":"2027-03-02T11:00:00Z","role":"IRO_MANAGER","agreed":true})");
    const json s = c.state();
    ASSERT_EQ(s["consulted"].size(), 3u);
    EXPECT_TRUE(s["consulted"][0]["agreed"].is_null());
    EXPECT_EQ(s["consulted"][1]["agreed"], false);
    EXPECT_EQ(s["consulted"][2]["agreed"], true);
    // The history keeps what each event said, so replaying it gives the same state.
    EXPECT_FALSE(s["history"][1].contains("agreed"));
    EXPECT_EQ(s["history"][2]["agreed"], false);
    EXPECT_EQ(drp::dispute::from_json(c.dispute().rules(), s).to_json(), s);
}

// ---- routes: the optional meeting, bypass, starting higher -------------------------------------------

TEST(Merton, escalating_from_informal_to_IR1_passes_over_the_optional_meeting_without_a_bypass) {
    case_file c = merton_informal_1_march();
    // No note: passing over an optional stage is ordinary escalation and needs no reason.
    c.apply(R"({"type":"escalate","at":"2027-03-12T16:00:00Z","reason":"not_resolved","to":"IR1"})");
    EXPECT_EQ(c.stage(), "IR1");
    EXPECT_FALSE(c.dispute().state().entry_bypass);
    // 10 working days after Fri 12 Mar 2027: 15-19 Mar (5), 22-25 Mar (9), skip Fri 26 Mar (Good
    // Friday) and Mon 29 Mar (Easter Monday), 30 Mar (10) -> Tue 30 Mar 2027.
    EXPECT_EQ(obligation(c.state(), "resolution", "IR1")["due_date"], "2027-03-30");
}

TEST(Merton, the_dispute_resolution_meeting_is_called_only_after_consulting_the_IRO_manager) {
    case_file c = merton_informal_1_march();
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-03-03T10:00:00Z","reason":"not_resolved","to":"drm"})",
                        drp::errc::not_permitted));
    c.apply(R"({"type":"consult","at":"2027-03-03T10:30:00Z","role":"IRO_MANAGER","agreed":true})");
    c.apply(R"({"type":"escalate","at":"2027-03-03T11:00:00Z","reason":"not_resolved","to":"drm"})");
    json s = c.state();
    EXPECT_EQ(s["stage"], "drm");
    // Confirmed with the allocated social worker, team manager and relevant HOS.
    EXPECT_EQ(obligation(s, "notify.SW", "drm")["status"], "open");
    EXPECT_EQ(obligation(s, "notify.TM", "drm")["status"], "open");
    EXPECT_EQ(obligation(s, "notify.HOS", "drm")["status"], "open");
    // Chaired by the HOS QAPD or the IRO manager; the document sets no time for it.
    const json meeting = obligation(s, "hold_meeting", "drm");
    EXPECT_TRUE(meeting["due"].is_null());
    EXPECT_EQ(obligation(c.as_of("2027-12-31T00:00:00Z"), "hold_meeting", "drm")["status"], "open");

    c.apply(R"({"type":"meeting","at":"2027-03-10T14:00:00Z","kind":"dispute_resolution"})");
    EXPECT_EQ(obligation(c.state(), "hold_meeting", "drm")["status"], "met");

    c.apply(R"({"type":"escalate","at":"2027-03-11T09:00:00Z","reason":"not_resolved"})");
    EXPECT_EQ(c.stage(), "IR1");
    // 10 working days after Thu 11 Mar 2027: 12 (1), 15-19 (6), 22-25 (10) -> Thu 25 Mar.
    EXPECT_EQ(obligation(c.state(), "resolution", "IR1")["due_date"], "2027-03-25");
}

TEST(Merton, bypassing_to_IR3_with_a_reason_is_allowed) {
    case_file c = merton_informal_1_march();
    c.apply(R"({"type":"escalate","at":"2027-03-04T09:00:00Z","reason":"discretion","to":"IR3",
                "note":"Significant concern: placement breaking down, AD decision needed"})");
    const json s = c.state();
    EXPECT_EQ(s["stage"], "IR3");
    EXPECT_TRUE(c.dispute().state().entry_bypass);
    // 3 working days after Thu 4 Mar 2027: 5, 8, 9 Mar -> Tue 9 Mar.
    EXPECT_EQ(obligation(s, "resolution", "IR3")["due_date"], "2027-03-09");
    EXPECT_EQ(obligation(s, "resolution", "IR3")["role"], json::array({"AD"}));
    // The cap starts on first entering a formal stage, here IR3 on Thu 4 Mar: 5 (1), 8-12 (6),
    // 15-19 (11), 22-25 (15), skip 26 and 29 Mar, 30, 31 Mar, 1, 2 Apr (19), 5 Apr (20) -> Mon 5 Apr.
    EXPECT_EQ(obligation(s, "overall")["due_date"], "2027-04-05");
    // The bypass is in the audit trail with its reason.
    EXPECT_EQ(s["history"].back()["note"], "Significant concern: placement breaking down, AD decision needed");
}

TEST(Merton, a_bypass_without_its_reason_is_refused) {
    case_file c = merton_informal_1_march();
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-03-04T09:00:00Z","reason":"discretion","to":"IR3"})",
                        drp::errc::invalid_event));
    EXPECT_EQ(c.stage(), "informal");
}

TEST(Merton, starting_at_IR2_with_a_reason_opens_the_formal_process_there) {
    case_file c("merton");
    c.apply(R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-5","category":"care_planning","urgency":"standard",
                "summary":"Sibling contact stopped","start_stage":"IR2","start_reason":"Only the HOS can decide on contact funding"})");
    const json s = c.state();
    EXPECT_EQ(s["stage"], "IR2");
    // 3 working days after Mon 1 Mar 2027: 2, 3, 4 Mar -> Thu 4 Mar.
    EXPECT_EQ(obligation(s, "resolution", "IR2")["due_date"], "2027-03-04");
    // Cap from Mon 1 Mar: Wed 31 Mar (see the cap test).
    EXPECT_EQ(obligation(s, "overall")["due_date"], "2027-03-31");
    // Copied: team manager, social worker, and the IRO manager or HOS for safeguarding.
    EXPECT_EQ(obligation(s, "copy.IRO_MANAGER", "IR2")["target"], json::array({json{{"any_of", json::array({"IRO_MANAGER", "HOS_SAFEGUARDING"})}}}));
}

TEST(Merton, starting_above_the_informal_stage_without_a_start_reason_is_refused) {
    case_file c("merton");
    EXPECT_TRUE(refused(c, R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-5","category":"care_planning",
                               "urgency":"standard","summary":"Sibling contact stopped","start_stage":"IR2"})",
                        drp::errc::invalid_event));
    EXPECT_EQ(c.state()["status"], "new");
}

// ---- time out -------------------------------------------------------------------------------------------

TEST(Merton, a_time_out_stops_the_IR1_clock_and_resumes_the_remaining_working_days) {
    case_file c = merton_ir1_1_march();
    // 10 working days after Mon 1 Mar 2027: 2-5 (4), 8-12 (9), 15 (10) -> Mon 15 Mar.
    EXPECT_EQ(obligation(c.state(), "resolution", "IR1")["due_date"], "2027-03-15");

    c.apply(R"({"type":"pause","at":"2027-03-03T12:00:00Z","by":"IRO","approved_by":"IRO_MANAGER",
                "reason":"Waiting for the new social worker to start"})");
    EXPECT_EQ(c.state()["paused"], true);
    c.apply(R"({"type":"resume","at":"2027-03-08T09:00:00Z"})");
    const json s = c.state();
    EXPECT_EQ(s["paused"], false);
    const json resp = obligation(s, "resolution", "IR1");
    // Working days left after Wed 3 Mar: 4, 5, 8, 9, 10, 11, 12, 15 Mar = 8. They run again from
    // Mon 8 Mar: 9, 10, 11, 12, 15, 16, 17, 18 -> Thu 18 Mar 2027.
    EXPECT_EQ(resp["due_date"], "2027-03-18");
    EXPECT_EQ(resp["due"], "2027-03-18T23:59:59+00:00");
    // The cap stops too: from Mon 1 Mar it ended Wed 31 Mar; after Wed 3 Mar 18 working days
    // were left (4, 5, 8-12, 15-19, 22-25, 30, 31 Mar; 26 and 29 Mar are Easter). From Mon 8 Mar:
    // 9-12 (4), 15-19 (9), 22-25 (13), skip 26, 29 Mar, 30, 31 Mar, 1, 2 Apr (17), 5 Apr (18) -> Mon 5 Apr.
    EXPECT_EQ(obligation(s, "overall")["due_date"], "2027-04-05");
    // The explanation shows the time out.
    const std::string explain = resp["explain"]["text"].get<std::string>();
    EXPECT_NE(explain.find("2027-03-03"), std::string::npos) << explain;
}

TEST(Merton, a_time_out_ending_on_the_early_May_bank_holiday_counts_from_the_next_working_day) {
    case_file c = merton_ir1_1_march();
    c.apply(R"({"type":"pause","at":"2027-03-03T12:00:00Z","approved_by":"IRO_MANAGER","reason":"Awaiting assessment"})");
    c.apply(R"({"type":"resume","at":"2027-05-03T10:00:00+01:00"})");
    // 8 working days remained (after Wed 3 Mar). From Mon 3 May 2027 (Early May bank holiday):
    // 4, 5, 6, 7 (4), 10, 11, 12, 13 (8) -> Thu 13 May 2027.
    EXPECT_EQ(obligation(c.state(), "resolution", "IR1")["due_date"], "2027-05-13");
}

TEST(Merton, a_duty_already_overdue_when_the_time_out_starts_stays_overdue) {
    case_file c = merton_ir1_1_march();  // HOS QAPD to be alerted by Tue 2 Mar 09:00 GMT
    c.apply(R"({"type":"pause","at":"2027-03-03T12:00:00Z","approved_by":"IRO_MANAGER","reason":"Awaiting assessment"})");
    const json paused = c.as_of("2027-04-20T12:00:00Z");
    EXPECT_EQ(obligation(paused, "alert_hos_qapd", "IR1")["status"], "overdue");  // its clock had run out
    EXPECT_EQ(obligation(paused, "alert_hos_qapd", "IR1")["due"], "2027-03-02T09:00:00+00:00");
    EXPECT_EQ(obligation(paused, "resolution", "IR1")["status"], "open");  // stopped
}

TEST(Merton, nothing_is_overdue_during_a_time_out_and_the_resumed_deadline_is_enforced) {
    case_file c = merton_ir1_1_march();
    c.apply(R"({"type":"pause","at":"2027-03-03T12:00:00Z","approved_by":"IRO_MANAGER","reason":"Awaiting assessment"})");
    // Long after the original Mon 15 Mar deadline and the Wed 31 Mar cap, still in the time out.
    const json paused = c.as_of("2027-04-20T12:00:00Z");
    EXPECT_EQ(paused["paused"], true);
    EXPECT_EQ(obligation(paused, "resolution", "IR1")["status"], "open");
    EXPECT_EQ(obligation(paused, "overall")["status"], "open");

    c.apply(R"({"type":"resume","at":"2027-04-21T09:00:00+01:00"})");
    // 8 working days after Wed 21 Apr 2027: 22, 23, 26, 27, 28, 29, 30 Apr, 3 May is a bank
    // holiday, 4 May (8) -> Tue 4 May 2027.
    EXPECT_EQ(obligation(c.state(), "resolution", "IR1")["due_date"], "2027-05-04");
    EXPECT_EQ(obligation(c.as_of("2027-05-04T22:00:00Z"), "resolution", "IR1")["status"], "open");    // 23:00 BST
    EXPECT_EQ(obligation(c.as_of("2027-05-04T23:00:00Z"), "resolution", "IR1")["status"], "overdue"); // 00:00 BST 5 May
}

TEST(Merton, a_time_out_is_only_for_the_formal_stages_and_needs_the_IRO_manager_and_a_reason) {
    case_file informal = merton_informal_1_march();
    EXPECT_TRUE(refused(informal, R"({"type":"pause","at":"2027-03-02T09:00:00Z","approved_by":"IRO_MANAGER","reason":"x"})",
                        drp::errc::not_permitted));
    case_file c = merton_ir1_1_march();
    EXPECT_TRUE(refused(c, R"({"type":"pause","at":"2027-03-02T09:00:00Z","approved_by":"TM","reason":"x"})",
                        drp::errc::not_permitted));
    EXPECT_TRUE(refused(c, R"({"type":"pause","at":"2027-03-02T09:00:00Z","approved_by":"IRO_MANAGER"})",
                        drp::errc::invalid_event));
    EXPECT_TRUE(refused(c, R"({"type":"resume","at":"2027-03-02T09:00:00Z"})", drp::errc::not_permitted));
}

// ---- extension --------------------------------------------------------------------------------------------

TEST(Merton, the_IRO_may_give_more_time_at_a_stage) {
    case_file c = merton_ir1_1_march();
    EXPECT_TRUE(refused(c, R"({"type":"extend","at":"2027-03-10T09:00:00Z","until":"2027-03-19","agreed_by":"TM"})",
                        drp::errc::not_permitted));
    // "More time": the IR1 response is due Mon 15 Mar; an extension to it or before it is refused.
    EXPECT_TRUE(refused(c, R"({"type":"extend","at":"2027-03-10T09:00:00Z","until":"2027-03-15","agreed_by":"IRO"})",
                        drp::errc::invalid_event));
    EXPECT_TRUE(refused(c, R"({"type":"extend","at":"2027-03-10T09:00:00Z","until":"2027-03-12","agreed_by":"IRO"})",
                        drp::errc::invalid_event));
    EXPECT_TRUE(refused(c, R"({"type":"extend","at":"2027-03-10T09:00:00Z","until":"2027-03-15T23:59:59Z","agreed_by":"IRO"})",
                        drp::errc::invalid_event));
    c.apply(R"({"type":"extend","at":"2027-03-10T09:00:00Z","until":"2027-03-16T00:00:00Z","agreed_by":"IRO"})");
    c.apply(R"({"type":"extend","at":"2027-03-10T09:00:00Z","until":"2027-03-19","agreed_by":"IRO"})");
    const json s = c.state();
    EXPECT_EQ(obligation(s, "resolution", "IR1")["due_date"], "2027-03-19");
    EXPECT_EQ(obligation(s, "resolution", "IR1")["due"], "2027-03-19T23:59:59+00:00");
    // The overall cap is not extended by more time at one stage.
    EXPECT_EQ(obligation(s, "overall")["due_date"], "2027-03-31");
    EXPECT_EQ(obligation(c.as_of("2027-03-17T12:00:00Z"), "resolution", "IR1")["status"], "open");
}

TEST(Merton, an_extension_is_on_the_menu_while_the_response_is_owed) {
    case_file c = merton_ir1_1_march();  // due Mon 15 Mar, two weeks ahead
    const auto next = c.dispute().allowed_next(drp::parse_rfc3339("2027-03-01T10:00:00Z"));
    EXPECT_NE(std::find(next.begin(), next.end(), "extend"), next.end());
}

TEST(Merton, the_dispute_resolution_meeting_has_no_timescale_to_extend) {
    case_file c("merton");
    c.apply(R"({"type":"raise","at":"2027-05-27T09:00:00Z","child_ref":"C3","category":"childs_voice","urgency":"standard","summary":"s","due":"2027-06-04"})");
    c.apply(R"({"type":"consult","at":"2027-06-07T09:00:00Z","role":"IRO_MANAGER"})");
    c.apply(R"({"type":"escalate","at":"2027-06-07T10:00:00Z","reason":"not_resolved","to":"drm"})");
    EXPECT_TRUE(refused(c, R"({"type":"extend","at":"2027-06-08T10:00:00Z","until":"2027-06-20","agreed_by":"IRO"})",
                        drp::errc::not_permitted));
}

// ---- overall cap --------------------------------------------------------------------------------------------

TEST(Merton, the_formal_process_is_capped_at_20_working_days_from_entering_IR1) {
    case_file c = merton_ir1_1_march();
    // 20 working days after Mon 1 Mar 2027: 2-5 (4), 8-12 (9), 15-19 (14), 22-25 (18), skip Fri
    // 26 Mar (Good Friday) and Mon 29 Mar (Easter Monday), 30 (19), 31 Mar (20) -> Wed 31 Mar,
    // ending 23:59:59 BST (clocks went forward on 28 Mar).
    json overall = obligation(c.state(), "overall");
    EXPECT_EQ(overall["due_date"], "2027-03-31");
    EXPECT_EQ(overall["due"], "2027-03-31T23:59:59+01:00");

    c.apply(R"({"type":"escalate","at":"2027-03-15T17:00:00Z","reason":"not_resolved"})");
    // IR2: 3 working days after Mon 15 Mar: 16, 17, 18 -> Thu 18 Mar.
    EXPECT_EQ(obligation(c.state(), "resolution", "IR2")["due_date"], "2027-03-18");
    c.apply(R"({"type":"escalate","at":"2027-03-18T17:00:00Z","reason":"not_resolved"})");
    // IR3: 3 working days after Thu 18 Mar: 19, 22, 23 -> Tue 23 Mar.
    EXPECT_EQ(obligation(c.state(), "resolution", "IR3")["due_date"], "2027-03-23");
    c.apply(R"({"type":"escalate","at":"2027-03-23T17:00:00Z","by":"IRO_MANAGER","reason":"not_resolved"})");
    // IR4: 4 working days after Tue 23 Mar: 24, 25, skip 26 and 29 (Easter), 30, 31 -> Wed 31 Mar.
    EXPECT_EQ(obligation(c.state(), "resolution", "IR4")["due_date"], "2027-03-31");

    // Still one cap, unchanged by the escalations.
    const json s = c.state();
    ASSERT_EQ(obligations(s, "overall").size(), 1u);
    EXPECT_EQ(obligation(s, "overall")["due_date"], "2027-03-31");
    EXPECT_EQ(obligation(c.as_of("2027-03-31T22:00:00Z"), "overall")["status"], "open");     // 23:00 BST 31 Mar
    EXPECT_EQ(obligation(c.as_of("2027-03-31T23:00:00Z"), "overall")["status"], "overdue");  // 00:00 BST 1 Apr
}

TEST(Merton, an_IR1_response_past_its_date_shows_overdue_as_of_a_later_time_only) {
    case_file c = merton_ir1_1_march();
    // Due Mon 15 Mar 2027 23:59:59 GMT.
    EXPECT_EQ(obligation(c.as_of("2027-03-15T23:59:59Z"), "resolution", "IR1")["status"], "open");
    const json late = c.as_of("2027-03-16T00:00:00Z");
    EXPECT_EQ(obligation(late, "resolution", "IR1")["status"], "overdue");
    EXPECT_EQ(late["as_of"], "2027-03-16T00:00:00+00:00");
    // Looking "as of" a time does not change the dispute.
    EXPECT_EQ(obligation(c.state(), "resolution", "IR1")["status"], "open");
    // "Work to be completed within 10 working days": a reply in time leaves the work owed
    // (overdue after the date); resolving in time meets it, and it is never overdue.
    c.apply(R"({"type":"respond","at":"2027-03-12T15:00:00Z","by":"TM","adequate":true})");
    EXPECT_EQ(obligation(c.as_of("2027-03-16T00:00:00Z"), "resolution", "IR1")["status"], "overdue");
    c.apply(R"({"type":"resolve","at":"2027-03-12T16:00:00Z","summary":"assessment commissioned","impact":"the plan moves on"})");
    EXPECT_EQ(obligation(c.as_of("2027-03-20T00:00:00Z"), "resolution", "IR1")["status"], "met");
}

// ---- Cafcass --------------------------------------------------------------------------------------------------

TEST(Merton, a_concurrent_Cafcass_referral_needs_the_HOS_QAPD_consulted_and_agreeing) {
    case_file c = merton_informal_1_march();
    const char* refer = R"({"type":"refer","at":"2027-03-01T12:00:00Z","to":"cafcass","concurrent":true})";
    EXPECT_TRUE(refused(c, refer, drp::errc::not_permitted));
    c.apply(R"({"type":"consult","at":"2027-03-01T10:00:00Z","role":"HOS_QAPD","agreed":false})");
    EXPECT_TRUE(refused(c, refer, drp::errc::not_permitted));
    c.apply(R"({"type":"consult","at":"2027-03-01T11:00:00Z","role":"HOS_QAPD","agreed":true})");
    // "If yes, the IRO will make the referral within 3 days" - at any point, not only at IR5:
    // 3 calendar days after Mon 1 Mar -> Thu 4 Mar 2027.
    const json owed = obligation(c.state(), "referral");
    EXPECT_EQ(owed["stage"], "informal");
    EXPECT_EQ(owed["due_date"], "2027-03-04");
    EXPECT_EQ(owed["explain"]["trigger"], "preconditions_met");
    c.apply(refer);
    json s = c.state();
    EXPECT_EQ(obligation(s, "referral")["status"], "met");
    ASSERT_EQ(s["referrals"].size(), 1u);
    EXPECT_EQ(s["referrals"][0]["concurrent"], true);
    EXPECT_EQ(s["referrals"][0]["status"], "referred");
    // The internal process carries on alongside: same stage, same deadline.
    EXPECT_EQ(s["stage"], "informal");
    EXPECT_EQ(obligation(s, "resolution", "informal")["due_date"], "2027-03-12");
    EXPECT_EQ(obligation(s, "resolution", "informal")["status"], "open");

    c.apply(R"({"type":"referral_decision","at":"2027-03-09T10:00:00Z","accepted":true})");
    EXPECT_EQ(c.state()["referrals"][0]["status"], "accepted");
}

TEST(Merton, at_IR5_the_referral_is_due_3_days_after_the_HOS_QAPD_consultation) {
    case_file c("merton");
    c.apply(R"({"type":"raise","at":"2026-12-21T09:00:00Z","by":"IRO_MANAGER","child_ref":"C-12","category":"permanency",
                "urgency":"urgent","summary":"Placement order application delayed","start_stage":"IR4",
                "start_reason":"Strategic Director decision needed"})");
    // 4 working days after Mon 21 Dec 2026: 22, 23, 24, skip 25 and 28 Dec, 29 -> Tue 29 Dec.
    EXPECT_EQ(obligation(c.state(), "resolution", "IR4")["due_date"], "2026-12-29");
    c.apply(R"({"type":"escalate","at":"2026-12-29T17:00:00Z","reason":"not_resolved"})");
    json s = c.state();
    EXPECT_EQ(s["stage"], "IR5");
    // The referral stage is outside the 20-day cap: the formal process it covers is complete.
    EXPECT_EQ(obligation(s, "overall")["status"], "met");
    // The IRO owes the consultation; the referral clock waits for it.
    EXPECT_EQ(obligation(s, "consult_hos_qapd", "IR5")["status"], "open");
    EXPECT_TRUE(obligations(s, "referral").empty());
    // HOS QAPD alerted within 24 hours of entering IR5 (Tue 29 Dec 17:00 GMT).
    EXPECT_EQ(obligation(s, "alert_hos_qapd", "IR5")["due"], "2026-12-30T17:00:00+00:00");

    c.apply(R"({"type":"consult","at":"2026-12-30T15:00:00Z","role":"HOS_QAPD","agreed":true})");
    s = c.state();
    EXPECT_EQ(obligation(s, "consult_hos_qapd", "IR5")["status"], "met");
    const json referral = obligation(s, "referral");
    EXPECT_EQ(referral["kind"], "referral");
    // 3 calendar days after Wed 30 Dec 2026: 31 Dec, 1 Jan (New Year's Day counts: calendar
    // days), 2 Jan -> Sat 2 Jan 2027.
    EXPECT_EQ(referral["due_date"], "2027-01-02");
    EXPECT_EQ(referral["due"], "2027-01-02T23:59:59+00:00");
    EXPECT_EQ(obligation(c.as_of("2027-01-03T00:00:00Z"), "referral")["status"], "overdue");

    c.apply(R"({"type":"refer","at":"2027-01-02T10:00:00Z","to":"cafcass","concurrent":false})");
    EXPECT_EQ(obligation(c.state(), "referral")["status"], "met");
    EXPECT_EQ(c.state()["referrals"][0]["status"], "referred");
}

TEST(Merton, legal_advice_is_not_part_of_this_policy) {
    case_file c = merton_ir1_1_march();
    EXPECT_TRUE(refused(c, R"({"type":"legal_advice","at":"2027-03-02T09:00:00Z"})", drp::errc::not_permitted));
}

// ---- resolution ------------------------------------------------------------------------------------------------

TEST(Merton, resolving_closes_the_open_duties_and_owes_HOS_QAPD_the_outcome) {
    case_file c = merton_ir1_1_march();
    c.apply(R"({"type":"escalate","at":"2027-03-15T17:00:00Z","reason":"not_resolved"})");
    c.apply(R"({"type":"resolve","at":"2027-03-17T12:00:00Z","summary":"Funding agreed by HOS",
                "impact":"Child stays in a stable placement with her brother"})");
    json s = c.state();
    EXPECT_EQ(s["status"], "resolved");
    EXPECT_EQ(s["history"].back()["impact"], "Child stays in a stable placement with her brother");
    // "Work to be completed in 3 working days": resolving meets IR2's resolution (entered Mon
    // 15 Mar: Tue 16, Wed 17, Thu 18 -> due Thu 18 Mar; resolved Wed 17 Mar, in time).
    EXPECT_EQ(obligation(s, "resolution", "IR2")["status"], "met");
    // Resolution completes the formal process: the 20-working-day cap was met.
    EXPECT_EQ(obligation(s, "overall")["status"], "met");
    for (const auto& o : s["obligations"]) {
        if (o["id"] != "outcome_to_hos_qapd") {
            EXPECT_NE(o["status"], "open") << o.dump();
        }
    }
    // Created by the resolution and open until met.
    EXPECT_EQ(obligation(s, "outcome_to_hos_qapd")["status"], "open");
    c.apply(R"({"type":"notify","at":"2027-03-17T15:00:00Z","obligation":"outcome_to_hos_qapd"})");
    EXPECT_EQ(obligation(c.state(), "outcome_to_hos_qapd")["status"], "met");
    // Nothing more happens to a resolved dispute.
    EXPECT_TRUE(refused(c, R"({"type":"escalate","at":"2027-03-18T09:00:00Z","reason":"not_resolved"})",
                        drp::errc::not_permitted));
}

// ---- more on time outs, the duties of every stage, and the audit trail ------------------------------------------

TEST(Merton, a_time_out_stops_the_IR2_clock_and_the_remaining_days_run_over_Easter) {
    case_file c = merton_ir1_1_march();
    c.apply(R"({"type":"escalate","at":"2027-03-15T09:00:00Z","reason":"not_resolved"})");
    // 3 working days after Mon 15 Mar 2027: 16, 17, 18 -> Thu 18 Mar.
    EXPECT_EQ(obligation(c.state(), "resolution", "IR2")["due_date"], "2027-03-18");
    c.apply(R"({"type":"pause","at":"2027-03-16T12:00:00Z","approved_by":"IRO_MANAGER","reason":"HOS on leave until 24 March"})");
    c.apply(R"({"type":"resume","at":"2027-03-24T09:00:00Z"})");
    // Left after Tue 16 Mar: 17, 18 = 2 working days. From Wed 24 Mar: 25 (1), skip Fri 26 (Good
    // Friday) and Mon 29 (Easter Monday), 30 (2) -> Tue 30 Mar 2027, end of day BST.
    const json resp = obligation(c.state(), "resolution", "IR2");
    EXPECT_EQ(resp["due_date"], "2027-03-30");
    EXPECT_EQ(resp["due"], "2027-03-30T23:59:59+01:00");
}

TEST(Merton, a_time_out_stops_the_hour_clocks_too) {
    case_file c = merton_ir1_1_march();
    // Alert due Tue 2 Mar 09:00 GMT; the time out begins 6 hours after the raise, with 18 hours left.
    c.apply(R"({"type":"pause","at":"2027-03-01T15:00:00Z","approved_by":"IRO_MANAGER","reason":"Awaiting allocation"})");
    c.apply(R"({"type":"resume","at":"2027-03-08T09:00:00Z"})");
    const json s = c.state();
    // 18 hours after Mon 8 Mar 09:00 GMT -> Tue 9 Mar 03:00 GMT.
    EXPECT_EQ(obligation(s, "alert_hos_qapd", "IR1")["due"], "2027-03-09T03:00:00+00:00");
    // The raise's 48-hour record duty had 42 hours left -> Wed 10 Mar 03:00 GMT.
    const auto records = obligations(s, "record_actions");
    ASSERT_FALSE(records.empty());
    EXPECT_EQ(records.front()["due"], "2027-03-10T03:00:00+00:00");
}

TEST(Merton, the_HOS_QAPD_is_alerted_at_every_stage_entered) {
    case_file c = merton_informal_1_march();
    c.apply(R"({"type":"escalate","at":"2027-03-12T16:00:00Z","reason":"not_resolved","to":"IR1"})");
    c.apply(R"({"type":"escalate","at":"2027-03-26T16:00:00Z","reason":"not_resolved"})");
    const json s = c.state();
    EXPECT_EQ(obligations(s, "alert_hos_qapd", "informal").size(), 1u);
    EXPECT_EQ(obligations(s, "alert_hos_qapd", "IR1").size(), 1u);
    // Entered IR2 on Good Friday, Fri 26 Mar 2027 16:00 GMT; 24 hours -> Sat 27 Mar 16:00 GMT.
    EXPECT_EQ(obligation(s, "alert_hos_qapd", "IR2")["due"], "2027-03-27T16:00:00+00:00");
    // IR2 response: 3 working days after Good Friday: skip Mon 29 Mar, 30, 31 Mar, 1 Apr -> Thu 1 Apr.
    EXPECT_EQ(obligation(s, "resolution", "IR2")["due_date"], "2027-04-01");
}

TEST(Merton, every_consultation_is_to_be_recorded_on_Mosaic_within_48_hours) {
    case_file c = merton_informal_1_march();
    c.apply(R"({"type":"record","at":"2027-03-01T12:00:00Z","obligation":"record_actions"})");
    c.apply(R"({"type":"consult","at":"2027-03-05T16:00:00Z","role":"HOS_QAPD","agreed":true})");
    const auto open = [&] {
        std::vector<json> out;
        for (const auto& o : obligations(c.state(), "record_actions"))
            if (o["status"] == "open") out.push_back(o);
        return out;
    };
    ASSERT_EQ(open().size(), 1u);
    // 48 hours after Fri 5 Mar 2027 16:00 GMT -> Sun 7 Mar 16:00 GMT (hours run over the weekend).
    EXPECT_EQ(open().front()["due"], "2027-03-07T16:00:00+00:00");
    // Responding is not one of the IRO's actions listed: no new record duty.
    c.apply(R"({"type":"record","at":"2027-03-06T12:00:00Z","obligation":"record_actions"})");
    c.apply(R"({"type":"respond","at":"2027-03-08T12:00:00Z","adequate":false})");
    EXPECT_TRUE(open().empty());
}

TEST(Merton, a_dispute_saved_during_a_time_out_and_loaded_back_is_the_same_dispute) {
    case_file c = merton_ir1_1_march();
    c.apply(R"({"type":"consult","at":"2027-03-02T10:00:00Z","role":"HOS_QAPD","agreed":true})");
    c.apply(R"({"type":"refer","at":"2027-03-02T11:00:00Z","to":"cafcass","concurrent":true})");
    c.apply(R"({"type":"pause","at":"2027-03-03T12:00:00Z","approved_by":"IRO_MANAGER","reason":"Awaiting assessment"})");
    const json saved = c.state();
    const drp::dispute loaded = drp::dispute::from_json(drp::builtin_policy("merton"), saved);
    EXPECT_EQ(loaded.to_json(), saved);
    // Also "as of" a later time, overdue marks included.
    const json later = c.as_of("2027-04-20T00:00:00Z");
    EXPECT_EQ(loaded.to_json(drp::parse_rfc3339("2027-04-20T00:00:00Z")), later);
}
