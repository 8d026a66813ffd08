// An instant's RFC 3339 text in a buffer of its own: what format_rfc3339 and
// time_zone::format return as a std::string (always longer than the short-string buffer,
// so a heap allocation each), for writers that copy the text straight out (the state's
// dozens of instants per dispute).
#pragma once

#include <string_view>

#include "drp/time.hpp"

namespace drp::detail {

struct rfc3339_text {
    static constexpr bool plain_json = true;  // digits and "-:T+Z.": no JSON escape (json/sink.hpp)
    char data[48];
    std::size_t size = 0;
    operator std::string_view() const noexcept { return {data, size}; }
};

/// format_rfc3339(t, utc_offset), without the string.
rfc3339_text format_rfc3339_text(instant t, std::chrono::seconds utc_offset) noexcept;

/// zone.format(t), without the string.
inline rfc3339_text format_local(const time_zone& zone, instant t) { return format_rfc3339_text(t, zone.utc_offset(t)); }

}  // namespace drp::detail
