// The policy's duty table (policy::duties, policy::duty_index) against the policy text it
// was built from: every duty's source pointer resolves to the rule that makes it, and the
// layout puts each rule's duties where the engine looks for them.
#include "drp/dispute.hpp"
#include "drp/policy.hpp"

#include <gtest/gtest.h>

#include "policy/policy_data.hpp"  // the engine's duty_layout
#include "seed_params.hpp"

#include <nlohmann/json.hpp>

namespace {

using nlohmann::json;

std::vector<std::string> roles_of(const json& recipient) {
    if (recipient.is_string()) return {recipient.get<std::string>()};
    return recipient.at("any_of").get<std::vector<std::string>>();
}

class DutyTable : public testing::TestWithParam<std::string> {};

TEST_P(DutyTable, EveryDutyPointsAtTheRuleThatMakesIt) {
    const auto p = drp::builtin_policy(GetParam());
    const json doc = json::parse(p.source_text());
    std::size_t expected = 0;
    for (const auto& st : doc.at("stages"))
        expected += 1 + st.value("notify", json::array()).size() + st.value("copy", json::array()).size() +
                    st.value("obligations", json::array()).size();
    expected += doc.value("obligations", json::array()).size() + 2;
    const json referral = doc.at("rules").value("referral", json::object());
    expected += referral.value("informs", json::array()).size();
    ASSERT_EQ(p.duties().size(), expected);

    for (const auto& d : p.duties()) {
        SCOPED_TRACE(d.source);
        const json::json_pointer ptr(d.source);
        if (d.id == "overall" || d.id == "referral") continue;  // present even where the rule is absent
        ASSERT_TRUE(doc.contains(ptr));
        const json& rule = doc.at(ptr);
        const auto dot = d.id.find('.');
        const std::string key = dot == std::string::npos ? "" : d.id.substr(0, dot);
        if (d.id == "response") {
            EXPECT_EQ(d.kind, drp::obligation_type::response);
        } else if (d.id == "resolution") {  // a stage whose timescale is for its outcome
            EXPECT_EQ(d.kind, drp::obligation_type::resolution);
            EXPECT_NE(d.source.find("/timescale"), std::string::npos);
        } else if (key == "notify" || key == "copy" || key == "informs") {
            EXPECT_EQ(d.kind, drp::obligation_type::notify);
            EXPECT_NE(d.source.find(key == "informs" ? "/informs/" : "/" + key + "/"), std::string::npos);
            ASSERT_EQ(d.target.size(), 1u);
            EXPECT_EQ(d.target.front(), roles_of(rule));
            EXPECT_EQ(d.id, key + "." + roles_of(rule).front());
        } else {
            EXPECT_EQ(d.id, rule.at("id").get<std::string>());
            EXPECT_EQ(std::string(drp::to_string(d.kind)), rule.at("kind").get<std::string>());
            EXPECT_EQ(d.discretionary, rule.value("discretionary", false));
            EXPECT_EQ(d.system, rule.value("system", std::string()));
            ASSERT_NE(d.rule, nullptr);
            EXPECT_EQ(d.rule->id, d.id);
        }
    }
}

TEST_P(DutyTable, LayoutFindsEachStagesDuties) {
    const auto p = drp::builtin_policy(GetParam());
    const auto& at = duty_index(p);
    ASSERT_EQ(at.stages.size(), p.stages().size());
    for (std::size_t k = 0; k < p.stages().size(); ++k) {
        const auto& st = p.stages()[k];
        const std::string base = "/stages/" + std::to_string(k);
        EXPECT_EQ(p.duties()[at.stages[k].response].source, base + "/timescale");
        EXPECT_EQ(p.duties()[at.stages[k].response].role, st.responder);
        for (std::size_t j = 0; j < st.notify.size(); ++j)
            EXPECT_EQ(p.duties()[at.stages[k].notify + j].source, base + "/notify/" + std::to_string(j));
        for (std::size_t j = 0; j < st.copy.size(); ++j)
            EXPECT_EQ(p.duties()[at.stages[k].copy + j].source, base + "/copy/" + std::to_string(j));
        for (std::size_t i = 0; i < st.obligations.size(); ++i)
            EXPECT_EQ(&st.obligations[i], p.duties()[at.stages[k].rules + i].rule);
    }
    for (std::size_t i = 0; i < p.obligations().size(); ++i)
        EXPECT_EQ(&p.obligations()[i], p.duties()[at.rules + i].rule);
    EXPECT_EQ(p.duties()[at.overall].id, "overall");
    EXPECT_EQ(p.duties()[at.referral].id, "referral");
}

INSTANTIATE_TEST_SUITE_P(Seeds, DutyTable, seed_params::all(), seed_params::name);

// docs/events-and-state.md §4: the referral and its "informs" notices are owed by those the
// process applies to (trust-qas: IROs and CP chairs), not always by the IRO.
TEST(DutyTable, ReferralIsOwedByThoseWhoRunTheProcess) {
    json doc = json::parse(drp::builtin_policy("trust-qas").source_text());
    ASSERT_EQ(doc.at("applies_to"), json({"IRO", "CP_CHAIR"}));
    auto& referral = doc["rules"]["referral"];
    referral["allowed"] = true;
    referral["within"] = {{"working_days", 5}};
    referral["informs"] = json::array({"QAS_TM"});
    const auto p = drp::load_policy(doc.dump(), "trust-qas-with-referral");
    const auto& at = duty_index(p);
    EXPECT_EQ(p.duties()[at.referral].role, (std::vector<std::string>{"IRO", "CP_CHAIR"}));
    ASSERT_GT(p.duties().size(), at.informs);
    EXPECT_EQ(p.duties()[at.informs].id, "informs.QAS_TM");
    EXPECT_EQ(p.duties()[at.informs].role, (std::vector<std::string>{"IRO", "CP_CHAIR"}));
}

}  // namespace

namespace {

// The engine's own referral duty is told apart from a policy's duties of kind referral
// (docs/policy-authoring.md allows them): one of those arising first must not stop the
// referral clock, and a concurrent referral meets the engine's duty, not the policy's.
TEST(DutyTable, ThePolicysReferralKindDutiesAreNotTheEnginesReferral) {
    json doc = json::parse(drp::builtin_policy("merton").source_text());
    doc["obligations"].push_back({{"id", "cafcass_pack"}, {"kind", "referral"}, {"role", {"IRO"}}, {"from", "dispute_raised"},
                                  {"description", "Keep a referral pack ready."}});
    const auto p = drp::load_policy(doc.dump(), "merton-with-pack");
    drp::dispute d(p);
    d.apply(json{{"type", "raise"}, {"at", "2027-03-01T09:00:00Z"}, {"dispute_id", "D-1"}, {"child_ref", "C1"},
                 {"category", "care_planning"}, {"urgency", "standard"}, {"summary", "plan drifting"},
                 {"start_stage", "IR5"}, {"start_reason", "significant harm"}});
    d.apply(json{{"type", "consult"}, {"at", "2027-03-02T09:00:00Z"}, {"dispute_id", "D-1"}, {"role", "HOS_QAPD"}, {"agreed", true}});
    const auto owed = d.state().obligations();
    const auto referral = std::find_if(owed.begin(), owed.end(),
                                       [&](const drp::obligation& o) { return o.duty == duty_index(p).referral; });
    ASSERT_NE(referral, owed.end()) << "the policy's referral-kind duty stopped the engine's referral clock";
    EXPECT_TRUE(referral->due.has_value());
    d.apply(json{{"type", "refer"}, {"at", "2027-03-03T09:00:00Z"}, {"dispute_id", "D-1"}, {"to", "cafcass"}, {"concurrent", true}});
    for (const auto& o : d.state().obligations()) {
        const auto& id = drp::duty_of(p, o).id;
        if (id == "referral") {
            EXPECT_EQ(o.status, drp::obligation_status::met);
        } else if (id == "cafcass_pack") {
            EXPECT_EQ(o.status, drp::obligation_status::open);
        }
    }
}

}  // namespace
