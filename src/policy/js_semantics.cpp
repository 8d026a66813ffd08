#include "policy/js_semantics.hpp"

#include "common/ecma_white_space.hpp"
#include "json/utf8.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <limits>

namespace drp::detail::js {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();

// Nested arrays are joined recursively by String(); JavaScript has no limit but a stack,
// and data comes from outside, so text deeper than this is left out rather than crash.
constexpr int max_join_depth = 256;

// ---- JavaScript's types of JSON values ------------------------------------------------

enum class type { null, boolean, number, string, object };

type type_of(const json& value) noexcept {
    switch (value.type()) {
        case json::value_t::boolean: return type::boolean;
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float: return type::number;
        case json::value_t::string: return type::string;
        case json::value_t::array:
        case json::value_t::object:
        case json::value_t::binary: return type::object;
        case json::value_t::null:
        case json::value_t::discarded: break;  // a failed parse: treated as null
    }
    return type::null;
}

double as_double(const json& number) noexcept {
    switch (number.type()) {
        case json::value_t::number_integer:
            return static_cast<double>(number.get_ref<const json::number_integer_t&>());
        case json::value_t::number_unsigned:
            return static_cast<double>(number.get_ref<const json::number_unsigned_t&>());
        case json::value_t::number_float: return number.get_ref<const json::number_float_t&>();
        default: return nan;
    }
}

const std::string& as_string(const json& string) noexcept {
    return string.get_ref<const std::string&>();
}

// ---- UTF-8 ----------------------------------------------------------------------------

bool is_continuation(char byte) noexcept {
    return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

// Decodes the code point at text[i] and moves i past it; a malformed sequence yields
// U+FFFD and moves one byte, so any byte string can be walked.
char32_t decode_utf8(std::string_view text, std::size_t& i) noexcept {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
        ++i;
        return lead;
    }
    std::size_t length = 0;
    char32_t code = 0;
    char32_t smallest = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2, code = lead & 0x1Fu, smallest = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3, code = lead & 0x0Fu, smallest = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4, code = lead & 0x07u, smallest = 0x10000;
    } else {
        ++i;
        return 0xFFFD;
    }
    if (i + length > text.size()) {
        ++i;
        return 0xFFFD;
    }
    for (std::size_t k = 1; k < length; ++k) {
        if (!is_continuation(text[i + k])) {
            ++i;
            return 0xFFFD;
        }
        code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
    }
    if (code < smallest || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        ++i;
        return 0xFFFD;
    }
    i += length;
    return code;
}

using drp::json::detail::append_utf8;  // one UTF-8 encoder for the library

bool is_surrogate(char16_t unit) noexcept { return unit >= 0xD800 && unit <= 0xDFFF; }

// The first UTF-16 code unit of a code point: what JavaScript's string order looks at.
char32_t first_utf16_unit(char32_t code) noexcept {
    return code >= 0x10000 ? 0xD800 + ((code - 0x10000) >> 10) : code;
}

// String order of JavaScript (UTF-16 code units), which differs from UTF-8 byte order
// only between supplementary characters and U+E000..U+FFFF.
int compare_utf16(std::string_view a, std::string_view b) noexcept {
    const auto [at_a, at_b] = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
    if (at_a == a.end()) return at_b == b.end() ? 0 : -1;
    if (at_b == b.end()) return 1;
    std::size_t start = static_cast<std::size_t>(at_a - a.begin());
    while (start > 0 && is_continuation(a[start])) --start;  // the differing character
    std::size_t i = start;
    std::size_t j = start;
    const char32_t code_a = decode_utf8(a, i);
    const char32_t code_b = decode_utf8(b, j);
    const char32_t unit_a = first_utf16_unit(code_a);
    const char32_t unit_b = first_utf16_unit(code_b);
    if (unit_a != unit_b) return unit_a < unit_b ? -1 : 1;
    if (code_a != code_b) return code_a < code_b ? -1 : 1;
    return static_cast<unsigned char>(*at_a) < static_cast<unsigned char>(*at_b) ? -1 : 1;
}

std::string_view trim_start(std::string_view text) noexcept {
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t at = i;
        if (!is_ecma_white_space(decode_utf8(text, i))) return text.substr(at);
    }
    return {};
}

std::string_view trim(std::string_view text) noexcept {
    text = trim_start(text);
    std::size_t end = 0;
    for (std::size_t i = 0; i < text.size();) {
        if (!is_ecma_white_space(decode_utf8(text, i))) end = i;
    }
    return text.substr(0, end);
}

// ---- numbers from text -----------------------------------------------------------------

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

std::size_t count_digits(std::string_view text, std::size_t from) noexcept {
    std::size_t i = from;
    while (i < text.size() && is_digit(text[i])) ++i;
    return i - from;
}

// Length of the longest prefix that is a StrUnsignedDecimalLiteral other than
// "Infinity": digits [. digits] [e[+-]digits] or . digits [e[+-]digits]; 0 if none.
std::size_t decimal_prefix(std::string_view text) noexcept {
    const std::size_t whole = count_digits(text, 0);
    std::size_t i = whole;
    if (i < text.size() && text[i] == '.') {
        const std::size_t fraction = count_digits(text, i + 1);
        if (whole + fraction == 0) return 0;
        i += 1 + fraction;
    } else if (whole == 0) {
        return 0;
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        std::size_t j = i + 1;
        if (j < text.size() && (text[j] == '+' || text[j] == '-')) ++j;
        const std::size_t exponent = count_digits(text, j);
        if (exponent > 0) i = j + exponent;
    }
    return i;
}

// from_chars reports overflow and underflow alike; tell them apart by the decimal
// exponent of the first significant digit.
bool overflows(std::string_view literal) noexcept {
    const std::size_t e = std::min(literal.find_first_of("eE"), literal.size());
    const std::string_view mantissa = literal.substr(0, e);
    const std::size_t point = std::min(mantissa.find('.'), mantissa.size());
    const std::size_t first = mantissa.find_first_of("123456789");
    if (first == std::string_view::npos) return false;
    long long magnitude = first < point ? static_cast<long long>(point - first - 1)
                                        : -static_cast<long long>(first - point);
    std::string_view exponent = literal.substr(std::min(e + 1, literal.size()));
    const bool negative = !exponent.empty() && exponent[0] == '-';
    if (!exponent.empty() && (exponent[0] == '+' || exponent[0] == '-')) exponent.remove_prefix(1);
    long long value = 0;
    for (const char c : exponent) value = std::min(value * 10 + (c - '0'), 1'000'000'000LL);
    magnitude += negative ? -value : value;
    return magnitude >= 0;
}

double decimal_value(std::string_view literal) noexcept {
    double value = 0;
    const auto result = std::from_chars(literal.data(), literal.data() + literal.size(), value);
    if (result.ec == std::errc::result_out_of_range) return overflows(literal) ? infinity : 0.0;
    return value;
}

int digit_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

double radix_value(std::string_view digits, int radix) noexcept {
    if (digits.empty()) return nan;
    double value = 0;
    for (const char c : digits) {
        const int digit = digit_value(c);
        if (digit >= radix) return nan;
        value = value * radix + digit;
    }
    return value;
}

// StringToNumber: the whole trimmed text must be a number literal.
double string_to_number(std::string_view text) noexcept {
    text = trim(text);
    if (text.empty()) return 0;
    if (text.size() > 2 && text[0] == '0') {
        switch (text[1]) {
            case 'x':
            case 'X': return radix_value(text.substr(2), 16);
            case 'o':
            case 'O': return radix_value(text.substr(2), 8);
            case 'b':
            case 'B': return radix_value(text.substr(2), 2);
            default: break;
        }
    }
    const bool negative = text[0] == '-';
    if (text[0] == '+' || text[0] == '-') text.remove_prefix(1);
    double value = nan;
    if (text == "Infinity") {
        value = infinity;
    } else if (const std::size_t length = decimal_prefix(text);
               length > 0 && length == text.size()) {
        value = decimal_value(text);
    }
    return negative ? -value : value;
}

// parseFloat: the longest decimal prefix after leading white space.
double parse_float_text(std::string_view text) noexcept {
    text = trim_start(text);
    const bool negative = !text.empty() && text[0] == '-';
    if (!text.empty() && (text[0] == '+' || text[0] == '-')) text.remove_prefix(1);
    double value = nan;
    if (text.starts_with("Infinity")) {
        value = infinity;
    } else if (const std::size_t length = decimal_prefix(text); length > 0) {
        value = decimal_value(text.substr(0, length));
    }
    return negative ? -value : value;
}

// ---- text from values ------------------------------------------------------------------

void append_string(std::string& out, const json& value, int depth) {
    switch (type_of(value)) {
        case type::null: out += "null"; return;
        case type::boolean: out += value.get<bool>() ? "true" : "false"; return;
        case type::number: out += number_to_string(as_double(value)); return;
        case type::string: out += as_string(value); return;
        case type::object: break;
    }
    if (!value.is_array()) {
        out += "[object Object]";
        return;
    }
    if (depth >= max_join_depth) return;
    bool first = true;
    for (const json& element : value) {
        if (!first) out += ',';
        first = false;
        if (type_of(element) != type::null) append_string(out, element, depth + 1);
    }
}

// ---- comparison --------------------------------------------------------------------------

enum class order { less, not_less, unordered };

order compare_numbers(double a, double b) noexcept {
    if (std::isnan(a) || std::isnan(b)) return order::unordered;
    return a < b ? order::less : order::not_less;
}

// IsLessThan(a, b) after ToPrimitive, which turns arrays and objects into their text.
order compare(const json& a, const json& b) {
    const type type_a = type_of(a);
    const type type_b = type_of(b);
    if (type_a == type::number && type_b == type::number) {
        return compare_numbers(as_double(a), as_double(b));
    }
    const bool text_a = type_a == type::string || type_a == type::object;
    const bool text_b = type_b == type::string || type_b == type::object;
    if (!(text_a && text_b)) return compare_numbers(to_number(a), to_number(b));
    std::string buffer_a;
    std::string buffer_b;
    const std::string_view string_a =
        type_a == type::string ? std::string_view(as_string(a)) : (buffer_a = to_string(a));
    const std::string_view string_b =
        type_b == type::string ? std::string_view(as_string(b)) : (buffer_b = to_string(b));
    return compare_utf16(string_a, string_b) < 0 ? order::less : order::not_less;
}

}  // namespace

// ---- public functions ------------------------------------------------------------------

bool truthy(const json& value) noexcept {
    switch (type_of(value)) {
        case type::null: return false;
        case type::boolean: return value.get_ref<const json::boolean_t&>();
        case type::number: {
            const double x = as_double(value);
            return x != 0 && !std::isnan(x);
        }
        case type::string: return !as_string(value).empty();
        case type::object: return !(value.is_array() && value.empty());
    }
    return false;
}

double to_number(const json& value) {
    switch (type_of(value)) {
        case type::null: return 0;
        case type::boolean: return value.get_ref<const json::boolean_t&>() ? 1 : 0;
        case type::number: return as_double(value);
        case type::string: return string_to_number(as_string(value));
        case type::object: break;
    }
    return string_to_number(to_string(value));
}

double parse_float(const json& value) {
    switch (type_of(value)) {
        case type::number: {
            const double x = as_double(value);
            return x == 0 ? 0.0 : x;  // String(-0) is "0"
        }
        case type::string: return parse_float_text(as_string(value));
        default: return parse_float_text(to_string(value));
    }
}

double to_integer(const json& value) {
    const double x = to_number(value);
    if (std::isnan(x)) return 0;
    return std::trunc(x);
}

std::string to_string(const json& value) {
    std::string out;
    append_string(out, value, 0);
    return out;
}

void append_join_element(std::string& out, const json& value) {
    if (type_of(value) != type::null) append_string(out, value, 0);
}

std::string number_to_string(double x) {
    if (std::isnan(x)) return "NaN";
    if (x == 0) return "0";
    if (std::isinf(x)) return x < 0 ? "-Infinity" : "Infinity";

    // Shortest round-trip digits d1d2...dk and exponent n with x = 0.d1...dk × 10^n.
    char buffer[32];
    const auto written =
        std::to_chars(buffer, buffer + sizeof buffer, std::fabs(x), std::chars_format::scientific);
    const std::string_view scientific(buffer, static_cast<std::size_t>(written.ptr - buffer));
    const std::size_t e = scientific.find('e');
    std::string digits(1, scientific[0]);
    if (e > 1) digits.append(scientific.substr(2, e - 2));
    int exponent = 0;
    std::string_view exponent_text = scientific.substr(e + 1);
    const bool negative_exponent = exponent_text[0] == '-';
    exponent_text.remove_prefix(1);
    std::from_chars(exponent_text.data(), exponent_text.data() + exponent_text.size(), exponent);
    if (negative_exponent) exponent = -exponent;

    const int k = static_cast<int>(digits.size());
    const int n = exponent + 1;
    std::string out = x < 0 ? "-" : "";
    if (k <= n && n <= 21) {
        out += digits;
        out.append(static_cast<std::size_t>(n - k), '0');
    } else if (0 < n && n <= 21) {
        out.append(digits, 0, static_cast<std::size_t>(n));
        out += '.';
        out.append(digits, static_cast<std::size_t>(n));
    } else if (-6 < n && n <= 0) {
        out += "0.";
        out.append(static_cast<std::size_t>(-n), '0');
        out += digits;
    } else {
        out += digits[0];
        if (k > 1) {
            out += '.';
            out.append(digits, 1);
        }
        out += n - 1 < 0 ? "e-" : "e+";
        out += std::to_string(std::abs(n - 1));
    }
    return out;
}

json number(double x) {
    constexpr double exact_integers = 9007199254740992.0;  // 2^53
    if (std::isfinite(x) && x == std::trunc(x) && std::fabs(x) <= exact_integers &&
        !(x == 0 && std::signbit(x))) {
        return json(static_cast<std::int64_t>(x));
    }
    return json(x);
}

bool strictly_equal(const json& a, const json& b) noexcept {
    const type type_a = type_of(a);
    if (type_a != type_of(b)) return false;
    switch (type_a) {
        case type::null: return true;
        case type::boolean:
            return a.get_ref<const json::boolean_t&>() == b.get_ref<const json::boolean_t&>();
        case type::number: return as_double(a) == as_double(b);
        case type::string: return as_string(a) == as_string(b);
        case type::object: return &a == &b;
    }
    return false;
}

bool loosely_equal(const json& a, const json& b) {
    const type type_a = type_of(a);
    const type type_b = type_of(b);
    if (type_a == type_b) return strictly_equal(a, b);
    if (type_a == type::null || type_b == type::null) return false;
    if (type_a == type::boolean) return loosely_equal(json(to_number(a)), b);
    if (type_b == type::boolean) return loosely_equal(a, json(to_number(b)));
    if (type_a == type::object) return loosely_equal(json(to_string(a)), b);
    if (type_b == type::object) return loosely_equal(a, json(to_string(b)));
    return to_number(a) == to_number(b);  // a number and a string
}

bool less(const json& a, const json& b) { return compare(a, b) == order::less; }

bool less_equal(const json& a, const json& b) { return compare(b, a) == order::not_less; }

// ---- UTF-16 view -------------------------------------------------------------------------

utf16_text::utf16_text(std::string_view utf8)
    : is_ascii_(std::all_of(utf8.begin(), utf8.end(),
                            [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    if (is_ascii_) {
        ascii_ = utf8;
        return;
    }
    units_.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) {
        char32_t code = decode_utf8(utf8, i);
        if (code >= 0x10000) {
            code -= 0x10000;
            units_ += static_cast<char16_t>(0xD800 + (code >> 10));
            units_ += static_cast<char16_t>(0xDC00 + (code & 0x3FF));
        } else {
            units_ += static_cast<char16_t>(code);
        }
    }
}

std::size_t utf16_text::length() const noexcept {
    return is_ascii_ ? ascii_.size() : units_.size();
}

std::string utf16_text::slice(std::size_t from, std::size_t to) const {
    to = std::min(to, length());
    if (from >= to) return {};
    if (is_ascii_) return std::string(ascii_.substr(from, to - from));
    std::string out;
    for (std::size_t k = from; k < to; ++k) {
        const char16_t unit = units_[k];
        if (!is_surrogate(unit)) {
            append_utf8(out, unit);
        } else if (unit < 0xDC00 && k + 1 < to && units_[k + 1] >= 0xDC00 &&
                   units_[k + 1] <= 0xDFFF) {
            append_utf8(out,
                        0x10000 + ((char32_t{unit} - 0xD800) << 10) + (units_[k + 1] - 0xDC00));
            ++k;
        } else {
            append_utf8(out, 0xFFFD);
        }
    }
    return out;
}

}  // namespace drp::detail::js
