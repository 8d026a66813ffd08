// drp::json::schema — each keyword, the messages a policy author reads, the pointers
// they point with, choosing the closest alternative, cycles and hostile instances.
#include "drp/error.hpp"
#include "drp/json_schema.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <atomic>
#include <iostream>
#include <thread>

#include <pthread.h>

namespace {

using drp::json::schema;
using drp::json::schema_error;
using nlohmann::json;

schema compile(std::string_view text) { return schema::compile(json::parse(text)); }

std::vector<schema_error> errors(std::string_view schema_text, std::string_view instance_text) {
    const auto s = compile(schema_text);
    const auto instance = json::parse(instance_text);
    auto out = s.validate(instance);
    EXPECT_EQ(s.is_valid(instance), out.empty()) << "is_valid disagrees with validate for " << instance_text;
    return out;
}

bool valid(std::string_view schema_text, std::string_view instance_text) {
    return errors(schema_text, instance_text).empty();
}

// The single error of an instance (a test failure when there is not exactly one).
schema_error only_error(std::string_view schema_text, std::string_view instance_text) {
    auto e = errors(schema_text, instance_text);
    EXPECT_EQ(e.size(), 1u) << instance_text;
    for (const auto& x : e) std::cerr << "  " << drp::json::to_string(x) << "\n";
    return e.empty() ? schema_error{} : e.front();
}

// What compile() says about a bad schema (empty when it compiles).
std::string compile_error(std::string_view schema_text) {
    try {
        (void)compile(schema_text);
    } catch (const drp::error& e) {
        EXPECT_EQ(e.code(), drp::errc::schema);
        return e.what();
    }
    return {};
}

// A small policy-shaped schema used by several tests.
constexpr std::string_view policy_schema = R"~({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "required": ["id", "stages"],
  "additionalProperties": false,
  "properties": {
    "id": {"type": "string", "pattern": "^[a-z][a-z0-9_-]*$", "description": "Policy id: lower case, digits, _ and -"},
    "stages": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/stage"}}
  },
  "$defs": {
    "role": {"type": "string", "pattern": "^[A-Z][A-Z_]*$", "title": "Role id, upper case (IRO, TM, HOS_QAPD)"},
    "stage": {
      "type": "object",
      "required": ["id", "kind", "responder"],
      "additionalProperties": false,
      "properties": {
        "id": {"type": "string", "minLength": 1},
        "kind": {"enum": ["informal", "meeting", "formal", "referral"], "description": "What sort of stage this is"},
        "responder": {"anyOf": [{"$ref": "#/$defs/role"},
                                {"type": "array", "items": {"$ref": "#/$defs/role"}, "minItems": 1}],
                      "description": "Who must respond"},
        "level": {"type": "integer", "minimum": 1}
      }
    }
  }
})~";

}  // namespace

// ---- compiling ----------------------------------------------------------------------

TEST(SchemaCompile, AnUnknownKeywordIsRefusedWithASuggestion) {
    const auto what = compile_error(R"({"properties": {"kind": {"enums": ["formal"]}}})");
    EXPECT_NE(what.find("[drp.schema]"), std::string::npos) << what;
    EXPECT_NE(what.find("#/properties/kind/enums"), std::string::npos) << what;
    EXPECT_NE(what.find("did you mean \"enum\"?"), std::string::npos) << what;
}

TEST(SchemaCompile, KeywordsOfOtherDraftsAndUnimplementedOnesAreRefused) {
    EXPECT_NE(compile_error(R"({"definitions": {}})").find("write \"$defs\""), std::string::npos);
    EXPECT_NE(compile_error(R"({"dependencies": {}})").find("dependentRequired"), std::string::npos);
    EXPECT_NE(compile_error(R"({"contains": {}})").find("does not implement"), std::string::npos);
    EXPECT_NE(compile_error(R"({"unevaluatedProperties": false})").find("does not implement"), std::string::npos);
    EXPECT_NE(compile_error(R"({"items": [{}, {}]})").find("prefixItems"), std::string::npos);
    EXPECT_NE(compile_error(R"({"$schema": "http://json-schema.org/draft-07/schema#"})").find("2020-12"), std::string::npos);
    EXPECT_NE(compile_error(R"({"properties": {"a": {"$id": "x"}}})").find("only the root"), std::string::npos);
}

TEST(SchemaCompile, KeywordValuesOfTheWrongShapeAreRefused) {
    EXPECT_NE(compile_error(R"({"type": "str"})").find("#/type"), std::string::npos);
    EXPECT_NE(compile_error(R"({"type": ["string", "string"]})").find("twice"), std::string::npos);
    EXPECT_NE(compile_error(R"({"minLength": -1})").find("non-negative integer"), std::string::npos);
    EXPECT_NE(compile_error(R"({"minLength": 1.5})").find("non-negative integer"), std::string::npos);
    EXPECT_EQ(compile_error(R"({"minLength": 1.0})"), "");
    EXPECT_NE(compile_error(R"({"required": ["a", "a"]})").find("#/required/1"), std::string::npos);
    EXPECT_NE(compile_error(R"({"multipleOf": 0})").find("greater than 0"), std::string::npos);
    EXPECT_NE(compile_error(R"({"minimum": "3"})").find("must be a number"), std::string::npos);
    EXPECT_NE(compile_error(R"({"anyOf": []})").find("non-empty array"), std::string::npos);
    EXPECT_NE(compile_error(R"({"properties": {"a": 5}})").find("#/properties/a"), std::string::npos);
    EXPECT_NE(compile_error(R"({"uniqueItems": 1})").find("true or false"), std::string::npos);
    EXPECT_NE(compile_error("5").find("must be an object, true or false"), std::string::npos);
}

TEST(SchemaCompile, PatternsStdRegexCannotCompileAreRefused) {
    EXPECT_NE(compile_error(R"({"pattern": "("})").find("#/pattern"), std::string::npos);
    EXPECT_NE(compile_error(R"({"pattern": "(a)\\1"})").find("back-references"), std::string::npos);
    EXPECT_NE(compile_error(R"({"patternProperties": {"[": {}}})").find("#/patternProperties/["), std::string::npos);
}

// std::regex compiles \cX and never matches it, and has no \p{...}: refused by name, at
// the keyword's pointer, never answered wrongly.
TEST(SchemaCompile, ControlEscapesAndPropertyEscapesAreRefusedNamingThePointer) {
    const auto control = compile_error(R"({"properties": {"sep": {"pattern": "^\\cC$"}}})");
    EXPECT_NE(control.find("#/properties/sep/pattern"), std::string::npos) << control;
    EXPECT_NE(control.find("\\cC"), std::string::npos) << control;
    EXPECT_NE(control.find("write \\x03 instead"), std::string::npos) << control;
    EXPECT_NE(compile_error(R"({"patternProperties": {"\\cj": {}}})").find("#/patternProperties/\\cj: "), std::string::npos);
    EXPECT_NE(compile_error(R"({"pattern": "[\\cZ]"})").find("write \\x1A instead"), std::string::npos);
    EXPECT_NE(compile_error(R"({"pattern": "\\c1"})").find("without a control letter"), std::string::npos);
    EXPECT_EQ(compile_error(R"({"pattern": "\\\\c"})"), "");  // a backslash, then c
    EXPECT_NE(compile_error(R"({"pattern": "^\\p{Letter}+$"})").find("Unicode property escape (\\p{...})"), std::string::npos);
    EXPECT_NE(compile_error(R"({"pattern": "\\P{L}"})").find("#/pattern"), std::string::npos);
}

TEST(SchemaCompile, OnlyDateAndDateTimeFormatsAreAccepted) {
    EXPECT_EQ(compile_error(R"({"format": "date"})"), "");
    EXPECT_EQ(compile_error(R"({"format": "date-time"})"), "");
    EXPECT_NE(compile_error(R"({"format": "email"})").find("not supported"), std::string::npos);
}

TEST(SchemaCompile, ReferencesMustResolveWithinTheDocument) {
    EXPECT_NE(compile_error(R"({"$ref": "#/$defs/missing"})").find("does not resolve"), std::string::npos);
    EXPECT_NE(compile_error(R"({"$ref": "other.json#/x"})").find("within this document"), std::string::npos);
    EXPECT_NE(compile_error(R"({"$ref": "#stage", "$defs": {}})").find("anchors"), std::string::npos);
    EXPECT_NE(compile_error(R"({"properties": {"a": {}}, "$ref": "#/properties"})").find("not a schema"), std::string::npos);
    EXPECT_NE(compile_error(R"({"$ref": "#/$defs/a%zz"})").find("%-escape"), std::string::npos);
    EXPECT_EQ(compile_error(R"({"$defs": {"a b": {}}, "$ref": "#/$defs/a%20b"})"), "");
    EXPECT_EQ(compile_error(R"({"$id": "https://x.org/p.json", "$defs": {"a": {}}, "$ref": "https://x.org/p.json#/$defs/a"})"), "");
    EXPECT_EQ(compile_error(R"({"$id": "https://x.org/p.json", "items": {"$ref": "https://x.org/p.json"}})"), "");
}

TEST(SchemaCompile, ReferenceCyclesThatConsumeNothingAreRefused) {
    const auto what = compile_error(R"({"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"allOf": [{"$ref": "#/$defs/a"}]}}})");
    EXPECT_NE(what.find("cycle"), std::string::npos) << what;
    EXPECT_NE(what.find("#/$defs/a"), std::string::npos) << what;
    EXPECT_NE(compile_error(R"({"$ref": "#"})").find("cycle"), std::string::npos);
    EXPECT_NE(compile_error(R"({"anyOf": [{"type": "string"}, {"$ref": "#"}]})").find("cycle"), std::string::npos);
    EXPECT_NE(compile_error(R"({"if": {"$ref": "#"}})").find("cycle"), std::string::npos);
    EXPECT_NE(compile_error(R"({"not": {"not": {"$ref": "#"}}})").find("cycle"), std::string::npos);
    // Recursion that moves into the instance is how trees are described: fine.
    EXPECT_EQ(compile_error(R"({"properties": {"children": {"items": {"$ref": "#"}}}})"), "");
    EXPECT_EQ(compile_error(R"({"$defs": {"a": {"properties": {"x": {"$ref": "#/$defs/b"}}}, "b": {"$ref": "#/$defs/a"}}})"), "");
}

TEST(SchemaCompile, AnnotationsAreAcceptedAndIgnored) {
    EXPECT_TRUE(valid(R"({"title": "t", "description": "d", "examples": [1], "default": 0, "$comment": "c",
                          "deprecated": true, "readOnly": true, "writeOnly": false, "$id": "https://x.org/s",
                          "$schema": "https://json-schema.org/draft/2020-12/schema"})",
                      "1"));
}

// ---- type, enum, const --------------------------------------------------------------

TEST(SchemaType, IntegerMeansANumberWithNoFraction) {
    EXPECT_TRUE(valid(R"({"type": "integer"})", "1"));
    EXPECT_TRUE(valid(R"({"type": "integer"})", "1.0"));
    EXPECT_TRUE(valid(R"({"type": "integer"})", "-0.0"));
    EXPECT_TRUE(valid(R"({"type": "integer"})", "1e300"));
    EXPECT_TRUE(valid(R"({"type": "integer"})", "18446744073709551615"));
    const auto e = only_error(R"({"properties": {"level": {"type": "integer"}}})", R"({"level": 1.5})");
    EXPECT_EQ(e.instance_pointer, "/level");
    EXPECT_EQ(e.schema_pointer, "/properties/level/type");
    EXPECT_EQ(e.keyword, "type");
    EXPECT_EQ(e.message, "\"level\" must be an integer; got a number (1.5)");
}

TEST(SchemaType, ListsOfTypesAndWhatWasGot) {
    EXPECT_TRUE(valid(R"({"type": ["string", "null"]})", "null"));
    EXPECT_EQ(only_error(R"({"type": ["string", "null"]})", "true").message, "the document must be a string or null; got true");
    EXPECT_EQ(only_error(R"({"type": "object"})", "[1]").message, "the document must be an object; got an array");
    EXPECT_EQ(only_error(R"({"type": "number"})", R"("3")").message, "the document must be a number; got a string (\"3\")");
    EXPECT_EQ(only_error(R"({"type": "boolean"})", "0").message,
              "the document must be a boolean (true or false); got a number (0)");
}

TEST(SchemaEnum, NamesTheAllowedValuesAndSuggestsTheClosest) {
    const auto e = only_error(policy_schema, R"({"id": "merton", "stages": [{"id": "ir1", "kind": "formel", "responder": "TM"}]})");
    EXPECT_EQ(e.instance_pointer, "/stages/0/kind");
    EXPECT_EQ(e.schema_pointer, "/$defs/stage/properties/kind/enum");
    EXPECT_EQ(e.message, "\"kind\" must be one of informal, meeting, formal, referral; got \"formel\"; did you mean \"formal\"?");
    EXPECT_EQ(e.hint, "What sort of stage this is");
}

TEST(SchemaEnum, ComparesByJsonValueNotByText) {
    constexpr auto s = R"({"enum": [1, "x", null, [1, {"a": 2}], false]})";
    EXPECT_TRUE(valid(s, "1.0"));
    EXPECT_TRUE(valid(s, R"([1.0, {"a": 2.0}])"));
    EXPECT_FALSE(valid(s, "true"));  // true is not 1
    EXPECT_FALSE(valid(s, "0"));     // 0 is not false
    EXPECT_FALSE(valid(s, R"([{"a": 2}, 1])"));
    EXPECT_FALSE(valid(s, R"("1")"));
}

TEST(SchemaConst, ExactNumbersBeyondDoublePrecision) {
    EXPECT_TRUE(valid(R"({"const": 9007199254740993})", "9007199254740993"));
    EXPECT_FALSE(valid(R"({"const": 9007199254740993})", "9007199254740992.0"));
    EXPECT_FALSE(valid(R"({"const": 9007199254740993})", "9007199254740992"));
    EXPECT_EQ(only_error(R"({"properties": {"version": {"const": 1}}})", R"({"version": 2})").message,
              "\"version\" must be 1; got 2");
}

// ---- objects ------------------------------------------------------------------------

TEST(SchemaRequired, IsReportedAtTheObjectThatLacksTheProperty) {
    const auto e = errors(policy_schema, R"({"id": "merton", "stages": [{"id": "ir1", "kind": "formal"}]})");
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].instance_pointer, "/stages/0");
    EXPECT_EQ(e[0].keyword, "required");
    EXPECT_EQ(e[0].message, "\"stages\"[0] is missing the required property \"responder\"");
    EXPECT_EQ(e[0].hint, "Who must respond");  // the missing property's own description
    EXPECT_EQ(only_error(R"({"required": ["id"]})", "{}").message, "the document is missing the required property \"id\"");
}

TEST(SchemaAdditionalProperties, NamesTheUnknownPropertySuggestsTheNearestAndListsTheAllowed) {
    const auto e = errors(policy_schema, R"({"id": "merton", "stages": [{"id": "ir1", "kind": "formal", "responders": "TM"}]})");
    ASSERT_EQ(e.size(), 2u);
    const auto& unknown = e[0].keyword == "additionalProperties" ? e[0] : e[1];
    EXPECT_EQ(unknown.instance_pointer, "/stages/0/responders");
    EXPECT_TRUE(unknown.at_key);
    EXPECT_EQ(unknown.schema_pointer, "/$defs/stage/additionalProperties");
    EXPECT_EQ(unknown.message,
              "unknown property \"responders\" in \"stages\"[0]; did you mean \"responder\"? (allowed: id, kind, level, responder)");
    EXPECT_EQ(only_error(R"({"additionalProperties": false})", R"({"a": 1})").message,
              "unknown property \"a\" in the document; no properties are allowed here");
    EXPECT_EQ(only_error(R"({"properties": {"id": {}}, "patternProperties": {"^x-": {}}, "additionalProperties": false})", R"({"y": 1})")
                  .message,
              "unknown property \"y\" in the document (allowed: id, or names matching ^x-)");
}

TEST(SchemaAdditionalProperties, AsASchemaChecksEveryOtherMember) {
    constexpr auto s = R"({"properties": {"id": {}}, "patternProperties": {"^x-": {}}, "additionalProperties": {"type": "integer"}})";
    EXPECT_TRUE(valid(s, R"({"id": "a", "x-note": "b", "n": 1})"));
    EXPECT_EQ(only_error(s, R"({"n": "1"})").instance_pointer, "/n");
}

TEST(SchemaPatternProperties, SearchesTheNameAndAppliesEveryMatchingSchema) {
    constexpr auto s = R"({"patternProperties": {"^x-": {"type": "string"}, "[0-9]$": {"type": "integer"}}})";
    EXPECT_TRUE(valid(s, R"({"x-a": "s", "a1": 1, "other": null})"));
    EXPECT_EQ(errors(s, R"({"x-1": 1})").size(), 1u);  // both apply; the string one fails
    EXPECT_FALSE(valid(s, R"({"x-1": "s"})"));
}

TEST(SchemaPropertyNames, AreCheckedAsStringsAndReportedAtTheKey) {
    const auto e = only_error(R"({"propertyNames": {"pattern": "^[A-Z_]+$"}})", R"({"IRO": 1, "sw": 2})");
    EXPECT_EQ(e.instance_pointer, "/sw");
    EXPECT_TRUE(e.at_key);
    EXPECT_EQ(e.schema_pointer, "/propertyNames/pattern");
    EXPECT_EQ(e.message, "property name \"sw\" must match the pattern ^[A-Z_]+$; got \"sw\"");
    EXPECT_EQ(only_error(R"({"propertyNames": {"maxLength": 3}})", R"({"abcd": 1})").keyword, "maxLength");
}

TEST(SchemaObjectCounts, MinMaxPropertiesAndDependentRequired) {
    EXPECT_EQ(only_error(R"({"minProperties": 1})", "{}").message, "the document must have at least 1 property; it has 0");
    EXPECT_EQ(only_error(R"({"maxProperties": 1})", R"({"a": 1, "b": 2})").message,
              "the document must have at most 1 property; it has 2");
    constexpr auto s = R"({"dependentRequired": {"start_stage": ["start_reason"]}})";
    EXPECT_TRUE(valid(s, R"({"start_stage": "ir2", "start_reason": "risk"})"));
    EXPECT_TRUE(valid(s, R"({"start_reason": "risk"})"));
    const auto e = only_error(s, R"({"start_stage": "ir2"})");
    EXPECT_EQ(e.instance_pointer, "");
    EXPECT_EQ(e.message, "the document has \"start_stage\", so it must also have \"start_reason\"");
}

TEST(SchemaPointers, EscapeTildeAndSlashPerRfc6901) {
    constexpr auto s = R"({"properties": {"a/b": {"type": "integer"}, "m~n": {"properties": {"": {"type": "string"}}}}})";
    EXPECT_EQ(only_error(s, R"({"a/b": "x"})").instance_pointer, "/a~1b");
    EXPECT_EQ(only_error(s, R"({"a/b": "x"})").schema_pointer, "/properties/a~1b/type");
    EXPECT_EQ(only_error(s, R"({"m~n": {"": 1}})").instance_pointer, "/m~0n/");
}

// ---- arrays -------------------------------------------------------------------------

TEST(SchemaItems, ItemsAndPrefixItems) {
    constexpr auto s = R"({"prefixItems": [{"type": "integer"}, {"type": "string"}], "items": {"type": "boolean"}})";
    EXPECT_TRUE(valid(s, "[]"));
    EXPECT_TRUE(valid(s, R"([1, "a", true, false])"));
    EXPECT_EQ(only_error(s, R"([1, 2])").instance_pointer, "/1");
    EXPECT_EQ(only_error(s, R"([1, "a", true, null])").instance_pointer, "/3");
    EXPECT_EQ(only_error(s, R"([1, "a", true, null])").message, "the document[3] must be a boolean (true or false); got null");
    EXPECT_EQ(only_error(R"({"prefixItems": [{}, {}], "items": false})", "[1, 2, 3]").message,
              "the document must have at most 2 items; it has 3");
    EXPECT_EQ(only_error(R"({"properties": {"grid": {"items": {"items": {"type": "integer"}}}}})", R"({"grid": [[1], [2, "x"]]})")
                  .message,
              "\"grid\"[1][1] must be an integer; got a string (\"x\")");
}

TEST(SchemaItems, MinAndMaxItems) {
    EXPECT_EQ(only_error(policy_schema, R"({"id": "a", "stages": []})").message, "\"stages\" must have at least 1 item; it has 0");
    EXPECT_EQ(only_error(R"({"maxItems": 2})", "[1, 2, 3]").message, "the document must have at most 2 items; it has 3");
}

TEST(SchemaUniqueItems, EqualMeansSameJsonValue) {
    constexpr auto s = R"({"uniqueItems": true})";
    EXPECT_FALSE(valid(s, "[1, 1.0]"));
    EXPECT_TRUE(valid(s, "[1, true]"));
    EXPECT_TRUE(valid(s, "[0, false]"));
    EXPECT_FALSE(valid(s, R"([{"a": [1]}, {"a": [1.0]}])"));
    EXPECT_TRUE(valid(s, R"([{"a": 1}, {"a": 1, "b": 2}])"));
    EXPECT_EQ(only_error(R"({"properties": {"roles": {"uniqueItems": true}}})", R"({"roles": ["SW", "TM", "IRO", "TM"]})").message,
              "\"roles\" must not repeat an item, but items [1] and [3] are both \"TM\"");
    // Many items: the hashing path.
    json many = json::array();
    for (int i = 0; i < 1000; ++i) many.push_back(i);
    EXPECT_TRUE(compile(s).validate(many).empty());
    many.push_back(500.0);
    const auto e = compile(s).validate(many);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].message, "the document must not repeat an item, but items [500] and [1000] are both 500.0");
}

// ---- numbers ------------------------------------------------------------------------

TEST(SchemaNumbers, BoundsAreExactAcrossIntegersAndDoubles) {
    EXPECT_TRUE(valid(R"({"minimum": 1, "maximum": 10})", "10.0"));
    EXPECT_EQ(only_error(policy_schema, R"({"id": "a", "stages": [{"id": "s", "kind": "formal", "responder": "TM", "level": 0}]})").message,
              "\"level\" must be at least 1; got 0");
    EXPECT_EQ(only_error(R"({"maximum": 10})", "10.5").message, "the document must be at most 10; got 10.5");
    EXPECT_EQ(only_error(R"({"exclusiveMinimum": 0})", "0").message, "the document must be greater than 0; got 0");
    EXPECT_EQ(only_error(R"({"exclusiveMaximum": 1.5})", "1.5").message, "the document must be less than 1.5; got 1.5");
    EXPECT_FALSE(valid(R"({"maximum": 9007199254740992.0})", "9007199254740993"));
    EXPECT_TRUE(valid(R"({"maximum": 9223372036854775807})", "9223372036854775807"));
    EXPECT_FALSE(valid(R"({"maximum": 9223372036854775807})", "9223372036854775808"));
    EXPECT_TRUE(valid(R"({"minimum": -9223372036854775808})", "-9223372036854775808"));
    EXPECT_FALSE(valid(R"({"minimum": 18446744073709551615})", "-1"));
    EXPECT_FALSE(valid(R"({"maximum": -1})", "18446744073709551615"));
    EXPECT_TRUE(valid(R"({"maximum": 1e300})", "18446744073709551615"));
}

TEST(SchemaNumbers, MultipleOf) {
    EXPECT_TRUE(valid(R"({"multipleOf": 5})", "10"));
    EXPECT_TRUE(valid(R"({"multipleOf": 5})", "-10"));
    EXPECT_TRUE(valid(R"({"multipleOf": 5})", "10.0"));
    EXPECT_FALSE(valid(R"({"multipleOf": 5})", "12.5"));
    EXPECT_TRUE(valid(R"({"multipleOf": 0.5})", "1.5"));
    EXPECT_TRUE(valid(R"({"multipleOf": 0.1})", "0.5"));  // as a person expects, though 0.1 is not exact
    // The quotient overflows: decided exactly, 2^1000 / 2^-100 is a whole number.
    EXPECT_TRUE(valid(R"({"multipleOf": 7.888609052210118e-31})", "1.0715086071862673e301"));
    EXPECT_FALSE(valid(R"({"multipleOf": 0.0001})", "1e308"));
    EXPECT_TRUE(valid(R"({"multipleOf": 3})", "18446744073709551615"));
    EXPECT_EQ(only_error(R"({"multipleOf": 5})", "7").message, "the document must be a multiple of 5; got 7");
}

// ---- strings ------------------------------------------------------------------------

TEST(SchemaStrings, LengthsCountCodePoints) {
    EXPECT_TRUE(valid(R"({"maxLength": 3, "minLength": 3})", R"("été")"));
    EXPECT_TRUE(valid(R"({"maxLength": 1})", R"("💩")"));
    EXPECT_TRUE(valid(R"({"maxLength": 1})", R"("\ud83d\udca9")"));
    EXPECT_FALSE(valid(R"({"maxLength": 2})", R"("日本語")"));
    EXPECT_EQ(only_error(R"({"properties": {"id": {"minLength": 1}}})", R"({"id": ""})").message,
              "\"id\" must be at least 1 character long; got \"\"");
    EXPECT_EQ(only_error(R"({"properties": {"id": {"maxLength": 2}}})", R"({"id": "été"})").message,
              "\"id\" must be at most 2 characters long; it has 3");
}

TEST(SchemaStrings, PatternIsASearchNotAFullMatch) {
    EXPECT_TRUE(valid(R"({"pattern": "b+"})", R"("abc")"));
    EXPECT_FALSE(valid(R"({"pattern": "b+"})", R"("ac")"));
    EXPECT_TRUE(valid(R"({"pattern": "cat|dog"})", R"("hotdog")"));
    EXPECT_FALSE(valid(R"({"pattern": "^abc$"})", R"("abc\n")"));  // ECMAScript $: the very end only
    EXPECT_TRUE(valid(R"({"pattern": "\\bIRO\\b"})", R"("the IRO said")"));
    EXPECT_FALSE(valid(R"({"pattern": "^\\bRO"})", R"("IRO")"));
    EXPECT_TRUE(valid(R"~({"pattern": "^(?!draft)"})~", R"("final")"));
    EXPECT_FALSE(valid(R"~({"pattern": "^(?!draft)"})~", R"("draft-2")"));
    EXPECT_TRUE(valid(R"({"pattern": "^.{3}$"})", R"("été")"));  // . is a code point, not a byte
    EXPECT_TRUE(valid(R"({"pattern": "^[à-ÿ]+$"})", R"("éè")"));
    EXPECT_FALSE(valid(R"({"pattern": "^\\d+$"})", R"("١٢")"));  // \d is ASCII in ECMAScript
    const auto e = only_error(policy_schema, R"({"id": "Merton", "stages": [{"id": "s", "kind": "formal", "responder": "TM"}]})");
    EXPECT_EQ(e.message, "\"id\" must match the pattern ^[a-z][a-z0-9_-]*$; got \"Merton\"");
    EXPECT_EQ(e.hint, "Policy id: lower case, digits, _ and -");
}

// ECMA-262 WhiteSpace and LineTerminator, alone, in a class and in a negated class: what
// \s means to JavaScript and to the engine's event checks.
TEST(SchemaStrings, WhiteSpaceInPatternsIsEcmaScriptsUnicodeWhiteSpace) {
    struct sample {
        const char* text;
        bool white;
    };
    const sample samples[] = {
        {"\t", true},      {"\n", true},      {"\v", true},      {"\f", true},      {"\r", true},      {" ", true},
        {"\u00a0", true},  {"\u1680", true},  {"\u2000", true},  {"\u2007", true},  {"\u200a", true},  {"\u2028", true},
        {"\u2029", true},  {"\u202f", true},  {"\u205f", true},  {"\u3000", true},  {"\ufeff", true},
        {"x", false},      {"_", false},      {"\u0085", false}, {"\u180e", false}, {"\u200b", false}, {"\x1c", false},
        {"\u00e9", false}};
    for (const auto& [text, white] : samples) {
        const std::string instance = json(text).dump();
        SCOPED_TRACE(instance);
        EXPECT_EQ(valid(R"({"pattern": "^\\s$"})", instance), white);
        EXPECT_EQ(valid(R"({"pattern": "^\\S$"})", instance), !white);
        EXPECT_EQ(valid(R"({"pattern": "^[\\s]$"})", instance), white);
        EXPECT_EQ(valid(R"({"pattern": "^[^\\s]$"})", instance), !white);
        EXPECT_EQ(valid(R"({"pattern": "^[#\\S]$"})", instance), !white);
        EXPECT_EQ(valid(R"({"pattern": "^[^#\\S]$"})", instance), white);
        EXPECT_EQ(valid(R"({"propertyNames": {"pattern": "\\s"}})", "{" + instance + ": 1}"), white);
        EXPECT_EQ(valid(R"({"patternProperties": {"\\s": false}})", "{" + instance + ": 1}"), !white);
    }
    EXPECT_TRUE(valid(R"({"pattern": "^[\\s\\S]$"})", R"("\u3000")"));
    EXPECT_TRUE(valid(R"({"pattern": "^[\\w\\s]+$"})", R"("a_\u00a0b")"));
    EXPECT_FALSE(valid(R"({"pattern": "^\\w$"})", R"("\u00e9")"));  // \w and \d stay ASCII
}

// The event schema's free text must not be blank (not: ^\s*$), and the engine refuses a
// note of only white space, counting a no-break space as white space: the two agree.
TEST(SchemaStrings, ANoteOfOnlyANoBreakSpaceIsBlankToTheEventSchemaAsToTheEngine) {
    std::ifstream in(std::string(DRP_SOURCE_DIR) + "/schemas/event.schema.json");
    const auto event_schema = schema::compile(json::parse(in));
    json event = {{"type", "resume"}, {"at", "2027-01-08T09:30:00+00:00"}, {"dispute_id", "MERTON-2026-0041"}};
    for (const char* blank : {"\u00a0", " \u3000\u2028", "\ufeff"}) {
        event["note"] = blank;
        const auto e = event_schema.validate(event);
        ASSERT_EQ(e.size(), 1u) << json(blank).dump();
        EXPECT_EQ(e[0].instance_pointer, "/note");
    }
    event["note"] = "\u00a0x\u00a0";
    EXPECT_TRUE(event_schema.is_valid(event));
    event.erase("note");
    event["dispute_id"] = "MERTON-2026-0041\u00a0";  // no white space at either end
    EXPECT_FALSE(event_schema.is_valid(event));
}

TEST(SchemaStrings, PosixBracketsAreLiteralsInsideAClassAsInEcmaScript) {
    EXPECT_TRUE(valid(R"({"pattern": "^[[:alpha:]]$"})", R"("a]")"));
    EXPECT_FALSE(valid(R"({"pattern": "^[[:alpha:]]$"})", R"("a")"));
    EXPECT_TRUE(valid(R"({"pattern": "^[[]$"})", R"("[")"));
}

TEST(SchemaFormats, DateIsARealCalendarDay) {
    constexpr auto s = R"({"properties": {"due": {"format": "date"}}})";
    EXPECT_TRUE(valid(s, R"({"due": "2024-02-29"})"));
    EXPECT_TRUE(valid(s, R"({"due": "2000-02-29"})"));
    EXPECT_TRUE(valid(s, R"({"due": 20260101})"));  // formats apply to strings only
    EXPECT_EQ(only_error(s, R"({"due": "2026-02-29"})").message, "\"due\" must be a real calendar date; \"2026-02-29\" does not exist");
    EXPECT_EQ(only_error(s, R"({"due": "1900-02-29"})").keyword, "format");
    EXPECT_EQ(only_error(s, R"({"due": "21/12/2026"})").message, "\"due\" must be a date written YYYY-MM-DD; got \"21/12/2026\"");
    for (const char* bad : {"20261221", "2026-W52-1", "2026-12-21T00:00:00Z", "2026-12-1", "2026-12-21 ", "+2026-12-21"})
        EXPECT_FALSE(compile(s).is_valid(json{{"due", bad}})) << bad;
}

TEST(SchemaFormats, DateTimeIsRfc3339WithAnOffset) {
    const auto s = compile(R"({"format": "date-time"})");
    for (const char* good : {"2026-12-21T09:00:00Z", "2026-12-21t09:00:00z", "2026-03-29T01:30:00+01:00", "2026-12-21T09:00:00.123456-05:30",
                             "1998-12-31T23:59:60Z", "1998-12-31T15:59:60-08:00"})
        EXPECT_TRUE(s.is_valid(json(good))) << good;
    for (const char* bad : {"2026-12-21T09:00:00", "2026-12-21 09:00:00Z", "2026-12-21T24:00:00Z", "2026-02-30T09:00:00Z",
                            "2026-12-21T09:60:00Z", "2026-12-21T12:00:60Z", "2026-12-21T09:00:00+24:00", "2026-12-21T9:00:00Z",
                            "2026-12-21T09:00:00.Z", "2026-12-21T09:00:00+0100", "2026-12-21"})
        EXPECT_FALSE(s.is_valid(json(bad))) << bad;
    EXPECT_EQ(s.validate(json("2026-12-21T09:00"))[0].message,
              "the document must be a date and time with a UTC offset, like 2026-12-21T09:00:00Z or 2026-12-21T09:00:00+01:00; "
              "got \"2026-12-21T09:00\"");
}

// ---- $ref and applicators ------------------------------------------------------------

TEST(SchemaRef, NestedRefsAndSiblingKeywordsBothApply) {
    constexpr auto s = R"({"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/c"}, "c": {"minimum": 3}},
                          "$ref": "#/$defs/a", "maximum": 5})";
    EXPECT_TRUE(valid(s, "4"));
    EXPECT_EQ(only_error(s, "2").schema_pointer, "/$defs/c/minimum");
    EXPECT_EQ(only_error(s, "6").schema_pointer, "/maximum");
}

TEST(SchemaRef, RecursiveTreesValidateAtEveryLevel) {
    constexpr auto s = R"({"type": "object", "required": ["name"],
                          "properties": {"name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#"}}}})";
    EXPECT_TRUE(valid(s, R"({"name": "a", "children": [{"name": "b", "children": [{"name": "c"}]}]})"));
    const auto e = only_error(s, R"({"name": "a", "children": [{"name": "b", "children": [{}]}]})");
    EXPECT_EQ(e.instance_pointer, "/children/0/children/0");
    EXPECT_EQ(e.schema_pointer, "/required");
}

TEST(SchemaHints, ComeFromTheFailingSubschemaOrTheNearestEnclosingOneAtThatPlace) {
    // The role's own title wins over the property's description.
    const auto e = errors(policy_schema, R"({"id": "a", "stages": [{"id": "s", "kind": "formal", "responder": "tm"}]})");
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].hint, "Role id, upper case (IRO, TM, HOS_QAPD)");
    // No hint on the failing subschema: the enclosing one at the same place supplies it.
    EXPECT_EQ(only_error(R"({"properties": {"n": {"description": "Days", "allOf": [{"minimum": 1}]}}})", R"({"n": 0})").hint, "Days");
    EXPECT_EQ(only_error(R"({"minimum": 1})", "0").hint, "");
}

TEST(SchemaAllOf, ReportsEveryFailingPart) {
    const auto e = errors(R"({"allOf": [{"type": "integer"}, {"minimum": 2}, {"multipleOf": 2}]})", "1");
    ASSERT_EQ(e.size(), 2u);
    EXPECT_EQ(e[0].keyword, "minimum");
    EXPECT_EQ(e[1].keyword, "multipleOf");
}

TEST(SchemaAnyOf, ReportsTheAlternativeThatCameClosest) {
    // "tm" is a string: the role alternative fits its type and fails only its pattern.
    const auto by_pattern = only_error(policy_schema, R"({"id": "a", "stages": [{"id": "s", "kind": "formal", "responder": "tm"}]})");
    EXPECT_EQ(by_pattern.instance_pointer, "/stages/0/responder");
    EXPECT_EQ(by_pattern.keyword, "pattern");
    EXPECT_EQ(by_pattern.schema_pointer, "/$defs/role/pattern");
    // An array: the list alternative is the one meant, so its item error is reported.
    const auto in_list = only_error(policy_schema, R"({"id": "a", "stages": [{"id": "s", "kind": "formal", "responder": ["SM", "tm"]}]})");
    EXPECT_EQ(in_list.instance_pointer, "/stages/0/responder/1");
    EXPECT_EQ(in_list.message, "\"responder\"[1] must match the pattern ^[A-Z][A-Z_]*$; got \"tm\"");
    // Neither type fits: one error that names both.
    const auto neither = only_error(policy_schema, R"({"id": "a", "stages": [{"id": "s", "kind": "formal", "responder": 5}]})");
    EXPECT_EQ(neither.keyword, "anyOf");
    EXPECT_EQ(neither.schema_pointer, "/$defs/stage/properties/responder/anyOf");
    EXPECT_EQ(neither.message, "\"responder\" must be a string or an array; got a number (5)");
    EXPECT_EQ(neither.hint, "Who must respond");
}

namespace {
constexpr std::string_view event_schema = R"({"oneOf": [
  {"title": "raise", "type": "object", "required": ["type", "child_ref", "urgency"], "additionalProperties": false,
   "properties": {"type": {"const": "raise"}, "child_ref": {"type": "string"},
                  "urgency": {"enum": ["standard", "urgent", "imminent_risk"]}}},
  {"title": "escalate", "type": "object", "required": ["type", "reason"], "additionalProperties": false,
   "properties": {"type": {"const": "escalate"}, "to": {"type": "string"},
                  "reason": {"enum": ["no_response", "inadequate_response", "not_resolved", "discretion"]}}},
  {"title": "legal_advice", "type": "object", "required": ["type"], "additionalProperties": false,
   "properties": {"type": {"const": "legal_advice"}}}
]})";
}  // namespace

TEST(SchemaOneOf, AMistypedDiscriminatorGetsOneErrorListingTheChoices) {
    const auto e = only_error(event_schema, R"({"type": "rasie", "child_ref": "C1", "urgency": "urgent"})");
    EXPECT_EQ(e.instance_pointer, "/type");
    EXPECT_EQ(e.keyword, "oneOf");
    EXPECT_EQ(e.schema_pointer, "/oneOf");
    EXPECT_EQ(e.message, "\"type\" must be one of raise, escalate, legal_advice; got \"rasie\"; did you mean \"raise\"?");
}

TEST(SchemaOneOf, AMatchingDiscriminatorSelectsItsAlternativesErrors) {
    // Fewer errors in legal_advice (one unknown property... and a wrong const) must not win
    // over the alternative whose "type" matches.
    const auto missing = errors(event_schema, R"({"type": "raise"})");
    ASSERT_EQ(missing.size(), 2u);
    EXPECT_EQ(missing[0].message, "the document is missing the required property \"child_ref\"");
    EXPECT_EQ(missing[1].message, "the document is missing the required property \"urgency\"");
    EXPECT_EQ(missing[0].schema_pointer, "/oneOf/0/required");
    const auto wrong = only_error(event_schema, R"({"type": "escalate", "reason": "bored"})");
    EXPECT_EQ(wrong.instance_pointer, "/reason");
    EXPECT_EQ(wrong.message, "\"reason\" must be one of no_response, inadequate_response, not_resolved, discretion; got \"bored\"");
    const auto extra = only_error(event_schema, R"({"type": "legal_advice", "urgency": "urgent"})");
    EXPECT_EQ(extra.keyword, "additionalProperties");
    EXPECT_EQ(extra.instance_pointer, "/urgency");
}

TEST(SchemaOneOf, MatchingMoreThanOneAlternativeNamesThem) {
    const auto e = only_error(R"({"oneOf": [{"type": "integer", "title": "whole"}, {"minimum": 2}]})", "3");
    EXPECT_EQ(e.keyword, "oneOf");
    EXPECT_EQ(e.message, "the document matches more than one alternative, #/oneOf/0 (whole) and #/oneOf/1, but must match exactly one");
    EXPECT_TRUE(valid(R"({"oneOf": [{"type": "integer"}, {"minimum": 2}]})", "1"));
    EXPECT_TRUE(valid(R"({"oneOf": [{"type": "integer"}, {"minimum": 2}]})", "2.5"));
}

TEST(SchemaNot, SaysWhatTheValueMustNotBe) {
    EXPECT_EQ(only_error(R"({"not": {"enum": ["TBC"], "title": "a placeholder"}})", R"("TBC")").message,
              "the document must not be: a placeholder");
    EXPECT_EQ(only_error(R"({"not": {"type": "string"}})", R"("x")").message, "the document must not match the schema at #/not");
    EXPECT_TRUE(valid(R"({"not": {"type": "string"}})", "1"));
}

TEST(SchemaIfThenElse, ReportsTheBranchTheConditionChose) {
    constexpr auto s = R"({"if": {"properties": {"kind": {"const": "formal"}}, "required": ["kind"]},
                          "then": {"required": ["timescale"]}, "else": {"properties": {"timescale": false}}})";
    EXPECT_TRUE(valid(s, R"({"kind": "formal", "timescale": 5})"));
    const auto then_error = only_error(s, R"({"kind": "formal"})");
    EXPECT_EQ(then_error.schema_pointer, "/then/required");
    const auto else_error = only_error(s, R"({"kind": "informal", "timescale": 5})");
    EXPECT_EQ(else_error.schema_pointer, "/else/properties/timescale");
    EXPECT_EQ(else_error.message, "property \"timescale\" is not allowed in the document");
    EXPECT_TRUE(else_error.at_key);
    // if without then/else, then/else without if: no effect.
    EXPECT_TRUE(valid(R"({"if": false})", "1"));
    EXPECT_TRUE(valid(R"({"then": false, "else": false})", "1"));
    EXPECT_TRUE(valid(R"({"if": {"type": "string"}, "else": {"type": "integer"}})", R"("s")"));
    EXPECT_FALSE(valid(R"({"if": {"type": "string"}, "else": {"type": "integer"}})", "1.5"));
}

TEST(SchemaBooleans, TrueAcceptsAndFalseRefuses) {
    EXPECT_TRUE(valid("true", R"({"anything": [1]})"));
    EXPECT_EQ(only_error("false", "1").message, "the document is not allowed here");
    EXPECT_EQ(only_error("false", "1").keyword, "false");
    EXPECT_EQ(only_error(R"({"items": {"properties": {"old": false}}})", R"([{"old": 1}])").message,
              "property \"old\" is not allowed in the document[0]");
}

TEST(SchemaErrors, StopAtMaxErrorsButAlwaysReportOne) {
    json many = json::array();
    for (int i = 0; i < 1000; ++i) many.push_back("x");
    const auto s = compile(R"({"items": {"type": "integer"}})");
    EXPECT_EQ(s.validate(many).size(), 100u);
    EXPECT_EQ(s.validate(many, 7).size(), 7u);
    EXPECT_EQ(s.validate(many, 0).size(), 1u);
    EXPECT_EQ(drp::json::to_string(s.validate(many, 1)[0]), "/0: the document[0] must be an integer; got a string (\"x\")");
}

// ---- the event schema's broken fixtures ----------------------------------------------

// Every tests/fixtures/events/invalid/NAME.json is refused by drp's validator (what
// drp_schema_check runs) at the pointer its NAME.x-expect names, as by Python's jsonschema
// (tests/python/test_event_schemas.py); an unknown member is reported at itself.
TEST(SchemaEventFixtures, EveryBrokenEventIsRefusedAtThePointerItsExpectationNames) {
    const std::filesystem::path root = DRP_SOURCE_DIR;
    std::ifstream schema_file(root / "schemas/event.schema.json");
    const auto event_schema = schema::compile(json::parse(schema_file));
    std::size_t checked = 0;
    for (const auto& entry : std::filesystem::directory_iterator(root / "tests/fixtures/events/invalid")) {
        if (entry.path().extension() != ".json") continue;
        std::ifstream event_file(entry.path()), expect_file(std::filesystem::path(entry.path()).replace_extension(".x-expect"));
        const json expect = json::parse(expect_file);
        const auto errors = event_schema.validate(json::parse(event_file));
        EXPECT_FALSE(errors.empty()) << entry.path().filename() << " should be refused: " << expect.at("broken");
        for (const auto& e : errors) {
            const std::string& at = e.instance_pointer;
            const std::string parent = e.at_key ? at.substr(0, at.rfind('/')) : at;
            EXPECT_EQ(parent, expect.at("pointer").get<std::string>()) << entry.path().filename() << ": " << drp::json::to_string(e);
        }
        ++checked;
    }
    EXPECT_GT(checked, 40u);
}

// ---- hostile instances ----------------------------------------------------------------

TEST(SchemaHostile, DeepNestingIsCutOffNotOverflowed) {
    std::string deep(200000, '[');
    deep += std::string(200000, ']');
    const auto instance = json::parse(deep);
    const auto recursive = compile(R"({"items": {"$ref": "#"}})");
    const auto e = recursive.validate(instance);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].keyword, "maxDepth");
    EXPECT_NE(e[0].message.find("nested more than 100 levels"), std::string::npos);
    EXPECT_EQ(e[0].instance_pointer.size(), 200u);
    EXPECT_FALSE(recursive.is_valid(instance));
    drp::json::validate_options deeper;
    deeper.max_depth = 300;
    EXPECT_EQ(recursive.validate(instance, deeper)[0].instance_pointer.size(), 600u);
    // A schema that does not descend does not care how deep the value is.
    EXPECT_TRUE(compile(R"({"type": "array", "minItems": 1})").is_valid(instance));
    // Equality of deep values (uniqueItems, enum) is iterative. (Parsed, not copied:
    // copying a json value is recursive in nlohmann/json.)
    const auto pair = json::parse("[" + deep + "," + deep + "]");
    EXPECT_FALSE(compile(R"({"uniqueItems": true})").is_valid(pair));
    EXPECT_FALSE(compile(R"({"enum": [[[1]]]})").is_valid(instance));
}

TEST(SchemaHostile, LongChainsOfReferencesAreCutOffToo) {
    // 1,200 references at one place in the instance: past the 10 * max_depth + 100 bound.
    json defs = json::object();
    for (int i = 0; i < 1200; ++i) defs["d" + std::to_string(i)] = {{"$ref", "#/$defs/d" + std::to_string(i + 1)}};
    defs["d1200"] = {{"type", "integer"}};
    const auto s = schema::compile({{"$defs", defs}, {"$ref", "#/$defs/d0"}});
    const auto e = s.validate(json(1));
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].keyword, "maxDepth");
    drp::json::validate_options more;
    more.max_depth = 150;  // allows 1,600 nested checks
    EXPECT_TRUE(s.validate(json(1), more).empty());
    EXPECT_EQ(s.validate(json("x"), more).at(0).schema_pointer, "/$defs/d1200/type");
}

#if !defined(__SANITIZE_ADDRESS__)
TEST(SchemaHostile, DefaultLimitsFitInHalfAMebibyteOfStack) {
    // A host thread with a small stack, a recursive schema and the deepest instance the
    // defaults check.
    const auto s = compile(R"({"items": {"allOf": [{"anyOf": [{"type": "string"}, {"$ref": "#"}]}]}})");
    std::string deep(99, '[');
    deep += std::string(99, ']');
    const auto instance = json::parse(deep);
    struct job {
        const schema* s;
        const json* instance;
        bool valid = false;
    } work{&s, &instance};
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setstacksize(&attributes, 512 * 1024);
    pthread_t thread;
    ASSERT_EQ(pthread_create(&thread, &attributes,
                             [](void* p) -> void* {
                                 auto* w = static_cast<job*>(p);
                                 w->valid = w->s->validate(*w->instance).empty();
                                 return nullptr;
                             },
                             &work),
              0);
    pthread_join(thread, nullptr);
    pthread_attr_destroy(&attributes);
    EXPECT_TRUE(work.valid);
}
#endif

TEST(SchemaHostile, WorkThatWouldMultiplyWithNestingStopsAtTheCheckBudget) {
    // Both alternatives recurse, so each level doubles the work: 2^40 checks unbounded.
    const auto s = compile(R"({"anyOf": [{"type": "array", "items": {"$ref": "#"}},
                                         {"type": "array", "items": {"$ref": "#"}, "minItems": 1}]})");
    const auto instance = json::parse(std::string(40, '[') + "\"x\"" + std::string(40, ']'));
    const auto e = s.validate(instance);
    ASSERT_FALSE(e.empty());
    EXPECT_EQ(e.back().keyword, "maxChecks");
    EXPECT_FALSE(s.is_valid(instance));
    EXPECT_TRUE(s.is_valid(json::parse(std::string(40, '[') + std::string(40, ']'))));
}

TEST(SchemaHostile, LongStringsAgainstPatternsDoNotExhaustTheStack) {
    const json long_text(std::string(1 << 20, 'a'));
    EXPECT_TRUE(compile(R"({"pattern": "^(a|b)*$"})").is_valid(long_text));
    EXPECT_FALSE(compile(R"({"pattern": "a.*c"})").is_valid(long_text));
    EXPECT_FALSE(compile(R"({"pattern": "^(a+)+$"})").is_valid(json(std::string(30, 'a') + "!")));  // no exponential blow-up
    const auto e = compile(R"({"maxLength": 10})").validate(long_text);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].message, "the document must be at most 10 characters long; it has 1048576");
}

TEST(SchemaHostile, ExtremeNumbersAndNonJsonValuesDoNotCrash) {
    const auto s = compile(R"({"minimum": -1, "maximum": 1, "multipleOf": 0.5, "type": "integer", "enum": [0, 1]})");
    for (const json& v : {json(1e308), json(-1e308), json(std::numeric_limits<std::uint64_t>::max()),
                          json(std::numeric_limits<std::int64_t>::min()), json(5e-324), json(std::nan("")),
                          json(std::numeric_limits<double>::infinity())})
        EXPECT_FALSE(s.validate(v).empty()) << v.dump();
    // Built in code rather than parsed: invalid UTF-8 must not make messages throw.
    const json bad_utf8(std::string("\xff\xfe\x80"));
    const auto e = compile(R"({"enum": ["a"], "pattern": "^a$", "maxLength": 1})").validate(bad_utf8);
    EXPECT_EQ(e.size(), 3u);
    const json bad_key = {{std::string("\xc3"), 1}};
    EXPECT_EQ(compile(R"({"additionalProperties": false})").validate(bad_key).size(), 1u);
}

TEST(SchemaHostile, HugeFlatInstancesStayFast) {
    json big = json::object();
    for (int i = 0; i < 100000; ++i) big["k" + std::to_string(i)] = i;
    const auto s = compile(R"({"additionalProperties": {"type": "integer"}, "propertyNames": {"pattern": "^k[0-9]+$"}})");
    EXPECT_TRUE(s.is_valid(big));
    big["K"] = "x";
    EXPECT_EQ(s.validate(big).size(), 2u);
}

TEST(SchemaThreads, OneCompiledSchemaValidatesFromManyThreads) {
    const auto s = compile(policy_schema);
    const auto good = json::parse(R"({"id": "a", "stages": [{"id": "s", "kind": "formal", "responder": ["TM", "SM"]}]})");
    const auto bad = json::parse(R"({"id": "A", "stages": [{"id": "", "kind": "x", "responder": 1}]})");
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 200; ++i)
                if (!s.is_valid(good) || s.validate(bad).size() != 4) ++failures;
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(failures.load(), 0);
}
