// One event through the lifecycle's table: the checks every event gets, the machine, the
// duties the policy attaches to event types, and the actions for the host.
#include "engine/machine.hpp"

#include "engine/action_text.hpp"
#include "engine/moves.hpp"

namespace drp::engine {

namespace {

using lifecycle::on;

template <event_type T>
boost::msm::back::HandledEnum send(lifecycle::dispute_machine& m, const event& e) {
    return m.process_event(on<T>{engine::fields_of<T>(e)});
}

// The event's type, mapped once to its typed event (Boost.SML's dispatch table).
boost::msm::back::HandledEnum dispatch(lifecycle::dispute_machine& m, const event& e) {
    using E = event_type;
    switch (e.type) {
        case E::raise: return send<E::raise>(m, e);
        case E::escalate: return send<E::escalate>(m, e);
        case E::respond: return send<E::respond>(m, e);
        case E::extend: return send<E::extend>(m, e);
        case E::pause: return send<E::pause>(m, e);
        case E::resume: return send<E::resume>(m, e);
        case E::legal_advice: return send<E::legal_advice>(m, e);
        case E::consult: return send<E::consult>(m, e);
        case E::refer: return send<E::refer>(m, e);
        case E::referral_decision: return send<E::referral_decision>(m, e);
        case E::meeting: return send<E::meeting>(m, e);
        case E::record: return send<E::record>(m, e);
        case E::notify: return send<E::notify>(m, e);
        case E::resolve: return send<E::resolve>(m, e);
        case E::withdraw: return send<E::withdraw>(m, e);
        case E::other_route: return send<E::other_route>(m, e);
        case E::other_route_ended: return send<E::other_route_ended>(m, e);
    }
    return boost::msm::back::HANDLED_FALSE;
}

void diff_actions(const policy& p, const dispute_state& s, const std::vector<duty_mark>& before, std::size_t records_before,
                  std::vector<action>& out) {
    auto add = [&](const char* verb, std::size_t i) { out.push_back({verb, i, action_text(p, s.records[i], verb)}); };
    for (const auto& b : before) {  // (in index order, as the actions are)
        const auto& o = s.records[b.index];
        if (o.status == obligation_status::met) add("done", b.index);
        else if (o.status != obligation_status::open) add("cancel", b.index);
        else if (duty_mark::of(o.due()) != b.due) add("update", b.index);
    }
    for (std::size_t i = records_before; i < s.records.size(); ++i)
        if (s.records[i].status == obligation_status::open) add("do", i);
}

}  // namespace

std::optional<rejection> run(const policy& p, dispute::machine& m, const event& e, int index, const event_history& history,
                                     std::vector<action>* out) {
    std::optional<rejection> why;
    std::optional<context::route> planned;
    m.ctx = context{&p, &m.state, &why, index, &history, &planned};
    m.get_state<lifecycle::open&>().ctx = m.ctx;  // the clock region's guards and actions
    if (!m.state.dispute_id.empty() && e.dispute_id != m.state.dispute_id)
        return rejection{errc::invalid_event, "the event belongs to another dispute"};
    if (m.state.last_event_at && e.at < *m.state.last_event_at)
        return rejection{errc::out_of_order, "the event at " + p.zone().format(e.at) +
                                                         " is earlier than the last one applied (" +
                                                         p.zone().format(*m.state.last_event_at) + ")"};
    if (auto late = check_moves(p, m.state, e, static_cast<std::size_t>(index))) return late;
    if (auto wrong = check_names(p, e, version_at(p, m.state, static_cast<std::size_t>(index)))) return wrong;
    auto& before = m.before;
    before.clear();
    const std::size_t records_before = m.state.records.size();
    if (out)
        for (std::size_t i = 0; i < m.state.records.size(); ++i)
            if (m.state.records[i].status == obligation_status::open)
                before.push_back({duty_mark::of(m.state.records[i].due()), static_cast<std::uint32_t>(i)});
    const auto handled = dispatch(m, e);
    if (!(handled & boost::msm::back::HANDLED_TRUE)) {
        if (why) return why;                     // a guard: the policy's rule
        return lifecycle::why_not(m, e.type);  // no row: what the lifecycle is doing
    }
    after_event(m.ctx, e);
    m.ctx.planned = nullptr;
    m.state.last_event_at = e.at;
    if (m.state.dispute_id.empty()) m.state.dispute_id = e.dispute_id;
    if (out) diff_actions(p, m.state, before, records_before, *out);
    return std::nullopt;
}


}  // namespace drp::engine
