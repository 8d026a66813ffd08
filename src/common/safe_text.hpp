// Text that is safe to print whatever bytes it came from: valid UTF-8 passes through,
// anything else (stray bytes, control characters) is written as \xNN, so a diagnostic
// about a broken file is itself always valid UTF-8.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace drp::detail {

inline std::string safe_text(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    auto escape = [&](unsigned char c) {
        char buf[5];
        std::snprintf(buf, sizeof buf, "\\x%02X", c);
        out += buf;
    };
    for (std::size_t i = 0; i < in.size();) {
        const auto c = static_cast<unsigned char>(in[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        bool ok = len != 0 && i + len <= in.size();
        for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(in[i + k]) & 0xC0) == 0x80;
        if (ok && len == 2) ok = c >= 0xC2;  // no overlong forms
        if (!ok || (len == 1 && (c < 0x20 || c == 0x7F))) {
            escape(c);
            ++i;
            continue;
        }
        out.append(in.substr(i, len));
        i += len;
    }
    return out;
}

}  // namespace drp::detail
