// Seed 004, London Borough of Merton — the compile-time twin of policies/merton.json.
#pragma once

#include "drp/seeds/checks.hpp"

namespace drp::seeds {

inline constexpr seed merton{
    .id = "merton",
    .version = "1.0.0",
    .effective_from = std::chrono::year{2025} / 1 / 1,
    .region = division::england_and_wales,
    .applies_to = {"IRO"},
    .roles = {"IRO", "IRO_MANAGER", "HOS_QAPD", "HOS_SAFEGUARDING", "SW", "TM", "HOS", "AD", "STRATEGIC_DIRECTOR",
              "CHIEF_OFFICER_CSC"},
    .categories = {"care_planning", "permanency", "childs_voice", "drift_delay", "resources", "practice"},
    .stages = {
        {.id = "informal", .level = 0, .kind = stage_kind::informal,
         .raised_by = {"IRO"}, .responder = {"SW", "TM"},
         .timescale = for_resolution(agreed(date_on_entry::required))},
        {.id = "drm", .level = 1, .kind = stage_kind::meeting, .optional = true,
         .raised_by = {"IRO"}, .responder = {"HOS_QAPD", "IRO_MANAGER"}, .notify = {"SW", "TM", "HOS"},
         .timescale = no_timescale(),
         .preconditions = {consult("IRO_MANAGER")}},
        {.id = "IR1", .level = 2, .kind = stage_kind::formal,
         .raised_by = {"IRO"}, .responder = {"TM", "HOS"}, .copy = {"SW"},
         .timescale = for_resolution(fixed(working_days(10)))},
        {.id = "IR2", .level = 3, .kind = stage_kind::formal,
         .raised_by = {"IRO"}, .responder = {"HOS"}, .copy = {"TM", "SW", any_of({"IRO_MANAGER", "HOS_SAFEGUARDING"})},
         .timescale = for_resolution(fixed(working_days(3)))},
        {.id = "IR3", .level = 4, .kind = stage_kind::formal,
         .raised_by = {"IRO"}, .responder = {"AD"}, .copy = {"HOS", "TM", "SW", any_of({"IRO_MANAGER", "HOS_SAFEGUARDING"})},
         .timescale = for_resolution(fixed(working_days(3)))},
        {.id = "IR4", .level = 5, .kind = stage_kind::formal,
         .raised_by = {"IRO_MANAGER", "HOS_SAFEGUARDING"}, .responder = {"STRATEGIC_DIRECTOR"},
         .copy = {"CHIEF_OFFICER_CSC", "HOS"},
         .timescale = for_resolution(fixed(working_days(4)))},
        {.id = "IR5", .level = 6, .kind = stage_kind::referral,
         .raised_by = {"IRO"},
         .timescale = no_timescale()},
    },
    .rules = {
        .bypass = {.allowed = true, .requires_reason = true},
        .start_above_first = {.allowed = true, .requires_reason = true},
        .pause = {.allowed = true, .requires_reason = true, .approved_by = {"IRO_MANAGER"}, .kinds = {stage_kind::formal}},
        .extension = {.allowed = true, .agreed_by = {"IRO"}},
        .escalation = {.not_resolved = from_any_stage, .discretion = from_any_stage},
        .referral = {.allowed = true, .at_any_point = true, .concurrent_allowed = true,
                     .preconditions = {consult_and_agree("HOS_QAPD")}, .within = calendar_days(3)},
        .legal_advice = {.allowed = false},
        .overall_cap = overall_cap_rule{.within = working_days(20), .kinds = {stage_kind::formal}},
        .timescales_are_guidance = true,
        .impact_required = true,
    },
};
static_assert(verify<merton>());

}  // namespace drp::seeds
