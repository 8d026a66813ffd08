// Who and what the process applies to: one ladder serves IROs and CP chairs, looked-after
// and child-protection cases. A raise may carry `case_type`; conditions read it and the
// raiser's role ("Cafcass only for looked-after children"), through the facts `case_type`
// and `raised_by`.
#include "scenario_support.hpp"

namespace {

using namespace scenario;

json shared_ladder() {
    json doc = invented_policy_json();
    doc["applies_to"] = {"IRO", "CP_CHAIR"};
    doc["roles"]["CP_CHAIR"] = {{"title", "Child protection conference chair"}};
    doc["roles"]["QA_MANAGER"] = {{"title", "QA manager"}};
    doc["case_types"] = {"looked_after", "child_protection"};
    doc["stages"][0]["raised_by"] = {"IRO", "CP_CHAIR"};
    doc["stages"][0]["obligations"] = json::parse(R"([{"id": "tell_qa_manager", "kind": "notify", "role": ["CP_CHAIR"],
        "target": ["QA_MANAGER"], "from": "stage_entry", "when": {"==": [{"var": "raised_by"}, "CP_CHAIR"]},
        "description": "A CP chair's dispute is reported to the QA manager."}])");
    doc["rules"]["referral"]["when"] = json::parse(R"({"==": [{"var": "case_type"}, "looked_after"]})");
    return doc;
}

case_file raised(const char* by, const char* case_type) {
    case_file c(load_invented(shared_ladder()));
    json e = json::parse(R"({"type":"raise","at":"2025-06-02T09:00:00+01:00","child_ref":"X","category":"c",
                             "urgency":"standard","summary":"s"})");
    e["by"] = by;
    if (case_type) e["case_type"] = case_type;
    c.apply(e.dump());
    return c;
}

constexpr const char* refer = R"({"type":"refer","at":"2025-06-03T09:00:00+01:00","to":"cafcass","concurrent":true})";

}  // namespace

TEST(CaseType, Cafcass_only_for_looked_after_children) {
    case_file looked_after = raised("IRO", "looked_after");
    EXPECT_EQ(looked_after.state()["case_type"], "looked_after");
    looked_after.apply(refer);
    EXPECT_EQ(looked_after.state()["referrals"].size(), 1u);

    case_file protection = raised("CP_CHAIR", "child_protection");
    EXPECT_TRUE(refused(protection, refer, drp::errc::not_permitted));
    // Without a case type the fact is null: not looked after.
    case_file unknown = raised("IRO", nullptr);
    EXPECT_FALSE(unknown.state().contains("case_type"));
    EXPECT_TRUE(refused(unknown, refer, drp::errc::not_permitted));
}

TEST(CaseType, a_duty_only_for_disputes_a_CP_chair_raised) {
    EXPECT_EQ(obligations(raised("CP_CHAIR", "child_protection").state(), "tell_qa_manager").size(), 1u);
    EXPECT_TRUE(obligations(raised("IRO", "child_protection").state(), "tell_qa_manager").empty());
}

TEST(CaseType, a_case_type_the_policy_does_not_list_is_an_invalid_event) {
    case_file c(load_invented(shared_ladder()));
    EXPECT_TRUE(refused(c, R"({"type":"raise","at":"2025-06-02T09:00:00+01:00","child_ref":"X","category":"c",
                               "urgency":"standard","summary":"s","case_type":"child_in_need"})",
                        drp::errc::invalid_event));
    EXPECT_TRUE(refused(c, R"({"type":"raise","at":"2025-06-02T09:00:00+01:00","child_ref":"X","category":"c",
                               "urgency":"standard","summary":"s","case_type":"Looked After"})",
                        drp::errc::invalid_event));  // not a lower_snake id
}

TEST(CaseType, the_facts_are_known_to_the_validator) {
    json doc = shared_ladder();
    doc["rules"]["referral"]["when"] = json::parse(R"({"==": [{"var": "case_typ"}, "looked_after"]})");
    bool found = false;
    for (const auto& d : drp::validate_policy(doc.dump(), "invented.json"))
        found = found || (d.rule == "unknown-fact" && d.pointer == "/rules/referral/when/==/0");
    EXPECT_TRUE(found);
}

TEST(CaseType, the_referral_condition_is_drawn) {
    const std::string m = drawn(shared_ladder());
    EXPECT_NE(m.find("only when case_type"), std::string::npos) << m;
    EXPECT_NE(m.find("looked_after"), std::string::npos) << m;
}
