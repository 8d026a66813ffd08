// Shared helpers of the scenario tests: a dispute under a built-in seed policy, fed events
// as hosts send them (JSON text), and read back through dispute::to_json.
//
// Every expected date in the scenario tests is worked out by hand from the calendar and
// the England-and-Wales bank holidays in policies/bank-holidays.json (the comment beside
// each expectation says how); none is taken from the engine.
//
// Bank holidays used (england-and-wales):
//   2026: Fri 25 Dec Christmas Day, Mon 28 Dec Boxing Day (substitute day)
//   2027: Fri 1 Jan New Year's Day, Fri 26 Mar Good Friday, Mon 29 Mar Easter Monday,
//         Mon 3 May, Mon 31 May, Mon 30 Aug Summer bank holiday,
//         Mon 27 Dec Christmas Day (substitute), Tue 28 Dec Boxing Day (substitute)
// Clock changes (Europe/London): forward Sun 28 Mar 2027 01:00 GMT -> 02:00 BST;
//   back Sun 31 Oct 2027 02:00 BST -> 01:00 GMT.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "drp/dispute.hpp"
#include "drp/error.hpp"
#include "drp/render.hpp"
#include "drp/event.hpp"
#include "drp/policy.hpp"
#include "drp/time.hpp"

namespace drp {
// GoogleTest prints an error code by name ("not_permitted") rather than as bytes.
inline void PrintTo(errc code, std::ostream* os) { *os << to_string(code); }
}  // namespace drp

namespace scenario {

using nlohmann::json;

inline constexpr const char* dispute_id = "D1";

/// The JSON text of an event, with "dispute_id" filled in when the literal leaves it out
/// (the scenarios are about one dispute each; leaving it out keeps them readable).
inline std::string event_text(std::string_view text) {
    json j = json::parse(text);
    if (j.is_object() && !j.contains("dispute_id")) j["dispute_id"] = dispute_id;
    return j.dump();
}

/// A dispute under a built-in seed policy.
class case_file {
public:
    explicit case_file(std::string_view policy_name) : d_(drp::builtin_policy(policy_name)) {}
    /// A dispute under a policy the test wrote (an invented authority's protocol).
    explicit case_file(drp::policy p) : d_(std::move(p)) {}

    /// Parses the JSON text as a host sends it and applies it; returns the actions.
    std::vector<drp::action> apply(std::string_view text) { const std::string json_text = event_text(text);
        return d_.apply(drp::parse_event(std::string_view(json_text))); }

    json state() const { return d_.to_json(); }
    json as_of(std::string_view rfc3339) const { return d_.to_json(drp::parse_rfc3339(rfc3339)); }
    std::string stage() const { return d_.to_json()["stage"].get<std::string>(); }
    std::string explain(std::string_view id, std::string_view stage) const {
        for (const auto& o : d_.to_json()["obligations"])
            if (o["id"] == id && o["stage"] == stage) return o["explain"].get<std::string>();
        return {};
    }
    const drp::dispute& dispute() const { return d_; }
    drp::dispute& dispute() { return d_; }

private:
    drp::dispute d_;
};

/// The obligations of a state with this id (and stage, if given), in creation order.
inline std::vector<json> obligations(const json& state, std::string_view id, std::optional<std::string_view> stage = std::nullopt) {
    std::vector<json> out;
    for (const auto& o : state.at("obligations")) {
        if (o.at("id") != id) continue;
        if (stage && (o.at("stage").is_null() || o.at("stage") != *stage)) continue;
        out.push_back(o);
    }
    return out;
}

/// The one obligation with this id (and stage); an empty object, and a test failure, when
/// there is none or more than one.
inline json obligation(const json& state, std::string_view id, std::optional<std::string_view> stage = std::nullopt) {
    const auto found = obligations(state, id, stage);
    if (found.size() != 1) {
        ADD_FAILURE() << "expected one obligation '" << id << "'" << (stage ? " at stage '" + std::string(*stage) + "'" : "")
                      << ", found " << found.size() << " in " << state.at("obligations").dump(1);
        return json::object();
    }
    return found.front();
}

/// The error code a callable throws (errc::ok when it does not throw).
template <class F>
drp::errc code_of(F&& f) {
    try {
        f();
    } catch (const drp::error& e) {
        return e.code();
    }
    return drp::errc::ok;
}

/// Applies an event that must be refused with `expected`, and checks that the dispute is
/// exactly as it was: same JSON state (as of no time), same internal state, same history.
inline testing::AssertionResult refused(case_file& c, std::string_view text, drp::errc expected) {
    const json before = c.state();
    const drp::dispute_state before_state = c.dispute().state();
    const std::size_t before_history = c.dispute().history().size();
    std::string message;
    drp::errc got = drp::errc::ok;
    try {
        c.apply(text);
    } catch (const drp::error& e) {
        got = e.code();
        message = e.what();
    }
    if (got != expected)
        return testing::AssertionFailure() << "expected [drp." << drp::to_string(expected) << "], got "
                                           << (got == drp::errc::ok ? std::string("acceptance") : message) << " for " << text;
    if (c.state() != before) return testing::AssertionFailure() << "refused event changed the JSON state: " << text;
    if (!(c.dispute().state() == before_state)) return testing::AssertionFailure() << "refused event changed the state: " << text;
    if (c.dispute().history().size() != before_history)
        return testing::AssertionFailure() << "refused event entered the history: " << text;
    return testing::AssertionSuccess() << message;
}

/// An invented authority's policy: tests/fixtures/policies/valid/minimal.json's shape, one
/// formal stage "stage1" (TM, 5 working days) unless `edit` changes it, loaded as a policy.
inline json invented_policy_json() {
    return json::parse(R"({
      "id": "invented", "version": "1.0.0", "effective_from": "2024-01-01", "title": "Invented escalation protocol",
      "authority": "Test Borough Council", "source": {"document": "tests"}, "division": "england-and-wales",
      "time_zone": "Europe/London", "applies_to": ["IRO"],
      "roles": {"IRO": {"title": "Independent Reviewing Officer"}, "TM": {"title": "Team Manager"}},
      "stages": [{"id": "stage1", "title": "Stage 1", "level": 1, "kind": "formal",
                  "raised_by": ["IRO"], "responder": ["TM"], "timescale": {"working_days": 5}}],
      "rules": {"bypass": {"allowed": false}, "start_above_first": {"allowed": false}, "pause": {"allowed": false},
                "extension": {"allowed": false}, "escalation": {"reasons": {"not_resolved": {}}},
                "referral": {"allowed": true, "to": "cafcass", "at_any_point": true, "concurrent_allowed": true},
                "legal_advice": {"allowed": true, "at_any_point": true}}})");
}
inline drp::policy load_invented(const json& doc) { return drp::load_policy(doc.dump(), "invented.json"); }

// The Mermaid drawing of a policy document, its line breaks read as spaces.
inline std::string drawn(const json& doc) {
    std::string m = drp::render_mermaid(load_invented(doc));
    for (std::size_t at; (at = m.find("<br/>")) != std::string::npos;) m.replace(at, 5, " ");
    return m;
}

/// A Merton dispute "D-1" raised on Mon 2 Mar 2026 straight at `stage`, with a start reason:
/// for the tests that build events in code or read the engine's own obligations.
inline drp::dispute merton_started_at(const char* stage) {
    drp::dispute d(drp::builtin_policy("merton"));
    d.apply(json{{"type", "raise"}, {"at", "2026-03-02T09:00:00Z"}, {"dispute_id", "D-1"}, {"child_ref", "C1"},
                 {"category", "care_planning"}, {"urgency", "standard"}, {"summary", "plan drifting"},
                 {"start_stage", stage}, {"start_reason", "significant concern"}});
    return d;
}

/// The first obligation of the dispute made by the duty with this id; throws when there is none.
inline drp::obligation obligation_for_duty(const drp::dispute& d, const std::string& duty_id) {
    for (const auto& o : d.state().obligations())
        if (duty_of(d.rules(), o).id == duty_id) return o;
    throw std::runtime_error("no obligation " + duty_id);
}

/// True when the actions include one with this verb (do, update, done, cancel) for a duty
/// with this obligation id.
inline bool has_action(const drp::dispute& d, const std::vector<drp::action>& actions, std::string_view verb,
                       std::string_view obligation_id) {
    for (const auto& a : actions)
        if (a.verb == verb && duty_of(d.rules(), d.state().obligation_at(a.index)).id == obligation_id) return true;
    return false;
}

}  // namespace scenario
