// Seed 000, Tracked Recommendation / Informal / Formal Resolution — the compile-time twin
// of policies/tracked-recommendation.json.
#pragma once

#include "drp/seeds/checks.hpp"

namespace drp::seeds {

inline constexpr seed tracked_recommendation{
    .id = "tracked-recommendation",
    .version = "1.0.0",
    .effective_from = std::chrono::year{2025} / 1 / 1,
    .region = division::england_and_wales,
    .applies_to = {"IRO"},
    .roles = {"IRO", "SW", "PM", "AC", "SM", "HOS", "QASM", "SMQA", "AD", "DIRECTOR", "CHIEF_EXECUTIVE"},
    .stages = {
        {.id = "tracked_recommendation", .level = 0, .kind = stage_kind::informal,
         .raised_by = {"IRO"}, .responder = {"SW", "PM"},
         .timescale = agreed(date_on_entry::optional, calendar_days(10))},
        {.id = "informal_resolution", .level = 1, .kind = stage_kind::informal,
         .raised_by = {"IRO"}, .responder = {"SM", "HOS"},
         .timescale = no_timescale()},
        {.id = "formal_directorate", .level = 2, .kind = stage_kind::formal,
         .raised_by = {"IRO", "QASM"}, .responder = {"AD", "DIRECTOR"},
         .timescale = no_timescale()},
        {.id = "formal_la", .level = 3, .kind = stage_kind::formal,
         .raised_by = {"IRO", "QASM"}, .responder = {"CHIEF_EXECUTIVE"},
         .timescale = no_timescale()},
    },
    .rules = {
        .bypass = {.allowed = true, .requires_reason = true},
        .start_above_first = {.allowed = true, .requires_reason = true},
        .pause = {.allowed = false},
        .extension = {.allowed = true, .agreed_by = {"IRO"}, .stages = {"tracked_recommendation"}},
        .escalation = {.not_resolved = from_any_stage, .discretion = from_any_stage},
        .referral = {.allowed = true, .at_any_point = true, .concurrent_allowed = true,
                     .preconditions = {legal_advice_sought()}},
        .legal_advice = {.allowed = true, .at_any_point = true},
    },
};
static_assert(verify<tracked_recommendation>());

}  // namespace drp::seeds
