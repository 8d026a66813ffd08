"""drp — the dispute-resolution rules engine, from Python.

The engine is C++ (the private extension ``drp._drp``); this package adds the Pythonic
surface of DESIGN.md §4.6:

- :class:`Calendar`: UK working days for ``datetime.date`` and numpy ``datetime64[D]`` arrays;
- :class:`Policy` (``load``, ``builtin``, ``from_text``) and :func:`validate`;
- :class:`Dispute`: ``apply`` events, ``state`` as of a time, ``to_json`` / ``from_json``;
- :func:`replay`: event logs to a pandas DataFrame, one row per dispute;
- :func:`report`: the quarterly report as a dict, with DataFrame, HTML and CSV helpers;
- :func:`redact`: a table without child references and free text, to share;
- :func:`compare`: several authorities' reports side by side (in process or on Dask);
- exceptions under :class:`drp.Error`, one subclass per stable error code.
"""
from ._errors import (
    Error, InvalidArgumentError, ArgumentTypeError, InvalidDateError, OutOfRangeError, UnknownDivisionError,
    InvalidJsonError, SchemaError, SemanticError, InvalidEventError, NotPermittedError,
    OutOfOrderError, UnknownStageError, IoError, NoSuchFileError, AccessDeniedError, IsDirectoryError,
    InternalError, Diagnostic,
)
from .calendar import Calendar, Holiday, DIVISIONS
from .policy import Policy, Stage, Role, Closure, validate, validate_text
from .dispute import Dispute, sweep
from .versions import PolicyVersions, StatePolicy, state_policy
from .report import replay, replay_log, ReplayResult, report, Report, quarter
from .redact import redact
from .compare import compare, Comparison
from . import _drp

__version__ = _drp.__version__

__all__ = [
    "Calendar", "Holiday", "DIVISIONS",
    "Policy", "Stage", "Role", "Closure", "validate", "validate_text", "Diagnostic",
    "Dispute", "sweep",
    "PolicyVersions", "StatePolicy", "state_policy",
    "replay", "replay_log", "ReplayResult", "report", "Report", "quarter", "redact", "compare", "Comparison",
    "Error", "InvalidArgumentError", "ArgumentTypeError", "InvalidDateError", "OutOfRangeError",
    "UnknownDivisionError", "InvalidJsonError", "SchemaError", "SemanticError",
    "InvalidEventError", "NotPermittedError", "OutOfOrderError", "UnknownStageError",
    "IoError", "NoSuchFileError", "AccessDeniedError", "IsDirectoryError", "InternalError",
]
