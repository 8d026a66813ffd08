"""drp — the dispute-resolution rules engine, from Python.

The engine is C++ (the private extension ``drp._drp``); this package adds the Pythonic
surface of DESIGN.md §4.6: ``datetime.date`` and numpy ``datetime64[D]`` in and out,
and exceptions under :class:`drp.Error`.
"""
from ._errors import (
    Error, InvalidArgumentError, InvalidDateError, OutOfRangeError, UnknownDivisionError,
    InvalidJsonError, SchemaError, SemanticError, InvalidEventError, NotPermittedError,
    OutOfOrderError, UnknownStageError, IoError, InternalError,
)
from .calendar import Calendar, Holiday, DIVISIONS
from . import _drp

__version__ = _drp.__version__

__all__ = [
    "Calendar", "Holiday", "DIVISIONS",
    "Error", "InvalidArgumentError", "InvalidDateError", "OutOfRangeError",
    "UnknownDivisionError", "InvalidJsonError", "SchemaError", "SemanticError",
    "InvalidEventError", "NotPermittedError", "OutOfOrderError", "UnknownStageError",
    "IoError", "InternalError",
]
