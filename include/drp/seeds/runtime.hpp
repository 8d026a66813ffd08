// drp/seeds/runtime.hpp — from a compile-time seed to a runtime drp::policy, and back to
// checking that a seed and a policy agree.
//
// A vendor who fixes its flowchart at build time still runs disputes on a drp::policy:
// to_policy() writes the seed out as a policy document and loads it through the same
// loader and validator as any JSON policy. differences() compares a seed with a loaded
// policy field by field; the tests use it to keep the five seeds equal to policies/*.json,
// and a host can use it at start-up to check its compiled-in seed against a JSON file.
#pragma once

#include <string>
#include <vector>

#include "drp/policy.hpp"
#include "drp/seeds/seed.hpp"

namespace drp::seeds {

/// The seed as a policy document (schemas/policy.schema.json): everything the seed
/// carries, plus the fields the schema requires and a seed has no words for (titles,
/// authority, source), filled with the ids. Keys come in the schema's order.
std::string to_policy_json(const seed& s);

/// to_policy_json(s) loaded by drp::load_policy (file name "<seed ID>"). Throws
/// drp::policy_error for a seed that the validator rejects, which verify<S>() is meant
/// to rule out at compile time.
policy to_policy(const seed& s);

/// Where `s` and `p` disagree on what the seed carries, one line per field, each naming
/// the seed, the place and the field: "merton: stage IR2: timescale.default: seed
/// 3 working days, policy 4 working days". Empty when they agree. Role and category
/// lists are compared as sets (JSON keeps them as object keys); every other list in order.
std::vector<std::string> differences(const seed& s, const policy& p);

}  // namespace drp::seeds
