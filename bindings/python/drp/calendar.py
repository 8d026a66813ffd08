"""UK working days (DESIGN.md §4.1) for scalars and numpy arrays."""
from __future__ import annotations

import datetime as _dt
import sys as _sys
from typing import Iterable, NamedTuple, Union

import numpy as _np

from . import _args, _drp
from ._errors import InvalidArgumentError

DIVISIONS = ("england-and-wales", "scotland", "northern-ireland")
_EPOCH_ORDINAL = _dt.date(1970, 1, 1).toordinal()

DateLike = Union[_dt.date, str, _np.datetime64]


class Holiday(NamedTuple):
    """A bank holiday or local closure day."""

    date: _dt.date
    title: str
    notes: str
    bunting: bool
    source: str  # "builtin", "imported", "generated" or "closure"


def _to_number(day) -> int:
    if isinstance(day, _dt.datetime):
        raise _args.wrong("day", "a date (a datetime's .date())", day)
    if isinstance(day, _dt.date):
        return day.toordinal() - _EPOCH_ORDINAL
    if isinstance(day, str):
        try:
            return _dt.date.fromisoformat(day).toordinal() - _EPOCH_ORDINAL
        except ValueError:
            from ._errors import InvalidDateError
            raise InvalidDateError(f"invalid date {day[:40]!r} (expected YYYY-MM-DD)", "invalid_date") from None
    if isinstance(day, _np.datetime64):
        return int(day.astype("datetime64[D]").astype(_np.int64))
    raise _args.wrong("day", "a datetime.date, 'YYYY-MM-DD' text or numpy.datetime64", day)


def _to_date(number: int) -> _dt.date:
    return _dt.date.fromordinal(number + _EPOCH_ORDINAL)


def _is_array(x) -> bool:
    return isinstance(x, (_np.ndarray, list, tuple)) or (hasattr(x, "__array__") and not isinstance(x, _np.datetime64))


def _as_day_array(x) -> _np.ndarray:
    arr = _np.asarray(x)
    if arr.dtype.kind != "M":
        if arr.dtype.kind in "OU":
            arr = arr.astype("datetime64[D]")
        else:
            raise InvalidArgumentError(f"expected datetime64 values, got dtype {arr.dtype}", "invalid_argument")
    return _np.ascontiguousarray(arr.astype("datetime64[D]").view(_np.int64))


def _is_series(x) -> bool:
    pd = _sys.modules.get("pandas")  # a pandas Series can only come from a loaded pandas
    return pd is not None and isinstance(x, pd.Series)


def _series_days(s) -> _np.ndarray:
    """A Series of dates, naive or aware datetimes (their local date: the wall clock's day in
    their zone) or date text as day numbers; NaT as numpy's NaT."""
    if getattr(s.dtype, "tz", None) is not None:
        s = s.dt.tz_localize(None)
    if s.dtype.kind == "M":
        return _np.ascontiguousarray(s.to_numpy().astype("datetime64[D]").view(_np.int64))
    return _as_day_array(s.to_numpy())


def _series_index(*args):
    """The index and name of the result: the first Series'. The work is positional, so two
    Series must have the same index."""
    series = [a for a in args if _is_series(a)]
    first = series[0]
    for other in series[1:]:
        if not other.index.equals(first.index):
            raise InvalidArgumentError("the two Series have different indexes; align them first "
                                       "(e.g. with DataFrame columns)", "invalid_argument")
    return first.index, first.name


def _nat(days: _np.ndarray) -> _np.ndarray:
    return days == _np.iinfo(_np.int64).min


class Calendar:
    """Working days of one GOV.UK division plus local closure days.

    >>> cal = Calendar("england-and-wales", closures=[datetime.date(2026, 12, 29)])
    >>> cal.add_working_days(datetime.date(2026, 12, 21), 10)
    datetime.date(2027, 1, 8)

    Every method takes a ``datetime.date`` (or ISO string) and returns dates as
    ``datetime.date``; ``add_working_days``, ``working_days_between`` and
    ``is_working_day`` also take numpy ``datetime64[D]`` arrays and work on the whole
    array in C++ (NaT in ``add_working_days`` stays NaT). Given a pandas ``Series`` (of
    dates, naive or aware datetimes — an aware one counts by its local date — or date text)
    they return a ``Series`` with the same index: dates as ``datetime64[ns]``, counts as
    ``Int64``, flags as ``boolean``, and NaT in gives NaT (or ``<NA>``) out.
    """

    def __init__(self, division: str = "england-and-wales", closures: Iterable = (),
                 week_mask: str = "1111100", govuk_file: str | None = None):
        _args.text("division", division, "a division's name (str)")
        _args.text("week_mask", week_mask, "7 characters of 0/1 (str)")
        govuk_file = _args.path("govuk_file", govuk_file, optional=True)
        if isinstance(closures, (str, _dt.date)) or not hasattr(closures, "__iter__"):
            raise _args.wrong("closures", "a list of days", closures)
        if len(week_mask) != 7 or set(week_mask) - {"0", "1"}:
            raise InvalidArgumentError(f"week_mask must be 7 characters of 0/1, Monday first; got {week_mask!r}",
                                       "invalid_argument")
        self._cal = _drp._Calendar(division, [c == "1" for c in week_mask])
        self._week_mask = week_mask
        if govuk_file is not None:
            with open(govuk_file, encoding="utf-8") as f:
                self._cal.import_govuk(f.read())
        for closure in closures:
            if isinstance(closure, tuple):
                self.add_closure(*closure)
            else:
                self.add_closure(closure)

    @classmethod
    def _wrap(cls, native) -> "Calendar":
        cal = cls.__new__(cls)
        cal._cal = native
        cal._week_mask = "1111100"
        return cal

    @property
    def division(self) -> str:
        return self._cal.division

    def __repr__(self):
        return f"drp.Calendar(division={self.division!r}, week_mask={self._week_mask!r})"

    def import_govuk(self, json_text: str) -> None:
        """Use a newer GOV.UK bank-holidays.json for the years it covers."""
        _args.text("json_text", json_text, "the file's JSON text (str)")
        self._cal.import_govuk(json_text)

    def add_closure(self, day: DateLike, title: str = "Local closure day") -> None:
        self._cal.add_closure(_to_number(day), _args.text("title", title))

    def remove_closure(self, day: DateLike) -> bool:
        return self._cal.remove_closure(_to_number(day))

    # The scalar calls are native methods (_drp._calendar_*): a datetime.date and an int are
    # answered without running Python; anything else comes to the method of the same name
    # with a leading underscore, below. Their docstrings are the native functions'.
    is_working_day = _drp._calendar_is_working_day
    add_working_days = _drp._calendar_add_working_days
    working_days_between = _drp._calendar_working_days_between
    next_working_day = _drp._calendar_next_working_day
    previous_working_day = _drp._calendar_previous_working_day

    def _is_working_day(self, day):
        if _is_series(day):
            import pandas as pd
            index, name = _series_index(day)
            days = _series_days(day)
            out = pd.array([pd.NA] * len(days), dtype="boolean")
            ok = ~_nat(days)
            out[ok] = self._cal.is_working_day_array(_np.ascontiguousarray(days[ok]))
            return pd.Series(out, index=index, name=name)
        if _is_array(day):
            return self._cal.is_working_day_array(_as_day_array(day))
        return self._cal.is_working_day(_to_number(day))

    def _add_working_days(self, day, n):
        if _is_series(day) or _is_series(n):
            import pandas as pd
            index, name = _series_index(day, n)
            days = _series_days(day).view("datetime64[D]") if _is_series(day) else day
            got = self._add_working_days(days, n.to_numpy() if _is_series(n) else n)
            return pd.Series(got.astype("datetime64[ns]"), index=index, name=name)
        if _is_array(day) or _is_array(n):
            days = _as_day_array(day) if _is_array(day) else _np.asarray([_to_number(day)], dtype=_np.int64)
            n_array = _np.asarray(n)
            if n_array.dtype.kind not in "iu":
                raise _args.wrong("n", "an int or an array of ints", n)
            offsets = _np.ascontiguousarray(n_array.astype(_np.int64).reshape(-1))
            if days.size == 1 and offsets.size > 1:
                days = _np.full(offsets.shape, days.reshape(-1)[0], dtype=_np.int64)
            return self._cal.add_working_days_array(days, offsets).view("datetime64[D]")
        return _to_date(self._cal.add_working_days(_to_number(day), _args.integer("n", n)))

    def _working_days_between(self, start, end):
        if _is_series(start) or _is_series(end):
            import pandas as pd
            index, name = _series_index(start, end)
            a = _series_days(start) if _is_series(start) else _np.full(len(index), _to_number(start), dtype=_np.int64)
            b = _series_days(end) if _is_series(end) else _np.full(len(index), _to_number(end), dtype=_np.int64)
            out = pd.array([pd.NA] * len(index), dtype="Int64")
            ok = ~(_nat(a) | _nat(b))
            out[ok] = self._cal.working_days_between_array(_np.ascontiguousarray(a[ok]), _np.ascontiguousarray(b[ok]))
            return pd.Series(out, index=index, name=name)
        if _is_array(start) or _is_array(end):
            a = _as_day_array(start) if _is_array(start) else _np.asarray([_to_number(start)], dtype=_np.int64)
            b = _as_day_array(end) if _is_array(end) else _np.asarray([_to_number(end)], dtype=_np.int64)
            return self._cal.working_days_between_array(a, b)
        return self._cal.working_days_between(_to_number(start), _to_number(end))

    def _next_working_day(self, day: DateLike) -> _dt.date:
        return _to_date(self._cal.next_working_day(_to_number(day)))

    def _previous_working_day(self, day: DateLike) -> _dt.date:
        return _to_date(self._cal.previous_working_day(_to_number(day)))

    def explain(self, day: DateLike, n: int) -> str:
        """How add_working_days(day, n) was counted, naming the holidays it skipped."""
        return self._cal.explain(_to_number(day), _args.integer("n", n))

    def holidays(self, year: int) -> list[Holiday]:
        """Bank holidays and closure days of a year, by date."""
        return [self._holiday(h) for h in self._cal.holidays(_args.integer("year", year))]

    def holidays_between(self, start: DateLike, end: DateLike) -> list[Holiday]:
        """Holidays x with start < x <= end on days that would otherwise be working days."""
        return [self._holiday(h) for h in self._cal.holidays_between(_to_number(start), _to_number(end))]

    @staticmethod
    def _holiday(h) -> Holiday:
        return Holiday(_to_date(h["date"]), h["title"], h["notes"], h["bunting"], h["source"])
