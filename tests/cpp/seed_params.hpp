// Tests run once per built-in seed policy: the parameter and its test name.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "drp/policy.hpp"

namespace seed_params {

/// Every built-in seed ("merton", "qa-form", ...) as test parameters.
inline auto all() { return testing::ValuesIn(drp::builtin_policy_names()); }

/// "qa-form" -> "qa_form": test names may not contain '-'.
inline std::string test_name(std::string_view seed) {
    std::string out(seed);
    for (auto& ch : out)
        if (ch == '-') ch = '_';
    return out;
}
inline std::string name(const testing::TestParamInfo<std::string>& param) { return test_name(param.param); }

}  // namespace seed_params
