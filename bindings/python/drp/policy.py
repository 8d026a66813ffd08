"""Policies: an authority's flowchart as a validated, immutable value (DESIGN.md §3)."""
from __future__ import annotations

import datetime as _dt
import os
from typing import Iterable, NamedTuple, Union

from . import _args, _drp
from ._errors import Diagnostic, InvalidArgumentError
from .calendar import Calendar, _to_date, _to_number


class Stage(NamedTuple):
    """One stage of a policy's escalation ladder, lowest first."""

    id: str
    title: str
    level: int
    kind: str  # "informal", "meeting", "formal" or "referral"
    optional: bool  # passing over it is ordinary escalation, not a bypass
    timescale: str  # as reports word it: "10 working days", "agreed date", "none"
    responder: tuple  # role ids; any one may respond


class Role(NamedTuple):
    id: str
    title: str
    external: bool


class Closure(NamedTuple):
    """A local closure day: deadlines skip it, and explanations name it by ``title``."""

    date: _dt.date
    title: str = "Local closure day"


def _closure_pairs(closures: Iterable) -> list:
    """(day number, title) pairs for the extension from dates, ISO strings, numpy
    datetime64 values, (date, title) pairs, :class:`Closure` or :class:`drp.Holiday` rows."""
    if isinstance(closures, (str, _dt.date)):
        raise InvalidArgumentError("closures must be a list of days, not a single day; write closures=[day]",
                                   "invalid_argument")
    if not hasattr(closures, "__iter__"):
        raise _args.wrong("closures", "a list of days", closures)
    out = []
    for c in closures:
        if hasattr(c, "date") and hasattr(c, "title") and isinstance(c, tuple):  # Closure, Holiday
            out.append((_to_number(c.date), c.title))
        elif isinstance(c, tuple):
            if len(c) != 2:
                raise InvalidArgumentError("a closure is a day or a (day, title) pair", "invalid_argument")
            day, title = c
            if not isinstance(title, str):
                raise InvalidArgumentError("a closure's title must be a str", "invalid_argument")
            out.append((_to_number(day), title))
        else:
            out.append((_to_number(c), "Local closure day"))
    return out


class Policy:
    """A validated, immutable dispute-resolution policy; safe to share between threads.

    >>> merton = drp.Policy.builtin("merton")
    >>> merton
    drp.Policy(id='merton', version='1.0.0', authority='London Borough of Merton')
    >>> [s.id for s in merton.stages]
    ['informal', 'drm', 'IR1', 'IR2', 'IR3', 'IR4', 'IR5']

    Load your own with :meth:`Policy.load`; a policy with errors raises
    :class:`drp.SchemaError` or :class:`drp.SemanticError` (or
    :class:`drp.InvalidJsonError`) whose ``diagnostics`` list every finding.
    Use :func:`drp.validate` to get the findings without an exception.

    Every loader takes ``closures=``: local closure days the host adds to the policy
    file's own ``closures`` (dates, ISO strings, or ``(date, title)`` pairs). Deadlines
    skip them and explanations name them:

    >>> merton = drp.Policy.builtin("merton", closures=[(datetime.date(2026, 12, 29), "Council closure")])
    >>> merton.calendar.add_working_days(datetime.date(2026, 12, 21), 10)
    datetime.date(2027, 1, 8)

    They are not in :attr:`source_text`: a host that stores the text to load the policy
    again stores :attr:`added_closures` too (a dispute restored under other closures has
    other due dates, and :meth:`drp.Dispute.from_json` refuses it).
    """

    __slots__ = ("_native", "_file")

    def __init__(self, native: "_drp._Policy", file: str = "<policy>"):
        if not isinstance(native, _drp._Policy):
            raise TypeError("use drp.Policy.load(path), drp.Policy.builtin(name) or drp.Policy.from_text(text)")
        self._native = native
        self._file = file

    @classmethod
    def load(cls, path: Union[str, os.PathLike], *, max_bytes: int = 16 << 20, closures: Iterable = ()) -> "Policy":
        """Loads and validates a policy file (JSON; docs/policy-authoring.md), adding the
        host's ``closures`` (see the class's help).

        A missing file raises :class:`drp.NoSuchFileError` (a ``FileNotFoundError``), a
        directory :class:`drp.IsDirectoryError`; a file larger than ``max_bytes`` (default
        16 MiB) :class:`drp.OutOfRangeError`. A closure day outside 1970-2199 raises
        :class:`drp.OutOfRangeError`; a title that is not one line of 1-100 characters
        :class:`drp.InvalidArgumentError`.
        """
        path = _args.path("path", path)
        max_bytes = _args.integer("max_bytes", max_bytes, minimum=1)
        return cls(_drp._Policy.load(path, max_bytes, _closure_pairs(closures)), path)

    @classmethod
    def builtin(cls, name: str, *, closures: Iterable = ()) -> "Policy":
        """One of the five seed policies built into drp (see :meth:`builtin_names`), with
        the host's ``closures``."""
        _args.text("name", name, "a built-in policy's name (str)")
        return cls(_drp._Policy.builtin(name, _closure_pairs(closures)), f"<builtin {name}>")

    @classmethod
    def from_text(cls, text: str, file: str = "<policy>", *, closures: Iterable = ()) -> "Policy":
        """Loads a policy from its JSON text; ``file`` names it in diagnostics. ``closures``
        as for :meth:`load`."""
        if not isinstance(text, (str, bytes)):
            raise _args.wrong("text", "the policy's JSON text (str or bytes)", text)
        _args.text("file", file)
        return cls(_drp._Policy.from_text(text, file, _closure_pairs(closures)), file)

    @staticmethod
    def builtin_names() -> list[str]:
        """Names of the built-in seed policies: "merton", "trust-qas", ..."""
        return list(_drp.builtin_policy_names())

    @classmethod
    def coerce(cls, policy: Union["Policy", str, os.PathLike]) -> "Policy":
        """A Policy as is; a path to a policy file; or the name of a built-in policy."""
        if isinstance(policy, Policy):
            return policy
        if isinstance(policy, (str, os.PathLike)):
            if os.path.exists(policy):
                return cls.load(policy)
            if isinstance(policy, str) and policy in _drp.builtin_policy_names():
                return cls.builtin(policy)
            from ._errors import IoError
            raise IoError(f"no policy file {os.fspath(policy)!r} and no built-in policy of that name "
                          f"(built-in: {', '.join(_drp.builtin_policy_names())})", "io")
        raise _args.wrong("policy", "a drp.Policy, a policy file or a built-in policy's name", policy)

    @property
    def id(self) -> str:
        return self._native.id

    @property
    def version(self) -> str:
        return self._native.version

    @property
    def title(self) -> str:
        return self._native.title

    @property
    def authority(self) -> str:
        return self._native.authority

    @property
    def division(self) -> str:
        """The GOV.UK bank-holiday division whose working days the policy counts."""
        return self._native.division

    @property
    def time_zone(self) -> str:
        return self._native.time_zone

    @property
    def effective_from(self) -> _dt.date:
        return _dt.date.fromisoformat(self._native.effective_from)

    @property
    def categories(self) -> tuple:
        """The concern categories a dispute may be raised under (empty: any text)."""
        return tuple(self._native.categories)

    @property
    def stages(self) -> list[Stage]:
        return [Stage(i, t, lvl, k, o, ts, tuple(r)) for (i, t, lvl, k, o, ts, r) in self._native.stages()]

    @property
    def roles(self) -> list[Role]:
        return [Role(*r) for r in self._native.roles()]

    @property
    def calendar(self) -> Calendar:
        """The working-day calendar of the policy's division."""
        return Calendar._wrap(self._native.calendar())

    @property
    def source_text(self) -> str:
        """The JSON the policy was loaded from (without the closures added at load)."""
        return self._native.source_text

    @property
    def closures(self) -> tuple:
        """Every closure day the deadlines skip, by date: the file's and those added at load."""
        return tuple(Closure(_to_date(d), t) for d, t in self._native.closures())

    @property
    def added_closures(self) -> tuple:
        """The closure days added at load (``closures=``), by date: store them with
        :attr:`source_text` to load the same policy again."""
        return tuple(Closure(_to_date(d), t) for d, t in self._native.added_closures())

    def __repr__(self):
        extra = f", added_closures={len(self.added_closures)}" if self.added_closures else ""
        return f"drp.Policy(id={self.id!r}, version={self.version!r}, authority={self.authority!r}{extra})"

    def __eq__(self, other):
        return (isinstance(other, Policy) and self.source_text == other.source_text
                and self.added_closures == other.added_closures)

    def __hash__(self):
        return hash((self.id, self.version))

    def __reduce__(self):
        return (_from_text, (self.source_text, self._file, self.added_closures))


def _from_text(text: str, file: str, closures: tuple) -> Policy:
    """Unpickling: Policy.from_text with the closures added at load."""
    return Policy.from_text(text, file, closures=closures)


def validate(path: Union[str, os.PathLike], *, max_bytes: int = 16 << 20) -> list[Diagnostic]:
    """Validates a policy file and returns every finding (errors, warnings, notes).

    Never raises for a bad policy; a file that cannot be read raises :class:`drp.IoError`
    (:class:`drp.NoSuchFileError`, :class:`drp.AccessDeniedError` or
    :class:`drp.IsDirectoryError` where the system says why).
    An empty list, or one without ``severity == "error"``, means the policy loads.
    """
    path = _args.path("path", path)
    max_bytes = _args.integer("max_bytes", max_bytes, minimum=1)
    text = _drp.read_file(path, max_bytes)  # bytes: the validator reports bad UTF-8 itself
    return validate_text(text, path)


def validate_text(text: Union[str, bytes], file: str = "<policy>") -> list[Diagnostic]:
    """Validates policy JSON text; ``file`` names it in the diagnostics."""
    if not isinstance(text, (str, bytes)):
        raise _args.wrong("text", "the policy's JSON text (str or bytes)", text)
    _args.text("file", file)
    return [Diagnostic(*d) for d in _drp.validate_text(text, file)]
