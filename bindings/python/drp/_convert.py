"""Small conversions shared by the modules: instants and dates in, as the extension wants them."""
from __future__ import annotations

import datetime as _dt
import os
from typing import Union

from ._args import wrong
from ._errors import InvalidArgumentError

#: What drp accepts for an instant: an aware datetime (pandas.Timestamp is one), RFC 3339
#: text with an offset, or a date / "YYYY-MM-DD" meaning the end of that local day.
InstantLike = Union[_dt.datetime, _dt.date, str]
DateLike = Union[_dt.date, str]


def instant_text(value: InstantLike | None, name: str = "the time") -> str | None:
    """RFC 3339 (or YYYY-MM-DD) text for the extension; None stays None. ``name`` names the
    argument in errors."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise InvalidArgumentError(
                f"{name} has no time zone; give an aware datetime, e.g. "
                "datetime(2025, 6, 30, 17, 0, tzinfo=zoneinfo.ZoneInfo('Europe/London'))", "invalid_argument")
        return value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    raise wrong(name, "an aware datetime, a date or RFC 3339 text", value)


def date_text(value: DateLike | None, name: str = "the date") -> str | None:
    """YYYY-MM-DD text for the extension; None stays None."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        raise wrong(name, "a date (a datetime's .date())", value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    raise wrong(name, "a datetime.date or 'YYYY-MM-DD' text", value)


def to_datetime(text: str | None) -> _dt.datetime | None:
    """An aware datetime from the extension's RFC 3339 text."""
    return None if text is None else _dt.datetime.fromisoformat(text)


def is_path(value) -> bool:
    return isinstance(value, os.PathLike) or (isinstance(value, str) and not value.lstrip().startswith("{"))
