// policy/js_semantics.hpp — JavaScript's value semantics over JSON values.
//
// JSON Logic is defined by its reference implementation, json-logic-js, and so by what
// JavaScript does with `==`, `<`, `+`, `String(x)`, `parseFloat(x)` and `!!x`. These are
// the ECMAScript abstract operations (ECMA-262 §7.1 type conversion, §7.2 comparison)
// restricted to the values JSON can hold, so that a policy condition means in drp
// exactly what it means in every other JSON Logic tool the authors may test it with.
//
// JavaScript types of JSON values: null, boolean, number, string, and "object" for both
// arrays and objects (compared by identity, converted to text by String()). Strings are
// UTF-8 here but compared, measured and sliced as JavaScript's UTF-16 code units.
// Nothing here throws except std::bad_alloc.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace drp::detail::js {

using json = nlohmann::json;

/// JSON Logic truthiness: null, false, 0, NaN, "" and [] are falsy; "0" and {} are truthy.
bool truthy(const json& value) noexcept;

/// ToNumber: "" → 0, " 12 " → 12, "0x1A" → 26, "12px" → NaN, null → 0, [] → 0, [7] → 7.
double to_number(const json& value);

/// parseFloat(String(value)): the longest decimal prefix, "12px" → 12, "" → NaN, null → NaN.
double parse_float(const json& value);

/// ToIntegerOrInfinity: ToNumber truncated towards zero, NaN → 0.
double to_integer(const json& value);

/// String(value): numbers as JavaScript prints them (1e21, 0.1), arrays joined by ",",
/// objects as "[object Object]".
std::string to_string(const json& value);

/// Appends an element as Array.prototype.join does: null becomes "", the rest String().
void append_join_element(std::string& out, const json& value);

/// Number::toString(x): the shortest text that reads back as x, in JavaScript's layout.
std::string number_to_string(double x);

/// A JSON number for a computed double: integral values (other than -0) within ±2^53
/// become integers so results print as 3, not 3.0; NaN and infinities stay doubles.
json number(double x);

/// `a == b` (IsLooselyEqual): 1 == "1", 0 == false, null == null but null != 0,
/// [1,2] == "1,2"; arrays and objects equal only themselves.
bool loosely_equal(const json& a, const json& b);

/// `a === b` (IsStrictlyEqual): same type and value; arrays and objects by identity.
bool strictly_equal(const json& a, const json& b) noexcept;

/// `a < b` and `a <= b`: two strings compare as UTF-16 text, anything else as numbers,
/// and any comparison with NaN is false.
bool less(const json& a, const json& b);
bool less_equal(const json& a, const json& b);

/// A string's UTF-16 code units, for what JavaScript defines on them (length, substr,
/// s[i]). ASCII text, the common case, is used in place; other text is transcoded once.
class utf16_text {
public:
    explicit utf16_text(std::string_view utf8);

    std::size_t length() const noexcept;
    /// The code units [from, to) as UTF-8; a surrogate half cut off becomes U+FFFD.
    std::string slice(std::size_t from, std::size_t to) const;

private:
    std::string_view ascii_;
    std::u16string units_;
    bool is_ascii_;
};

}  // namespace drp::detail::js
