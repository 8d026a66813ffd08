// The disputes of a log, each replayed from its lines in the order they came: what
// drp simulate prints and the studio's scenario runner shows.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drp/dispute.hpp"
#include "drp/event.hpp"
#include "engine/parsed_events.hpp"

namespace drp::cli {

struct timelines {
    explicit timelines(const policy& p) : p_(p) {}

    /// Applies one event line to its dispute (a new one on its first line). Throws
    /// drp::error, changing nothing, when the line is refused.
    void add(std::string_view line) {
        event e = parser_.parse(line);
        auto it = disputes.find(e.dispute_id);
        if (it == disputes.end()) {
            it = disputes.emplace(e.dispute_id, dispute(p_)).first;
            order.push_back(e.dispute_id);
        }
        const instant at = e.at;
        engine::parsed_events::replay(it->second, e);  // the timeline is written from the history
        if (!last || at > *last) last = at;
    }

    std::vector<std::string> order;  // dispute ids, in the order of their first line
    std::map<std::string, dispute> disputes;
    std::optional<instant> last;  // the latest event applied

private:
    const policy& p_;
    event_parser parser_;
};

}  // namespace drp::cli
