#!/usr/bin/env python3
"""The Python API's per-call cost beside what it wraps, measured in one run (issue 14).

    PYTHONPATH=build/python /usr/bin/python3 benchmarks/python_api.py

- drp.Dispute.apply(dict): the events of examples/year/merton.jsonl loaded as dicts (json.loads)
  and applied to their disputes, in µs per event; beside it the same events as JSON text
  through Dispute.apply(str), and the C++ engine applying the same events (parsed first:
  dispute::apply(event), and from their text: dispute::apply_json), timed inside the
  extension (drp._drp._time_apply), for the ratio.
- drp.Calendar's scalar calls with datetime.date arguments, in µs per call, against pandas'
  CustomBusinessDay with the same bank holidays (Timestamp + offset, the offset made once).

Best of --repeat runs each; a Markdown table on stdout.
"""
import argparse
import datetime as dt
import json
import pathlib
import sys
import time
import timeit

import drp
from drp import _drp

ROOT = pathlib.Path(__file__).resolve().parents[1]


def disputes_of(path: pathlib.Path):
    """The log's events grouped by dispute, in log order: [[dict, ...], ...]."""
    groups: dict[str, list[dict]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            e = json.loads(line)
            groups.setdefault(e["dispute_id"], []).append(e)
    return list(groups.values())


def time_python(policy, groups, repeat: int, as_text: bool) -> float:
    """Best seconds per event of Dispute.apply over every dispute's events (the disputes
    are made before the clock starts, as in the C++ timing)."""
    items = [[json.dumps(e) for e in g] for g in groups] if as_text else groups
    n = sum(len(g) for g in items)
    best = float("inf")
    for _ in range(repeat):
        disputes = [drp.Dispute(policy) for _ in items]
        t0 = time.perf_counter()
        for d, events in zip(disputes, items):
            apply = d.apply
            for e in events:
                apply(e)
        best = min(best, time.perf_counter() - t0)
    return best / n


def per_call(stmt: str, env: dict, number: int, repeat: int) -> float:
    """Best µs per call of `stmt`, which makes `number` calls in a loop over env's days."""
    return min(timeit.repeat(stmt, globals=env, number=1, repeat=repeat)) / number * 1e6


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--log", type=pathlib.Path, default=ROOT / "examples" / "year" / "merton.jsonl")
    ap.add_argument("--policy", default="merton")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()

    policy = drp.Policy.coerce(args.policy)
    groups = disputes_of(args.log)
    n = sum(len(g) for g in groups)
    print(f"{args.log.relative_to(ROOT) if args.log.is_relative_to(ROOT) else args.log}: {n:,} events in "
          f"{len(groups):,} disputes; policy {policy.id}; Python {sys.version.split()[0]}", file=sys.stderr)

    py_dict = time_python(policy, groups, args.repeat, as_text=False)
    py_text = time_python(policy, groups, args.repeat, as_text=True)
    cpp = _drp._time_apply(policy._native, [[json.dumps(e) for e in g] for g in groups], args.repeat)

    print("| call | µs per event | ÷ C++ apply(event) |")
    print("|---|---|---|")
    for label, secs in (("Python `Dispute.apply(dict)`", py_dict), ("Python `Dispute.apply(json_text)`", py_text),
                        ("C++ `dispute::apply(event)` (parsed first)", cpp["apply"]),
                        ("C++ `dispute::apply_json(text)`", cpp["apply_json"])):
        print(f"| {label} | {secs * 1e6:.2f} | {secs / cpp['apply']:.1f}× |")

    # ---- the calendar's scalar calls --------------------------------------------------------
    import pandas as pd
    cal = drp.Calendar("england-and-wales")
    years = range(2024, 2030)
    holidays = [h.date for y in years for h in cal.holidays(y)]
    cbd = pd.offsets.CustomBusinessDay(n=10, holidays=holidays)
    days = [dt.date(2025, 1, 1) + dt.timedelta(days=i) for i in range(0, 1461, 3)]  # 2025-2028
    stamps = [pd.Timestamp(d) for d in days]
    assert [cal.add_working_days(d, 10) for d in days] == [(s + cbd).date() for s in stamps]
    env = {"cal": cal, "days": days, "stamps": stamps, "cbd": cbd, "end": dt.date(2026, 6, 30)}
    k = len(days)
    calls = {
        "`add_working_days(date, 10)`": per_call("for d in days: cal.add_working_days(d, 10)", env, k, args.repeat),
        "`working_days_between(date, date)`": per_call("for d in days: cal.working_days_between(d, end)", env, k, args.repeat),
        "`is_working_day(date)`": per_call("for d in days: cal.is_working_day(d)", env, k, args.repeat),
        "`next_working_day(date)`": per_call("for d in days: cal.next_working_day(d)", env, k, args.repeat),
    }
    loop = per_call("for d in days: pass", env, k, args.repeat)
    pandas_add = per_call("for s in stamps: s + cbd", env, k, max(3, args.repeat // 2))
    print()
    print(f"| scalar call ({k:,} dates, 2025-2028) | µs per call | pandas `Timestamp + CustomBusinessDay(n=10)` ÷ drp |")
    print("|---|---|---|")
    for label, us in calls.items():
        ratio = f"{pandas_add / us:.0f}×" if label.startswith("`add_") else ""
        print(f"| drp.Calendar {label} | {us:.3f} | {ratio} |")
    print(f"| pandas `Timestamp + CustomBusinessDay(n=10, holidays=...)` | {pandas_add:.2f} | |")
    print(f"| (the bare `for` loop, included above) | {loop:.3f} | |")
    print(f"\nbest of {args.repeat} runs each", file=sys.stderr)


if __name__ == "__main__":
    main()
