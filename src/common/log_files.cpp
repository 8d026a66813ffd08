#include "common/log_files.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "drp/error.hpp"

namespace drp::detail {

std::vector<std::string> log_files(const std::string& path) {
    namespace fs = std::filesystem;
    if (path == "-") return {path};
    std::error_code ec;
    if (!fs::is_directory(path, ec)) return {path};  // a file, or missing: open_input says which
    std::vector<std::string> files;
    fs::directory_iterator it(path, ec);
    const auto fail = [&](const std::error_code& why) {
        throw io_error("cannot read log folder " + path + ": " + why.message(), why.value());
    };
    if (ec) fail(ec);
    for (const fs::directory_iterator end; it != end; it.increment(ec)) {
        if (ec) fail(ec);
        const std::string name = it->path().filename().string();
        if (name.empty() || name.front() == '.' || name.size() <= 6 || !name.ends_with(".jsonl")) continue;
        std::error_code kind;
        if (!it->is_regular_file(kind)) continue;  // follows links; a broken link is left out
        files.push_back(it->path().string());
    }
    if (ec) fail(ec);
    if (files.empty())
        throw io_error("cannot read log folder " + path + ": it holds no *.jsonl files (a folder is read as the "
                       "*.jsonl files directly in it, in order of name; give the log files instead)",
                       EISDIR);
    std::sort(files.begin(), files.end());
    return files;
}

std::string no_events_message(std::size_t refused) {
    if (refused == 0) return "the logs hold no events, so there is no latest event to take the quarter from";
    return "no event of the logs was applied (" + std::to_string(refused) +
           " refused), so there is no latest event to take the quarter from";
}

}  // namespace drp::detail
