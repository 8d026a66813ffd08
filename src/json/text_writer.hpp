// JSON text written straight from the tokens (json/sink.hpp), byte for byte what
// nlohmann::json's dump(indent, ' ', false, handler) gives for the same document: its
// indentation, its escapes (\b \t \n \f \r \" \\, other control characters as \u00xx, the
// rest of UTF-8 as it is), its integers, and its handling of text that is not UTF-8:
// refused with the type_error 316 dump() throws (strict), or each bad sequence replaced by
// U+FFFD (error_handler_t::replace, the C API's). No document is built.
#pragma once

#include <string>
#include <vector>

#include "json/sink.hpp"

namespace drp::detail {

enum class invalid_utf8 {
    refuse,  // nlohmann::json::type_error 316, as dump() (error_handler_t::strict)
    replace  // U+FFFD, as error_handler_t::replace
};

class json_text_writer final : public json_sink {
public:
    /// Appends to `out`, which the caller may empty between top-level values or the
    /// elements of a top-level array (to write them out as they are made): each is in
    /// `out` once written (within one, text is gathered in blocks, so `out` lags).
    /// indent < 0: compact; else pretty with that many spaces a level, as dump(indent);
    /// `depth`: the levels the value is nested in, in a document written around it (an
    /// array's element: 1).
    explicit json_text_writer(std::string& out, int indent = -1, invalid_utf8 bad = invalid_utf8::refuse, std::size_t depth = 0);

    void begin_object() override;
    void end_object() override;
    void begin_array() override;
    void end_array() override;
    void key(std::string_view k) override;
    void null() override;
    void boolean(bool b) override;
    void integer(std::int64_t n) override;
    void unsigned_integer(std::uint64_t n) override;
    void string(std::string_view s) override;

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
    void before_value();
    void new_line(std::size_t depth);
    void put(const char* p, std::size_t n);
    void put(char c);
    void flush();
    void settle();
    void quoted(std::string_view s);
    void end(char close);

    std::string& out_;
    int indent_;
    invalid_utf8 bad_;
    std::size_t base_;
    bool after_key_ = false;
    std::vector<level> open_;
    std::size_t len_ = 0;  // bytes in buf_, not yet in out_
    char buf_[4096];
};

}  // namespace drp::detail
