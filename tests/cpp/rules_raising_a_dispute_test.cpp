// Raising a dispute: who may raise one (docs/policy-authoring.md §3, docs/events-and-state.md,
// raise).
#include "scenario_support.hpp"

using namespace scenario;

// docs/policy-authoring.md §3: "applies_to | roles who run disputes under this policy";
// docs/seeds.md (Merton, choices): "applies_to is IRO ... An authority letting social workers
// raise disputes would add them to applies_to". (The engine once checked only that "by" was a
// role the policy defines, so a social worker could raise a Merton dispute.)
TEST(RaisingADispute, a_dispute_is_raised_only_by_the_roles_the_policy_applies_to) {
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
