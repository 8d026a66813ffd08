// Tests run once per built-in seed policy: the parameter and its test name.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "drp/policy.hpp"

namespace seed_params {

/// Every built-in seed ("merton", "qa-form", ...) as test parameters.
inline auto all() { return testing::ValuesIn(drp::builtin_policy_names()); }

/// "qa-form" -> "qa_form": test names may not contain '-'.
inline std::string name(const testing::TestParamInfo<std::string>& param) {
    std::string out = param.param;
    for (auto& ch : out)
        if (ch == '-') ch = '_';
    return out;
}

}  // namespace seed_params
