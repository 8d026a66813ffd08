#!/usr/bin/env python3
"""Times drp.Calendar's vectorised calls against numpy's business-day functions on the
same 1,000,000 dates, in one run, checks the results are identical, and prints ratios.

    DRP_BUILD_DIR=build /usr/bin/python3 benchmarks/calendar_vs_numpy.py
"""
import os
import pathlib
import sys
import timeit

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(pathlib.Path(os.environ.get("DRP_BUILD_DIR", ROOT / "build")).resolve() / "python"))
import drp  # noqa: E402

N = 1_000_000
REPEAT = 7


def best(fn):
    return min(timeit.repeat(fn, number=1, repeat=REPEAT))


def measure():
    """[(call, drp seconds, numpy seconds)] for the three calls, results checked identical."""
    cal = drp.Calendar()
    holidays = np.array([h.date for y in range(1990, 2041) for h in cal.holidays(y)], dtype="datetime64[D]")
    calendar = np.busdaycalendar(holidays=holidays)  # numpy's fastest path: precomputed
    rng = np.random.default_rng(1)
    days = np.datetime64("1995-01-01") + rng.integers(0, 365 * 41, size=N).astype("timedelta64[D]")
    ends = days + rng.integers(-400, 400, size=N).astype("timedelta64[D]")

    rows = []
    ours = cal.add_working_days(days, 10)
    theirs = np.busday_offset(days, 10, roll="backward", busdaycal=calendar)
    assert np.array_equal(ours, theirs), "add_working_days differs from numpy.busday_offset"
    rows.append(("add_working_days vs busday_offset",
                 best(lambda: cal.add_working_days(days, 10)),
                 best(lambda: np.busday_offset(days, 10, roll="backward", busdaycal=calendar))))

    ours = cal.working_days_between(days, ends)
    theirs = np.busday_count(days + 1, ends + 1, busdaycal=calendar)
    assert np.array_equal(ours, theirs), "working_days_between differs from numpy.busday_count"
    rows.append(("working_days_between vs busday_count",
                 best(lambda: cal.working_days_between(days, ends)),
                 best(lambda: np.busday_count(days + 1, ends + 1, busdaycal=calendar))))

    assert np.array_equal(cal.is_working_day(days), np.is_busday(days, busdaycal=calendar))
    rows.append(("is_working_day vs is_busday",
                 best(lambda: cal.is_working_day(days)),
                 best(lambda: np.is_busday(days, busdaycal=calendar))))
    return rows


def main():
    rows = measure()
    print(f"{N:,} dates, best of {REPEAT}, numpy {np.__version__}; results identical")
    print(f"{'call':40} {'drp ms':>9} {'numpy ms':>9} {'numpy/drp':>10}")
    for name, t_drp, t_np in rows:
        print(f"{name:40} {t_drp * 1e3:9.2f} {t_np * 1e3:9.2f} {t_np / t_drp:9.2f}x")


if __name__ == "__main__":
    main()
