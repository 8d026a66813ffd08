"""The event schema is the one place an event's shape is written down (issue 12, "One place
per rule"): drp's schema validator, Python's jsonschema and the engine must all read
schemas/event.schema.json the same way.

Every case is derived from the schema, none is listed by hand. For each event type the base
event is the schema's example of that type (or one built from its required properties and
the examples of their definitions), and each case changes one thing in it, taken from the
keywords that govern the field:

- maxLength / minLength: at the limit and one past it, in code points (the schema's way of
  counting), written with 1-, 2-, 3- and 4-byte characters; no maxLength: longer than the
  longest limit the schema has anywhere;
- pattern: the example values mutated wherever the pattern decides something (the edge
  characters of each class and their neighbours, one repetition more or fewer, the minimum
  and the maximum, the other branch of each alternative), and Unicode white space, its
  look-alikes and control characters alone, before, after and inside the value;
- not/pattern (text that is only white space): runs of each white space character;
- enum / const / not/enum: every member and near misses; type: every wrong JSON type;
- required fields left out, fields the type does not allow (additionalProperties), the
  if/then of a type, and each branch of its anyOf / oneOf (and none, and all);
- format, where a property asserts one (none does today: instants and dates use patterns).

Each case gets these answers:
- drp's validator, through the drp_schema_check tool (the Python package validates
  policies, not events). The schema is the truth, and this is drp's reading of it;
- Python's jsonschema (Draft202012Validator): as it is wherever the case's keywords mean
  the same in Python. Python's `re` is not ECMAScript (the dialect JSON Schema patterns are
  written in): its `\\s` is str.isspace() (U+0085 and U+001C-U+001F yes, U+FEFF no), `\\d`
  and `\\w` are Unicode, `.` differs on line terminators and `$` also matches before a final
  newline. Where a case meets those, the answer comes from the same validator with `pattern`
  run by an ECMAScript reading of the pattern (ECMAScript's classes spelled out, `$` the end
  only): ECMA_WHITE_SPACE below is ECMA-262's WhiteSpace and LineTerminator, taken from
  Unicode's Zs category, not from drp;
- the engine, three ways: Dispute.apply with a dict and with JSON text (the nlohmann
  reader, as the C API's drp_dispute_apply), and replay_log over JSON lines (the simdjson
  reader of src/engine/event_parser.cpp). A dict's None members count as absent (the
  Python convention, docs/analyst-guide.md §5), so the dict way skips cases with a null.

The engine has no parse-only entry point; shape is asked about by applying each case to a
dispute raised later than the case's `at`. The engine checks in the order of
docs/events-and-state.md §10 (schema, other dispute, time order, names, preconditions), so
an event of the right shape is refused as out_of_order whatever the policy would say of it,
and one of the wrong shape as invalid_event naming the field's pointer.

The engine refuses a few schema-valid values on purpose, as the docs say: a date that does
not exist (§12, "the engine's to reject"), an `at` outside 1971-2190 and a `due`/`until`
outside 1971-2199 (§10). engine_only_rule() recognises them from the value; anything else the
engine and the schema part on is a failure naming the type, field, keyword and value.

Run with: DRP_BUILD_DIR=build /usr/bin/python3 -m pytest tests/python/test_event_schema_agreement.py
"""
from __future__ import annotations

import bisect
import collections
import dataclasses
import datetime as dt
import functools
import json
import pathlib
import re
import subprocess
import tempfile
import unicodedata

import jsonschema
import pytest

import conftest
from schema_tools import subschemas

try:  # Python 3.11: the parser `re` itself uses, for the patterns' structure
    from re import _constants as sre_c
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as sre_c
    import sre_parse

SCHEMA_PATH = conftest.ROOT / "schemas" / "event.schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
DEFS = SCHEMA["$defs"]
POLICY = "merton"  # the schema's examples are Merton's
LATE = "2190-12-31T12:00:00+00:00"  # the probe dispute's raise: later than every case

# ---- ECMAScript's reading of a pattern ---------------------------------------------------

MAX_CP = 0x10FFFF
LINE_TERMINATORS = (0x0A, 0x0D, 0x2028, 0x2029)
# ECMA-262 WhiteSpace (TAB, VT, FF, ZWNBSP, any Zs) and LineTerminator (LF, CR, LS, PS).
ECMA_WHITE_SPACE = sorted({0x09, 0x0B, 0x0C, 0xFEFF, *LINE_TERMINATORS}
                          | {c for c in range(MAX_CP + 1) if unicodedata.category(chr(c)) == "Zs"})
# Not white space in ECMAScript, though something calls them so: Python's str.isspace (NEL,
# the information separators), Unicode before 6.3 (U+180E), or the eye (U+200B).
LOOK_ALIKES = [0x85, 0x1C, 0x1F, 0x180E, 0x200B]
CONTROLS = [0x00, 0x01, 0x08, 0x0E, 0x1B, 0x7F, 0x80, 0x9F]
OTHERS = [ord(c) for c in "aZ0_.-/~é€😀"]
PROBES = [chr(c) for c in dict.fromkeys(ECMA_WHITE_SPACE + LOOK_ALIKES + CONTROLS + OTHERS)]
FILLERS = ["a", "é", "€", "😀"]  # 1 to 4 bytes of UTF-8, one code point each
PREFERRED = [ord(c) for c in "aA0xX_-."]


def _union(ranges):
    out = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _complement(ranges):
    out, nxt = [], 0
    for lo, hi in _union(ranges):
        if lo > nxt:
            out.append((nxt, lo - 1))
        nxt = hi + 1
    if nxt <= MAX_CP:
        out.append((nxt, MAX_CP))
    return out


_SPACE = _union((c, c) for c in ECMA_WHITE_SPACE)
_DIGIT = [(0x30, 0x39)]
_WORD = _union([(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)])
CATEGORIES = {  # ECMAScript: \d and \w are ASCII, \s is the list above
    sre_c.CATEGORY_SPACE: _SPACE, sre_c.CATEGORY_NOT_SPACE: _complement(_SPACE),
    sre_c.CATEGORY_DIGIT: _DIGIT, sre_c.CATEGORY_NOT_DIGIT: _complement(_DIGIT),
    sre_c.CATEGORY_WORD: _WORD, sre_c.CATEGORY_NOT_WORD: _complement(_WORD),
}
CHAR_OPS = (sre_c.LITERAL, sre_c.NOT_LITERAL, sre_c.IN, sre_c.ANY)
REPEAT_OPS = (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT)
BEGIN = (sre_c.AT_BEGINNING, sre_c.AT_BEGINNING_STRING)
END = (sre_c.AT_END, sre_c.AT_END_STRING)
UNBOUNDED = 10 ** 9


class Unmodelled(Exception):
    """The schema uses a pattern construct this test does not model: extend the test."""


def char_ranges(op, av):
    """The code points one character of the pattern accepts, as ECMAScript reads it."""
    if op is sre_c.LITERAL:
        return [(av, av)]
    if op is sre_c.NOT_LITERAL:
        return _complement([(av, av)])
    if op is sre_c.ANY:
        return _complement((c, c) for c in LINE_TERMINATORS)
    negate, ranges = False, []
    for item_op, item in av:
        if item_op is sre_c.NEGATE:
            negate = True
        elif item_op is sre_c.LITERAL:
            ranges.append((item, item))
        elif item_op is sre_c.RANGE:
            ranges.append(item)
        elif item_op is sre_c.CATEGORY and item in CATEGORIES:
            ranges += CATEGORIES[item]
        else:
            raise Unmodelled(f"class item {item_op} {item}")
    return _complement(ranges) if negate else _union(ranges)


def accepts(ranges, cp):
    i = bisect.bisect_right(ranges, (cp, MAX_CP + 1)) - 1
    return i >= 0 and ranges[i][0] <= cp <= ranges[i][1]


@functools.lru_cache(maxsize=None)
def parsed(pattern):
    return sre_parse.parse(pattern)


def _python_text(seq):
    """The pattern for Python's re with ECMAScript's meaning."""
    out = []
    for op, av in seq:
        if op in CHAR_OPS:
            ranges = char_ranges(op, av)
            out.append("[" + "".join(f"\\U{lo:08x}" + (f"-\\U{hi:08x}" if hi > lo else "") for lo, hi in ranges) + "]"
                       if ranges else "(?!)")
        elif op is sre_c.AT:
            if av in BEGIN:
                out.append(r"\A")
            elif av in END:
                out.append(r"\Z")
            else:
                raise Unmodelled(f"assertion {av}")
        elif op is sre_c.SUBPATTERN:
            out.append("(?:" + _python_text(av[3]) + ")")
        elif op is sre_c.BRANCH:
            out.append("(?:" + "|".join(_python_text(alt) for alt in av[1]) + ")")
        elif op in REPEAT_OPS:
            lo, hi, sub = av
            out.append("(?:" + _python_text(sub) + "){" + f"{lo},{'' if hi == sre_c.MAXREPEAT else hi}" + "}"
                       + ("?" if op is sre_c.MIN_REPEAT else ""))
        else:
            raise Unmodelled(f"pattern operator {op}")
    return "".join(out)


@functools.lru_cache(maxsize=None)
def ecma_regex(pattern):
    return re.compile(_python_text(parsed(pattern)))


def python_reads_it_alike(pattern, value):
    """Does Python's re answer as ECMAScript for this pattern and value?"""
    def plain(seq):
        for op, av in seq:
            if op in (sre_c.ANY, sre_c.NOT_LITERAL) or (op is sre_c.IN and any(i is sre_c.CATEGORY for i, _ in av)):
                return False
            if op is sre_c.AT and av in END and isinstance(value, str) and value.endswith("\n"):
                return False
            subs = [av[3]] if op is sre_c.SUBPATTERN else av[1] if op is sre_c.BRANCH else [av[2]] if op in REPEAT_OPS else []
            if not all(plain(s) for s in subs):
                return False
        return True
    return plain(parsed(pattern))


# ---- strings from a pattern --------------------------------------------------------------

def _width(item):
    op, av = item
    if op in CHAR_OPS:
        return 1, 1
    if op is sre_c.AT:
        return 0, 0
    if op is sre_c.SUBPATTERN:
        return _seq_width(av[3])
    if op is sre_c.BRANCH:
        ws = [_seq_width(alt) for alt in av[1]]
        return min(w[0] for w in ws), max(w[1] for w in ws)
    if op in REPEAT_OPS:
        lo, hi, sub = av
        wlo, whi = _seq_width(sub)
        return lo * wlo, UNBOUNDED if hi == sre_c.MAXREPEAT else min(UNBOUNDED, hi * whi)
    raise Unmodelled(f"pattern operator {op}")


def _seq_width(seq):
    ws = [_width(i) for i in seq]
    return sum(w[0] for w in ws), min(UNBOUNDED, sum(w[1] for w in ws))


def pick(ranges, prefer=()):
    for cp in [*prefer, *PREFERRED]:
        if accepts(ranges, cp):
            return chr(cp)
    for lo, hi in ranges:
        for cp in range(lo, hi + 1):
            if not 0xD800 <= cp <= 0xDFFF:
                return chr(cp)
    raise Unmodelled("a class that matches nothing")


def shortest(seq):
    """A short string the pattern matches: each repetition at its minimum, first branches."""
    out = []
    for op, av in seq:
        if op in CHAR_OPS:
            out.append(pick(char_ranges(op, av)))
        elif op is sre_c.SUBPATTERN:
            out.append(shortest(av[3]))
        elif op is sre_c.BRANCH:
            out.append(shortest(av[1][0]))
        elif op in REPEAT_OPS:
            out.append(shortest(av[2]) * av[0])
    return "".join(out)


def of_length(pattern, n, filler):
    """A string of exactly n code points the (anchored) pattern matches, made of `filler`
    where the pattern allows it; None if it matches no string of that length."""
    prefer = (ord(filler),)
    memo = {}

    def seq_gen(seq, i, n):
        key = (id(seq), i, n)
        if key not in memo:
            memo[key] = None
            if i == len(seq):
                memo[key] = "" if n == 0 else None
            else:
                lo, hi = _width(seq[i])
                rest_lo = sum(_width(x)[0] for x in seq[i + 1:])
                for length in range(min(hi, n - rest_lo), lo - 1, -1):  # greedy first: few steps
                    a = item_gen(seq[i], length)
                    b = None if a is None else seq_gen(seq, i + 1, n - length)
                    if b is not None:
                        memo[key] = a + b
                        break
        return memo[key]

    def item_gen(item, n):
        op, av = item
        if op in CHAR_OPS:
            return pick(char_ranges(op, av), prefer) if n == 1 else None
        if op is sre_c.AT:
            return "" if n == 0 else None
        if op is sre_c.SUBPATTERN:
            return seq_gen(av[3], 0, n)
        if op is sre_c.BRANCH:
            return next((s for alt in av[1] if (s := seq_gen(alt, 0, n)) is not None), None)
        lo, hi, sub = av
        if len(sub) == 1 and sub[0][0] in CHAR_OPS:  # one character repeated: no search
            return pick(char_ranges(*sub[0]), prefer) * n if lo <= n <= hi else None
        return rep_gen(sub, lo, hi, 0, n)

    def rep_gen(sub, lo, hi, count, n):
        key = (id(sub), "rep", min(count, lo), count >= hi, n)
        if key not in memo:
            memo[key] = None
            if n == 0:
                memo[key] = "" if count >= lo else None
            elif count < hi:
                wlo, whi = _seq_width(sub)
                for length in range(min(whi, n), max(wlo, 1) - 1, -1):
                    a = seq_gen(sub, 0, length)
                    b = None if a is None else rep_gen(sub, lo, hi, count + 1, n - length)
                    if b is not None:
                        memo[key] = a + b
                        break
        return memo[key]

    out = seq_gen(parsed(pattern), 0, n)
    assert out is None or ecma_regex(pattern).search(out), (pattern, out)
    return out


def _match(seq, i, s, pos):
    """Yields (end, trace) for every way seq[i:] matches s at pos, greedy first. The trace
    records each decision: ("char", node, pos, ranges), ("branch", start, end, taken, alts),
    ("repeat", start, end, iteration spans, lo, hi, sub)."""
    if i == len(seq):
        yield pos, ()
        return
    op, av = seq[i]
    if op in CHAR_OPS:
        ranges = char_ranges(op, av)
        if pos < len(s) and accepts(ranges, ord(s[pos])):
            for end, rest in _match(seq, i + 1, s, pos + 1):
                yield end, (("char", (id(seq), i), pos, ranges),) + rest
    elif op is sre_c.AT:
        if (av in BEGIN and pos == 0) or (av in END and pos == len(s)):
            yield from _match(seq, i + 1, s, pos)
    elif op is sre_c.SUBPATTERN:
        for mid, inner in _match(av[3], 0, s, pos):
            for end, rest in _match(seq, i + 1, s, mid):
                yield end, inner + rest
    elif op is sre_c.BRANCH:
        for k, alt in enumerate(av[1]):
            for mid, inner in _match(alt, 0, s, pos):
                for end, rest in _match(seq, i + 1, s, mid):
                    yield end, (("branch", pos, mid, k, av[1]),) + inner + rest
    else:
        lo, hi, sub = av

        def more(count, at, spans, inner):
            if count < hi:
                for mid, tr in _match(sub, 0, s, at):
                    if mid > at:
                        yield from more(count + 1, mid, spans + ((at, mid),), inner + tr)
            if count >= lo:
                for end, rest in _match(seq, i + 1, s, at):
                    yield end, (("repeat", pos, at, spans, lo, hi, sub),) + inner + rest
        yield from more(0, pos, (), ())


def decisions(pattern, s):
    """The trace of the pattern's first match in s (a search, as JSON Schema's pattern is)."""
    seq = parsed(pattern)
    for start in range(len(s) + 1):
        for _end, trace in _match(seq, 0, s, start):
            return trace
    return None


def pattern_variants(pattern, seed, probes=True, deeper=True):
    """(label, string): the seed changed at each decision the pattern makes about it, and
    (with probes) the probe characters put alone, before, after and inside it."""
    trace = decisions(pattern, seed) if len(seed) <= 64 else None  # the matcher recurses per character
    out = []
    seen_nodes = set()
    for rec in trace or ():
        if rec[0] == "char":
            _, node, pos, ranges = rec
            if node in seen_nodes:
                continue  # a class inside a repetition: its first character stands for the rest
            seen_nodes.add(node)
            edges = {x for lo, hi in ranges for x in (lo - 1, lo, hi, hi + 1)} - {ord(seed[pos])}
            for cp in sorted(e for e in edges if 0 <= e <= MAX_CP and not 0xD800 <= e <= 0xDFFF):
                out.append((f"U+{cp:04X} at {pos}", seed[:pos] + chr(cp) + seed[pos + 1:]))
        elif rec[0] == "branch":
            _, start, end, taken, alts = rec
            for k, alt in enumerate(alts):
                if k != taken:
                    out.append((f"branch {k} at {start}", seed[:start] + shortest(alt) + seed[end:]))
        else:
            _, start, end, spans, lo, hi, sub = rec
            count = len(spans)
            unit = seed[spans[-1][0]:spans[-1][1]] if spans else shortest(sub)
            tail = spans[-1][1] if spans else start
            if count < hi:
                grown = seed[:tail] + unit + seed[tail:]
                out.append((f"{count + 1} repetitions at {start}", grown))
                if count == 0 and deeper:  # what was absent has decisions of its own ({1,9} digits)
                    out += [(f"{count + 1} repetitions at {start}, then {label}", v)
                            for label, v in pattern_variants(pattern, grown, probes=False, deeper=False)]
            if count > 0:
                out.append((f"{count - 1} repetitions at {start}", seed[:spans[-1][0]] + seed[spans[-1][1]:]))
            if hi != sre_c.MAXREPEAT and hi <= 16:
                for n in (hi, hi + 1):
                    if n > count:
                        out.append((f"{n} repetitions at {start}", seed[:tail] + unit * (n - count) + seed[tail:]))
            if 0 < lo < count:
                keep = spans[lo - 1][1]
                out.append((f"{lo} repetitions at {start}", seed[:keep] + seed[end:]))
                out.append((f"{lo - 1} repetitions at {start}", seed[:spans[lo - 2][1] if lo > 1 else start] + seed[end:]))
    mid = len(seed) // 2
    for c in PROBES if probes else ():
        name = f"U+{ord(c):04X}"
        out += [(f"{name} alone", c), (f"{name} before", c + seed), (f"{name} after", seed + c),
                (f"{name} inside", seed[:mid] + c + seed[mid:])]
    return out


# ---- the schema, as the cases need it ----------------------------------------------------

def resolve(ref):
    assert ref.startswith("#/$defs/"), ref
    return ref.split("/")[-1]


def chain(sub):
    """A property's subschema and the definitions it refers to, outermost first."""
    out = [sub]
    while "$ref" in out[-1]:
        out.append(DEFS[resolve(out[-1]["$ref"])])
    return out


def def_name(subs):
    return next((resolve(s["$ref"]) for s in subs if "$ref" in s), None)


ANNOTATIONS = {"title", "description", "examples", "default"}
FIELD_KEYWORDS = {"$ref", "title", "description", "examples", "default", "type", "enum", "const", "pattern",
                  "minLength", "maxLength", "format", "not"}
TYPE_KEYWORDS = {"title", "description", "type", "required", "properties", "additionalProperties", "if", "then",
                 "anyOf", "oneOf"}
ROOT_KEYWORDS = {"$schema", "$id", "title", "description", "type", "required", "properties", "allOf", "examples",
                 "$defs"}
JSON_TYPES = {"null": None, "boolean": True, "integer": 1, "number": 1.5, "string": "x", "array": [], "object": {}}


def type_def(event_type):
    for branch in SCHEMA["allOf"]:
        if branch["if"]["properties"]["type"].get("const") == event_type:
            return DEFS[resolve(branch["then"]["$ref"])]
    raise AssertionError(f"no allOf branch for {event_type}")


EVENT_TYPES = DEFS[resolve(SCHEMA["properties"]["type"]["$ref"])]["enum"]


def fields(event_type):
    """{name: [subschemas it must meet]} of the fields the type allows, common ones first."""
    tdef = type_def(event_type)
    out = {name: [sub] for name, sub in SCHEMA["properties"].items()}
    for name, sub in tdef["properties"].items():
        if sub is not True:
            out.setdefault(name, []).append(sub)
    return out


def conditional_names(event_type):
    """The fields a type's if/then, anyOf and oneOf speak of."""
    tdef = type_def(event_type)
    names = tdef.get("if", {}).get("required", []) + tdef.get("then", {}).get("required", [])
    return names + [n for key in ("anyOf", "oneOf") for b in tdef.get(key, []) for n in b.get("required", [])]


def required(event_type):
    return list(dict.fromkeys(SCHEMA["required"] + type_def(event_type).get("required", [])))


def keywords(subs):
    """The keywords a field must meet, gathered from its subschemas and their definitions."""
    out = {}
    for part in (p for s in subs for p in chain(s)):
        for k, v in part.items():
            if k in out and k not in ANNOTATIONS and out[k] != v:
                raise Unmodelled(f"two {k} for one field")  # both apply: the cases would need both
            out[k] = v
    return out


def example_values():
    """{definition name or (type, field): [values]} from every example in the schema."""
    out = collections.defaultdict(list)
    for ex in SCHEMA["examples"]:
        for name, value in ex.items():
            out[(ex["type"], name)].append(value)
            subs = fields(ex["type"]).get(name, [])
            for sub in subs:
                for part in chain(sub):
                    if "$ref" in part:
                        out[resolve(part["$ref"])].append(value)
    for name, d in DEFS.items():
        out[name] += d.get("examples", [])
    return out


EXAMPLES = example_values()


def seeds(event_type, name, subs):
    """Valid values for a field, best first: the type's example, its definition's examples."""
    kw = keywords(subs)
    values = list(EXAMPLES.get((event_type, name), []))
    for part in (p for s in subs for p in chain(s)):
        if "$ref" in part:
            values += EXAMPLES.get(resolve(part["$ref"]), [])
    if "const" in kw:
        return [kw["const"]]  # the one value it may have (an event's type: its own)
    values += kw.get("enum", [])
    if kw.get("type") == "boolean":
        values += [True, False]
    if "pattern" in kw and not values:
        values.append(of_length(kw["pattern"], max(kw.get("minLength", 1), _seq_width(parsed(kw["pattern"]))[0]), "a"))
    if not values:
        values.append("x" * max(kw.get("minLength", 1), 1))
    return [json.loads(v) for v in dict.fromkeys(json.dumps(v, sort_keys=True) for v in values)]


BASE_ID = DEFS["opaqueId"]["examples"][0]


def base_event(event_type):
    ex = next((dict(e) for e in SCHEMA["examples"] if e["type"] == event_type), None)
    if ex is None:
        ex = {"type": event_type}
        for name in required(event_type):
            ex.setdefault(name, seeds(event_type, name, fields(event_type)[name])[0])
    ex["dispute_id"] = BASE_ID
    return ex


def longest_limit():
    return max(s["maxLength"] for _, s in subschemas(SCHEMA) if "maxLength" in s)


def pointer_to(name):
    return "/" + name.replace("~", "~0").replace("/", "~1")


# ---- the cases ---------------------------------------------------------------------------

@dataclasses.dataclass
class Case:
    type: str
    field: str  # the field changed, or "(event)" for changes to the set of fields
    keyword: str  # the schema keyword the case sits at
    label: str
    event: dict
    pointers: frozenset  # where a refusal may point
    python_alike: bool  # plain jsonschema's `re` reads the case's patterns as ECMAScript does
    value: object = None
    def_name: str | None = None

    def __str__(self):
        shown = json.dumps(self.value, ensure_ascii=True) if self.field != "(event)" else self.label
        return f"{self.type} {self.field} [{self.keyword}: {self.label}] value {shown}"


def field_cases(event_type, base, name, subs, spread=None):
    """The cases of one field. spread=(k, n): the field, with the same rules, was met in an
    earlier type; take every n-th of its pattern variants from the k-th."""
    kw = keywords(subs)
    unknown = set(kw) - FIELD_KEYWORDS - (ARRAY_KEYWORDS if kw.get("type") == "array" else set())
    if unknown:
        raise Unmodelled(f"{event_type}.{name} uses {sorted(unknown)}")
    if kw.get("type") == "array":
        return array_cases(event_type, base, name, kw, spread)
    patterns = [kw["pattern"]] if "pattern" in kw else []
    if "not" in kw:
        if set(kw["not"]) - {"pattern", "enum"}:
            raise Unmodelled(f"{event_type}.{name}: not {kw['not']}")
        if "pattern" in kw["not"]:
            patterns.append(kw["not"]["pattern"])
    dname = def_name(subs)
    out = []

    def add(keyword, label, value):
        e = dict(base)
        e[name] = value
        alike = all(python_reads_it_alike(p, value) for p in patterns)
        where = {pointer_to(name)}
        if name == "type" and value in EVENT_TYPES and value != event_type:  # another type's rules
            where |= set(map(pointer_to, [*base, *required(value), *conditional_names(value)]))
        out.append(Case(event_type, name, keyword, label, e, frozenset(where), alike, value, dname))

    values = seeds(event_type, name, subs)
    for v in values:
        add("valid", "example", v)
    allowed = kw.get("type")
    allowed = {allowed} if isinstance(allowed, str) else set(allowed or [])
    if not allowed:
        allowed = {next(t for t, sample in JSON_TYPES.items() if type(sample) is type(v)) for v in values}
    if "number" in allowed:
        allowed.add("integer")
    for t, sample in JSON_TYPES.items():
        if t not in allowed:
            add("type", t, sample)
    for member in kw.get("enum", []) + ([kw["const"]] if "const" in kw else []):
        key = "enum" if "enum" in kw else "const"
        add(key, "member", member)
        for label, miss in [("upper case", member.upper()), ("capitalised", member.capitalize()),
                            ("one short", member[:-1]), ("one more", member + member[-1]),
                            ("leading space", " " + member), ("trailing U+00A0", member + "\u00a0"),
                            ("trailing newline", member + "\n")]:
            add(key, label, miss)
    for member in kw.get("not", {}).get("enum", []):
        add("not-enum", "member", member)
        add("not-enum", "near miss", member + "s")
    if "pattern" in kw:
        variants = [(label, v) for k, seed in enumerate([v for v in values if isinstance(v, str)][:3])
                    for label, v in pattern_variants(kw["pattern"], seed, probes=k == 0)]
        if spread is not None:  # met in an earlier type: each variant in one of the types
            variants = variants[spread[0]::spread[1]]
        for label, v in variants:
            add("pattern", label, v)
    if "pattern" in kw.get("not", {}):
        variants = [(f"U+{c:04X} x3", chr(c) * 3) for c in ECMA_WHITE_SPACE + LOOK_ALIKES]
        variants += [(f"U+{c:04X} and a letter", chr(c) + "a") for c in ECMA_WHITE_SPACE + LOOK_ALIKES]
        if spread is not None:
            variants = variants[spread[0]::spread[1]]
        for label, v in variants + [("every white space", "".join(map(chr, ECMA_WHITE_SPACE)))]:
            add("not-pattern", label, v)
    for key, limits in (("maxLength", (0, 1)), ("minLength", (0, -1))):
        if key in kw:
            for delta in limits:
                n = kw[key] + delta
                for filler in FILLERS:
                    # what the pattern allows, so that only the length is wrong; else the filler
                    v = of_length(kw["pattern"], n, filler) if "pattern" in kw and n >= 0 else None
                    if v is None and n >= 0:
                        v = filler * n
                    if v is not None:
                        add(key, f"{n} x {filler!r}", v)
    if "maxLength" not in kw and (not allowed or "string" in allowed) and "enum" not in kw and "const" not in kw:
        n = longest_limit() + 1
        for filler in FILLERS:
            v = of_length(kw["pattern"], n, filler) if "pattern" in kw else filler * n
            if v is not None:
                add("no maxLength", f"{n} x {filler!r}", v)
    if "format" in kw:
        if kw["format"] == "date":
            add("format", "a leap day", "2028-02-29")
            add("format", "no such day", "2027-02-29")
        elif kw["format"] == "date-time":
            add("format", "a leap day", "2028-02-29T12:00:00Z")
            add("format", "no such day", "2027-02-29T12:00:00Z")
        else:
            raise Unmodelled(f"format {kw['format']}")
    return out


ARRAY_KEYWORDS = {"items", "minItems", "maxItems", "uniqueItems"}


def array_cases(event_type, base, name, kw, spread):
    """A list field (respond's judged_by): each of its item's cases as a one-item list, then
    the list's own rules (type, minItems, maxItems, uniqueItems)."""
    if set(kw) - ANNOTATIONS - {"type", "items", "minItems", "maxItems", "uniqueItems", "$ref"}:
        raise Unmodelled(f"{event_type}.{name} uses {sorted(set(kw) - ANNOTATIONS)}")
    where = frozenset({pointer_to(name), pointer_to(name) + "/0"})
    out = []
    for c in field_cases(event_type, base, name, [kw["items"]], spread):
        c.value = [c.value]
        c.event = {**c.event, name: c.value}
        c.pointers = where
        out.append(c)
    item = keywords([kw["items"]])
    one = seeds(event_type, name, [kw["items"]])[0]
    distinct = [v for n in range(1, kw.get("maxItems", 3) + 2) if (v := of_length(item["pattern"], n, "A")) is not None]

    def add(keyword, label, value):
        out.append(Case(event_type, name, keyword, label, {**base, name: value}, where, True, value))

    for t, sample in JSON_TYPES.items():
        if t != "array":
            add("type", t, sample)
    if "minItems" in kw:
        add("minItems", f"{kw['minItems'] - 1} items", distinct[:kw["minItems"] - 1])
        add("valid", f"{kw['minItems']} items", distinct[:kw["minItems"]])
    if "maxItems" in kw:
        assert len(distinct) > kw["maxItems"], "the item pattern gives too few distinct values"
        add("valid", f"{kw['maxItems']} items", distinct[:kw["maxItems"]])
        add("maxItems", f"{kw['maxItems'] + 1} items", distinct[:kw["maxItems"] + 1])
    if kw.get("uniqueItems"):
        add("uniqueItems", "an item twice", [one, one])
        add("valid", "distinct items", [one, distinct[-1]] if distinct[-1] != one else [one, distinct[0]])
    return out


def _rules(subs):
    return [{k: v for k, v in part.items() if k not in ANNOTATIONS} for s in subs for part in chain(s)]


def event_cases(event_type, met):
    """The cases of one type; met: the (field, rules) of earlier types, whose pattern variants
    are shared out among the later types that repeat them."""
    tdef = type_def(event_type)
    if set(tdef) - TYPE_KEYWORDS:
        raise Unmodelled(f"{event_type} uses {sorted(set(tdef) - TYPE_KEYWORDS)}")
    base = base_event(event_type)
    allowed = fields(event_type)
    out = [Case(event_type, "(event)", "valid", "the base event", base, frozenset(), True)]
    for name, subs in allowed.items():
        rules = (name, json.dumps(_rules(subs), sort_keys=True))
        spread = (EVENT_TYPES.index(event_type), len(EVENT_TYPES)) if rules in met else None
        met.add(rules)
        out += field_cases(event_type, base, name, subs, spread)

    def whole(keyword, label, event, pointers):
        out.append(Case(event_type, "(event)", keyword, label, event, frozenset(map(pointer_to, pointers)), True))

    def without(*names, event=base):
        return {k: v for k, v in event.items() if k not in names}

    def with_(names, event=base):
        e = dict(event)
        for n in names:
            e.setdefault(n, seeds(event_type, n, allowed[n])[0])
        return e

    for name in required(event_type):
        whole("required", f"without {name}", without(name), [name])
    for name in allowed:
        if name not in required(event_type):
            linked = conditional_names(event_type) if name in conditional_names(event_type) else []
            whole("optional", f"without {name}", without(name), linked)
    if tdef.get("additionalProperties") is False:
        others = {n for t in EVENT_TYPES for n in fields(t)} - set(allowed)
        misses = {n + "s" for n in allowed} | {n.upper() for n in allowed} | {n.replace("_", "-") for n in allowed}
        for key in sorted(others | (misses - set(allowed)) | {"", "x/y", "x~y", "type ", "\u00a0note"}):
            whole("additionalProperties", f"extra field {key!r}", dict(base, **{key: "x"}), [key])
    if "if" in tdef:
        cond, then = tdef["if"], tdef["then"]
        if set(cond) != {"required"} or set(then) != {"required"}:
            raise Unmodelled(f"{event_type}: if/then other than required")
        whole("if-then", f"{cond['required']} without {then['required']}",
              without(*then["required"], event=with_(cond["required"])), cond["required"] + then["required"])
        whole("if-then", f"{then['required']} without {cond['required']}",
              without(*cond["required"], event=with_(then["required"])), [])
        whole("if-then", "neither", without(*cond["required"], *then["required"]), [])
    for key in ("anyOf", "oneOf"):
        if key in tdef:
            branches = []
            for b in tdef[key]:
                if set(b) != {"required"}:
                    raise Unmodelled(f"{event_type}: {key} other than required")
                branches.append(b["required"])
            names = [n for b in branches for n in b]
            for b in branches:
                whole(key, f"only {b}", with_(b, event=without(*names)), [])
            whole(key, "none", without(*names), names)
            whole(key, "all", with_(names), names if key == "oneOf" else [])
    return out


def derive_cases():
    if set(SCHEMA) - ROOT_KEYWORDS:
        raise Unmodelled(f"root uses {sorted(set(SCHEMA) - ROOT_KEYWORDS)}")
    cases, seen, met = [], set(), set()
    for t in EVENT_TYPES:
        for c in event_cases(t, met):
            key = (c.type, c.field, json.dumps(c.event, sort_keys=True))
            if key not in seen:
                seen.add(key)
                cases.append(c)
    return cases


CASES = derive_cases()
GROUPS = collections.defaultdict(list)
for _c in CASES:
    GROUPS[(_c.type, _c.field, _c.keyword)].append(_c)


# ---- what the engine may refuse beyond the schema, as the docs say -------------------------

INSTANT_TEXT = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
                          r"(?:T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?(Z|([+-])([0-9]{2}):([0-9]{2})))?")
RANGES = {  # docs/events-and-state.md §10: `at` within 1971-2190, `due`/`until` within 1971-2199 (UTC)
    "instant": (dt.datetime(1971, 1, 1), dt.datetime(2190, 12, 31, 23, 59, 59)),
    "dueDate": (dt.datetime(1971, 1, 1), dt.datetime(2199, 12, 31, 23, 59, 59)),
}


def engine_only_rule(case):
    """Why the engine refuses this schema-valid value, where the docs say it does, or None."""
    if case.def_name not in RANGES or not isinstance(case.value, str):
        return None
    m = INSTANT_TEXT.fullmatch(case.value)
    if not m:
        return None
    y, mo, d = int(m[1]), int(m[2]), int(m[3])
    first, last = RANGES[case.def_name]
    if y < 1:
        return "before the supported years (§10)"
    try:
        day = dt.date(y, mo, d)
    except ValueError:
        return "a date that does not exist (§12)"
    if m[4] is None:
        return None if first.date() <= day <= last.date() else "outside the supported years (§10)"
    offset = 0 if m[7] == "Z" else (1 if m[8] == "+" else -1) * (int(m[9]) * 60 + int(m[10]))
    try:
        utc = dt.datetime(y, mo, d, int(m[4]), int(m[5]), int(m[6])) - dt.timedelta(minutes=offset)
    except OverflowError:
        return "outside the supported years (§10)"
    if case.def_name == "instant":
        return None if first.date() <= utc.date() <= last.date() else "outside the supported years (§10)"
    return None if first <= utc <= last else "outside the supported years (§10)"


# ---- the answers -------------------------------------------------------------------------

def _text(event):
    return json.dumps(event, ensure_ascii=False)


def drp_verdicts(tool):
    """drp_schema_check's report on each case: it reads files, one per case, so they are
    written to memory (/dev/shm) where there is one: a disk takes seconds for ten thousand."""
    shm = pathlib.Path("/dev/shm")
    out = []
    with tempfile.TemporaryDirectory(prefix="drp-event-cases-", dir=shm if shm.is_dir() else None) as tmp:
        for start in range(0, len(CASES), 2000):
            files = []
            for i, case in enumerate(CASES[start:start + 2000], start):
                f = pathlib.Path(tmp) / f"case{i}.json"
                f.write_text(_text(case.event), encoding="utf-8")
                files.append(str(f))
            r = subprocess.run([tool, str(SCHEMA_PATH), *files], capture_output=True, text=True, timeout=300)
            lines = r.stdout.split("\n")[:-1]  # not splitlines(): messages may quote U+2028, U+0085...
            assert r.returncode in (0, 1) and len(lines) == len(files), r.stdout[-2000:] + r.stderr
            out += [json.loads(line) for line in lines]
    return out


def _ecma_pattern(validator, pattern, instance, schema):
    if validator.is_type(instance, "string") and not ecma_regex(pattern).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r} (ECMAScript)")


FORMATS = jsonschema.Draft202012Validator.FORMAT_CHECKER  # drp asserts format (docs/json-schema.md)
PYTHON = jsonschema.Draft202012Validator(SCHEMA, format_checker=FORMATS)
PYTHON_ECMA = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _ecma_pattern})(
    SCHEMA, format_checker=FORMATS)


class Engine:
    """The engine's answer for each case: "accepted" or (code, message)."""

    def __init__(self, drp):
        self.drp = drp
        self.policy = drp.Policy.builtin(POLICY)
        self.raise_event = dict(base_event("raise"), at=LATE)
        self.disputes = {}

    def raised(self, dispute_id):
        if dispute_id not in self.disputes:
            d = self.drp.Dispute(self.policy)
            try:
                d.apply(dict(self.raise_event, dispute_id=dispute_id))
            except self.drp.Error:
                pass  # a dispute_id of the wrong shape: the case is refused for it too
            self.disputes[dispute_id] = d
        return self.disputes[dispute_id]

    @staticmethod
    def dispute_id(case):
        v = case.event.get("dispute_id")
        return v if isinstance(v, str) else BASE_ID

    def apply(self, case, as_text):
        did = self.dispute_id(case)
        try:
            self.raised(did).apply(_text(case.event) if as_text else case.event)
        except self.drp.Error as e:
            return e.code, str(e)
        del self.disputes[did]  # it changed: the next case gets a fresh one
        return "accepted"

    def replay(self):
        lines, owner = [], {}
        raised = set()
        for i, case in enumerate(CASES):
            did = self.dispute_id(case)
            if did not in raised:
                raised.add(did)
                lines.append(_text(dict(self.raise_event, dispute_id=did)))
            lines.append(_text(case.event))
            owner[len(lines)] = i
        result = self.drp.replay_log(self.policy, lines, on_error="skip")
        answers = ["accepted"] * len(CASES)
        for r in result.refused.to_dict("records"):
            if r["record"] in owner:
                answers[owner[r["record"]]] = (r["code"], r["message"])
        return answers


@pytest.fixture(scope="module")
def answers(drp_schema_check):
    import drp
    engine = Engine(drp)
    assert engine.raised(BASE_ID).status == "open", "the probe dispute's raise was refused"
    verdicts = drp_verdicts(drp_schema_check)
    replayed = engine.replay()
    out = []
    for case, verdict, replay in zip(CASES, verdicts, replayed):
        python = (PYTHON if case.python_alike else PYTHON_ECMA).is_valid(case.event)
        engine_answers = {"apply(text)": engine.apply(case, True), "replay": replay}
        if all(v is not None for v in case.event.values()):
            engine_answers["apply(dict)"] = engine.apply(case, False)
        out.append((verdict, python, engine_answers))
    return out


def refusal_names(message, ptr):
    """Does a refusal name this pointer? ("/at: ...", or "..., event 1 (raise): /at: ...")"""
    return message.startswith(ptr + ": ") or f": {ptr}: " in message


def _shown(answer):
    return answer if answer == "accepted" else f"{answer[0]}: {answer[1]}"


def problems_with(case, verdict, python, engine_answers):
    """What is wrong with the answers to one case (empty: all agree with the schema)."""
    problems = []
    valid = verdict["valid"]
    which = "jsonschema" if case.python_alike else "jsonschema with ECMAScript patterns"
    if python != valid:
        problems.append(f"drp_schema_check says {'valid' if valid else 'invalid'}, {which} says the opposite")
    if not valid:
        stray = {e["instance_pointer"] for e in verdict["errors"]} - case.pointers - {""}
        if stray:
            problems.append(f"drp_schema_check points at {sorted(stray)}, not at {sorted(case.pointers)}")
    documented = engine_only_rule(case) if valid else None
    for how, answer in engine_answers.items():
        if valid and not documented:
            if answer != "accepted" and answer[0] != "out_of_order":
                problems.append(f"schema-valid, but the engine ({how}) refuses its shape: {_shown(answer)}")
        elif valid:
            if answer == "accepted" or answer[0] != "invalid_event" or not refusal_names(answer[1], pointer_to(case.field)):
                problems.append(f"the engine ({how}) should refuse it, {documented}, naming {pointer_to(case.field)}: "
                                f"{_shown(answer)}")
        else:
            if answer == "accepted" or answer[0] != "invalid_event":
                problems.append(f"schema-invalid, but the engine ({how}) answers {_shown(answer)}")
            elif not any(refusal_names(answer[1], p) for p in case.pointers):
                problems.append(f"the engine ({how}) names the wrong field: {answer[1]} (expected {sorted(case.pointers)})")
    return [f"{case}: {p}" for p in problems]


def _id(group):
    event_type, field, keyword = group
    return f"{event_type}-{field.strip('()')}-{keyword}".replace(" ", "_")


@pytest.mark.parametrize("group", list(GROUPS), ids=[_id(g) for g in GROUPS])
def test_the_engine_and_the_validators_read_the_event_schema_alike(group, answers):
    index = {id(c): i for i, c in enumerate(CASES)}
    problems = []
    for case in GROUPS[group]:
        problems += problems_with(case, *answers[index[id(case)]])
    assert not problems, f"{len(problems)} of {len(GROUPS[group])} cases disagree:\n" + "\n".join(problems[:40])


def test_every_type_and_every_field_it_allows_has_cases():
    for t in EVENT_TYPES:
        covered = {c.field for c in CASES if c.type == t}
        assert set(fields(t)) <= covered, (t, set(fields(t)) - covered)


def test_every_keyword_of_every_field_gave_a_case_on_each_side(answers):
    """A keyword whose cases are all valid (or all invalid) tests nothing at its edge."""
    edges = ("pattern", "maxLength", "minLength", "enum", "const", "not-pattern", "not-enum", "format")
    sides = collections.defaultdict(set)
    for case, (verdict, _, _) in zip(CASES, answers):
        sides[(case.type, case.field, case.keyword)].add(verdict["valid"])
    one_sided = {k: v for k, v in sides.items()
                 if k[2] in edges and len(v | sides[(k[0], k[1], "valid")]) < 2}  # members may be the examples
    assert not one_sided, one_sided
