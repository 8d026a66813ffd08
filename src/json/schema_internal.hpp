// The JSON Schema validator's insides (drp/json_schema.hpp is its interface), shared by
// its parts, one job each:
//   schema_values.cpp    JSON values: exact numbers, equality, hashing, types
//   schema_messages.cpp  how values, types and lists read in messages
//   schema_formats.cpp   the formats checked: "date" and "date-time"
//   schema_patterns.cpp  ECMAScript patterns as std::regex runs them
//   schema_pattern_automaton.cpp  the same answers without std::regex's executor
//   schema_compile.cpp   a schema document into nodes (schema::compile)
//   schema_validate.cpp  an instance against the nodes (schema::validate, is_valid)
#pragma once

#include "drp/json_schema.hpp"

#include "common/ecma_white_space.hpp"

#include <cstddef>
#include <array>
#include <cstdint>
#include <locale>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace drp::json::detail {

using nlohmann::json;

// ---- values (schema_values.cpp) -----------------------------------------------------

enum type_bit : std::uint8_t {
    t_null = 1,
    t_boolean = 2,
    t_object = 4,
    t_array = 8,
    t_number = 16,
    t_string = 32,
    t_integer = 64,
};

/// Compares two JSON numbers exactly (doubles against 64-bit integers without rounding).
/// Returns -1, 0 or 1; 2 when either is NaN (which JSON text cannot contain).
int compare_numbers(const json& a, const json& b) noexcept;
/// JSON Schema equality: numbers by value (1 == 1.0), everything else structurally.
bool json_equal(const json& a, const json& b);
/// A hash consistent with json_equal (for uniqueItems).
std::size_t shallow_hash(const json& v, int depth = 3);
/// Whether v is one of the types (type_bit flags); "integer" is a number with no fraction.
bool has_type(const json& v, std::uint8_t types) noexcept;

// ---- messages (schema_messages.cpp) -------------------------------------------------

std::string dump_scalar(const json& v);
/// A string as JSON, shortened to 80 characters.
std::string quote(std::string_view s);
/// How a value reads in "got ...": strings quoted (shortened), objects and arrays by kind.
std::string describe(const json& v);
/// "got" for a type mismatch: the kind of value too.
std::string describe_with_kind(const json& v);
/// How an expected value reads in "must be one of ...": plain words bare, others as JSON.
std::string expected_value(const json& v);
std::string list_values(const std::vector<const json*>& values);
/// "; did you mean "x"?" for the closest string value, or "".
std::string did_you_mean(const json& got, const std::vector<const json*>& values);
/// "a string or null", "a string, a number or null".
std::string type_list(std::uint8_t types);
std::string plural(std::size_t n, const char* one, const char* many);

// ---- formats (schema_formats.cpp) ---------------------------------------------------

enum class format_kind { none, date, date_time };
enum class date_check { ok, malformed, no_such_day };

/// The format a "format" keyword names, or nullopt when drp does not check it.
std::optional<format_kind> format_named(std::string_view name) noexcept;
/// The formats format_named knows, for messages: "\"date\" and \"date-time\"".
extern const char* const checked_formats;
date_check check_format(format_kind kind, std::string_view s) noexcept;
/// What the value must be, after its name: " must be a date written YYYY-MM-DD; got ...".
std::string format_expectation(format_kind kind, date_check result, const json& v);

// ---- patterns (schema_patterns.cpp) -------------------------------------------------

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

/// The std::regex traits the patterns compile with (the classic locale), shared by the
/// automaton so that its character tests ask exactly what std::regex's would.
const ecma_regex_traits& classic_traits();

/// A pattern as a bit-parallel automaton of at most 63 character positions: the answers
/// std::regex's executor gives, without its cost (a heap of states and std::function calls
/// per character, most of a policy load). Only for the patterns whose every construct it
/// models the way libstdc++ compiles it; schema_pattern_automaton.cpp says which and why.
class pattern_automaton {
public:
    /// The automaton of a pattern as std::regex reads it (to_std_regex's output, which
    /// std::regex has compiled), or nullopt when it uses what the automaton leaves to
    /// std::regex: look-ahead, back-references, word boundaries, lazy or stacked
    /// quantifiers, a repeated part that can match empty, more than 63 positions.
    static std::optional<pattern_automaton> build(std::wstring_view source);
    /// Whether the pattern occurs in subject, UTF-8 read as widen_utf8 reads it.
    bool search(std::string_view subject) const;

    /// One character test, as libstdc++'s matchers make it: a character, "." or a class.
    struct char_test {
        enum class kind : std::uint8_t { character, any, bracket };
        kind what = kind::character;
        bool negated = false;
        wchar_t character = 0;
        std::vector<wchar_t> characters;  // sorted
        std::vector<std::pair<wchar_t, wchar_t>> ranges;
        ecma_class classes{};
        std::vector<ecma_class> negated_classes;
        bool passes(wchar_t c) const;
    };

private:
    static constexpr std::uint64_t accepted = std::uint64_t{1} << 63;
    std::vector<char_test> tests_;
    std::vector<std::uint16_t> test_of_;                 // by position
    std::vector<std::array<std::uint64_t, 2>> follow_;   // by position, [at the end]: live after it
    std::array<std::array<std::uint64_t, 2>, 2> start_{};  // [at the start][at the end]
    std::array<std::uint64_t, 128> ascii_{};            // the positions each ASCII character passes
    bool anchored_ = false;                             // starts only at the subject's start
};

struct pattern {
    std::string source;
    std::optional<pattern_automaton> automaton;  // when the pattern qualifies, else:
    ecma_regex search;  // "[\s\S]*(?:source)[\s\S]*", run with regex_match: see compile_pattern
};

/// The search for an ECMAScript pattern (UTF-8, as written in the schema), or why it is
/// refused ("the pattern ... is refused: ..."). use_automaton false keeps std::regex's
/// search even where the automaton qualifies (for the tests that compare the two).
std::variant<pattern, std::string> compile_pattern(const std::string& source, bool use_automaton = true);
/// Whether the pattern occurs in subject (UTF-8); false when std::regex gives up.
bool matches(const pattern& p, std::string_view subject);

// ---- the compiled form (schema_compile.cpp builds it, schema_validate.cpp walks it) --

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

/// Every subschema of a document as a node (nodes[0] the root), $refs resolved to node
/// indexes. Throws drp::error(errc::schema) naming the schema pointer.
std::vector<node> compile_nodes(const json& document);

}  // namespace drp::json::detail

namespace drp::json {

struct schema::compiled {
    std::vector<detail::node> nodes;  // nodes[0] is the root
};

}  // namespace drp::json
