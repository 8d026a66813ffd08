"""The pandas types of the replay's tables (docs/analyst-guide.md §3-4): fixed sets as
categoricals in a meaningful order, counts and working days as nullable Int64, flags as
boolean, times as Timestamps in the policy's zone, lists as lists."""
from __future__ import annotations

import pandas as _pd

from ._errors import InternalError
from .policy import Policy

STATUS = ("open", "resolved", "withdrawn")
URGENCY = ("standard", "urgent", "imminent_risk")  # by severity
REFERRAL_STATUS = ("none", "referred", "accepted", "declined")
TIMELINESS = ("met", "missed", "ended_early", "open", "no_timescale")
KIND = ("informal", "meeting", "formal", "referral")
ENTERED_BY = ("raise", "start_above_first", "escalate", "bypass")
REASON = ("raise", "no_response", "inadequate_response", "not_resolved", "discretion")

_DISPUTE_COUNTS = ("level", "stages_visited", "escalations", "bypasses", "time_outs", "paused_working_days",
                   "extensions", "referrals", "working_days_open", "responses_met", "responses_missed",
                   "overdue", "events")
_DISPUTE_FLAGS = ("cross_council", "started_above_first", "paused", "concurrent_referral")
_VISIT_COUNTS = ("visit", "level", "working_days", "working_days_to_response", "extensions")
_VISIT_FLAGS = ("adequate",)


def _category(values, categories, ordered=False):
    return _pd.Categorical(values, categories=list(categories), ordered=ordered)


def _checked_category(df, name, categories, ordered=False):
    """A column as a categorical of a fixed set; a value outside it is a bug, not a NaN."""
    col = df[name]
    unknown = set(col.dropna()) - set(categories)
    if unknown:
        raise InternalError(f"column {name!r} has a value outside its set", "internal")
    df[name] = _category(col, categories, ordered)


def times(df: _pd.DataFrame, names, zone: str) -> None:
    """Columns of epoch seconds (NaT as the minimum int64) to Timestamps in ``zone``."""
    for name in names:
        utc = _pd.DatetimeIndex(df[name].to_numpy().astype("datetime64[s]").astype("datetime64[ns]"), tz="UTC")
        df[name] = utc.tz_convert(zone)


def _common(df: _pd.DataFrame, policy: Policy, counts, flags) -> None:
    stages = [s.id for s in policy.stages]
    for name in counts:
        if name in df:
            df[name] = df[name].astype("Int64")  # float NaN (not visited) becomes <NA>
    for name in flags:
        if name in df:
            df[name] = df[name].astype("boolean")  # None (no verdict) becomes <NA>
    for name in ("stage", "first_stage"):
        if name in df:
            df[name] = _category(df[name], stages, ordered=True)  # escalation order


def disputes(df: _pd.DataFrame, policy: Policy) -> _pd.DataFrame:
    _common(df, policy, _DISPUTE_COUNTS, _DISPUTE_FLAGS)
    for s in policy.stages:
        df[f"{s.id}_working_days"] = df[f"{s.id}_working_days"].astype("Int64")
        _checked_category(df, f"{s.id}_response", TIMELINESS)
    _checked_category(df, "status", STATUS)
    _checked_category(df, "urgency", URGENCY, ordered=True)
    _checked_category(df, "referral_status", REFERRAL_STATUS)
    _checked_category(df, "overall", TIMELINESS)
    # a policy without a fixed list of categories takes any text: its categories are those seen
    categories = policy.categories or sorted(set(df["category"].dropna()))
    _checked_category(df, "category", categories)
    df["overdue_obligations"] = _pd.Series([s.split(";") if s else [] for s in df["overdue_obligations"]],
                                           index=df.index, dtype=object)
    return df


def visits(df: _pd.DataFrame, policy: Policy) -> _pd.DataFrame:
    _common(df, policy, _VISIT_COUNTS, _VISIT_FLAGS)
    _checked_category(df, "kind", KIND)
    _checked_category(df, "entered_by", ENTERED_BY)
    _checked_category(df, "reason", REASON)
    _checked_category(df, "response", TIMELINESS)
    return df


_SUMMARY_TIMES = ("raised", "closed", "as_of", "overall_due", "overall_ended", "legal_advice", "overdue_since")


def summaries(rows: list[dict], policy: Policy) -> _pd.DataFrame:
    """Dispute.summary() dicts as one row each; nested lists (visits, time_outs, referrals)
    stay lists of dicts, as in the summary."""
    df = _pd.DataFrame(rows)
    for name in _SUMMARY_TIMES:
        if name in df:
            df[name] = _pd.to_datetime(df[name], utc=True).dt.tz_convert(policy.time_zone)
    return df


def refused(rows: list[dict]) -> _pd.DataFrame:
    """The refused events: record, dispute_id, code and message (which quotes no event text)."""
    return _pd.DataFrame(rows, columns=["record", "dispute_id", "code", "message"])
