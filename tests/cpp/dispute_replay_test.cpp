// dispute::replay (an event applied without working out actions) against dispute::apply,
// on the hand-worked example logs of every seed authority (examples/events/).
#include "drp/dispute.hpp"
#include "drp/error.hpp"
#include "drp/policy.hpp"

#include <gtest/gtest.h>

#include "seed_params.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <limits>
#include <map>

namespace {

using nlohmann::json;

std::vector<drp::event> example_log(const std::string& seed) {
    std::ifstream in(std::filesystem::path(DRP_SOURCE_DIR) / "examples" / "events" / (seed + ".jsonl"));
    std::vector<drp::event> out;
    for (std::string line; std::getline(in, line);)
        if (line.find_first_not_of(" \t\r") != std::string::npos) out.push_back(drp::parse_event(std::string_view(line)));
    return out;
}

class DisputeReplay : public testing::TestWithParam<std::string> {};

TEST_P(DisputeReplay, GivesTheStateAndHistoryApplyGives) {
    const auto p = drp::builtin_policy(GetParam());
    const auto events = example_log(GetParam());
    ASSERT_GT(events.size(), 5u);
    std::map<std::string, drp::dispute> applied, replayed;
    for (const auto& e : events) {
        auto a = applied.try_emplace(e.dispute_id, p).first;
        auto r = replayed.try_emplace(e.dispute_id, p).first;
        std::optional<drp::errc> apply_error, replay_error;
        try {
            a->second.apply(e);
        } catch (const drp::error& err) {
            apply_error = err.code();
        }
        const drp::dispute_state before = r->second.state();
        const std::size_t history = r->second.history().size();
        try {
            r->second.replay(drp::event(e));
        } catch (const drp::error& err) {
            replay_error = err.code();
            EXPECT_EQ(r->second.state(), before) << "a refused replay changed the state";
            EXPECT_EQ(r->second.history().size(), history) << "a refused replay entered the history";
        }
        EXPECT_EQ(apply_error, replay_error);
        EXPECT_EQ(a->second.state(), r->second.state());
    }
    for (const auto& [id, d] : applied) EXPECT_EQ(d.to_json(), replayed.at(id).to_json()) << id;
}

TEST_P(DisputeReplay, RefusesWhatApplyRefusesAndChangesNothing) {
    const auto p = drp::builtin_policy(GetParam());
    const auto events = example_log(GetParam());
    drp::dispute d(p);
    d.replay(drp::event(events.front()));
    const json before = d.to_json();
    drp::event early = events.front();
    early.type = drp::event_type::respond;
    early.at -= std::chrono::hours{1};  // before the raise: out of order
    try {
        d.replay(std::move(early));
        FAIL() << "an event earlier than the last one was accepted";
    } catch (const drp::error& e) {
        EXPECT_EQ(e.code(), drp::errc::out_of_order);
    }
    EXPECT_EQ(d.to_json(), before);
    EXPECT_EQ(d.history().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Seeds, DisputeReplay, seed_params::all(), seed_params::name);

}  // namespace

namespace {

// An action that fails after its guard passed must not leave a half-changed state: here a
// time out taken with a deadline agreed for the last year events may name (2190), resumed so
// late that the remaining working days run past 2199 (the calendar's end).
TEST(StrongGuarantee, AnActionThatFailsLeavesTheDisputeAsItWas) {
    drp::dispute d(drp::builtin_policy("merton"));
    d.apply(json{{"type", "raise"}, {"at", "2027-03-01T09:00:00Z"}, {"dispute_id", "D-1"}, {"child_ref", "C1"},
                 {"category", "care_planning"}, {"urgency", "standard"}, {"summary", "plan drifting"}, {"due", "2027-03-02"}});
    d.apply(json{{"type", "escalate"}, {"at", "2027-03-03T09:00:00Z"}, {"dispute_id", "D-1"}, {"reason", "not_resolved"},
                 {"to", "IR1"}, {"note", "no progress"}});
    d.apply(json{{"type", "extend"}, {"at", "2027-03-04T09:00:00Z"}, {"dispute_id", "D-1"}, {"agreed_by", "IRO"},
                 {"until", "2190-12-31"}});
    d.apply(json{{"type", "pause"}, {"at", "2027-03-05T09:00:00Z"}, {"dispute_id", "D-1"}, {"approved_by", "IRO_MANAGER"},
                 {"reason", "new social worker"}});
    const json before = d.to_json();
    const drp::dispute_state before_state = d.state();
    try {
        d.apply(json{{"type", "resume"}, {"at", "2190-06-01T09:00:00Z"}, {"dispute_id", "D-1"}});
        FAIL() << "a resume whose deadline runs past the calendar was accepted";
    } catch (const drp::error& e) {
        EXPECT_EQ(e.code(), drp::errc::out_of_range) << e.what();
    }
    EXPECT_EQ(d.to_json(), before);
    EXPECT_TRUE(d.state() == before_state);
    EXPECT_EQ(d.history().size(), 4u);
    // The dispute carries on: resuming within the calendar's years is accepted.
    d.apply(json{{"type", "resume"}, {"at", "2027-03-08T09:00:00Z"}, {"dispute_id", "D-1"}});
    EXPECT_FALSE(d.state().paused);
}

TEST(StrongGuarantee, EventsOutsideTheSupportedYearsAreRefusedBeforeTheyRun) {
    drp::dispute d(drp::builtin_policy("merton"));
    drp::event e;
    e.type = drp::event_type::raise;
    e.dispute_id = "D-1";
    e.child_ref = "C1";
    e.category = "care_planning";
    e.urgency = "standard";
    e.summary = "plan drifting";
    e.at = drp::instant{std::chrono::sys_days{std::chrono::year{1950} / 1 / 1}};
    EXPECT_THROW(d.apply(e), drp::error);
    e.at = drp::instant{std::chrono::seconds{std::numeric_limits<long long>::max() / 2}};
    EXPECT_THROW(d.apply(e), drp::error);
    EXPECT_TRUE(d.history().empty());
    e.at = drp::parse_rfc3339("2027-03-01T09:00:00Z");
    e.due = drp::due_time{std::chrono::sys_days{std::chrono::year{2500} / 1 / 1}};
    EXPECT_THROW(d.apply(e), drp::error);
}

}  // namespace
