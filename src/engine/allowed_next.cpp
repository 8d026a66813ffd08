// dispute::allowed_next: the host's menu. The event types considered are those the
// lifecycle's table has a row for in the states the dispute is in; each is then tried on a
// copy of the machine with the events a host could send (the fields the guards ask about,
// filled in from the policy), so a type is listed exactly when apply would accept an
// event of that type at that moment.
#include "drp/dispute.hpp"

#include <algorithm>
#include <array>

#include "engine/machine.hpp"

namespace drp {

namespace {

using E = event_type;

// The events of type `t` a host could send at `at` that the guards may tell apart: each
// field a guard reads takes every value the policy allows (roles, stages, reasons), or a
// value that passes (a date far enough ahead, a reason where one is needed). Labels:
// "escalate:<reason>" for escalations, the type otherwise.
struct candidate {
    std::string label;
    event e;
};

std::vector<candidate> candidates(const policy& p, const dispute_state& s, E t, instant at) {
    std::vector<candidate> out;
    const auto make = [&](E type) {
        event e;
        e.type = type;
        e.at = at;
        e.dispute_id = s.dispute_id;
        return e;
    };
    const auto& rules = p.rules();
    // A role the policy defines, for fields any role may fill.
    const std::string any_role = p.roles().empty() ? std::string() : p.roles().front().id;
    const auto roles_or_any = [&](const std::vector<std::string>& listed) {
        return listed.empty() ? std::vector<std::string>{any_role} : listed;
    };
    // A day after `at` and after every deadline in force: later than any date a guard
    // compares an agreed date with.
    instant latest = at;
    for (const auto& o : s.records)
        if (o.due() && *o.due() > latest) latest = *o.due();
    const due_time later{p.zone().local_date(latest) + std::chrono::days{1}};
    switch (t) {
        case E::escalate: {
            for (const char* reason : {"no_response", "inadequate_response", "not_resolved", "discretion"}) {
                std::vector<std::string> targets{""};  // the ordinary route, then each stage named
                for (std::size_t k = static_cast<std::size_t>(std::max(s.stage, 0)) + 1; k < p.stages().size(); ++k)
                    targets.push_back(p.stages()[k].id);
                for (const auto& to : targets)
                    for (const bool agreed : {false, true}) {
                        event e = make(t);
                        e.reason = reason;
                        e.to = to;
                        e.note = "n";  // a bypass needs its reason
                        if (agreed) e.due = later;
                        out.push_back({std::string("escalate:") + reason, std::move(e)});
                    }
            }
            break;
        }
        case E::extend:
            for (const auto& role : roles_or_any(rules.extension.agreed_by)) {
                event e = make(t);
                e.agreed_by = role;
                e.due = later;
                out.push_back({"extend", std::move(e)});
            }
            break;
        case E::pause:
            for (const auto& role : roles_or_any(rules.pause.approved_by)) {
                event e = make(t);
                e.approved_by = role;
                e.reason = "r";
                out.push_back({"pause", std::move(e)});
            }
            break;
        case E::consult: {
            event e = make(t);
            e.role = any_role;
            out.push_back({"consult", std::move(e)});
            break;
        }
        case E::refer:
            for (const bool concurrent : {false, true}) {
                event e = make(t);
                e.refer_to = "cafcass";
                e.concurrent = concurrent;
                out.push_back({"refer", std::move(e)});
            }
            break;
        case E::meeting: {
            event e = make(t);
            e.meeting_kind = "meeting";
            out.push_back({"meeting", std::move(e)});
            break;
        }
        case E::record:  // names an owed duty: each id once (a record meets the oldest owed)
            for (const auto& o : s.records) {
                if (o.status != obligation_status::open) continue;
                const auto& id = duty_of(p, o).id;
                if (std::any_of(out.begin(), out.end(), [&](const candidate& c) { return c.e.obligation == id; })) continue;
                event e = make(t);
                e.obligation = id;
                out.push_back({"record", std::move(e)});
            }
            break;
        case E::notify: {  // by role: recorded even when it completes nothing
            event e = make(t);
            e.role = any_role;
            out.push_back({"notify", std::move(e)});
            break;
        }
        case E::resolve: {
            event e = make(t);
            e.summary = "s";
            e.impact = "i";  // where the policy asks for it
            out.push_back({"resolve", std::move(e)});
            break;
        }
        case E::withdraw: {
            event e = make(t);
            e.reason = "r";
            out.push_back({"withdraw", std::move(e)});
            break;
        }
        case E::other_route: {  // one of the policy's routes, or any route where it names none
            const auto& routes = p.rules().other_routes;
            event e = make(t);
            e.route = routes.empty() ? std::string("complaint") : routes.front().id;
            out.push_back({"other_route", std::move(e)});
            break;
        }
        case E::other_route_ended: {
            event e = make(t);
            e.route = s.other_routes.empty() ? std::string() : s.other_routes.back().route;
            out.push_back({"other_route_ended", std::move(e)});
            break;
        }
        case E::raise:  // (allowed_next lists it from the table alone)
        case E::respond:
        case E::resume:
        case E::legal_advice:
        case E::referral_decision: out.push_back({std::string(to_string(t)), make(t)}); break;
    }
    return out;
}

// The event types in the menu's order: the escalation, the response, the clock, the
// referral, then the rest.
constexpr std::array<E, 17> menu_order{E::raise,        E::escalate, E::respond, E::extend,  E::pause,
                                       E::resume,       E::legal_advice, E::refer, E::referral_decision,
                                       E::consult,      E::meeting,  E::resolve, E::withdraw, E::record,
                                       E::notify,       E::other_route, E::other_route_ended};

}  // namespace

std::vector<std::string> dispute::allowed_next(instant at) const {
    check_as_of(at);
    std::vector<std::string> out;
    const auto& s = machine_->state;
    const int index = static_cast<int>(history_.size());
    for (const E t : menu_order) {
        if (!lifecycle::has_row_now(*machine_, t)) continue;
        if (t == E::raise) {  // its fields are the host's case (category, urgency, start), not a choice
            out.emplace_back("raise");
            continue;
        }
        for (const auto& c : candidates(policy_, s, t, at)) {
            if (!out.empty() && out.back() == c.label) continue;  // this label is already listed
            machine copy(*machine_);
            try {
                if (!engine::run(policy_, copy, c.e, index, history_, nullptr)) out.push_back(c.label);
            } catch (const error&) {  // an action's own failure (a deadline past the calendar): apply refuses it too
            }
        }
    }
    return out;
}

}  // namespace drp
