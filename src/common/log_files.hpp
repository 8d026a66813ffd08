// Which files a log path stands for: a folder given as a log is read as the *.jsonl files
// in it, in order of name, so monthly extracts in one folder replay as one log; a folder
// with none is an error, never an empty log.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/input.hpp"

namespace drp::detail {

/// The files to read for a log path. "-" and anything that is not a folder stand for
/// themselves (open_input checks them). A folder stands for the regular files directly in
/// it whose names end in ".jsonl" and do not start with ".", sorted by name (byte order:
/// "2025-01.jsonl" before "2025-02.jsonl"); subfolders are not read. A folder holding none
/// is drp::io_error naming it, with a hint.
std::vector<std::string> log_files(const std::string& path);

/// Every file of the log paths (log_files of each), opened before any is read: a missing
/// one fails at once, not after the others were read.
std::vector<std::unique_ptr<byte_source>> open_logs(const std::vector<std::string>& paths);

/// A report without a period takes the quarter of the latest event applied: with none
/// applied there is none, and a report of "1970 Q1" would pass for an answer. Throws
/// drp::error(invalid_argument) saying so (and how many were refused), ending with
/// `how_to_give_period` (the CLI's options or Python's arguments).
void require_events_or_period(std::size_t applied, std::size_t refused, bool has_period,
                              std::string_view how_to_give_period);

}  // namespace drp::detail
