// CSV fields as RFC 4180 quotes them: one place for every CSV the report writes.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace drp::report_detail {

inline std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

/// A JSON scalar as a CSV cell: null is empty, a string as it is, a number as JSON writes it.
inline std::string scalar_text(const nlohmann::json& v) {
    if (v.is_null()) return "";
    if (v.is_string()) return v.get<std::string>();
    return v.dump();
}

}  // namespace drp::report_detail
