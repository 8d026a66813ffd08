// drp_policy_versions_*: the versions of one policy and the one in force on a day; and
// drp_state_policy, the policy id and version a stored state names.
#include "capi/capi.hpp"
#include "common/safe_text.hpp"

using namespace drp::capi;

namespace {

drp_policy_versions& versions_arg(drp_policy_versions* v) { return handle(v, tag::versions, "versions"); }
const drp_policy_versions& versions_arg(const drp_policy_versions* v) { return handle(v, tag::versions, "versions"); }

// The set's own handle of one of its versions.
const drp_policy* lent(const drp_policy_versions& set, const drp::policy& p) {
    const auto& list = set.value.list();
    for (std::size_t i = 0; i < list.size(); ++i)
        if (&list[i] == &p) return set.handles[i].get();
    throw drp::error(drp::errc::internal, "policy versions: a version without its handle");
}

}  // namespace

extern "C" {

int drp_policy_versions_new(drp_policy_versions** out) {
    reset(out);
    return guarded([&] {
        auto& result = required(out, "out");
        result = new drp_policy_versions{};
    });
}

void drp_policy_versions_free(drp_policy_versions* versions) { destroy(versions, tag::versions); }

int drp_policy_versions_add(drp_policy_versions* versions, const drp_policy* policy) {
    return guarded([&] {
        auto& set = versions_arg(versions);
        const auto& p = policy_arg(policy);
        // Everything that can fail first; then the two lists change together, without failing.
        auto own = std::make_unique<drp_policy>(drp_policy{tag::policy, p.value});
        set.handles.reserve(set.handles.size() + 1);
        auto next = set.value;
        next.add(p.value);
        std::size_t at = 0;
        while (at < next.list().size() && next.list()[at].version() != p.value.version()) ++at;
        set.value = std::move(next);
        set.handles.insert(set.handles.begin() + static_cast<std::ptrdiff_t>(at), std::move(own));
    });
}

int drp_policy_versions_in_force(const drp_policy** out, const drp_policy_versions* versions, const char* date) {
    reset(out);
    return guarded([&] {
        auto& result = required(out, "out");
        const auto& set = versions_arg(versions);
        result = lent(set, set.value.in_force(date_arg(date, "date")));
    });
}

int drp_policy_versions_find(const drp_policy** out, const drp_policy_versions* versions, const char* version) {
    reset(out);
    return guarded([&] {
        auto& result = required(out, "out");
        const auto& set = versions_arg(versions);
        const char* wanted = required_text(version, "version");
        const auto* found = set.value.find(wanted);
        if (!found)
            throw drp::error(drp::errc::out_of_range, "policy versions: the set has no version " +
                                                          drp::detail::safe_text(std::string_view(wanted).substr(0, 64)) + " of " +
                                                          (set.value.empty() ? std::string("any policy") : set.value.id()));
        result = lent(set, *found);
    });
}

size_t drp_policy_versions_count(const drp_policy_versions* versions) {
    return is(versions, tag::versions) ? versions->handles.size() : 0;
}

const drp_policy* drp_policy_versions_get(const drp_policy_versions* versions, size_t index) {
    if (!is(versions, tag::versions) || index >= versions->handles.size()) return nullptr;
    return versions->handles[index].get();
}

int drp_state_policy(char** id_out, char** version_out, const char* state_json) {
    reset(id_out);
    reset(version_out);
    return guarded([&] {
        const auto ref = drp::state_policy(required_text(state_json, "state_json"));
        char* id = id_out ? copy_out(ref.id) : nullptr;
        char* version = nullptr;
        try {
            if (version_out) version = copy_out(ref.version);
        } catch (...) {
            drp_string_free(id);
            throw;
        }
        if (id_out) *id_out = id;
        if (version_out) *version_out = version;
    });
}

}  // extern "C"
