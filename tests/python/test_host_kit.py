"""What a case-record system needs beyond apply (issue 13), from Python: next_due and the
overdue sweep over many stored disputes, checked against the test oracle (event_rules.py,
which we wrote from the docs, not from the engine) on the year of example logs."""
import datetime as dt
import json
import pathlib

import pytest

import drp
from event_rules import Calendar, Dispute as Oracle, Refused, parse_instant

ROOT = pathlib.Path(__file__).resolve().parents[2]
CALENDAR = Calendar.load()
SEEDS = ["merton", "cic-issues-resolution", "qa-form", "tracked-recommendation", "trust-qas"]


def events_of(name):
    out = {}
    for line in (ROOT / "examples/year" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            e = json.loads(line)
            out.setdefault(e["dispute_id"], []).append(e)
    return out


def both_up_to(name, events, until):
    """drp's dispute and the oracle's after the events at or before `until` (the ones both
    accept; the year logs hold some refused events on purpose)."""
    policy = json.loads((ROOT / "policies" / f"{name}.json").read_text(encoding="utf-8"))
    ours, theirs = drp.Dispute(name), Oracle(policy, CALENDAR)
    for e in events:
        if parse_instant(e["at"]) > until:
            break
        try:
            theirs.apply(e)
        except Refused:
            with pytest.raises(drp.Error):
                ours.apply(e)
            continue
        ours.apply(e)
    return ours, theirs


def eligible(theirs, o):
    """Whether the oracle's obligation can become overdue (its next_due's rule)."""
    st = theirs.s
    since = parse_instant(st["pause"]["since"]) if st["paused"] else None
    return (theirs.owed(o) and o["due"] and not o["discretionary"] and not o["immediately"]
            and (since is None or parse_instant(o["due"]) < since))


@pytest.mark.parametrize("name", SEEDS)
def test_the_sweep_finds_what_the_oracle_says_is_overdue_or_due_soon(name):
    disputes = events_of(name)
    starts = sorted(parse_instant(evs[0]["at"]) for evs in disputes.values())
    # Three sweeps through the year: a quarter, half and three quarters of the way.
    seen = set()
    for fraction in (0.25, 0.5, 0.75):
        now = starts[int(len(starts) * fraction)] + dt.timedelta(hours=7)
        soon = now + dt.timedelta(days=5)
        stored, expected = [], []
        for events in disputes.values():
            if parse_instant(events[0]["at"]) > now:
                continue
            ours, theirs = both_up_to(name, events, now)
            if ours.status == "new":
                continue
            k = len(stored)
            stored.append(ours.to_json())
            late = theirs.state(now.isoformat())["obligations"]
            for i, o in enumerate(theirs.state()["obligations"]):
                if not eligible(theirs, o):
                    continue
                if late[i]["status"] == "overdue":
                    expected.append((k, o["id"], i, "overdue", parse_instant(o["due"])))
                elif parse_instant(o["due"]) <= soon:
                    expected.append((k, o["id"], i, "open", parse_instant(o["due"])))
        rows = drp.sweep(name, stored, now, soon)
        found = [(r["state"], r["obligation"], r["index"], r["status"], parse_instant(r["due"])) for r in rows]
        assert found == sorted(expected, key=lambda x: (x[4], x[0], x[2])), (name, now)
        seen.update(r["status"] for r in rows)
        for r in rows:
            state = json.loads(stored[r["state"]])
            assert r["dispute_id"] == state["dispute_id"]
            assert r["explain"] == state["obligations"][r["index"]]["explain"]["text"]
            assert r["text"] and state["child_ref"] not in r["text"]
            assert state["next_due"] is not None and parse_instant(state["next_due"]) <= parse_instant(r["due"])
    assert seen, "the sweeps found nothing: the comparison would prove nothing"


@pytest.mark.parametrize("name", SEEDS)
def test_next_due_is_the_oracle_s_earliest_deadline_that_can_pass(name):
    for events in list(events_of(name).values())[:40]:
        ours, theirs = both_up_to(name, events, parse_instant("2199-01-01T00:00:00Z"))
        dues = [parse_instant(o["due"]) for o in theirs.state()["obligations"] if eligible(theirs, o)]
        want = min(dues) if dues else None
        assert ours.next_due == want
        assert (ours.state()["next_due"] and parse_instant(ours.state()["next_due"])) == (want or None)


def test_a_host_that_indexes_next_due_sweeps_only_the_disputes_past_it():
    name = "merton"
    now = parse_instant("2025-10-01T09:00:00+01:00")
    stored = []
    for events in events_of(name).values():
        ours, _ = both_up_to(name, events, now)
        if ours.status != "new":
            stored.append(ours.to_json())
    due = [s for s in stored if json.loads(s)["next_due"] and parse_instant(json.loads(s)["next_due"]) < now]
    assert 0 < len(due) < len(stored)
    everything = drp.sweep(name, stored, now)
    only_due = drp.sweep(name, due, now)
    key = lambda r: (r["dispute_id"], r["index"])
    assert sorted(map(key, everything)) == sorted(map(key, only_due))


def test_a_bad_state_is_named_by_its_index_and_quoted_nowhere():
    d = drp.Dispute("merton")
    d.apply({"type": "raise", "at": "2026-12-21T10:30:00Z", "dispute_id": "D-1", "by": "IRO",
             "child_ref": "MOSAIC-482913", "category": "drift_delay", "urgency": "standard",
             "summary": "Secret summary", "start_stage": "IR1", "start_reason": "Secret reason"})
    good = d.to_json()
    tampered = json.loads(good)
    tampered["history"][0]["urgency"] = "MOSAIC-482913"
    with pytest.raises(drp.SchemaError) as caught:
        drp.sweep("merton", [good, json.dumps(tampered)], "2027-01-19")
    assert caught.value.state == 1, "the failed state's index, without reading the message"
    assert str(caught.value).count("state 1: ") == 1
    assert "MOSAIC" not in str(caught.value) and "Secret" not in str(caught.value)
    with pytest.raises(drp.OutOfOrderError):
        drp.sweep("merton", [good], "2026-12-20")
    with pytest.raises(drp.SchemaError, match="another policy"):
        drp.sweep("qa-form", [good], "2027-01-19")
    assert drp.sweep("merton", [], "2027-01-19") == []


def test_as_of_a_local_date_is_the_end_of_that_day():
    d = drp.Dispute("merton")
    d.apply({"type": "raise", "at": "2026-12-21T10:30:00Z", "dispute_id": "D-1", "by": "IRO",
             "child_ref": "C-1", "category": "drift_delay", "urgency": "standard", "summary": "s",
             "start_stage": "IR1", "start_reason": "r"})
    rows = drp.sweep("merton", [d.to_json()], dt.date(2027, 1, 7))
    assert "resolution" not in [r["obligation"] for r in rows], "due at 23:59:59 on the 7th: in time that day"
    rows = drp.sweep("merton", [d.to_json()], "2027-01-08")
    assert "resolution" in [r["obligation"] for r in rows]


def test_a_moved_dispute_whose_raise_named_its_version_sweeps_under_the_new_one():
    v1 = drp.Policy.builtin("merton")
    text = v1.source_text.replace('"version": "1.0.0"', '"version": "1.1.0"', 1)
    text = text.replace('"effective_from": "2025-01-01"', '"effective_from": "2027-01-11"', 1)
    assert text != v1.source_text
    v2 = drp.Policy.from_text(text)
    d = drp.Dispute(v1)
    d.apply({"type": "raise", "at": "2026-12-21T10:30:00Z", "dispute_id": "D-1", "by": "IRO",
             "child_ref": "C-1", "category": "drift_delay", "urgency": "standard", "summary": "s",
             "start_stage": "IR1", "start_reason": "r", "policy_version": "1.0.0"})
    moved, _ = d.migrate(v2, "2027-01-11T09:00:00Z")
    stored = moved.to_json()
    assert json.loads(stored)["moves"][0]["from_version"] == "1.0.0"
    rows = drp.sweep(v2, [stored], "2027-01-19")
    assert "resolution" in [r["obligation"] for r in rows], "the raise named 1.0.0: the moves say it may"
    assert [r["due"] for r in rows] == [r["due"] for r in drp.sweep(v2, [stored], "2027-01-19")]
    with pytest.raises(drp.OutOfOrderError) as caught:
        drp.sweep(v2, [stored], "2027-01-11T08:00:00Z")
    assert caught.value.state == 0 and "move" in str(caught.value)
    with pytest.raises(drp.SchemaError, match="another policy"):
        drp.sweep(v1, [stored], "2027-01-19")
