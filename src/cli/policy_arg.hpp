#pragma once

#include <fstream>
#include <string>

#include "drp/policy.hpp"

namespace drp::cli {

/// --policy P: a policy file, or the name of a built-in seed policy (e.g. merton).
inline policy load_policy_arg(const std::string& what) {
    if (std::ifstream probe(what); probe) return load_policy_file(what);
    for (const auto& name : builtin_policy_names())
        if (name == what) return builtin_policy(name);
    throw error(errc::io, "cannot read policy " + what + " (not a file, nor a built-in: merton, trust-qas, ...)");
}

}  // namespace drp::cli
