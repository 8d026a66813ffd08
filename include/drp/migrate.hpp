// drp/migrate.hpp — moving a dispute to another version of its policy (dispute::migrate).
//
// An authority publishes a new version of its policy (a longer timescale, a stage fewer);
// a host may move an open dispute to it. The move replays the dispute's whole history
// under the new version, so every deadline is counted as the new version says, and
// records the move in the dispute (dispute_state::moves, the state JSON's `moves`). It is
// atomic: either it gives a new dispute, or it throws and nothing changed.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "drp/dispute.hpp"

namespace drp {

/// What dispute::migrate gives.
struct migration {
    /// The dispute under the new version, with the move recorded (moved.state().moves).
    dispute moved;
    /// What the move causes, for the host's tasks: "cancel" for a duty that goes (or whose
    /// index in the obligations changes), with its index in the original dispute's
    /// obligations; then "do" (a duty that appears, or whose index changed), "update" (its
    /// due changed) and "done" (the new version counts it met), with their index in the
    /// moved dispute's obligations. Duties of the two replays are matched by duty id, stage
    /// and order of arising.
    std::vector<action> actions;
    /// The same as rows of schemas/actions.schema.json, as drp_dispute_apply gives them.
    nlohmann::json actions_json;
};

}  // namespace drp
