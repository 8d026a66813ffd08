// drp::policy_versions (the versions of one policy, the one in force on a day) and
// drp::state_policy (the policy a stored state names, read without loading one).
#include <gtest/gtest.h>

#include <functional>

#include <nlohmann/json.hpp>

#include "drp/dispute.hpp"
#include "drp/policy_versions.hpp"

namespace {

using nlohmann::json;

// Merton's seed as another version: `version`, taking effect on `from`.
drp::policy merton_version(const std::string& version, const std::string& from) {
    json j = json::parse(drp::builtin_policy("merton").source_text());
    j["version"] = version;
    j["effective_from"] = from;
    return drp::load_policy(j.dump(), "merton-" + version + ".json");
}

drp::errc code_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const drp::error& e) {
        return e.code();
    }
    return drp::errc::ok;
}

std::string message_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const drp::error& e) {
        return e.what();
    }
    return {};
}

}  // namespace

TEST(PolicyVersions, the_version_in_force_is_the_latest_that_took_effect_by_that_day) {
    drp::policy_versions set;
    // Added out of order: the set keeps them by effective_from.
    set.add(merton_version("1.2.0", "2028-01-01"));
    set.add(drp::builtin_policy("merton"));  // 1.0.0, effective 2025-01-01
    set.add(merton_version("1.1.0", "2027-04-01"));
    ASSERT_EQ(set.size(), 3u);
    EXPECT_EQ(set.id(), "merton");
    EXPECT_EQ(set.list()[0].version(), "1.0.0");
    EXPECT_EQ(set.list()[1].version(), "1.1.0");
    EXPECT_EQ(set.list()[2].version(), "1.2.0");

    EXPECT_EQ(set.in_force(drp::parse_date("2025-01-01")).version(), "1.0.0");  // its first day
    EXPECT_EQ(set.in_force(drp::parse_date("2027-03-31")).version(), "1.0.0");  // the day before 1.1.0
    EXPECT_EQ(set.in_force(drp::parse_date("2027-04-01")).version(), "1.1.0");
    EXPECT_EQ(set.in_force(drp::parse_date("2027-12-31")).version(), "1.1.0");
    EXPECT_EQ(set.in_force(drp::parse_date("2028-01-01")).version(), "1.2.0");
    EXPECT_EQ(set.in_force(drp::parse_date("2199-12-31")).version(), "1.2.0");
}

TEST(PolicyVersions, no_version_in_force_is_out_of_range_naming_the_earliest) {
    drp::policy_versions set;
    EXPECT_EQ(code_of([&] { (void)set.in_force(drp::parse_date("2027-01-01")); }), drp::errc::out_of_range);
    EXPECT_NE(message_of([&] { (void)set.in_force(drp::parse_date("2027-01-01")); }).find("empty"), std::string::npos);
    set.add(drp::builtin_policy("merton"));
    const auto message = message_of([&] { (void)set.in_force(drp::parse_date("2024-12-31")); });
    EXPECT_NE(message.find("2024-12-31"), std::string::npos) << message;
    EXPECT_NE(message.find("2025-01-01"), std::string::npos) << message;
    EXPECT_EQ(code_of([&] { (void)set.in_force(drp::parse_date("2024-12-31")); }), drp::errc::out_of_range);
}

TEST(PolicyVersions, find_gives_the_version_a_stored_state_names) {
    drp::policy_versions set;
    set.add(drp::builtin_policy("merton"));
    set.add(merton_version("1.1.0", "2027-04-01"));
    ASSERT_NE(set.find("1.1.0"), nullptr);
    EXPECT_EQ(set.find("1.1.0")->effective_from(), drp::parse_date("2027-04-01"));
    EXPECT_EQ(set.find("1.0.0")->version(), "1.0.0");
    EXPECT_EQ(set.find("1.0"), nullptr);
    EXPECT_EQ(set.find("2.0.0"), nullptr);
}

TEST(PolicyVersions, add_refuses_another_policy_a_repeated_version_or_effective_from) {
    drp::policy_versions set;
    set.add(drp::builtin_policy("merton"));
    const auto other = message_of([&] { set.add(drp::builtin_policy("qa-form")); });
    EXPECT_NE(other.find("qa-form"), std::string::npos) << other;
    EXPECT_NE(other.find("merton"), std::string::npos) << other;
    EXPECT_EQ(code_of([&] { set.add(drp::builtin_policy("qa-form")); }), drp::errc::invalid_argument);

    EXPECT_EQ(code_of([&] { set.add(merton_version("1.0.0", "2027-04-01")); }), drp::errc::invalid_argument);
    const auto same_day = message_of([&] { set.add(merton_version("1.1.0", "2025-01-01")); });
    EXPECT_NE(same_day.find("1.1.0"), std::string::npos) << same_day;
    EXPECT_NE(same_day.find("1.0.0"), std::string::npos) << same_day;
    EXPECT_NE(same_day.find("2025-01-01"), std::string::npos) << same_day;
    // Each refusal left the set as it was.
    ASSERT_EQ(set.size(), 1u);
    EXPECT_EQ(set.list()[0].version(), "1.0.0");
    EXPECT_EQ(set.find("1.1.0"), nullptr);
}

TEST(PolicyVersions, copies_share_the_policies_and_are_independent) {
    drp::policy_versions a;
    a.add(drp::builtin_policy("merton"));
    drp::policy_versions b = a;
    b.add(merton_version("1.1.0", "2027-04-01"));
    EXPECT_EQ(a.size(), 1u);
    EXPECT_EQ(b.size(), 2u);
    EXPECT_EQ(&a.list()[0].internals(), &b.list()[0].internals());
}

TEST(StatePolicy, reads_the_policy_of_a_stored_state) {
    drp::dispute d(merton_version("1.1.0", "2027-04-01"));
    d.apply_json(R"({"type":"raise","at":"2027-04-05T09:00:00+01:00","dispute_id":"D-1","child_ref":"C-1",)"
                 R"("category":"drift_delay","urgency":"standard","summary":"s","due":"2027-04-16"})");
    const auto ref = drp::state_policy(d.to_json().dump());
    EXPECT_EQ(ref.id, "merton");
    EXPECT_EQ(ref.version, "1.1.0");
    EXPECT_EQ(drp::state_policy(drp::dispute(drp::builtin_policy("merton")).to_json().dump()),
              (drp::policy_ref{"merton", "1.0.0"}));
}

TEST(StatePolicy, reads_only_the_policy_member) {
    // The history is not read: a state whose history no policy could replay still names its policy.
    EXPECT_EQ(drp::state_policy(R"({"history":"not events","policy":{"id":"trust-qas","version":"2.10.0-rc.1"}})").version,
              "2.10.0-rc.1");
}

TEST(StatePolicy, reads_strictly) {
    using drp::errc;
    const auto code = [](const std::string& text) { return code_of([&] { (void)drp::state_policy(text); }); };
    EXPECT_EQ(code("not json"), errc::invalid_json);
    EXPECT_EQ(code(R"({"policy":{"id":"merton","version":"1.0.0"}} x)"), errc::invalid_json);
    EXPECT_EQ(code(R"({"policy":{"id":"merton","version":"1.0.0"},"policy":{"id":"merton","version":"2.0.0"}})"),
              errc::invalid_json);  // a repeated key: hosts' parsers disagree which one counts
    std::string nul = R"({"policy":{"id":"merton","version":"1.0.0"}})";
    nul.push_back('\0');
    EXPECT_EQ(code(nul), errc::invalid_json);
    EXPECT_EQ(code("[]"), errc::schema);
    EXPECT_EQ(code("{}"), errc::schema);
    EXPECT_EQ(code(R"({"policy":"merton"})"), errc::schema);
    EXPECT_EQ(code(R"({"policy":{"id":"merton"}})"), errc::schema);
    EXPECT_EQ(code(R"({"policy":{"version":"1.0.0"}})"), errc::schema);
    EXPECT_EQ(code(R"({"policy":{"id":"Merton","version":"1.0.0"}})"), errc::schema);
    EXPECT_EQ(code(R"({"policy":{"id":"merton","version":"1.0"}})"), errc::schema);
    EXPECT_EQ(code(R"({"policy":{"id":"merton","version":"01.0.0"}})"), errc::schema);
    EXPECT_EQ(code(R"({"policy":{"id":"merton","version":1}})"), errc::schema);
    EXPECT_EQ(code(R"({"policy":{"id":"merton","version":"1.0.0","x":1}})"), errc::schema);
    EXPECT_EQ(code(R"({"policy":{"id":"merton","version":"1.0.0"}})"), errc::ok);
}
