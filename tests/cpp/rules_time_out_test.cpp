// Time outs (pause and resume): what the clocks owe after a time out
// (docs/events-and-state.md §7, docs/policy-authoring.md §6).
#include "scenario_support.hpp"

using namespace scenario;

// DESIGN.md §4.2 (pause/resume): "the clocks stop; on resume the remaining working days (or
// hours) run again from the resume time"; docs/policy-authoring.md §6. A response whose
// deadline had already passed when the time out began has no time remaining: it is still
// overdue after the resume. (The engine once re-dated it to the end of the resume day, so it
// showed "open" again until then; hour clocks were re-dated to the resume instant and did
// stay overdue.)
TEST(TimeOut, Merton_a_deadline_missed_before_a_time_out_is_still_missed_after_it) {
    case_file c("merton");
    c.apply(R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-1","category":"practice","urgency":"standard",
                "summary":"s","start_stage":"IR2","start_reason":"HOS decision needed"})");
    // IR2: 3 working days after Mon 1 Mar 2027 -> Thu 4 Mar; overdue from Fri 5 Mar.
    ASSERT_EQ(obligation(c.as_of("2027-03-08T08:00:00Z"), "resolution", "IR2")["status"], "overdue");
    c.apply(R"({"type":"pause","at":"2027-03-08T09:00:00Z","approved_by":"IRO_MANAGER","reason":"HOS on leave"})");
    c.apply(R"({"type":"resume","at":"2027-03-10T09:00:00Z"})");
    EXPECT_EQ(obligation(c.as_of("2027-03-10T12:00:00Z"), "resolution", "IR2")["status"], "overdue");
}
