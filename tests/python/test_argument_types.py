"""Every public Python function checks its arguments (issue 16): a wrong type is
drp.ArgumentTypeError (an InvalidArgumentError and a TypeError), reading "[drp.invalid_argument]",
naming the argument and the type given, and never quoting the value (it may be a child's
details) — not pybind11's raw TypeError, which lists the values it was invoked with."""
import datetime as dt
import pathlib

import numpy as np
import pytest

import conftest  # noqa: F401  (puts the build's package on sys.path)
import drp

ROOT = pathlib.Path(__file__).resolve().parents[2]
LOG = str(ROOT / "examples" / "year" / "merton.jsonl")
SECRET = "MERC99999-secret"  # stands for a child's details: no message may quote it


class Secret:
    """A value of the wrong type whose repr would give it away."""

    def __repr__(self):
        return SECRET

    __str__ = __repr__


@pytest.fixture(scope="module")
def merton():
    return drp.Policy.builtin("merton")


@pytest.fixture(scope="module")
def raised(merton):
    d = drp.Dispute(merton)
    d.apply({"type": "raise", "at": "2025-04-01T09:00:00+01:00", "dispute_id": "D-1", "child_ref": "C-1",
             "category": "drift_delay", "urgency": "standard", "summary": "Plan drifting", "due": "2025-04-08"})
    return d


@pytest.fixture(scope="module")
def q3():
    return drp.report("merton", LOG, quarter="2025Q3")


# (what is called, the argument its message must name)
CALLS = [
    (lambda m, d, r: drp.report("merton", LOG, quarter=3), "quarter"),
    (lambda m, d, r: drp.report("merton", LOG, quarter="2025Q3", recurring_at_least="2"), "recurring_at_least"),
    (lambda m, d, r: drp.report("merton", LOG, quarter="2025Q3", identify_children=1), "identify_children"),
    (lambda m, d, r: drp.report("merton", LOG, quarter="2025Q3", themes_from=20250101), "themes_from"),
    (lambda m, d, r: drp.report("merton", LOG, start=Secret(), end="2025-06-30"), "start"),
    (lambda m, d, r: drp.report("merton", LOG, start="2025-04-01", end=Secret()), "end"),
    (lambda m, d, r: drp.report("merton", LOG, quarter="2025Q3", key=Secret()), "key"),
    (lambda m, d, r: drp.report("merton", LOG, quarter="2025Q3", key_file=3), "key_file"),
    (lambda m, d, r: drp.report("merton", LOG, quarter="2025Q3", as_of=Secret()), "as_of"),
    (lambda m, d, r: drp.report(3, LOG, quarter="2025Q3"), "policy"),
    (lambda m, d, r: drp.report("merton", 3, quarter="2025Q3"), "events"),
    (lambda m, d, r: drp.report("merton", LOG, quarter="2025Q3", max_line_bytes="big"), "max_line_bytes"),
    (lambda m, d, r: drp.report("merton", LOG, quarter="2025Q3", redact="yes"), "redact"),
    (lambda m, d, r: drp.quarter(3), "quarter"),
    (lambda m, d, r: drp.redact(Secret()), "df"),
    (lambda m, d, r: drp.redact(r.frame("overdue"), keep=3), "keep"),
    (lambda m, d, r: drp.replay("merton", Secret()), "events"),
    (lambda m, d, r: drp.replay("merton", {"type": "raise"}), "events"),
    (lambda m, d, r: drp.replay(Secret(), LOG), "policy"),
    (lambda m, d, r: drp.replay("merton", LOG, as_of=3), "as_of"),
    (lambda m, d, r: drp.replay("merton", LOG, on_error=True), "on_error"),
    (lambda m, d, r: drp.replay("merton", LOG, max_line_bytes=1.5), "max_line_bytes"),
    (lambda m, d, r: drp.replay_log("merton", LOG, as_of=Secret()), "as_of"),
    (lambda m, d, r: r.frame(3), "section"),
    (lambda m, d, r: r.save(3), "path"),
    (lambda m, d, r: r.save("x.html", format=3), "format"),
    (lambda m, d, r: r.to_json(indent="2"), "indent"),
    (lambda m, d, r: drp.Policy.builtin(3), "name"),
    (lambda m, d, r: drp.Policy.load(3), "path"),
    (lambda m, d, r: drp.Policy.load("policies/merton.json", max_bytes="16"), "max_bytes"),
    (lambda m, d, r: drp.Policy.from_text(3), "text"),
    (lambda m, d, r: drp.Policy.builtin("merton", closures=3), "closures"),
    (lambda m, d, r: drp.validate(3), "path"),
    (lambda m, d, r: drp.validate_text(Secret()), "text"),
    (lambda m, d, r: drp.Dispute(3), "policy"),
    (lambda m, d, r: drp.Dispute(m).apply(Secret()), "event"),
    (lambda m, d, r: drp.Dispute(m).apply_all(3), "events"),
    (lambda m, d, r: d.state(at=3), "at"),
    (lambda m, d, r: d.to_json(indent="x"), "indent"),
    (lambda m, d, r: d.allowed_next(3), "at"),
    (lambda m, d, r: d.summary(as_of=3), "as_of"),
    (lambda m, d, r: d.migrate(m, Secret()), "at"),
    (lambda m, d, r: drp.Dispute.from_json(m, 3), "state"),
    (lambda m, d, r: drp.sweep(m, [d.to_json()], as_of=3), "as_of"),
    (lambda m, d, r: drp.sweep(m, [d.to_json()], as_of="2025-05-01", due_before=Secret()), "due_before"),
    (lambda m, d, r: drp.sweep(m, [3], as_of="2025-05-01"), "state 0"),
    (lambda m, d, r: drp.sweep(m, 3, as_of="2025-05-01"), "states"),
    (lambda m, d, r: drp.state_policy(3), "state"),
    (lambda m, d, r: drp.PolicyVersions().add("merton"), "policy"),
    (lambda m, d, r: drp.PolicyVersions([m]).in_force(3), "day"),
    (lambda m, d, r: drp.PolicyVersions([m]).find(3), "version"),
    (lambda m, d, r: drp.Calendar(3), "division"),
    (lambda m, d, r: drp.Calendar(week_mask=1111100), "week_mask"),
    (lambda m, d, r: drp.Calendar(closures=3), "closures"),
    (lambda m, d, r: drp.Calendar(govuk_file=3), "govuk_file"),
    (lambda m, d, r: drp.Calendar().add_working_days(dt.date(2025, 1, 2), "3"), "n"),
    (lambda m, d, r: drp.Calendar().add_working_days(Secret(), 3), "day"),
    (lambda m, d, r: drp.Calendar().working_days_between(dt.date(2025, 1, 2), 3.5), "day"),
    (lambda m, d, r: drp.Calendar().is_working_day(Secret()), "day"),
    (lambda m, d, r: drp.Calendar().next_working_day(3), "day"),
    (lambda m, d, r: drp.Calendar().previous_working_day(3), "day"),
    (lambda m, d, r: drp.Calendar().explain(dt.date(2025, 1, 2), "3"), "n"),
    (lambda m, d, r: drp.Calendar().holidays("2025"), "year"),
    (lambda m, d, r: drp.Calendar().holidays_between(3, dt.date(2025, 1, 2)), "day"),
    (lambda m, d, r: drp.Calendar().add_closure(dt.date(2025, 1, 2), title=3), "title"),
    (lambda m, d, r: drp.Calendar().import_govuk(3), "json_text"),
]


@pytest.mark.parametrize("call,argument", CALLS, ids=[f"{i}-{a}" for i, (_, a) in enumerate(CALLS)])
def test_a_wrong_type_is_a_drp_error_naming_the_argument(call, argument, merton, raised, q3):
    with pytest.raises(drp.ArgumentTypeError) as info:
        call(merton, raised, q3)
    e = info.value
    assert isinstance(e, drp.InvalidArgumentError) and isinstance(e, TypeError)
    assert e.code == "invalid_argument"
    message = str(e)
    assert message.startswith(f"[drp.invalid_argument] {argument} must be "), message
    assert SECRET not in message and "Invoked with" not in message, message


def test_the_message_says_what_was_given_and_what_is_wanted():
    with pytest.raises(drp.ArgumentTypeError) as info:
        drp.report("merton", LOG, quarter=3)
    assert str(info.value) == "[drp.invalid_argument] quarter must be text such as '2025Q3' or 'Q1 2025/26', not int"


def test_a_value_of_the_right_type_but_out_of_range_is_invalid_not_a_type_error():
    with pytest.raises(drp.InvalidArgumentError) as info:
        drp.report("merton", LOG, quarter="2025Q3", recurring_at_least=0)
    assert not isinstance(info.value, TypeError)
    assert str(info.value).startswith("[drp.invalid_argument] recurring_at_least must be 1 or more")


def test_errors_raised_in_python_have_the_same_form_as_the_engines():
    with pytest.raises(drp.InvalidArgumentError) as python_side:
        drp.report("merton", LOG, quarter="2025Q3", start="2025-07-01")
    with pytest.raises(drp.Error) as engine_side:
        drp.quarter("2025Q5")
    for e in (python_side.value, engine_side.value):
        assert str(e).startswith(f"[drp.{e.code}] ") and not str(e).startswith(f"[drp.{e.code}] [drp."), str(e)


def test_numpy_integers_and_booleans_are_accepted():
    cal = drp.Calendar()
    assert cal.add_working_days(dt.date(2025, 1, 2), np.int64(1)) == dt.date(2025, 1, 3)
    assert cal.holidays(np.int32(2025))[0].date == dt.date(2025, 1, 1)
