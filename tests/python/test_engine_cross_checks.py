"""drp against what we did not write into it: the test oracle (event_rules.py, the rules of
docs/events-and-state.md restated in plain Python) and Python's jsonschema (the published
event schema).

- Every example log, the generated year and freshly generated years (other seeds, so
  scenarios nobody has looked at) replay to the same state in drp and in the oracle, event
  by event, accepted or refused with the same code.
- The same logs, altered at random (events dropped, repeated, retyped, re-aimed), keep the
  two in agreement wherever the altered event is one the schema accepts; where the schema
  refuses it, drp refuses it as invalid_event naming the field.
- Every invalid event fixture is refused as invalid_event by drp as well as by the schema.
"""
from __future__ import annotations

import collections
import datetime as dt
import json
import os
import pathlib
import random
import re
import subprocess
import sys

import jsonschema
import pytest

import conftest
import drp
from event_rules import Calendar, Dispute as Oracle, Refused

ROOT = pathlib.Path(__file__).resolve().parents[2]
CALENDAR = Calendar.load()
SCHEMA = jsonschema.Draft202012Validator(
    json.loads((ROOT / "schemas/event.schema.json").read_text(encoding="utf-8")),
    format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
SEEDS = ["merton", "cic-issues-resolution", "qa-form", "tracked-recommendation", "trust-qas"]
IGNORED = {"history", "text"}  # the history's instants are written in UTC; explain text is prose


def instant(value):
    if isinstance(value, str) and len(value) >= 20 and value[4:5] == "-" and value[10:11] == "T":
        try:
            return dt.datetime.fromisoformat(value).astimezone(dt.timezone.utc)
        except ValueError:
            return value
    return value


def differences(ours, theirs, path=""):
    """Paths where two states differ (instants compared as instants)."""
    if isinstance(ours, dict) and isinstance(theirs, dict):
        out = []
        for key in sorted(set(ours) | set(theirs)):
            if key in IGNORED:
                continue
            if key not in ours or key not in theirs:
                out.append(f"{path}/{key}: only in {'drp' if key in ours else 'the oracle'}")
            else:
                out += differences(ours[key], theirs[key], f"{path}/{key}")
        return out
    if isinstance(ours, list) and isinstance(theirs, list):
        if len(ours) != len(theirs):
            return [f"{path}: {len(ours)} items != {len(theirs)}"]
        return [d for i, (a, b) in enumerate(zip(ours, theirs)) for d in differences(a, b, f"{path}/{i}")]
    return [] if instant(ours) == instant(theirs) else [f"{path}: {ours!r} != {theirs!r}"]


def disputes(log: pathlib.Path) -> dict[str, list[dict]]:
    out = collections.defaultdict(list)
    for line in log.read_text(encoding="utf-8").splitlines():
        if line.strip():
            event = json.loads(line)
            out[event["dispute_id"]].append(event)
    return out


def compare(name: str, events: list[dict]) -> list[str]:
    """Applies the events to drp and to the oracle; the first disagreement, if any."""
    policy = json.loads((ROOT / "policies" / f"{name}.json").read_text(encoding="utf-8"))
    ours, theirs = drp.Dispute(drp.Policy.builtin(name)), Oracle(policy, CALENDAR)
    last = None  # when the last event applied happened
    for i, event in enumerate(events):
        where = f"{name} {event.get('dispute_id')} event {i} ({json.dumps(event)[:200]})"
        if not SCHEMA.is_valid(event):
            with pytest.raises(drp.InvalidEventError, match=r"(\]|\)|event \d+): /"):  # a field named, not a rule
                ours.apply(event)
            continue
        try:
            ours.apply(event)
            code = None
        except drp.Error as e:
            code = e.code
        try:
            theirs.apply(event)
            expected = None
        except Refused as e:
            expected = e.code
        if code != expected:
            return [f"{where}: drp {code or 'accepted'}, the oracle {expected or 'accepted'}"]
        if code is None:
            last = dt.datetime.fromisoformat(event["at"])
        when = max(last, dt.datetime.fromisoformat(event["at"])).isoformat() if last else event["at"]
        found = differences(ours.state(when), theirs.state(when))
        if found:
            return [f"{where}: {d}" for d in found[:5]]
    if last:  # and later on: what has become overdue since the last event applied
        for later in (dt.timedelta(hours=20), dt.timedelta(days=9), dt.timedelta(days=400)):
            when = (last + later).isoformat()
            found = differences(ours.state(when), theirs.state(when))
            if found:
                return [f"{name} {events[-1].get('dispute_id')} as of {when}: {d}" for d in found[:5]]
    return []


def logs():
    return sorted((ROOT / "examples/events").glob("*.jsonl")) + sorted((ROOT / "examples/year").glob("*.jsonl"))


@pytest.mark.parametrize("log", logs(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_the_example_logs_run_the_same_in_drp_and_the_oracle(log):
    failures = [f for events in disputes(log).values() for f in compare(log.stem, events)]
    assert not failures, "\n".join(failures[:10])


@pytest.fixture(scope="module")
def fresh_year(tmp_path_factory):
    """A year of events from another seed of the generator: scenarios no one has read."""
    out = tmp_path_factory.mktemp("year")
    env = dict(os.environ, PYTHONPATH=str(conftest.BUILD / "python"))
    r = subprocess.run([sys.executable, str(ROOT / "examples/generate_events.py"), "--seed", "20261123",
                        "--disputes", "120", "--out", str(out)], capture_output=True, text=True, timeout=300, env=env)
    assert r.returncode == 0, r.stderr
    return out


@pytest.mark.parametrize("name", SEEDS)
def test_a_freshly_generated_year_runs_the_same_in_drp_and_the_oracle(fresh_year, name):
    runs = disputes(fresh_year / f"{name}.jsonl")
    assert len(runs) == 120
    failures = [f for events in runs.values() for f in compare(name, events)]
    assert not failures, "\n".join(failures[:10])


TYPES = ["raise", "escalate", "respond", "extend", "pause", "resume", "legal_advice", "consult", "refer",
         "referral_decision", "meeting", "record", "notify", "resolve", "withdraw", "other_route", "other_route_ended"]
REASONS = ["no_response", "inadequate_response", "not_resolved", "discretion"]
ODD_TEXT = ["", " ", " x", "x ", "x\u0001y", "x\ty", "\u00a0", "x" * 129, "Care-Planning", "notify.SW", "response",
            "IR-1", "1.0", "1.0.0", "copy.HOS_QAPD", "résumé"]


def alter(rng: random.Random, events: list[dict], policy: dict) -> list[dict]:
    """A few random edits of one dispute's events."""
    roles = list(policy["roles"])
    stages = [s["id"] for s in policy["stages"]]
    ids = [o["id"] for o in policy.get("obligations", [])] + \
          [o["id"] for s in policy["stages"] for o in s.get("obligations", [])] + ["response", "no_such_duty"]
    events = [dict(e) for e in events]
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(events))
        e, roll = events[i], rng.random()
        if roll < 0.12 and len(events) > 1:
            events.pop(i)
        elif roll < 0.24:
            events.insert(i, dict(events[rng.randrange(len(events))], at=e["at"]))
        elif roll < 0.36:
            e["type"] = rng.choice(TYPES)
        elif roll < 0.44:
            e["to"] = rng.choice(stages)
        elif roll < 0.52:
            e["role"] = rng.choice(roles)
        elif roll < 0.58:
            e["reason"] = rng.choice(REASONS)
        elif roll < 0.66:
            e["obligation"] = rng.choice(ids)
        elif roll < 0.72:
            e["agreed"] = rng.random() < 0.5
        elif roll < 0.78:
            day = dt.date.fromisoformat(e["at"][:10]) + dt.timedelta(days=rng.randint(-3, 20))
            e["until"], e["agreed_by"] = day.isoformat(), rng.choice(roles)
        elif roll < 0.82:
            e["by"] = rng.choice(roles)
        elif roll < 0.86:  # later or earlier, across days and clock changes
            t = dt.datetime.fromisoformat(e["at"]) + dt.timedelta(hours=rng.choice([-30, -1, 1, 7, 49, 24 * 9, 24 * 40]))
            e["at"] = t.isoformat()
        elif roll < 0.9:
            field = rng.choice(["adequate", "concurrent", "accepted", "cross_council"])
            e[field] = rng.random() < 0.5
        elif roll < 0.91:  # another route taken, or ended (its own fields only)
            events[i] = {k: e[k] for k in ("at", "dispute_id", "by") if k in e}
            events[i].update(type=rng.choice(["other_route", "other_route_ended"]), route=rng.choice(["complaint", "advocacy"]))
        elif roll < 0.93:
            day = dt.date.fromisoformat(e["at"][:10]) + dt.timedelta(days=rng.randint(0, 25))
            e["due"] = day.isoformat() if rng.random() < 0.8 else day.isoformat() + "T12:00:00+01:00"
        else:
            field = rng.choice(["dispute_id", "child_ref", "summary", "note", "category", "stage", "start_stage",
                                "kind", "obligation", "policy_version", "reason", "team"])
            e[field] = rng.choice(ODD_TEXT)
    return events


@pytest.mark.parametrize("name", SEEDS)
def test_altered_logs_run_the_same_in_drp_and_the_oracle(name):
    rng = random.Random(f"altered {name}")
    policy = json.loads((ROOT / "policies" / f"{name}.json").read_text(encoding="utf-8"))
    runs = disputes(ROOT / "examples/year" / f"{name}.jsonl")
    failures, checked = [], 0
    for _, events in sorted(runs.items()):
        for _ in range(3):
            altered = alter(rng, events, policy)
            checked += len(altered)
            failures += compare(name, altered)
    assert checked > 500
    assert not failures, "\n".join(failures[:10])


def test_every_invalid_event_fixture_is_refused_as_invalid():
    fixtures = sorted((ROOT / "tests/fixtures/events/invalid").glob("*.json"))
    assert len(fixtures) > 40
    for path in fixtures:
        text = path.read_text(encoding="utf-8")
        assert not SCHEMA.is_valid(json.loads(text)), path.name
        with pytest.raises((drp.InvalidEventError, drp.InvalidJsonError)):
            drp.Dispute(drp.Policy.builtin("merton")).apply(text)
