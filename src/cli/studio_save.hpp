// Saving the policy the studio opened: the previous version is kept beside it as
// FILE.bak, both written whole or not at all; no other path is ever written.
#pragma once

#include <mutex>
#include <string>

#include "cli/studio_api.hpp"

namespace drp::cli::studio {

class policy_file {
public:
    /// `path` empty: the studio was started without a file, and save is refused.
    explicit policy_file(std::string path) : path_(std::move(path)) {}

    const std::string& path() const noexcept { return path_; }
    /// {"file", "exists", "text"}: what the page opens with.
    reply session() const;
    /// {"text", "path"?} → {"saved", "backup"}; 403 for a path other than the opened file,
    /// 409 when there is no file, 500 (io) when a write fails.
    reply save(const nlohmann::json& request);

private:
    std::string path_;
    std::mutex saving_;  // one save at a time: the backup is of the version before it
};

}  // namespace drp::cli::studio
