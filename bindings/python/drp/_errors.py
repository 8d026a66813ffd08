"""The drp exception hierarchy: one class per stable error code (DESIGN.md §4.4)."""


class Error(Exception):
    """Base of every drp error. ``code`` is the stable code name, e.g. ``"out_of_range"``."""

    code = "internal"

    def __init__(self, message, code=None):
        super().__init__(message)
        if code is not None:
            self.code = code

    def __repr__(self):
        return f"drp.{type(self).__name__}({str(self)!r}, code={self.code!r})"


class InvalidArgumentError(Error, ValueError):
    code = "invalid_argument"


class InvalidDateError(Error, ValueError):
    code = "invalid_date"


class OutOfRangeError(Error, ValueError):
    code = "out_of_range"


class UnknownDivisionError(Error, ValueError):
    code = "unknown_division"


class InvalidJsonError(Error, ValueError):
    code = "invalid_json"


class SchemaError(Error, ValueError):
    code = "schema"


class SemanticError(Error, ValueError):
    code = "semantic"


class InvalidEventError(Error, ValueError):
    code = "invalid_event"


class NotPermittedError(Error):
    code = "not_permitted"


class OutOfOrderError(Error):
    code = "out_of_order"


class UnknownStageError(Error, KeyError):
    code = "unknown_stage"

    def __str__(self):  # KeyError would quote the message
        return Exception.__str__(self)


class IoError(Error, OSError):
    code = "io"


class InternalError(Error):
    code = "internal"


_BY_CODE = {cls.code: cls for cls in Error.__subclasses__()}


def error_class(code):
    """The class for a code name (used by the extension to raise the right type)."""
    return _BY_CODE.get(code, InternalError)
