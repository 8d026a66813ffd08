// drp_dispute_migrate (a dispute moved to another version of its policy) and the
// dispute's policy id and version.
#include "capi/capi.hpp"
#include "drp/migrate.hpp"

using namespace drp::capi;

extern "C" {

int drp_dispute_migrate(drp_dispute** moved, drp_list** actions, const drp_dispute* dispute, const drp_policy* new_policy,
                        const char* at) {
    reset(moved);
    reset(actions);
    return guarded([&] {
        auto& result = required(moved, "moved");
        const auto& d = dispute_arg(dispute);
        const auto& p = policy_arg(new_policy);
        const auto when = as_of_arg(d.value.rules(), at, "at");  // an instant, or a local date: its end
        auto m = d.value.migrate(p.value, when);  // the dispute itself is never changed
        std::unique_ptr<drp_list> list;
        if (actions) list = make_list(std::move(m.actions_json));  // schemas/actions.schema.json rows
        auto handle = std::make_unique<drp_dispute>(drp_dispute{tag::dispute, std::move(m.moved)});
        result = handle.release();
        if (actions) *actions = list.release();
    });
}

const char* drp_dispute_policy_id(const drp_dispute* dispute) {
    return is(dispute, tag::dispute) ? dispute->value.rules().id().c_str() : nullptr;
}

const char* drp_dispute_policy_version(const drp_dispute* dispute) {
    return is(dispute, tag::dispute) ? dispute->value.rules().version().c_str() : nullptr;
}

}  // extern "C"
