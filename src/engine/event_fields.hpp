// The fields of one event object, as either parser saw them: the one validation
// (event_from_fields) serves the nlohmann path (parse_event(const json&)) and the
// simdjson path (event_parser), so both accept the same events with the same errors.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "drp/event.hpp"

namespace drp::detail {

struct event_field {
    enum class kind : unsigned char { string, boolean, other, strings };  // other: number, null, object, any other array
    std::string_view key;   // unescaped
    kind type = kind::other;
    std::string_view text;  // unescaped, for a string
    bool flag = false;      // for a boolean
    std::span<const std::string_view> items = {};  // unescaped, for an array of strings
};

/// Checks the fields of one event object and builds the event. The keys must be unique
/// (a JSON object after duplicates were resolved). Throws drp::error(invalid_event).
event event_from_fields(std::span<const event_field> fields);

/// The schema's instant: "YYYY-MM-DDTHH:MM:SS", an optional fraction, then Z or +hh:mm.
bool is_instant_text(std::string_view text);
/// Such text read in one pass: the instant parse_rfc3339 gives for it (the fraction
/// dropped), or none when it is not of that shape or names no such day (Feb 30), which
/// the caller then refuses with the messages of is_instant_text and parse_rfc3339.
std::optional<instant> read_instant_text(std::string_view text) noexcept;

/// The reference path: nlohmann::json::parse, then parse_event(const json&). Throws
/// drp::error(invalid_json) naming the line and column (never quoting the text) for text
/// that is not JSON, a repeated key or a NUL byte (json/strict_parse.hpp).
event parse_event_dom(std::string_view json_text);

}  // namespace drp::detail
