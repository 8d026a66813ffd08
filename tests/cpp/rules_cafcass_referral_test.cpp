// Referral to Cafcass: when the referral duty's clock starts and when a referral is owed at
// all (docs/policy-authoring.md §8 and §17; docs/events-and-state.md, refer).
#include "scenario_support.hpp"

using namespace scenario;

// Seed 004: "The IRO will seek consultation with the HOS QAPD ... If yes, the IRO will make the
// referral within 3 days"; docs/policy-authoring.md §17: "Referral `within` runs from the
// moment the last precondition is met (or from entry to a referral stage, if there are no
// preconditions)". The engine once started the 3 days on entering IR5 even when the HOS QAPD
// had agreed before.
TEST(CafcassReferral, Merton_the_IR5_referral_runs_3_days_from_an_agreement_given_before_IR5) {
    case_file c("merton");
    c.apply(R"({"type":"raise","at":"2026-12-21T09:00:00Z","child_ref":"C-12","category":"permanency","urgency":"urgent",
                "summary":"s","start_stage":"IR4","start_reason":"Strategic Director decision needed"})");
    c.apply(R"({"type":"consult","at":"2026-12-22T10:00:00Z","role":"HOS_QAPD","agreed":true})");
    c.apply(R"({"type":"escalate","at":"2026-12-24T10:00:00Z","reason":"not_resolved"})");
    ASSERT_EQ(c.stage(), "IR5");
    // 3 calendar days after the consultation on Tue 22 Dec 2026 -> Fri 25 Dec 2026.
    EXPECT_EQ(obligation(c.state(), "referral")["due_date"], "2026-12-25");
}

// Seed 004 / merton.json /rules/referral (concurrent_allowed): a referral made concurrently
// earlier is the referral. A second refer is refused while the first awaits its decision
// ("a referral to Cafcass is already awaiting its decision"), so a new referral duty at IR5
// could never be met and would show overdue; the engine once created one.
TEST(CafcassReferral, Merton_a_referral_already_made_concurrently_is_not_owed_again_at_IR5) {
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
