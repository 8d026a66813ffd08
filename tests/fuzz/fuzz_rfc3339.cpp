// Any bytes as an RFC 3339 instant or a date: parse or drp::error, and what parses
// round-trips through format_rfc3339.
#include "drp/error.hpp"
#include "drp/time.hpp"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto t = drp::parse_rfc3339(text);
        if (drp::parse_rfc3339(drp::format_rfc3339(t, std::chrono::seconds{0})) != t) std::abort();
    } catch (const drp::error&) {
    }
    try {
        (void)drp::parse_date(text);
    } catch (const drp::error&) {
    }
    return 0;
}
