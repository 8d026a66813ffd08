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

std::vector<std::unique_ptr<byte_source>> open_logs(const std::vector<std::string>& paths) {
    std::vector<std::unique_ptr<byte_source>> sources;
    for (const auto& given : paths)
        for (const auto& path : log_files(given)) sources.push_back(open_input(path, "log"));
    return sources;
}

void require_events_or_period(std::size_t applied, std::size_t refused, bool has_period,
                              std::string_view how_to_give_period) {
    if (applied > 0 || has_period) return;
    const std::string what = refused == 0 ? "the logs hold no events"
                                          : "no event of the logs was applied (" + std::to_string(refused) + " refused)";
    throw error(errc::invalid_argument, what + ", so there is no latest event to take the quarter from; check the logs, or give the period (" +
                                            std::string(how_to_give_period) + ")");
}

}  // namespace drp::detail
