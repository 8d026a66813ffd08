"""drp validate and drp render from the shell, and agreement of the C++ validator with
Python's jsonschema (which we did not write) plus the Python semantic oracle."""
import json
import pathlib
import subprocess

import jsonschema
import pytest

import policy_semantics

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "schemas/policy.schema.json").read_text())
SEEDS = ["tracked-recommendation", "qa-form", "cic-issues-resolution", "trust-qas", "merton"]
FIXTURES = sorted((ROOT / "tests/fixtures/policies").glob("*/*.json"))


def run(cli, *args):
    r = subprocess.run([cli, *args], capture_output=True, text=True, timeout=60)
    assert r.returncode >= 0, f"drp crashed with signal {-r.returncode}"
    return r


def python_verdict(doc):
    """(valid, error pointers) from jsonschema + the semantic oracle."""
    errors = list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(doc))
    if errors:
        return False, ["/" + "/".join(str(p) for p in e.absolute_path) for e in errors]
    semantic = policy_semantics.errors(doc)
    return not semantic, [p for p, _ in semantic]


def cpp_verdict(cli, path):
    r = run(cli, "validate", "--json", str(path))
    report = json.loads(r.stdout)[0]
    assert r.returncode == (0 if report["valid"] else 1)
    return report["valid"], [d["pointer"] for d in report["diagnostics"] if d["severity"] == "error"]


def test_every_seed_policy_is_valid(drp_cli):
    r = run(drp_cli, "validate", *[str(ROOT / "policies" / f"{s}.json") for s in SEEDS])
    assert r.returncode == 0, r.stdout
    assert r.stdout.count(": valid (0 errors") == 5


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_cpp_validator_agrees_with_jsonschema_and_the_oracle(drp_cli, path):
    doc = json.loads(path.read_text())
    py_valid, py_pointers = python_verdict(doc)
    cpp_valid, cpp_pointers = cpp_verdict(drp_cli, path)
    assert cpp_valid == py_valid, (cpp_pointers, py_pointers)
    assert cpp_valid == (path.parent.name == "valid")
    if not cpp_valid:
        expected = doc.get("x-expect", {}).get("pointer")
        if expected is not None:
            assert any(p == expected or p.startswith(expected + "/") or expected.startswith(p + "/")
                       for p in cpp_pointers), (expected, cpp_pointers)


MUTATIONS = [
    ("unknown role", lambda d: d["stages"][2]["responder"].__setitem__(0, "HOSS")),
    ("duplicate stage", lambda d: d["stages"][3].__setitem__("id", "IR1")),
    ("level order", lambda d: d["stages"][3].__setitem__("level", 1)),
    ("next earlier", lambda d: d["stages"][3].__setitem__("next", ["IR1"])),
    ("unknown stage", lambda d: d["rules"]["bypass"].__setitem__("to_stages", ["IR9"])),
    ("unknown fact", lambda d: d["stages"][2].__setitem__("when", {"==": [{"var": "stage.levle"}, 2]})),
    ("reserved id", lambda d: d["obligations"][0].__setitem__("id", "overall")),
    ("referral stage not allowed", lambda d: d["rules"].__setitem__("referral", {"allowed": False})),
    ("duplicate obligation", lambda d: d["obligations"][1].__setitem__("id", d["obligations"][0]["id"])),
    ("unknown role in pause", lambda d: d["rules"]["pause"].__setitem__("approved_by", ["IRO_BOSS"])),
]


@pytest.mark.parametrize("name, mutate", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_semantic_errors_agree_with_the_oracle(drp_cli, tmp_path, name, mutate):
    doc = json.loads((ROOT / "policies/merton.json").read_text())
    mutate(doc)
    path = tmp_path / "mutant.json"
    path.write_text(json.dumps(doc, indent=2))
    py_valid, py_pointers = python_verdict(doc)
    cpp_valid, cpp_pointers = cpp_verdict(drp_cli, path)
    assert not py_valid and not cpp_valid
    assert set(py_pointers) <= set(cpp_pointers), (py_pointers, cpp_pointers)


@pytest.mark.parametrize("content", [
    b"", b"   ", b"{", b"[]", b"null", b"{\"id\": 1e999999}", b"\xff\xfe\xfd", b"{\"id\": \"\xc3\x28\"}",
    b"[" * 200000, b"{\"a\": 1, \"a\": 2}", b"\xef\xbb\xbf{\"id\": \"x\"}",
], ids=["empty", "blank", "truncated", "array", "null", "huge-number", "binary", "bad-utf8", "deep",
        "duplicate-key", "bom"])
def test_malformed_files_get_a_located_diagnostic_never_a_crash(drp_cli, tmp_path, content):
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    r = run(drp_cli, "validate", str(path))
    assert r.returncode == 1
    first = r.stdout.splitlines()[0]
    assert first.startswith(f"{path}:") and ": error: " in first


def test_validate_the_whole_policies_folder_including_the_bank_holiday_data(drp_cli):
    r = run(drp_cli, "validate", *sorted(str(p) for p in (ROOT / "policies").glob("*.json")))
    assert r.returncode == 0, r.stdout
    assert "bank-holidays.json: valid" in r.stdout


def test_a_broken_bank_holiday_file_is_reported(drp_cli, tmp_path):
    bad = tmp_path / "bank-holidays.json"
    bad.write_text('{"england-and-wales": {"division": "england-and-wales", "events": [{"title": "X", "date": "2027-02-30"}]}}')
    r = run(drp_cli, "validate", str(bad))
    assert r.returncode == 1 and "2027-02-30" in r.stdout


def test_validate_json_output_has_positions(drp_cli):
    path = ROOT / "tests/fixtures/policies/invalid/unknown-stage-kind.json"
    report = json.loads(run(drp_cli, "validate", "--json", str(path)).stdout)[0]
    d = report["diagnostics"][0]
    assert d["severity"] == "error" and d["line"] > 1 and d["column"] >= 1 and d["pointer"].startswith("/stages/")


def test_validate_usage_and_missing_file(drp_cli):
    assert run(drp_cli, "validate").returncode == 2
    r = run(drp_cli, "validate", "/nonexistent.json")
    assert r.returncode == 1 and "cannot read" in r.stdout


@pytest.mark.parametrize("seed", SEEDS)
def test_render_draws_every_seed_in_each_format(drp_cli, seed):
    """The words of the drawing, and that docs/flowcharts* are current: test_render_drawing.py."""
    mermaid = run(drp_cli, "render", "--builtin", seed).stdout
    assert "flowchart TD" in mermaid
    dot = run(drp_cli, "render", str(ROOT / "policies" / f"{seed}.json"), "--format", "dot").stdout
    assert dot.startswith("digraph")
    svg = run(drp_cli, "render", "--builtin", seed, "--format", "svg").stdout
    assert "<svg" in svg


def test_render_rejects_a_broken_policy_with_diagnostics(drp_cli):
    r = run(drp_cli, "render", str(ROOT / "tests/fixtures/policies/invalid/unknown-stage-kind.json"))
    assert r.returncode == 1 and "error:" in r.stderr
    assert run(drp_cli, "render", "x.json", "--format", "png").returncode == 2
