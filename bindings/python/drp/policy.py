"""Policies: an authority's flowchart as a validated, immutable value (DESIGN.md §3)."""
from __future__ import annotations

import datetime as _dt
import os
from typing import NamedTuple, Union

from . import _drp
from ._errors import Diagnostic
from .calendar import Calendar


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
    """

    __slots__ = ("_native", "_file")

    def __init__(self, native: "_drp._Policy", file: str = "<policy>"):
        if not isinstance(native, _drp._Policy):
            raise TypeError("use drp.Policy.load(path), drp.Policy.builtin(name) or drp.Policy.from_text(text)")
        self._native = native
        self._file = file

    @classmethod
    def load(cls, path: Union[str, os.PathLike], *, max_bytes: int = 16 << 20) -> "Policy":
        """Loads and validates a policy file (JSON; docs/policy-authoring.md).

        A missing file raises :class:`drp.NoSuchFileError` (a ``FileNotFoundError``), a
        directory :class:`drp.IsDirectoryError`; a file larger than ``max_bytes`` (default
        16 MiB) :class:`drp.OutOfRangeError`.
        """
        path = os.fspath(path)
        return cls(_drp._Policy.load(path, max_bytes), path)

    @classmethod
    def builtin(cls, name: str) -> "Policy":
        """One of the five seed policies built into drp (see :meth:`builtin_names`)."""
        return cls(_drp._Policy.builtin(name), f"<builtin {name}>")

    @classmethod
    def from_text(cls, text: str, file: str = "<policy>") -> "Policy":
        """Loads a policy from its JSON text; ``file`` names it in diagnostics."""
        return cls(_drp._Policy.from_text(text, file), file)

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
        raise TypeError(f"expected a drp.Policy, a policy file or a built-in name, got {type(policy).__name__}")

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
        """The JSON the policy was loaded from."""
        return self._native.source_text

    def __repr__(self):
        return f"drp.Policy(id={self.id!r}, version={self.version!r}, authority={self.authority!r})"

    def __eq__(self, other):
        return isinstance(other, Policy) and self.source_text == other.source_text

    def __hash__(self):
        return hash((self.id, self.version))

    def __reduce__(self):
        return (Policy.from_text, (self.source_text, self._file))


def validate(path: Union[str, os.PathLike], *, max_bytes: int = 16 << 20) -> list[Diagnostic]:
    """Validates a policy file and returns every finding (errors, warnings, notes).

    Never raises for a bad policy; a file that cannot be read raises :class:`drp.IoError`
    (:class:`drp.NoSuchFileError`, :class:`drp.AccessDeniedError` or
    :class:`drp.IsDirectoryError` where the system says why).
    An empty list, or one without ``severity == "error"``, means the policy loads.
    """
    path = os.fspath(path)
    text = _drp.read_file(path, max_bytes)  # bytes: the validator reports bad UTF-8 itself
    return validate_text(text, path)


def validate_text(text: Union[str, bytes], file: str = "<policy>") -> list[Diagnostic]:
    """Validates policy JSON text; ``file`` names it in the diagnostics."""
    return [Diagnostic(*d) for d in _drp.validate_text(text, file)]
