// A vendor's flowchart fixed at build time, broken in one way per DRP_SEED_CASE_*: the
// seeds_compile_* tests build this file and expect the compiler to refuse it with the
// message of the rule it breaks (and to accept the well-formed case).
#include "drp/seeds/checks.hpp"

namespace vendor {
using namespace drp::seeds;
using drp::stage_kind;

#if defined(DRP_SEED_CASE_levels)
constexpr int stage2_level = 1;  // not above stage1
#else
constexpr int stage2_level = 2;
#endif
#if defined(DRP_SEED_CASE_role)
constexpr std::string_view stage2_responder = "SM";  // not one of the roles
#else
constexpr std::string_view stage2_responder = "HOS";
#endif
#if defined(DRP_SEED_CASE_duration)
constexpr int stage1_days = 0;
#elif defined(DRP_SEED_CASE_cap)
constexpr int stage1_days = 11;  // 11 + 10 working days do not fit the cap of 20
#else
constexpr int stage1_days = 10;
#endif

inline constexpr seed borough{
    .id = "borough",
    .version = "1.0.0",
    .effective_from = std::chrono::year{2025} / 4 / 1,
    .applies_to = {"IRO"},
    .roles = {"IRO", "TM", "HOS"},
    .stages = {
        {.id = "stage1", .level = 1, .raised_by = {"IRO"}, .responder = {"TM"},
         .timescale = fixed(working_days(stage1_days))},
        {.id = "stage2", .level = stage2_level, .raised_by = {"IRO"}, .responder = {stage2_responder},
         .timescale = fixed(working_days(10))},
    },
    .rules = {
        .escalation = {.no_response = from_any_stage},
        .overall_cap = overall_cap_rule{.within = working_days(20), .kinds = {stage_kind::formal}},
    },
};
static_assert(verify<borough>());

}  // namespace vendor
