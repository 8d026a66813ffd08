"""Local closure days (docs/policy-authoring.md §6): the policy file's "closures" and the
host's, added at load. Deadlines skip them, explanations name them, and the due dates agree
with numpy's business-day arithmetic (which we did not write) given bank holidays plus
closures."""
import datetime as dt
import json
import pathlib
import pickle
import subprocess

import numpy as np
import pytest
from jsonschema import Draft202012Validator, FormatChecker

import drp

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "schemas/policy.schema.json").read_text())
DEC29 = dt.date(2026, 12, 29)


def raise_at_ir1(day: dt.date, dispute_id: str = "D-1") -> dict:
    return {"type": "raise", "at": f"{day.isoformat()}T09:00:00Z", "dispute_id": dispute_id, "child_ref": "C-1",
            "category": "resources", "urgency": "standard", "summary": "s", "start_stage": "IR1",
            "start_reason": "r"}


def ir1_response(policy, day: dt.date = dt.date(2026, 12, 21)) -> dict:
    d = drp.Dispute(policy)
    d.apply(raise_at_ir1(day))
    return next(o for o in d.state()["obligations"] if o["id"] == "resolution" and o["stage"] == "IR1")  # work to be completed


def merton_doc(closures=None) -> dict:
    doc = json.loads(drp.Policy.builtin("merton").source_text)
    if closures is not None:
        doc["closures"] = closures
    return doc


# ---- the example of issue 13 ------------------------------------------------------------------

def test_merton_ir1_raised_on_21_december_2026_is_due_7_january_without_a_closure():
    assert ir1_response(drp.Policy.builtin("merton"))["due_date"] == "2027-01-07"


def test_with_29_december_closed_in_the_policy_file_it_is_due_8_january_and_the_explain_names_it():
    p = drp.Policy.from_text(json.dumps(merton_doc([{"date": "2026-12-29", "title": "Council closure"}])))
    r = ir1_response(p)
    assert r["due_date"] == "2027-01-08"
    assert {"date": "2026-12-29", "name": "Council closure"} in r["explain"]["skipped"]
    assert "skipped Fri 25 Dec 2026 (Christmas Day), Mon 28 Dec 2026 (Boxing Day, substitute day), " \
           "Tue 29 Dec 2026 (Council closure), Fri 1 Jan 2027" in r["explain"]["text"]
    assert p.closures == (drp.Closure(DEC29, "Council closure"),) and p.added_closures == ()


def test_with_29_december_added_at_load_it_is_due_8_january(root):
    for p in (drp.Policy.builtin("merton", closures=[(DEC29, "Council closure")]),
              drp.Policy.load(root / "policies/merton.json", closures=[("2026-12-29", "Council closure")]),
              drp.Policy.from_text(drp.Policy.builtin("merton").source_text, closures=[drp.Closure(DEC29, "Council closure")])):
        r = ir1_response(p)
        assert r["due_date"] == "2027-01-08"
        assert "Tue 29 Dec 2026 (Council closure)" in r["explain"]["text"]
        assert p.added_closures == (drp.Closure(DEC29, "Council closure"),)
        assert p.calendar.is_working_day(DEC29) is False


# ---- the host's closures ------------------------------------------------------------------------

def test_closures_may_be_dates_strings_numpy_days_pairs_or_holiday_rows():
    row = drp.Calendar(closures=[(dt.date(2026, 12, 31), "From a calendar")]).holidays(2026)[-1]
    p = drp.Policy.builtin("merton", closures=[DEC29, "2026-12-30", np.datetime64("2027-01-05"), row])
    assert p.added_closures == (drp.Closure(DEC29, "Local closure day"), drp.Closure(dt.date(2026, 12, 30)),
                                drp.Closure(dt.date(2026, 12, 31), "From a calendar"),
                                drp.Closure(dt.date(2027, 1, 5)))
    # 22-24 Dec, 4 Jan, 6-8 and 11-13 Jan: the tenth is Wed 13 Jan.
    assert ir1_response(p)["due_date"] == "2027-01-13"


def test_the_source_text_stays_the_files_and_equality_and_pickling_keep_the_closures():
    plain = drp.Policy.builtin("merton")
    closed = drp.Policy.builtin("merton", closures=[(DEC29, "Council closure")])
    assert closed.source_text == plain.source_text
    assert closed != plain and closed == drp.Policy.builtin("merton", closures=[(DEC29, "Council closure")])
    assert "added_closures=1" in repr(closed)
    again = pickle.loads(pickle.dumps(closed))
    assert again == closed and again.added_closures == closed.added_closures
    d = drp.Dispute(closed)
    d.apply(raise_at_ir1(dt.date(2026, 12, 21)))
    assert pickle.loads(pickle.dumps(d)) == d


def test_the_hosts_title_wins_on_a_day_the_file_also_closes():
    text = json.dumps(merton_doc([{"date": "2026-12-29", "title": "Council closure"}, {"date": "2026-12-30"}]))
    p = drp.Policy.from_text(text, closures=[(DEC29, "Host closure")])
    assert p.closures == (drp.Closure(DEC29, "Host closure"), drp.Closure(dt.date(2026, 12, 30), "Local closure day"))
    assert p.added_closures == (drp.Closure(DEC29, "Host closure"),)


def test_a_closure_that_cannot_be_one_is_refused_naming_the_day_not_the_title():
    with pytest.raises(drp.OutOfRangeError):
        drp.Policy.builtin("merton", closures=["1969-12-31"])
    with pytest.raises(drp.InvalidDateError):
        drp.Policy.builtin("merton", closures=["2026-02-30"])
    with pytest.raises(drp.InvalidArgumentError) as e:
        drp.Policy.builtin("merton", closures=[(DEC29, "secret\nline")])
    assert "2026-12-29" in str(e.value) and "secret" not in str(e.value)
    with pytest.raises(drp.InvalidArgumentError, match="list of days"):
        drp.Policy.builtin("merton", closures="2026-12-29")
    with pytest.raises(drp.InvalidArgumentError):
        drp.Policy.builtin("merton", closures=[(DEC29, "a", "b")])


def test_a_dispute_restores_only_under_the_closures_it_ran_under():
    closed = drp.Policy.builtin("merton", closures=[(DEC29, "Council closure")])
    d = drp.Dispute(closed)
    d.apply(raise_at_ir1(dt.date(2026, 12, 21)))
    text = d.to_json()
    assert drp.Dispute.from_json(drp.Policy.builtin("merton", closures=[(DEC29, "Council closure")]), text) == d
    with pytest.raises(drp.SchemaError, match=r"2026-12-29.*closure"):
        drp.Dispute.from_json("merton", text)


# ---- the policy file's closures: schema and checks --------------------------------------------

def test_the_schema_accepts_closures_and_rejects_bad_ones():
    validator = Draft202012Validator(SCHEMA, format_checker=FormatChecker())
    assert list(validator.iter_errors(merton_doc([{"date": "2026-12-29", "title": "Council closure"},
                                                  {"date": "2026-12-30"}]))) == []
    for closures, where in [([{"date": "2026-02-30"}], "closures/0/date"),
                            ([{"date": "29/12/2026"}], "closures/0/date"),
                            ([{"date": "2026-12-29", "title": ""}], "closures/0/title"),
                            ([{"date": "2026-12-29", "title": "two\nlines"}], "closures/0/title"),
                            ([{"title": "no date"}], "closures/0"),
                            ([{"date": "2026-12-29"}, {"date": "2026-12-29"}], "closures"),
                            ({"date": "2026-12-29"}, "closures")]:
        errors = list(validator.iter_errors(merton_doc(closures)))
        assert errors and {"/".join(map(str, e.absolute_path)) for e in errors} == {where}, closures


def test_validate_warns_about_weekends_and_bank_holidays_and_refuses_a_repeated_day():
    text = json.dumps(merton_doc([{"date": "2026-12-26"}, {"date": "2026-12-25"}, {"date": "2026-12-29"},
                                  {"date": "2026-12-29", "title": "Again"}]), indent=2)
    found = {(d.rule, d.pointer, d.severity) for d in drp.validate_text(text, "merton.json")}
    assert ("closure-on-weekend", "/closures/0/date", "warning") in found
    assert ("closure-on-bank-holiday", "/closures/1/date", "warning") in found
    assert ("duplicate-closure", "/closures/3/date", "error") in found
    with pytest.raises(drp.SemanticError):
        drp.Policy.from_text(text)
    early = json.dumps(merton_doc([{"date": "1969-12-31"}]))
    assert [(d.rule, d.pointer) for d in drp.validate_text(early) if d.severity == "error"] == \
        [("closure-range", "/closures/0/date")]


# ---- the command line ----------------------------------------------------------------------------

def test_drp_simulate_takes_closures(drp_cli, tmp_path):
    log = tmp_path / "events.jsonl"
    log.write_text(json.dumps(raise_at_ir1(dt.date(2026, 12, 21))) + "\n")
    r = subprocess.run([drp_cli, "simulate", "--policy", "merton", "--closure", "2026-12-29=Council closure",
                        "--json", str(log)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    states = json.loads(r.stdout)
    state = states[0] if isinstance(states, list) else states
    response = next(o for o in state["obligations"] if o["id"] == "resolution")
    assert response["due_date"] == "2027-01-08"
    assert "Tue 29 Dec 2026 (Council closure)" in response["explain"]["text"]
    r = subprocess.run([drp_cli, "simulate", "--policy", "merton", "--closure", "2026-12-29", "--closure", "2027-01-05",
                        str(log)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and "Mon 11 Jan 2027" in r.stdout and "(Local closure day)" in r.stdout
    bad = subprocess.run([drp_cli, "simulate", "--policy", "merton", "--closure", "29/12/2026", str(log)],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "--closure" in bad.stderr
    out_of_range = subprocess.run([drp_cli, "simulate", "--policy", "merton", "--closure", "2300-01-01", str(log)],
                                  capture_output=True, text=True, timeout=60)
    assert out_of_range.returncode == 1 and "supported range" in out_of_range.stderr
    assert "--closure" in subprocess.run([drp_cli, "simulate", "--help"], capture_output=True, text=True).stdout


# ---- against numpy ---------------------------------------------------------------------------

CLOSURES = sorted({dt.date(y, 12, d) for y in range(2020, 2036) for d in (29, 30, 31)} |
                  {dt.date(2027, 5, 4), dt.date(2028, 8, 29), dt.date(2031, 3, 14)})


def numpy_holidays(extra) -> np.ndarray:
    bank = [h.date for y in range(2019, 2038) for h in drp.Calendar("england-and-wales").holidays(y)]
    return np.array(sorted(set(bank) | set(extra)), dtype="datetime64[D]")


def test_the_policys_calendar_with_closures_agrees_with_numpy():
    cal = drp.Policy.builtin("merton", closures=CLOSURES).calendar
    holidays = numpy_holidays(CLOSURES)
    rng = np.random.default_rng(29)
    days = np.datetime64("2020-01-01") + rng.integers(0, 365 * 15, size=100_000).astype("timedelta64[D]")
    for n in (1, 3, 4, 10, 20, -1, -10):
        ours = cal.add_working_days(days, n)
        theirs = np.busday_offset(days, n, roll="backward" if n > 0 else "forward", holidays=holidays)
        assert np.array_equal(ours, theirs), n


def test_ir1_due_dates_with_closures_agree_with_numpy():
    # The file's closures and the host's together: some days in each, one in both.
    file_days, host_days = CLOSURES[::2], CLOSURES[1::2] + [CLOSURES[0]]
    text = json.dumps(merton_doc([{"date": d.isoformat(), "title": "Council closure"} for d in file_days]))
    p = drp.Policy.from_text(text, closures=host_days)
    holidays = numpy_holidays(CLOSURES)
    bank = set(numpy_holidays(()).tolist())
    rng = np.random.default_rng(13)
    # Raise days around every Christmas, where the closures are, and some through the year.
    starts = [dt.date(y, 12, 1) + dt.timedelta(days=int(k)) for y in range(2020, 2035) for k in rng.integers(0, 45, 12)]
    starts += [dt.date(2020, 1, 1) + dt.timedelta(days=int(k)) for k in rng.integers(0, 365 * 15, 120)]
    for day in starts:
        r = ir1_response(p, day)
        expected = np.busday_offset(np.datetime64(day), 10, roll="backward", holidays=holidays)
        assert r["due_date"] == str(expected), day
        skipped = {s["date"] for s in r["explain"]["skipped"]}
        for c in CLOSURES:
            if day < c <= dt.date.fromisoformat(r["due_date"]) and c.weekday() < 5 and c not in bank:
                assert c.isoformat() in skipped, (day, c)
