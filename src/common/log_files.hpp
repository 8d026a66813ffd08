// Which files a log path stands for: a folder given as a log is read as the *.jsonl files
// in it, in order of name, so monthly extracts in one folder replay as one log; a folder
// with none is an error, never an empty log.
#pragma once

#include <string>
#include <vector>

namespace drp::detail {

/// The files to read for a log path. "-" and anything that is not a folder stand for
/// themselves (open_input checks them). A folder stands for the regular files directly in
/// it whose names end in ".jsonl" and do not start with ".", sorted by name (byte order:
/// "2025-01.jsonl" before "2025-02.jsonl"); subfolders are not read. A folder holding none
/// is drp::io_error naming it, with a hint.
std::vector<std::string> log_files(const std::string& path);

/// Why a report without a period cannot be made from logs of which no event was applied
/// (there is no latest event to take the quarter from): the CLI and Python add how to give
/// the period. `refused`: how many events were refused.
std::string no_events_message(std::size_t refused);

}  // namespace drp::detail
