#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "drp/error.hpp"

namespace drp::cli {

/// The whole file, or drp::error(io) naming it.
inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw error(errc::io, "cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace drp::cli
