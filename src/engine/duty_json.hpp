// A duty's parts as the state, the actions and the sweep's rows write them (state_json.cpp).
#pragma once

#include <nlohmann/json.hpp>

#include "drp/policy.hpp"

namespace drp::engine {

/// Who is told or met: role ids, {"any_of": [...]} for a recipient any one of whose roles
/// will do; null when the duty has none.
nlohmann::json targets_json(const duty& d);

}  // namespace drp::engine
