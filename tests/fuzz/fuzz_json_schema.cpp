// Any bytes as a JSON Schema and as an instance: compile either succeeds or throws
// drp::error(schema); validation never crashes, never throws, and agrees with
// is_valid (invalid always comes with at least one error).
#include "drp/error.hpp"
#include "drp/json_schema.hpp"

#include <cstdint>
#include <cstdlib>

namespace {

const drp::json::schema& fixed_schema() {
    static const auto s = drp::json::schema::compile(nlohmann::json::parse(R"({
      "type": "object", "required": ["id"], "additionalProperties": false,
      "properties": {
        "id": {"type": "string", "pattern": "^[a-z][a-z0-9_-]*$", "maxLength": 40},
        "version": {"type": "integer", "minimum": 1, "multipleOf": 1},
        "due": {"type": "string", "format": "date"},
        "at": {"format": "date-time"},
        "roles": {"type": "array", "uniqueItems": true, "items": {"enum": ["IRO", "TM", "SM", 1, null, [1]]}},
        "tree": {"$ref": "#/$defs/tree"},
        "event": {"oneOf": [{"properties": {"type": {"const": "raise"}}, "required": ["type", "child"]},
                            {"properties": {"type": {"const": "resolve"}}, "required": ["type"]}]},
        "names": {"propertyNames": {"minLength": 2}, "patternProperties": {"^x": {"not": {"type": "null"}}}},
        "pair": {"prefixItems": [{"type": "number"}, {"type": "string"}], "items": false},
        "cond": {"if": {"required": ["a"]}, "then": {"dependentRequired": {"a": ["b"]}}, "else": {"maxProperties": 3}}
      },
      "$defs": {"tree": {"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "#/$defs/tree"}}},
                         "anyOf": [{"required": ["children"]}, {"maxProperties": 0}]}}
    })"));
    return s;
}

void check(const drp::json::schema& s, const nlohmann::json& instance) {
    const auto errors = s.validate(instance, 20);
    if (s.is_valid(instance) != errors.empty()) std::abort();
    for (const auto& e : errors)
        if (e.message.empty() || e.keyword.empty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(data, data + size);
    } catch (const nlohmann::json::exception&) {
        return 0;
    }
    check(fixed_schema(), doc);
    try {
        const auto s = drp::json::schema::compile(doc);
        for (const char* instance : {"null", "0", "1.5", "\"2026-01-01\"", "[1, 1.0, \"a\"]", "{\"a\": {\"b\": [true]}}"})
            check(s, nlohmann::json::parse(instance));
        check(s, doc);
    } catch (const drp::error& e) {
        if (e.code() != drp::errc::schema) std::abort();
    }
    return 0;
}
