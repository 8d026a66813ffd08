"""The engine (drp simulate) against the example logs' expected end states, which were
worked out by hand in examples/events/README.md, and every state it prints against
schemas/dispute-state.schema.json."""
import json
import pathlib
import subprocess

import jsonschema
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples/events"
EXPECTED = json.loads((EXAMPLES / "expected.json").read_text())
LOGS = sorted(k for k in EXPECTED if k.endswith(".jsonl"))


def state_validator():
    schemas = {name: json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text())
               for name in ("event", "dispute-state", "actions")}
    store = {s["$id"]: s for s in schemas.values()}
    resolver = jsonschema.RefResolver.from_schema(schemas["dispute-state"], store=store)
    return jsonschema.Draft202012Validator(schemas["dispute-state"], resolver=resolver)


def simulate(cli, log, at=None, dispute_id=None):
    """The states drp simulate prints; with dispute_id, of that dispute's events alone (on
    standard input), since --at may not be earlier than any dispute's last event."""
    policy = log.removesuffix(".jsonl")
    lines = (EXAMPLES / log).read_text().splitlines(keepends=True)
    if dispute_id:
        lines = [line for line in lines if line.strip() and json.loads(line)["dispute_id"] == dispute_id]
    args = [cli, "simulate", "--policy", policy, "--json", "-"]
    if at:
        args += ["--at", at]
    r = subprocess.run(args, input="".join(lines), capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return {s["dispute_id"]: s for s in json.loads(r.stdout)}


def test_at_earlier_than_a_dispute_s_last_event_is_out_of_order(drp_cli):
    log = next(k for k in LOGS if len(EXPECTED[k]["disputes"]) > 1)
    dispute_id, expected = next(iter(EXPECTED[log]["disputes"].items()))
    args = [drp_cli, "simulate", "--policy", log.removesuffix(".jsonl"), "--at", "2000-01-03T00:00:00Z", str(EXAMPLES / log)]
    r = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and "[drp.out_of_order]" in r.stderr, r.stderr


@pytest.mark.parametrize("log", LOGS)
def test_end_states_match_the_hand_worked_expectations(drp_cli, log):
    for dispute_id, expected in EXPECTED[log]["disputes"].items():
        state = simulate(drp_cli, log, expected["as_of"], dispute_id)[dispute_id]
        assert state["status"] == expected["status"], dispute_id
        assert state["stage"] == expected["stage"], dispute_id
        assert state["paused"] == expected["paused"], dispute_id
        referral = state["referrals"][-1]["status"] if state["referrals"] else None
        assert referral == expected["referral"], dispute_id
        ours = [{"id": o["id"], "stage": o["stage"], "due": o["due"], "status": o["status"]}
                for o in state["obligations"] if o["id"] in ("response", "resolution", "overall", "referral")]
        theirs = [{k: d[k] for k in ("id", "stage", "due", "status")} for d in expected["deadlines"]]
        assert ours == theirs, dispute_id


@pytest.mark.parametrize("log", LOGS)
def test_every_state_matches_the_schema(drp_cli, log):
    validator = state_validator()
    for state in simulate(drp_cli, log).values():
        errors = sorted(validator.iter_errors(state), key=lambda e: list(e.absolute_path))
        assert not errors, [(list(e.absolute_path), e.message[:200]) for e in errors[:5]]
