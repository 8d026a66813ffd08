// drp/event.hpp — what happens in a dispute (DESIGN.md §4.2, schemas/event.schema.json).
//
// Events arrive as JSON (one per line in logs). parse_event checks the fields the
// engine relies on and turns them into this plain value; to_json gives the JSON back
// (the history in a dispute state is made of these).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "drp/calendar.hpp"
#include "drp/time.hpp"

namespace drp {

enum class event_type {
    raise, escalate, respond, extend, pause, resume, legal_advice, consult, refer,
    referral_decision, meeting, record, notify, resolve, withdraw, other_route, other_route_ended
};
std::string_view to_string(event_type t) noexcept;
std::optional<event_type> event_type_from_string(std::string_view text) noexcept;

/// A date ("2027-01-07": the end of that local day) or an exact instant.
using due_time = std::variant<date, instant>;

/// "YYYY-MM-DD" for a date, RFC 3339 in UTC for an instant (as events write them).
std::string to_string(const due_time& d);

struct event {
    event_type type = event_type::raise;
    instant at{};
    std::string dispute_id;
    std::string by;    // role, optional
    std::string note;  // free text, optional; never logged by default

    // raise
    std::string child_ref, category, urgency, summary, start_stage, start_reason, policy_version;
    std::string team;  // the team the concern is about (for recurring themes), optional
    std::string case_type;  // raise: looked_after, child_protection, ... (a condition fact), optional
    bool cross_council = false;
    // raise / escalate (agreed date), extend (until)
    std::optional<due_time> due;
    // escalate
    std::string reason, to;
    // respond, referral_decision
    bool adequate = false, accepted = false;
    // respond: the roles who judged the response, together ("judged_by"); empty when the
    // event does not say (the IRO's judgement)
    std::vector<std::string> judged_by;
    // extend
    std::string agreed_by;
    // pause
    std::string approved_by;
    // consult (role), notify (role)
    std::string role;
    std::optional<bool> agreed;  // consult: none when the event did not say
    // refer
    std::string refer_to;
    bool concurrent = false;
    // meeting
    std::string meeting_kind;
    // record / notify: the obligation, and optionally the stage it belongs to
    std::string obligation, stage;
    // resolve
    std::string impact;
    // other_route, other_route_ended: the other way the concern is taken ("complaint", "advocacy")
    std::string route;
};

/// Parses one event object. Throws drp::error(invalid_event) naming the field and the
/// problem ("/urgency: expected standard, urgent or imminent_risk"); invalid_json for
/// text that is not JSON. The text overload is event_parser().parse(json_text).
event parse_event(const nlohmann::json& j);
event parse_event(std::string_view json_text);

/// Parses event text straight into drp::event, without building a JSON document
/// (simdjson On-Demand). Accepts exactly the events parse_event(const nlohmann::json&)
/// accepts and refuses the others with the same error and message: text the fast path
/// does not take as it stands (not JSON, duplicate keys, a number, null, array or object
/// as a value, very long text) goes through nlohmann::json, so invalid_json messages
/// keep their line and column.
///
/// It keeps its buffers between calls: a replay loop makes one and parses every line with
/// it. Not thread-safe: one per thread. A moved-from parser may be used again.
class event_parser {
public:
    event_parser();
    ~event_parser();
    event_parser(event_parser&&) noexcept;
    event_parser& operator=(event_parser&&) noexcept;

    event parse(std::string_view json_text);

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// Checks an event built in code rather than parsed: the fields its type needs are there
/// and enumerations hold known values. Throws drp::error(invalid_event) naming the field.
void check_event(const event& e);

/// The event as JSON, with only the fields its type uses.
nlohmann::json to_json(const event& e);

}  // namespace drp
