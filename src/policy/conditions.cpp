// Policy conditions: JSON Logic compiled to a tree of resolved operations.
//
// compile() turns each operation object into a node holding an opcode and its compiled
// arguments, checks argument counts, folds constant arrays and pre-splits literal `var`
// paths; evaluate() is then a switch over opcodes, instantiated for the two places facts
// come from (a JSON document, or a facts_view that lends them). The meaning of every
// operator is that of json-logic-js 2.x (logic.js), with JavaScript's coercions from
// js_semantics.hpp.
#include "drp/conditions.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <utility>

#include <nlohmann/json.hpp>

#include "drp/error.hpp"
#include "policy/js_semantics.hpp"

namespace drp {
namespace detail {

using json = nlohmann::json;

// Everything but the program is private to this file.
namespace {

// clang-format off
enum class opcode : std::uint8_t {
    literal,   // a constant value (scalars and arrays without operations)
    array,     // an array with operations inside: evaluated element by element
    var_path,  // var with a literal path, split into steps
    var,       // var with a computed path: args = [path, default?]
    missing, missing_some,
    if_, and_, or_, not_, truthy,
    loose_equal, strict_equal, loose_unequal, strict_unequal,
    less, less_equal, greater, greater_equal,
    max, min, add, subtract, multiply, divide, modulo,
    in, cat, substr, merge,
    all, none, some, map, filter, reduce,
};
// clang-format on

// all/none/some/map/filter/reduce evaluate their second argument once per element, with
// the element (for reduce: {current, accumulator}) as the data.
bool iterates(opcode code) noexcept {
    switch (code) {
        case opcode::all:
        case opcode::none:
        case opcode::some:
        case opcode::map:
        case opcode::filter:
        case opcode::reduce: return true;
        default: return false;
    }
}

struct node {
    opcode code = opcode::literal;
    json value;                     // literal: the value
    std::vector<std::string> path;  // var_path: the steps of the path; none for the whole data
    std::vector<node> args;
};

node literal(const json& value) {
    node result;
    result.value = value;
    return result;
}

node operation(opcode code) {
    node result;
    result.code = code;
    return result;
}

// var's path "a.b.0" is the steps "a", "b", "0" (String(path).split(".") in json-logic-js).
std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> steps;
    for (std::size_t start = 0;;) {
        const std::size_t dot = path.find('.', start);
        steps.push_back(path.substr(start, dot == std::string_view::npos ? dot : dot - start));
        if (dot == std::string_view::npos) return steps;
        start = dot + 1;
    }
}

}  // namespace

struct condition_program {
    json source;
    node root;
    std::vector<std::string> variables;
};

namespace {

// ---- the operator table: one row per supported operator ------------------------------

constexpr std::uint8_t unbounded = std::numeric_limits<std::uint8_t>::max();

struct operator_spec {
    std::string_view name;
    opcode code;
    std::uint8_t min_args;
    std::uint8_t max_args;
    std::string_view usage;  // shown when the arguments are wrong
};

// Argument counts are those where json-logic-js gives the arguments a meaning; outside
// them it ignores arguments, compares with undefined or throws, which in a policy is
// always a mistake, so compile() rejects them.
constexpr std::array operators{
    operator_spec{"var", opcode::var, 0, 2, R"({"var": [path, default]})"},
    operator_spec{"missing", opcode::missing, 0, unbounded, R"({"missing": [key, ...]})"},
    operator_spec{"missing_some", opcode::missing_some, 2, 2,
                  R"({"missing_some": [count, [key, ...]]})"},
    operator_spec{"if", opcode::if_, 0, unbounded,
                  R"({"if": [test, then, test, then, ..., else]})"},
    operator_spec{"?:", opcode::if_, 0, unbounded, R"({"?:": [test, then, else]})"},
    operator_spec{"==", opcode::loose_equal, 2, 2, R"({"==": [a, b]})"},
    operator_spec{"===", opcode::strict_equal, 2, 2, R"({"===": [a, b]})"},
    operator_spec{"!=", opcode::loose_unequal, 2, 2, R"({"!=": [a, b]})"},
    operator_spec{"!==", opcode::strict_unequal, 2, 2, R"({"!==": [a, b]})"},
    operator_spec{"!", opcode::not_, 1, 1, R"({"!": [a]})"},
    operator_spec{"!!", opcode::truthy, 1, 1, R"({"!!": [a]})"},
    operator_spec{"or", opcode::or_, 1, unbounded, R"({"or": [a, b, ...]})"},
    operator_spec{"and", opcode::and_, 1, unbounded, R"({"and": [a, b, ...]})"},
    operator_spec{"<", opcode::less, 2, 3, R"({"<": [a, b]} or {"<": [low, x, high]})"},
    operator_spec{"<=", opcode::less_equal, 2, 3, R"({"<=": [a, b]} or {"<=": [low, x, high]})"},
    operator_spec{">", opcode::greater, 2, 2, R"({">": [a, b]})"},
    operator_spec{">=", opcode::greater_equal, 2, 2, R"({">=": [a, b]})"},
    operator_spec{"max", opcode::max, 1, unbounded, R"({"max": [a, b, ...]})"},
    operator_spec{"min", opcode::min, 1, unbounded, R"({"min": [a, b, ...]})"},
    operator_spec{"+", opcode::add, 0, unbounded, R"({"+": [a, b, ...]})"},
    operator_spec{"-", opcode::subtract, 1, 2, R"({"-": [a, b]} or {"-": [a]})"},
    operator_spec{"*", opcode::multiply, 1, unbounded, R"({"*": [a, b, ...]})"},
    operator_spec{"/", opcode::divide, 2, 2, R"({"/": [a, b]})"},
    operator_spec{"%", opcode::modulo, 2, 2, R"({"%": [a, b]})"},
    operator_spec{"in", opcode::in, 2, 2, R"({"in": [needle, array_or_string]})"},
    operator_spec{"cat", opcode::cat, 0, unbounded, R"({"cat": [a, b, ...]})"},
    operator_spec{"substr", opcode::substr, 2, 3, R"({"substr": [string, start, length]})"},
    operator_spec{"merge", opcode::merge, 0, unbounded, R"({"merge": [a, b, ...]})"},
    operator_spec{"all", opcode::all, 2, 2, R"({"all": [array, test]})"},
    operator_spec{"none", opcode::none, 2, 2, R"({"none": [array, test]})"},
    operator_spec{"some", opcode::some, 2, 2, R"({"some": [array, test]})"},
    operator_spec{"map", opcode::map, 2, 2, R"({"map": [array, logic]})"},
    operator_spec{"filter", opcode::filter, 2, 2, R"({"filter": [array, test]})"},
    operator_spec{"reduce", opcode::reduce, 2, 3, R"({"reduce": [array, logic, initial]})"},
};

constexpr auto operator_names = [] {
    std::array<std::string_view, operators.size()> names{};
    for (std::size_t i = 0; i < operators.size(); ++i) names[i] = operators[i].name;
    return names;
}();

// Operators of json-logic-js that drp refuses, and why.
constexpr std::array<std::pair<std::string_view, std::string_view>, 2> refused_operators{{
    {"log",
     "it prints to the JavaScript console; a condition must be a pure function of the facts"},
    {"method", "it calls methods of host objects; json-logic-js 2.0 removed it as unsafe"},
}};

const operator_spec* find_operator(std::string_view name) noexcept {
    const auto* found =
        std::find_if(operators.begin(), operators.end(),
                     [name](const operator_spec& spec) { return spec.name == name; });
    return found == operators.end() ? nullptr : found;
}

const std::string& supported_list() {
    static const std::string list = [] {
        std::string text;
        for (const std::string_view name : operator_names) {
            if (!text.empty()) text += ", ";
            text += name;
        }
        return text;
    }();
    return list;
}

// ---- compiling ---------------------------------------------------------------------------

// Appends "/" + token (RFC 6901 escaped) to a JSON pointer for as long as it lives.
class pointer_step {
public:
    pointer_step(std::string& pointer, std::string_view token)
        : pointer_(pointer), size_(pointer.size()) {
        pointer_ += '/';
        for (const char c : token) {
            if (c == '~') {
                pointer_ += "~0";
            } else if (c == '/') {
                pointer_ += "~1";
            } else {
                pointer_ += c;
            }
        }
    }
    pointer_step(std::string& pointer, std::size_t index)
        : pointer_step(pointer, std::to_string(index)) {}
    ~pointer_step() { pointer_.resize(size_); }
    pointer_step(const pointer_step&) = delete;
    pointer_step& operator=(const pointer_step&) = delete;

private:
    std::string& pointer_;
    std::size_t size_;
};

class compiler {
public:
    explicit compiler(std::string_view base_pointer) : pointer_(base_pointer) {}

    node compile(const json& rule, int depth) {
        if (rule.is_object()) return compile_operation(rule, depth);
        if (rule.is_array()) return compile_array(rule, depth);
        return literal(rule);
    }

private:
    node compile_array(const json& rule, int depth) {
        check_depth(depth);
        node result = operation(opcode::array);
        result.args.reserve(rule.size());
        for (std::size_t i = 0; i < rule.size(); ++i) {
            const pointer_step step(pointer_, i);
            result.args.push_back(compile(rule[i], depth + 1));
        }
        const bool constant =
            std::all_of(result.args.begin(), result.args.end(),
                        [](const node& arg) { return arg.code == opcode::literal; });
        if (constant) return literal(rule);
        return result;
    }

    node compile_operation(const json& rule, int depth) {
        check_depth(depth);
        if (rule.size() != 1) {
            std::string keys;
            for (const auto& item : rule.items()) {
                keys += keys.empty() ? "" : ", ";
                keys += '"' + item.key() + '"';
            }
            fail(
                errc::schema,
                "expected an operation, an object with exactly one key (the operator), but found " +
                    (rule.empty() ? std::string("an empty object")
                                  : std::to_string(rule.size()) + " keys (" + keys + ")") +
                    " at " + location() +
                    "; write each operation as its own object, e.g. {\"and\": [{...}, {...}]}");
        }
        const std::string& name = rule.begin().key();
        const json& arguments = rule.begin().value();
        const operator_spec* spec = find_operator(name);
        if (spec == nullptr) fail_unsupported(name);

        const pointer_step step(pointer_, name);
        const std::size_t count = arguments.is_array() ? arguments.size() : 1;
        if (count < spec->min_args || count > spec->max_args)
            fail_arity(*spec, count, arguments.is_array());

        node result = operation(spec->code);
        result.args.reserve(count);
        if (arguments.is_array()) {
            for (std::size_t i = 0; i < count; ++i) {
                const pointer_step argument(pointer_, i);
                result.args.push_back(compile(arguments[i], depth + 1));
            }
        } else {
            result.args.push_back(compile(arguments, depth + 1));
        }
        if (result.code == opcode::var) resolve_literal_path(result);
        return result;
    }

    // {"var": "a.b"} is by far the most common operation: split nothing and convert
    // nothing at evaluation time when the path is known now. An absent, null or "" path
    // is the whole data: no steps.
    static void resolve_literal_path(node& var) {
        if (!var.args.empty() && var.args[0].code != opcode::literal) return;
        if (!var.args.empty()) {
            const json& given = var.args[0].value;
            if (!given.is_null() &&
                !(given.is_string() && given.get_ref<const std::string&>().empty())) {
                const std::string text =
                    given.is_string() ? given.get<std::string>() : js::to_string(given);
                for (const std::string_view step : split_path(text)) var.path.emplace_back(step);
            }
            var.args.erase(var.args.begin());
        }
        var.code = opcode::var_path;
    }

    void check_depth(int depth) const {
        if (depth > condition::max_depth) {
            fail(errc::schema, "condition nested deeper than " +
                                   std::to_string(condition::max_depth) + " levels at " +
                                   location() + "; split it or simplify it");
        }
    }

    [[noreturn]] void fail_unsupported(const std::string& name) const {
        std::string why;
        for (const auto& [refused, reason] : refused_operators) {
            if (refused == name) why = std::string(": ") + std::string(reason);
        }
        if (why.empty()) why = ": JSON Logic has no such operator, or drp does not support it";
        fail(errc::semantic, "unsupported operator \"" + name + "\" at " + location() + why +
                                 "; supported operators: " + supported_list());
    }

    [[noreturn]] void fail_arity(const operator_spec& spec, std::size_t count,
                                 bool in_array) const {
        std::string expected;
        if (spec.min_args == spec.max_args) {
            expected = std::to_string(spec.min_args);
        } else if (spec.max_args == unbounded) {
            expected = "at least " + std::to_string(spec.min_args);
        } else {
            expected = std::to_string(spec.min_args) + " to " + std::to_string(spec.max_args);
        }
        fail(errc::schema, "operator \"" + std::string(spec.name) + "\" takes " + expected +
                               " argument" +
                               (expected.ends_with(" 1") || expected == "1" ? "" : "s") +
                               " but has " + std::to_string(count) +
                               (in_array ? "" : " (a value not in an array is one argument)") +
                               " at " + location() + "; write it as " + std::string(spec.usage));
    }

    std::string location() const {
        return pointer_.empty() ? std::string("the top of the rule") : pointer_;
    }

    [[noreturn]] static void fail(errc code, const std::string& message) {
        throw error(code, "condition: " + message);
    }

    std::string pointer_;
};

// ---- the facts a rule reads --------------------------------------------------------------

void add_key(const json& key, std::vector<std::string>& out) {
    if (key.is_null() || (key.is_string() && key.get_ref<const std::string&>().empty())) return;
    out.push_back(key.is_string() ? key.get<std::string>() : js::to_string(key));
}

// The keys of missing(...args) where they are literal: args[0] if it is an array, else all.
void add_missing_keys(const std::vector<node>& args, std::vector<std::string>& out) {
    if (!args.empty() && args[0].code == opcode::literal && args[0].value.is_array()) {
        for (const json& key : args[0].value) add_key(key, out);
        return;
    }
    for (const node& arg : args) {
        if (arg.code == opcode::literal && !arg.value.is_array()) add_key(arg.value, out);
    }
}

void collect_variables(const node& n, bool reads_facts, std::vector<std::string>& out) {
    if (reads_facts) {
        if (n.code == opcode::var_path && !n.path.empty()) {
            std::string dotted = n.path[0];
            for (std::size_t i = 1; i < n.path.size(); ++i) dotted += '.' + n.path[i];
            out.push_back(std::move(dotted));
        }
        if (n.code == opcode::missing) add_missing_keys(n.args, out);
        if (n.code == opcode::missing_some && n.args[1].code == opcode::literal) {
            const json& options = n.args[1].value;
            if (!options.is_array()) {
                add_key(options, out);
            } else if (!options.empty() && options[0].is_array()) {
                for (const json& key : options[0]) add_key(key, out);
            } else {
                for (const json& key : options) add_key(key, out);
            }
        }
    }
    for (std::size_t i = 0; i < n.args.size(); ++i) {
        const bool per_element = iterates(n.code) && i == 1;
        collect_variables(n.args[i], reads_facts && !per_element, out);
    }
}

// ---- evaluating --------------------------------------------------------------------------

// A value met during evaluation: borrowed where it already exists (in the data, the
// compiled rule or the constants below), owned where it was computed. Borrowing keeps
// `var` free of copies and gives arrays and objects the identity JavaScript compares them
// by; the optional spares a json destructor call per borrowed value on the hot path.
class operand {
public:
    operand() noexcept : borrowed_(&constant(nullptr)) {}
    static operand borrow(const json& value) noexcept {
        operand result;
        result.borrowed_ = &value;
        return result;
    }
    static operand own(json value) noexcept {
        operand result;
        result.borrowed_ = nullptr;
        result.owned_.emplace(std::move(value));
        return result;
    }

    const json& get() const noexcept { return borrowed_ != nullptr ? *borrowed_ : *owned_; }
    bool is_borrowed() const noexcept { return borrowed_ != nullptr; }
    json release() && { return borrowed_ != nullptr ? *borrowed_ : std::move(*owned_); }

    // The shared null, false and true that results borrow instead of allocating.
    static const json& constant(std::nullptr_t) noexcept {
        static const json null;
        return null;
    }
    static const json& constant(bool value) noexcept {
        static const json false_value(false);
        static const json true_value(true);
        return value ? true_value : false_value;
    }

private:
    const json* borrowed_;
    std::optional<json> owned_;
};

operand boolean(bool value) noexcept { return operand::borrow(operand::constant(value)); }
operand null() noexcept { return operand(); }
operand number(double value) { return operand::own(js::number(value)); }

// ---- var and missing

// A canonical array index as JavaScript reads property names: "0", "17", not "01" or "+1".
std::optional<std::size_t> array_index(std::string_view key) noexcept {
    if (key.empty() || key.size() > 10 || (key.size() > 1 && key[0] == '0')) return std::nullopt;
    std::uint64_t index = 0;
    const auto result = std::from_chars(key.data(), key.data() + key.size(), index);
    if (result.ec != std::errc() || result.ptr != key.data() + key.size() || index >= 0xFFFFFFFFu) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(index);
}

// JavaScript's container[key]; nothing where that is undefined.
std::optional<operand> property(const operand& container, std::string_view key) {
    const json& value = container.get();
    const auto element = [&container](const json& found) {
        return container.is_borrowed() ? operand::borrow(found) : operand::own(found);
    };
    if (value.is_object()) {
        const auto found = value.find(key);
        if (found == value.end()) return std::nullopt;
        return element(*found);
    }
    if (value.is_array()) {
        if (key == "length") return number(static_cast<double>(value.size()));
        const auto index = array_index(key);
        if (!index || *index >= value.size()) return std::nullopt;
        return element(value[*index]);
    }
    if (value.is_string()) {
        const js::utf16_text text(value.get_ref<const std::string&>());
        if (key == "length") return number(static_cast<double>(text.length()));
        const auto index = array_index(key);
        if (!index || *index >= text.length()) return std::nullopt;
        return operand::own(json(text.slice(*index, *index + 1)));
    }
    return std::nullopt;
}

// The walk of json-logic-js's var down the steps of a path from `current`; nothing where
// it meets undefined, or null before the last step (the caller then uses the default).
template <class Steps>
std::optional<operand> walk(operand current, const Steps& steps) {
    for (const auto& step : steps) {
        if (current.get().is_null() || current.get().is_discarded()) return std::nullopt;
        auto next = property(current, step);
        if (!next) return std::nullopt;
        current = std::move(*next);
    }
    return current;
}

// Where var, missing and missing_some read the facts: a JSON document...
struct document_source {
    const json& data;

    operand whole() const noexcept { return operand::borrow(data); }
    template <class Steps>
    std::optional<operand> find(const Steps& steps) const {
        return walk(operand::borrow(data), steps);
    }
};

// ... or a facts_view, which answers for a prefix of the path; the rest is walked here.
struct view_source {
    const facts_view& view;

    operand whole() const { return operand::borrow(view.whole()); }
    std::optional<operand> find(std::span<const std::string> steps) const {
        if (steps.empty()) return whole();
        json scratch;
        const facts_view::found found = view.find(steps, scratch);
        if (found.value == nullptr) return std::nullopt;
        operand start = found.value == &scratch ? operand::own(std::move(scratch))
                                                : operand::borrow(*found.value);
        return walk(std::move(start), steps.subspan(std::min(found.steps, steps.size())));
    }
    std::optional<operand> find(const std::vector<std::string_view>& steps) const {
        const std::vector<std::string> owned(steps.begin(), steps.end());
        return find(std::span<const std::string>(owned));
    }
};

// Elements of all/some/none/map/filter/reduce are the data of the rule applied to them.
template <class Source>
operand evaluate(const node& n, const Source& data);
operand evaluate_over(const node& n, const json& element) {
    return evaluate(n, document_source{element});
}

// var's lookup of a computed key: null and "" mean the whole data, other values their text.
template <class Source>
std::optional<operand> find_key(const Source& data, const json& key) {
    if (key.is_null() || (key.is_string() && key.get_ref<const std::string&>().empty())) {
        return data.whole();
    }
    const std::string text = key.is_string() ? key.get<std::string>() : js::to_string(key);
    return data.find(split_path(text));
}

template <class Source>
operand default_or_null(const node& n, std::size_t index, const Source& data) {
    return index < n.args.size() ? evaluate(n.args[index], data) : null();
}

template <class Source>
operand evaluate_var_path(const node& n, const Source& data) {
    if (auto found = data.find(n.path)) return std::move(*found);
    return default_or_null(n, 0, data);
}

template <class Source>
operand evaluate_var(const node& n, const Source& data) {
    const operand path = evaluate(n.args[0], data);
    if (auto found = find_key(data, path.get())) return std::move(*found);
    return default_or_null(n, 1, data);
}

// missing(...keys): the keys whose value is null, "" or absent. As in json-logic-js, a
// first argument that is an array is the list of keys and the other arguments are ignored;
// each key is looked up as {"var": key}, so a key that is an array is [path, default].
template <class Source>
json missing_keys(const Source& data, const std::vector<const json*>& arguments) {
    json result = json::array();
    const auto check = [&](const json& key) {
        const json& path = !key.is_array() ? key
                           : key.empty()   ? operand::constant(nullptr)
                                           : key[0];
        const auto found = find_key(data, path);
        const json* value = found                              ? &found->get()
                            : key.is_array() && key.size() > 1 ? &key[1]
                                                               : nullptr;
        if (value == nullptr || value->is_null() ||
            (value->is_string() && value->get_ref<const std::string&>().empty())) {
            result.push_back(key);
        }
    };
    if (!arguments.empty() && arguments[0]->is_array()) {
        for (const json& key : *arguments[0]) check(key);
    } else {
        for (const json* key : arguments) check(*key);
    }
    return result;
}

template <class Source>
operand evaluate_missing(const node& n, const Source& data) {
    std::vector<operand> values;
    values.reserve(n.args.size());
    for (const node& arg : n.args) values.push_back(evaluate(arg, data));
    std::vector<const json*> arguments;
    arguments.reserve(values.size());
    for (const operand& value : values) arguments.push_back(&value.get());
    return operand::own(missing_keys(data, arguments));
}

// missing_some(need, options): [] when at least `need` of the options are present,
// else the missing ones. `options.length` is that of JavaScript (NaN for non-arrays
// other than strings, which makes the comparison false).
template <class Source>
operand evaluate_missing_some(const node& n, const Source& data) {
    const operand need = evaluate(n.args[0], data);
    const operand options = evaluate(n.args[1], data);
    const json& keys = options.get();
    std::vector<const json*> arguments;
    double length = std::numeric_limits<double>::quiet_NaN();
    if (keys.is_array()) {
        for (const json& key : keys) arguments.push_back(&key);
        length = static_cast<double>(keys.size());
    } else {
        arguments.push_back(&keys);
        if (keys.is_string()) {
            const js::utf16_text text(keys.get_ref<const std::string&>());
            length = static_cast<double>(text.length());
        }
    }
    json absent = missing_keys(data, arguments);
    const double present = length - static_cast<double>(absent.size());
    if (js::less_equal(need.get(), js::number(present))) return operand::own(json::array());
    return operand::own(std::move(absent));
}

// ---- logic

template <class Source>
operand evaluate_if(const node& n, const Source& data) {
    std::size_t i = 0;
    for (; i + 1 < n.args.size(); i += 2) {
        if (js::truthy(evaluate(n.args[i], data).get())) return evaluate(n.args[i + 1], data);
    }
    if (i < n.args.size()) return evaluate(n.args[i], data);
    return null();
}

// and: the first falsy value, else the last; or: the first truthy value, else the last.
template <class Source>
operand evaluate_and_or(const node& n, const Source& data, bool stop_when) {
    operand current;
    for (const node& arg : n.args) {
        current = evaluate(arg, data);
        if (js::truthy(current.get()) == stop_when) break;
    }
    return current;
}

using comparison = bool (*)(const json&, const json&);

template <class Source>
operand compare(const node& n, const Source& data, comparison holds) {
    const operand a = evaluate(n.args[0], data);
    const operand b = evaluate(n.args[1], data);
    return boolean(holds(a.get(), b.get()));
}

// < and <= with three arguments test low < x < high ("between").
template <class Source>
operand compare_chain(const node& n, const Source& data, comparison holds) {
    const operand a = evaluate(n.args[0], data);
    const operand b = evaluate(n.args[1], data);
    if (n.args.size() == 2) return boolean(holds(a.get(), b.get()));
    const operand c = evaluate(n.args[2], data);
    return boolean(holds(a.get(), b.get()) && holds(b.get(), c.get()));
}

// ---- arithmetic

template <class Source>
operand evaluate_extreme(const node& n, const Source& data, bool maximum) {
    double result = maximum ? -std::numeric_limits<double>::infinity()
                            : std::numeric_limits<double>::infinity();
    for (const node& arg : n.args) {
        const double x = js::to_number(evaluate(arg, data).get());
        if (std::isnan(x)) return number(x);
        const bool better = maximum ? x > result : x < result;
        const bool zero_tie = x == 0 && result == 0 && std::signbit(x) != maximum;  // max(-0, 0)
        if (better || zero_tie) result = x;
    }
    return number(result);
}

template <class Source>
operand evaluate_add(const node& n, const Source& data) {
    double sum = 0;
    for (const node& arg : n.args) sum += js::parse_float(evaluate(arg, data).get());
    return number(sum);
}

// json-logic-js multiplies with reduce() and no initial value: one argument comes back
// as it is, unconverted.
template <class Source>
operand evaluate_multiply(const node& n, const Source& data) {
    if (n.args.size() == 1) return evaluate(n.args[0], data);
    double product = js::parse_float(evaluate(n.args[0], data).get());
    for (std::size_t i = 1; i < n.args.size(); ++i) {
        product = js::parse_float(json(product)) * js::parse_float(evaluate(n.args[i], data).get());
    }
    return number(product);
}

template <class Source>
operand evaluate_subtract(const node& n, const Source& data) {
    const double a = js::to_number(evaluate(n.args[0], data).get());
    if (n.args.size() == 1) return number(-a);
    return number(a - js::to_number(evaluate(n.args[1], data).get()));
}

template <class Source>
operand evaluate_divide(const node& n, const Source& data, bool remainder) {
    const double a = js::to_number(evaluate(n.args[0], data).get());
    const double b = js::to_number(evaluate(n.args[1], data).get());
    return number(remainder ? std::fmod(a, b) : a / b);
}

// ---- strings and arrays

// in: substring of a string (the needle as text), or strict membership of an array.
template <class Source>
operand evaluate_in(const node& n, const Source& data) {
    const operand needle = evaluate(n.args[0], data);
    const operand haystack = evaluate(n.args[1], data);
    const json& within = haystack.get();
    if (within.is_string()) {
        const std::string& text = within.get_ref<const std::string&>();
        return boolean(!text.empty() &&
                       text.find(js::to_string(needle.get())) != std::string::npos);
    }
    if (within.is_array()) {
        return boolean(std::any_of(within.begin(), within.end(), [&](const json& item) {
            return js::strictly_equal(needle.get(), item);
        }));
    }
    return boolean(false);
}

template <class Source>
operand evaluate_cat(const node& n, const Source& data) {
    std::string text;
    for (const node& arg : n.args) js::append_join_element(text, evaluate(arg, data).get());
    return operand::own(json(std::move(text)));
}

// substr(source, start, length) of JavaScript, in UTF-16 code units, where a negative
// length counts back from the end as PHP's does; json-logic-js computes it as
// rest.substr(0, rest.length + length), and `+` concatenates when length is text.
template <class Source>
operand evaluate_substr(const node& n, const Source& data) {
    const std::string source = js::to_string(evaluate(n.args[0], data).get());
    const js::utf16_text text(source);
    const double size = static_cast<double>(text.length());
    const double start = js::to_integer(evaluate(n.args[1], data).get());
    const double from = start < 0 ? std::max(size + start, 0.0) : std::min(start, size);
    double length = size;
    if (n.args.size() == 3) {
        const operand given = evaluate(n.args[2], data);
        const json& end = given.get();
        if (js::less(end, json(0))) {
            const double rest = size - from;
            length = end.is_number() || end.is_boolean() || end.is_null()
                         ? rest + js::to_number(end)
                         : js::to_integer(json(js::number_to_string(rest) + js::to_string(end)));
            length = std::trunc(length);
        } else {
            length = js::to_integer(end);
        }
    }
    length = std::clamp(length, 0.0, size - from);
    const auto begin = static_cast<std::size_t>(from);
    return operand::own(json(text.slice(begin, begin + static_cast<std::size_t>(length))));
}

// merge: arrays are flattened one level, other values appended as they are.
template <class Source>
operand evaluate_merge(const node& n, const Source& data) {
    json merged = json::array();
    for (const node& arg : n.args) {
        operand value = evaluate(arg, data);
        if (value.get().is_array()) {
            for (const json& item : value.get()) merged.push_back(item);
        } else {
            merged.push_back(std::move(value).release());
        }
    }
    return operand::own(std::move(merged));
}

template <class Source>
operand evaluate_array(const node& n, const Source& data) {
    json items = json::array();
    for (const node& arg : n.args) items.push_back(evaluate(arg, data).release());
    return operand::own(std::move(items));
}

// ---- iteration: the second argument is evaluated with each element as the data

// all: every element passes (false for an empty array); some: one does; none: none does.
template <class Source>
operand evaluate_quantifier(const node& n, const Source& data) {
    const operand collection = evaluate(n.args[0], data);
    const json& items = collection.get();
    if (!items.is_array() || items.empty()) return boolean(n.code == opcode::none);
    for (const json& item : items) {
        const bool passes = js::truthy(evaluate_over(n.args[1], item).get());
        if (n.code == opcode::all && !passes) return boolean(false);
        if (n.code != opcode::all && passes) return boolean(n.code == opcode::some);
    }
    return boolean(n.code != opcode::some);
}

template <class Source>
operand evaluate_map_filter(const node& n, const Source& data) {
    const operand collection = evaluate(n.args[0], data);
    const json& items = collection.get();
    json result = json::array();
    if (!items.is_array()) return operand::own(std::move(result));
    for (const json& item : items) {
        operand value = evaluate_over(n.args[1], item);
        if (n.code == opcode::map) {
            result.push_back(std::move(value).release());
        } else if (js::truthy(value.get())) {
            result.push_back(item);
        }
    }
    return operand::own(std::move(result));
}

template <class Source>
operand evaluate_reduce(const node& n, const Source& data) {
    const operand collection = evaluate(n.args[0], data);
    json accumulator = n.args.size() == 3 ? evaluate(n.args[2], data).release() : json(nullptr);
    const json& items = collection.get();
    if (!items.is_array()) return operand::own(std::move(accumulator));
    json scope = json::object();
    json& current_slot = scope["current"];
    json& accumulator_slot = scope["accumulator"];
    for (const json& item : items) {
        current_slot = item;
        accumulator_slot = std::move(accumulator);
        accumulator = evaluate_over(n.args[1], scope).release();  // copies what borrows from scope
    }
    return operand::own(std::move(accumulator));
}

template <class Source>
operand evaluate(const node& n, const Source& data) {
    switch (n.code) {
        case opcode::literal: return operand::borrow(n.value);
        case opcode::array: return evaluate_array(n, data);
        case opcode::var_path: return evaluate_var_path(n, data);
        case opcode::var: return evaluate_var(n, data);
        case opcode::missing: return evaluate_missing(n, data);
        case opcode::missing_some: return evaluate_missing_some(n, data);
        case opcode::if_: return evaluate_if(n, data);
        case opcode::and_: return evaluate_and_or(n, data, false);
        case opcode::or_: return evaluate_and_or(n, data, true);
        case opcode::not_: return boolean(!js::truthy(evaluate(n.args[0], data).get()));
        case opcode::truthy: return boolean(js::truthy(evaluate(n.args[0], data).get()));
        case opcode::loose_equal: return compare(n, data, js::loosely_equal);
        case opcode::strict_equal: return compare(n, data, js::strictly_equal);
        case opcode::loose_unequal:
            return compare(n, data,
                           [](const json& a, const json& b) { return !js::loosely_equal(a, b); });
        case opcode::strict_unequal:
            return compare(n, data,
                           [](const json& a, const json& b) { return !js::strictly_equal(a, b); });
        case opcode::less: return compare_chain(n, data, js::less);
        case opcode::less_equal: return compare_chain(n, data, js::less_equal);
        case opcode::greater:
            return compare(n, data, [](const json& a, const json& b) { return js::less(b, a); });
        case opcode::greater_equal:
            return compare(n, data,
                           [](const json& a, const json& b) { return js::less_equal(b, a); });
        case opcode::max: return evaluate_extreme(n, data, true);
        case opcode::min: return evaluate_extreme(n, data, false);
        case opcode::add: return evaluate_add(n, data);
        case opcode::subtract: return evaluate_subtract(n, data);
        case opcode::multiply: return evaluate_multiply(n, data);
        case opcode::divide: return evaluate_divide(n, data, false);
        case opcode::modulo: return evaluate_divide(n, data, true);
        case opcode::in: return evaluate_in(n, data);
        case opcode::cat: return evaluate_cat(n, data);
        case opcode::substr: return evaluate_substr(n, data);
        case opcode::merge: return evaluate_merge(n, data);
        case opcode::all:
        case opcode::none:
        case opcode::some: return evaluate_quantifier(n, data);
        case opcode::map:
        case opcode::filter: return evaluate_map_filter(n, data);
        case opcode::reduce: return evaluate_reduce(n, data);
    }
    return null();
}

}  // namespace
}  // namespace detail

// ---- condition -----------------------------------------------------------------------------

condition::condition(std::shared_ptr<const detail::condition_program> program) noexcept
    : program_(std::move(program)) {}

condition condition::compile(const nlohmann::json& rule, std::string_view json_pointer) {
    auto program = std::make_shared<detail::condition_program>();
    program->root = detail::compiler(json_pointer).compile(rule, 1);
    program->source = rule;
    detail::collect_variables(program->root, true, program->variables);
    auto& variables = program->variables;
    std::sort(variables.begin(), variables.end());
    variables.erase(std::unique(variables.begin(), variables.end()), variables.end());
    return condition(std::move(program));
}

nlohmann::json condition::evaluate(const nlohmann::json& data) const {
    return detail::evaluate(program_->root, detail::document_source{data}).release();
}

bool condition::test(const nlohmann::json& data) const {
    return detail::js::truthy(detail::evaluate(program_->root, detail::document_source{data}).get());
}

nlohmann::json condition::evaluate(const facts_view& facts) const {
    return detail::evaluate(program_->root, detail::view_source{facts}).release();
}

bool condition::test(const facts_view& facts) const {
    return detail::js::truthy(detail::evaluate(program_->root, detail::view_source{facts}).get());
}

std::vector<std::string> condition::variables() const { return program_->variables; }

const nlohmann::json& condition::source() const { return program_->source; }

std::span<const std::string_view> condition::supported_operators() noexcept {
    return detail::operator_names;
}

}  // namespace drp
