// drp/policy_versions.hpp — the versions of one authority's policy, and which is in force.
//
// An authority revises its policy now and then; each version has its `effective_from`
// date. A host keeps every version it has used (stored disputes name theirs) and raises
// new disputes under the version in force. policy_versions is that set, as a value:
// in_force(date) chooses a version for a new dispute, find(version) the one a stored state
// names (state_policy() reads it without loading anything). Policies are shared, not
// copied: a policy_versions is cheap to copy and, once filled, safe to read from any
// number of threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "drp/policy.hpp"

namespace drp {

class policy_versions {
public:
    policy_versions() = default;

    /// Adds a version. drp::error(invalid_argument), the set unchanged, when `p` is another
    /// policy than those already in the set (naming both ids), or repeats a version or an
    /// effective_from already in it (naming the versions).
    void add(policy p);

    /// The version in force on `day`: the one with the latest effective_from on or before
    /// it. drp::error(out_of_range) when none is (the set is empty, or every version takes
    /// effect later), naming the day and the earliest effective_from.
    const policy& in_force(date day) const;

    /// The version `version`, or nullptr when the set has none.
    const policy* find(std::string_view version) const noexcept;

    /// The versions, by effective_from (the oldest first).
    const std::vector<policy>& list() const noexcept { return versions_; }
    std::size_t size() const noexcept { return versions_.size(); }
    bool empty() const noexcept { return versions_.empty(); }
    /// The policy id of the set's versions; "" while it is empty.
    const std::string& id() const noexcept;

private:
    std::vector<policy> versions_;  // by effective_from
};

/// The policy a stored dispute state (the text of dispute::to_json) is under.
struct policy_ref {
    std::string id;
    std::string version;
    friend bool operator==(const policy_ref&, const policy_ref&) = default;
};

/// Reads the policy id and version of a stored state without loading a policy, so that a
/// host can choose which version to load before dispute::from_json. Only the `policy` member
/// is read (the history is not replayed). The text is read strictly (a repeated key, a NUL
/// byte or anything after the object is drp::error(invalid_json)); a text that is not an
/// object, or whose `policy` is missing or is not {id, version} of the state schema, is
/// drp::error(schema).
policy_ref state_policy(std::string_view state_json);

}  // namespace drp
