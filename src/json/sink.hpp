// Where a JSON value is written to, token by token: the one description of a state, its
// actions and events (src/engine/state_json.cpp, event_json.cpp) is written against this,
// and a back end turns it into text (json/text_writer.hpp) or an nlohmann::json document
// (json/dom_builder.hpp), so the two never disagree.
//
// Members are written in the order nlohmann::json keeps them (its objects are std::maps:
// keys sorted byte-wise), so the text is the bytes nlohmann's dump() would give; the back
// ends assert the order in debug builds.
#pragma once

#include <cstdint>
#include <string_view>
#include <type_traits>

namespace drp::detail {

class json_sink {
public:
    virtual void begin_object() = 0;
    virtual void end_object() = 0;
    virtual void begin_array() = 0;
    virtual void end_array() = 0;
    /// The next member's key, greater than the object's previous one.
    virtual void key(std::string_view k) = 0;
    virtual void null() = 0;
    virtual void boolean(bool b) = 0;
    virtual void integer(std::int64_t n) = 0;
    virtual void unsigned_integer(std::uint64_t n) = 0;
    virtual void string(std::string_view s) = 0;

    /// A value of a C++ type: bool, an integer, or text (never a pointer read as a bool).
    template <class T>
    void value(const T& v) {
        if constexpr (std::is_same_v<T, bool>) boolean(v);
        else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) integer(v);
        else if constexpr (std::is_integral_v<T>) unsigned_integer(v);
        else if constexpr (std::is_convertible_v<const T&, std::string_view>) string(std::string_view(v));
        else static_assert(sizeof(T) == 0, "json_sink::value: bool, an integer or text");
    }
    template <class T>
    void member(std::string_view k, const T& v) {
        key(k);
        value(v);
    }
    void null_member(std::string_view k) {
        key(k);
        null();
    }

protected:
    ~json_sink() = default;
};

}  // namespace drp::detail
