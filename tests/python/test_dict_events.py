"""Dicts read straight into events, and actions and calendar answers made without JSON
(issue 14): the same events, actions, states and errors as the JSON path they replaced.

The reference is drp._drp._apply_via_json (the dict through to_json and parse_event, the
actions through actions_json, as Dispute.apply did before) and, for dicts JSON can spell
with no None, the event's JSON text."""
import copy
import datetime as dt
import json
import math
import pathlib

import numpy as np
import pandas as pd
import pytest

import drp
from drp import _drp

ROOT = pathlib.Path(__file__).resolve().parents[2]
LOGS = sorted((ROOT / "examples" / "events").glob("*.jsonl"))
MERTON_YEAR = ROOT / "examples" / "year" / "merton.jsonl"
INVALID = sorted((ROOT / "tests" / "fixtures" / "events" / "invalid").glob("*.json"))
POLICY_OF = {"merton": "merton", "trust-qas": "trust-qas", "qa-form": "qa-form", "cic-issues-resolution": "cic-issues-resolution",
             "tracked-recommendation": "tracked-recommendation"}


class StrKey(str):
    pass


def events_of(path):
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def outcome(fn):
    """("ok", result) or (the exception's type, its message)."""
    try:
        return "ok", fn()
    except Exception as e:  # noqa: BLE001 - the comparison is the point
        return type(e), str(e)


def same_as_json_path(d: drp.Dispute, event):
    """Applies `event` (a dict) to `d` directly, and to copies the JSON ways; the actions
    (keys in order), errors, history and states must agree. Returns the direct outcome."""
    ref, by_text = d.copy(), d.copy()
    direct = outcome(lambda: d.apply(event))
    via = outcome(lambda: json.loads(_drp._apply_via_json(ref._native, event)))
    if direct[0] == "ok":
        assert via[0] == "ok", (event, via)
        assert direct[1] == via[1], event
        assert [list(a) for a in direct[1]] == [list(a) for a in via[1]], event  # keys in the same order
    else:
        assert direct == via, event
    assert d.to_json() == ref.to_json(), event
    if json_spells(event):
        assert outcome(lambda: by_text.apply(json.dumps(event))) == direct, event
        assert by_text.to_json() == d.to_json(), event
    return direct


def json_spells(event):
    """Whether the event's JSON text is the same event: str keys, no None (an absent field
    in a dict, null in JSON), no NaN, no integer beyond 64 bits, no lone surrogate."""
    def text(v):
        return isinstance(v, str) and not any(0xD800 <= ord(c) <= 0xDFFF for c in v)

    def plain(v):
        if isinstance(v, (bool, str)):
            return isinstance(v, bool) or text(v)
        if isinstance(v, int):
            return type(v) is int and -2**63 <= v < 2**63
        if isinstance(v, float):
            return type(v) is float and math.isfinite(v)
        if isinstance(v, list):
            return all(plain(x) for x in v)
        if isinstance(v, dict):
            return all(type(k) is str and text(k) and x is not None and plain(x) for k, x in v.items())
        return False
    return all(type(k) is str and text(k) and v is not None and plain(v) for k, v in event.items())


@pytest.mark.parametrize("path", LOGS + [MERTON_YEAR], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_example_event_gives_the_actions_and_state_of_the_json_path(path):
    policy = drp.Policy.builtin(POLICY_OF[path.stem])
    disputes = {}
    texts = {}
    for e in events_of(path):
        d = disputes.setdefault(e["dispute_id"], drp.Dispute(policy))
        t = texts.setdefault(e["dispute_id"], drp.Dispute(policy))
        direct = same_as_json_path(d, e)
        assert direct[0] == "ok", direct
        assert t.apply(json.dumps(e)) == direct[1]
    for key, d in disputes.items():
        assert d.history == texts[key].history
        assert d.to_json() == texts[key].to_json()


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_every_invalid_event_fixture_is_refused_with_the_json_paths_error(path):
    event = json.loads(path.read_text())
    if not isinstance(event, dict):
        return
    policy = drp.Policy.builtin("merton")
    d = drp.Dispute(policy)
    raised = drp.Dispute(policy)
    raised.apply(events_of(ROOT / "examples" / "events" / "merton.jsonl")[0])
    for target in (d, raised):
        same_as_json_path(target, event)


# Values a host's dict may hold, in place of a field's value, beside what JSON has.
ODD_VALUES = [None, "", " ", "x" * 5000, "\u00e9t\u00e9", "\ud800", "null", "true", True, False, 0, 1, -1, 2**70, 1.5,
              float("nan"), float("inf"), [], ["IRO"], {}, {"a": 1}, dt.date(2025, 4, 1),
              dt.datetime(2025, 4, 1, 9, tzinfo=dt.timezone.utc), dt.datetime(2025, 4, 1, 9), np.int64(3), np.float64("nan"),
              np.bool_(True), pd.NaT, pd.Timestamp("2025-04-01T09:00Z"), StrKey("IRO"), b"IRO", object()]


def mutations(event):
    """The event with each field removed, each value replaced by an odd one, and extra
    keys (unknown, not a str, a str subclass)."""
    for k in event:
        yield {x: v for x, v in event.items() if x != k}
        for v in ODD_VALUES:
            yield dict(event, **{k: v})
    yield dict(event, colour="blue")
    yield dict(event, colour=None)
    yield dict(event, zzz="a", aaa="b")
    yield {**event, 7: "seven"}
    yield {**event, StrKey("note"): "a note"}
    yield {**event, StrKey("type"): event["type"]}
    yield {**event, "\ud800": "x"}
    wide = dict(event)
    for i in range(40):
        wide[f"f{i}"] = None
    yield wide


@pytest.mark.parametrize("seed", ["merton", "trust-qas"])
def test_every_mutation_of_each_event_type_is_answered_as_by_the_json_path(seed):
    log = events_of(ROOT / "examples" / "events" / f"{seed}.jsonl")
    policy = drp.Policy.builtin(seed)
    # The dispute as it stood before each event of a distinct type, and that event.
    cases, seen = [], set()
    d = drp.Dispute(policy)
    for e in log:
        if e["type"] not in seen and e["dispute_id"] == log[0]["dispute_id"]:
            seen.add(e["type"])
            cases.append((d.copy(), e))
        if e["dispute_id"] == log[0]["dispute_id"]:
            d.apply(e)
    assert len(cases) >= 5
    for before, event in cases:
        for m in mutations(event):
            same_as_json_path(before.copy(), m)


def test_a_dict_subclass_and_an_ordered_dict_read_like_a_dict():
    import collections
    log = events_of(ROOT / "examples" / "events" / "merton.jsonl")

    class Event(dict):
        def __getitem__(self, key):  # not consulted, as before: the dict's own storage is read
            raise AssertionError

    for make in (collections.OrderedDict, Event):
        d = drp.Dispute("merton")
        for e in log[:6]:
            same_as_json_path(d, make(e))


def test_the_list_and_frame_replays_refuse_what_the_json_lines_refuse():
    log = events_of(MERTON_YEAR)[:300]
    records = copy.deepcopy(log)
    # Broken records among good ones: a bad field, an unknown one, a number, out of order.
    records[5]["urgency"] = "soon"
    records[9]["colour"] = "blue"
    records[14]["adequate"] = "yes"
    records[20] = dict(records[20], at="2024-01-01T00:00:00Z")
    records[33]["note"] = 3
    lines = [json.dumps(r) for r in records]
    by_lines = drp.replay_log("merton", lines, on_error="skip")
    by_dicts = drp.replay_log("merton", records, on_error="skip")
    frame = pd.DataFrame.from_records(records)
    by_frame = drp.replay_log("merton", frame, on_error="skip")
    pd.testing.assert_frame_equal(by_dicts.refused, by_lines.refused)
    assert len(by_lines.refused) >= 4
    pd.testing.assert_frame_equal(by_dicts.disputes, by_lines.disputes)
    # A frame's missing cells are absent fields; its number column makes the note a float.
    assert by_frame.refused["record"].tolist() == by_lines.refused["record"].tolist()
    pd.testing.assert_frame_equal(by_frame.disputes, by_lines.disputes)


def test_columns_of_a_repeated_name_give_the_last_as_before():
    # (drp.replay refuses such a frame earlier; the extension still reads them as it did.)
    log = [dict(e, note="a note") for e in events_of(ROOT / "examples" / "events" / "merton.jsonl")[:3]]
    names = sorted({k for e in log for k in e})
    arrays = [np.array([e.get(k) for e in log], dtype=object) for k in names]
    numbers = np.array([1, 2, 3])
    for cols, kinds, applied in ((["note"] + names, "i" + "o" * len(names), 3),  # the text, last, is the note
                                 (names + ["note"], "o" * len(names) + "i", 0)):  # the number, last: refused
        r = _drp._Replayer(drp.Policy.builtin("merton")._native, None, True)
        r.add_columns(cols, [numbers] + arrays if kinds[0] == "i" else arrays + [numbers], kinds)
        assert r.finish().applied == applied


# ---- the calendar's scalar calls ----------------------------------------------------------

class Day(dt.date):
    pass


DAYS = [dt.date(2026, 12, 18) + dt.timedelta(days=i) for i in range(0, 40, 3)] + [
    dt.date(1970, 1, 1), dt.date(1969, 12, 31), dt.date(2199, 12, 31), dt.date(2200, 1, 1), dt.date(1, 1, 1),
    dt.date(9999, 12, 31), dt.date(4707, 11, 28), dt.date(4707, 11, 29)]
OTHER_DAYS = ["2026-12-21", "2026-13-01", np.datetime64("2026-12-21"), Day(2026, 12, 21),
              dt.datetime(2026, 12, 21, 9), pd.Timestamp("2026-12-21"), None, 5, 2.5]
COUNTS = [0, 1, -1, 10, -10, 260, 2**31, -2**31 - 1, 2**70, True, 2.7, np.int64(4), "3", None]


@pytest.fixture(scope="module")
def cal():
    return drp.Calendar("england-and-wales", closures=[dt.date(2026, 12, 29)])


def test_scalar_calls_answer_as_the_python_path(cal):
    for day in DAYS + OTHER_DAYS:
        assert outcome(lambda: cal.is_working_day(day)) == outcome(lambda: cal._is_working_day(day)), day
        assert outcome(lambda: cal.next_working_day(day)) == outcome(lambda: cal._next_working_day(day)), day
        assert outcome(lambda: cal.previous_working_day(day)) == outcome(lambda: cal._previous_working_day(day)), day
        for n in COUNTS:
            assert outcome(lambda: cal.add_working_days(day, n)) == outcome(lambda: cal._add_working_days(day, n)), (day, n)
        for end in DAYS[:4] + OTHER_DAYS[:3]:
            assert outcome(lambda: cal.working_days_between(day, end)) == \
                outcome(lambda: cal._working_days_between(day, end)), (day, end)


def test_scalar_calls_return_plain_values_and_take_keywords(cal):
    got = cal.add_working_days(dt.date(2026, 12, 21), 10)
    assert type(got) is dt.date and got == dt.date(2027, 1, 8)
    assert cal.add_working_days(day=dt.date(2026, 12, 21), n=10) == got
    assert type(cal.working_days_between(dt.date(2026, 12, 21), got)) is int
    assert cal.is_working_day(dt.date(2026, 12, 29)) is False
    with pytest.raises(TypeError):
        cal.add_working_days(dt.date(2026, 12, 21))
    assert "working day" in drp.Calendar.add_working_days.__doc__
    arr = cal.add_working_days(np.array(["2026-12-21", "NaT"], dtype="datetime64[D]"), 10)
    assert str(arr[0]) == "2027-01-08" and np.isnat(arr[1])


def test_a_calendar_without_its_native_part_fails_as_before():
    broken = drp.Calendar.__new__(drp.Calendar)
    with pytest.raises(AttributeError):
        broken.add_working_days(dt.date(2026, 12, 21), 1)
