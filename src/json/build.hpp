// Building JSON objects member by member, for the code on the C API's paths (issue 11).
//
// nlohmann::json's braced form `{{"key", value}, ...}` builds a std::initializer_list, and
// GCC 12 gets the cleanup of one wrong when making an element throws (PR c++/66139, fixed
// in GCC 13): the elements already made are never destroyed, and in an arm of ?: a
// temporary is destroyed after its scope has ended. With memory running out that is a
// leak, or worse, on every object built. json_object() sets each member in a statement of
// its own, so whatever throws, everything made so far is destroyed. The arguments are
// evaluated before any member is set, in no particular order: pass values, not actions.
#pragma once

#include <nlohmann/json.hpp>
#include <utility>

namespace drp::detail {

inline void json_put(nlohmann::json&) {}

/// Sets key, value pairs on an object: json_put(j, "a", 1, "b", "x").
template <class Key, class Value, class... Rest>
void json_put(nlohmann::json& j, Key&& key, Value&& value, Rest&&... rest) {
    j[std::forward<Key>(key)] = std::forward<Value>(value);
    json_put(j, std::forward<Rest>(rest)...);
}

/// json_object("a", 1, "b", "x") is {"a": 1, "b": "x"}, as `json{{"a", 1}, {"b", "x"}}`.
template <class... Members>
nlohmann::json json_object(Members&&... members) {
    static_assert(sizeof...(Members) % 2 == 0, "json_object takes key, value pairs");
    nlohmann::json j = nlohmann::json::object();
    json_put(j, std::forward<Members>(members)...);
    return j;
}

}  // namespace drp::detail
