// Ending a dispute: what a resolution must say, and what is still taken once the dispute has
// ended (docs/events-and-state.md, resolve and withdraw).
#include "scenario_support.hpp"

using namespace scenario;

// docs/policy-authoring.md §10: "impact_required: true makes every resolve event state the
// difference made for the child" (Merton: "what difference this made for the children we
// support"; merton.json /reporting/impact_required).
TEST(EndingADispute, Merton_resolving_without_stating_the_impact_for_the_child_is_refused) {
    case_file c("merton");
    c.apply(R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-1","category":"resources","urgency":"standard",
                "summary":"s","start_stage":"IR1","start_reason":"TM has no remit"})");
    EXPECT_TRUE(refused(c, R"({"type":"resolve","at":"2027-03-05T09:00:00Z","summary":"Funding agreed"})", drp::errc::invalid_event));
    EXPECT_EQ(c.state()["status"], "open");
}

// After withdrawal, as after resolution, record and notify are still accepted (telling people
// the dispute has ended is recorded like any notification).
TEST(EndingADispute, Merton_a_withdrawn_dispute_still_records_who_was_told) {
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
