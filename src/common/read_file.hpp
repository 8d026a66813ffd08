// Reading a whole text file, for the CLI and the C API (policy files, event logs).
#pragma once

#include <filesystem>
#include <fstream>
#include <ios>
#include <string>
#include <system_error>

#include "drp/error.hpp"

namespace drp::detail {

/// The whole file, or drp::error(io) naming it (also for a directory). Running out of
/// memory is std::bad_alloc, never a silently shortened text.
inline std::string read_file(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw error(errc::io, "cannot read " + path + ": it is a directory");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw error(errc::io, "cannot read " + path);
    in.exceptions(std::ios::badbit);  // rethrow what reading threw instead of only setting badbit
    std::string text;
    char chunk[1 << 14];
    try {
        while (in.read(chunk, sizeof chunk) || in.gcount() > 0) text.append(chunk, static_cast<std::size_t>(in.gcount()));
    } catch (const std::ios_base::failure&) {
        throw error(errc::io, "error reading " + path);
    }
    return text;
}

}  // namespace drp::detail
