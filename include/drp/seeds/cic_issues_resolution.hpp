// Seed 002, the IRO issues resolution process for children in care — the compile-time
// twin of policies/cic-issues-resolution.json.
#pragma once

#include "drp/seeds/checks.hpp"

namespace drp::seeds {

inline constexpr seed cic_issues_resolution{
    .id = "cic-issues-resolution",
    .version = "1.0.0",
    .effective_from = std::chrono::year{2025} / 1 / 1,
    .region = division::england_and_wales,
    .applies_to = {"IRO"},
    .roles = {"IRO", "RELEVANT_MANAGER", "QAAS_SM", "QAAS_BS", "HOS", "ADM", "DCS"},
    .stages = {
        // "Is this serious enough to need immediate action?" NO.
        {.id = "informal", .level = 0, .kind = stage_kind::informal,
         .only_at = {urgency::standard},
         .raised_by = {"IRO"},
         .timescale = for_resolution(fixed(working_days(5)))},
        {.id = "stage1", .level = 1, .kind = stage_kind::formal,
         .raised_by = {"IRO"}, .responder = {"RELEVANT_MANAGER"},
         .timescale = for_resolution(fixed(working_days(5)))},
        {.id = "stage2", .level = 2, .kind = stage_kind::formal,
         .raised_by = {"IRO"}, .notify = {"QAAS_SM"},
         .timescale = for_resolution(fixed(working_days(5)))},
        {.id = "stage3", .level = 3, .kind = stage_kind::formal,
         .raised_by = {"IRO"}, .responder = {"HOS", "ADM"}, .notify = {"QAAS_SM"},
         .timescale = for_resolution(fixed(working_days(5)))},
        {.id = "stage4", .level = 4, .kind = stage_kind::formal,
         .raised_by = {"IRO"}, .responder = {"DCS"}, .notify = {"QAAS_SM"},
         .timescale = for_resolution(fixed(working_days(5)))},
    },
    .rules = {
        .bypass = {.allowed = true, .requires_reason = true},
        .start_above_first = {.allowed = true, .requires_reason = true},
        .pause = {.allowed = false},
        .extension = {.allowed = false},
        .escalation = {.not_resolved = from_any_stage, .discretion = from_any_stage},
        .referral = {.allowed = true, .at_any_point = true, .concurrent_allowed = true},
        .legal_advice = {.allowed = true, .at_any_point = true},
    },
};
static_assert(verify<cic_issues_resolution>());

}  // namespace drp::seeds
