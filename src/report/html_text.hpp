// Text made safe for HTML: one place for every page the report writes.
#pragma once

#include <cstdlib>
#include <string>
#include <string_view>

namespace drp::report_detail {

inline std::string esc(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

/// "2025-09-30" -> "30 September 2025"; "2025-09-30T23:59:59+01:00" -> "30 September 2025,
/// 23:59" (the local time the report gives). Anything else comes back as it is.
inline std::string written_date(const std::string& s) {
    static constexpr const char* months[] = {"January", "February", "March",     "April",   "May",      "June",
                                             "July",    "August",   "September", "October", "November", "December"};
    if (s.size() < 10 || s[4] != '-' || s[7] != '-') return s;
    const int y = std::atoi(s.substr(0, 4).c_str()), m = std::atoi(s.substr(5, 2).c_str()), d = std::atoi(s.substr(8, 2).c_str());
    if (m < 1 || m > 12 || d < 1 || d > 31) return s;
    std::string out = std::to_string(d) + " " + months[m - 1] + " " + std::to_string(y);
    if (s.size() >= 16 && s[10] == 'T') out += ", " + s.substr(11, 5);
    return out;
}

}  // namespace drp::report_detail
