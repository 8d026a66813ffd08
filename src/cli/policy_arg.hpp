#pragma once

#include <cerrno>
#include <string>
#include <sys/stat.h>

#include "drp/policy.hpp"

namespace drp::cli {

/// --policy P: a policy file, or the name of a built-in seed policy (e.g. merton). Whatever
/// exists at the path is read as a file (a directory is an io error, not a built-in).
inline policy load_policy_arg(const std::string& what) {
    struct stat st {};
    if (::stat(what.c_str(), &st) == 0 || errno != ENOENT) return load_policy_file(what);
    for (const auto& name : builtin_policy_names())
        if (name == what) return builtin_policy(name);
    throw io_error("cannot read policy " + what + ": no such file, nor a built-in policy (merton, trust-qas, ...)", ENOENT);
}

}  // namespace drp::cli
