// JSON text written straight from the tokens (json/sink.hpp), byte for byte what
// nlohmann::json's dump(indent, ' ', false, handler) gives for the same document: its
// indentation, its escapes (\b \t \n \f \r \" \\, other control characters as \u00xx, the
// rest of UTF-8 as it is), its integers, and its handling of text that is not UTF-8:
// refused with the type_error 316 dump() throws (strict), or each bad sequence replaced by
// U+FFFD (error_handler_t::replace, the C API's). No document is built.
//
// The common tokens (short plain keys and text, punctuation) are defined here so that they
// inline into the state's description (engine/state_json.cpp); escaping, UTF-8 checks and
// long runs are out of line (text_writer.cpp).
#pragma once

#include <cassert>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "json/sink.hpp"

namespace drp::detail {

enum class invalid_utf8 {
    refuse,  // nlohmann::json::type_error 316, as dump() (error_handler_t::strict)
    replace  // U+FFFD, as error_handler_t::replace
};

/// Whether each of eight bytes is printable ASCII but '"' and '\\' (written as it is). The
/// "has a byte less than n" test is exact for the word as a whole.
inline bool plain_json_word(std::uint64_t w) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    const auto below = [](std::uint64_t x, std::uint64_t n) { return (x - ones * n) & ~x & high; };
    return ((w & high) | below(w, 0x20) | below(w ^ (ones * '"'), 1) | below(w ^ (ones * '\\'), 1)) == 0;
}

/// Whether every byte of s is (plain_json_word), eight bytes at a time.
inline bool plain_json_text(std::string_view s) noexcept {
    std::size_t i = 0;
    for (std::uint64_t w; i + 8 <= s.size(); i += 8) {
        std::memcpy(&w, s.data() + i, 8);
        if (!plain_json_word(w)) return false;
    }
    if (i == s.size()) return true;
    std::uint64_t w = 0x2020202020202020u;  // the tail, padded with spaces
    std::memcpy(&w, s.data() + i, s.size() - i);
    return plain_json_word(w);
}

class json_text_writer final : public json_sink<json_text_writer> {
public:
    /// Appends to `out`, which the caller may empty between top-level values or the
    /// elements of a top-level array (to write them out as they are made): each is in
    /// `out` once written (within one, text is gathered in blocks, so `out` lags).
    /// indent < 0: compact; else pretty with that many spaces a level, as dump(indent);
    /// `depth`: the levels the value is nested in, in a document written around it (an
    /// array's element: 1).
    explicit json_text_writer(std::string& out, int indent = -1, invalid_utf8 bad = invalid_utf8::refuse, std::size_t depth = 0);

    void begin_object() {
        before_value();
        put('{');
        open_.emplace_back().object = true;
    }
    void end_object() {
        assert(!open_.empty() && open_.back().object);
        end('}');
    }
    void begin_array() {
        before_value();
        put('[');
        open_.emplace_back();
    }
    void end_array() {
        assert(!open_.empty() && !open_.back().object);
        end(']');
    }
    [[gnu::always_inline]] void key(const json_key& k);
    void null() {
        before_value();
        put("null", 4);
        settle();
    }
    void boolean(bool b) {
        before_value();
        if (b) put("true", 4);
        else put("false", 5);
        settle();
    }
    void integer(std::int64_t n);
    void unsigned_integer(std::uint64_t n);
    [[gnu::always_inline]] void string(std::string_view s) {
        before_value();
        quoted(s);
        settle();
    }
    /// Text the caller knows is plain (plain_json_text): an instant, a date.
    [[gnu::always_inline]] void plain_string(std::string_view s) {
        assert(plain_json_text(s));
        before_value();
        if (s.size() + 2 > capacity - len_) {
            quoted(s);
            return settle();
        }
        char* p = buf_ + len_;
        *p++ = '"';
        std::memcpy(p, s.data(), s.size());
        p[s.size()] = '"';
        len_ += s.size() + 2;
        settle();
    }

    /// A number already written as text (a double as nlohmann dumps it; json/dom_text.hpp).
    template <class Json>
    void number_text(std::string_view digits, const Json&) {
        before_value();
        put(digits.data(), digits.size());
        settle();
    }

    /// How deep the writer is (0: between top-level values).
    std::size_t depth() const noexcept { return open_.size(); }

private:
    struct level {
        bool object = false;
        bool empty = true;
#ifndef NDEBUG
        std::string last_key;
        bool any_key = false;
#endif
    };
    static constexpr std::size_t capacity = 4096;  // of buf_, which has `slack` bytes more
    static constexpr std::size_t blank_run = 64;   // the longest indent copied in one move
    static constexpr std::size_t slack = blank_run + json_key::quoted_capacity;  // for such moves
    [[gnu::always_inline]] void before_value() {
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
    // A newline and the indent of `depth` levels.
    void new_line(std::size_t depth) {
        const std::size_t n = static_cast<std::size_t>(indent_) * (base_ + depth);
        if (n >= blank_run || n + 1 > capacity - len_) return long_new_line(n);
        char* p = buf_ + len_;
        *p = '\n';
        std::memcpy(p + 1, blanks, blank_run);  // one fixed-size move; only n of it counts
        len_ += n + 1;
    }
    void long_new_line(std::size_t n);
    void put(const char* p, std::size_t n) {
        if (n > capacity - len_) return put_long(p, n);
        std::memcpy(buf_ + len_, p, n);
        len_ += n;
    }
    void put_long(const char* p, std::size_t n);
    void put(char c) {
        if (len_ == capacity) flush();
        buf_[len_++] = c;
    }
    void flush();
    // Every value at the top level or in a top-level array is in out_ once written.
    void settle() {
        if (open_.size() <= 1) flush();
    }
    [[gnu::always_inline]] void quoted(std::string_view s) {
        if (s.size() <= 64 && s.size() + 2 <= capacity - len_ && plain_json_text(s)) {
            char* p = buf_ + len_;
            *p++ = '"';
            std::memcpy(p, s.data(), s.size());
            p[s.size()] = '"';
            len_ += s.size() + 2;
            return;
        }
        quoted_long(s);
    }
    void quoted_long(std::string_view s);
    void end(char close) {
        assert(!open_.empty() && !after_key_);
        const bool empty = open_.back().empty;
        open_.pop_back();
        if (!empty && indent_ >= 0) new_line(open_.size());
        put(close);
        settle();
    }

    static const char blanks[blank_run];

    std::string& out_;
    int indent_;
    invalid_utf8 bad_;
    std::size_t base_;
    bool after_key_ = false;
    std::vector<level> open_;
    std::size_t len_ = 0;  // bytes in buf_, not yet in out_
    char buf_[capacity + slack];
};

inline void json_text_writer::key(const json_key& key) {  // (always inlined: see the class)
    const std::string_view k = key.text();
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
    // The common case, a literal key (all of the state's), goes into the buffer at once,
    // in fixed-size moves: [,][newline and indent]"key":[ ]
    const std::size_t spaces = indent_ >= 0 ? static_cast<std::size_t>(indent_) * (base_ + open_.size()) : 0;
    if (key.quoted_size() != 0 && spaces < blank_run && spaces + key.quoted_size() + 3 <= capacity - len_) {
        char* p = buf_ + len_;
        if (comma) *p++ = ',';
        if (indent_ >= 0) {
            *p++ = '\n';
            std::memcpy(p, blanks, blank_run);  // only `spaces` of it counts
            p += spaces;
        }
        std::memcpy(p, key.quoted(), json_key::quoted_capacity);  // only quoted_size() counts
        p += key.quoted_size();
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

}  // namespace drp::detail
