// Compiled JSON Schema validation (draft 2020-12 subset; see drp/json_schema.hpp).
//
// compile() turns every subschema into a node in one vector and resolves $ref to node
// indexes, so validation never looks anything up by name. validate() walks instance and
// nodes together. It runs in one of two modes: collecting (messages wanted) or deciding
// (only valid/invalid, stopping at the first failure). anyOf, oneOf, not and if always
// decide first; only when every alternative failed are they re-run collecting, so the
// valid path never builds a message.
#include "drp/json_schema.hpp"

#include "common/ecma_white_space.hpp"
#include "common/spelling.hpp"
#include "drp/error.hpp"
#include "json/json_pointer.hpp"
#include "json/utf8.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <locale>
#include <new>
#include <optional>
#include <regex>
#include <string_view>
#include <unordered_map>

namespace drp::json {

using nlohmann::json;

namespace detail {

enum type_bit : std::uint8_t {
    t_null = 1,
    t_boolean = 2,
    t_object = 4,
    t_array = 8,
    t_number = 16,
    t_string = 32,
    t_integer = 64,
};

enum class format_kind { none, date, date_time };

// A character class of ecma_regex_traits: std::regex's own, plus ECMAScript's white space,
// which std::regex_traits gives as the locale's (ASCII in the classic locale).
struct ecma_class {
    using base_type = std::regex_traits<wchar_t>::char_class_type;
    base_type base{};
    bool white_space = false;

    constexpr ecma_class() = default;
    constexpr ecma_class(int) {}  // NOLINT: std::regex writes "no class" as 0
    constexpr ecma_class(base_type b, bool space) : base(b), white_space(space) {}

    friend constexpr ecma_class operator|(ecma_class a, ecma_class b) { return {a.base | b.base, a.white_space || b.white_space}; }
    friend constexpr ecma_class operator&(ecma_class a, ecma_class b) { return {a.base & b.base, a.white_space && b.white_space}; }
    friend constexpr ecma_class operator^(ecma_class a, ecma_class b) { return {a.base ^ b.base, a.white_space != b.white_space}; }
    friend constexpr ecma_class operator~(ecma_class a) { return {~a.base, !a.white_space}; }
    ecma_class& operator|=(ecma_class o) { return *this = *this | o; }
    ecma_class& operator&=(ecma_class o) { return *this = *this & o; }
    ecma_class& operator^=(ecma_class o) { return *this = *this ^ o; }
    friend constexpr bool operator==(ecma_class a, ecma_class b) { return a.base == b.base && a.white_space == b.white_space; }
};

// std::regex_traits<wchar_t> with ECMA-262's \s and \S (everywhere: alone, in classes and
// negated classes), so a pattern means what it means to JavaScript and to the engine's
// event checks. \d and \w stay ASCII, as in ECMAScript.
class ecma_regex_traits {
public:
    using char_type = wchar_t;
    using string_type = std::wstring;
    using locale_type = std::locale;
    using char_class_type = ecma_class;

    static std::size_t length(const char_type* p) { return std::char_traits<char_type>::length(p); }
    char_type translate(char_type c) const { return base_.translate(c); }
    char_type translate_nocase(char_type c) const { return base_.translate_nocase(c); }
    template <class It>
    string_type transform(It first, It last) const { return base_.transform(first, last); }
    template <class It>
    string_type transform_primary(It first, It last) const { return base_.transform_primary(first, last); }
    template <class It>
    string_type lookup_collatename(It first, It last) const { return base_.lookup_collatename(first, last); }
    template <class It>
    char_class_type lookup_classname(It first, It last, bool icase = false) const {
        if (last - first == 1 && (*first == L's' || *first == L'S')) return {{}, true};  // \S: std::regex negates
        return {base_.lookup_classname(first, last, icase), false};
    }
    bool isctype(char_type c, char_class_type m) const {
        return (m.white_space && drp::detail::is_ecma_white_space(static_cast<char32_t>(c))) || base_.isctype(c, m.base);
    }
    int value(char_type c, int radix) const { return base_.value(c, radix); }
    locale_type imbue(locale_type l) { return base_.imbue(l); }
    locale_type getloc() const { return base_.getloc(); }

private:
    std::regex_traits<wchar_t> base_;
};

using ecma_regex = std::basic_regex<wchar_t, ecma_regex_traits>;

struct pattern {
    std::string source;
    ecma_regex search;  // "[\s\S]*(?:source)[\s\S]*", run with regex_match: see compile_pattern
};

struct node {
    std::string pointer;  // where this subschema is in the schema document
    std::string hint;     // description, else title
    std::string title;

    bool is_boolean = false;
    bool boolean_value = true;

    std::uint8_t types = 0;  // 0: no "type"
    std::optional<json> const_value;
    std::optional<std::vector<json>> enum_values;
    std::vector<std::string> enum_strings;  // the string values, sorted: found by binary search
    std::vector<json> enum_others;          // the other values

    std::vector<std::string> required;
    std::vector<std::pair<std::string, int>> properties;  // sorted by name
    std::vector<std::pair<pattern, int>> pattern_properties;
    int additional_properties = -1;
    int property_names = -1;
    std::optional<std::size_t> min_properties, max_properties;
    std::vector<std::pair<std::string, std::vector<std::string>>> dependent_required;

    std::vector<int> prefix_items;
    int items = -1;
    std::optional<std::size_t> min_items, max_items;
    bool unique_items = false;

    std::optional<json> minimum, maximum, exclusive_minimum, exclusive_maximum, multiple_of;

    std::optional<std::size_t> min_length, max_length;
    std::optional<pattern> pattern_;
    format_kind format = format_kind::none;

    std::string ref_text;
    bool has_ref = false;
    int ref = -1;
    std::vector<int> all_of, any_of, one_of;
    int not_ = -1, if_ = -1, then_ = -1, else_ = -1;

    // Which families of keywords are present, so a value skips the others at once.
    bool has_object_keywords = false, has_array_keywords = false, has_number_keywords = false,
         has_string_keywords = false;
};

}  // namespace detail

struct schema::compiled {
    std::vector<detail::node> nodes;  // nodes[0] is the root
};

namespace {

using detail::node;

constexpr std::string_view draft_2020_12 = "https://json-schema.org/draft/2020-12/schema";

// ---- JSON values: exact numbers, structural equality, plain-English descriptions ----

// Compares two JSON numbers exactly (doubles against 64-bit integers without rounding).
// Returns -1, 0 or 1; 2 when either is NaN (which JSON text cannot contain).
int compare_numbers(const json& a, const json& b) noexcept {
    auto cmp_double_u64 = [](double d, std::uint64_t u) -> int {
        if (d < 0) return -1;
        if (d >= 18446744073709551616.0) return 1;
        const double t = std::trunc(d);
        const auto ti = static_cast<std::uint64_t>(t);
        if (ti != u) return ti < u ? -1 : 1;
        return d > t ? 1 : 0;
    };
    auto cmp_double_i64 = [&](double d, std::int64_t i) -> int {
        if (i >= 0) return cmp_double_u64(d, static_cast<std::uint64_t>(i));
        if (d >= 0) return 1;
        if (d < -9223372036854775808.0) return -1;
        const double t = std::trunc(d);
        const auto ti = static_cast<std::int64_t>(t);
        if (ti != i) return ti < i ? -1 : 1;
        return d < t ? -1 : 0;
    };
    auto as_double = [](const json& v) { return v.get<double>(); };
    const bool af = a.is_number_float(), bf = b.is_number_float();
    if (af && std::isnan(as_double(a))) return 2;
    if (bf && std::isnan(as_double(b))) return 2;
    if (af && bf) {
        const double x = as_double(a), y = as_double(b);
        return x < y ? -1 : x > y ? 1 : 0;
    }
    if (af || bf) {
        const json& d = af ? a : b;
        const json& i = af ? b : a;
        const int r = i.is_number_unsigned() ? cmp_double_u64(as_double(d), i.get<std::uint64_t>())
                                             : cmp_double_i64(as_double(d), i.get<std::int64_t>());
        return af ? r : -r;
    }
    // Both integers: one of them may be unsigned beyond int64.
    if (a.is_number_unsigned() && b.is_number_unsigned()) {
        const auto x = a.get<std::uint64_t>(), y = b.get<std::uint64_t>();
        return x < y ? -1 : x > y ? 1 : 0;
    }
    if (a.is_number_unsigned() || b.is_number_unsigned()) {
        const json& u = a.is_number_unsigned() ? a : b;
        const json& s = a.is_number_unsigned() ? b : a;
        const auto sv = s.get<std::int64_t>();
        const auto uv = u.get<std::uint64_t>();
        const int r = sv < 0 ? -1 : static_cast<std::uint64_t>(sv) < uv ? -1 : static_cast<std::uint64_t>(sv) > uv ? 1 : 0;
        return a.is_number_unsigned() ? -r : r;
    }
    const auto x = a.get<std::int64_t>(), y = b.get<std::int64_t>();
    return x < y ? -1 : x > y ? 1 : 0;
}

// JSON Schema equality: numbers by value (1 == 1.0), everything else structurally.
// Iterative, so two deeply nested instance values cannot exhaust the stack.
bool json_equal(const json& a, const json& b) {
    // Scalars and different kinds settle at once, without the work list's allocation.
    if (a.is_number() && b.is_number()) return compare_numbers(a, b) == 0;
    if (a.type() != b.type()) return false;
    if (a.is_string()) return a.get_ref<const std::string&>() == b.get_ref<const std::string&>();
    if (a.is_boolean()) return a.get<bool>() == b.get<bool>();
    if (a.is_null()) return true;
    if ((a.is_object() || a.is_array()) && a.size() != b.size()) return false;
    std::vector<std::pair<const json*, const json*>> todo{{&a, &b}};
    while (!todo.empty()) {
        const auto [x, y] = todo.back();
        todo.pop_back();
        if (x->is_number() && y->is_number()) {
            if (compare_numbers(*x, *y) != 0) return false;
            continue;
        }
        if (x->type() != y->type()) return false;
        switch (x->type()) {
            case json::value_t::object: {
                if (x->size() != y->size()) return false;
                // Both are std::maps ordered by key: walk them side by side.
                auto yi = y->begin();
                for (auto xi = x->begin(); xi != x->end(); ++xi, ++yi) {
                    if (xi.key() != yi.key()) return false;
                    todo.emplace_back(&xi.value(), &yi.value());
                }
                break;
            }
            case json::value_t::array:
                if (x->size() != y->size()) return false;
                for (std::size_t i = 0; i < x->size(); ++i) todo.emplace_back(&(*x)[i], &(*y)[i]);
                break;
            case json::value_t::string:
                if (x->get_ref<const std::string&>() != y->get_ref<const std::string&>()) return false;
                break;
            case json::value_t::boolean:
                if (x->get<bool>() != y->get<bool>()) return false;
                break;
            case json::value_t::null:
            case json::value_t::discarded:
                break;
            default:
                if (*x != *y) return false;  // binary: not produced by the parser
                break;
        }
    }
    return true;
}

// A hash consistent with json_equal, looking only a few levels deep (enough to spread
// real data; equality settles the rest).
std::size_t shallow_hash(const json& v, int depth = 3) {
    if (v.is_number()) {
        double d = v.get<double>();
        if (d == 0) d = 0;  // -0.0 equals 0
        return std::hash<double>{}(d);
    }
    std::size_t h = static_cast<std::size_t>(v.type()) * 0x9E3779B97F4A7C15ull;
    if (v.is_string()) return h ^ std::hash<std::string>{}(v.get_ref<const std::string&>());
    if (v.is_boolean()) return h ^ (v.get<bool>() ? 1u : 2u);
    if (v.is_array() || v.is_object()) {
        h ^= v.size();
        if (depth == 0) return h;
        for (auto it = v.begin(); it != v.end(); ++it) {
            if (v.is_object()) h = h * 31 + std::hash<std::string>{}(it.key());
            h = h * 31 + shallow_hash(it.value(), depth - 1);
        }
    }
    return h;
}

std::string dump_scalar(const json& v) {
    return v.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string quote(std::string_view s) {
    return dump_scalar(json(std::string(detail::utf8_prefix(s, 80)))) + (detail::utf8_prefix(s, 80).size() < s.size() ? "…" : "");
}

// How a value reads in "got ...": strings quoted (shortened), objects and arrays by kind.
std::string describe(const json& v) {
    switch (v.type()) {
        case json::value_t::string: return quote(v.get_ref<const std::string&>());
        case json::value_t::object: return v.empty() ? "an empty object {}" : "an object";
        case json::value_t::array: return v.empty() ? "an empty array []" : "an array";
        default: return dump_scalar(v);
    }
}

// "got" for a type mismatch: the kind of value too.
std::string describe_with_kind(const json& v) {
    switch (v.type()) {
        case json::value_t::string: return "a string (" + describe(v) + ")";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float: return "a number (" + dump_scalar(v) + ")";
        default: return describe(v);
    }
}

// How an expected value reads in "must be one of ...": plain words bare, others as JSON.
std::string expected_value(const json& v) {
    if (v.is_string()) {
        const auto& s = v.get_ref<const std::string&>();
        const bool plain = !s.empty() && s.size() <= 60 && std::all_of(s.begin(), s.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                   c == '-' || c == '.';
        });
        return plain ? s : quote(s);
    }
    if (v.is_object() || v.is_array()) {
        const std::string text = dump_scalar(v);
        return text.size() <= 60 ? text : std::string(detail::utf8_prefix(text, 57)) + "…";
    }
    return dump_scalar(v);
}

std::string list_values(const std::vector<const json*>& values) {
    constexpr std::size_t shown = 25;
    std::string out;
    for (std::size_t i = 0; i < values.size() && i < shown; ++i) {
        if (i) out += ", ";
        out += expected_value(*values[i]);
    }
    if (values.size() > shown) out += ", … (" + std::to_string(values.size()) + " values in all)";
    return out;
}

std::string did_you_mean(const json& got, const std::vector<const json*>& values) {
    if (!got.is_string()) return {};
    std::vector<std::string> words;
    for (const json* v : values)
        if (v->is_string()) words.push_back(v->get<std::string>());
    const auto best = drp::detail::closest_match(got.get_ref<const std::string&>(), words);
    return best ? "; did you mean " + quote(*best) + "?" : std::string();
}

const char* type_name(std::uint8_t bit) {
    switch (bit) {
        case detail::t_null: return "null";
        case detail::t_boolean: return "a boolean (true or false)";
        case detail::t_object: return "an object";
        case detail::t_array: return "an array";
        case detail::t_number: return "a number";
        case detail::t_string: return "a string";
        case detail::t_integer: return "an integer";
    }
    return "?";
}

// "a string or null", "a string, a number or null".
std::string type_list(std::uint8_t types) {
    static constexpr std::uint8_t reading_order[] = {detail::t_string, detail::t_integer, detail::t_number, detail::t_boolean,
                                                     detail::t_object, detail::t_array,   detail::t_null};
    std::vector<const char*> names;
    for (const std::uint8_t bit : reading_order)
        if (types & bit) names.push_back(type_name(bit));
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i) out += i + 1 == names.size() ? " or " : ", ";
        out += names[i];
    }
    return out;
}

bool has_type(const json& v, std::uint8_t types) noexcept {
    switch (v.type()) {
        case json::value_t::null: return types & detail::t_null;
        case json::value_t::boolean: return types & detail::t_boolean;
        case json::value_t::object: return types & detail::t_object;
        case json::value_t::array: return types & detail::t_array;
        case json::value_t::string: return types & detail::t_string;
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: return types & (detail::t_number | detail::t_integer);
        case json::value_t::number_float: {
            if (types & detail::t_number) return true;
            const double d = v.get<double>();
            return (types & detail::t_integer) && std::isfinite(d) && std::trunc(d) == d;
        }
        default: return false;
    }
}

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// ---- formats ------------------------------------------------------------------------

int digits_at(std::string_view s, std::size_t pos, std::size_t width) noexcept {
    if (pos + width > s.size()) return -1;
    int v = 0;
    for (std::size_t k = 0; k < width; ++k) {
        const char c = s[pos + k];
        if (c < '0' || c > '9') return -1;
        v = v * 10 + (c - '0');
    }
    return v;
}

enum class date_check { ok, malformed, no_such_day };

// RFC 3339 full-date: YYYY-MM-DD naming a real day of the proleptic Gregorian calendar.
date_check check_full_date(std::string_view s) noexcept {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return date_check::malformed;
    const int y = digits_at(s, 0, 4), m = digits_at(s, 5, 2), d = digits_at(s, 8, 2);
    if (y < 0 || m < 0 || d < 0) return date_check::malformed;
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                          std::chrono::day{static_cast<unsigned>(d)}};
    return ymd.ok() ? date_check::ok : date_check::no_such_day;
}

// RFC 3339 date-time: full-date "T" HH:MM:SS[.frac] (Z | +hh:mm | -hh:mm); "T" and "Z" in
// either case; second 60 only for a leap second (23:59:60 in UTC).
date_check check_date_time(std::string_view s) noexcept {
    if (s.size() < 20) return date_check::malformed;
    const date_check date = check_full_date(s.substr(0, 10));
    if (date == date_check::malformed || (s[10] != 'T' && s[10] != 't')) return date_check::malformed;
    const int hh = digits_at(s, 11, 2), mm = digits_at(s, 14, 2), ss = digits_at(s, 17, 2);
    if (hh < 0 || mm < 0 || ss < 0 || s[13] != ':' || s[16] != ':') return date_check::malformed;
    std::size_t pos = 19;
    if (pos < s.size() && s[pos] == '.') {
        const std::size_t start = ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
        if (pos == start) return date_check::malformed;
    }
    if (pos >= s.size()) return date_check::malformed;
    int offset = 0;
    if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
        const int oh = digits_at(s, pos + 1, 2), om = digits_at(s, pos + 4, 2);
        if (oh < 0 || om < 0 || s[pos + 3] != ':') return date_check::malformed;
        if (oh > 23 || om > 59) return date_check::no_such_day;
        offset = (s[pos] == '-' ? -1 : 1) * (oh * 60 + om);
        pos += 6;
    } else {
        return date_check::malformed;
    }
    if (pos != s.size()) return date_check::malformed;
    if (date != date_check::ok || hh > 23 || mm > 59 || ss > 60) return date_check::no_such_day;
    if (ss == 60 && ((hh * 60 + mm - offset) % 1440 + 1440) % 1440 != 23 * 60 + 59) return date_check::no_such_day;
    return date_check::ok;
}

// ---- compiling ----------------------------------------------------------------------

detail::ecma_regex make_regex(const std::wstring& source) {
    auto flags = std::regex_constants::ECMAScript | std::regex_constants::nosubs;
#if defined(__GLIBCXX__)
    // libstdc++'s breadth-first executor: polynomial time and stack depth independent of
    // the subject's length (the default depth-first one recurses once per character).
    flags |= std::regex_constants::__polynomial;
#endif
    // The classic locale whatever the host set globally: \w and \d stay ASCII.
    detail::ecma_regex re;
    re.imbue(std::locale::classic());
    re.assign(source, flags);
    return re;
}

// What std::regex would read differently from ECMAScript, made to read the same or
// refused: "[" inside a class is a literal to ECMAScript but opens a POSIX class
// ("[[:alpha:]]") to std::regex, so it is escaped; "\cX" (a control character) std::regex
// compiles and never matches, and "\p{...}" it lacks, so both are refused by name.
// Returns the refusal, or "" (and the translated source in out).
std::string to_std_regex(const std::wstring& source, std::wstring& out) {
    out.clear();
    bool in_class = false;
    for (std::size_t i = 0; i < source.size(); ++i) {
        const wchar_t c = source[i];
        if (c == L'\\' && i + 1 < source.size()) {
            const wchar_t e = source[++i];
            if (e == L'c') {
                const wchar_t letter = i + 1 < source.size() ? source[i + 1] : L'\0';
                if ((letter >= L'A' && letter <= L'Z') || (letter >= L'a' && letter <= L'z')) {
                    static constexpr char hex[] = "0123456789ABCDEF";
                    const int code = static_cast<int>(letter) % 32;
                    return std::string("it uses the control-character escape \\c") + static_cast<char>(letter) +
                           ", which std::regex cannot match; write \\x" + hex[code / 16] + hex[code % 16] + " instead";
                }
                return "it uses \\c without a control letter; write \\\\c for a backslash and a c";
            }
            if (e == L'p' || e == L'P')
                return std::string("it uses a Unicode property escape (\\") + static_cast<char>(e) +
                       "{...}), which std::regex does not have; list the characters in a class instead";
            out += c;
            out += e;
        } else if (in_class && c == L'[') {
            out += L"\\[";
        } else {
            in_class = c == L'[' || (in_class && c != L']');
            out += c;
        }
    }
    return {};
}

const std::vector<std::string_view>& known_keywords() {
    static const std::vector<std::string_view> words = {
        "type", "enum", "const", "required", "properties", "patternProperties", "additionalProperties",
        "propertyNames", "minProperties", "maxProperties", "dependentRequired", "items", "prefixItems",
        "minItems", "maxItems", "uniqueItems", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "multipleOf", "minLength", "maxLength", "pattern", "format", "$ref", "$defs", "allOf", "anyOf",
        "oneOf", "not", "if", "then", "else", "title", "description", "examples", "default", "$comment",
        "$id", "$schema", "deprecated", "readOnly", "writeOnly"};
    return words;
}

std::string unsupported_advice(std::string_view keyword) {
    if (keyword == "definitions") return "; write \"$defs\" (draft 2020-12)";
    if (keyword == "dependencies") return "; write \"dependentRequired\" (draft 2020-12)";
    if (keyword == "additionalItems") return "; in draft 2020-12 write \"prefixItems\" and \"items\"";
    static const std::vector<std::string_view> known_unsupported = {
        "contains", "minContains", "maxContains", "dependentSchemas", "unevaluatedProperties",
        "unevaluatedItems", "$anchor", "$dynamicRef", "$dynamicAnchor", "$recursiveRef",
        "$recursiveAnchor", "$vocabulary", "contentEncoding", "contentMediaType", "contentSchema"};
    if (std::find(known_unsupported.begin(), known_unsupported.end(), keyword) != known_unsupported.end())
        return " (a draft 2020-12 keyword that drp's validator does not implement)";
    const auto best = drp::detail::closest_match(keyword, known_keywords());
    return best ? "; did you mean \"" + *best + "\"?" : "";
}

class compiler {
public:
    explicit compiler(const json& document) : document_(document) {}

    std::vector<node> run() {
        if (document_.is_object()) {
            if (const auto id = document_.find("$id"); id != document_.end() && id->is_string()) {
                root_id_ = id->get<std::string>();
                if (!root_id_.empty() && root_id_.back() == '#') root_id_.pop_back();
            }
        }
        nodes_.reserve(count_schema_candidates(document_));  // so compiling never moves a node
        compile(document_, "", 0);
        resolve_refs();
        reject_cycles();
        return std::move(nodes_);
    }

private:
    static constexpr int max_schema_depth = 100;

    // Objects and booleans: an upper bound on the number of subschemas.
    static std::size_t count_schema_candidates(const json& document) {
        std::size_t n = 0;
        std::vector<const json*> todo{&document};
        while (!todo.empty()) {
            const json* v = todo.back();
            todo.pop_back();
            n += v->is_object() || v->is_boolean();
            if (v->is_object() || v->is_array())
                for (const auto& child : *v) todo.push_back(&child);
        }
        return n;
    }

    [[noreturn]] static void fail(const std::string& pointer, const std::string& what) {
        throw error(errc::schema, "invalid schema at #" + pointer + ": " + what);
    }

    static std::string at(const std::string& pointer, std::string_view token) {
        std::string out = pointer;
        detail::append_pointer_token(out, token);
        return out;
    }

    static std::size_t count(const json& v, const std::string& pointer) {
        if (!has_type(v, detail::t_integer) || compare_numbers(v, json(0)) < 0)
            fail(pointer, "must be a non-negative integer; got " + describe(v));
        if (v.is_number_float()) {
            const double d = v.get<double>();
            return d >= 1.8e19 ? std::numeric_limits<std::size_t>::max() : static_cast<std::size_t>(d);
        }
        return v.is_number_unsigned() ? static_cast<std::size_t>(v.get<std::uint64_t>())
                                      : static_cast<std::size_t>(v.get<std::int64_t>());
    }

    static const json& number(const json& v, const std::string& pointer) {
        if (!v.is_number()) fail(pointer, "must be a number; got " + describe(v));
        if (v.is_number_float() && !std::isfinite(v.get<double>())) fail(pointer, "must be a finite number");
        return v;
    }

    static std::vector<std::string> unique_strings(const json& v, const std::string& pointer) {
        if (!v.is_array()) fail(pointer, "must be an array of strings; got " + describe(v));
        std::vector<std::string> out;
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (!v[i].is_string()) fail(at(pointer, std::to_string(i)), "must be a string; got " + describe(v[i]));
            const auto& s = v[i].get_ref<const std::string&>();
            if (std::find(out.begin(), out.end(), s) != out.end())
                fail(at(pointer, std::to_string(i)), quote(s) + " is listed twice");
            out.push_back(s);
        }
        return out;
    }

    static detail::pattern compile_pattern(const json& v, const std::string& pointer) {
        if (!v.is_string()) fail(pointer, "must be a regular expression string; got " + describe(v));
        const auto& source = v.get_ref<const std::string&>();
        std::wstring wide;
        if (const auto refused = to_std_regex(detail::widen_utf8<wchar_t>(source), wide); !refused.empty())
            fail(pointer, "the pattern " + quote(source) + " is refused: " + refused);
        try {
            (void)make_regex(wide);
            // A search as a full match: the same assertions (^ $ \b) see the whole
            // subject, and one pass over it suffices.
            return {source, make_regex(L"[\\s\\S]*(?:" + wide + L")[\\s\\S]*")};
        } catch (const std::regex_error& e) {
            fail(pointer, "the pattern " + quote(source) +
                              " is not an ECMAScript regular expression std::regex accepts (" + e.what() +
                              "); back-references, look-behind and named groups are not supported");
        }
    }

    std::vector<int> schema_array(const json& v, const std::string& pointer, int depth) {
        if (!v.is_array() || v.empty()) fail(pointer, "must be a non-empty array of schemas; got " + describe(v));
        std::vector<int> out;
        for (std::size_t i = 0; i < v.size(); ++i) out.push_back(compile(v[i], at(pointer, std::to_string(i)), depth + 1));
        return out;
    }

    int compile(const json& s, const std::string& pointer, int depth) {
        if (depth > max_schema_depth) fail(pointer, "schema nested more than " + std::to_string(max_schema_depth) + " levels deep");
        const int id = static_cast<int>(nodes_.size());
        nodes_.emplace_back();
        nodes_[id].pointer = pointer;
        by_pointer_.emplace(pointer, id);
        if (s.is_boolean()) {
            nodes_[id].is_boolean = true;
            nodes_[id].boolean_value = s.get<bool>();
            return id;
        }
        if (!s.is_object()) fail(pointer, "a schema must be an object, true or false; got " + describe(s));

        for (auto it = s.begin(); it != s.end(); ++it) {
            const std::string& k = it.key();
            const json& v = it.value();
            const std::string kp = at(pointer, k);
            auto n = [&]() -> node& { return nodes_[id]; };  // re-fetched: compile() grows nodes_

            if (k == "type") {
                std::vector<json> names = v.is_array() ? v.get<std::vector<json>>() : std::vector<json>{v};
                if (names.empty()) fail(kp, "must name at least one type");
                std::uint8_t mask = 0;
                for (const auto& name : names) {
                    static const std::pair<std::string_view, std::uint8_t> table[] = {
                        {"null", detail::t_null},     {"boolean", detail::t_boolean}, {"object", detail::t_object},
                        {"array", detail::t_array},   {"number", detail::t_number},   {"string", detail::t_string},
                        {"integer", detail::t_integer}};
                    const auto* hit = name.is_string()
                                          ? std::find_if(std::begin(table), std::end(table),
                                                         [&](const auto& e) { return e.first == name.get_ref<const std::string&>(); })
                                          : std::end(table);
                    if (hit == std::end(table))
                        fail(kp, "must be one of null, boolean, object, array, number, string, integer (or an array of them); got " +
                                     describe(name));
                    if (mask & hit->second) fail(kp, "lists " + std::string(hit->first) + " twice");
                    mask = static_cast<std::uint8_t>(mask | hit->second);
                }
                n().types = mask;
            } else if (k == "enum") {
                if (!v.is_array()) fail(kp, "must be an array of the allowed values; got " + describe(v));
                n().enum_values = v.get<std::vector<json>>();
                for (const auto& e : v) {
                    if (e.is_string())
                        n().enum_strings.push_back(e.get<std::string>());
                    else
                        n().enum_others.push_back(e);
                }
                std::sort(n().enum_strings.begin(), n().enum_strings.end());
            } else if (k == "const") {
                n().const_value = v;
            } else if (k == "required") {
                n().required = unique_strings(v, kp);
                n().has_object_keywords = true;
            } else if (k == "properties" || k == "patternProperties" || k == "$defs") {
                if (!v.is_object()) fail(kp, "must be an object mapping names to schemas; got " + describe(v));
                for (auto p = v.begin(); p != v.end(); ++p) {
                    const int child = compile(p.value(), at(kp, p.key()), depth + 1);
                    if (k == "properties") n().properties.emplace_back(p.key(), child);
                    if (k == "patternProperties") n().pattern_properties.emplace_back(compile_pattern(json(p.key()), at(kp, p.key())), child);
                }
                if (k != "$defs") n().has_object_keywords = true;
            } else if (k == "additionalProperties") {
                const int child = compile(v, kp, depth + 1);
                n().additional_properties = child;
                n().has_object_keywords = true;
            } else if (k == "propertyNames") {
                const int child = compile(v, kp, depth + 1);
                n().property_names = child;
                n().has_object_keywords = true;
            } else if (k == "minProperties" || k == "maxProperties") {
                (k == "minProperties" ? n().min_properties : n().max_properties) = count(v, kp);
                n().has_object_keywords = true;
            } else if (k == "dependentRequired") {
                if (!v.is_object()) fail(kp, "must be an object mapping a property to the properties it requires; got " + describe(v));
                for (auto p = v.begin(); p != v.end(); ++p) n().dependent_required.emplace_back(p.key(), unique_strings(p.value(), at(kp, p.key())));
                n().has_object_keywords = true;
            } else if (k == "items") {
                if (v.is_array()) fail(kp, "must be a single schema; for a tuple write \"prefixItems\" (draft 2020-12)");
                const int child = compile(v, kp, depth + 1);
                n().items = child;
                n().has_array_keywords = true;
            } else if (k == "prefixItems") {
                auto children = schema_array(v, kp, depth);
                n().prefix_items = std::move(children);
                n().has_array_keywords = true;
            } else if (k == "minItems" || k == "maxItems") {
                (k == "minItems" ? n().min_items : n().max_items) = count(v, kp);
                n().has_array_keywords = true;
            } else if (k == "uniqueItems") {
                if (!v.is_boolean()) fail(kp, "must be true or false; got " + describe(v));
                n().unique_items = v.get<bool>();
                n().has_array_keywords = true;
            } else if (k == "minimum" || k == "maximum" || k == "exclusiveMinimum" || k == "exclusiveMaximum") {
                const json& limit = number(v, kp);
                (k == "minimum" ? n().minimum : k == "maximum" ? n().maximum : k == "exclusiveMinimum" ? n().exclusive_minimum : n().exclusive_maximum) = limit;
                n().has_number_keywords = true;
            } else if (k == "multipleOf") {
                if (compare_numbers(number(v, kp), json(0)) <= 0) fail(kp, "must be greater than 0; got " + describe(v));
                n().multiple_of = v;
                n().has_number_keywords = true;
            } else if (k == "minLength" || k == "maxLength") {
                (k == "minLength" ? n().min_length : n().max_length) = count(v, kp);
                n().has_string_keywords = true;
            } else if (k == "pattern") {
                n().pattern_ = compile_pattern(v, kp);
                n().has_string_keywords = true;
            } else if (k == "format") {
                // (not v == "date": nlohmann's comparison with a string is noexcept and
                // allocates a json for the string, so memory running out would abort)
                const std::string* format = v.is_string() ? &v.get_ref<const std::string&>() : nullptr;
                if (format && *format == "date") {
                    n().format = detail::format_kind::date;
                } else if (format && *format == "date-time") {
                    n().format = detail::format_kind::date_time;
                } else {
                    fail(kp, "format " + describe(v) + " is not supported (drp checks \"date\" and \"date-time\"); "
                             "express the rule with \"pattern\" instead, so it is not silently ignored");
                }
                n().has_string_keywords = true;
            } else if (k == "$ref") {
                if (!v.is_string()) fail(kp, "must be a string; got " + describe(v));
                n().ref_text = v.get<std::string>();
                n().has_ref = true;
            } else if (k == "allOf" || k == "anyOf" || k == "oneOf") {
                auto children = schema_array(v, kp, depth);
                (k == "allOf" ? n().all_of : k == "anyOf" ? n().any_of : n().one_of) = std::move(children);
            } else if (k == "not" || k == "if" || k == "then" || k == "else") {
                const int child = compile(v, kp, depth + 1);
                (k == "not" ? n().not_ : k == "if" ? n().if_ : k == "then" ? n().then_ : n().else_) = child;
            } else if (k == "title" || k == "description" || k == "$comment") {
                if (!v.is_string()) fail(kp, "must be a string; got " + describe(v));
                if (k == "title") n().title = v.get<std::string>();
                if (k == "description" || (k == "title" && n().hint.empty())) n().hint = v.get<std::string>();
            } else if (k == "examples") {
                if (!v.is_array()) fail(kp, "must be an array of example values; got " + describe(v));
            } else if (k == "deprecated" || k == "readOnly" || k == "writeOnly") {
                if (!v.is_boolean()) fail(kp, "must be true or false; got " + describe(v));
            } else if (k == "$id") {
                if (!pointer.empty())
                    fail(kp, "only the root schema may have an $id (a nested $id would change what \"#\" refers to)");
                if (!v.is_string()) fail(kp, "must be a string; got " + describe(v));
            } else if (k == "$schema") {
                if (!v.is_string() || (v.get<std::string>() != draft_2020_12 && v.get<std::string>() != std::string(draft_2020_12) + "#"))
                    fail(kp, "drp validates draft 2020-12 only (\"" + std::string(draft_2020_12) + "\"); got " + describe(v));
            } else if (k == "default") {
                // an annotation: any value
            } else {
                fail(kp, "unknown keyword " + quote(k) + unsupported_advice(k));
            }
        }
        node& n = nodes_[id];
        std::sort(n.properties.begin(), n.properties.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        return id;
    }

    static std::optional<std::string> percent_decode(std::string_view s) {
        std::string out;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] != '%') {
                out += s[i];
                continue;
            }
            auto hex = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1; };
            if (i + 2 >= s.size()) return std::nullopt;
            const int hi = hex(s[i + 1]), lo = hex(s[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        }
        return out;
    }

    void resolve_refs() {
        for (node& n : nodes_) {
            if (!n.has_ref) continue;
            const std::string where = at(n.pointer, "$ref");
            std::string_view ref = n.ref_text;
            if (!root_id_.empty() && ref.substr(0, root_id_.size()) == root_id_) {
                ref.remove_prefix(root_id_.size());
                if (ref.empty()) ref = "#";  // the root by its $id
            }
            if (ref.empty() || ref.front() != '#')
                fail(where, "only references within this document are supported (\"#\" or \"#/$defs/name\"); got " + quote(n.ref_text));
            const auto fragment = percent_decode(ref.substr(1));
            if (!fragment) fail(where, "bad %-escape in " + quote(n.ref_text));
            if (!fragment->empty() && fragment->front() != '/')
                fail(where, "anchors (\"#name\") are not supported; write \"#/$defs/" + *fragment + "\"");
            if (!detail::split_pointer(*fragment)) fail(where, quote(n.ref_text) + " is not a JSON pointer");
            const auto hit = by_pointer_.find(*fragment);
            if (hit == by_pointer_.end()) {
                bool exists = false;
                try {
                    exists = document_.contains(json::json_pointer(*fragment));
                } catch (const json::exception&) {
                }
                fail(where, quote(n.ref_text) + (exists ? " points at something that is not a schema"
                                                        : " does not resolve: there is nothing at that place in this document"));
            }
            n.ref = hit->second;
        }
    }

    // In-place applicators (the same instance value goes to the subschema). A cycle of
    // them would recurse forever on any value that reaches it.
    static std::vector<int> in_place(const node& n) {
        std::vector<int> out;
        if (n.ref >= 0) out.push_back(n.ref);
        for (const auto* list : {&n.all_of, &n.any_of, &n.one_of}) out.insert(out.end(), list->begin(), list->end());
        for (int c : {n.not_, n.if_, n.then_, n.else_})
            if (c >= 0) out.push_back(c);
        return out;
    }

    void reject_cycles() const {
        enum class colour : std::uint8_t { white, grey, black };
        std::vector<colour> state(nodes_.size(), colour::white);
        struct frame {
            int id;
            std::vector<int> next;
            std::size_t i = 0;
        };
        for (std::size_t start = 0; start < nodes_.size(); ++start) {
            if (state[start] != colour::white) continue;
            std::vector<frame> stack;
            stack.push_back({static_cast<int>(start), in_place(nodes_[start])});
            state[start] = colour::grey;
            while (!stack.empty()) {
                frame& f = stack.back();
                if (f.i == f.next.size()) {
                    state[static_cast<std::size_t>(f.id)] = colour::black;
                    stack.pop_back();
                    continue;
                }
                const int next = f.next[f.i++];
                const auto ni = static_cast<std::size_t>(next);
                if (state[ni] == colour::grey) {
                    std::string chain;
                    bool in_cycle = false;
                    for (const auto& g : stack) {
                        in_cycle = in_cycle || g.id == next;
                        if (in_cycle) chain += "#" + nodes_[static_cast<std::size_t>(g.id)].pointer + " → ";
                    }
                    chain += "#" + nodes_[ni].pointer;
                    fail(nodes_[ni].pointer, "a cycle of references that never moves into the instance (" + chain +
                                                 "); validation would never finish");
                }
                if (state[ni] == colour::white) {
                    state[ni] = colour::grey;
                    stack.push_back({next, in_place(nodes_[ni])});
                }
            }
        }
    }

    const json& document_;
    std::string root_id_;
    std::vector<node> nodes_;
    std::unordered_map<std::string, int> by_pointer_;
};

// ---- validating ---------------------------------------------------------------------

struct raw_error {
    schema_error error;
    std::string subject;   // how messages named the value
    std::size_t depth;     // instance depth of instance_pointer
    const node* where;     // the subschema whose keyword failed
    const json* value;     // the instance value at instance_pointer (for merged messages)
};

class validator {
public:
    validator(const schema::compiled& c, const validate_options& options, std::vector<raw_error>* out)
        : nodes_(c.nodes),
          out_(out),
          max_errors_(std::max<std::size_t>(1, options.max_errors)),
          max_depth_(options.max_depth),
          max_frames_(10 * options.max_depth + 100),
          max_checks_(options.max_checks) {}

    bool out_of_budget() const noexcept { return checks_ > max_checks_; }

    bool check(int id, const json& v, const std::string* hint) {
        const node& n = nodes_[static_cast<std::size_t>(id)];
        // Out of budget: everything fails fast from here, so the work stays bounded;
        // validate() reports it once, whichever alternative it happened in.
        if (++checks_ > max_checks_) return false;
        if (++frames_ > max_frames_) {
            --frames_;
            emit(n, "maxDepth", [&] { return subject() + " needs more than " + std::to_string(max_frames_) +
                                             " nested schema checks; drp does not check deeper"; },
                 hint);
            return false;
        }
        const bool ok = check_node(n, v, hint);
        --frames_;
        return ok;
    }

private:

    struct segment {
        const std::string* key;  // nullptr for an array index
        std::size_t index;
    };

    bool collecting() const noexcept { return out_ != nullptr; }
    bool full() const noexcept { return out_ && out_->size() >= max_errors_; }

    std::string pointer() const {
        std::string p;
        for (const auto& s : path_) {
            if (s.key) {
                detail::append_pointer_token(p, *s.key);
            } else {
                p += '/';
                p += std::to_string(s.index);
            }
        }
        return p;
    }

    // How messages name the value being checked: "kind", "stages"[2], the document.
    std::string subject() const {
        if (naming_) return "property name " + quote(*path_.back().key);
        return subject_of(path_.size());
    }

    std::string subject_of(std::size_t depth) const {
        std::size_t k = depth;
        while (k > 0 && !path_[k - 1].key) --k;
        std::string out = k == 0 ? "the document" : quote(*path_[k - 1].key);
        for (std::size_t i = k; i < depth; ++i) out += "[" + std::to_string(path_[i].index) + "]";
        return out;
    }

    // Records an error; message is a callable, so deciding mode never builds the text.
    // Out of line (as are the other leaf checks below) so the frames on the recursion
    // path (check, check_node, check_object, check_array, descend) stay small.
    template <class Message>
    [[gnu::noinline]] void emit(const node& n, std::string_view keyword, Message&& message, const std::string* hint,
              bool at_key = false, const json* value = nullptr) {
        if (!out_ || full()) return;
        raw_error e;
        e.error.instance_pointer = pointer();
        e.error.schema_pointer = keyword == "false" ? n.pointer : n.pointer + "/" + std::string(keyword);
        e.error.keyword = std::string(keyword);
        e.error.message = message();
        if (hint) e.error.hint = *hint;
        e.error.at_key = at_key || naming_;
        e.subject = subject();
        e.depth = path_.size();
        e.where = &n;
        e.value = value;
        out_->push_back(std::move(e));
    }

    // Runs a subschema only to decide valid/invalid, whatever the current mode.
    bool decide(int id, const json& v) {
        auto* saved = out_;
        out_ = nullptr;
        const bool ok = check(id, v, nullptr);
        out_ = saved;
        return ok;
    }

    bool descend(int id, const json& v, const std::string* key, std::size_t index) {
        if (path_.size() >= max_depth_) {
            emit(nodes_[static_cast<std::size_t>(id)], "maxDepth",
                 [&] { return subject() + " is nested more than " + std::to_string(max_depth_) + " levels deep; drp does not check deeper"; },
                 nullptr);
            return false;
        }
        path_.push_back({key, index});
        const bool ok = check(id, v, nullptr);
        path_.pop_back();
        return ok;
    }

    bool check_node(const node& n, const json& v, const std::string* inherited_hint) {
        const std::string* hint = n.hint.empty() ? inherited_hint : &n.hint;
        if (n.is_boolean) {
            if (n.boolean_value) return true;
            if (collecting()) {
                const bool member = !naming_ && !path_.empty() && path_.back().key;
                emit(n, "false", [&] { return member ? "property " + quote(*path_.back().key) + " is not allowed in " + subject_of(path_.size() - 1)
                            : subject() + " is not allowed here"; },
                     hint, member, &v);
            }
            return false;
        }

        if (n.types && !has_type(v, n.types)) {
            emit(n, "type", [&] { return subject() + " must be " + type_list(n.types) + "; got " + describe_with_kind(v); }, hint, false, &v);
            return false;  // the other keywords would only repeat the point
        }
        bool ok = true;
        // Returns true when checking should stop (deciding mode, or the error list is full).
        auto failed = [&]() {
            ok = false;
            return !collecting() || full();
        };

        if (n.const_value && !json_equal(v, *n.const_value)) {
            emit(n, "const", [&] { return subject() + " must be " + expected_value(*n.const_value) + "; got " + describe(v); }, hint, false, &v);
            if (failed()) return false;
        }
        if (n.enum_values) {
            const auto& values = *n.enum_values;
            const bool listed = v.is_string() ? std::binary_search(n.enum_strings.begin(), n.enum_strings.end(), v.get_ref<const std::string&>())
                                              : std::any_of(n.enum_others.begin(), n.enum_others.end(), [&](const json& e) { return json_equal(v, e); });
            if (!listed) {
                if (collecting()) {
                    std::vector<const json*> expected;
                    for (const auto& e : values) expected.push_back(&e);
                    emit(n, "enum", [&] { return subject() + " must be one of " + list_values(expected) + "; got " + describe(v) + did_you_mean(v, expected); },
                         hint, false, &v);
                }
                if (failed()) return false;
            }
        }

        if (v.is_object() && n.has_object_keywords && !check_object(n, v, hint, failed)) return false;
        if (v.is_array() && n.has_array_keywords && !check_array(n, v, hint, failed)) return false;
        if (v.is_number() && n.has_number_keywords && !check_number(n, v, hint, failed)) return false;
        if (v.is_string() && n.has_string_keywords && !check_string(n, v, hint, failed)) return false;

        if (n.ref >= 0 && !check(n.ref, v, hint) && failed()) return false;
        for (int sub : n.all_of)
            if (!check(sub, v, hint) && failed()) return false;
        if (!n.any_of.empty()) {
            const bool any = std::any_of(n.any_of.begin(), n.any_of.end(), [&](int sub) { return decide(sub, v); });
            if (!any) {
                if (collecting()) report_closest(n, "anyOf", n.any_of, v, hint);
                if (failed()) return false;
            }
        }
        if (!n.one_of.empty()) {
            std::vector<std::size_t> passing;
            for (std::size_t i = 0; i < n.one_of.size() && passing.size() < 2; ++i)
                if (decide(n.one_of[i], v)) passing.push_back(i);
            if (passing.empty()) {
                if (collecting()) report_closest(n, "oneOf", n.one_of, v, hint);
                if (failed()) return false;
            } else if (passing.size() > 1) {
                if (collecting()) {
                    auto name = [&](std::size_t i) {
                        const node& b = nodes_[static_cast<std::size_t>(n.one_of[i])];
                        const std::string& label = !b.title.empty() ? b.title : b.hint;
                        return "#" + b.pointer + (label.empty() ? "" : " (" + label + ")");
                    };
                    emit(n, "oneOf", [&] { return subject() + " matches more than one alternative, " + name(passing[0]) + " and " +
                                         name(passing[1]) + ", but must match exactly one"; },
                         hint, false, &v);
                }
                if (failed()) return false;
            }
        }
        if (n.not_ >= 0 && decide(n.not_, v)) {
            if (collecting()) {
                const node& b = nodes_[static_cast<std::size_t>(n.not_)];
                const std::string& label = !b.title.empty() ? b.title : b.hint;
                emit(n, "not", [&] { return subject() + (label.empty() ? " must not match the schema at #" + b.pointer : " must not be: " + label); },
                     hint, false, &v);
            }
            if (failed()) return false;
        }
        if (n.if_ >= 0 && (n.then_ >= 0 || n.else_ >= 0)) {
            const int branch = decide(n.if_, v) ? n.then_ : n.else_;
            if (branch >= 0 && !check(branch, v, hint) && failed()) return false;
        }
        return ok;
    }

    template <class Failed>
    bool check_object(const node& n, const json& v, const std::string* hint, Failed& failed) {
        for (const auto& name : n.required) {
            if (v.contains(name)) continue;
            if (collecting()) {
                const auto p = property(n, name);
                const std::string* h = hint;
                if (p >= 0 && !nodes_[static_cast<std::size_t>(p)].hint.empty()) h = &nodes_[static_cast<std::size_t>(p)].hint;
                emit(n, "required", [&] { return subject() + " is missing the required property " + quote(name); }, h, false, &v);
            }
            if (failed()) return false;
        }
        for (const auto& dependency : n.dependent_required) {
            const std::string& name = dependency.first;  // not a structured binding: lambdas capture it
            if (!v.contains(name)) continue;
            for (const auto& other : dependency.second) {
                if (v.contains(other)) continue;
                emit(n, "dependentRequired", [&] { return subject() + " has " + quote(name) + ", so it must also have " + quote(other); }, hint, false, &v);
                if (failed()) return false;
            }
        }
        if (n.min_properties && v.size() < *n.min_properties) {
            emit(n, "minProperties", [&] { return subject() + " must have at least " + plural(*n.min_properties, "property", "properties") +
                                         "; it has " + std::to_string(v.size()); }, hint, false, &v);
            if (failed()) return false;
        }
        if (n.max_properties && v.size() > *n.max_properties) {
            emit(n, "maxProperties", [&] { return subject() + " must have at most " + plural(*n.max_properties, "property", "properties") +
                                         "; it has " + std::to_string(v.size()); }, hint, false, &v);
            if (failed()) return false;
        }
        if (n.pattern_properties.empty() && n.additional_properties < 0 && n.property_names < 0) {
            // Only "properties": look each one up (the usual case for if-conditions and
            // small schemas), rather than walking every member of a large object.
            for (const auto& [name, sub] : n.properties) {
                const auto member = v.find(name);
                if (member != v.end() && !descend(sub, *member, &member.key(), 0) && failed()) return false;
            }
            return true;
        }
        for (auto it = v.begin(); it != v.end(); ++it) {
            const std::string& key = it.key();
            const json& member = it.value();
            bool matched = false;
            if (const int p = property(n, key); p >= 0) {
                matched = true;
                if (!descend(p, member, &key, 0) && failed()) return false;
            }
            if (!n.pattern_properties.empty()) {
                const std::wstring wide = detail::widen_utf8<wchar_t>(key);
                for (const auto& [pat, sub] : n.pattern_properties) {
                    if (!matches(pat, wide)) continue;
                    matched = true;
                    if (!descend(sub, member, &key, 0) && failed()) return false;
                }
            }
            if (!matched && n.additional_properties >= 0) {
                const node& extra = nodes_[static_cast<std::size_t>(n.additional_properties)];
                if (extra.is_boolean && !extra.boolean_value) {
                    if (collecting()) {
                        path_.push_back({&key, 0});
                        emit(n, "additionalProperties", [&] { return unknown_property_message(n, key); }, hint, true, &member);
                        path_.pop_back();
                    }
                    if (failed()) return false;
                } else if (!descend(n.additional_properties, member, &key, 0) && failed()) {
                    return false;
                }
            }
            if (n.property_names >= 0) {
                const json name(key);
                path_.push_back({&key, 0});
                naming_ = true;
                const bool name_ok = path_.size() <= max_depth_ ? check(n.property_names, name, nullptr) : true;
                naming_ = false;
                path_.pop_back();
                if (!name_ok && failed()) return false;
            }
        }
        return true;
    }

    std::string unknown_property_message(const node& n, const std::string& key) const {
        std::string message = "unknown property " + quote(key) + " in " + subject_of(path_.size() - 1);
        std::vector<std::string_view> allowed;
        for (const auto& p : n.properties) {
            const node& target = nodes_[static_cast<std::size_t>(p.second)];
            if (!(target.is_boolean && !target.boolean_value)) allowed.push_back(p.first);
        }
        if (const auto best = drp::detail::closest_match(key, allowed)) message += "; did you mean " + quote(*best) + "?";
        if (allowed.empty() && n.pattern_properties.empty()) return message + "; no properties are allowed here";
        message += " (allowed: ";
        constexpr std::size_t shown = 30;
        for (std::size_t i = 0; i < allowed.size() && i < shown; ++i) message += (i ? ", " : "") + std::string(allowed[i]);
        if (allowed.size() > shown) message += ", …";
        for (std::size_t i = 0; i < n.pattern_properties.size(); ++i)
            message += (allowed.empty() && i == 0 ? "names matching " : i == 0 ? ", or names matching " : " or ") +
                       n.pattern_properties[i].first.source;
        return message + ")";
    }

    int property(const node& n, const std::string& name) const {
        const auto it = std::lower_bound(n.properties.begin(), n.properties.end(), name,
                                         [](const auto& p, const std::string& k) { return p.first < k; });
        return it != n.properties.end() && it->first == name ? it->second : -1;
    }

    template <class Failed>
    bool check_array(const node& n, const json& v, const std::string* hint, Failed& failed) {
        if (n.min_items && v.size() < *n.min_items) {
            emit(n, "minItems", [&] { return subject() + " must have at least " + plural(*n.min_items, "item", "items") + "; it has " +
                                    std::to_string(v.size()); }, hint, false, &v);
            if (failed()) return false;
        }
        if (n.max_items && v.size() > *n.max_items) {
            emit(n, "maxItems", [&] { return subject() + " must have at most " + plural(*n.max_items, "item", "items") + "; it has " +
                                    std::to_string(v.size()); }, hint, false, &v);
            if (failed()) return false;
        }
        if (n.unique_items && v.size() > 1) {
            if (const auto dup = first_duplicate(v)) {
                emit(n, "uniqueItems", [&] { return subject() + " must not repeat an item, but items [" + std::to_string(dup->first) + "] and [" +
                                           std::to_string(dup->second) + "] are both " + describe(v[dup->second]); },
                     hint, false, &v);
                if (failed()) return false;
            }
        }
        const std::size_t prefix = std::min(n.prefix_items.size(), v.size());
        for (std::size_t i = 0; i < prefix; ++i)
            if (!descend(n.prefix_items[i], v[i], nullptr, i) && failed()) return false;
        if (n.items >= 0 && v.size() > n.prefix_items.size()) {
            const node& rest = nodes_[static_cast<std::size_t>(n.items)];
            if (rest.is_boolean && !rest.boolean_value) {
                emit(n, "items", [&] { return subject() + " must have at most " + plural(n.prefix_items.size(), "item", "items") +
                                     "; it has " + std::to_string(v.size()); }, hint, false, &v);
                if (failed()) return false;
            } else {
                for (std::size_t i = n.prefix_items.size(); i < v.size(); ++i)
                    if (!descend(n.items, v[i], nullptr, i) && failed()) return false;
            }
        }
        return true;
    }

    // The first pair (i, j), i < j, of equal items, by smallest j.
    [[gnu::noinline]] static std::optional<std::pair<std::size_t, std::size_t>> first_duplicate(const json& v) {
        const std::size_t size = v.size();
        if (size <= 16) {
            for (std::size_t j = 1; j < size; ++j)
                for (std::size_t i = 0; i < j; ++i)
                    if (json_equal(v[i], v[j])) return std::pair{i, j};
            return std::nullopt;
        }
        std::vector<std::pair<std::size_t, std::size_t>> by_hash;  // (hash, index)
        by_hash.reserve(size);
        for (std::size_t i = 0; i < size; ++i) by_hash.emplace_back(shallow_hash(v[i]), i);
        std::sort(by_hash.begin(), by_hash.end());
        std::optional<std::pair<std::size_t, std::size_t>> best;
        for (std::size_t a = 0; a < size;) {
            std::size_t b = a + 1;
            while (b < size && by_hash[b].first == by_hash[a].first) ++b;
            for (std::size_t x = a; x < b; ++x)
                for (std::size_t y = x + 1; y < b; ++y)
                    if (json_equal(v[by_hash[x].second], v[by_hash[y].second]) &&
                        (!best || by_hash[y].second < best->second))
                        best = std::pair{by_hash[x].second, by_hash[y].second};
            a = b;
        }
        return best;
    }

    template <class Failed>
    [[gnu::noinline]] bool check_number(const node& n, const json& v, const std::string* hint, Failed& failed) {
        struct bound {
            const std::optional<json>& limit;
            const char* keyword;
            const char* words;
            bool (*holds)(int);
        };
        const bound bounds[] = {
            {n.minimum, "minimum", " must be at least ", [](int c) { return c == 0 || c == 1; }},
            {n.maximum, "maximum", " must be at most ", [](int c) { return c == 0 || c == -1; }},
            {n.exclusive_minimum, "exclusiveMinimum", " must be greater than ", [](int c) { return c == 1; }},
            {n.exclusive_maximum, "exclusiveMaximum", " must be less than ", [](int c) { return c == -1; }},
        };
        for (const auto& b : bounds) {
            if (!b.limit || b.holds(compare_numbers(v, *b.limit))) continue;
            emit(n, b.keyword, [&] { return subject() + b.words + dump_scalar(*b.limit) + "; got " + dump_scalar(v); }, hint, false, &v);
            if (failed()) return false;
        }
        if (n.multiple_of && !is_multiple(v, *n.multiple_of)) {
            emit(n, "multipleOf", [&] { return subject() + " must be a multiple of " + dump_scalar(*n.multiple_of) + "; got " + dump_scalar(v); },
                 hint, false, &v);
            if (failed()) return false;
        }
        return true;
    }

    // As Python's jsonschema decides it (the reference the agreement tests use): a double
    // divisor divides in floating point (so 0.5 is a multiple of 0.1, as people expect),
    // exactly when the quotient overflows; an integer divisor takes the remainder.
    static bool is_multiple(const json& v, const json& divisor) {
        if (divisor.is_number_float()) {
            const double x = v.get<double>(), d = divisor.get<double>();
            const double q = x / d;
            if (std::isfinite(q)) return std::trunc(q) == q;
            // x / d exactly: x = mx * 2^ex and d = md * 2^ed with odd mantissas.
            auto odd = [](double a, int& exponent) {
                int e = 0;
                double m = std::frexp(std::fabs(a), &e);  // a = m * 2^e, m in [0.5, 1)
                auto mi = static_cast<std::uint64_t>(std::ldexp(m, 53));
                e -= 53;
                while (mi != 0 && (mi & 1u) == 0) {
                    mi >>= 1;
                    ++e;
                }
                exponent = e;
                return mi;
            };
            if (x == 0) return true;
            int ex = 0, ed = 0;
            const std::uint64_t mx = odd(x, ex), md = odd(d, ed);
            return md != 0 && mx % md == 0 && ex >= ed;
        }
        const auto d = divisor.is_number_unsigned() ? divisor.get<std::uint64_t>()
                                                    : static_cast<std::uint64_t>(divisor.get<std::int64_t>());
        if (v.is_number_float()) return std::fmod(v.get<double>(), static_cast<double>(d)) == 0;
        const std::uint64_t magnitude = v.is_number_unsigned() ? v.get<std::uint64_t>()
                                        : v.get<std::int64_t>() < 0 ? 0 - static_cast<std::uint64_t>(v.get<std::int64_t>())
                                                                    : static_cast<std::uint64_t>(v.get<std::int64_t>());
        return magnitude % d == 0;
    }

    template <class Failed>
    [[gnu::noinline]] bool check_string(const node& n, const json& v, const std::string* hint, Failed& failed) {
        const auto& s = v.get_ref<const std::string&>();
        if (n.min_length || n.max_length) {
            const std::size_t length = detail::count_code_points(s);
            if (n.min_length && length < *n.min_length) {
                emit(n, "minLength", [&] { return subject() + " must be at least " + plural(*n.min_length, "character", "characters") +
                                         " long; got " + describe(v) + (length ? " (" + plural(length, "character", "characters") + ")" : ""); },
                     hint, false, &v);
                if (failed()) return false;
            }
            if (n.max_length && length > *n.max_length) {
                emit(n, "maxLength", [&] { return subject() + " must be at most " + plural(*n.max_length, "character", "characters") +
                                         " long; it has " + std::to_string(length); },
                     hint, false, &v);
                if (failed()) return false;
            }
        }
        if (n.pattern_ && !matches(*n.pattern_, detail::widen_utf8<wchar_t>(s))) {
            emit(n, "pattern", [&] { return subject() + " must match the pattern " + n.pattern_->source + "; got " + describe(v); }, hint, false, &v);
            if (failed()) return false;
        }
        if (n.format == detail::format_kind::date) {
            const auto r = check_full_date(s);
            if (r != date_check::ok) {
                emit(n, "format", [&] { return subject() + (r == date_check::malformed ? " must be a date written YYYY-MM-DD; got " + describe(v)
                                                                          : " must be a real calendar date; " + describe(v) + " does not exist"); },
                     hint, false, &v);
                if (failed()) return false;
            }
        } else if (n.format == detail::format_kind::date_time) {
            const auto r = check_date_time(s);
            if (r != date_check::ok) {
                emit(n, "format", [&] { return subject() + (r == date_check::malformed
                                                   ? " must be a date and time with a UTC offset, like 2026-12-21T09:00:00Z or "
                                                     "2026-12-21T09:00:00+01:00; got " + describe(v)
                                                   : " must be a real date and time; " + describe(v) + " does not exist"); },
                     hint, false, &v);
                if (failed()) return false;
            }
        }
        return true;
    }

    static bool matches(const detail::pattern& p, const std::wstring& subject) {
        try {
            return std::regex_match(subject, p.search);
        } catch (const std::regex_error&) {
            return false;  // too complex to decide: treat as not matching
        }
    }

    // ---- anyOf / oneOf with no passing alternative ----

    struct branch_result {
        std::vector<raw_error> errors;
        std::size_t weight = 0;
        std::size_t deepest = 0;
    };

    // How strongly an error says "this alternative was not meant for this value": a type
    // mismatch of the value itself, or a wrong const/enum on the value or one of its
    // members (a discriminator such as "type": "raise"), outweighs any number of ordinary
    // failures deeper in.
    static std::size_t weight(const raw_error& e, std::size_t depth) {
        if ((e.error.keyword == "type" || e.error.keyword == "false") && e.depth == depth) return 1000;
        if (e.error.keyword == "const" && e.depth <= depth + 1) return 100;
        if (e.error.keyword == "enum" && e.depth <= depth + 1) return 50;
        return 1;
    }

    [[gnu::noinline]] void report_closest(const node& n, const char* keyword, const std::vector<int>& branches, const json& v, const std::string* hint) {
        const std::size_t depth = path_.size();
        std::vector<branch_result> results(branches.size());
        auto* saved = out_;
        for (std::size_t i = 0; i < branches.size(); ++i) {
            out_ = &results[i].errors;
            check(branches[i], v, nullptr);
            for (const auto& e : results[i].errors) {
                results[i].weight += weight(e, depth);
                results[i].deepest = std::max(results[i].deepest, e.depth);
            }
        }
        out_ = saved;

        if (report_common_discriminator(n, keyword, results, depth, hint)) return;

        std::size_t best = 0;
        for (std::size_t i = 1; i < results.size(); ++i) {
            const auto& a = results[i];
            const auto& b = results[best];
            if (a.weight < b.weight || (a.weight == b.weight && a.deepest > b.deepest)) best = i;
        }
        if (results[best].errors.empty()) {  // failed only through the frame limit
            emit(n, keyword, [&] { return subject() + " matches none of the alternatives"; }, hint, false, &v);
            return;
        }
        for (auto& e : results[best].errors) {
            if (full()) break;
            if (e.error.hint.empty() && hint) e.error.hint = *hint;
            out_->push_back(std::move(e));
        }
    }

    // When every alternative rejects the same value for being the wrong constant or the
    // wrong type, one error listing everything that would do says it best:
    //   "type" must be one of raise, escalate, respond; got "rasie"; did you mean "raise"?
    bool report_common_discriminator(const node& n, const char* keyword, const std::vector<branch_result>& results,
                                     std::size_t depth, const std::string* hint) {
        auto discriminating = [&](const raw_error& e) {
            return ((e.error.keyword == "const" || e.error.keyword == "enum") && e.depth <= depth + 1 && !e.error.at_key) ||
                   (e.error.keyword == "type" && e.depth == depth);
        };
        for (const auto& candidate : results.front().errors) {
            if (!discriminating(candidate)) continue;
            const std::string& where = candidate.error.instance_pointer;
            std::vector<const raw_error*> hits;
            for (const auto& r : results) {
                const auto it = std::find_if(r.errors.begin(), r.errors.end(),
                                             [&](const raw_error& e) { return discriminating(e) && e.error.instance_pointer == where; });
                if (it == r.errors.end()) break;
                hits.push_back(&*it);
            }
            if (hits.size() != results.size()) continue;

            std::uint8_t types = 0;
            std::vector<const json*> values;
            for (const raw_error* e : hits) {
                if (e->error.keyword == "type") {
                    types = static_cast<std::uint8_t>(types | e->where->types);
                } else if (e->error.keyword == "const") {
                    values.push_back(&*e->where->const_value);
                } else {
                    for (const auto& x : *e->where->enum_values) values.push_back(&x);
                }
            }
            std::vector<const json*> distinct;
            for (const json* x : values)
                if (std::none_of(distinct.begin(), distinct.end(), [&](const json* y) { return json_equal(*x, *y); })) distinct.push_back(x);

            const json& got = *candidate.value;
            std::string expected;
            if (types) expected = type_list(types);
            if (!distinct.empty()) {
                if (!expected.empty()) expected += ", or ";
                expected += distinct.size() == 1 ? expected_value(*distinct.front()) : "one of " + list_values(distinct);
            }
            const std::size_t at_depth = candidate.depth;
            std::string message = candidate.subject + " must be " + expected +
                                  "; got " + (types && distinct.empty() ? describe_with_kind(got) : describe(got)) +
                                  did_you_mean(got, distinct);
            raw_error e;
            e.error.instance_pointer = where;
            e.error.schema_pointer = n.pointer + "/" + keyword;
            e.error.keyword = keyword;
            e.error.message = std::move(message);
            e.error.hint = hint ? *hint : candidate.error.hint;
            e.depth = at_depth;
            e.where = &n;
            e.value = candidate.value;
            if (!full()) out_->push_back(std::move(e));
            return true;
        }
        return false;
    }

    const std::vector<node>& nodes_;
    std::vector<raw_error>* out_;
    std::size_t max_errors_;
    std::size_t max_depth_;
    // Nested check() calls, counting those that stay at one place in the instance
    // ($ref, allOf, ...): bounds the stack (about 0.4 KB a call in a release build).
    std::size_t max_frames_;
    std::size_t max_checks_;
    std::size_t checks_ = 0;
    std::vector<segment> path_;
    std::size_t frames_ = 0;
    bool naming_ = false;
};

}  // namespace

std::string to_string(const schema_error& e) {
    return (e.instance_pointer.empty() ? std::string("/") : e.instance_pointer) + ": " + e.message;
}

schema schema::compile(const nlohmann::json& schema_document) {
    auto c = std::make_shared<compiled>();
    c->nodes = compiler(schema_document).run();
    return schema(std::move(c));
}

std::vector<schema_error> schema::validate(const nlohmann::json& instance, std::size_t max_errors) const {
    validate_options options;
    options.max_errors = max_errors;
    return validate(instance, options);
}

std::vector<schema_error> schema::validate(const nlohmann::json& instance, const validate_options& options) const {
    std::vector<raw_error> raw;
    std::vector<schema_error> out;
    try {
        validator v(*compiled_, options, &raw);
        const bool ok = v.check(0, instance, nullptr);
        out.reserve(raw.size() + 1);
        for (auto& e : raw) out.push_back(std::move(e.error));
        if (v.out_of_budget()) {
            out.push_back({"", "", "maxChecks",
                           "validation stopped after " + std::to_string(options.max_checks) +
                               " schema checks; the document is too complex to check (errors before this one may be incomplete)",
                           "", false});
        } else if (!ok && out.empty()) {
            out.push_back({"", "", "internal", "the document is invalid but no error was recorded (please report this)", "", false});
        }
    } catch (const std::bad_alloc&) {
        throw;  // memory ran out: not a finding about the document
    } catch (const std::exception& e) {
        out.push_back({"", "", "internal", std::string("the validator failed: ") + e.what() + " (please report this)", "", false});
    }
    return out;
}

bool schema::is_valid(const nlohmann::json& instance) const noexcept {
    try {
        return validator(*compiled_, validate_options{}, nullptr).check(0, instance, nullptr);
    } catch (...) {
        return false;
    }
}

}  // namespace drp::json
