// Seed 001, the "Quality Assurance Form" flowchart — the compile-time twin of
// policies/qa-form.json.
#pragma once

#include "drp/seeds/checks.hpp"

namespace drp::seeds {

inline constexpr seed qa_form{
    .id = "qa-form",
    .version = "1.0.0",
    .effective_from = std::chrono::year{2025} / 1 / 1,
    .region = division::england_and_wales,
    .applies_to = {"IRO"},
    .roles = {"IRO", "SENIOR_IRO", "IRO_ADMIN", "SW", "TM", "SM", "DHOS_OPS", "HOS_OPS", "HOS_QA", "SERVICE_DIRECTOR",
              "STRATEGIC_DIRECTOR"},
    .stages = {
        // "Serious enough to warrant immediate action?" YES.
        {.id = "immediate_action", .level = 0, .kind = stage_kind::informal,
         .only_at = {urgency::urgent, urgency::imminent_risk},
         .raised_by = {"IRO"}, .responder = {"SM", "DHOS_OPS"},
         .timescale = no_timescale(),
         .next = stage_list{"stage1", "stage2", "stage3", "stage4"}},
        {.id = "stage1", .level = 1, .kind = stage_kind::formal,
         .raised_by = {"IRO"}, .responder = {"SW", "TM"},
         .timescale = fixed(working_days(15))},
        {.id = "stage2", .level = 2, .kind = stage_kind::formal,
         .raised_by = {"SENIOR_IRO"}, .responder = {"DHOS_OPS"},
         .timescale = for_resolution(fixed(calendar_days(7))), .preconditions = {consult("SENIOR_IRO")}},
        {.id = "stage3", .level = 3, .kind = stage_kind::formal,
         .raised_by = {"HOS_QA"}, .responder = {"HOS_OPS"},
         .timescale = no_timescale()},
        {.id = "stage4", .level = 4, .kind = stage_kind::formal,
         .raised_by = {"HOS_QA"}, .responder = {"SERVICE_DIRECTOR", "STRATEGIC_DIRECTOR"},
         .timescale = no_timescale()},
    },
    .rules = {
        .bypass = {.allowed = false},
        .start_above_first = {.allowed = false},
        .pause = {.allowed = false},
        .extension = {.allowed = false},
        .escalation = {.no_response = only_from({"stage1"}),
                       .inadequate_response = only_from({"stage1"}),
                       .not_resolved = only_from({"immediate_action", "stage2", "stage3"})},
        .referral = {.allowed = true, .at_any_point = false, .concurrent_allowed = false, .stages = {"stage4"}},
        .legal_advice = {.allowed = false},
    },
};
static_assert(verify<qa_form>());

}  // namespace drp::seeds
