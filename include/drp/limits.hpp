// drp/limits.hpp — how much input drp reads before it stops with an error, so that
// /dev/zero, an endless stream or a corrupt file cannot eat the machine's memory.
// Generous defaults, settable per call (docs/reliability.md).
#pragma once

#include <cstddef>

namespace drp {

/// One line of an event log: an event is at most a few tens of kilobytes (its free-text
/// fields are bounded by the event schema), so a longer line is not an event.
inline constexpr std::size_t default_max_line_bytes = std::size_t{1} << 20;  // 1 MiB

/// A policy file or a GOV.UK bank-holidays file (the seeds are about 20 KB, GOV.UK's
/// file about 40 KB).
inline constexpr std::size_t default_max_file_bytes = std::size_t{16} << 20;  // 16 MiB

}  // namespace drp
