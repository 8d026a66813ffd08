// Each event type as its rules see it: only the fields that type's guard and action read,
// lent from the drp::event (which outlives the rule's run). The wire format, drp::event and
// the history are unchanged; an event's type is mapped to its struct once, when it enters
// the machine (engine/run.cpp). So the extend rule cannot read child_ref, and free text
// reaches a rule only as "given or not" (a bypass's note, a time out's reason, an impact).
#pragma once

#include <optional>
#include <string>

#include "drp/event.hpp"

namespace drp::engine {

struct raise_event {
    instant at;
    const std::string& by;
    const std::string& category;
    const std::string& urgency;
    const std::string& start_stage;
    bool has_start_reason;
    const std::string& policy_version;
    bool cross_council;
    const std::optional<due_time>& due;  // an agreed date
    const std::string& case_type;
};
struct escalate_event {
    instant at;
    const std::string& by;
    const std::string& reason;  // no_response, inadequate_response, not_resolved, discretion
    const std::string& to;
    bool has_note;  // a bypass gives its reason in the note
    const std::optional<due_time>& due;
};
struct respond_event {
    instant at;
    const std::string& by;
    bool adequate;
    const std::vector<std::string>& judged_by;
};
struct extend_event {
    instant at;
    const std::string& agreed_by;
    const std::optional<due_time>& due;  // until (the event's check made it required)
};
struct pause_event {
    instant at;
    const std::string& approved_by;
    bool has_reason;
};
struct consult_event {
    instant at;
    const std::string& role;
    std::optional<bool> agreed;
};
struct refer_event {
    instant at;
    bool concurrent;
};
struct referral_decision_event {
    instant at;
    bool accepted;
};
struct meeting_event {
    instant at;
    const std::string& meeting_kind;
};
/// record and notify: the duty named (and its stage), or for notify the role told.
struct named_duty_event {
    event_type type;
    instant at;
    const std::string& obligation;
    const std::string& stage;
    const std::string& role;
    const std::string& by;  // who did it: counts towards an every_role duty
};
struct resolve_event {
    instant at;
    bool has_impact;
};
/// other_route, other_route_ended: the route.
struct route_event {
    instant at;
    const std::string& route;
};
/// resume, legal_advice, withdraw: when, and nothing else the rules read.
struct moment_event {
    instant at;
};

/// The struct each event type's rules take.
template <event_type T>
struct fields;
template <> struct fields<event_type::raise> { using type = raise_event; };
template <> struct fields<event_type::escalate> { using type = escalate_event; };
template <> struct fields<event_type::respond> { using type = respond_event; };
template <> struct fields<event_type::extend> { using type = extend_event; };
template <> struct fields<event_type::pause> { using type = pause_event; };
template <> struct fields<event_type::resume> { using type = moment_event; };
template <> struct fields<event_type::legal_advice> { using type = moment_event; };
template <> struct fields<event_type::consult> { using type = consult_event; };
template <> struct fields<event_type::refer> { using type = refer_event; };
template <> struct fields<event_type::referral_decision> { using type = referral_decision_event; };
template <> struct fields<event_type::meeting> { using type = meeting_event; };
template <> struct fields<event_type::record> { using type = named_duty_event; };
template <> struct fields<event_type::notify> { using type = named_duty_event; };
template <> struct fields<event_type::resolve> { using type = resolve_event; };
template <> struct fields<event_type::withdraw> { using type = moment_event; };
template <> struct fields<event_type::other_route> { using type = route_event; };
template <> struct fields<event_type::other_route_ended> { using type = route_event; };
template <event_type T>
using fields_t = typename fields<T>::type;

/// The fields of `e` (whose type is T) that T's rules read.
template <event_type T>
fields_t<T> fields_of(const event& e) {
    using E = event_type;
    if constexpr (T == E::raise)
        return {e.at, e.by, e.category, e.urgency, e.start_stage, !e.start_reason.empty(), e.policy_version, e.cross_council, e.due,
                e.case_type};
    else if constexpr (T == E::escalate)
        return {e.at, e.by, e.reason, e.to, !e.note.empty(), e.due};
    else if constexpr (T == E::respond)
        return {e.at, e.by, e.adequate, e.judged_by};
    else if constexpr (T == E::extend)
        return {e.at, e.agreed_by, e.due};
    else if constexpr (T == E::pause)
        return {e.at, e.approved_by, !e.reason.empty()};
    else if constexpr (T == E::consult)
        return {e.at, e.role, e.agreed};
    else if constexpr (T == E::refer)
        return {e.at, e.concurrent};
    else if constexpr (T == E::referral_decision)
        return {e.at, e.accepted};
    else if constexpr (T == E::meeting)
        return {e.at, e.meeting_kind};
    else if constexpr (T == E::record || T == E::notify)
        return {T, e.at, e.obligation, e.stage, e.role, e.by};
    else if constexpr (T == E::resolve)
        return {e.at, !e.impact.empty()};
    else if constexpr (T == E::other_route || T == E::other_route_ended)
        return {e.at, e.route};
    else
        return {e.at};
}

}  // namespace drp::engine
