#include "cli/studio_save.hpp"

#include <cerrno>
#include <sys/stat.h>

#include "common/input.hpp"
#include "common/output.hpp"
#include "drp/error.hpp"

namespace drp::cli::studio {
namespace {

bool exists(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 || errno != ENOENT;
}

}  // namespace

reply policy_file::session() const {
    if (path_.empty()) return {200, {{"file", nullptr}, {"exists", false}, {"text", nullptr}}};
    if (!exists(path_)) return {200, {{"file", path_}, {"exists", false}, {"text", nullptr}}};
    try {
        return {200, {{"file", path_}, {"exists", true}, {"text", detail::read_file(path_)}}};
    } catch (const error& e) {
        return refusal(500, to_string(e.code()), std::string(e.reason()));
    }
}

reply policy_file::save(const nlohmann::json& request) {
    const std::string text = text_field(request, "text");
    const std::string asked = text_field(request, "path", false);
    if (path_.empty())
        return refusal(409, "no_file", "the studio was started without a policy file: download the policy, or start drp studio FILE");
    if (!asked.empty() && asked != path_)
        return refusal(403, "forbidden_path", "the studio saves only the file it opened, " + path_);
    const std::lock_guard<std::mutex> one_at_a_time(saving_);
    try {
        std::optional<std::string> backup;
        if (exists(path_)) {
            backup = path_ + ".bak";
            detail::write_output(*backup, detail::read_file(path_));
        }
        detail::write_output(path_, text);
        return {200, {{"saved", path_}, {"backup", backup ? nlohmann::json(*backup) : nlohmann::json(nullptr)}}};
    } catch (const error& e) {
        return refusal(500, to_string(e.code()), std::string(e.reason()));
    }
}

}  // namespace drp::cli::studio
