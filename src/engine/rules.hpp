// The policy's rules for each event, as guards (check_*: pure, say why the policy refuses
// an event) and actions (do_*: change the state; they cannot fail once the guard passed).
// The Boost.MSM table in engine/lifecycle.hpp decides which of them run for an event, and
// refuses by itself what the lifecycle does not allow (an event before the raise, after
// the end, escalating in a time out): a guard answers only the policy's questions, and an
// action never writes the lifecycle's status, time out or referral status.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "drp/dispute.hpp"
#include "drp/error.hpp"
#include "engine/duty_record.hpp"
#include "engine/typed_events.hpp"

namespace drp::engine {

struct rejection {
    errc code = errc::not_permitted;
    std::string message;
};

/// What a guard or an action works on.
struct context {
    const policy* p = nullptr;
    dispute_state* s = nullptr;
    std::optional<rejection>* why = nullptr;  // set by a refusing guard
    int event_index = 0;                      // the event's index in the history
    /// The events applied before this one (indices below event_index; read-only).
    const event_history* history = nullptr;
    /// The stage a raise or escalation goes to (and whether it is a bypass), worked out
    /// by the guard and used by the action, so the route is computed once per event.
    struct route {
        std::size_t target = 0;
        bool bypass = false;
    };
    std::optional<route>* planned = nullptr;
};

using check_result = std::optional<rejection>;

/// The names an event uses that the policy must define: roles (invalid_event), the raise's
/// category and policy_version (invalid_event), stages (unknown_stage), the obligation a
/// record or notify names (invalid_event). Checked after the dispute id and time order and
/// before the type's own preconditions (docs/events-and-state.md section 10). A raise's
/// policy_version must be `raise_version`: the version the dispute was raised under
/// (engine/moves.hpp version_at; the policy's own unless the dispute moved).
check_result check_names(const policy& p, const event& e, std::string_view raise_version);

check_result check_raise(const context& c, const raise_event& e);
check_result check_escalate(const context& c, const escalate_event& e);
check_result check_respond(const context& c, const respond_event& e);
check_result check_extend(const context& c, const extend_event& e);
check_result check_pause(const context& c, const pause_event& e);
check_result check_resume(const context& c, const moment_event& e);
check_result check_legal_advice(const context& c, const moment_event& e);
check_result check_consult(const context& c, const consult_event& e);
/// A consult before the raise: only for a consultation a possible start stage requires.
check_result check_consult_before_raise(const context& c, const consult_event& e);
check_result check_refer(const context& c, const refer_event& e);
check_result check_meeting(const context& c, const meeting_event& e);
check_result check_record(const context& c, const named_duty_event& e);
check_result check_notify(const context& c, const named_duty_event& e);
check_result check_resolve(const context& c, const resolve_event& e);
check_result check_withdraw(const context& c, const moment_event& e);
check_result check_other_route(const context& c, const route_event& e);
check_result check_other_route_ended(const context& c, const route_event& e);

void do_raise(const context& c, const raise_event& e);
void do_escalate(const context& c, const escalate_event& e);
void do_respond(const context& c, const respond_event& e);
void do_extend(const context& c, const extend_event& e);
void do_pause(const context& c, const pause_event& e);
void do_resume(const context& c, const moment_event& e);
void do_legal_advice(const context& c, const moment_event& e);
void do_consult(const context& c, const consult_event& e);
void do_refer(const context& c, const refer_event& e);
void do_meeting(const context& c, const meeting_event& e);
void do_record(const context& c, const named_duty_event& e);
void do_notify(const context& c, const named_duty_event& e);
void do_resolve(const context& c, const resolve_event& e);
void do_withdraw(const context& c, const moment_event& e);
void do_other_route(const context& c, const route_event& e);
void do_other_route_ended(const context& c, const route_event& e);

/// The roles of an every-role duty (a stage's every_responder, an obligation's every_role)
/// that have not yet done it: answered (respond) or, for record and notify duties, recorded
/// or told by an event naming the duty, with `by` that role, among the events from the one
/// that created the duty up to (not including) event `end`. In the duty's role order.
std::vector<std::string> still_owed(const policy& p, const event_history& h, const duty_record& o, std::size_t end);

/// Duties the policy attaches to event types (trigger "event"); run after any applied event.
void after_event(const context& c, const event& e);

/// Whether an open obligation is overdue as of `t`: past its deadline, which a time out
/// had not stopped, and neither "if necessary" nor "immediately".
bool overdue_at(const policy& p, const dispute_state& s, const duty_record& o, instant t);
/// The deadline after which an open obligation reads overdue; none when it cannot become
/// overdue (met or ended, no deadline, "if necessary", "immediately", stopped by a time out).
std::optional<instant> overdue_after(const policy& p, const dispute_state& s, const duty_record& o);
/// The earliest overdue_after of the state's obligations: the state's next_due.
std::optional<instant> next_due(const policy& p, const dispute_state& s);
/// Marks open obligations overdue as of `t` (none while the clocks are paused).
void mark_overdue(const policy& p, dispute_state& s, instant t);

}  // namespace drp::engine
