// Events straight from drp's own readers (parse_event, event_parser, event_from_fields)
// have had every check check_event makes, so a dispute takes them without checking again:
// one shape check per event. Only for an event used as the reader returned it; an event
// built or changed in code goes through dispute::apply or replay, which check it.
#pragma once

#include <vector>

#include "drp/dispute.hpp"

namespace drp::engine {

struct parsed_events {
    static std::vector<action> apply(dispute& d, const event& parsed) { return d.take_with_actions(parsed, true); }
    static void replay(dispute& d, const event& parsed) { d.take(parsed, nullptr, true); }
};

}  // namespace drp::engine
