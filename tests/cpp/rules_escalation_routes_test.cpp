// Escalation routes: which stage an escalation lands in when it names none
// (docs/policy-authoring.md §5 and §17, docs/events-and-state.md, escalate).
#include "scenario_support.hpp"

using namespace scenario;

// docs/policy-authoring.md §17: "Stages whose `when` is false, and `optional` stages, are
// passed over by ordinary escalation" (also §5 "Optional stages"; DESIGN.md §4.2: passing over
// Merton's dispute resolution meeting is ordinary escalation). Seed 004: the meeting is called
// only if the IRO, in consultation with the IRO manager, decides so. (The engine once picked
// the optional `drm` as the next stage and then refused the escalation: "cannot enter 'drm':
// no consultation with IRO_MANAGER yet".)
TEST(EscalationRoutes, Merton_a_plain_escalation_from_informal_passes_over_the_optional_meeting_to_IR1) {
    case_file c("merton");
    c.apply(R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-1","category":"drift_delay","urgency":"standard",
                "summary":"s","due":"2027-03-12"})");
    EXPECT_EQ(code_of([&] { c.apply(R"({"type":"escalate","at":"2027-03-12T16:00:00Z","reason":"not_resolved"})"); }),
              drp::errc::ok);
    EXPECT_EQ(c.stage(), "IR1");
    EXPECT_FALSE(c.dispute().state().entry_bypass);
}
