// Seed 003, a children's trust (Quality Assurance Service) — the compile-time twin of
// policies/trust-qas.json.
#pragma once

#include "drp/seeds/checks.hpp"

namespace drp::seeds {

namespace detail {
/// "24 hours (imminent risk) to maximum 5 working days", at each formal stage.
inline constexpr stage_timescale trust_qas_response = by_urgency({.imminent_risk = hours(24)}, working_days(5));
}  // namespace detail

inline constexpr seed trust_qas{
    .id = "trust-qas",
    .version = "1.0.0",
    .effective_from = std::chrono::year{2025} / 1 / 1,
    .region = division::england_and_wales,
    .applies_to = {"IRO", "CP_CHAIR"},
    .roles = {"IRO", "CP_CHAIR", "QAS_TM", "SW", "TM", "SM", "HOS", "DIRECTOR", "CHIEF_EXECUTIVE"},
    .stages = {
        {.id = "informal", .level = 0, .kind = stage_kind::informal,
         .raised_by = {"IRO", "CP_CHAIR"}, .responder = {"SW", "TM", "SM", "HOS"},
         .timescale = no_timescale()},
        {.id = "stage1", .level = 1, .kind = stage_kind::formal,
         .raised_by = {"IRO", "CP_CHAIR"}, .responder = {"TM"},
         .timescale = detail::trust_qas_response, .preconditions = {consult("QAS_TM")}},
        {.id = "stage2", .level = 2, .kind = stage_kind::formal,
         .raised_by = {"IRO", "CP_CHAIR"}, .responder = {"SM"},
         .timescale = detail::trust_qas_response, .preconditions = {consult("QAS_TM")}},
        {.id = "stage3", .level = 3, .kind = stage_kind::formal,
         .raised_by = {"IRO", "CP_CHAIR"}, .responder = {"HOS"},
         .timescale = detail::trust_qas_response, .preconditions = {consult("QAS_TM")}},
        {.id = "stage4", .level = 4, .kind = stage_kind::formal,
         .raised_by = {"IRO", "CP_CHAIR"}, .responder = {"DIRECTOR"},
         .timescale = detail::trust_qas_response, .preconditions = {consult("QAS_TM")}},
        {.id = "stage5", .level = 5, .kind = stage_kind::referral,
         .raised_by = {"IRO", "CP_CHAIR"}, .notify = {"CHIEF_EXECUTIVE"},
         .timescale = no_timescale(), .preconditions = {consult("QAS_TM")}},
    },
    .rules = {
        .bypass = {.allowed = true, .requires_reason = true, .from_stages = {"informal"}},
        .start_above_first = {.allowed = false},
        .pause = {.allowed = false},
        .extension = {.allowed = true, .agreed_by = {"IRO", "CP_CHAIR"},
                      .stages = {"stage1", "stage2", "stage3", "stage4"}},
        .escalation = {.no_response = only_from({"stage1", "stage2", "stage3", "stage4"}),
                       .inadequate_response = only_from({"stage1", "stage2", "stage3", "stage4"}),
                       .not_resolved = only_from({"informal"})},
        .referral = {.allowed = true, .at_any_point = false, .concurrent_allowed = false, .stages = {"stage5"}},
        .legal_advice = {.allowed = true, .at_any_point = false, .stages = {"stage5"}},
    },
};
static_assert(verify<trust_qas>());

}  // namespace drp::seeds
