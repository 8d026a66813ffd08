// The overdue sweep over many stored states (drp/sweep.hpp): each one replayed from its
// history, then its open obligations read against "now" and the due-soon window.
#include "drp/sweep.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "drp/dispute.hpp"
#include "engine/action_text.hpp"
#include "engine/duty_record.hpp"
#include "engine/rules.hpp"
#include "engine/stored_state.hpp"
#include "json/strict_parse.hpp"

namespace drp {

std::vector<sweep_row> sweep(const policy& p, std::span<const std::string_view> states, instant as_of,
                             std::optional<instant> due_before) {
    std::vector<sweep_row> rows;
    for (std::size_t k = 0; k < states.size(); ++k) {
        try {
            // The same replay as dispute::from_json (moves included), without the comparison
            // with the stored fields: the answer is the history's.
            const dispute d = engine::stored_state::replay(p, detail::parse_strict(states[k], "dispute state"));
            const auto& s = d.state();
            if (s.last_event_at && as_of < *s.last_event_at)
                throw error(errc::out_of_order, "its last event (" + p.zone().format(*s.last_event_at) +
                                                    ") is later than the sweep's as_of (" + p.zone().format(as_of) + ")");
            if (!s.moves.empty() && as_of < s.moves.back().at)
                throw error(errc::out_of_order, "its move to " + p.id() + " " + s.moves.back().to_version + " (" +
                                                    p.zone().format(s.moves.back().at) + ") is later than the sweep's as_of (" +
                                                    p.zone().format(as_of) + ")");
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
            std::string_view why = e.reason();
            if (why.rfind("dispute state: ", 0) == 0) why.remove_prefix(15);
            throw sweep_error(code, "state " + std::to_string(k) + ": " + std::string(why), k);
        } catch (const nlohmann::json::exception&) {  // a value of the wrong type somewhere in the text
            throw sweep_error(errc::schema, "state " + std::to_string(k) + ": a value of the wrong type for a dispute state", k);
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
