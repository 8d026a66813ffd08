// The IRO's statutory power to refer (Regulation 45): a protocol that never mentions
// Cafcass is silent, not a prohibition. A policy for IROs that leaves rules.referral out
// allows the referral at any point; the validator warns when such a policy forbids or
// omits it, and notes a referral limited to some stages; a child-protection-only process
// says so with case_types. And the diagnostic for a permission's details beside
// "allowed": false says that they mean nothing, not that the permission is refused.
#include "scenario_support.hpp"

namespace {

using namespace scenario;

std::vector<drp::diagnostic> with_rule(const json& doc, std::string_view rule) {
    std::vector<drp::diagnostic> out;
    for (const auto& d : drp::validate_policy(doc.dump(), "invented.json"))
        if (d.rule == rule) out.push_back(d);
    return out;
}

}  // namespace

TEST(StatutoryReferral, a_policy_for_IROs_that_forbids_the_referral_is_warned_naming_the_rule_and_regulation_45) {
    json doc = invented_policy_json();
    doc["rules"]["referral"] = {{"allowed", false}, {"description", "The document does not mention Cafcass."}};
    const auto found = with_rule(doc, "referral-forbidden");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].level, drp::diagnostic::severity::warning);
    EXPECT_EQ(found[0].pointer, "/rules/referral/allowed");
    EXPECT_NE(found[0].message.find("Regulation 45"), std::string::npos) << found[0].message;
    EXPECT_NE(found[0].message.find("at any point"), std::string::npos) << found[0].message;
    EXPECT_NE(found[0].hint.find("\"allowed\": true"), std::string::npos) << found[0].hint;
    EXPECT_NE(found[0].hint.find("child_protection"), std::string::npos) << found[0].hint;
    // A warning: the policy still loads, and the engine follows it.
    case_file c(load_invented(doc));
    c.apply(R"({"type":"raise","at":"2025-06-02T09:00:00+01:00","child_ref":"X","category":"c","urgency":"standard","summary":"s"})");
    EXPECT_TRUE(refused(c, R"({"type":"refer","at":"2025-06-03T09:00:00+01:00","to":"cafcass","concurrent":true})",
                        drp::errc::not_permitted));
}

TEST(StatutoryReferral, a_policy_silent_about_Cafcass_allows_the_referral_at_any_point_and_is_warned) {
    json doc = invented_policy_json();
    doc["rules"].erase("referral");
    const auto found = with_rule(doc, "referral-omitted");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].level, drp::diagnostic::severity::warning);
    EXPECT_EQ(found[0].pointer, "/rules");
    EXPECT_NE(found[0].message.find("Regulation 45"), std::string::npos) << found[0].message;
    case_file c(load_invented(doc));
    // Raised on Mon 2 Jun 2025; a concurrent referral the next day, alongside the stage.
    c.apply(R"({"type":"raise","at":"2025-06-02T09:00:00+01:00","child_ref":"X","category":"c","urgency":"standard","summary":"s"})");
    c.apply(R"({"type":"refer","at":"2025-06-03T09:00:00+01:00","to":"cafcass","concurrent":true})");
    const json s = c.state();
    ASSERT_EQ(s["referrals"].size(), 1u);
    EXPECT_EQ(s["referrals"][0]["concurrent"], true);
    // The internal clock keeps running: 5 working days after Mon 2 Jun 2025 -> Mon 9 Jun.
    EXPECT_EQ(obligation(s, "response", "stage1")["status"], "open");
    EXPECT_EQ(obligation(s, "response", "stage1")["due_date"], "2025-06-09");
}

TEST(StatutoryReferral, a_child_protection_only_process_may_forbid_the_referral_without_a_warning) {
    json doc = invented_policy_json();
    doc["case_types"] = {"child_protection"};
    doc["rules"]["referral"] = {{"allowed", false}, {"description", "Child-protection plans only."}};
    EXPECT_TRUE(with_rule(doc, "referral-forbidden").empty());
    // Left out, too, it is not the IRO's statutory power there: no warning.
    doc["rules"].erase("referral");
    EXPECT_TRUE(with_rule(doc, "referral-omitted").empty());
    // A process for looked-after children as well is warned again.
    doc["case_types"] = {"looked_after", "child_protection"};
    EXPECT_EQ(with_rule(doc, "referral-omitted").size(), 1u);
}

TEST(StatutoryReferral, a_process_run_only_by_CP_chairs_is_not_warned_and_leaving_it_out_allows_no_referral) {
    json doc = invented_policy_json();
    doc["applies_to"] = {"CP_CHAIR"};
    doc["roles"]["CP_CHAIR"] = {{"title", "Child protection conference chair"}};
    doc["stages"][0]["raised_by"] = {"CP_CHAIR"};
    doc["roles"].erase("IRO");
    doc["rules"].erase("referral");
    EXPECT_TRUE(with_rule(doc, "referral-omitted").empty());
    case_file c(load_invented(doc));
    c.apply(R"({"type":"raise","at":"2025-06-02T09:00:00+01:00","child_ref":"X","category":"c","urgency":"standard","summary":"s"})");
    EXPECT_TRUE(refused(c, R"({"type":"refer","at":"2025-06-03T09:00:00+01:00","to":"cafcass","concurrent":true})",
                        drp::errc::not_permitted));
}

TEST(StatutoryReferral, a_referral_limited_to_some_stages_gets_a_note_and_the_seeds_no_warning) {
    // qa-form refers from stage 4, trust-qas at stage 5: notes, never warnings.
    for (const char* name : {"qa-form", "trust-qas"}) {
        bool noted = false;
        for (const auto& d : drp::validate_policy(drp::builtin_policy(name).source_text(), name)) {
            EXPECT_EQ(d.level, drp::diagnostic::severity::note) << drp::format(d);
            noted = noted || (d.rule == "referral-limited" && d.pointer == "/rules/referral/at_any_point");
        }
        EXPECT_TRUE(noted) << name;
    }
    // Merton quotes the regulation and allows it at any point: nothing to say.
    for (const auto& d : drp::validate_policy(drp::builtin_policy("merton").source_text(), "merton"))
        EXPECT_EQ(d.rule.rfind("referral-", 0), std::string::npos) << drp::format(d);
}

TEST(PermissionDiagnostic, requires_reason_beside_allowed_false_is_said_to_mean_nothing) {
    json doc = invented_policy_json();
    doc["rules"]["bypass"] = {{"allowed", false}, {"requires_reason", true}};
    const auto found = drp::validate_policy(doc.dump(), "invented.json");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].rule, "schema");
    EXPECT_EQ(found[0].pointer, "/rules/bypass/requires_reason");
    EXPECT_EQ(found[0].message, "\"requires_reason\" means nothing when bypass is not allowed (\"allowed\": false)");
    EXPECT_EQ(found[0].hint, "drop \"requires_reason\", or set \"allowed\": true if the document permits bypass");
    EXPECT_GT(found[0].line, 0);
    // The same for a time out's stages.
    doc["rules"]["bypass"] = {{"allowed", false}};
    doc["rules"]["pause"] = {{"allowed", false}, {"stages", {"stage1"}}};
    const auto pause = drp::validate_policy(doc.dump(), "invented.json");
    ASSERT_EQ(pause.size(), 1u);
    EXPECT_EQ(pause[0].message, "\"stages\" means nothing when a time out is not allowed (\"allowed\": false)");
}
