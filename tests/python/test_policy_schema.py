"""The policy format: schemas/policy.schema.json accepts the seed policies and rejects
broken ones at the right place.

Every file in tests/fixtures/policies/invalid/ is a small policy broken in exactly one
way; its "x-expect" key (an x- extension, so it does not itself break the policy) names
the JSON pointer every schema error must point at. Run with: python3 -m pytest tests/python
"""
from __future__ import annotations

from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

import policy_semantics
from schema_tools import declared_properties, load, pointer

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "schemas" / "policy.schema.json"
POLICIES = sorted((ROOT / "policies").glob("*.json"))
SEED_POLICIES = [p for p in POLICIES if p.name != "bank-holidays.json"]
FIXTURES = ROOT / "tests" / "fixtures" / "policies"
VALID = sorted((FIXTURES / "valid").glob("*.json"))
INVALID = sorted((FIXTURES / "invalid").glob("*.json"))

SEED_STAGE_IDS = {
    "tracked-recommendation.json": ["tracked_recommendation", "informal_resolution", "formal_directorate", "formal_la"],
    "qa-form.json": ["immediate_action", "stage1", "stage2", "stage3", "stage4"],
    "cic-issues-resolution.json": ["informal", "stage1", "stage2", "stage3", "stage4"],
    "trust-qas.json": ["informal", "stage1", "stage2", "stage3", "stage4", "stage5"],
    "merton.json": ["informal", "drm", "IR1", "IR2", "IR3", "IR4", "IR5"],
}


@pytest.fixture(scope="module")
def schema():
    return load(SCHEMA_PATH)


@pytest.fixture(scope="module")
def validator(schema):
    return Draft202012Validator(schema, format_checker=FormatChecker())


def test_schema_is_a_valid_draft_2020_12_schema(schema):
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "https://drp.dev/schemas/policy.schema.json"


def test_every_property_has_a_title_and_a_description_for_editors(schema):
    missing = [path for path, sub in declared_properties(schema)
               if not (isinstance(sub, dict) and {"title", "description"} <= sub.keys())]
    assert missing == []


def test_every_definition_has_a_title_and_a_description(schema):
    missing = [name for name, sub in schema["$defs"].items()
               if not ({"title", "description"} <= sub.keys())]
    assert missing == []


def test_schema_examples_are_valid(schema, validator):
    for example in schema["examples"]:
        assert list(validator.iter_errors(example)) == []
    for name, sub in schema["$defs"].items():
        checker = validator.evolve(schema={"$ref": f"#/$defs/{name}"})
        for example in sub.get("examples", []):
            errors = [e.message for e in checker.iter_errors(example)]
            assert errors == [], f"$defs/{name} example {example!r}"


def test_all_five_seed_policies_are_present():
    assert sorted(p.name for p in SEED_POLICIES) == sorted(SEED_STAGE_IDS)


@pytest.mark.parametrize("path", SEED_POLICIES, ids=lambda p: p.name)
def test_seed_policy_validates_against_the_schema(path, validator):
    errors = [f"{pointer(e)}: {e.message}" for e in validator.iter_errors(load(path))]
    assert errors == []


@pytest.mark.parametrize("path", SEED_POLICIES, ids=lambda p: p.name)
def test_seed_policy_has_the_documents_stage_ids_in_order(path):
    assert [s["id"] for s in load(path)["stages"]] == SEED_STAGE_IDS[path.name]


@pytest.mark.parametrize("path", SEED_POLICIES + VALID, ids=lambda p: p.name)
def test_policy_passes_the_semantic_rules(path):
    assert policy_semantics.errors(load(path)) == []


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_fixture_validates(path, validator):
    errors = [f"{pointer(e)}: {e.message}" for e in validator.iter_errors(load(path))]
    assert errors == []


def test_there_are_at_least_twenty_invalid_fixtures():
    assert len(INVALID) >= 20


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_is_rejected_at_the_expected_pointer(path, validator):
    doc = load(path)
    expected = doc["x-expect"]["pointer"]
    errors = list(validator.iter_errors(doc))
    assert errors, f"{path.name} should be rejected: {doc['x-expect']['broken']}"
    assert {pointer(e) for e in errors} == {expected}, [
        f"{pointer(e)}: {e.message}" for e in errors]


# ---- the semantic checker itself (rules the schema cannot express) -------------------

def _minimal():
    return load(FIXTURES / "valid" / "minimal.json")


def test_semantics_reports_an_undefined_role():
    doc = _minimal()
    doc["stages"][0]["responder"] = ["HOS"]
    assert any(p == "/stages/0/responder/0" for p, _ in policy_semantics.errors(doc))


def test_semantics_reports_levels_that_do_not_increase():
    doc = _minimal()
    second = dict(doc["stages"][0], id="stage2", level=1)
    doc["stages"].append(second)
    assert ("/stages/1/level",) == tuple(p for p, _ in policy_semantics.errors(doc))


def test_semantics_reports_a_duplicate_stage_id():
    doc = _minimal()
    doc["stages"].append(dict(doc["stages"][0], level=2))
    assert ("/stages/1/id",) == tuple(p for p, _ in policy_semantics.errors(doc))


def test_semantics_reports_an_unknown_stage_reference():
    doc = _minimal()
    doc["rules"]["legal_advice"] = {"allowed": True, "at_any_point": False, "stages": ["stage9"]}
    assert ("/rules/legal_advice/stages/0",) == tuple(p for p, _ in policy_semantics.errors(doc))


# ---- docs/seeds.md maps each document sentence to a pointer that exists -------------

def _resolve(doc, ptr: str):
    node = doc
    for part in ptr.lstrip("/").split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def test_every_pointer_in_the_seed_mapping_exists():
    import re
    text = (ROOT / "docs" / "seeds.md").read_text(encoding="utf-8")
    sections = re.split(r"^## Seed \d{3}: policies/(\S+\.json)$", text, flags=re.M)
    checked = 0
    for name, body in zip(sections[1::2], sections[2::2]):
        doc = load(ROOT / "policies" / name)
        for ptr in re.findall(r"`(/[^`\s]*)`", body):
            try:
                _resolve(doc, ptr)
            except (KeyError, IndexError, ValueError):
                pytest.fail(f"docs/seeds.md names {ptr} in {name}, which does not exist")
            checked += 1
    assert sorted(sections[1::2]) == sorted(SEED_STAGE_IDS)
    assert checked > 100
