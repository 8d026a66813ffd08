// Where a JSON value is written to, token by token: the one description of a state, its
// actions and events (src/engine/state_json.cpp, event_json.cpp) is written against this,
// and a back end turns it into text (json/text_writer.hpp) or an nlohmann::json document
// (json/dom_builder.hpp), so the two never disagree.
//
// The description is a template over its back end (engine/state_writer.hpp), not a call
// through a virtual interface: the text writer's tokens then inline into it, which was a
// third of what writing a state cost. A back end provides begin_object, end_object,
// begin_array, end_array, key (the next member's key, greater than the object's previous
// one, a json_key), null, boolean, integer, unsigned_integer, string and plain_string (text
// the caller knows needs no escape: an instant, a date), and derives from json_sink for
// the helpers below.
//
// Members are written in the order nlohmann::json keeps them (its objects are std::maps:
// keys sorted byte-wise), so the text is the bytes nlohmann's dump() would give; the back
// ends assert the order in debug builds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace drp::detail {

/// A member's key. A literal ("due_date", every key the state has) is checked and quoted
/// when the program is compiled, so that the text writer copies `"due_date":` in one
/// fixed-size move; other text (a key read from a document) is checked as it is written.
class json_key {
public:
    static constexpr std::size_t quoted_capacity = 48;

    template <std::size_t N>
    consteval json_key(const char (&k)[N]) : text_(k, N - 1) {  // NOLINT: implicit by design
        if (N + 2 > quoted_capacity) throw "json_key: a literal key longer than 45 bytes";
        quoted_[0] = '"';
        for (std::size_t i = 0; i + 1 < N; ++i) {
            const char c = k[i];
            // (a byte not ASCII is a char below 0: such a key is given as a std::string_view)
            if (c < 0x20 || c == '"' || c == '\\') throw "json_key: a literal key that needs escaping";
            quoted_[i + 1] = c;
        }
        quoted_[N] = '"';
        quoted_[N + 1] = ':';
        quoted_size_ = static_cast<unsigned char>(N + 2);
    }
    constexpr json_key(std::string_view k) noexcept : text_(k) {}  // NOLINT: implicit by design

    constexpr std::string_view text() const noexcept { return text_; }
    /// `"key":` padded to quoted_capacity bytes, and its length; 0 for a key not a literal.
    constexpr const char* quoted() const noexcept { return quoted_; }
    constexpr std::size_t quoted_size() const noexcept { return quoted_size_; }

private:
    std::string_view text_;
    char quoted_[quoted_capacity] = {};
    unsigned char quoted_size_ = 0;
};

template <class Sink>
class json_sink {
public:
    /// A value of a C++ type: bool, an integer, or text (never a pointer read as a bool);
    /// a type with a `plain_json` member is text known to need no escape.
    template <class T>
    void value(const T& v) {
        Sink& out = static_cast<Sink&>(*this);
        if constexpr (std::is_same_v<T, bool>) out.boolean(v);
        else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) out.integer(v);
        else if constexpr (std::is_integral_v<T>) out.unsigned_integer(v);
        else if constexpr (requires { T::plain_json; }) out.plain_string(std::string_view(v));  // (time/rfc3339_text.hpp)
        else if constexpr (std::is_convertible_v<const T&, std::string_view>) out.string(std::string_view(v));
        else static_assert(sizeof(T) == 0, "json_sink::value: bool, an integer or text");
    }
    template <class T>
    void member(const json_key& k, const T& v) {
        static_cast<Sink&>(*this).key(k);
        value(v);
    }
    void null_member(const json_key& k) {
        Sink& out = static_cast<Sink&>(*this);
        out.key(k);
        out.null();
    }

protected:
    json_sink() = default;
    ~json_sink() = default;
};

}  // namespace drp::detail
