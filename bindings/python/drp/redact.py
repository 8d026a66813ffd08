"""Extracts to share: drop what identifies a child or was written about them (issue 16)."""
from __future__ import annotations

import pandas as _pd

from . import _args

#: Columns that hold a child's reference (child_ref) or free text written about a child:
#: the raise's summary and start_reason, the resolution's summary (outcome) and impact,
#: notes, and the reasons given for a time out or a withdrawal.
DROPPED = ("child_ref", "summary", "start_reason", "outcome", "impact", "note")


def redact(df, *, keep: tuple = ()):
    """A copy of ``df`` without child references and free text, for an extract that leaves
    the service: the columns in :data:`DROPPED` go, and in a table of events (with a
    ``type`` column) the ``reason`` of every event but ``escalate`` (whose reason is one of
    a fixed set) becomes missing. Works on :func:`drp.replay`'s disputes, ``stages``,
    ``summaries()`` and event frames. ``keep`` names columns to leave in (say, ``team``
    is always kept; ``dispute_id`` too, so that managers can chase a case). Counts may
    still point to a child in a small authority: look at small numbers before sharing.

    Given a :class:`drp.Report`, a copy without the impact texts (as ``redact=True``)."""
    from .report import Report, redact_report
    if isinstance(df, Report):
        return redact_report(df)
    if not isinstance(df, _pd.DataFrame):
        raise _args.wrong("df", "a pandas DataFrame or a drp.Report", df)
    if isinstance(keep, str) or not hasattr(keep, "__iter__"):
        raise _args.wrong("keep", "a list of column names", keep)
    keep = set(keep)
    out = df.drop(columns=[c for c in DROPPED if c in df.columns and c not in keep])
    if "reason" in out.columns and "type" in out.columns and "reason" not in keep:
        out["reason"] = out["reason"].where(out["type"] == "escalate")
    out.attrs = dict(df.attrs, redacted=True)
    return out
