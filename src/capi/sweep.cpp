// drp_sweep: the overdue (and due-soon) obligations of many stored states in one call.
#include "capi/capi.hpp"
#include "drp/sweep.hpp"
#include "engine/duty_json.hpp"
#include "json/build.hpp"

using namespace drp::capi;
using nlohmann::json;

extern "C" {

int drp_sweep(drp_list** out, size_t* failed_state_out, const drp_policy* policy, const char* const* states, size_t count,
              const char* as_of, const char* due_before) {
    reset(out);
    if (failed_state_out) *failed_state_out = count;
    return guarded([&] {
        auto& result = required(out, "out");
        const auto& p = policy_arg(policy).value;
        if (count > 0 && !states) invalid_argument("states must not be NULL when count > 0");
        std::vector<std::string_view> texts;
        texts.reserve(count);
        for (size_t i = 0; i < count; ++i) {
            if (!states[i]) invalid_argument("states[" + std::to_string(i) + "] must not be NULL");
            texts.emplace_back(states[i]);
        }
        const auto now = as_of_arg(p, as_of, "as_of");
        std::optional<drp::instant> soon;
        if (due_before) soon = as_of_arg(p, due_before, "due_before");
        std::vector<drp::sweep_row> found;
        try {
            found = drp::sweep(p, texts, now, soon);
        } catch (const drp::sweep_error& e) {
            if (failed_state_out) *failed_state_out = e.state();
            throw;
        }
        json rows = json::array();
        for (const auto& r : found) {
            const auto& st = p.stages()[r.stage];
            rows.push_back(drp::detail::json_object(
                "state", r.state, "dispute_id", r.dispute_id, "index", r.index, "obligation", r.owed->id,
                "kind", std::string(drp::to_string(r.owed->kind)), "status", r.overdue ? "overdue" : "open",
                "stage", st.id, "stage_title", st.title, "role", r.owed->role,
                "target", drp::engine::targets_json(*r.owed), "due", p.zone().format(r.due),
                "due_date", r.due_date ? json(drp::format_date(*r.due_date)) : json(),
                "system", r.owed->system.empty() ? json() : json(r.owed->system), "explain", r.explain, "text", r.text));
        }
        result = make_list(std::move(rows)).release();
    });
}

}  // extern "C"
