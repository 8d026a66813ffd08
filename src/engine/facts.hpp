// The facts a policy's conditions read (docs/policy-authoring.md §9), lent from the
// dispute's state and its policy instead of built as a JSON document for each test.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "drp/conditions.hpp"
#include "drp/dispute.hpp"

namespace drp::engine {

/// How the dispute comes to the stage the facts describe.
struct entry {
    std::string_view reason;  // "raise" or the escalation reason
    std::string_view from;    // the stage left; empty on raise
    bool bypass = false;      // a required stage was passed over
};

/// The facts for dispute `s` at, or entering, stage `stage` of policy `p` by `how`.
/// Enumerations and booleans are lent from constants, the stage's facts from the policy
/// (built at load), numbers are written to the caller's scratch; only `consulted`, the
/// objects `entry` and `referral` and the whole document are built, on first use.
///
/// Refers to `p`, `s` and the strings of `how`, which must outlive it unchanged. One
/// thread at a time.
class dispute_facts final : public facts_view {
public:
    dispute_facts(const policy& p, const dispute_state& s, std::size_t stage, entry how) noexcept;

    found find(std::span<const std::string> path, nlohmann::json& scratch) const override;
    const nlohmann::json& whole() const override;

private:
    found find_entry(std::span<const std::string> path, nlohmann::json& scratch) const;
    found find_referral(std::span<const std::string> path, nlohmann::json& scratch) const;

    const policy& p_;
    const dispute_state& s_;
    std::size_t stage_;
    entry how_;
    // Arrays and objects are compared by identity: each is built once and then lent.
    mutable std::optional<nlohmann::json> consulted_, entry_, referral_, whole_;
};

/// The same facts as one JSON document, built afresh: what dispute_facts::whole() holds.
nlohmann::json facts_document(const policy& p, const dispute_state& s, std::size_t stage, entry how);

}  // namespace drp::engine
