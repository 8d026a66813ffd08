// RFC 6901 JSON pointers: the one place that escapes and splits them, shared by the
// schema validator (which writes pointers) and the position map (which looks them up).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drp::json::detail {

/// Appends "/" and the token with "~" written "~0" and "/" written "~1".
inline void append_pointer_token(std::string& pointer, std::string_view token) {
    pointer += '/';
    for (const char c : token) {
        if (c == '~') {
            pointer += "~0";
        } else if (c == '/') {
            pointer += "~1";
        } else {
            pointer += c;
        }
    }
}

/// The unescaped reference tokens of a pointer ("" has none); nullopt when the text is
/// not a pointer (no leading "/", or "~" not followed by 0 or 1).
inline std::optional<std::vector<std::string>> split_pointer(std::string_view pointer) {
    std::vector<std::string> tokens;
    if (pointer.empty()) return tokens;
    if (pointer.front() != '/') return std::nullopt;
    std::string token;
    for (std::size_t i = 1; i <= pointer.size(); ++i) {
        if (i == pointer.size() || pointer[i] == '/') {
            tokens.push_back(std::move(token));
            token.clear();
        } else if (pointer[i] == '~') {
            if (i + 1 >= pointer.size() || (pointer[i + 1] != '0' && pointer[i + 1] != '1')) return std::nullopt;
            token += pointer[i + 1] == '0' ? '~' : '/';
            ++i;
        } else {
            token += pointer[i];
        }
    }
    return tokens;
}

}  // namespace drp::json::detail
