"""One dispute run against its policy: apply events, see its state, snapshot and restore."""
from __future__ import annotations

import datetime as _dt
import json as _json
from typing import Any, Union

from . import _args, _drp
from ._convert import InstantLike, instant_text, to_datetime
from .policy import Policy

Event = Union[dict, str]


def _event(event) -> None:
    if not isinstance(event, (dict, str)):
        raise _args.wrong("event", "a dict or its JSON text", event)


class Dispute:
    """A dispute under a policy: a value made of its state and the events applied to it.

    >>> d = drp.Dispute(drp.Policy.builtin("merton"))
    >>> d.apply({"type": "raise", "at": "2025-04-01T09:00:00+01:00", "dispute_id": "D-1",
    ...          "child_ref": "C-1", "category": "drift_delay", "urgency": "standard",
    ...          "summary": "Plan drifting", "due": "2025-04-08"})
    [{'action': 'do', 'kind': 'response', 'obligation': 'response', ...}, {'action': 'do', 'kind': 'meeting', ...}, ...]
    >>> d
    drp.Dispute(policy='merton', dispute_id='D-1', status='open', stage='informal')

    :meth:`apply` takes an event (DESIGN.md §4.2) as a dict or its JSON text and returns
    the actions it causes (who to notify, what to record, by when). An event the policy
    does not allow raises a :class:`drp.Error` subclass (``NotPermittedError``,
    ``InvalidEventError``, ``OutOfOrderError``, ``UnknownStageError``) and leaves the
    dispute exactly as it was. Nothing here reads the clock: "now" is always an argument.
    """

    __slots__ = ("_native", "_policy")

    def __init__(self, policy: Union[Policy, str]):
        self._policy = Policy.coerce(policy)
        self._native = _drp._Dispute(self._policy._native)

    @classmethod
    def _wrap(cls, native, policy: Policy) -> "Dispute":
        d = cls.__new__(cls)
        d._native = native
        d._policy = policy
        return d

    @property
    def policy(self) -> Policy:
        return self._policy

    @property
    def dispute_id(self) -> str | None:
        return self._native.dispute_id or None

    @property
    def status(self) -> str:
        """"new" (nothing applied yet), "open", "resolved" or "withdrawn"."""
        return self._native.status

    @property
    def stage(self) -> str | None:
        """The current stage's id (None before the dispute is raised)."""
        return self._native.stage

    @property
    def paused(self) -> bool:
        """In a "time out": the clocks are stopped."""
        return self._native.paused

    @property
    def next_due(self) -> _dt.datetime | None:
        """The earliest deadline among the open obligations that can become overdue (not
        "if necessary" or "immediately", not stopped by a time out): as of any later time,
        :meth:`state` reads one of them "overdue". None when none can. The state's
        ``next_due``: store it in an indexed column and sweep only the disputes past it."""
        return to_datetime(self._native.next_due)

    @property
    def last_event_at(self) -> _dt.datetime | None:
        return to_datetime(self._native.last_event_at)

    def apply(self, event: Event) -> list[dict]:
        """Applies one event; returns the actions it causes as dicts with ``kind``,
        ``role``, ``target``, ``obligation``, ``stage``, ``due`` (RFC 3339 or None) and
        ``text``. Raises a :class:`drp.Error` subclass and changes nothing when the event
        is invalid or the policy does not allow it now."""
        _event(event)
        return self._native.apply(event)

    def apply_all(self, events) -> list[dict]:
        """Applies events in order; stops at the first refused one (earlier ones stay applied)."""
        if isinstance(events, (str, bytes, dict)) or not hasattr(events, "__iter__"):
            raise _args.wrong("events", "a list of events (dicts or JSON text)", events)
        actions: list[dict] = []
        for e in events:
            actions.extend(self.apply(e))
        return actions

    def state(self, at: InstantLike | None = None) -> dict:
        """The state (schemas/dispute-state.schema.json) as a dict. With ``at`` (an aware
        datetime, RFC 3339 text, or a date meaning the end of that day), open obligations
        whose deadline has passed by then are marked "overdue"."""
        return self._native.state(instant_text(at, "at"))

    def to_json(self, at: InstantLike | None = None, indent: int | None = None) -> str:
        """The state as JSON text: a snapshot that :meth:`from_json` restores."""
        indent = _args.integer("indent", indent, minimum=0, optional=True)
        return self._native.to_json(instant_text(at, "at"), -1 if indent is None else indent)

    @classmethod
    def from_json(cls, policy: Union[Policy, str], state: Union[str, dict]) -> "Dispute":
        """Restores a dispute from :meth:`to_json` (or :meth:`state`) output by replaying its
        history under ``policy``; raises :class:`drp.SchemaError` if the snapshot was made
        under another policy or does not match its own history."""
        if not isinstance(state, (str, dict)):
            raise _args.wrong("state", "a stored state (JSON text or dict)", state)
        policy = Policy.coerce(policy)
        return cls._wrap(_drp._Dispute.from_json(policy._native, state), policy)

    def allowed_next(self, at: InstantLike) -> list[str]:
        """The event types the policy would accept at ``at``, e.g. ``["escalate:not_resolved",
        "respond", "extend", "resolve", ...]`` (a host's menu)."""
        if at is None:
            raise _args.wrong("at", "an aware datetime, a date or RFC 3339 text", at)
        return self._native.allowed_next(instant_text(at, "at"))

    def migrate(self, policy: Union[Policy, str], at: InstantLike) -> "tuple[Dispute, list[dict]]":
        """Moves the dispute to another version of its policy, at ``at`` (an aware datetime,
        RFC 3339 text, or a date meaning the end of that day): its whole history is replayed
        under ``policy`` and the move is recorded in the state's ``moves``. Returns the moved
        dispute and the actions the move causes (rows as :meth:`apply` gives: "update" for a
        duty whose due changed, "do" for one that appears, "cancel" for one that goes, with
        its index in this dispute's obligations). This dispute is not changed. Raises
        :class:`drp.InvalidArgumentError` for another policy or the version it is under,
        :class:`drp.OutOfOrderError` for an ``at`` before the last event, and the error of
        the event ``policy`` refuses (naming its index and type)."""
        if at is None:
            raise _args.wrong("at", "an aware datetime, a date or RFC 3339 text", at)
        at = instant_text(at, "at")
        policy = Policy.coerce(policy)
        moved, actions = _drp._migrate(self._native, policy._native, at)
        return Dispute._wrap(moved, policy), actions

    def summary(self, as_of: InstantLike | None = None) -> dict:
        """What :func:`drp.replay` reports for this dispute, as a dict: stages visited with
        working days and whether each response was in time, bypasses, time outs,
        referrals, outcome and impact. ``as_of`` defaults to the last event."""
        if as_of is None:
            as_of = self._native.last_event_at
            if as_of is None:
                from ._errors import InvalidArgumentError
                raise InvalidArgumentError("the dispute has not been raised: there is nothing to summarise",
                                           "invalid_argument")
        return self._native.summary(instant_text(as_of, "as_of"))

    @property
    def history(self) -> list[dict]:
        """The events applied so far, as dicts."""
        return self._native.history()

    def copy(self) -> "Dispute":
        """An independent copy (the policy is shared: it never changes)."""
        return Dispute._wrap(self._native.copy(), self._policy)

    __copy__ = copy

    def __deepcopy__(self, memo) -> "Dispute":
        return self.copy()

    def __reduce__(self):
        return (Dispute.from_json, (self._policy, self.to_json()))

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, Dispute) and self._policy == other._policy and \
            _json.loads(self.to_json()) == _json.loads(other.to_json())

    __hash__ = None  # a mutable value

    def __repr__(self):
        return (f"drp.Dispute(policy={self._policy.id!r}, dispute_id={self.dispute_id!r}, "
                f"status={self.status!r}, stage={self.stage!r})")


def sweep(policy: Union[Policy, str], states, as_of: InstantLike,
          due_before: InstantLike | None = None) -> list[dict]:
    """The overdue (and, with ``due_before``, due-soon) obligations of many stored disputes.

    ``states`` are :meth:`Dispute.to_json` texts (or dicts) of disputes under ``policy``
    (its id and version). Each is replayed from its history; every open obligation overdue
    at ``as_of``, or due at or before ``due_before``, is a dict with ``state`` (the index
    in ``states``), ``dispute_id``, ``index`` (into that state's obligations), ``obligation``,
    ``kind``, ``status`` ("overdue" or "open"), ``stage``, ``stage_title``, ``role``,
    ``target``, ``due``, ``due_date``, ``system``, ``explain`` (text) and ``text`` (one
    line for people). Sorted by due, then state, then index. ``as_of`` and ``due_before``
    are aware datetimes, RFC 3339 text, or dates (the end of that local day).

    A state that cannot be read or is of another policy raises :class:`drp.SchemaError`
    (or ``InvalidJsonError``) whose message starts "state N: " and quotes nothing of it."""
    if as_of is None:
        raise _args.wrong("as_of", "an aware datetime, a date or RFC 3339 text", as_of)
    as_of, due_before = instant_text(as_of, "as_of"), instant_text(due_before, "due_before")
    if isinstance(states, (str, bytes, dict)) or not hasattr(states, "__iter__"):
        raise _args.wrong("states", "a list of stored states (JSON text or dicts)", states)
    texts = []
    for i, s in enumerate(states):
        if not isinstance(s, (str, dict)):
            raise _args.wrong(f"state {i}", "JSON text or a dict", s)
        texts.append(s if isinstance(s, str) else _json.dumps(s))
    policy = Policy.coerce(policy)
    return _drp._sweep(policy._native, texts, as_of, due_before)
