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

// Eight bytes at a time: whether none needs escaping or decoding (all printable ASCII but
// '"' and '\\'). The "has a byte less than n" test is exact for the word as a whole.
bool plain8(std::uint64_t w) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    const auto below = [&](std::uint64_t x, std::uint64_t n) { return (x - ones * n) & ~x & high; };
    return ((w & high) | below(w, 0x20) | below(w ^ (ones * '"'), 1) | below(w ^ (ones * '\\'), 1)) == 0;
}
// The length of s's leading run of plain bytes.
std::size_t plain_prefix(std::string_view s) noexcept {
    std::size_t i = 0;
    for (std::uint64_t w; i + 8 <= s.size(); i += 8) {
        std::memcpy(&w, s.data() + i, 8);
        if (!plain8(w)) break;
    }
    while (i < s.size() && plain[static_cast<unsigned char>(s[i])]) ++i;
    return i;
}

}  // namespace

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
inline void json_text_writer::put(const char* p, std::size_t n) {
    if (n > sizeof buf_ - len_) {
        flush();
        if (n > sizeof buf_) return static_cast<void>(out_.append(p, n));
    }
    std::memcpy(buf_ + len_, p, n);
    len_ += n;
}
inline void json_text_writer::put(char c) {
    if (len_ == sizeof buf_) flush();
    buf_[len_++] = c;
}
inline void json_text_writer::settle() {
    if (open_.size() <= 1) flush();
}

void json_text_writer::new_line(std::size_t depth) {
    const std::size_t n = static_cast<std::size_t>(indent_) * (base_ + depth);
    if (n + 1 > sizeof buf_ - len_) {
        flush();
        if (n + 1 > sizeof buf_) {
            out_ += '\n';
            return static_cast<void>(out_.append(n, ' '));
        }
    }
    buf_[len_] = '\n';
    std::memset(buf_ + len_ + 1, ' ', n);
    len_ += n + 1;
}

void json_text_writer::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (open_.empty()) return;
    level& top = open_.back();
    assert(!top.object && "a member's value needs its key first");
    if (!top.empty) put(',');
    top.empty = false;
    if (indent_ >= 0) new_line(open_.size());
}

void json_text_writer::key(std::string_view k) {
    assert(!open_.empty() && open_.back().object && !after_key_);
    level& top = open_.back();
#ifndef NDEBUG
    assert((!top.any_key || top.last_key < k) && "members are written in nlohmann's (sorted) key order");
    top.last_key = k;
    top.any_key = true;
#endif
    const bool comma = !top.empty;
    top.empty = false;
    after_key_ = true;
    // The common case, a short plain key (all of the state's), goes into the buffer at
    // once: [,][newline and indent]"key":[ ]
    const std::size_t spaces = indent_ >= 0 ? static_cast<std::size_t>(indent_) * (base_ + open_.size()) : 0;
    const std::size_t need = spaces + k.size() + 6;
    bool is_plain = true;
    for (const char c : k) is_plain &= plain[static_cast<unsigned char>(c)];
    if (is_plain && need <= sizeof buf_) {
        if (need > sizeof buf_ - len_) flush();
        char* p = buf_ + len_;
        if (comma) *p++ = ',';
        if (indent_ >= 0) {
            *p++ = '\n';
            std::memset(p, ' ', spaces);
            p += spaces;
        }
        *p++ = '"';
        std::memcpy(p, k.data(), k.size());
        p += k.size();
        *p++ = '"';
        *p++ = ':';
        if (indent_ >= 0) *p++ = ' ';
        len_ = static_cast<std::size_t>(p - buf_);
        return;
    }
    if (comma) put(',');
    if (indent_ >= 0) new_line(open_.size());
    quoted(k);
    if (indent_ >= 0) put(": ", 2);
    else put(':');
}

void json_text_writer::begin_object() {
    before_value();
    put('{');
    open_.emplace_back().object = true;
}
void json_text_writer::begin_array() {
    before_value();
    put('[');
    open_.emplace_back();
}
void json_text_writer::end(char close) {
    assert(!open_.empty() && !after_key_);
    const bool empty = open_.back().empty;
    open_.pop_back();
    if (!empty && indent_ >= 0) new_line(open_.size());
    put(close);
    settle();
}
void json_text_writer::end_object() {
    assert(!open_.empty() && open_.back().object);
    end('}');
}
void json_text_writer::end_array() {
    assert(!open_.empty() && !open_.back().object);
    end(']');
}

void json_text_writer::null() {
    before_value();
    put("null", 4);
    settle();
}
void json_text_writer::boolean(bool b) {
    before_value();
    if (b) put("true", 4);
    else put("false", 5);
    settle();
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
void json_text_writer::string(std::string_view s) {
    before_value();
    quoted(s);
    settle();
}

void json_text_writer::quoted(std::string_view s) {
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
