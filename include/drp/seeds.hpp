// drp/seeds.hpp — the five seed authorities as compile-time policies (DESIGN.md §3).
//
// Each seed is constexpr data (drp/seeds/seed.hpp) checked by static_assert against the
// rules of a well-formed flowchart (drp/seeds/checks.hpp), and kept equal to its JSON twin
// in policies/ by tests/cpp/seeds_test.cpp. To run disputes on one, turn it into a runtime
// policy with drp/seeds/runtime.hpp. docs/compile-time-policies.md explains the idea.
#pragma once

#include <array>
#include <functional>

#include "drp/seeds/cic_issues_resolution.hpp"
#include "drp/seeds/merton.hpp"
#include "drp/seeds/qa_form.hpp"
#include "drp/seeds/seed.hpp"
#include "drp/seeds/tracked_recommendation.hpp"
#include "drp/seeds/trust_qas.hpp"

namespace drp::seeds {

/// The five, in the order of their documents (seed 000 to 004).
inline constexpr std::array<std::reference_wrapper<const seed>, 5> all{
    std::cref(tracked_recommendation), std::cref(qa_form), std::cref(cic_issues_resolution), std::cref(trust_qas),
    std::cref(merton)};

}  // namespace drp::seeds
