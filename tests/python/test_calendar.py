"""drp.Calendar from Python: scalars, numpy arrays, closures and errors (DESIGN.md §4.6)."""
import datetime as dt

import numpy as np
import pytest

import drp

D = dt.date


@pytest.fixture(scope="module")
def cal():
    return drp.Calendar()


def test_raised_on_saturday_with_five_working_days_is_due_friday(cal):
    assert cal.add_working_days(D(2026, 11, 21), 5) == D(2026, 11, 27)


def test_ir1_over_christmas_is_due_seventh_january(cal):
    assert cal.add_working_days(D(2026, 12, 21), 10) == D(2027, 1, 7)
    assert cal.working_days_between(D(2026, 12, 21), D(2027, 1, 7)) == 10
    assert "Boxing Day, substitute day" in cal.explain(D(2026, 12, 21), 10)


def test_iso_strings_and_numpy_scalars_are_accepted(cal):
    assert cal.add_working_days("2026-11-21", 5) == D(2026, 11, 27)
    assert cal.add_working_days(np.datetime64("2026-11-21"), 5) == D(2026, 11, 27)


def test_next_and_previous_working_day(cal):
    assert cal.next_working_day(D(2026, 12, 24)) == D(2026, 12, 29)
    assert cal.previous_working_day(D(2026, 12, 29)) == D(2026, 12, 24)
    assert cal.is_working_day(D(2026, 12, 24)) is True
    assert cal.is_working_day(D(2026, 12, 25)) is False


def test_holidays_of_a_year_keep_their_titles(cal):
    days = cal.holidays(2022)
    assert [h.date for h in days if "Jubilee" in h.title] == [D(2022, 6, 3)]
    assert any(h.title == "Bank Holiday for the State Funeral of Queen Elizabeth II" for h in days)
    assert all(isinstance(h, drp.Holiday) for h in days)


def test_closures_in_the_constructor_delay_deadlines():
    closed = drp.Calendar(closures=[D(2026, 12, 29), (D(2026, 12, 30), "Council closed"), "2026-12-31"])
    assert closed.add_working_days(D(2026, 12, 21), 10) == D(2027, 1, 12)
    assert closed.holidays_between(D(2026, 12, 28), D(2026, 12, 31))[1].title == "Council closed"
    assert closed.remove_closure(D(2026, 12, 31)) is True
    assert closed.add_working_days(D(2026, 12, 21), 10) == D(2027, 1, 11)


def test_vectorised_add_matches_scalar_calls(cal):
    days = np.arange(np.datetime64("2026-01-01"), np.datetime64("2027-01-01"))
    out = cal.add_working_days(days, 10)
    assert out.dtype == np.dtype("datetime64[D]")
    assert out.shape == days.shape
    for d, o in zip(days[::17], out[::17]):
        assert cal.add_working_days(d.item(), 10) == o.item()


def test_vectorised_add_takes_an_offset_per_date_and_keeps_nat(cal):
    days = np.array(["2026-11-21", "NaT", "2026-12-21"], dtype="datetime64[D]")
    out = cal.add_working_days(days, np.array([5, 3, 10]))
    assert out[0] == np.datetime64("2026-11-27")
    assert np.isnat(out[1])
    assert out[2] == np.datetime64("2027-01-07")


def test_vectorised_between_and_is_working_day(cal):
    a = np.array(["2026-12-21", "2026-11-21"], dtype="datetime64[D]")
    b = np.array(["2027-01-07", "2026-11-27"], dtype="datetime64[D]")
    assert cal.working_days_between(a, b).tolist() == [10, 5]
    assert cal.is_working_day(np.array(["2026-12-25", "2026-12-24"], dtype="datetime64[D]")).tolist() == [False, True]


def test_divisions():
    assert drp.Calendar("scotland").is_working_day(D(2026, 4, 6)) is True  # no Easter Monday
    assert drp.Calendar("northern-ireland").is_working_day(D(2026, 3, 17)) is False
    assert set(drp.DIVISIONS) == {"england-and-wales", "scotland", "northern-ireland"}


def test_repr_is_qualified_with_keywords():
    assert repr(drp.Calendar("scotland")) == "drp.Calendar(division='scotland', week_mask='1111100')"


@pytest.mark.parametrize("call, error", [
    (lambda c: c.add_working_days(D(2300, 1, 1), 1), drp.OutOfRangeError),
    (lambda c: c.holidays(1800), drp.OutOfRangeError),
    (lambda c: c.add_working_days("2026-02-30", 1), drp.InvalidDateError),
    (lambda c: c.add_working_days(dt.datetime(2026, 1, 1), 1), drp.InvalidArgumentError),
    (lambda c: c.add_working_days(42, 1), drp.InvalidArgumentError),
    (lambda c: c.working_days_between(np.array(["NaT"], dtype="datetime64[D]"), D(2026, 1, 1)), drp.InvalidDateError),
    (lambda c: c.import_govuk("{not json"), drp.InvalidJsonError),
    (lambda c: c.import_govuk("[]"), drp.SchemaError),
])
def test_bad_input_raises_typed_errors(cal, call, error):
    with pytest.raises(error) as info:
        call(cal)
    assert isinstance(info.value, drp.Error)
    assert info.value.code == error.code


def test_unknown_division_names_the_division():
    with pytest.raises(drp.UnknownDivisionError, match="wales"):
        drp.Calendar("wales")
    with pytest.raises(drp.InvalidArgumentError):
        drp.Calendar(week_mask="11111")


def test_errors_are_also_builtin_exception_types():
    assert issubclass(drp.InvalidDateError, ValueError)
    assert issubclass(drp.IoError, OSError)
