// drp/sweep.hpp — the nightly overdue sweep over many stored disputes at once.
//
// A host keeps each dispute's state JSON (dispute::to_json()) and indexes its next_due.
// Its sweep selects the states whose next_due is before "now" (or before the end of the
// due-soon window) and hands them here with "now": sweep() replays each one and lists the
// open obligations that are overdue, or due within the window, with what a to-do list or a
// reminder needs — no JSON parsing and no deadline arithmetic on the host's side.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "drp/error.hpp"
#include "drp/policy.hpp"
#include "drp/time.hpp"

namespace drp {

/// One open obligation a sweep found.
struct sweep_row {
    std::size_t state = 0;  // the index of its dispute's state in the input
    std::string dispute_id;
    std::size_t index = 0;  // its index in that state's obligations (the actions' index)
    const duty* owed = nullptr;  // the policy's duty: id, kind, role, target, system
    std::size_t stage = 0;       // index of the stage it arose at, in the policy's stages()
    bool overdue = false;        // past its deadline at as_of; else due by due_before
    instant due{};
    std::optional<date> due_date;  // the local due date of a day-based deadline
    std::string explain;  // how the deadline was counted (explain_text)
    std::string text;     // one line for people: "Response from Team Manager by Thu 7 Jan 2027 (Stage 1)"
};

/// A state sweep() could not read (schema, invalid_json) or that is later than its as_of
/// (out_of_order): which one, by its index in the input.
class sweep_error : public error {
public:
    sweep_error(errc code, const std::string& what_arg, std::size_t state) : error(code, what_arg), state_(state) {}
    std::size_t state() const noexcept { return state_; }

private:
    std::size_t state_;
};

/// The open obligations of the given states (dispute::to_json() text, each of policy `p`'s
/// id and version) that are overdue at `as_of` and, with `due_before`, those not yet
/// overdue whose deadline is at or before it. Sorted by due, then state, then index.
///
/// Each state is replayed from its history (as dispute::from_json does, without comparing
/// the stored fields: the answer is the history's). A state that cannot be read, is of
/// another policy, or whose last event or move is later than `as_of` throws sweep_error
/// (schema, invalid_json or out_of_order) naming the state's index, whose message starts
/// "state 17: " and quotes nothing of it; nothing is returned then. Cost: one replay per state (docs/PERFORMANCE.md), so pass only
/// the states whose next_due is before due_before (or as_of).
std::vector<sweep_row> sweep(const policy& p, std::span<const std::string_view> states, instant as_of,
                             std::optional<instant> due_before = std::nullopt);

}  // namespace drp
