"""Many disputes at once: replay event logs into a DataFrame, and the period report.

The engine does the work in C++ (``drp._drp``); this module only moves data in and out:
a JSONL path is read and replayed without the GIL; a list of dicts or a DataFrame is
converted in C++ in batches. Every figure of the report is computed once, in C++, and the
same numbers appear in the JSON, CSV and HTML renderings and in ``drp report``.
"""
from __future__ import annotations

import datetime as _dt
import json as _json
import os
import pathlib
import time as _time
from typing import Iterable, Union

import numpy as _np
import pandas as _pd

from . import _args, _columns, _drp
from ._convert import DateLike, InstantLike, date_text, instant_text, is_path
from ._errors import InvalidArgumentError
from .policy import Policy

#: Events: a JSONL path (or a list of paths), a list or iterable of event dicts (or their
#: JSON text), or a pandas DataFrame with one event per row (columns as the event fields).
Events = Union[str, os.PathLike, Iterable, _pd.DataFrame]
PolicyLike = Union[Policy, str, os.PathLike]

_ON_ERROR = ("raise", "skip")
# The true/false fields of events (DESIGN.md §4.2). pandas.read_json turns a column of
# true/false with gaps into floats 1.0/0.0/NaN; they go back to booleans.
_FLAGS = {"adequate", "accepted", "concurrent", "cross_council", "agreed"}


#: The longest line a JSONL log may have (drp/limits.hpp); a longer one is an error.
MAX_LINE_BYTES = 1 << 20


def _feed(replayer, events, max_line_bytes: int) -> None:
    if isinstance(events, _pd.DataFrame):
        names, arrays, kinds = [], [], []
        for name in events.columns:
            col = events[name]
            dtype = col.dtype
            if _pd.api.types.is_datetime64_any_dtype(dtype):
                if getattr(dtype, "tz", None) is None:
                    raise InvalidArgumentError(
                        f"column {name!r} holds datetimes without a time zone; localise it first, "
                        f"e.g. df[{name!r}] = df[{name!r}].dt.tz_localize('Europe/London')", "invalid_argument")
                arrays.append(_np.ascontiguousarray(col.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy("datetime64[ns]").view(_np.int64)))
                kinds.append("t")
            elif _pd.api.types.is_bool_dtype(dtype) and dtype != object:
                arrays.append(_np.ascontiguousarray(col.to_numpy(bool)))
                kinds.append("b")
            elif _pd.api.types.is_integer_dtype(dtype) and not _pd.api.types.is_extension_array_dtype(dtype):
                arrays.append(_np.ascontiguousarray(col.to_numpy(_np.int64)))
                kinds.append("i")
            elif _pd.api.types.is_float_dtype(dtype) and name in _FLAGS and col.dropna().isin((0.0, 1.0)).all():
                flags = col.astype(object).where(col.notna(), None).map(lambda x: x if x is None else bool(x))
                arrays.append(_np.ascontiguousarray(flags.to_numpy(object)))
                kinds.append("o")
            elif _pd.api.types.is_float_dtype(dtype):
                arrays.append(_np.ascontiguousarray(col.to_numpy(_np.float64)))
                kinds.append("f")
            else:
                arrays.append(_np.ascontiguousarray(col.to_numpy(object)))
                kinds.append("o")
            names.append(str(name))
        replayer.add_columns(names, arrays, "".join(kinds))
    elif isinstance(events, (str, os.PathLike)):
        replayer.add_jsonl(os.fspath(events), max_line_bytes)
    elif isinstance(events, (list, tuple)) and events and all(is_path(e) for e in events):
        for path in events:
            replayer.add_jsonl(os.fspath(path), max_line_bytes)
    else:
        replayer.add_records(events)


def _check_events(events) -> None:
    if isinstance(events, (str, os.PathLike, _pd.DataFrame)):
        return
    if isinstance(events, (bytes, bytearray, dict)) or not hasattr(events, "__iter__"):
        raise _args.wrong("events", "a JSONL path, a list of paths, a list of event dicts or JSON lines, "
                          "or a DataFrame", events)


def _run(policy: PolicyLike, events: Events, *, as_of=None, on_error="raise", start=None, end=None,
         max_line_bytes=MAX_LINE_BYTES, quarter=None, trend_periods=0):
    _args.one_of("on_error", on_error, _ON_ERROR)
    max_line_bytes = _args.integer("max_line_bytes", max_line_bytes, minimum=1)
    _check_events(events)
    as_of, start, end = instant_text(as_of, "as_of"), date_text(start, "start"), date_text(end, "end")
    policy = Policy.coerce(policy)
    replayer = _drp._Replayer(policy._native, as_of, on_error == "skip", start, end, quarter, trend_periods)
    _feed(replayer, events, max_line_bytes)
    return policy, replayer.finish()


def _frame(columns_and_times, policy: Policy, typed) -> _pd.DataFrame:
    columns, times = columns_and_times
    return typed(dict(columns), times, policy)


class ReplayResult:
    """Everything a replay produced: :attr:`disputes` (one row per dispute), :attr:`stages`
    (one row per stage visited), :attr:`refused` events (a DataFrame: record, dispute_id,
    code, message), and where the time went. :attr:`as_of` is a pandas Timestamp in the
    policy's time zone, as the tables' times are (and their ``attrs["as_of"]``)."""

    def __init__(self, policy: Policy, native, python_seconds: float):
        self.policy = policy
        self._native = native
        self.as_of: _pd.Timestamp = _pd.Timestamp(native.as_of).tz_convert(policy.time_zone)
        self.applied: int = native.applied
        self.after_as_of: int = native.after_as_of
        self.refused: _pd.DataFrame = _columns.refused(native.refused())
        t0 = _time.perf_counter()
        self.disputes: _pd.DataFrame = _frame(native.disputes(), policy, _columns.disputes)
        self.stages: _pd.DataFrame = _frame(native.visits(), policy, _columns.visits)
        for df in (self.disputes, self.stages):
            df.attrs.update({"policy": policy.id, "policy_version": policy.version, "as_of": self.as_of})
        self._frame_seconds = _time.perf_counter() - t0
        self._python_seconds = python_seconds

    @property
    def timings(self) -> dict:
        """Seconds spent: ``parse`` (JSON), ``apply`` (the engine), ``summarize`` (summaries),
        ``cpp_total`` (all C++ work, including building the columns), and ``total`` (the
        whole Python call)."""
        t = dict(self._native.timings)
        t["total"] = self._python_seconds + self._frame_seconds
        return t

    def summaries(self) -> _pd.DataFrame:
        """Each dispute's summary (as :meth:`drp.Dispute.summary` gives) as a row; its times
        as Timestamps in the policy's zone, its nested lists (visits, time_outs, referrals)
        as lists of dicts."""
        return _columns.summaries(self._native.summaries(), self.policy)

    def __repr__(self):
        return (f"drp.ReplayResult(policy={self.policy.id!r}, disputes={len(self.disputes)}, "
                f"applied={self.applied}, refused={len(self.refused)}, as_of={self.as_of.isoformat()!r})")


def replay_log(policy: PolicyLike, events: Events, *, as_of: InstantLike | None = None,
               on_error: str = "raise", max_line_bytes: int = MAX_LINE_BYTES) -> ReplayResult:
    """Replays events and returns the disputes, the stages they visited and any refusals.

    :func:`replay` returns just the disputes; use this for the per-stage rows too.
    """
    t0 = _time.perf_counter()
    policy, native = _run(policy, events, as_of=as_of, on_error=on_error, max_line_bytes=max_line_bytes)
    return ReplayResult(policy, native, _time.perf_counter() - t0)


def replay(policy: PolicyLike, events: Events, *, as_of: InstantLike | None = None,
           on_error: str = "raise", max_line_bytes: int = MAX_LINE_BYTES) -> _pd.DataFrame:
    """Replays events under a policy; one row per dispute.

    ``policy``: a :class:`drp.Policy`, a policy file or a built-in name ("merton").
    ``events``: a JSONL path (or a list of paths, read as one log), a list of event dicts
    (or JSON lines), or a DataFrame with one event per row (its datetime columns must be
    time-zone aware). Events of one dispute must come in time order; disputes may mix.
    ``as_of``: evaluate as of this instant (aware datetime, RFC 3339 text, or a date for
    the end of that day); events after it are ignored. Default: the latest event.
    ``on_error``: "raise" (the first refused event raises its :class:`drp.Error`, naming
    the record) or "skip" (refused events are left out; see :func:`replay_log`).
    ``max_line_bytes``: a longer line of a JSONL file raises :class:`drp.OutOfRangeError`
    (default 1 MiB); a path that is a directory or a device raises :class:`drp.IoError`.

    Columns: dispute_id, child_ref, team, category, urgency, cross_council, status,
    raised, closed, first_stage, stage (reached), level, stages_visited,
    started_above_first, escalations, bypasses, time_outs, paused_working_days, paused,
    extensions, legal_advice_at, referrals, referred_at, concurrent_referral,
    referral_status, other_routes, other_route, other_route_running, working_days_open,
    responses_met, responses_missed, overall_due, overall_ended, overall, overdue,
    overdue_obligations, overdue_since, outcome, impact, events; then for each stage S of the policy: S_entered, S_working_days, S_response
    ("met", "missed", "ended_early", "open", "no_timescale"; NaN where not visited).

    Types: times are pandas Timestamps in the policy's zone (Europe/London); the fixed
    sets (status, category, urgency, referral_status, overall, every S_response, stage,
    first_stage) are categoricals with every value of the set, ``stage`` and
    ``first_stage`` in escalation order, ``urgency`` by severity (group with
    ``observed=True`` to see only the values present); counts and working days are
    nullable ``Int64``; flags ``boolean``; ``overdue_obligations`` a list per row.
    docs/analyst-guide.md defines each column.
    """
    return replay_log(policy, events, as_of=as_of, on_error=on_error, max_line_bytes=max_line_bytes).disputes


# ---- the period report ---------------------------------------------------------------------

_SECTIONS = {
    "stages": ("stages",),
    "timeliness": ("timeliness", "stages"),
    "by_category": ("by_category",),
    "by_urgency": ("by_urgency",),
    "other_routes": ("process", "other_routes", "routes"),
    "overdue": ("open_at_end", "overdue_disputes"),
    "impact": ("impact", "records"),
    "teams": ("themes", "teams"),
    "categories": ("themes", "categories"),
    "children": ("themes", "children", "list"),
    "team_categories": ("themes", "team_categories"),
    "refusals": ("source", "refusals"),
    "trend": ("trend", "periods"),
}


class Report(dict):
    """The period report (schemas/report.schema.json) as a dict, with helpers.

    ``report["totals"]``, ``report["timeliness"]["stages"]`` … are plain JSON values.
    :meth:`frame` gives a section as a DataFrame; :meth:`to_html`, :meth:`to_csv`,
    :meth:`to_json` and :meth:`save` render it (the same renderers as ``drp report``).
    """

    #: The tables :meth:`to_csv` and :meth:`save` to a folder give, in order.
    TABLES: tuple[str, ...] = tuple(_drp.report_table_sections())

    def frame(self, section: str) -> _pd.DataFrame:
        """One section as a DataFrame: "stages", "timeliness", "by_category",
        "by_urgency", "other_routes" (a row per route), "overdue", "impact", "teams",
        "categories", "children", "team_categories", "refusals", "trend" (a row per
        period), or "tidy" (every figure, one per row, as in the CSV). Nested figures become columns joined by "_" (e.g.
        ``working_days_in_stage_median``)."""
        _args.text("section", section)
        if section == "tidy":
            import io
            return _pd.read_csv(io.StringIO(self.to_csv()), keep_default_na=False, dtype={"value": str})
        if section not in _SECTIONS:
            raise InvalidArgumentError(f"no section {section!r}; choose from tidy, {', '.join(_SECTIONS)}",
                                       "invalid_argument")
        rows = self
        for key in _SECTIONS[section]:
            rows = rows.get(key, []) if isinstance(rows, dict) else []
        return _pd.json_normalize(rows, sep="_") if rows else _pd.DataFrame()

    def frames(self) -> dict[str, _pd.DataFrame]:
        """Every section by name (see :meth:`frame`)."""
        return {name: self.frame(name) for name in (*_SECTIONS, "tidy")}

    @property
    def totals(self) -> dict:
        """The headline counts: active, raised, resolved, withdrawn, open_at_end, ..."""
        return self["totals"]

    def to_json(self, indent: int | None = 2) -> str:
        """The report as JSON text (schemas/report.schema.json)."""
        indent = _args.integer("indent", indent, minimum=0, optional=True)
        return _json.dumps(self, indent=indent, ensure_ascii=False)

    def to_csv(self, section: str | None = None) -> str:
        """``section`` given: that table as a spreadsheet opens it, a row per stage,
        category, dispute or period and a column per figure, each row beginning with the
        authority and the period (sections: :attr:`TABLES`). None: every figure in one
        long table, section,key,measure,value."""
        if section is None:
            return _drp.report_csv(dict(self))
        if not isinstance(section, str) or section not in self.TABLES:
            raise InvalidArgumentError(f"no report table {section!r}; choose from {', '.join(self.TABLES)}",
                                       "invalid_argument")
        return _drp.report_table(dict(self), section)

    def to_html(self) -> str:
        """A self-contained HTML page with charts (no scripts, fonts or links to fetch)."""
        return _drp.report_html(dict(self))

    def save(self, path: Union[str, os.PathLike], format: str | None = None) -> pathlib.Path:
        """Writes the report; ``format`` ("json", "csv", "html") defaults to the file's suffix.
        ``path`` an existing folder: every table of :meth:`to_csv` as its own CSV file there,
        named for the policy, the period and the table ("merton-Q1-2025-26-trend.csv")."""
        path = pathlib.Path(_args.path("path", path))
        format = _args.text("format", format, optional=True)
        if path.is_dir():
            if format not in (None, "csv"):
                raise InvalidArgumentError(f"a folder receives the CSV tables, not {format!r}", "invalid_argument")
            report = dict(self)
            for name in self.TABLES:
                (path / _drp.report_table_file(report, name)).write_text(_drp.report_table(report, name), encoding="utf-8")
            return path
        fmt = (format or path.suffix.lstrip(".")).lower()
        render = {"json": self.to_json, "csv": self.to_csv, "html": self.to_html, "htm": self.to_html}.get(fmt)
        if render is None:
            raise InvalidArgumentError(f"cannot tell the format of {path.name!r}; give format='json', 'csv' or 'html'",
                                       "invalid_argument")
        path.write_text(render(), encoding="utf-8")
        return path

    def _repr_html_(self) -> str:
        """Jupyter shows the report's page, framed so that its styles stay its own."""
        import html
        return (f'<iframe title="{html.escape(repr(self))}" srcdoc="{html.escape(self.to_html())}" '
                'style="width:100%;height:640px;border:1px solid #ccc"></iframe>')

    def __repr__(self):
        t = self.get("totals", {})
        return (f"drp.Report(policy={self['policy']['id']!r}, period={self['period']['label']!r}, "
                f"active={t.get('active')}, raised={t.get('raised')}, resolved={t.get('resolved')}, "
                f"withdrawn={t.get('withdrawn')}, open_at_end={t.get('open_at_end')})")


def quarter(text: str) -> tuple[_dt.date, _dt.date]:
    """The first and last day of a quarter: a calendar quarter "2025Q2" (April to June
    2025), or a quarter of the UK financial year (April to March) "Q1 2025/26" or
    "2025/26Q1" (April to June 2025; "Q4 2025/26" is January to March 2026). Any other
    text raises :class:`drp.InvalidArgumentError` naming the accepted forms."""
    _args.text("quarter", text, "text such as '2025Q3' or 'Q1 2025/26'")
    a, b, _ = _drp.parse_quarter(text)
    return _dt.date.fromisoformat(a), _dt.date.fromisoformat(b)


KeyLike = Union[bytes, bytearray, memoryview, str]

#: How many periods before the asked one the report's trend looks back over (as drp report).
_TREND_PERIODS = 8


def report(policy: PolicyLike, events: Events, *, start: DateLike | None = None, end: DateLike | None = None,
           quarter: str | None = None, as_of: InstantLike | None = None, themes_from: DateLike | None = None,
           recurring_at_least: int = 2, identify_children: bool = False, key: KeyLike | None = None,
           key_file: Union[str, os.PathLike, None] = None, on_error: str = "raise",
           max_line_bytes: int = MAX_LINE_BYTES, redact: bool = False) -> Report:
    """The period report over an event log: the quarterly report of DESIGN.md §3.

    The period is ``start``..``end`` (local dates, inclusive), or a quarter: a calendar
    quarter ``quarter="2025Q2"`` or a quarter of the financial year April-March,
    ``quarter="Q1 2025/26"`` (or "2025/26Q1"), labelled as asked; neither: the calendar
    quarter of the latest event. ``report["trend"]`` holds the key figures of the period
    and of up to 8 periods before it that the log covers. Events after the period are not
    applied: the disputes are seen as they stood at its end (or at ``as_of``).
    ``themes_from``: look for recurring themes among disputes raised from this date
    (default: the start of the period); a child, team or category recurs with
    ``recurring_at_least`` disputes. ``policy``, ``events``, ``on_error`` and
    ``max_line_bytes`` are as for :func:`replay`; with "skip", refused events are listed
    under ``report["source"]``.

    Children appear by pseudonym ("C-" and 20 hex digits: keyed BLAKE2b of the child_ref)
    unless ``identify_children``. ``key`` (16 to 64 bytes, or their 32 to 128 hex digits
    as a str) or ``key_file`` (a file holding the hex digits, as ``drp keygen`` writes)
    gives the key: the same child then has the same pseudonym in every report made with
    it, ``hashlib.blake2b(child_ref.encode(), key=key, digest_size=10).hexdigest()``.
    Without one a random key is made for this report alone and the report says so
    (``report["themes"]["pseudonym_key"]`` is "supplied" or "random"). Keep the key as
    you keep the data: with it anyone can test a guessed reference. A malformed key is
    :class:`drp.InvalidArgumentError` (its message never quotes the key); a key file
    that cannot be read is :class:`drp.IoError`.

    ``redact``: leave out the impact texts recorded at resolution (free text about the
    child), as ``drp report --redact`` does, for a report that leaves the service; the
    counts stay (:func:`drp.redact` does the same to a report made without it).
    """
    _args.text("quarter", quarter, "text such as '2025Q3' or 'Q1 2025/26'", optional=True)
    recurring_at_least = _args.integer("recurring_at_least", recurring_at_least, minimum=1)
    identify_children = _args.flag("identify_children", identify_children)
    if _args.flag("redact", redact) and identify_children:
        raise InvalidArgumentError("give redact or identify_children, not both: a redacted report names no child",
                                   "invalid_argument")
    themes_from = date_text(themes_from, "themes_from")
    _check_events(events)
    if quarter is not None:
        if start is not None or end is not None:
            raise InvalidArgumentError("give quarter or start/end, not both", "invalid_argument")
        globals()["quarter"](quarter)  # checks its form before the replay
    if (start is None) != (end is None):
        raise InvalidArgumentError("give both start and end, or neither for the quarter of the latest event",
                                   "invalid_argument")
    if key is not None and key_file is not None:
        raise InvalidArgumentError("give key or key_file, not both", "invalid_argument")
    if identify_children and (key is not None or key_file is not None):
        raise InvalidArgumentError("give a key or identify_children, not both: identified children have no pseudonyms",
                                   "invalid_argument")
    native_key = _key(key, key_file)  # before the replay: a bad key fails fast
    made = _report(policy, events, quarter=quarter, start=start, end=end, as_of=as_of, themes_from=themes_from,
                   recurring_at_least=recurring_at_least, identify_children=identify_children, key=native_key,
                   on_error=on_error, max_line_bytes=max_line_bytes, trend_periods=_TREND_PERIODS)
    return redact_report(made) if redact else made


def _report(policy, events, *, quarter=None, start=None, end=None, as_of=None, themes_from=None, recurring_at_least=2,
            identify_children=False, key=None, on_error="raise", max_line_bytes=MAX_LINE_BYTES, trend_periods=0):
    # The replay and report of report(), its arguments checked; drp.compare runs it per authority.
    _, native = _run(policy, events, as_of=as_of, on_error=on_error, start=start, end=end,
                     max_line_bytes=max_line_bytes, quarter=quarter, trend_periods=trend_periods)
    return Report(native.report(date_text(themes_from), int(recurring_at_least), bool(identify_children), key))


def redact_report(report: Report) -> Report:
    """A copy of the report without the impact texts (free text about the child)."""
    return Report(_drp.redact_report(dict(report)))  # the same C++ as drp report --redact


def _key(key, key_file):
    if key_file is not None:
        if not isinstance(key_file, (str, os.PathLike)):
            raise _args.wrong("key_file", "a path (str or os.PathLike)", key_file)
        return _drp._PseudonymKey.from_file(os.fspath(key_file))
    if isinstance(key, str):
        return _drp._PseudonymKey.from_hex(key)
    if isinstance(key, (bytes, bytearray, memoryview)):
        return _drp._PseudonymKey.from_bytes(bytes(key))
    if key is not None:
        raise _args.wrong("key", "bytes or a str of hex digits", key)
    return None
