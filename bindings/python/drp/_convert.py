"""Small conversions shared by the modules: instants and dates in, as the extension wants them."""
from __future__ import annotations

import datetime as _dt
import os
from typing import Union

from ._errors import InvalidArgumentError

#: What drp accepts for an instant: an aware datetime (pandas.Timestamp is one), RFC 3339
#: text with an offset, or a date / "YYYY-MM-DD" meaning the end of that local day.
InstantLike = Union[_dt.datetime, _dt.date, str]
DateLike = Union[_dt.date, str]


def instant_text(value: InstantLike | None) -> str | None:
    """RFC 3339 (or YYYY-MM-DD) text for the extension; None stays None."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise InvalidArgumentError(
                f"{value!r} has no time zone; give an aware datetime, e.g. "
                "datetime(2025, 6, 30, 17, 0, tzinfo=zoneinfo.ZoneInfo('Europe/London'))", "invalid_argument")
        return value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    raise InvalidArgumentError(f"expected a datetime, a date or ISO text, got {type(value).__name__}", "invalid_argument")


def date_text(value: DateLike | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        raise InvalidArgumentError(f"expected a date, got a datetime {value!r}; use .date()", "invalid_argument")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    raise InvalidArgumentError(f"expected a date or 'YYYY-MM-DD', got {type(value).__name__}", "invalid_argument")


def to_datetime(text: str | None) -> _dt.datetime | None:
    """An aware datetime from the extension's RFC 3339 text."""
    return None if text is None else _dt.datetime.fromisoformat(text)


def is_path(value) -> bool:
    return isinstance(value, os.PathLike) or (isinstance(value, str) and not value.lstrip().startswith("{"))
