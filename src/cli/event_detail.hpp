// What an applied event did, in a few words for a timeline (drp simulate, the studio):
// only the fields that say what happened, never free text or the child's reference.
#pragma once

#include <string>
#include <vector>

#include "drp/event.hpp"

namespace drp::cli {

std::string event_detail(const event& e);

/// "SW/TM".
std::string join_roles(const std::vector<std::string>& roles);

}  // namespace drp::cli
