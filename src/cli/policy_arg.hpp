#pragma once

#include <cerrno>
#include <string>
#include <sys/stat.h>

#include "cli/args.hpp"
#include "drp/policy.hpp"

namespace drp::cli {

/// The values of --closure DATE[=TITLE] as load options; usage_error for a value that does
/// not start with a date (the message does not repeat the value).
inline policy_load_options closure_options(const std::vector<std::string>& values) {
    policy_load_options out;
    for (const auto& v : values) {
        const auto eq = v.find('=');
        closure c;
        try {
            c.day = parse_date(v.substr(0, eq));
        } catch (const error&) {
            throw usage_error("--closure expects DATE or DATE=TITLE, the date as YYYY-MM-DD");
        }
        if (eq != std::string::npos) c.title = v.substr(eq + 1);
        out.closures.push_back(std::move(c));
    }
    return out;
}

/// --policy P: a policy file, or the name of a built-in seed policy (e.g. merton). Whatever
/// exists at the path is read as a file (a directory is an io error, not a built-in).
inline policy load_policy_arg(const std::string& what, const policy_load_options& options = {}) {
    struct stat st {};
    if (::stat(what.c_str(), &st) == 0 || errno != ENOENT) return load_policy_file(what, options);
    for (const auto& name : builtin_policy_names())
        if (name == what) return builtin_policy(name, options);
    throw io_error("cannot read policy " + what + ": no such file, nor a built-in policy (merton, trust-qas, ...)", ENOENT);
}

}  // namespace drp::cli
