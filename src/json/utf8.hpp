// UTF-8 as the JSON layer needs it: counting code points (JSON Schema lengths and text
// columns are in code points) and widening for std::regex. Never throws on malformed
// input: a stray byte counts as one code point and widens to U+FFFD.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace drp::json::detail {

inline bool is_utf8_continuation(unsigned char c) noexcept { return (c & 0xC0u) == 0x80u; }

/// Code points in s: every byte that does not continue a sequence starts one.
inline std::size_t count_code_points(std::string_view s) noexcept {
    std::size_t n = 0;
    for (const char c : s) n += is_utf8_continuation(static_cast<unsigned char>(c)) ? 0 : 1;
    return n;
}

/// The longest prefix of s with at most max_code_points code points, never cutting a
/// sequence in half.
inline std::string_view utf8_prefix(std::string_view s, std::size_t max_code_points) noexcept {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (!is_utf8_continuation(static_cast<unsigned char>(s[i])) && seen++ == max_code_points)
            return s.substr(0, i);
    }
    return s;
}

/// Appends the UTF-8 encoding of a code point (U+FFFD for surrogates and out-of-range).
inline void append_utf8(std::string& out, char32_t cp) {
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

/// The code point that starts at s[i] (i < s.size()), advancing i past it; a malformed
/// byte is U+FFFD and advances one byte.
inline char32_t decode_utf8(std::string_view s, std::size_t& i) noexcept {
    const auto lead = static_cast<unsigned char>(s[i]);
    std::size_t len = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    char32_t cp = len == 1 ? lead : len == 2 ? (lead & 0x1Fu) : len == 3 ? (lead & 0x0Fu) : (lead & 0x07u);
    bool ok = len != 0 && i + len <= s.size();
    for (std::size_t k = 1; ok && k < len; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        ok = is_utf8_continuation(c);
        cp = (cp << 6) | (c & 0x3Fu);
    }
    if (!ok) {
        ++i;
        return 0xFFFD;
    }
    i += len;
    return cp;
}

/// Decodes UTF-8 into code points held in CharT (char32_t, or a 32-bit wchar_t), one
/// element per code point; malformed bytes become U+FFFD.
template <class CharT>
std::basic_string<CharT> widen_utf8(std::string_view s) {
    std::basic_string<CharT> out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) out += static_cast<CharT>(decode_utf8(s, i));
    return out;
}

}  // namespace drp::json::detail
