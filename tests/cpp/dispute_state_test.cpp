// The dispute state as a value: loaded back from its JSON (a malformed state is a
// drp::error(schema), never an nlohmann exception: DESIGN.md §4.4) and compared.
#include <concepts>

#include "scenario_support.hpp"

using namespace scenario;

// dispute::from_json once let nlohmann::json::type_error escape when a field it reads as a
// string was there but not a string (found by reading, confirmed with fuzz_state).
TEST(DisputeState, a_policy_id_that_is_not_a_string_is_a_schema_error) {
    const auto p = drp::builtin_policy("merton");
    try {
        drp::dispute::from_json(p, json::parse(R"({"policy":{"id":5,"version":"1.0.0"},"history":[]})"));
        FAIL() << "accepted";
    } catch (const drp::error& err) {
        EXPECT_EQ(err.code(), drp::errc::schema);
    }
}

TEST(DisputeState, an_obligation_status_that_is_not_a_string_is_a_schema_error) {
    const auto p = drp::builtin_policy("merton");
    try {
        drp::dispute::from_json(
            p, json::parse(R"({"policy":{"id":"merton","version":"1.0.0"},"history":[],"obligations":[{"status":7}]})"));
        FAIL() << "accepted";
    } catch (const drp::error& err) {
        EXPECT_EQ(err.code(), drp::errc::schema);
    }
}

// A state compares equal to itself and to its copy, and unequal once an event changes it
// (refused() in scenario_support.hpp relies on it to prove a refusal changed nothing).
static_assert(std::equality_comparable<drp::dispute_state>);
TEST(DisputeState, compares_equal_to_itself_and_its_copy_and_not_after_an_event) {
    auto d = merton_started_at("IR1");
    const drp::dispute_state copy = d.state();
    EXPECT_TRUE(d.state() == d.state());
    EXPECT_TRUE(copy == d.state());
    d.apply(json{{"type", "consult"}, {"at", "2026-03-02T10:00:00Z"}, {"dispute_id", "D-1"}, {"role", "HOS_QAPD"}});
    EXPECT_FALSE(copy == d.state());
}
