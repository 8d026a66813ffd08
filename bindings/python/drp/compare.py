"""A regional comparison: several authorities' event logs, each replayed under its own
policy, side by side for one period. In process, or on a Dask cluster (one log per
partition) when the logs outgrow one machine; the figures are the same either way."""
from __future__ import annotations

import os
import pathlib
from typing import Iterable, Mapping, Union

import pandas as _pd

from . import _drp
from ._errors import InvalidArgumentError
from .policy import Policy
from .report import _report, quarter as _quarter

_TABLES = ("authorities", "stages")


class Comparison(dict):
    """The comparison as a dict: ``period`` and ``authorities`` (one entry per authority,
    in the order given: ``responses_on_time_percent``, ``overall_cap_met_percent``,
    ``bypass_percent`` (of escalations), ``time_out_percent`` and ``cafcass_percent`` (of
    disputes active), the counts they come from, and ``stages`` with each stage's
    ``median_working_days``). docs/analyst-guide.md defines each figure."""

    def frame(self) -> _pd.DataFrame:
        """One row per authority, one column per figure (the stages in :meth:`stages`)."""
        return _pd.DataFrame([{k: v for k, v in a.items() if k != "stages"} for a in self["authorities"]])

    def stages(self) -> _pd.DataFrame:
        """One row per authority and stage: completed visits, on-time rate, median working days."""
        return _pd.DataFrame([{"policy": a["policy"], "authority": a["authority"], **s}
                              for a in self["authorities"] for s in a["stages"]])

    def to_csv(self, table: str = "authorities") -> str:
        """"authorities" (a row each) or "stages" (a row per authority and stage)."""
        if table not in _TABLES:
            raise InvalidArgumentError(f"no comparison table {table!r}; choose authorities or stages", "invalid_argument")
        return _drp.comparison_csv(dict(self), table)

    def to_html(self) -> str:
        """A self-contained HTML page: the authorities side by side, then each one's stages."""
        return _drp.comparison_html(dict(self))

    def save(self, path: Union[str, os.PathLike]) -> pathlib.Path:
        """Writes the comparison as .html, .csv (the authorities table) or .json."""
        import json
        path = pathlib.Path(path)
        render = {".html": self.to_html, ".csv": self.to_csv,
                  ".json": lambda: json.dumps(self, indent=2, ensure_ascii=False)}.get(path.suffix.lower())
        if render is None:
            raise InvalidArgumentError(f"cannot tell the format of {path.name!r}: use .html, .csv or .json", "invalid_argument")
        path.write_text(render(), encoding="utf-8")
        return path

    def __repr__(self):
        return (f"drp.Comparison(period={self['period']['label']!r}, "
                f"authorities={[a['policy'] for a in self['authorities']]!r})")


def _pairs(logs) -> list[tuple]:
    items = list(logs.items()) if isinstance(logs, Mapping) else list(logs)
    if not items:
        raise InvalidArgumentError("give at least one authority: {policy: events, ...}", "invalid_argument")
    for item in items:
        if not (isinstance(item, tuple) and len(item) == 2):
            raise InvalidArgumentError("logs must map each policy to its events, or be (policy, events) pairs",
                                       "invalid_argument")
    return items


def _one(item, period: dict) -> dict:
    # One authority's report: what each Dask partition runs, and the in-process loop too.
    policy, events = item
    return dict(_report(policy, events, **period))


def compare(logs: Union[Mapping, Iterable[tuple]], *, quarter: str | None = None, start=None, end=None, as_of=None,
            on_error: str = "raise", client=None) -> Comparison:
    """Several authorities side by side for one period, each log replayed under its own policy.

    ``logs``: ``{policy: events}`` or ``[(policy, events), ...]``, a policy as for
    :func:`drp.report` (a :class:`drp.Policy`, a file, a built-in name) and events as for
    :func:`drp.replay`. The period: ``quarter`` ("2025Q3", "Q2 2025/26") or ``start`` and
    ``end``; the same for every authority. ``client``: a ``dask.distributed.Client``: the
    logs are replayed on its cluster, one log per partition of a Dask bag; policies must
    then be names or files and events files, which every worker can read. The result is
    the same as in process.
    """
    items = _pairs(logs)
    if quarter is not None:
        _quarter(quarter)  # its form, before any replay
        if start is not None or end is not None:
            raise InvalidArgumentError("give quarter or start/end, not both", "invalid_argument")
    if (start is None) != (end is None):
        raise InvalidArgumentError("give both start and end, or a quarter", "invalid_argument")
    if quarter is None and start is None:
        raise InvalidArgumentError("a comparison needs its period: quarter=, or start= and end=", "invalid_argument")
    period = {"quarter": quarter, "start": start, "end": end, "as_of": as_of, "on_error": on_error,
              "identify_children": True}  # (no themes are compared: no pseudonyms made)
    if client is None:
        reports = [_one(item, period) for item in items]
    else:
        if not callable(getattr(client, "get", None)):
            raise InvalidArgumentError(f"client must be a dask.distributed Client, not {type(client).__name__}",
                                       "invalid_argument")
        for policy, events in items:
            if isinstance(policy, Policy) or not isinstance(events, (str, os.PathLike)):
                raise InvalidArgumentError("with a Dask client, give each policy as a name or file and each log as a file "
                                           "path, so that the workers can open them", "invalid_argument")
        import dask.bag
        items = [(os.fspath(p), os.fspath(e)) for p, e in items]
        bag = dask.bag.from_sequence(items, npartitions=len(items)).map(_one, period)
        reports = bag.compute(scheduler=client)
    return Comparison(_drp.comparison_report(reports))
