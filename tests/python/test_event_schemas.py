"""The event, dispute-state and actions formats: the schemas are valid draft 2020-12, agree
with the policy schema's vocabulary, accept the example logs and a real state, and reject
broken events at the right place.

Every tests/fixtures/events/invalid/NAME.json is one event broken in exactly one way; its
sidecar NAME.x-expect ({"pointer", "broken"}) names the JSON pointer every schema error
must point at ("" is the event itself). Events allow no unknown keys, so the expectation
cannot live inside the fixture as it does for policies.
Run with: /usr/bin/python3 -m pytest tests/python
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker, RefResolver

from schema_tools import declared_properties, load, pointer, read_log, subschemas

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"
EXAMPLES = ROOT / "examples" / "events"
LOGS = sorted(EXAMPLES.glob("*.jsonl"))
INVALID = sorted((ROOT / "tests" / "fixtures" / "events" / "invalid").glob("*.json"))
STATES = sorted((ROOT / "tests" / "fixtures" / "states").glob("*.json"))
SEEDS = ["cic-issues-resolution", "merton", "qa-form", "tracked-recommendation", "trust-qas"]


@pytest.fixture(scope="module")
def schemas() -> dict[str, dict]:
    return {name: load(SCHEMAS / f"{name}.schema.json")
            for name in ("policy", "event", "dispute-state", "actions")}


def validator_for(schemas, name: str) -> Draft202012Validator:
    """A validator that resolves the schemas' cross-references offline."""
    store = {s["$id"]: s for s in schemas.values()}
    resolver = RefResolver.from_schema(schemas[name], store=store)
    return Draft202012Validator(schemas[name], resolver=resolver, format_checker=FormatChecker())


@pytest.fixture(scope="module")
def events(schemas):
    return validator_for(schemas, "event")


@pytest.fixture(scope="module")
def states(schemas):
    return validator_for(schemas, "dispute-state")


@pytest.fixture(scope="module")
def actions(schemas):
    return validator_for(schemas, "actions")


# ---- the schemas themselves --------------------------------------------------------------

@pytest.mark.parametrize("name", ["event", "dispute-state", "actions"])
def test_schema_is_a_valid_draft_2020_12_schema(schemas, name):
    schema = schemas[name]
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"https://drp.dev/schemas/{name}.schema.json"
    assert schema["title"] and schema["description"]


@pytest.mark.parametrize("name", ["event", "dispute-state", "actions"])
def test_every_property_and_definition_has_a_title_and_a_description(schemas, name):
    schema = schemas[name]
    missing = [path for path, sub in declared_properties(schema)
               if not (isinstance(sub, dict) and {"title", "description"} <= sub.keys())]
    missing += [f"#/$defs/{d}" for d, sub in schema["$defs"].items()
                if not {"title", "description"} <= sub.keys()]
    assert missing == []


def test_the_common_fields_are_admitted_by_every_event_type(schemas):
    event = schemas["event"]
    common = set(event["properties"])
    for rule in event["allOf"]:
        (name,) = [rule["if"]["properties"]["type"]["const"]]
        definition = event["$defs"][rule["then"]["$ref"].split("/")[-1]]
        assert definition["properties"]["type"]["const"] == name
        assert common <= set(definition["properties"]), name
        assert definition["additionalProperties"] is False, name


def test_every_event_type_has_its_definition(schemas):
    event = schemas["event"]
    types = event["$defs"]["eventType"]["enum"]
    assert [rule["if"]["properties"]["type"]["const"] for rule in event["allOf"]] == types


@pytest.mark.parametrize("name", ["event", "dispute-state", "actions"])
def test_schema_examples_are_valid(schemas, name):
    validator = validator_for(schemas, name)
    for example in schemas[name].get("examples", []):
        assert [e.message for e in validator.iter_errors(example)] == []
    for definition, sub in schemas[name]["$defs"].items():
        checker = validator.evolve(schema={"$ref": f"{schemas[name]['$id']}#/$defs/{definition}"})
        for example in sub.get("examples", []):
            assert [e.message for e in checker.iter_errors(example)] == [], f"$defs/{definition}"


ANNOTATIONS = {"$ref", "title", "description", "examples", "default", "$comment"}


@pytest.mark.parametrize("name", ["event", "dispute-state", "actions"])
def test_only_annotations_stand_beside_a_ref_so_draft_07_validators_agree(schemas, name):
    assert [path for path, node in subschemas(schemas[name])
            if "$ref" in node and set(node) - ANNOTATIONS] == []


# The event schema restates these policy definitions (so that hosts validate events with
# one schema); they must not drift apart.
SHARED = {"roleId": "roleId", "stageId": "stageId", "categoryId": "categoryId",
          "urgency": "urgency", "obligationId": "obligationId", "date": "date", "eventType": "eventType"}


@pytest.mark.parametrize("event_def,policy_def", SHARED.items())
def test_event_vocabulary_matches_the_policy_schema(schemas, event_def, policy_def):
    ours, theirs = schemas["event"]["$defs"][event_def], schemas["policy"]["$defs"][policy_def]
    for keyword in ("type", "pattern", "enum", "maxLength", "format"):
        assert ours.get(keyword) == theirs.get(keyword), keyword


def test_policy_version_pattern_matches_the_policy_schema(schemas):
    assert schemas["event"]["$defs"]["policyVersion"]["pattern"] == \
        schemas["policy"]["properties"]["version"]["pattern"]
    assert schemas["dispute-state"]["properties"]["policy"]["properties"]["id"]["pattern"] == \
        schemas["policy"]["properties"]["id"]["pattern"]


def test_escalation_reasons_match_the_policy_schema(schemas):
    policy_reasons = schemas["policy"]["$defs"]["rules"]["properties"]["escalation"]["properties"]["reasons"]["properties"]
    assert schemas["event"]["$defs"]["escalationReason"]["enum"] == list(policy_reasons)


# ---- the example logs --------------------------------------------------------------------

def test_there_is_one_example_log_per_seed_policy():
    assert [p.stem for p in LOGS] == SEEDS


@pytest.mark.parametrize("path", LOGS, ids=lambda p: p.name)
def test_every_line_of_the_example_log_is_a_valid_event(path, events):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        errors = [f"{pointer(e)}: {e.message}" for e in events.iter_errors(json.loads(line))]
        assert errors == [], f"{path.name}:{number}"


def test_the_examples_show_a_bypass_a_time_out_an_extension_and_a_referral():
    everything = [e for path in LOGS for e in read_log(path)]
    types = {e["type"] for e in everything}
    assert {"pause", "resume", "extend", "refer", "referral_decision", "legal_advice"} <= types
    assert any(e["type"] == "escalate" and "to" in e and "note" in e for e in everything)


# ---- invalid events ----------------------------------------------------------------------

def test_there_are_at_least_twenty_five_invalid_events():
    assert len(INVALID) >= 25


def test_every_invalid_event_has_its_expectation_and_no_expectation_is_orphaned():
    folder = ROOT / "tests" / "fixtures" / "events" / "invalid"
    assert sorted(p.stem for p in folder.glob("*.x-expect")) == [p.stem for p in INVALID]


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_event_is_rejected_at_the_expected_pointer(path, events):
    expect = load(path.with_suffix(".x-expect"))
    errors = list(events.iter_errors(load(path)))
    assert errors, f"{path.name} should be rejected: {expect['broken']}"
    assert {pointer(e) for e in errors} == {expect["pointer"]}, [
        f"{pointer(e)}: {e.message}" for e in errors]


# ---- dispute states and actions ----------------------------------------------------------

def test_there_is_a_state_fixture():
    assert STATES


@pytest.mark.parametrize("path", STATES, ids=lambda p: p.name)
def test_state_fixture_validates(path, states):
    errors = [f"{pointer(e)}: {e.message}" for e in states.iter_errors(load(path))]
    assert errors == []


def _new_state() -> dict:
    return {
        "dispute_id": None, "policy": {"id": "merton", "version": "1.0.0"}, "status": "new",
        "as_of": None, "paused": False, "pause": None, "stage": None, "stage_entered_at": None,
        "entry": None, "max_level": None, "urgency": None, "category": None,
        "cross_council": None, "child_ref": None, "referrals": [], "legal_advice": None,
        "consulted": [], "history": [], "obligations": [],
    }


def test_a_dispute_with_no_events_has_status_new_and_nothing_else(states):
    assert list(states.iter_errors(_new_state())) == []
    raised_without_history = dict(_new_state(), status="open")
    assert {pointer(e) for e in states.iter_errors(raised_without_history)} >= {"/dispute_id", "/history"}


def _paused_fixture() -> dict:
    return load(STATES[0])


BROKEN_STATES = {
    "overdue without a due time": (lambda s: s["obligations"][5].update(status="overdue"), "/obligations/5/due"),
    "paused without the pause": (lambda s: s.update(pause=None), "/pause"),
    "met without met_at": (lambda s: s["obligations"][1].update(met_at=None), "/obligations/1/met_at"),
    "instant in UTC, not local": (lambda s: s.update(as_of="2027-01-12T16:00:00Z"), "/as_of"),
    "history event with a typo": (lambda s: s["history"][5].update(reasons="not_resolved"), "/history/5"),
    "unknown obligation kind": (lambda s: s["obligations"][1].update(kind="email"), "/obligations/1/kind"),
    "a field left out": (lambda s: s.pop("consulted"), ""),
}


@pytest.mark.parametrize("case", BROKEN_STATES, ids=str)
def test_broken_state_is_rejected_at_the_expected_pointer(case, states):
    state = _paused_fixture()
    change, expected = BROKEN_STATES[case]
    change(state)
    assert expected in {pointer(e) for e in states.iter_errors(state)}


def test_actions_of_a_remind_carry_when_and_no_index(actions, schemas):
    remind = {"action": "remind", "kind": "reminder", "dispute_id": "TR-2027-0005",
              "obligation": "admin_prompt", "index": None, "stage": "tracked_recommendation",
              "role": ["AC"], "target": ["SW", "IRO"], "due": None, "due_date": None,
              "at": "2027-01-22T23:59:59+00:00", "system": None, "discretionary": False,
              "immediately": False, "guidance": False,
              "text": "If SW has not responded by Fri 22 Jan 2027 23:59:59 GMT, AC prompts SW and IRO."}
    assert list(actions.iter_errors([remind])) == []
    assert {pointer(e) for e in actions.iter_errors([dict(remind, at=None)])} == {"/0/at"}
    assert {pointer(e) for e in actions.iter_errors([dict(remind, action="do")])} == {"/0/at", "/0/index"}
