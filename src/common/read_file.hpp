// Reading a whole text file, for the CLI and the C API (policy files, event logs).
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>

#include "drp/error.hpp"

namespace drp::detail {

/// The whole file, or drp::error(io) naming it (also for a directory).
inline std::string read_file(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw error(errc::io, "cannot read " + path + ": it is a directory");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw error(errc::io, "cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace drp::detail
