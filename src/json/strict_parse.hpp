// Reading JSON text the one way drp reads it everywhere (events, stored states, hosts'
// text through the C API and Python, GOV.UK files): nlohmann/json's grammar, plus the
// rules a host's own parser might read differently if we let them pass —
//   - a key repeated in an object is refused (nlohmann keeps the last, many parsers the
//     first: the same line would be a raise to one and a withdraw to the other);
//   - a NUL byte anywhere is refused (nlohmann stops reading at it, silently);
//   - nesting is bounded (hostile input must not exhaust the stack of recursive code
//     that later walks the document).
// Errors never quote the text: nlohmann's messages end with "last read: '...'", the
// bytes it was reading, which may be a child's details. The reason and the place (line,
// column, JSON pointer) are kept; the bytes are not.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace drp::detail {

struct strict_options {
    int max_depth = 64;  ///< far deeper than any event, state or policy
};

/// The document, or drp::error(invalid_json) "WHAT: line L, column C: reason" (or
/// "WHAT: duplicate key \"k\" at /pointer"). `what` names the text ("event",
/// "dispute state").
nlohmann::json parse_strict(std::string_view text, std::string_view what, strict_options options = {});

/// nlohmann's message for an error it raised while parsing `text`, without the bytes it
/// quotes: "line 1, column 39: invalid string: ill-formed UTF-8 byte".
std::string describe_parse_error(std::string_view text, const nlohmann::json::exception& e);

/// Where the first NUL byte of text is, as "line L, column C"; empty when there is none.
std::string nul_byte_position(std::string_view text);

}  // namespace drp::detail
