"""The versions of one authority's policy, the one in force on a day, and the policy a
stored state names (docs/integration.md, "Policy versions and moving a dispute")."""
from __future__ import annotations

import datetime as _dt
from typing import Iterable, Iterator, NamedTuple, Union

from . import _args, _drp
from ._convert import DateLike
from .policy import Policy


class StatePolicy(NamedTuple):
    """The policy id and version a stored dispute state names."""

    id: str
    version: str


def state_policy(state: Union[str, bytes]) -> StatePolicy:
    """The policy id and version of a stored state (:meth:`drp.Dispute.to_json` text), read
    without loading a policy, so that you can choose the version to restore it with. Only
    its ``policy`` member is read; the text is read strictly (:class:`drp.InvalidJsonError`
    for text that is not JSON, a repeated key or anything after the object;
    :class:`drp.SchemaError` without a ``policy`` {id, version})."""
    if isinstance(state, bytes):
        state = state.decode("utf-8")
    _args.text("state", state, "a stored state's JSON text (str or bytes)")
    return StatePolicy(*_drp.state_policy(state))


def _date_text(day: DateLike) -> str:
    if isinstance(day, _dt.datetime):
        raise _args.wrong("day", "a date (a datetime's .date() in the policy's time zone)", day)
    if isinstance(day, _dt.date):
        return day.isoformat()
    if isinstance(day, str):
        return day
    raise _args.wrong("day", "a datetime.date or 'YYYY-MM-DD' text", day)


class PolicyVersions:
    """The versions of one policy, each with its ``effective_from``.

    >>> versions = drp.PolicyVersions([drp.Policy.builtin("merton"), merton_1_1])
    >>> versions.in_force(datetime.date(2027, 4, 1)).version
    '1.1.0'
    >>> versions.find(drp.state_policy(stored).version)

    :meth:`add` refuses (``drp.InvalidArgumentError``, the set unchanged) another policy's
    version, a version already in the set and an ``effective_from`` another version has.
    Iterating gives the versions by ``effective_from``, the oldest first.
    """

    __slots__ = ("_native", "_by_version")

    def __init__(self, policies: Iterable[Policy] = ()):
        self._native = _drp._PolicyVersions()
        self._by_version: dict[str, Policy] = {}
        for p in policies:
            self.add(p)

    def add(self, policy: Policy) -> None:
        """Adds a version (a :class:`drp.Policy`)."""
        if not isinstance(policy, Policy):
            raise _args.wrong("policy", "a drp.Policy", policy)
        self._native.add(policy._native)
        self._by_version[policy.version] = policy

    def in_force(self, day: DateLike) -> Policy:
        """The version with the latest ``effective_from`` on or before ``day`` (a date or
        "YYYY-MM-DD"); :class:`drp.OutOfRangeError` when none is in force then."""
        return self._by_version[self._native.in_force(_date_text(day)).version]

    def find(self, version: str) -> Policy | None:
        """The version ``version`` ("1.0.0"), or None when the set has none."""
        found = self._native.find(_args.text("version", version, "a version such as '1.0.0'"))
        return None if found is None else self._by_version[found.version]

    @property
    def id(self) -> str | None:
        """The policy id of the set's versions (None while it is empty)."""
        return self._native.id or None

    def __iter__(self) -> Iterator[Policy]:
        return iter([self._by_version[p.version] for p in self._native.list()])

    def __len__(self) -> int:
        return len(self._native)

    def __contains__(self, version: object) -> bool:
        return isinstance(version, str) and self._native.find(version) is not None

    def __repr__(self):
        listed = ", ".join(f"{p.version} from {p.effective_from}" for p in self)
        return f"drp.PolicyVersions(id={self.id!r}, versions=[{listed}])"
