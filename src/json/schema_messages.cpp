// How the validator's messages name values, expected values, types and lists: written
// for the person who wrote the instance (docs/json-schema.md, "Errors").
#include "json/schema_internal.hpp"

#include "common/spelling.hpp"
#include "json/utf8.hpp"

#include <algorithm>

namespace drp::json {

namespace detail {

std::string dump_scalar(const json& v) {
    return v.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string quote(std::string_view s) {
    return dump_scalar(json(std::string(utf8_prefix(s, 80)))) + (utf8_prefix(s, 80).size() < s.size() ? "…" : "");
}

std::string describe(const json& v) {
    switch (v.type()) {
        case json::value_t::string: return quote(v.get_ref<const std::string&>());
        case json::value_t::object: return v.empty() ? "an empty object {}" : "an object";
        case json::value_t::array: return v.empty() ? "an empty array []" : "an array";
        default: return dump_scalar(v);
    }
}

std::string describe_with_kind(const json& v) {
    switch (v.type()) {
        case json::value_t::string: return "a string (" + describe(v) + ")";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float: return "a number (" + dump_scalar(v) + ")";
        default: return describe(v);
    }
}

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
        return text.size() <= 60 ? text : std::string(utf8_prefix(text, 57)) + "…";
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

namespace {

const char* type_name(std::uint8_t bit) {
    switch (bit) {
        case t_null: return "null";
        case t_boolean: return "a boolean (true or false)";
        case t_object: return "an object";
        case t_array: return "an array";
        case t_number: return "a number";
        case t_string: return "a string";
        case t_integer: return "an integer";
    }
    return "?";
}

}  // namespace

std::string type_list(std::uint8_t types) {
    static constexpr std::uint8_t reading_order[] = {t_string, t_integer, t_number, t_boolean,
                                                     t_object, t_array,   t_null};
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

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace detail

std::string to_string(const schema_error& e) {
    return (e.instance_pointer.empty() ? std::string("/") : e.instance_pointer) + ": " + e.message;
}

}  // namespace drp::json
