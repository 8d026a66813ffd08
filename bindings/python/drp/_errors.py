"""The drp exception hierarchy: one class per stable error code (DESIGN.md §4.4)."""
from __future__ import annotations

import errno as _errno
import os as _os
from typing import NamedTuple


class Diagnostic(NamedTuple):
    """One finding of the policy validator, located like a compiler's."""

    file: str
    line: int  # 1-based; 0 when unknown
    column: int  # 1-based; 0 when unknown
    severity: str  # "error", "warning" or "note"
    pointer: str  # RFC 6901 JSON pointer into the policy
    message: str
    hint: str
    rule: str  # stable id of the check, e.g. "schema", "unknown-role"

    def __str__(self):
        where = self.file + (f":{self.line}:{self.column}" if self.line else "")
        text = f"{where}: {self.severity}: {self.message} [{self.rule}]"
        return text + (f"\n    hint: {self.hint}" if self.hint else "")


class Error(Exception):
    """Base of every drp error. ``code`` is the stable code name, e.g. ``"out_of_range"``.

    Errors from loading a policy carry every finding in ``diagnostics``
    (a list of :class:`drp.Diagnostic`); other errors have an empty list.
    """

    code = "internal"
    diagnostics: list[Diagnostic]

    def __init__(self, message, code=None, diagnostics=()):
        if code is not None:
            self.code = code
        # Every drp error reads "[drp.code] message", whether C++ or Python raised it.
        message = str(message)
        super().__init__(message if message.startswith("[drp.") else f"[drp.{self.code}] {message}")
        self.diagnostics = [Diagnostic(*d) for d in diagnostics]

    def __repr__(self):
        return f"drp.{type(self).__name__}({str(self)!r}, code={self.code!r})"


class InvalidArgumentError(Error, ValueError):
    """A malformed argument: bad text, an empty name, a wrong type of value."""

    code = "invalid_argument"


class ArgumentTypeError(InvalidArgumentError, TypeError):
    """An argument of the wrong type (``quarter=3`` where text is wanted): the message names
    the argument, what it must be and the type given, never the value. Also a ``TypeError``."""


class InvalidDateError(Error, ValueError):
    """A date or instant that does not exist or does not parse (or has no time zone)."""

    code = "invalid_date"


class OutOfRangeError(Error, ValueError):
    """A date or count outside what drp supports (1970-2199)."""

    code = "out_of_range"


class UnknownDivisionError(Error, ValueError):
    """Not one of the GOV.UK divisions: england-and-wales, scotland, northern-ireland."""

    code = "unknown_division"


class InvalidJsonError(Error, ValueError):
    """Text that is not JSON (or not UTF-8)."""

    code = "invalid_json"


class SchemaError(Error, ValueError):
    """JSON of the wrong shape: a policy against its schema, a snapshot of another policy."""

    code = "schema"


class SemanticError(Error, ValueError):
    """A well-shaped policy that contradicts itself (undefined role, stages out of order, ...)."""

    code = "semantic"


class InvalidEventError(Error, ValueError):
    """An event missing fields, with a bad value, or of an unknown type; the message names the field."""

    code = "invalid_event"


class NotPermittedError(Error):
    """The policy does not allow this event now; the message names the rule."""

    code = "not_permitted"


class OutOfOrderError(Error):
    """An event earlier than the last one applied to its dispute."""

    code = "out_of_order"


class UnknownStageError(Error, KeyError):
    """A stage id the policy does not define."""

    code = "unknown_stage"

    def __str__(self):  # KeyError would quote the message
        return Exception.__str__(self)


class IoError(Error, OSError):
    """A file could not be read or written."""

    code = "io"

    def __str__(self):  # OSError would show "[Errno 2] ..." instead of drp's message
        return Exception.__str__(self)


class NoSuchFileError(IoError, FileNotFoundError):
    """A file drp was asked to read does not exist (``except FileNotFoundError`` catches it)."""


class AccessDeniedError(IoError, PermissionError):
    """A file drp was asked to read or write may not be opened (``except PermissionError``)."""


class IsDirectoryError(IoError, IsADirectoryError):
    """A directory was given where drp reads a file (``except IsADirectoryError``)."""


class InternalError(Error):
    """A bug in drp: please report it."""

    code = "internal"


_BY_CODE = {cls.code: cls for cls in Error.__subclasses__()}


def error_class(code):
    """The class for a code name (used by the extension to raise the right type)."""
    return _BY_CODE.get(code, InternalError)


_BY_ERRNO = {_errno.ENOENT: NoSuchFileError, _errno.EACCES: AccessDeniedError,
             _errno.EPERM: AccessDeniedError, _errno.EISDIR: IsDirectoryError}


def from_native(code, message, diagnostics=(), os_error=0):
    """The exception for an error of the extension (called from C++). An io error with the
    operating system's reason is the subclass for it, with ``errno`` and ``strerror`` set."""
    cls = _BY_ERRNO.get(os_error, IoError) if code == "io" and os_error else error_class(code)
    error = cls(message, code, diagnostics)
    if os_error:
        error.errno, error.strerror = os_error, _os.strerror(os_error)
    return error
