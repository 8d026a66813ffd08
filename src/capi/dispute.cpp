// drp_dispute_*: creating and restoring disputes, applying events, and reading the state,
// obligations and the events allowed next.
#include "capi/capi.hpp"
#include "json/build.hpp"

using namespace drp::capi;
using nlohmann::json;

namespace {

std::optional<drp::instant> as_of_arg(const char* as_of) {
    if (!as_of) return std::nullopt;
    return instant_arg(as_of, "as_of");
}

}  // namespace

extern "C" {

int drp_dispute_new(drp_dispute** out, const drp_policy* policy) {
    reset(out);
    return guarded([&] {
        auto& result = required(out, "out");
        result = new drp_dispute{tag::dispute, drp::dispute(policy_arg(policy).value)};
    });
}

int drp_dispute_from_json(drp_dispute** out, const drp_policy* policy, const char* state_json) {
    reset(out);
    return guarded([&] {
        auto& result = required(out, "out");
        const auto& p = policy_arg(policy);
        const auto state = parse_host_json(required_text(state_json, "state_json"), "dispute state");
        result = new drp_dispute{tag::dispute, drp::dispute::from_json(p.value, state)};
    });
}

void drp_dispute_free(drp_dispute* dispute) { destroy(dispute, tag::dispute); }

int drp_dispute_apply(drp_list** actions_out, drp_dispute* dispute, const char* event_json) {
    reset(actions_out);
    return guarded([&] {
        auto& d = dispute_arg(dispute);
        const char* text = required_text(event_json, "event_json");
        // The work happens on a copy, committed by a move that cannot fail: a refused
        // event, or memory running out anywhere on the way, leaves the dispute as it was.
        // apply_json reads the text strictly and names the dispute, index and type in refusals.
        drp::dispute next = d.value;
        const auto actions = next.apply_json(text);
        std::unique_ptr<drp_list> list;
        if (actions_out) list = make_list(next.actions_json(actions));  // schemas/actions.schema.json rows
        d.value = std::move(next);
        if (actions_out) *actions_out = list.release();
    });
}

int drp_dispute_state_json(char** out, const drp_dispute* dispute, const char* as_of) {
    reset(out);
    return guarded([&] {
        auto& result = required(out, "out");
        result = copy_out(dump(dispute_arg(dispute).value.to_json(as_of_arg(as_of))));
    });
}

int drp_dispute_obligations(drp_list** out, const drp_dispute* dispute, const char* as_of) {
    reset(out);
    return guarded([&] {
        auto& result = required(out, "out");
        // The state's own rendering of obligations, so the two never disagree.
        auto state = dispute_arg(dispute).value.to_json(as_of_arg(as_of));
        result = make_list(std::move(state["obligations"])).release();
    });
}

int drp_dispute_allowed_next(drp_list** out, const drp_dispute* dispute, const char* at) {
    reset(out);
    return guarded([&] {
        auto& result = required(out, "out");
        const auto& d = dispute_arg(dispute);
        json rows = json::array();
        for (const auto& name : d.value.allowed_next(instant_arg(at, "at"))) {
            const auto colon = name.find(':');  // "escalate:no_response"
            json row = drp::detail::json_object("type", name.substr(0, colon));
            if (colon != std::string::npos) row["reason"] = name.substr(colon + 1);
            rows.push_back(std::move(row));
        }
        result = make_list(std::move(rows)).release();
    });
}

const char* drp_dispute_id(const drp_dispute* dispute) {
    return is(dispute, tag::dispute) ? dispute->value.state().dispute_id.c_str() : nullptr;
}

const char* drp_dispute_status(const drp_dispute* dispute) {
    if (!is(dispute, tag::dispute)) return nullptr;
    return drp::to_string(dispute->value.state().status).data();  // string literals
}

const char* drp_dispute_stage(const drp_dispute* dispute) {
    if (!is(dispute, tag::dispute)) return nullptr;
    const auto& d = dispute->value;
    if (d.state().stage < 0) return nullptr;
    return d.rules().stages()[static_cast<std::size_t>(d.state().stage)].id.c_str();
}

}  // extern "C"
