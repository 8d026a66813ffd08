// Fixed-width decimal fields, as RFC 3339 writes dates and times: one reader for the
// engine's instants (src/time/rfc3339.cpp) and the validator's formats.
#pragma once

#include <cstddef>
#include <string_view>

namespace drp::detail {

/// The number written by exactly `width` digits at text[pos]; -1 when they are not all
/// digits or the text ends first.
constexpr int fixed_digits(std::string_view text, std::size_t pos, std::size_t width) noexcept {
    if (pos + width > text.size()) return -1;
    int value = 0;
    for (std::size_t k = 0; k < width; ++k) {
        const char c = text[pos + k];
        if (c < '0' || c > '9') return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

static_assert(fixed_digits("2026", 0, 4) == 2026 && fixed_digits("20x6", 0, 4) == -1 && fixed_digits("12", 1, 2) == -1);

}  // namespace drp::detail
