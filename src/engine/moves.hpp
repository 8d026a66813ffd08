// A dispute's moves between versions of its policy (dispute_state::moves, migrate.cpp):
// what the engine checks of them while events run, and their JSON.
#pragma once

#include "drp/event_history.hpp"
#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "drp/dispute.hpp"
#include "engine/rules.hpp"

namespace drp::engine {

/// Whether text is a semantic version MAJOR.MINOR.PATCH (with an optional pre-release
/// and build), as the schemas' policyVersion.
bool is_semantic_version(std::string_view text) noexcept;

/// The version the dispute was under when its event `index` was applied: the to_version of
/// the last move made with at most `index` events, else the first move's from_version,
/// else the policy's version. A raise's policy_version must name it.
std::string_view version_at(const policy& p, const dispute_state& s, std::size_t index) noexcept;

/// An event applied after a move may not be earlier than it (out_of_order).
std::optional<rejection> check_moves(const policy& p, const dispute_state& s, const event& e, std::size_t index);

/// The state JSON's `moves`.
nlohmann::json moves_json(const policy& p, const std::vector<policy_move>& moves);

/// A stored state's `moves` read back (absent: none), checked against the policy it is
/// restored under and the length of its history; throws drp::error(schema) "/moves/1/at: ...".
std::vector<policy_move> parse_moves(const policy& p, const nlohmann::json& state, std::size_t history_size);

/// After the history replayed: a move may not be earlier than the events before it.
void check_moves_after(const policy& p, const std::vector<policy_move>& moves, const event_history& history);

}  // namespace drp::engine
