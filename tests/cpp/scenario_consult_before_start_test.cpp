// "Going straight to stage 2 requires consultation with the Safeguarding Unit manager": a
// stage's requirement may apply only when starting higher or bypassing (only_when), and a
// consultation a raise needs is recorded by a consult event before the raise (until now
// refused as "not allowed while the dispute is new").
#include "scenario_support.hpp"

namespace {

using namespace scenario;

json safeguarding_policy() {
    json doc = invented_policy_json();
    doc["roles"]["SU_MANAGER"] = {{"title", "Safeguarding Unit manager"}};
    doc["roles"]["HOS"] = {{"title", "Head of Service"}};
    doc["stages"] = json::parse(R"([
      {"id": "informal", "title": "Informal", "level": 0, "kind": "informal", "raised_by": ["IRO"], "responder": ["TM"],
       "timescale": {"working_days": 5}},
      {"id": "stage1", "title": "Stage 1", "level": 1, "kind": "formal", "raised_by": ["IRO"], "responder": ["TM"],
       "timescale": {"working_days": 5}},
      {"id": "stage2", "title": "Stage 2", "level": 2, "kind": "formal", "raised_by": ["IRO"], "responder": ["HOS"],
       "timescale": {"working_days": 5},
       "requires": [{"consult": "SU_MANAGER", "only_when": ["start_above_first", "bypass"],
                     "description": "Going straight to stage 2 requires consultation with the Safeguarding Unit manager."}]}
    ])");
    doc["rules"]["start_above_first"] = {{"allowed", true}};
    doc["rules"]["bypass"] = {{"allowed", true}};
    return doc;
}

constexpr const char* raise_at_stage2 =
    R"({"type":"raise","at":"2025-06-02T09:00:00+01:00","child_ref":"X","category":"c","urgency":"standard","summary":"s",
        "start_stage":"stage2"})";
constexpr const char* raise_at_first =
    R"({"type":"raise","at":"2025-06-02T09:00:00+01:00","child_ref":"X","category":"c","urgency":"standard","summary":"s"})";

}  // namespace

TEST(ConsultBeforeStart, going_straight_to_stage_2_needs_the_safeguarding_unit_manager_consulted_first) {
    case_file c(load_invented(safeguarding_policy()));
    EXPECT_TRUE(refused(c, raise_at_stage2, drp::errc::not_permitted));
    // Recorded with the raise: the same instant, before it in the log.
    c.apply(R"({"type":"consult","at":"2025-06-02T09:00:00+01:00","role":"SU_MANAGER","agreed":true})");
    c.apply(raise_at_stage2);
    const json s = c.state();
    EXPECT_EQ(s["stage"], "stage2");
    EXPECT_EQ(s["status"], "open");
    EXPECT_EQ(s["child_ref"], "X");  // from the raise, not the consult before it
    ASSERT_EQ(s["consulted"].size(), 1u);
    EXPECT_EQ(s["consulted"][0]["role"], "SU_MANAGER");
    // 5 working days after Mon 2 Jun 2025: Tue 3, Wed 4, Thu 5, Fri 6, Mon 9.
    EXPECT_EQ(obligation(s, "response", "stage2")["due_date"], "2025-06-09");
    ASSERT_EQ(s["history"].size(), 2u);
    EXPECT_EQ(s["history"][0]["type"], "consult");
}

TEST(ConsultBeforeStart, ordinary_escalation_into_stage_2_needs_no_consultation) {
    case_file c(load_invented(safeguarding_policy()));
    c.apply(raise_at_first);
    c.apply(R"({"type":"escalate","at":"2025-06-03T09:00:00+01:00","reason":"not_resolved"})");
    c.apply(R"({"type":"escalate","at":"2025-06-04T09:00:00+01:00","reason":"not_resolved"})");
    EXPECT_EQ(c.stage(), "stage2");
}

TEST(ConsultBeforeStart, a_bypass_into_stage_2_needs_it_too) {
    case_file c(load_invented(safeguarding_policy()));
    c.apply(raise_at_first);
    const char* bypass = R"({"type":"escalate","at":"2025-06-03T09:00:00+01:00","reason":"not_resolved","to":"stage2"})";
    EXPECT_TRUE(refused(c, bypass, drp::errc::not_permitted));
    c.apply(R"({"type":"consult","at":"2025-06-03T08:00:00+01:00","role":"SU_MANAGER"})");
    c.apply(bypass);
    EXPECT_EQ(c.stage(), "stage2");
    EXPECT_EQ(c.state()["entry"]["bypass"], true);
}

TEST(ConsultBeforeStart, before_the_raise_only_a_consultation_a_start_stage_requires_is_taken) {
    case_file c(load_invented(safeguarding_policy()));
    EXPECT_TRUE(refused(c, R"({"type":"consult","at":"2025-06-02T09:00:00+01:00","role":"HOS"})", drp::errc::not_permitted));
    // A requirement only for bypasses is not a start's.
    json doc = safeguarding_policy();
    doc["stages"][2]["requires"][0]["only_when"] = {"bypass"};
    case_file b(load_invented(doc));
    EXPECT_TRUE(refused(b, R"({"type":"consult","at":"2025-06-02T09:00:00+01:00","role":"SU_MANAGER"})", drp::errc::not_permitted));
    b.apply(raise_at_stage2);  // and starting there needs none
    EXPECT_EQ(b.stage(), "stage2");
}

TEST(ConsultBeforeStart, a_first_stage_that_requires_a_consultation_needs_it_before_the_raise) {
    // Trust-qas style: "liaise with a QAS Team Manager before starting the formal stages".
    json doc = invented_policy_json();
    doc["roles"]["QAS_TM"] = {{"title", "QAS Team Manager"}};
    doc["stages"][0]["requires"] = json::parse(R"([{"consult": "QAS_TM"}])");
    case_file c(load_invented(doc));
    EXPECT_TRUE(refused(c, raise_at_first, drp::errc::not_permitted));
    c.apply(R"({"type":"consult","at":"2025-06-01T15:00:00+01:00","role":"QAS_TM"})");
    c.apply(raise_at_first);
    EXPECT_EQ(c.stage(), "stage1");
}

TEST(ConsultBeforeStart, only_when_is_not_for_referral_preconditions) {
    json doc = invented_policy_json();
    doc["rules"]["referral"]["preconditions"] = json::parse(R"([{"consult": "TM", "only_when": ["bypass"]}])");
    bool found = false;
    for (const auto& d : drp::validate_policy(doc.dump(), "invented.json"))
        found = found || (d.rule == "only-when-referral" && d.pointer == "/rules/referral/preconditions/0/only_when" &&
                          d.level == drp::diagnostic::severity::error);
    EXPECT_TRUE(found);
}

TEST(ConsultBeforeStart, is_drawn_with_when_it_applies) {
    json doc = safeguarding_policy();
    EXPECT_NE(drawn(doc).find("before entry: consult SU_MANAGER (when starting here or passing over to here)"), std::string::npos);
    doc["stages"][2]["requires"][0]["only_when"] = {"bypass"};
    EXPECT_NE(drawn(doc).find("before entry: consult SU_MANAGER (when passing over to here)"), std::string::npos);
    doc["stages"][2]["requires"][0].erase("only_when");
    const std::string always = drawn(doc);
    EXPECT_NE(always.find("before entry: consult SU_MANAGER"), std::string::npos);
    EXPECT_EQ(always.find("(when "), std::string::npos) << always;
}
