// Read-only replays of stored states (the sweep): the history and moves replayed as
// dispute::from_json does, without comparing the stored fields with what they give.
#pragma once

#include <nlohmann/json.hpp>

#include "drp/dispute.hpp"

namespace drp::engine {

struct stored_state {
    /// The dispute a stored state's history gives under `p`; drp::error(schema) like
    /// from_json when it is not a state of `p`, its moves do not hold, or an event is
    /// refused (named by index and code only: no message quoting the event's fields).
    static dispute replay(const policy& p, const nlohmann::json& state) { return dispute::replay_stored(p, state, false); }
};

}  // namespace drp::engine
