#include "json/text_writer.hpp"

#include <array>
#include <cassert>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>

namespace drp::detail {
namespace {

std::string hex_byte(unsigned char b) {  // as nlohmann's hex_bytes: upper case
    constexpr const char* digits = "0123456789ABCDEF";
    return {digits[b >> 4], digits[b & 0x0F]};
}

// nlohmann's serializer throws these for text that is not UTF-8 under error_handler_t::strict.
[[noreturn]] void bad_byte(std::size_t index, unsigned char b) {
    throw nlohmann::json::type_error::create(
        316, "invalid UTF-8 byte at index " + std::to_string(index) + ": 0x" + hex_byte(b), static_cast<const nlohmann::json*>(nullptr));
}
[[noreturn]] void incomplete(unsigned char last) {
    throw nlohmann::json::type_error::create(316, "incomplete UTF-8 string; last byte: 0x" + hex_byte(last),
                                             static_cast<const nlohmann::json*>(nullptr));
}

// A multi-byte UTF-8 sequence starting at s[i] (s[i] >= 0x80), read as nlohmann's decoder
// (Hoehrmann's automaton: well-formed UTF-8 of Unicode's table 3-7) reads it: its length
// when it is whole and well formed; else 0, with `at` the first byte that cannot continue
// it (at == i: the lead byte itself; at == s.size(): the text ended inside it).
std::size_t sequence(std::string_view s, std::size_t i, std::size_t& at) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // the second byte's range
    if (b >= 0xC2 && b <= 0xDF) len = 2;
    else if (b == 0xE0) len = 3, lo = 0xA0;
    else if (b == 0xED) len = 3, hi = 0x9F;
    else if (b >= 0xE1 && b <= 0xEF) len = 3;
    else if (b == 0xF0) len = 4, lo = 0x90;
    else if (b == 0xF4) len = 4, hi = 0x8F;
    else if (b >= 0xF1 && b <= 0xF3) len = 4;
    else {
        at = i;
        return 0;
    }
    for (std::size_t k = 1; k < len; ++k) {
        if (i + k >= s.size()) {
            at = s.size();
            return 0;
        }
        const auto c = static_cast<unsigned char>(s[i + k]);
        if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) {
            at = i + k;
            return 0;
        }
    }
    return len;
}

// Printable ASCII but the quotation mark and the backslash: written as it is.
constexpr auto plain = [] {
    std::array<bool, 256> t{};
    for (int c = 0x20; c < 0x80; ++c) t[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
    return t;
}();

// The length of s's leading run of plain bytes.
std::size_t plain_prefix(std::string_view s) noexcept {
    std::size_t i = 0;
    for (std::uint64_t w; i + 8 <= s.size(); i += 8) {
        std::memcpy(&w, s.data() + i, 8);
        if (!plain_json_word(w)) break;
    }
    while (i < s.size() && plain[static_cast<unsigned char>(s[i])]) ++i;
    return i;
}

}  // namespace

const char json_text_writer::blanks[blank_run] = {
#define DRP_BLANKS8 ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '
    DRP_BLANKS8, DRP_BLANKS8, DRP_BLANKS8, DRP_BLANKS8, DRP_BLANKS8, DRP_BLANKS8, DRP_BLANKS8, DRP_BLANKS8
#undef DRP_BLANKS8
};

json_text_writer::json_text_writer(std::string& out, int indent, invalid_utf8 bad, std::size_t depth)
    : out_(out), indent_(indent), bad_(bad), base_(depth) {
    open_.reserve(8);
}

// Tokens are gathered in buf_ and handed to out_ in blocks: an append to a std::string
// per token was most of a state's cost. Every value at the top level or in a top-level
// array is in out_ once written (settle), so that callers may empty out_ between them.
void json_text_writer::flush() {
    out_.append(buf_, len_);
    len_ = 0;
}
void json_text_writer::put_long(const char* p, std::size_t n) {
    flush();
    if (n > capacity) return static_cast<void>(out_.append(p, n));
    std::memcpy(buf_, p, n);
    len_ = n;
}
void json_text_writer::long_new_line(std::size_t n) {
    if (n + 1 > capacity - len_) {
        flush();
        if (n + 1 > capacity) {
            out_ += '\n';
            return static_cast<void>(out_.append(n, ' '));
        }
    }
    buf_[len_] = '\n';
    std::memset(buf_ + len_ + 1, ' ', n);
    len_ += n + 1;
}

void json_text_writer::integer(std::int64_t n) {
    before_value();
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, n);
    put(buf, static_cast<std::size_t>(r.ptr - buf));
    settle();
}
void json_text_writer::unsigned_integer(std::uint64_t n) {
    before_value();
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, n);
    put(buf, static_cast<std::size_t>(r.ptr - buf));
    settle();
}

void json_text_writer::quoted_long(std::string_view s) {
    // Most text is printable ASCII, copied as it is in one go.
    std::size_t i = plain_prefix(s);
    put('"');
    if (i == s.size()) {
        put(s.data(), s.size());
        return put('"');
    }
    std::size_t run = 0;  // start of the bytes to copy as they are
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (plain[b]) {
            ++i;
            continue;
        }
        if (b >= 0x80) {
            std::size_t at = 0;
            if (const std::size_t len = sequence(s, i, at)) {
                i += len;
                continue;
            }
            if (bad_ == invalid_utf8::refuse) {
                if (at == s.size()) incomplete(static_cast<unsigned char>(s.back()));
                bad_byte(at, static_cast<unsigned char>(s[at]));
            }
            // The bad sequence becomes one U+FFFD; the byte that broke it is read again
            // as the start of the next (nlohmann's replace), unless it was the lead.
            put(s.data() + run, i - run);
            put("\xEF\xBF\xBD", 3);
            i = at == i ? i + 1 : at;
            run = i;
            continue;
        }
        put(s.data() + run, i - run);
        switch (b) {
            case '"': put("\\\"", 2); break;
            case '\\': put("\\\\", 2); break;
            case '\b': put("\\b", 2); break;
            case '\t': put("\\t", 2); break;
            case '\n': put("\\n", 2); break;
            case '\f': put("\\f", 2); break;
            case '\r': put("\\r", 2); break;
            default: {
                constexpr const char* digits = "0123456789abcdef";  // nlohmann: "\\u%04x"
                const char esc[6] = {'\\', 'u', '0', '0', digits[b >> 4], digits[b & 0x0F]};
                put(esc, 6);
            }
        }
        run = ++i;
    }
    put(s.data() + run, s.size() - run);
    put('"');
}

}  // namespace drp::detail
