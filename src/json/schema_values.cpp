// JSON values as JSON Schema compares them: numbers exactly across integers and doubles,
// equality by value, a hash consistent with it, and the types of "type".
#include "json/schema_internal.hpp"

#include <cmath>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

namespace drp::json::detail {

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

// Looks only a few levels deep: enough to spread real data; equality settles the rest.
std::size_t shallow_hash(const json& v, int depth) {
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

bool has_type(const json& v, std::uint8_t types) noexcept {
    switch (v.type()) {
        case json::value_t::null: return types & t_null;
        case json::value_t::boolean: return types & t_boolean;
        case json::value_t::object: return types & t_object;
        case json::value_t::array: return types & t_array;
        case json::value_t::string: return types & t_string;
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: return types & (t_number | t_integer);
        case json::value_t::number_float: {
            if (types & t_number) return true;
            const double d = v.get<double>();
            return (types & t_integer) && std::isfinite(d) && std::trunc(d) == d;
        }
        default: return false;
    }
}

}  // namespace drp::json::detail
