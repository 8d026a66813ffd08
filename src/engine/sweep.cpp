// The overdue sweep over many stored states (drp/sweep.hpp): each one replayed from its
// history, then its open obligations read against "now" and the due-soon window.
#include "drp/sweep.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "drp/dispute.hpp"
#include "engine/action_text.hpp"
#include "engine/duty_record.hpp"
#include "engine/rules.hpp"
#include "json/strict_parse.hpp"

namespace drp {

namespace {

// The dispute a stored state's history gives, or drp::error naming what is wrong (never
// the content: a state holds a child's details).
dispute replay_state(const policy& p, std::string_view text) {
    const auto state = detail::parse_strict(text, "dispute state");
    if (!state.is_object()) throw error(errc::schema, "expected a dispute state (a JSON object)");
    const auto pol = state.find("policy");
    if (pol == state.end() || !pol->is_object() || pol->value("id", "") != p.id() || pol->value("version", "") != p.version())
        throw error(errc::schema, "it was made under another policy (expected " + p.id() + " " + p.version() + ")");
    const auto history = state.find("history");
    if (history == state.end() || !history->is_array()) throw error(errc::schema, "/history: expected an array of events");
    dispute d(p);
    for (std::size_t i = 0; i < history->size(); ++i) {
        try {
            d.replay(parse_event((*history)[i]));
        } catch (const error& e) {
            // Not e's reason: it may quote a field of the event. drp_dispute_from_json on
            // this one state says more.
            throw error(errc::schema, "/history/" + std::to_string(i) + ": the event is refused (" +
                                          std::string(to_string(e.code())) + "): it does not replay under this policy");
        }
    }
    return d;
}

}  // namespace

std::vector<sweep_row> sweep(const policy& p, std::span<const std::string_view> states, instant as_of,
                             std::optional<instant> due_before) {
    std::vector<sweep_row> rows;
    for (std::size_t k = 0; k < states.size(); ++k) {
        try {
            const dispute d = replay_state(p, states[k]);
            const auto& s = d.state();
            if (s.last_event_at && as_of < *s.last_event_at)
                throw error(errc::out_of_order, "its last event (" + p.zone().format(*s.last_event_at) +
                                                    ") is later than the sweep's as_of (" + p.zone().format(as_of) + ")");
            for (std::size_t i = 0; i < s.records.size(); ++i) {
                const auto& o = s.records[i];
                const auto due = engine::overdue_after(p, s, o);
                if (!due) continue;
                const bool overdue = as_of > *due;
                if (!overdue && (!due_before || *due > *due_before)) continue;
                rows.push_back(sweep_row{k, s.dispute_id, i, &p.duties()[o.duty], static_cast<std::size_t>(o.stage), overdue,
                                         *due, o.due_date(), engine::explain_text(p, s, o),
                                         engine::action_text(p, o, overdue ? "overdue" : "due")});
            }
        } catch (const error& e) {
            const auto code = e.code() == errc::invalid_json || e.code() == errc::out_of_order ? e.code() : errc::schema;
            throw error(code, "state " + std::to_string(k) + ": " + std::string(e.reason()));
        }
    }
    std::stable_sort(rows.begin(), rows.end(), [](const sweep_row& a, const sweep_row& b) {
        if (a.due != b.due) return a.due < b.due;
        if (a.state != b.state) return a.state < b.state;
        return a.index < b.index;
    });
    return rows;
}

}  // namespace drp
