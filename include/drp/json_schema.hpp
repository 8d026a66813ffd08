// drp/json_schema.hpp — a compiled JSON Schema (draft 2020-12) validator for the
// hand-written schemas drp ships (schemas/*.schema.json).
//
// The schema files are the single description of drp's JSON formats, and no C++ JSON
// Schema library packaged for Debian implements draft 2020-12 (docs/json-schema.md), so
// this checks the rules itself. It implements the keywords a hand-written schema uses
// and refuses to compile a schema with any other keyword, so a constraint is never
// silently ignored:
//
//   type (string or array; "integer" = a number with no fraction), enum, const,
//   required, properties, patternProperties, additionalProperties, propertyNames,
//   minProperties, maxProperties, dependentRequired, items, prefixItems, minItems,
//   maxItems, uniqueItems, minimum, maximum, exclusiveMinimum, exclusiveMaximum,
//   multipleOf, minLength, maxLength (Unicode code points), pattern (ECMAScript, a
//   search, not a full match; \s is ECMAScript's Unicode white space), format "date"
//   (RFC 3339 full-date, a real calendar day) and "date-time" (RFC 3339 date-time with
//   an offset), both asserted, $ref ("#" and "#/..." JSON pointers within the document,
//   also prefixed by the root $id), $defs, allOf, anyOf, oneOf, not, if/then/else,
//   boolean schemas true and false.
//   Annotations, accepted and ignored: title, description, examples, default, $comment,
//   $id (root only), $schema (2020-12 only), deprecated, readOnly, writeOnly.
//
// Compile errors (drp::error with errc::schema) name the schema pointer: an unknown
// keyword (with a "did you mean"), a keyword value of the wrong shape, a pattern that
// std::regex cannot compile or cannot match as ECMAScript does (\cX, \p{...}), a $ref
// that does not resolve, an unknown format, and a cycle of $refs that never consumes
// any of the instance (which could never finish).
//
// Messages are written for the person who wrote the instance (a policy author), e.g.
//   "kind" must be one of informal, meeting, formal, referral; got "formel"; did you mean "formal"?
// When anyOf/oneOf fails, the errors of the alternative that came closest are reported
// (the one whose failures are fewest and least fundamental), not "matches none of the
// alternatives"; when every alternative fails on the same discriminating value (a const
// or enum, or the value's type), one error lists all the values that would do.
//
// Numbers are compared exactly across integers and doubles (1 == 1.0, and 2^53 + 1 is
// not equal to the double 2^53). Regular expressions run on code points (std::regex
// over UTF-32, its traits giving \s ECMAScript's meaning), in libstdc++'s
// polynomial-time mode where available, so a hostile string cannot make matching
// exponential or exhaust the stack. Back-references are therefore not supported in
// patterns.
//
// A compiled schema is immutable; copies share it; validate() may be called from any
// number of threads at once.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace drp::json {

struct schema_error {
    /// RFC 6901 pointer to the offending value in the instance ("" = the whole
    /// document). For "required" and "dependentRequired" it is the object that lacks the
    /// property.
    std::string instance_pointer;
    /// RFC 6901 pointer into the schema document, ending in the failing keyword.
    std::string schema_pointer;
    /// The failing keyword: "enum", "required", "additionalProperties", "anyOf", ...
    std::string keyword;
    /// Plain English, naming the value and what was expected.
    std::string message;
    /// The description (or else the title) of the failing subschema, or of the nearest
    /// enclosing subschema at the same place in the instance; empty when there is none.
    std::string hint;
    /// True when the problem is the member's name rather than its value (an unknown
    /// property, a propertyNames failure): point at the key, not the value.
    bool at_key = false;

    friend bool operator==(const schema_error&, const schema_error&) = default;
};

/// "instance_pointer: message" (the pointer shown as "/" for the root); for logs and tests.
std::string to_string(const schema_error& e);

struct validate_options {
    /// Stop after this many errors (at least one is always reported when invalid).
    std::size_t max_errors = 100;
    /// Deepest nesting of the instance that is checked; a deeper value gets an error
    /// (keyword "maxDepth") rather than risking the thread's stack. Nested checks at
    /// one place in the instance ($ref, allOf, ...) are bounded too, by 10 * max_depth
    /// + 100 in all. The default keeps validation within about 512 KiB of stack.
    std::size_t max_depth = 100;
    /// Total schema checks one validation may make (a bound on time: alternatives that
    /// recurse can otherwise multiply work with nesting). Past it, the document is
    /// invalid with an error of keyword "maxChecks". A 10 KB policy needs ~3,000.
    std::size_t max_checks = 1'000'000;
};

class schema {
public:
    /// Compiles a schema document. Throws drp::error(errc::schema) naming the schema
    /// pointer and the problem (see the file comment).
    static schema compile(const nlohmann::json& schema_document);

    /// All errors of instance against the schema; empty when valid. They come in the
    /// order found (object members in key order, as nlohmann/json stores them): sort by
    /// text position to show them. Never throws for any instance except std::bad_alloc
    /// (another failure inside the validator itself becomes an error of keyword "internal").
    std::vector<schema_error> validate(const nlohmann::json& instance, std::size_t max_errors = 100) const;
    std::vector<schema_error> validate(const nlohmann::json& instance, const validate_options& options) const;

    /// validate(...).empty(), without building any messages: the fast path.
    bool is_valid(const nlohmann::json& instance) const noexcept;

    struct compiled;  // the compiled form; opaque

private:
    explicit schema(std::shared_ptr<const compiled> c) : compiled_(std::move(c)) {}
    std::shared_ptr<const compiled> compiled_;
};

}  // namespace drp::json
