"""drp's JSON Schema validator agrees with Python's jsonschema (which we did not write).

A hand-written corpus of schemas, each with instances chosen to sit on either side of
its keywords' edges, is widened by systematic mutations of those instances (drop or add
a member, change a value's type, nudge a number, shorten a string...). For every
schema/instance pair drp's verdict (via the drp_schema_check tool) must equal
jsonschema.Draft202012Validator's with a format checker.

Where the JSON Schema specification and Python's jsonschema part ways, the pair is
listed in SPEC_VERDICTS with the specification's verdict and the reason; the test
checks that drp follows the specification and that Python still differs (so a stale
entry is noticed).
"""
import datetime
import json
import re
import subprocess

import jsonschema
import pytest

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# (name, schema, instances). Names are test ids.
CORPUS = [
    # ---- type ----
    ("type-string", {"type": "string"}, ["", "x", 1, None, [], {}, True]),
    ("type-integer", {"type": "integer"}, [1, 1.0, 1.5, -0.0, 0, 1e300, -7, 18446744073709551615, 18446744073709551616, "1", True]),
    ("type-number", {"type": "number"}, [0, -1.5, 1e-300, 9223372036854775807, "0", None, False]),
    ("type-boolean", {"type": "boolean"}, [True, False, 0, 1, "true", None]),
    ("type-null", {"type": "null"}, [None, 0, "", False, [], {}]),
    ("type-object-array", {"type": ["object", "array"]}, [{}, [], {"a": 1}, [1], "x", 1, None]),
    ("type-string-or-null", {"type": ["string", "null"]}, ["a", None, 0, False]),
    ("type-integer-or-string", {"type": ["integer", "string"]}, [2, 2.0, 2.5, "2.5", None]),
    # ---- enum / const ----
    ("enum-kinds", {"enum": ["informal", "meeting", "formal", "referral"]}, ["formal", "formel", "Formal", "", 1, None]),
    ("enum-mixed", {"enum": [1, "1", None, [1, 2], {"a": 1}, True]},
     [1, 1.0, "1", None, [1, 2], [1.0, 2.0], [2, 1], {"a": 1}, {"a": 1.0}, {"a": 1, "b": 2}, True, False, 0]),
    ("enum-false-is-not-zero", {"enum": [False, 0]}, [False, 0, 0.0, True, 1, None]),
    ("const-number", {"const": 2}, [2, 2.0, 2.5, "2", [2], True]),
    ("const-object", {"const": {"a": [1, {"b": None}]}}, [{"a": [1, {"b": None}]}, {"a": [1.0, {"b": None}]}, {"a": [1, {}]}, {"a": [1, {"b": None}], "c": 1}, {}]),
    ("const-null", {"const": None}, [None, 0, "", False]),
    ("const-big-integer", {"const": 9007199254740993}, [9007199254740993, 9007199254740992, 9007199254740992.0, 9007199254740994.0]),
    # ---- objects ----
    ("required", {"required": ["id", "kind"]}, [{"id": 1, "kind": 2}, {"id": 1}, {}, {"kind": None, "id": None, "x": 1}, [], "id"]),
    ("properties", {"properties": {"id": {"type": "string"}, "level": {"type": "integer", "minimum": 1}}},
     [{}, {"id": "a"}, {"id": 1}, {"level": 1}, {"level": 0}, {"level": 1.0}, {"other": {}}, 3]),
    ("additional-false", {"properties": {"id": {}, "responder": {}}, "additionalProperties": False},
     [{}, {"id": 1}, {"responder": 1}, {"responders": 1}, {"id": 1, "x": None}, [1]]),
    ("additional-schema", {"properties": {"id": {}}, "additionalProperties": {"type": "integer"}},
     [{"id": "x"}, {"id": "x", "n": 1}, {"n": "1"}, {"a": 1, "b": 2.0}, {"a": 1, "b": 2.5}]),
    ("pattern-properties", {"patternProperties": {"^x-": {"type": "string"}, "[0-9]$": {"type": "integer"}}, "additionalProperties": False},
     [{}, {"x-a": "s"}, {"x-a": 1}, {"a1": 1}, {"a1": "s"}, {"x-1": 1}, {"x-1": "s"}, {"y": 1}, {"ax-": "s"}]),
    ("pattern-properties-search", {"patternProperties": {"b": {"const": 0}}}, [{"abc": 0}, {"abc": 1}, {"ac": 1}, {"B": 1}]),
    ("property-names", {"propertyNames": {"pattern": "^[a-z_]+$", "maxLength": 5}},
     [{}, {"ab": 1}, {"Ab": 1}, {"abcdef": 1}, {"a_b": 1, "c": 2}, {"": 1}, ["A"]]),
    ("property-names-false", {"propertyNames": False}, [{}, {"a": 1}, [], 1]),
    ("property-names-enum", {"propertyNames": {"enum": ["IRO", "SW", "TM"]}}, [{"IRO": 1}, {"IRO": 1, "TM": 2}, {"iro": 1}]),
    ("min-max-properties", {"minProperties": 1, "maxProperties": 2}, [{}, {"a": 1}, {"a": 1, "b": 2}, {"a": 1, "b": 2, "c": 3}, [], "ab"]),
    ("dependent-required", {"dependentRequired": {"start_stage": ["start_reason"], "due": []}},
     [{}, {"start_stage": "ir2"}, {"start_stage": "ir2", "start_reason": "x"}, {"start_reason": "x"}, {"due": 1}, []]),
    ("properties-false", {"properties": {"legacy": False}}, [{}, {"legacy": 1}, {"legacy": None}, {"other": 1}]),
    ("object-keys-with-slash-and-tilde", {"properties": {"a/b": {"type": "integer"}, "m~n": {"type": "string"}}, "required": ["a/b"]},
     [{"a/b": 1}, {"a/b": "1"}, {"a/b": 1, "m~n": 2}, {"m~n": "x"}]),
    # ---- arrays ----
    ("items", {"items": {"type": "string"}}, [[], ["a"], ["a", 1], [None], "abc", {}]),
    ("prefix-items", {"prefixItems": [{"type": "integer"}, {"type": "string"}]}, [[], [1], [1, "a"], [1, "a", None], ["a", 1], [1.0, "x"]]),
    ("prefix-items-closed", {"prefixItems": [{"type": "integer"}, {"type": "string"}], "items": False}, [[1, "a"], [1, "a", 2], [1], []]),
    ("prefix-items-and-items", {"prefixItems": [{"const": "head"}], "items": {"type": "integer"}}, [["head"], ["head", 1, 2], ["head", "x"], ["x"], [1]]),
    ("min-max-items", {"minItems": 1, "maxItems": 3}, [[], [1], [1, 2, 3], [1, 2, 3, 4], {}, "abcd"]),
    ("unique-items", {"uniqueItems": True},
     [[], [1, 2], [1, 1], [1, 1.0], [1, True], [0, False], [[1], [True]], [{"a": 1}, {"a": 1.0}], [{"a": 1}, {"b": 1}], ["a", "A"],
      [None, None], [[1, 2], [2, 1]], [1.5, 1.50], list(range(40)), list(range(40)) + [39.0], [{"a": [1, {"b": 2}]}, {"a": [1, {"b": 2.0}]}]]),
    ("unique-items-false", {"uniqueItems": False}, [[1, 1], []]),
    ("items-of-objects", {"type": "array", "items": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string", "minLength": 1}}}},
     [[], [{"id": "a"}], [{"id": ""}], [{}], [{"id": "a"}, {"id": 1}], [1]]),
    # ---- numbers ----
    ("minimum-maximum", {"minimum": 1, "maximum": 10}, [1, 0, 10, 10.0, 10.5, 0.999, -5, "5", 18446744073709551615]),
    ("exclusive-bounds", {"exclusiveMinimum": 0, "exclusiveMaximum": 1.5}, [0, 0.0, 1e-9, 1, 1.5, 1.4999, -1]),
    ("minimum-float-bound", {"minimum": 2.5}, [2, 3, 2.5, 2.4999999, -0.0]),
    ("maximum-big", {"maximum": 9223372036854775807}, [9223372036854775807, 9223372036854775808, 9.3e18, -9223372036854775808, 18446744073709551615]),
    ("minimum-negative-big", {"minimum": -9223372036854775808}, [-9223372036854775808, -9.3e18, 0, -9223372036854775807]),
    ("multiple-of-int", {"multipleOf": 5}, [0, 5, 10, 7, -10, 10.0, 12.5, 1e20, 9223372036854775805, "5"]),
    ("multiple-of-float", {"multipleOf": 0.5}, [0, 1, 1.5, 1.25, -2.5, 7]),
    ("multiple-of-tenth", {"multipleOf": 0.1}, [0.5, 1, 0.3, 2.2, 12.34]),
    ("multiple-of-tiny", {"multipleOf": 0.0001}, [1e308, 1, 0.00015]),
    ("multiple-of-overflowing-quotient", {"multipleOf": 7.888609052210118e-31}, [1.0715086071862673e301, 1e301, 3.0, 1.5e-30]),
    ("integer-with-minimum", {"type": "integer", "minimum": 0, "maximum": 365}, [0, 365, 366, 1.0, 1.5, -1]),
    # ---- strings ----
    ("min-max-length", {"minLength": 2, "maxLength": 3}, ["", "a", "ab", "abc", "abcd", 12345, None]),
    ("length-non-ascii", {"minLength": 3, "maxLength": 3}, ["été", "ééé", "日本語", "💩💩💩", "ab", "abcd", "e\u0301t"]),
    ("max-length-emoji", {"maxLength": 1}, ["💩", "💩💩", "é", "", "ab"]),
    ("pattern-search", {"pattern": "b+"}, ["b", "abc", "ac", "", "BBB", 12]),
    ("pattern-anchored", {"pattern": "^[a-z_]+$"}, ["abc", "a_b", "Abc", "abc ", "", "a-b"]),
    ("pattern-stage-id", {"pattern": "^(ir|stage)[0-9]{1,2}$"}, ["ir1", "stage12", "ir123", "xir1", "IR1", "stage"]),
    ("pattern-alternation", {"pattern": "cat|dog"}, ["a cat", "hotdog", "cow", ""]),
    ("pattern-dot-non-ascii", {"pattern": "^.{3}$"}, ["abc", "été", "日本語", "ab", "abcd"]),
    ("pattern-class-non-ascii", {"pattern": "^[à-ÿ]+$"}, ["éè", "abc", "é1", ""]),
    ("pattern-escapes", {"pattern": "^\\d{4}-\\d{2}-\\d{2}$"}, ["2026-01-01", "2026-1-01", "x2026-01-01"]),
    ("pattern-lookahead", {"pattern": "^(?!draft).+"}, ["final", "draft-1", "", "d"]),
    ("pattern-role-id", {"pattern": "^[A-Z][A-Z_]*$"}, ["IRO", "IRO_MANAGER", "iro", "_IRO", "HOS QAPD"]),
    ("pattern-white-space", {"pattern": "^\\s+$"},
     [" ", "\t\n", "\u00a0", "\u1680", "\u2007", "\u2028", "\u3000", "\ufeff", "\u0085", "\x1c", "\u200b", "x"]),
    ("pattern-not-white-space", {"pattern": "^[^\\s]+$"}, ["x", "\u00a0", "a\u3000", "\u200b"]),
    # ---- formats ----
    ("format-date", {"format": "date"},
     ["2026-12-21", "2024-02-29", "2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-12-21T00:00:00Z", "21/12/2026", "", 20261221, "1900-02-29", "2000-02-29"]),
    ("format-date-time", {"format": "date-time"},
     ["2026-12-21T09:00:00Z", "2026-12-21T09:00:00+01:00", "2026-12-21T09:00:00.123-05:30", "2026-12-21t09:00:00z", "2026-12-21T09:00:00",
      "2026-12-21 09:00:00Z", "2026-12-21T24:00:00Z", "2026-02-30T09:00:00Z", "2026-12-21T09:60:00Z", "2026-12-21T09:00:00+24:00",
      "2026-12-21T9:00:00Z", "2026-12-21", 3, "2026-12-21T09:00:00.Z"]),
    ("format-with-type", {"type": "string", "format": "date"}, ["2026-01-01", 5, "2026-01-32"]),
    # ---- $ref / $defs ----
    ("ref-defs", {"$defs": {"role": {"type": "string", "pattern": "^[A-Z_]+$"}}, "properties": {"responder": {"$ref": "#/$defs/role"}, "notify": {"type": "array", "items": {"$ref": "#/$defs/role"}}}},
     [{}, {"responder": "TM"}, {"responder": "tm"}, {"notify": ["SM", "HOS"]}, {"notify": ["SM", 1]}]),
    ("ref-nested", {"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/c"}, "c": {"type": "integer", "minimum": 3}}, "$ref": "#/$defs/a"},
     [3, 4, 2, "3", 3.0]),
    ("ref-with-siblings", {"$defs": {"positive": {"minimum": 1}}, "$ref": "#/$defs/positive", "maximum": 5, "type": "integer"}, [1, 5, 0, 6, 2.5]),
    ("ref-recursive-tree", {"type": "object", "properties": {"name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#"}}}, "required": ["name"], "additionalProperties": False},
     [{"name": "a"}, {"name": "a", "children": [{"name": "b", "children": [{"name": "c"}]}]}, {"name": "a", "children": [{"name": "b", "children": [{}]}]}, {"name": "a", "children": [{"name": 1}]}]),
    ("ref-json-pointer-escapes", {"$defs": {"a/b": {"const": 1}, "c~d": {"const": 2}, "e f": {"const": 3}}, "anyOf": [{"$ref": "#/$defs/a~1b"}, {"$ref": "#/$defs/c~0d"}, {"$ref": "#/$defs/e%20f"}]},
     [1, 2, 3, 4]),
    ("ref-into-properties", {"properties": {"a": {"type": "integer"}, "b": {"$ref": "#/properties/a"}}}, [{"a": 1, "b": 2}, {"b": "x"}, {"a": "x"}]),
    ("ref-items-prefix", {"$defs": {"pair": {"prefixItems": [{"type": "string"}, {"type": "integer"}], "items": False}}, "type": "array", "items": {"$ref": "#/$defs/pair"}},
     [[], [["a", 1]], [["a", 1], ["b", "c"]], [["a", 1, 2]]]),
    # ---- applicators ----
    ("all-of", {"allOf": [{"type": "integer"}, {"minimum": 2}, {"multipleOf": 2}]}, [2, 4, 3, 0, 2.0, "4"]),
    ("any-of", {"anyOf": [{"type": "string", "maxLength": 2}, {"type": "integer", "minimum": 10}]}, ["ab", "abc", 10, 9, 10.0, None]),
    ("one-of", {"oneOf": [{"type": "integer"}, {"minimum": 2}]}, [1, 2, 2.5, 1.5, "x"]),
    ("one-of-discriminated", {"oneOf": [
        {"type": "object", "properties": {"type": {"const": "raise"}, "urgency": {"enum": ["standard", "urgent", "imminent_risk"]}}, "required": ["type", "urgency"], "additionalProperties": False},
        {"type": "object", "properties": {"type": {"const": "escalate"}, "reason": {"enum": ["no_response", "inadequate_response", "not_resolved", "discretion"]}, "to": {"type": "string"}}, "required": ["type", "reason"], "additionalProperties": False},
        {"type": "object", "properties": {"type": {"const": "legal_advice"}}, "required": ["type"], "additionalProperties": False}]},
     [{"type": "raise", "urgency": "urgent"}, {"type": "raise"}, {"type": "rasie", "urgency": "urgent"}, {"type": "escalate", "reason": "discretion", "to": "ir3"},
      {"type": "escalate", "reason": "bored"}, {"type": "legal_advice"}, {"type": "legal_advice", "urgency": "urgent"}, {}, []]),
    ("not", {"not": {"type": "string"}}, [1, "a", None]),
    ("not-enum", {"type": "string", "not": {"enum": ["TBC", "n/a"]}}, ["IRO", "TBC", "n/a", ""]),
    ("if-then-else", {"if": {"properties": {"kind": {"const": "formal"}}, "required": ["kind"]}, "then": {"required": ["timescale"]}, "else": {"not": {"required": ["timescale"]}}},
     [{"kind": "formal", "timescale": 5}, {"kind": "formal"}, {"kind": "informal"}, {"kind": "informal", "timescale": 5}, {}, {"timescale": 1}, "x"]),
    ("if-without-then", {"if": {"type": "string"}, "else": {"type": "integer"}}, ["s", 1, 1.5, None]),
    ("if-only", {"if": {"type": "string"}}, ["s", 1]),
    ("then-without-if", {"then": False, "else": False}, ["s", 1, None]),
    ("if-then-chain", {"allOf": [
        {"if": {"properties": {"type": {"const": "refer"}}}, "then": {"required": ["to"]}},
        {"if": {"properties": {"type": {"const": "pause"}}}, "then": {"required": ["approved_by"]}}]},
     [{"type": "refer", "to": "cafcass"}, {"type": "refer"}, {"type": "pause"}, {"type": "pause", "approved_by": "IRO_MANAGER"}, {"type": "other"}]),
    ("items-false-alone", {"items": False}, [[], [1], {}, "x"]),
    ("prefix-items-false-member", {"prefixItems": [True, False]}, [[], [1], [1, 2], [1, None, 3]]),
    ("max-length-zero", {"maxLength": 0}, ["", " ", 0]),
    ("multiple-of-cents", {"multipleOf": 0.01}, [19.99, 0.07, 1, 10.005, 0.3]),
    ("exclusive-float-edges", {"exclusiveMinimum": 0.1, "maximum": 0.30000000000000004}, [0.1, 0.1000001, 0.3, 0.30000000000000004, 0.31]),
    ("property-names-const", {"propertyNames": {"const": "only"}}, [{}, {"only": 1}, {"other": 1}, {"only": 1, "x": 2}]),
    ("one-of-with-false", {"oneOf": [False, {"type": "integer"}, {"not": {"not": {"minimum": 3}}}]}, [1, 3, 3.5, 2.5, "x"]),
    ("any-of-nested-refs", {"$defs": {"id": {"type": "string", "minLength": 1}, "ids": {"type": "array", "items": {"$ref": "#/$defs/id"}, "uniqueItems": True}},
                            "properties": {"who": {"anyOf": [{"$ref": "#/$defs/id"}, {"$ref": "#/$defs/ids"}]}}},
     [{"who": "IRO"}, {"who": ""}, {"who": ["a", "b"]}, {"who": ["a", "a"]}, {"who": ["a", ""]}, {"who": 3}]),
    ("dependent-required-closed", {"properties": {"a": {}, "b": {}}, "additionalProperties": False, "dependentRequired": {"a": ["b"], "b": ["a"]}},
     [{}, {"a": 1}, {"b": 1}, {"a": 1, "b": 2}, {"a": 1, "b": 2, "c": 3}]),
    ("boolean-true", True, [1, "a", None, {}, []]),
    ("boolean-false", False, [1, "a", None, {}, []]),
    ("empty-schema", {}, [1, None, {"a": []}]),
    ("annotations", {"title": "t", "description": "d", "examples": [1], "default": 0, "$comment": "c", "deprecated": True, "readOnly": False, "$schema": DRAFT, "$id": "https://example.org/s.json", "type": "integer"},
     [1, "1"]),
    ("root-id-refs", {"$id": "https://example.org/policy.schema.json", "$defs": {"n": {"type": "integer"}}, "items": {"$ref": "https://example.org/policy.schema.json#/$defs/n"}},
     [[1], ["x"], []]),
    # ---- a policy-shaped schema combining many keywords ----
    ("policy-like", {
        "$schema": DRAFT,
        "type": "object",
        "required": ["id", "version", "stages"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "pattern": "^[a-z][a-z0-9_-]*$"},
            "version": {"type": "integer", "minimum": 1},
            "division": {"enum": ["england-and-wales", "scotland", "northern-ireland"]},
            "stages": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/stage"}},
            "closures": {"type": "array", "items": {"type": "string", "format": "date"}, "uniqueItems": True},
        },
        "$defs": {
            "role": {"type": "string", "pattern": "^[A-Z][A-Z_]*$"},
            "timescale": {"type": "object", "required": ["amount", "unit"], "additionalProperties": False,
                          "properties": {"amount": {"type": "integer", "minimum": 0}, "unit": {"enum": ["working_days", "calendar_days", "hours"]}}},
            "stage": {
                "type": "object",
                "required": ["id", "kind"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string", "minLength": 1, "maxLength": 40},
                    "kind": {"enum": ["informal", "meeting", "formal", "referral"]},
                    "responder": {"anyOf": [{"$ref": "#/$defs/role"}, {"type": "array", "items": {"$ref": "#/$defs/role"}, "minItems": 1, "uniqueItems": True}]},
                    "timescale": {"$ref": "#/$defs/timescale"},
                    "optional": {"type": "boolean"},
                },
                "if": {"properties": {"kind": {"enum": ["formal", "meeting"]}}},
                "then": {"required": ["responder", "timescale"]},
            },
        },
    }, [
        {"id": "merton", "version": 1, "stages": [{"id": "informal", "kind": "informal"}]},
        {"id": "merton", "version": 1, "division": "england-and-wales", "closures": ["2026-12-29", "2026-12-30"],
         "stages": [{"id": "ir1", "kind": "formal", "responder": "TM", "timescale": {"amount": 10, "unit": "working_days"}},
                    {"id": "ir2", "kind": "formal", "responder": ["SM", "HOS"], "timescale": {"amount": 3, "unit": "working_days"}}]},
        {"id": "merton", "version": 1, "stages": [{"id": "ir1", "kind": "formal"}]},
        {"id": "merton", "version": 1, "stages": [{"id": "ir1", "kind": "formal", "responder": "tm", "timescale": {"amount": 10, "unit": "working_days"}}]},
        {"id": "merton", "version": 1, "stages": [{"id": "ir1", "kind": "formal", "responder": [], "timescale": {"amount": 10, "unit": "days"}}]},
        {"id": "merton", "version": 1, "closures": ["2026-12-29", "2026-12-29"], "stages": [{"id": "a", "kind": "informal"}]},
        {"id": "merton", "version": 0, "stages": []},
    ]),
]

# Pairs where drp's verdict rightly differs from Python's jsonschema 4.10, keyed by
# (schema name, instance as JSON text): (drp's verdict, why).
SPEC_VERDICTS = {
    ("pattern-anchored", '"abc\\n"'): (False, "ECMAScript $ matches only at the end; Python's re also before a final newline"),
    ("format-date", '"20261221"'): (False, "RFC 3339 full-date needs dashes; Python 3.11's date.fromisoformat accepts ISO basic format"),
    ("format-date", '"2026-W52-1"'): (False, "RFC 3339 has no week dates; Python 3.11's date.fromisoformat accepts them"),
    ("enum-mixed", '[true, 2.0]'): (False, "true is not 1 (spec: booleans and numbers never equal); jsonschema 4.10's enum uses Python's `in`, where [True] == [1]"),
    ("enum-mixed", '{"a": true}'): (False, "as above, inside an object"),
    ("unique-items", '[[1], [true], [1]]'): (False, "[1] repeats; jsonschema 4.10 sorts first (treating [true] == [1]) and then only compares neighbours"),
    # ECMA-262 \s is WhiteSpace and LineTerminator; Python's re \s is str.isspace().
    ("pattern-white-space", '"\ufeff"'): (True, "U+FEFF is ECMAScript white space; not to Python's re"),
    ("pattern-white-space", '" \ufeff"'): (True, "as above"),
    ("pattern-white-space", '"\x85"'): (False, "U+0085 (NEL) is not ECMAScript white space; Python's re takes it"),
    ("pattern-white-space", '" \x85"'): (False, "as above"),
    ("pattern-white-space", '"\\u001c"'): (False, "U+001C-U+001F are not ECMAScript white space; Python's re takes them"),
    ("pattern-white-space", '" \\u001c"'): (False, "as above"),
    # Not the validator: nlohmann/json reads integers beyond 64 bits as doubles, and
    # -9223372036854775809 rounds to -2^63, which the minimum allows.
    ("minimum-negative-big", '-9223372036854775809'): (True, "nlohmann/json rounds integers beyond 64 bits to doubles"),
}
EXTRA_INSTANCES = {  # instances that exist to exercise SPEC_VERDICTS
    "pattern-anchored": ["abc\n"],
    "format-date": ["20261221", "2026-W52-1"],
}


def rfc3339_date_time(text):
    """RFC 3339 date-time, for when Python's optional rfc3339-validator is not installed
    (jsonschema then skips "date-time" entirely). Leap seconds are not in the corpus."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))", text, re.ASCII)
    if not m:
        return False
    datetime.date(int(m[1]), int(m[2]), int(m[3]))  # raises ValueError for a day that does not exist
    if int(m[4]) > 23 or int(m[5]) > 59 or int(m[6]) > 59:
        return False
    return m[9] is None or (int(m[9]) <= 23 and int(m[10]) <= 59)


def format_checker():
    checker = jsonschema.FormatChecker()
    if "date-time" not in checker.checkers:
        checker.checks("date-time", raises=ValueError)(lambda v: not isinstance(v, str) or rfc3339_date_time(v))
    return checker


def mutations(value):
    """Deterministic near-misses of a value: the places where validators disagree."""
    out = []
    scalars = [None, True, 0, -1, 1.5, 2.0, "", "x", [], {}]
    if isinstance(value, dict):
        for k in value:
            out.append({kk: vv for kk, vv in value.items() if kk != k})
            for s in scalars:
                out.append({**value, k: s})
            for m in mutations(value[k])[:8]:
                out.append({**value, k: m})
        out.append({**value, "zz_extra": 1})
        out.append({})
    elif isinstance(value, list):
        if value:
            out += [value[1:], value[:-1], value + value[:1], value[::-1]]
            for i, item in enumerate(value[:3]):
                for m in mutations(item)[:8]:
                    out.append(value[:i] + [m] + value[i + 1:])
        out += [value + [None], []]
    elif isinstance(value, bool) or value is None:
        out += [not value, 0, 1]
    elif isinstance(value, int):
        out += [value + 1, value - 1, -value, float(value), value + 0.5, 0, str(value)]
    elif isinstance(value, float):
        out += [value + 1, -value, int(value) if value.is_integer() and abs(value) < 1e18 else 0, value / 3]
    elif isinstance(value, str):
        out += ["", value + "x", value.upper(), value[:1], value[1:], " " + value]
    out += scalars
    return out


def key(value):
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def instances_for(name, base):
    seen, out = set(), []
    for v in list(base) + EXTRA_INSTANCES.get(name, []) + [m for b in base for m in mutations(b)]:
        k = key(v)
        if k not in seen:
            seen.add(k)
            out.append(v)
    return out


def run_drp(tool, tmp_path, schema, instances):
    (tmp_path / "schema.json").write_text(json.dumps(schema), encoding="utf-8")
    files = []
    for i, instance in enumerate(instances):
        f = tmp_path / f"instance{i}.json"
        f.write_text(json.dumps(instance, ensure_ascii=False), encoding="utf-8")
        files.append(str(f))
    r = subprocess.run([tool, str(tmp_path / "schema.json"), *files], capture_output=True, text=True, timeout=120)
    lines = r.stdout.split("\n")[:-1]  # not splitlines(): messages may quote U+2028, U+0085, U+001C...
    assert r.returncode in (0, 1) and len(lines) == len(instances), r.stdout + r.stderr
    return [json.loads(line) for line in lines]


TOTALS = {"pairs": 0, "valid": 0, "spec": 0}


@pytest.mark.parametrize("name,schema,base", CORPUS, ids=[c[0] for c in CORPUS])
def test_drp_agrees_with_python_jsonschema(name, schema, base, drp_schema_check, tmp_path):
    jsonschema.Draft202012Validator.check_schema(schema)
    python = jsonschema.Draft202012Validator(schema, format_checker=format_checker())
    instances = instances_for(name, base)
    ours = run_drp(drp_schema_check, tmp_path, schema, instances)
    disagreements = []
    for instance, result in zip(instances, ours):
        theirs = python.is_valid(instance)
        expected = theirs
        spec = SPEC_VERDICTS.get((name, key(instance)))
        if spec is not None:
            assert theirs != spec[0], f"stale SPEC_VERDICTS entry {name}/{instance!r}: Python now agrees with the spec"
            expected = spec[0]
            TOTALS["spec"] += 1
        if result["valid"] != expected:
            disagreements.append(f"{key(instance)}: drp {result['valid']}, expected {expected}; drp errors: "
                                 + "; ".join(e["message"] for e in result["errors"]))
        if not result["valid"]:
            assert result["errors"], f"{key(instance)} invalid but no errors reported"
            for e in result["errors"]:
                assert e["message"] and e["keyword"], e
        TOTALS["pairs"] += 1
        TOTALS["valid"] += bool(expected)
    assert not disagreements, f"{name}: " + "\n".join(disagreements)


def test_corpus_is_large_enough():
    # Runs after the parametrized test in file order; documents the size of the check.
    assert len(CORPUS) >= 60
    total = sum(len(instances_for(name, base)) for name, _, base in CORPUS)
    assert total >= 1000, total


def test_spec_verdict_entries_are_exercised():
    for (name, text) in SPEC_VERDICTS:
        base = next(b for n, _, b in CORPUS if n == name)
        assert text in {key(v) for v in instances_for(name, base)}, (name, text)
