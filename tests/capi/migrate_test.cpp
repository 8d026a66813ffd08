// The C API of policy versions as a host uses it: a set of Merton versions, the one in
// force for a new dispute, the one a stored state names (drp_state_policy), and a dispute
// moved to a new version (drp_dispute_migrate) with the actions the move causes.
//
// Dates by hand (no bank holidays in March 2027): raised at IR1 on Mon 1 Mar 2027 09:00 GMT;
// 10 working days -> Mon 15 Mar; 15 working days -> Mon 22 Mar.
#include "capi_test.h"

#include <gtest/gtest.h>

#include <cstring>
#include <functional>
#include <string>

namespace {

using namespace drp_test;
using nlohmann::json;

struct free_versions { void operator()(drp_policy_versions* v) const { drp_policy_versions_free(v); } };
using versions_ptr = std::unique_ptr<drp_policy_versions, free_versions>;

const char* const id = "D-9";

std::string raise_ir1() {
    return event("raise", "2027-03-01T09:00:00Z",
                 {{"by", "IRO"}, {"child_ref", "C-2001"}, {"category", "resources"}, {"urgency", "standard"},
                  {"summary", "Placement funding refused"}, {"start_stage", "IR1"}, {"start_reason", "No remit"}},
                 id);
}

// Merton's seed as version `version` taking effect on `from`, changed by `edit`.
policy_ptr merton(const std::string& version, const std::string& from, const std::function<void(json&)>& edit = {}) {
    auto seed = builtin("merton");
    json j = json::parse(drp_policy_source(seed.get()));
    j["version"] = version;
    j["effective_from"] = from;
    if (edit) edit(j);
    drp_policy* p = nullptr;
    EXPECT_EQ(drp_policy_load(&p, nullptr, j.dump().c_str(), nullptr), DRP_OK) << drp_error_last();
    return policy_ptr(p);
}

void ir1_in_15_days(json& j) {
    for (auto& s : j["stages"])
        if (s["id"] == "IR1") s["timescale"] = {{"working_days", 15}};
}

std::string state(const drp_dispute* d) {
    char* text = nullptr;
    EXPECT_EQ(drp_dispute_state_json(&text, d, nullptr), DRP_OK) << drp_error_last();
    return string_ptr(text).get();
}

json list_json(const drp_list* l) {
    char* text = nullptr;
    EXPECT_EQ(drp_list_json(&text, l), DRP_OK);
    return json::parse(string_ptr(text).get());
}

const json* obligation(const json& s, const std::string& duty, const std::string& stage) {
    for (const auto& o : s["obligations"])
        if (o["id"] == duty && o["stage"] == stage) return &o;
    return nullptr;
}

// A set of Merton 1.0.0 (2025-01-01) and 1.1.0 (2027-04-01, IR1 in 15 working days),
// whose policy handles were freed once added.
versions_ptr merton_versions() {
    drp_policy_versions* v = nullptr;
    EXPECT_EQ(drp_policy_versions_new(&v), DRP_OK);
    versions_ptr set(v);
    EXPECT_EQ(drp_policy_versions_add(v, merton("1.1.0", "2027-04-01", ir1_in_15_days).get()), DRP_OK) << drp_error_last();
    EXPECT_EQ(drp_policy_versions_add(v, builtin("merton").get()), DRP_OK) << drp_error_last();
    return set;
}

}  // namespace

TEST(CApiPolicyVersions, TheVersionInForceOnADay) {
    const auto set = merton_versions();
    ASSERT_EQ(drp_policy_versions_count(set.get()), 2u);
    EXPECT_STREQ(drp_policy_version(drp_policy_versions_get(set.get(), 0)), "1.0.0");  // by effective_from
    EXPECT_STREQ(drp_policy_version(drp_policy_versions_get(set.get(), 1)), "1.1.0");
    EXPECT_EQ(drp_policy_versions_get(set.get(), 2), nullptr);
    const drp_policy* p = nullptr;
    ASSERT_EQ(drp_policy_versions_in_force(&p, set.get(), "2027-03-31"), DRP_OK);
    EXPECT_STREQ(drp_policy_version(p), "1.0.0");
    ASSERT_EQ(drp_policy_versions_in_force(&p, set.get(), "2027-04-01"), DRP_OK);
    EXPECT_STREQ(drp_policy_version(p), "1.1.0");
    EXPECT_EQ(p, drp_policy_versions_get(set.get(), 1));  // the set's own handle
    // A borrowed policy is a policy handle: disputes are made from it.
    dispute_ptr d = new_dispute(p);
    ASSERT_NE(d, nullptr);
    EXPECT_STREQ(drp_dispute_policy_version(d.get()), "1.1.0");

    EXPECT_EQ(drp_policy_versions_in_force(&p, set.get(), "2024-12-31"), DRP_EOUT_OF_RANGE);
    EXPECT_EQ(p, nullptr);
    EXPECT_NE(std::string(drp_error_last()).find("2025-01-01"), std::string::npos) << drp_error_last();
    EXPECT_EQ(drp_policy_versions_in_force(&p, set.get(), "2027-02-30"), DRP_EINVALID_DATE);
    EXPECT_EQ(drp_policy_versions_in_force(&p, set.get(), nullptr), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_policy_versions_in_force(nullptr, set.get(), "2027-04-01"), DRP_EINVALID_ARGUMENT);
}

TEST(CApiPolicyVersions, FindTheVersionAStoredStateNames) {
    const auto set = merton_versions();
    auto v11 = merton("1.1.0", "2027-04-01", ir1_in_15_days);
    dispute_ptr d = new_dispute(v11.get());
    ASSERT_EQ(drp_dispute_apply(nullptr, d.get(), raise_ir1().c_str()), DRP_OK) << drp_error_last();
    const std::string stored = state(d.get());

    char* pid = nullptr;
    char* version = nullptr;
    ASSERT_EQ(drp_state_policy(&pid, &version, stored.c_str()), DRP_OK) << drp_error_last();
    EXPECT_STREQ(string_ptr(pid).get(), "merton");
    const string_ptr v(version);
    EXPECT_STREQ(v.get(), "1.1.0");
    const drp_policy* p = nullptr;
    ASSERT_EQ(drp_policy_versions_find(&p, set.get(), v.get()), DRP_OK);
    drp_dispute* restored = nullptr;
    ASSERT_EQ(drp_dispute_from_json(&restored, p, stored.c_str()), DRP_OK) << drp_error_last();
    EXPECT_EQ(state(dispute_ptr(restored).get()), stored);

    EXPECT_EQ(drp_policy_versions_find(&p, set.get(), "9.9.9"), DRP_EOUT_OF_RANGE);
    EXPECT_EQ(p, nullptr);
    EXPECT_NE(std::string(drp_error_last()).find("9.9.9"), std::string::npos) << drp_error_last();
    EXPECT_EQ(drp_policy_versions_find(&p, set.get(), nullptr), DRP_EINVALID_ARGUMENT);
}

TEST(CApiPolicyVersions, AddRefusesAnotherPolicyOrARepeatAndLeavesTheSetUnchanged) {
    const auto set = merton_versions();
    EXPECT_EQ(drp_policy_versions_add(set.get(), builtin("qa-form").get()), DRP_EINVALID_ARGUMENT);
    const std::string message = drp_error_last();
    EXPECT_NE(message.find("qa-form"), std::string::npos) << message;
    EXPECT_NE(message.find("merton"), std::string::npos) << message;
    EXPECT_EQ(drp_policy_versions_add(set.get(), builtin("merton").get()), DRP_EINVALID_ARGUMENT);  // 1.0.0 again
    EXPECT_EQ(drp_policy_versions_add(set.get(), merton("1.2.0", "2027-04-01").get()), DRP_EINVALID_ARGUMENT);  // same day
    EXPECT_NE(std::string(drp_error_last()).find("1.1.0"), std::string::npos) << drp_error_last();
    EXPECT_EQ(drp_policy_versions_add(set.get(), nullptr), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_policy_versions_count(set.get()), 2u);
    EXPECT_STREQ(drp_policy_version(drp_policy_versions_get(set.get(), 1)), "1.1.0");
}

TEST(CApiPolicyVersions, NullAndHandlesOfTheWrongKind) {
    drp_policy_versions_free(nullptr);
    EXPECT_EQ(drp_policy_versions_new(nullptr), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_policy_versions_count(nullptr), 0u);
    EXPECT_EQ(drp_policy_versions_get(nullptr, 0), nullptr);
    auto p = builtin("merton");
    auto* wrong = reinterpret_cast<drp_policy_versions*>(p.get());
    EXPECT_EQ(drp_policy_versions_add(wrong, p.get()), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_policy_versions_count(wrong), 0u);
    drp_policy_versions_free(wrong);  // ignored: not a set
    EXPECT_STREQ(drp_policy_id(p.get()), "merton");
    const auto set = merton_versions();
    EXPECT_EQ(drp_policy_versions_add(set.get(), reinterpret_cast<const drp_policy*>(set.get())), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_dispute_policy_id(nullptr), nullptr);
    EXPECT_EQ(drp_dispute_policy_version(reinterpret_cast<const drp_dispute*>(p.get())), nullptr);
}

TEST(CApiStatePolicy, ReadsStrictlyWithoutLoadingAPolicy) {
    char* pid = nullptr;
    char* version = nullptr;
    // Either output may be left out.
    ASSERT_EQ(drp_state_policy(nullptr, &version, R"({"policy":{"id":"merton","version":"1.0.0"},"history":7})"), DRP_OK);
    EXPECT_STREQ(string_ptr(version).get(), "1.0.0");
    EXPECT_EQ(drp_state_policy(&pid, &version, "{"), DRP_EINVALID_JSON);
    EXPECT_EQ(pid, nullptr);
    EXPECT_EQ(version, nullptr);
    EXPECT_EQ(drp_state_policy(&pid, &version, R"({"policy":{"id":"merton","version":"1.0.0","version":"2.0.0"}})"),
              DRP_EINVALID_JSON);
    EXPECT_EQ(drp_state_policy(&pid, &version, R"({"policy":{"id":"merton"}})"), DRP_ESCHEMA);
    EXPECT_EQ(drp_state_policy(&pid, &version, R"({"policy":{"id":"merton","version":"v1"}})"), DRP_ESCHEMA);
    EXPECT_EQ(drp_state_policy(&pid, &version, "[1]"), DRP_ESCHEMA);
    EXPECT_EQ(pid, nullptr);
    EXPECT_EQ(drp_state_policy(&pid, &version, nullptr), DRP_EINVALID_ARGUMENT);
}

TEST(CApiMigrate, ALongerTimescaleMovesTheDueDateAndTheMoveRoundTrips) {
    const auto set = merton_versions();
    const drp_policy* v10 = drp_policy_versions_get(set.get(), 0);
    const drp_policy* v11 = drp_policy_versions_get(set.get(), 1);
    dispute_ptr d = new_dispute(v10);
    ASSERT_EQ(drp_dispute_apply(nullptr, d.get(), raise_ir1().c_str()), DRP_OK) << drp_error_last();
    const std::string before = state(d.get());
    EXPECT_EQ((*obligation(json::parse(before), "resolution", "IR1"))["due_date"], "2027-03-15");

    drp_dispute* m = nullptr;
    drp_list* actions = nullptr;
    ASSERT_EQ(drp_dispute_migrate(&m, &actions, d.get(), v11, "2027-04-01T08:00:00+01:00"), DRP_OK) << drp_error_last();
    const dispute_ptr moved(m);
    const list_ptr acts(actions);
    EXPECT_EQ(state(d.get()), before);  // the original is untouched
    EXPECT_STREQ(drp_dispute_policy_version(d.get()), "1.0.0");
    EXPECT_STREQ(drp_dispute_policy_id(moved.get()), "merton");
    EXPECT_STREQ(drp_dispute_policy_version(moved.get()), "1.1.0");
    EXPECT_STREQ(drp_dispute_id(moved.get()), id);

    ASSERT_EQ(drp_list_count(acts.get()), 1u) << list_json(acts.get()).dump();
    EXPECT_STREQ(drp_list_get(acts.get(), 0, "action"), "update");
    EXPECT_STREQ(drp_list_get(acts.get(), 0, "obligation"), "resolution");
    EXPECT_STREQ(drp_list_get(acts.get(), 0, "due_date"), "2027-03-22");
    EXPECT_STREQ(drp_list_get(acts.get(), 0, "due"), "2027-03-22T23:59:59+00:00");
    EXPECT_STREQ(drp_list_get(acts.get(), 0, "dispute_id"), id);

    const std::string text = state(moved.get());
    const json s = json::parse(text);
    EXPECT_EQ((*obligation(s, "resolution", "IR1"))["due_date"], "2027-03-22");
    EXPECT_EQ(s["moves"], json::parse(R"([{"at":"2027-04-01T08:00:00+01:00","from_version":"1.0.0","to_version":"1.1.0","events":1}])"));

    // Restored under the version it names, byte for byte; refused under the one it left.
    char* version = nullptr;
    ASSERT_EQ(drp_state_policy(nullptr, &version, text.c_str()), DRP_OK);
    const drp_policy* named = nullptr;
    ASSERT_EQ(drp_policy_versions_find(&named, set.get(), string_ptr(version).get()), DRP_OK);
    drp_dispute* r = nullptr;
    ASSERT_EQ(drp_dispute_from_json(&r, named, text.c_str()), DRP_OK) << drp_error_last();
    EXPECT_EQ(state(dispute_ptr(r).get()), text);
    EXPECT_EQ(drp_dispute_from_json(&r, v10, text.c_str()), DRP_ESCHEMA);
    EXPECT_EQ(r, nullptr);

    // Events after the move are applied under the new version, not before the move.
    EXPECT_EQ(drp_dispute_apply(nullptr, moved.get(),
                                event("respond", "2027-03-31T12:00:00Z", {{"adequate", true}}, id).c_str()),
              DRP_EOUT_OF_ORDER);
    EXPECT_EQ(drp_dispute_apply(nullptr, moved.get(),
                                event("respond", "2027-04-01T12:00:00Z", {{"adequate", true}}, id).c_str()),
              DRP_OK)
        << drp_error_last();
}

TEST(CApiMigrate, AVersionWithoutTheStageRefusesNamingTheEventAndChangesNothing) {
    auto v10 = builtin("merton");
    auto no_ir2 = merton("1.2.0", "2027-06-01", [](json& j) {
        auto& stages = j["stages"];
        for (auto s = stages.begin(); s != stages.end(); ++s)
            if ((*s)["id"] == "IR2") {
                stages.erase(s);
                break;
            }
    });
    dispute_ptr d = new_dispute(v10.get());
    ASSERT_EQ(drp_dispute_apply(nullptr, d.get(), raise_ir1().c_str()), DRP_OK);
    ASSERT_EQ(drp_dispute_apply(nullptr, d.get(), event("escalate", "2027-03-03T09:00:00Z", {{"reason", "not_resolved"}}, id).c_str()),
              DRP_OK)
        << drp_error_last();
    const std::string before = state(d.get());
    drp_dispute* m = reinterpret_cast<drp_dispute*>(1);  // set to NULL on failure
    drp_list* actions = reinterpret_cast<drp_list*>(1);
    EXPECT_EQ(drp_dispute_migrate(&m, &actions, d.get(), no_ir2.get(), "2027-06-01T09:00:00Z"), DRP_EUNKNOWN_STAGE);
    EXPECT_EQ(m, nullptr);
    EXPECT_EQ(actions, nullptr);
    const std::string message = drp_error_last();
    EXPECT_NE(message.find("event 1 (escalate)"), std::string::npos) << message;
    EXPECT_NE(message.find("merton 1.2.0"), std::string::npos) << message;
    EXPECT_EQ(message.find("C-2001"), std::string::npos) << message;
    EXPECT_EQ(message.find("Placement"), std::string::npos) << message;
    EXPECT_EQ(state(d.get()), before);
}

TEST(CApiMigrate, BadArgumentsAreRefused) {
    auto v10 = builtin("merton");
    auto v11 = merton("1.1.0", "2027-04-01", ir1_in_15_days);
    dispute_ptr d = new_dispute(v10.get());
    ASSERT_EQ(drp_dispute_apply(nullptr, d.get(), raise_ir1().c_str()), DRP_OK);
    drp_dispute* m = nullptr;
    EXPECT_EQ(drp_dispute_migrate(&m, nullptr, d.get(), v11.get(), nullptr), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_dispute_migrate(&m, nullptr, d.get(), v11.get(), "2027-04-31"), DRP_EINVALID_DATE);
    EXPECT_EQ(drp_dispute_migrate(&m, nullptr, d.get(), v11.get(), "2027-02-28"), DRP_EOUT_OF_ORDER);  // its end: before the raise
    EXPECT_EQ(drp_dispute_migrate(&m, nullptr, d.get(), v11.get(), "2027-02-01T09:00:00Z"), DRP_EOUT_OF_ORDER);
    EXPECT_EQ(drp_dispute_migrate(&m, nullptr, d.get(), v10.get(), "2027-04-01T09:00:00Z"), DRP_EINVALID_ARGUMENT);  // same version
    EXPECT_EQ(drp_dispute_migrate(&m, nullptr, d.get(), builtin("qa-form").get(), "2027-04-01T09:00:00Z"), DRP_EINVALID_ARGUMENT);
    EXPECT_NE(std::string(drp_error_last()).find("qa-form"), std::string::npos) << drp_error_last();
    EXPECT_EQ(drp_dispute_migrate(nullptr, nullptr, d.get(), v11.get(), "2027-04-01T09:00:00Z"), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_dispute_migrate(&m, nullptr, nullptr, v11.get(), "2027-04-01T09:00:00Z"), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_dispute_migrate(&m, nullptr, d.get(), nullptr, "2027-04-01T09:00:00Z"), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(m, nullptr);
    // actions may be NULL; a local date is the end of that day.
    ASSERT_EQ(drp_dispute_migrate(&m, nullptr, d.get(), v11.get(), "2027-04-01"), DRP_OK) << drp_error_last();
    const dispute_ptr moved(m);
    EXPECT_EQ(json::parse(state(moved.get()))["moves"][0]["at"], "2027-04-01T23:59:59+01:00");
}
