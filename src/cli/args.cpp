#include "cli/args.hpp"

#include <algorithm>
#include <charconv>

#include "drp/error.hpp"

namespace drp::cli {

args::args(std::vector<std::string> argv, const std::vector<std::string>& valued,
           const std::vector<std::string>& flags) {
    auto known = [](const std::vector<std::string>& list, const std::string& s) {
        return std::find(list.begin(), list.end(), s) != list.end();
    };
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a.size() > 2 && a.rfind("--", 0) == 0) {
            std::string name = a.substr(2), val;
            const auto eq = name.find('=');
            const bool inline_value = eq != std::string::npos;
            if (inline_value) {
                val = name.substr(eq + 1);
                name.resize(eq);
            }
            if (known(valued, name)) {
                if (!inline_value) {
                    if (i + 1 >= argv.size()) throw usage_error("option --" + name + " needs a value");
                    val = argv[++i];
                }
                options_.emplace(name, val);
            } else if (known(flags, name) && !inline_value) {
                options_.emplace(name, "");
            } else {
                throw usage_error("unknown option --" + name);
            }
        } else if (a.size() > 1 && a[0] == '-' && !(a[1] >= '0' && a[1] <= '9')) {
            throw usage_error("unknown option " + a);
        } else {
            positional_.push_back(a);
        }
    }
}

bool args::flag(const std::string& name) const { return options_.count(name) != 0; }

std::optional<std::string> args::value(const std::string& name) const {
    const auto [lo, hi] = options_.equal_range(name);
    if (lo == hi) return std::nullopt;
    return std::prev(hi)->second;  // the last one given wins
}

std::vector<std::string> args::values(const std::string& name) const {
    std::vector<std::string> out;
    const auto [lo, hi] = options_.equal_range(name);
    for (auto it = lo; it != hi; ++it) out.push_back(it->second);
    return out;
}

std::size_t size_option(const std::string& text, const char* what) {
    std::size_t value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || text.empty() || value == 0)
        throw usage_error(std::string(what) + " must be a whole number of bytes, at least 1, got \"" + text + "\"");
    return value;
}

instant instant_option(const std::string& text, const char* what) {
    try {
        return parse_rfc3339(text);
    } catch (const error&) {
        throw usage_error(std::string(what) + " must be an RFC 3339 instant with its offset, e.g. 2027-01-08T09:00:00Z, got \"" +
                          text + "\"");
    }
}

int to_int(const std::string& text, const char* what) {
    int value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data() + (text.rfind('+', 0) == 0 ? 1 : 0), end, value);
    if (ec != std::errc() || ptr != end || text.empty())
        throw usage_error(std::string(what) + " must be a whole number, got \"" + text + "\"");
    return value;
}

}  // namespace drp::cli
