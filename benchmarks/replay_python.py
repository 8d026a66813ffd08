#!/usr/bin/env python3
"""Replaying a large event log from Python: how much of the time is C++.

    PYTHONPATH=build/python /usr/bin/python3 examples/generate_events.py \\
        --policy merton --disputes 80000 --out /tmp/big          # ~1,000,000 events
    PYTHONPATH=build/python /usr/bin/python3 benchmarks/replay_python.py /tmp/big/merton.jsonl

For each input form (a JSONL path, a list of dicts, a DataFrame) it reports the wall time
of drp.replay, the part spent inside the extension (parsing, applying, summarising and
building the column arrays: "C++"), and the rest (Python: preparing the input, pandas
building the frame), with the C++ part split into parsing (JSON text to events), applying
(the engine) and summarising (DESIGN.md §5 asks replay to cost within 1.5x of parsing).
Then drp.report over the whole year. Best of --repeat runs; a Markdown table.
"""
import argparse
import json
import pathlib
import resource
import sys
import time

import pandas as pd

import drp


def best(fn, repeat):
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        runs.append((time.perf_counter() - t0, out))
    return min(runs, key=lambda r: r[0])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("log", type=pathlib.Path)
    ap.add_argument("--policy", default="merton")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    policy = drp.Policy.coerce(args.policy)
    lines = sum(1 for _ in args.log.open())
    print(f"{args.log}: {lines:,} events, {args.log.stat().st_size / 1e6:.0f} MB; policy {policy.id}", file=sys.stderr)

    rows = []

    def measure(label, events):
        wall, result = best(lambda: drp.replay_log(policy, events), args.repeat)
        t = result.timings
        cpp = t["cpp_total"]
        rows.append((label, wall, cpp, t["parse"], t["apply"], t["summarize"], len(result.disputes)))

    measure("JSONL path", str(args.log))
    records = [json.loads(line) for line in args.log.open()]
    measure("list of dicts", records)
    frame = pd.DataFrame.from_records(records)
    measure("DataFrame", frame)
    del records

    wall_report, report = best(lambda: drp.report(policy, str(args.log), start="2025-01-01", end="2025-12-31"), args.repeat)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"| input | events/s | total | C++ | Python | C++ share | of which parse / apply / summarise |")
    print("|---|---|---|---|---|---|---|")
    for label, wall, cpp, parse, apply, summarize, n in rows:
        print(f"| {label} | {lines / wall / 1e6:.2f} M | {wall:.2f} s | {cpp:.2f} s | {wall - cpp:.2f} s | "
              f"{100 * cpp / wall:.0f}% | {parse:.2f} / {apply:.2f} / {summarize:.2f} s |")
    label, wall, cpp, parse, apply, summarize, n = rows[0]
    print(f"\nJSONL: parse {parse:.2f} s, parse + apply + summarise {parse + apply + summarize:.2f} s "
          f"({(parse + apply + summarize) / parse:.2f}x parsing); {n:,} disputes")
    print(f"drp.report over the year (replay + report + dict): {wall_report:.2f} s; "
          f"{report['totals']['active']:,} disputes; peak RSS {peak:,.0f} MB")


if __name__ == "__main__":
    main()
