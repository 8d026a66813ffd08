"""Cross-check against numpy's business-day functions, which we did not write.

numpy counts differently, so the mapping is explicit:
- add_working_days(d, n>0) == busday_offset(d, n, roll="backward")  (roll back to the last
  working day on or before d, then n business days on: the n-th strictly after d);
- add_working_days(d, n<0) == busday_offset(d, n, roll="forward");
- working_days_between(a, b) == busday_count(a + 1, b + 1)  (numpy counts [a, b)).
"""
import numpy as np
import pytest

import drp

DIVISIONS = ["england-and-wales", "scotland", "northern-ireland"]


def holiday_list(cal, first=1990, last=2040):
    return np.array([h.date for y in range(first, last + 1) for h in cal.holidays(y)], dtype="datetime64[D]")


@pytest.mark.parametrize("division", DIVISIONS)
def test_add_working_days_agrees_with_numpy(division):
    cal = drp.Calendar(division)
    holidays = holiday_list(cal)
    rng = np.random.default_rng(2026)
    days = np.datetime64("1995-01-01") + rng.integers(0, 365 * 41, size=200_000).astype("timedelta64[D]")
    for n in (1, 5, 10, 15, 20, 60, -1, -5, -20):
        ours = cal.add_working_days(days, n)
        roll = "backward" if n > 0 else "forward"
        theirs = np.busday_offset(days, n, roll=roll, holidays=holidays)
        mismatch = np.flatnonzero(ours != theirs)
        assert mismatch.size == 0, f"n={n}: {days[mismatch[:5]]} -> {ours[mismatch[:5]]} vs {theirs[mismatch[:5]]}"


@pytest.mark.parametrize("division", DIVISIONS)
def test_working_days_between_agrees_with_numpy(division):
    cal = drp.Calendar(division)
    holidays = holiday_list(cal)
    rng = np.random.default_rng(7)
    a = np.datetime64("1995-01-01") + rng.integers(0, 365 * 41, size=200_000).astype("timedelta64[D]")
    b = a + rng.integers(-400, 400, size=a.size).astype("timedelta64[D]")
    ours = cal.working_days_between(a, b)
    theirs = np.busday_count(a + 1, b + 1, holidays=holidays)
    assert np.array_equal(ours, theirs)


def test_is_working_day_agrees_with_numpy_every_day_1995_to_2035():
    cal = drp.Calendar()
    days = np.arange(np.datetime64("1995-01-01"), np.datetime64("2036-01-01"))
    assert np.array_equal(cal.is_working_day(days), np.is_busday(days, holidays=holiday_list(cal)))


def test_holidays_in_numpy_order_and_never_on_weekends():
    cal = drp.Calendar()
    holidays = holiday_list(cal, 1995, 2035)
    assert np.all(np.is_busday(holidays))  # none on a Saturday or Sunday
    assert np.all(np.diff(holidays.astype(np.int64)) > 0)
