// Where the conformance data from outside the project lives (../shared/conformance, see
// its README): $DRP_CONFORMANCE_DIR when set, else the directory CMake compiled in.
#pragma once

#include <cstdlib>
#include <filesystem>

#ifndef DRP_CONFORMANCE_DIR
#define DRP_CONFORMANCE_DIR ""
#endif

namespace drp::testing {

inline std::filesystem::path conformance_dir() {
    const char* from_environment = std::getenv("DRP_CONFORMANCE_DIR");
    return from_environment != nullptr && *from_environment != '\0' ? from_environment : DRP_CONFORMANCE_DIR;
}

}  // namespace drp::testing
