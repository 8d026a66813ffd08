// The dispute's machine and how one event runs on it: shared by dispute.cpp (apply,
// replay), allowed_next.cpp (trying events on a copy) and restore.cpp.
#pragma once

#include <cstdint>
#include "drp/event_history.hpp"
#include <limits>
#include <optional>
#include <vector>

#include "drp/dispute.hpp"
#include "engine/lifecycle.hpp"

namespace drp {

namespace engine {
// What each owed duty looked like before an event, to tell the host what changed.
// An obligation open before the event, as it was: only open ones can change (met, ended
// or moved), so the action diff looks at those and at the new ones, not at the whole list.
struct duty_mark {
    static constexpr std::int64_t no_due = std::numeric_limits<std::int64_t>::min();
    std::int64_t due;  // seconds since the epoch, or no_due
    std::uint32_t index;  // in the state's records

    static std::int64_t of(const std::optional<instant>& due) { return due ? due->time_since_epoch().count() : no_due; }
};
}  // namespace engine

struct dispute::machine : lifecycle::dispute_machine {
    dispute_state state;
    std::vector<engine::duty_mark> before;  // scratch for run(), kept to spare an allocation per event
};

namespace engine {
/// Runs one event on a machine, as the event at `index` of `history` (the events before
/// it); returns the refusal, if any. The machine's state changes only when the event is
/// accepted. With `out`, the actions it causes are appended.
std::optional<rejection> run(const policy& p, dispute::machine& m, const event& e, int index, const event_history& history,
                             std::vector<action>* out);
}  // namespace engine

}  // namespace drp
