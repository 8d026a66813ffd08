// Events as JSON for the report tests: one shape for every test file that builds a log.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace drp::report_events {

using nlohmann::json;

/// An event of `type` in dispute `id` at `at`, with `fields` besides.
inline json ev(const std::string& type, const std::string& id, const std::string& at, json fields = json::object()) {
    fields["type"] = type;
    fields["at"] = at;
    fields["dispute_id"] = id;
    return fields;
}

/// A Merton raise at informal resolution with its agreed date `due`.
inline json raise(const std::string& id, const std::string& at, const std::string& due) {
    return ev("raise", id, at, {{"child_ref", "CH-" + id}, {"category", "drift_delay"}, {"urgency", "standard"}, {"summary", "s"}, {"due", due}});
}

}  // namespace drp::report_events
