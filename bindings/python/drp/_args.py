"""Checks of the public functions' arguments: a wrong type is drp.ArgumentTypeError naming
the argument, what it must be and the type given (never the value: it may be a child's
details), before anything reaches the extension, whose own TypeError would quote it."""
from __future__ import annotations

import numbers
import os

from ._errors import ArgumentTypeError, InvalidArgumentError


def wrong(name: str, what: str, value) -> ArgumentTypeError:
    return ArgumentTypeError(f"{name} must be {what}, not {type(value).__name__}", "invalid_argument")


def text(name: str, value, what: str = "a str", *, optional: bool = False):
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise wrong(name, what, value)
    return value


def integer(name: str, value, *, minimum: int | None = None, optional: bool = False):
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise wrong(name, "an int", value)
    value = int(value)
    if minimum is not None and value < minimum:
        raise InvalidArgumentError(f"{name} must be {minimum} or more, got {value}", "invalid_argument")
    return value


def flag(name: str, value) -> bool:
    if not isinstance(value, bool) and type(value).__name__ != "bool_":  # numpy.bool_ too
        raise wrong(name, "True or False", value)
    return bool(value)


def path(name: str, value, *, optional: bool = False):
    if value is None and optional:
        return None
    if not isinstance(value, (str, os.PathLike)):
        raise wrong(name, "a path (str or os.PathLike)", value)
    return os.fspath(value)


def one_of(name: str, value, choices: tuple):
    if not isinstance(value, str):
        raise wrong(name, " or ".join(repr(c) for c in choices), value)
    if value not in choices:
        raise InvalidArgumentError(f"{name} must be {' or '.join(repr(c) for c in choices)}, got {value[:40]!r}",
                                   "invalid_argument")
    return value
