// nlohmann::json values that can be destroyed when memory has run out (issue 11).
//
// nlohmann/json destroys a non-empty array or object iteratively, moving the children
// onto a std::vector it allocates as a stack (basic_json::json_value::destroy). The
// destructor is noexcept, so when that allocation fails — memory has run out and a call
// is unwinding the JSON it was building, or is simply done with a temporary — the process
// ends in std::terminate. nlohmann/json 3.11.2 (Debian 12's) also dereferences the null
// container that an operator[] on a null value leaves when its allocation fails. drp
// promises DRP_ENOMEM instead of an abort (DESIGN.md §4.4, include/drp/drp.h), and JSON is
// built and dropped on nearly every path of the C API (parsing, nlohmann's initializer
// lists, copies, the policy loader and validator), so drp replaces that one member function
// for nlohmann::json (basic_json<> with its default arguments):
//   - while memory lasts it does what nlohmann/json does (the same iterative teardown, so
//     deep documents still do not exhaust the stack);
//   - when the stack cannot be allocated, the children are taken apart in place, deepest
//     first, which needs no memory (an empty array or object, a string or a number is
//     destroyed without allocating); this fallback recurses once per level of nesting,
//     which drp bounds wherever it reads JSON (64 levels);
//   - a container that was never allocated is skipped (as nlohmann/json 3.11.3 does).
//
// An explicit specialization must be declared before anything that would instantiate the
// member, in every translation unit: CMake force-includes this header into every C++
// source built in this tree against drp (drp_drp's BUILD_INTERFACE compile options), never
// into an installed host's code. The definition (oom_destroy.cpp) is hidden, so the code of
// each drp binary (libdrp.so, libdrp++, the Python module) binds to it.
#pragma once

#include <nlohmann/json.hpp>

#if !defined(NLOHMANN_JSON_VERSION_MAJOR) || NLOHMANN_JSON_VERSION_MAJOR != 3 || NLOHMANN_JSON_VERSION_MINOR < 10
#error "src/json/oom_destroy.hpp replaces basic_json::json_value::destroy of nlohmann/json 3.10-3.x: check it against this version"
#endif

#if defined(__GNUC__) || defined(__clang__)
#define DRP_JSON_DESTROY_VISIBILITY __attribute__((visibility("hidden")))
#else
#define DRP_JSON_DESTROY_VISIBILITY
#endif

template <>
DRP_JSON_DESTROY_VISIBILITY void nlohmann::basic_json<>::json_value::destroy(value_t t);
