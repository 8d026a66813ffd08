// drp::policy_versions (the versions of one policy, and which is in force on a day) and
// drp::state_policy (the policy a stored state is under, read without loading one).
#include "drp/policy_versions.hpp"

#include <algorithm>

#include "engine/moves.hpp"
#include "json/strict_parse.hpp"

namespace drp {

namespace {

bool policy_id_text(const std::string& id) noexcept {  // ^[a-z][a-z0-9]*(-[a-z0-9]+)*$, at most 64
    if (id.empty() || id.size() > 64 || id.front() < 'a' || id.front() > 'z' || id.back() == '-') return false;
    for (std::size_t i = 0; i < id.size(); ++i) {
        const char c = id[i];
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && id[i - 1] != '-');
        if (!ok) return false;
    }
    return true;
}

}  // namespace

const std::string& policy_versions::id() const noexcept {
    static const std::string none;
    return versions_.empty() ? none : versions_.front().id();
}

void policy_versions::add(policy p) {
    if (!versions_.empty() && p.id() != id())
        throw error(errc::invalid_argument, "policy versions: " + p.id() + " " + p.version() + " is another policy than the set's (" +
                                                id() + "): a set holds the versions of one policy");
    for (const auto& v : versions_) {
        if (v.version() == p.version())
            throw error(errc::invalid_argument, "policy versions: " + p.id() + " " + p.version() + " is already in the set");
        if (v.effective_from() == p.effective_from())
            throw error(errc::invalid_argument, "policy versions: " + p.id() + " " + p.version() + " and " + v.version() +
                                                    " both take effect on " + format_date(p.effective_from()));
    }
    const auto at = std::upper_bound(versions_.begin(), versions_.end(), p.effective_from(),
                                     [](date d, const policy& v) { return d < v.effective_from(); });
    versions_.insert(at, std::move(p));  // (strong guarantee: policy's moves cannot throw)
}

const policy& policy_versions::in_force(date day) const {
    const auto after = std::upper_bound(versions_.begin(), versions_.end(), day,
                                        [](date d, const policy& v) { return d < v.effective_from(); });
    if (after == versions_.begin()) {
        if (versions_.empty())
            throw error(errc::out_of_range, "policy versions: no version is in force on " + format_date(day) + ": the set is empty");
        throw error(errc::out_of_range, "policy versions: no version of " + id() + " is in force on " + format_date(day) +
                                            ": the earliest, " + versions_.front().version() + ", takes effect on " +
                                            format_date(versions_.front().effective_from()));
    }
    return *(after - 1);
}

const policy* policy_versions::find(std::string_view version) const noexcept {
    for (const auto& v : versions_)
        if (v.version() == version) return &v;
    return nullptr;
}

policy_ref state_policy(std::string_view state_json) {
    const auto state = detail::parse_strict(state_json, "dispute state");
    const auto fail = [](const std::string& why) -> policy_ref { throw error(errc::schema, "dispute state: " + why); };
    if (!state.is_object()) return fail("expected a JSON object");
    const auto pol = state.find("policy");
    if (pol == state.end() || !pol->is_object()) return fail("/policy: expected an object {id, version}");
    for (const auto& [key, value] : pol->items())
        if (key != "id" && key != "version") return fail("/policy: has only id and version");
    const auto id = pol->find("id");
    if (id == pol->end() || !id->is_string() || !policy_id_text(id->get_ref<const std::string&>()))
        return fail("/policy/id: expected a policy id (lower-kebab-case, at most 64 characters)");
    const auto version = pol->find("version");
    if (version == pol->end() || !version->is_string() || !engine::is_semantic_version(version->get_ref<const std::string&>()))
        return fail("/policy/version: expected a version MAJOR.MINOR.PATCH");
    return {id->get<std::string>(), version->get<std::string>()};
}

}  // namespace drp
