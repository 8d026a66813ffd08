// Reading the lifecycle's table: which event types the current states take, and why one
// is refused when no row takes it (engine/lifecycle.hpp).
#include "engine/lifecycle.hpp"

namespace drp::lifecycle {

std::string cannot(event_type t) {
    switch (t) {
        case event_type::legal_advice: return "cannot seek legal advice";
        case event_type::meeting: return "cannot hold a meeting";
        default: return "cannot " + std::string(to_string(t));  // escalate, respond, record, ...
    }
}

bool open_takes_internally(event_type t) {
    bool found = false;
    detail::each<open_::internal_transition_table>([&](auto tag) {
        using R = typename decltype(tag)::wrapped;
        if (R::Evt::type == t) found = true;
    });
    return found;
}

bool open_takes_anywhere(event_type t) {
    bool found = open_takes_internally(t);
    detail::each<open_::transition_table>([&](auto tag) {
        using R = typename decltype(tag)::wrapped;
        if (R::Evt::type == t) found = true;
    });
    return found;
}

namespace {
const open& open_part(const dispute_machine& m) {
    // (MSM's get_state is not const; reading the submachine changes nothing)
    return const_cast<dispute_machine&>(m).get_state<open&>();
}
}  // namespace

bool has_row_now(const dispute_machine& m, event_type t) {
    const int region = region_taking<dispute_machine>(t);
    if (region >= 0 && has_row_from<dispute_machine>(m.current_state()[region], t)) return true;
    if (!in_open(m) || !open_takes_anywhere(t)) return false;
    return open_takes_internally(t) || has_row_from<open>(open_part(m).current_state()[0], t);
}

rejection why_not(const dispute_machine& m, event_type t) {
    if (open_takes_anywhere(t)) {  // an event of an open dispute: the escalation region, then the clock
        if (!in_open(m)) return refusal_in_region(m, 0, t);
        return refusal_in_region(open_part(m), 0, t);
    }
    if (const int region = region_taking<dispute_machine>(t); region >= 0) return refusal_in_region(m, region, t);
    return base_state::refuses(t);
}

}  // namespace drp::lifecycle
