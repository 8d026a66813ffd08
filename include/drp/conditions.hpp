// drp/conditions.hpp — policy conditions: a compiled subset of JSON Logic.
//
// A policy may attach a condition to a stage, a notification or a rule, e.g. "the
// dispute crosses council boundaries and has reached stage 3 → notify the Service
// Director":
//
//     {"and": [{"var": "cross_council"}, {">=": [{"var": "stage.level"}, 3]}]}
//
// Conditions are JSON Logic (jsonlogic.com) and mean exactly what they mean in its
// reference implementation, json-logic-js 2.x, including JavaScript's coercions
// ("3" == 3, missing facts read as null, [] and "" are false). The supported operators,
// what is rejected and why, and worked examples are in docs/conditions.md.
//
// A rule is compiled once, when the policy loads: operators are resolved, argument
// counts checked and constant parts prepared, so that evaluation never looks at an
// operator's name and never fails. Mistakes are reported then, with the JSON pointer of
// the offending part of the policy.
//
// The facts may be a JSON document or a facts_view, which hands out the values a rule
// reads without the host building a document for each evaluation.
//
// Thread-safety: a condition is immutable; copies share the compiled form, and any number
// of threads may evaluate one condition at the same time.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace drp {

namespace detail {
struct condition_program;
}

/// The facts a condition reads, supplied by the host without a JSON document: the engine
/// answers from the dispute's state and its policy. A view must describe one fixed JSON
/// document (its whole()); find() is how conditions read it without building it.
///
/// A view is used by one thread, during one evaluation at a time, and must outlive it.
class facts_view {
public:
    /// Where find() led: `value` is what the document holds after the path's first `steps`
    /// keys, or null when one of those keys names no member (JavaScript's undefined).
    struct found {
        const nlohmann::json* value = nullptr;
        std::size_t steps = 0;
    };

    /// Looks up a path of member names (never empty): "stage.level" is {"stage", "level"}.
    /// A view follows as many keys as it likes (none: the whole document) and returns the
    /// value it reached; the condition reads the remaining keys from that value itself,
    /// with JavaScript's rules ("length", array indexes, characters of strings), so that
    /// value must be complete.
    ///
    /// The value is borrowed: it must stay valid and unchanged while the view lives, and an
    /// array or object must be the same one each time it is asked for, since JSON Logic
    /// compares those by identity. A view may instead write a number, boolean, null or
    /// string into `scratch` (a null json on entry) and return &scratch; the condition then
    /// takes it over.
    virtual found find(std::span<const std::string> path, nlohmann::json& scratch) const = 0;

    /// The whole document, as {"var": ""} reads it; a view may build it on first use. The
    /// same object each time for as long as the view lives.
    virtual const nlohmann::json& whole() const = 0;

    virtual ~facts_view() = default;
};

class condition {
public:
    /// Deepest nesting of operations and arrays a rule may have.
    static constexpr int max_depth = 64;

    /// Compiles a JSON Logic rule. `json_pointer` locates the rule in its document
    /// (e.g. "/stages/3/notify/0/when") and prefixes the pointers in error messages.
    ///
    /// Throws drp::error with
    /// - errc::semantic for an operator drp does not support (`log`, `method`, or one it
    ///   does not know); the message names it, says where, and lists the supported ones;
    /// - errc::schema for a malformed rule: an object that is not exactly one operator,
    ///   the wrong number of arguments, or nesting deeper than max_depth.
    static condition compile(const nlohmann::json& rule, std::string_view json_pointer = "");

    /// The rule's value over `data` (the dispute's facts), as json-logic-js computes it.
    /// Never throws for any data (except std::bad_alloc). Numbers that JavaScript would
    /// produce as NaN or ±Infinity are returned as such (nlohmann::json dumps them as null).
    nlohmann::json evaluate(const nlohmann::json& data) const;

    /// Whether the rule holds over `data`: JSON Logic truthiness of evaluate(data), where
    /// null, false, 0, "" and [] are false and everything else (even "0") is true.
    bool test(const nlohmann::json& data) const;

    /// evaluate() and test() over the document `facts` describes, with the same results;
    /// the data of `all`, `some`, `map` and the like is still each element as JSON.
    nlohmann::json evaluate(const facts_view& facts) const;
    bool test(const facts_view& facts) const;

    /// The fact paths the rule reads (`var` paths and `missing` keys given literally),
    /// sorted and without duplicates, for checking against the fact vocabulary. Paths
    /// inside `all`/`some`/`none`/`map`/`filter`/`reduce` refer to the elements being
    /// iterated, not to facts, and are left out; so are paths computed at run time.
    std::vector<std::string> variables() const;

    /// The rule as given to compile().
    const nlohmann::json& source() const;

    /// The operator names compile() accepts, in the order docs/conditions.md lists them.
    static std::span<const std::string_view> supported_operators() noexcept;

private:
    explicit condition(std::shared_ptr<const detail::condition_program> program) noexcept;

    std::shared_ptr<const detail::condition_program> program_;
};

}  // namespace drp
