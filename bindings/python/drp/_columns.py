"""The pandas types of the replay's tables (docs/analyst-guide.md §3-4): fixed sets as
categoricals in a meaningful order, counts and working days as nullable Int64, flags as
boolean, times as Timestamps in the policy's zone, lists as lists."""
from __future__ import annotations

import numpy as _np
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
                   "extensions", "referrals", "other_routes", "working_days_open", "responses_met",
                   "responses_missed", "overdue", "events")
_DISPUTE_FLAGS = ("cross_council", "started_above_first", "paused", "concurrent_referral", "other_route_running")
_VISIT_COUNTS = ("visit", "level", "working_days", "working_days_to_response", "extensions")
_VISIT_FLAGS = ("adequate",)


def _category(values, categories, ordered=False):
    return _pd.Categorical(values, categories=list(categories), ordered=ordered)


# The columns arrive from the extension as a dict of numpy arrays and lists; each is typed
# there and the DataFrame made once (assigning typed columns to a made frame costs more).

def _checked_category(cols: dict, name, categories, ordered=False):
    """A column as a categorical of a fixed set; a value outside it is a bug, not a NaN."""
    values = cols[name]
    typed = _category(values, categories, ordered)
    if ((typed.codes == -1) & ~_pd.isna(_np.asarray(values, dtype=object))).any():  # vectorised
        raise InternalError(f"column {name!r} has a value outside its set", "internal")
    cols[name] = typed


def _times(cols: dict, names, zone: str) -> None:
    """Columns of epoch seconds (NaT as the minimum int64) to Timestamps in ``zone``."""
    for name in names:
        seconds = _np.asarray(cols[name]).astype("datetime64[s]").astype("datetime64[ns]")
        cols[name] = _pd.DatetimeIndex(seconds, tz="UTC").tz_convert(zone)


def _common(cols: dict, policy: Policy, counts, flags) -> None:
    stages = [s.id for s in policy.stages]
    for name in counts:
        if name in cols:
            cols[name] = _pd.array(cols[name], dtype="Int64")  # float NaN (not visited) becomes <NA>
    for name in flags:
        if name in cols:
            cols[name] = _pd.array(cols[name], dtype="boolean")  # None (no verdict) becomes <NA>
    for name in ("stage", "first_stage"):
        if name in cols:
            cols[name] = _category(cols[name], stages, ordered=True)  # escalation order


def disputes(cols: dict, times, policy: Policy) -> _pd.DataFrame:
    _times(cols, times, policy.time_zone)
    _common(cols, policy, (*_DISPUTE_COUNTS, *(f"{s.id}_working_days" for s in policy.stages)), _DISPUTE_FLAGS)
    for s in policy.stages:
        _checked_category(cols, f"{s.id}_response", TIMELINESS)
    _checked_category(cols, "status", STATUS)
    _checked_category(cols, "urgency", URGENCY, ordered=True)
    _checked_category(cols, "referral_status", REFERRAL_STATUS)
    _checked_category(cols, "overall", TIMELINESS)
    # a policy without a fixed list of categories takes any text: its categories are those seen
    categories = policy.categories or sorted({c for c in cols["category"] if c is not None})
    _checked_category(cols, "category", categories)
    lists = _np.empty(len(cols["overdue_obligations"]), dtype=object)
    lists[:] = [o.split(";") if o else [] for o in cols["overdue_obligations"]]
    cols["overdue_obligations"] = lists
    return _pd.DataFrame(cols)


def visits(cols: dict, times, policy: Policy) -> _pd.DataFrame:
    _times(cols, times, policy.time_zone)
    _common(cols, policy, _VISIT_COUNTS, _VISIT_FLAGS)
    _checked_category(cols, "kind", KIND)
    _checked_category(cols, "entered_by", ENTERED_BY)
    _checked_category(cols, "reason", REASON)
    _checked_category(cols, "response", TIMELINESS)
    return _pd.DataFrame(cols)


_SUMMARY_TIMES = ("raised", "closed", "as_of", "overall_due", "overall_ended", "legal_advice", "overdue_since")


def summaries(rows: list[dict], policy: Policy) -> _pd.DataFrame:
    """Dispute.summary() dicts as one row each; nested lists (visits, time_outs, referrals,
    other_routes) stay lists of dicts, as in the summary."""
    df = _pd.DataFrame(rows)
    for name in _SUMMARY_TIMES:
        if name in df:
            df[name] = _pd.to_datetime(df[name], utc=True).dt.tz_convert(policy.time_zone)
    return df


def refused(rows: list[dict]) -> _pd.DataFrame:
    """The refused events: record, dispute_id, code and message (which quotes no event text)."""
    return _pd.DataFrame(rows, columns=["record", "dispute_id", "code", "message"])
