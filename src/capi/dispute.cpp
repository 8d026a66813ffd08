// drp_dispute_*: creating and restoring disputes, applying events, and reading the state,
// obligations and the events allowed next.
#include "capi/capi.hpp"
#include "engine/state_writer.hpp"
#include "json/build.hpp"
#include "json/text_writer.hpp"

using namespace drp::capi;
using nlohmann::json;

namespace {

// NULL: the stored statuses; else an instant, or a local date meaning the end of that day.
std::optional<drp::instant> optional_as_of(const drp_dispute& d, const char* as_of) {
    if (!as_of) return std::nullopt;
    return as_of_arg(d.value.rules(), as_of, "as_of");
}

// The obligation rows of drp_dispute_obligations: the state's own rendering of them (so
// the two never disagree) with each row's index, and explain as the text a host passes on
// (the structured explain as explain_json).
json obligation_rows(json obligations) {
    for (std::size_t i = 0; i < obligations.size(); ++i) {
        auto& row = obligations[i];
        row["index"] = i;
        auto x = std::move(row["explain"]);
        row["explain"] = x.contains("text") ? x["text"] : json();
        row["explain_json"] = std::move(x);
    }
    return obligations;
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
        const auto& d = dispute_arg(dispute);
        const auto when = optional_as_of(d, as_of);
        std::string text;
        try {
            text = d.value.to_json_text(when);  // dump()'s bytes, without the document
        } catch (const nlohmann::json::type_error&) {
            // Text that is not UTF-8 (nothing the engine accepts makes it; as_of was
            // checked before writing began): replaced by U+FFFD, as the C API's dump().
            text.clear();
            drp::detail::json_text_writer replacing(text, -1, drp::detail::invalid_utf8::replace);
            drp::engine::write_state(replacing, d.value, when);
        }
        result = copy_out(text);
    });
}

int drp_dispute_obligations(drp_list** out, const drp_dispute* dispute, const char* as_of) {
    reset(out);
    return guarded([&] {
        auto& result = required(out, "out");
        const auto& d = dispute_arg(dispute);
        auto state = d.value.to_json(optional_as_of(d, as_of));
        result = make_list(obligation_rows(std::move(state["obligations"]))).release();
    });
}

int drp_dispute_allowed_next(drp_list** out, const drp_dispute* dispute, const char* at) {
    reset(out);
    return guarded([&] {
        auto& result = required(out, "out");
        const auto& d = dispute_arg(dispute);
        json rows = json::array();
        for (const auto& name : d.value.allowed_next(as_of_arg(d.value.rules(), at, "at"))) {
            const auto colon = name.find(':');  // "escalate:no_response"
            json row = drp::detail::json_object("type", name.substr(0, colon));
            if (colon != std::string::npos) row["reason"] = name.substr(colon + 1);
            rows.push_back(std::move(row));
        }
        result = make_list(std::move(rows)).release();
    });
}

int drp_dispute_next_due(char** out, const drp_dispute* dispute) {
    reset(out);
    return guarded([&] {
        auto& result = required(out, "out");
        const auto& d = dispute_arg(dispute);
        if (const auto due = d.value.next_due()) result = copy_out(utc_text(*due));  // sorts as text
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
