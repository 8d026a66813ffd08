// "The line manager responds within 10 working days of receiving the form": a stage's
// timescale (timescale_from) or an obligation (from: duty_met, after) may run from when a
// named duty is met rather than from stage entry.
//
// Expected dates are worked out by hand: 2025 Thu 25 Dec Christmas Day, Fri 26 Dec Boxing
// Day; 2026 Thu 1 Jan New Year's Day.
#include "scenario_support.hpp"

namespace {

using namespace scenario;

json form_policy() {
    json doc = invented_policy_json();
    auto& st = doc["stages"][0];
    st["timescale"] = {{"working_days", 10}};
    st["timescale_from"] = "form_received";
    st["obligations"] = json::parse(R"([
      {"id": "form_received", "kind": "record", "role": ["TM"], "from": "stage_entry",
       "description": "The line manager acknowledges receiving the escalation form."},
      {"id": "copy_to_file", "kind": "record", "role": ["TM"], "from": "duty_met", "after": "form_received",
       "within": {"working_days": 2}, "description": "A copy of the form goes on the child's file within 2 working days of receipt."}
    ])");
    return doc;
}

case_file entered_on_19_december_2025() {
    case_file c(load_invented(form_policy()));
    c.apply(R"({"type":"raise","at":"2025-12-19T10:00:00Z","child_ref":"X","category":"c","urgency":"standard","summary":"s"})");
    return c;
}

}  // namespace

TEST(ClockFromDuty, the_response_has_no_due_date_until_the_form_is_received) {
    case_file c = entered_on_19_december_2025();
    const json s = c.state();
    const json resp = obligation(s, "response", "stage1");
    EXPECT_TRUE(resp["due"].is_null());
    EXPECT_EQ(resp["status"], "open");
    EXPECT_TRUE(obligations(s, "copy_to_file").empty());
    // Nothing is overdue however long the form takes to arrive.
    EXPECT_EQ(obligation(c.as_of("2026-02-01T00:00:00Z"), "response", "stage1")["status"], "open");
}

TEST(ClockFromDuty, ten_working_days_of_receiving_the_form_received_on_23_december_is_9_january) {
    case_file c = entered_on_19_december_2025();
    c.apply(R"({"type":"record","at":"2025-12-23T14:00:00Z","obligation":"form_received"})");
    const json s = c.state();
    const json resp = obligation(s, "response", "stage1");
    // 10 working days after Tue 23 Dec 2025: Wed 24 (1), skip Thu 25 and Fri 26 (Christmas
    // Day, Boxing Day), Mon 29 (2), Tue 30 (3), Wed 31 (4), skip Thu 1 Jan (New Year's Day),
    // Fri 2 (5), Mon 5 (6), Tue 6 (7), Wed 7 (8), Thu 8 (9), Fri 9 (10) -> Fri 9 Jan 2026
    // (from stage entry, Fri 19 Dec, it would have been Wed 7 Jan).
    EXPECT_EQ(resp["due_date"], "2026-01-09");
    EXPECT_EQ(resp["explain"]["trigger"], "duty_met");
    EXPECT_EQ(resp["explain"]["start"], "2025-12-23T14:00:00+00:00");
    // The copy is due 2 working days after receipt: Wed 24 Dec (1), Mon 29 Dec (2).
    const json copy = obligation(s, "copy_to_file", "stage1");
    EXPECT_EQ(copy["due_date"], "2025-12-29");
    EXPECT_EQ(copy["explain"]["trigger"], "duty_met");
    // Overdue from Sat 10 Jan 2026, not before.
    EXPECT_EQ(obligation(c.as_of("2026-01-09T23:00:00Z"), "response", "stage1")["status"], "open");
    EXPECT_EQ(obligation(c.as_of("2026-01-10T00:00:00Z"), "response", "stage1")["status"], "overdue");
}

TEST(ClockFromDuty, a_later_event_does_not_start_the_clocks_again) {
    case_file c = entered_on_19_december_2025();
    c.apply(R"({"type":"record","at":"2025-12-23T14:00:00Z","obligation":"form_received"})");
    c.apply(R"({"type":"record","at":"2025-12-24T09:00:00Z","obligation":"copy_to_file"})");
    const json s = c.state();
    EXPECT_EQ(obligations(s, "copy_to_file", "stage1").size(), 1u);
    EXPECT_EQ(obligation(s, "response", "stage1")["due_date"], "2026-01-09");
}

TEST(ClockFromDuty, the_named_duty_must_exist_at_the_stage) {
    json doc = form_policy();
    doc["stages"][0]["timescale_from"] = "form_recieved";
    doc["stages"][0]["obligations"][1]["after"] = "copy_to_file";
    std::vector<std::string> pointers;
    for (const auto& d : drp::validate_policy(doc.dump(), "invented.json"))
        if (d.rule == "unknown-duty") {
            EXPECT_EQ(d.level, drp::diagnostic::severity::error);
            pointers.push_back(d.pointer);
        }
    EXPECT_EQ(pointers, (std::vector<std::string>{"/stages/0/timescale_from", "/stages/0/obligations/1/after"}));
    // "after" belongs to from: duty_met only (schema).
    doc = form_policy();
    doc["stages"][0]["obligations"][0]["after"] = "copy_to_file";
    EXPECT_FALSE(drp::validate_policy(doc.dump(), "invented.json").empty());
}

TEST(ClockFromDuty, is_drawn_from_the_duty_that_starts_it) {
    const std::string m = drawn(form_policy());
    EXPECT_NE(m.find("respond within 10 working days of form received being done"), std::string::npos) << m;
    EXPECT_NE(m.find("within 2 working days of form received being done"), std::string::npos) << m;
}
