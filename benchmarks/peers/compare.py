#!/usr/bin/env python3
"""drp against the alternatives, same data, same run: one table of every ratio.

    benchmarks/peers/install.sh                                    # once: the peers
    /usr/bin/python3 benchmarks/peers/compare.py BUILD_DIR [--callgrind]

BUILD_DIR (or $DRP_BUILD_DIR, default build) is a drp build with the Python package (target
drp_python_package) and libdrp++.a (target drp_drp); this script builds nothing of drp's and
compiles only the two small C++ peer programs of this directory against that build (into
BUILD_DIR/peers/). The common input is a Merton log ten times examples/year/merton.jsonl made
by examples/generate_events.py (--log to give another). Before timing, every dispute's duties
(id, stage, status, due time) under the XState and python3-transitions models are checked
equal to drp's, on examples/year/merton.jsonl and on the log; any difference stops the run.
Ratios are the peer's time over drp's: how many times faster drp is. --callgrind adds
valgrind's instruction counts for the native pairs (repeatable where a shared machine's
timings are not).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import pathlib
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import timeit

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
YEAR_LOG = ROOT / "examples" / "year" / "merton.jsonl"


def sh(*cmd, **kw):
    return subprocess.run([str(c) for c in cmd], check=True, text=True, capture_output=True, **kw).stdout


def last_json(text):
    return json.loads(text.strip().splitlines()[-1])


# ---- the native peer programs, compiled against the drp build --------------------------------
def compile_native(build: pathlib.Path, peers_dir: pathlib.Path):
    out = build / "peers"
    out.mkdir(exist_ok=True)
    lib = build / "libdrp++.a"
    libs = sh("pkg-config", "--libs", "icu-uc", "icu-i18n", "simdjson", "libsodium").split()
    common = ["-std=c++20", "-O2", "-g", "-DNDEBUG", "-DJSON_USE_IMPLICIT_CONVERSIONS=0", f"-I{ROOT / 'include'}", f"-I{build / 'include'}"]
    programs = {"drp_apply": ([], []),
                "quantlib_vs_drp": ([f"-I{peers_dir / 'quantlib' / 'include'}"], ["-l:libQuantLib.so.0"])}
    for name, (flags, extra) in programs.items():
        src, exe = HERE / f"{name}.cpp", out / name
        if exe.exists() and exe.stat().st_mtime > max(src.stat().st_mtime, lib.stat().st_mtime):
            continue
        print(f"compiling {exe.relative_to(ROOT) if exe.is_relative_to(ROOT) else exe}", file=sys.stderr)
        sh("c++", *common, *flags, src, lib, *extra, *libs, "-o", exe)
    return out


def callgrind_ir(cmd, function):
    """Instructions executed inside `function` (callgrind --toggle-collect)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp) / "cg.out"
        subprocess.run(["valgrind", "--tool=callgrind", f"--toggle-collect={function}", f"--callgrind-out-file={out}", *map(str, cmd)],
                       check=True, capture_output=True, text=True)
        summary = re.search(r"^(?:summary|totals):\s*(\d+)", out.read_text(), re.M)
        return int(summary.group(1))


# ---- the Merton models -----------------------------------------------------------------------
def duties_of(state):
    """A state's duties as the models write them: [id, stage, status, due epoch s] ("overdue"
    is an evaluation as of a time, which the models do not make: it counts as open)."""
    return [[o["id"], o["stage"], "open" if o["status"] == "overdue" else o["status"],
             None if o["due"] is None else int(dt.datetime.fromisoformat(o["due"]).timestamp())] for o in state["obligations"]]


def drp_python(drp, events, repeat):
    """drp's Python Dispute.apply(dict) over the events (dicts made beforehand)."""
    policy = drp.Policy.builtin("merton")
    best = float("inf")
    for _ in range(repeat):
        disputes = {}
        t0 = time.perf_counter()
        for e in events:
            d = disputes.get(e["dispute_id"])
            if d is None:
                d = disputes[e["dispute_id"]] = drp.Dispute(policy)
            d.apply(e)
        best = min(best, time.perf_counter() - t0)
    return best / len(events), disputes


def check_model(name, theirs_file, disputes):
    theirs = json.loads(pathlib.Path(theirs_file).read_text())
    duties = dated = 0
    for k, d in disputes.items():
        ours = duties_of(d.state())
        if theirs.get(k) != ours:
            first = next((i for i, (a, b) in enumerate(zip(ours, theirs.get(k, []))) if a != b), min(len(ours), len(theirs.get(k, []))))
            sys.exit(f"{name} disagrees with drp on dispute {k}, duty {first}: drp {ours[first:first + 1]}, "
                     f"{name} {theirs.get(k, [])[first:first + 1]}")
        duties += len(ours)
        dated += sum(1 for o in ours if o[3] is not None)
    if set(theirs) != set(disputes):
        sys.exit(f"{name} has other disputes than drp")
    return f"{len(disputes)} disputes, {duties} duties ({dated} with a due time)"


def run_models(drp, build_native, log, repeat, tmp):
    node = shutil.which("node")
    if not (HERE / "node_modules" / "xstate").exists() or not node:
        sys.exit("XState is not installed: run benchmarks/peers/install.sh")
    checks, figures = [], {}
    for label, path in (("examples/year/merton.jsonl", YEAR_LOG), (log.name + " (timed)", log)):
        timed = path == log
        events = [json.loads(line) for line in path.read_text().splitlines() if line]
        xs_states, tr_states = tmp / f"xstate-{path.stem}.json", tmp / f"transitions-{path.stem}.json"
        r = repeat if timed else 1
        xs = last_json(sh(node, HERE / "xstate" / "bench.mjs", path, "--repeat", r, "--states", xs_states))
        tr = last_json(sh(sys.executable, HERE / "transitions_merton.py", path, "--repeat", r, "--states", tr_states))
        py, disputes = drp_python(drp, events, r)
        checks.append(f"{label}: XState agrees with drp on {check_model('XState', xs_states, disputes)}; "
                      f"python3-transitions on {check_model('python3-transitions', tr_states, disputes)}")
        if timed:
            cpp = last_json(sh(build_native / "drp_apply", path, "--repeat", repeat))
            figures = {"events": len(events), "cpp": cpp["seconds"] / cpp["events"], "python": py,
                       "xstate": xs["seconds"] / xs["events"], "transitions": tr["seconds"] / tr["events"]}
    return checks, figures


# ---- calendars -------------------------------------------------------------------------------
def pandas_scalar(drp, count=20_000, repeat=5, n=10):
    """Scalar Calendar.add_working_days(date, n) against Timestamp + CustomBusinessDay(n)."""
    import pandas as pd
    from pandas.tseries.offsets import CustomBusinessDay
    cal = drp.Calendar()
    holidays = [h.date for y in range(1990, 2041) for h in cal.holidays(y)]
    offset = CustomBusinessDay(n=n, holidays=holidays)
    rng = random.Random(1)
    dates = [dt.date(1995, 1, 1) + dt.timedelta(days=rng.randrange(365 * 40)) for _ in range(count)]
    stamps = [pd.Timestamp(d) for d in dates]
    add = cal.add_working_days
    ours = [add(d, n) for d in dates]
    theirs = [(t + offset).date() for t in stamps]
    assert ours == theirs, "add_working_days differs from CustomBusinessDay"
    t_drp = min(timeit.repeat(lambda: [add(d, n) for d in dates], number=1, repeat=repeat)) / count
    t_pd = min(timeit.repeat(lambda: [t + offset for t in stamps], number=1, repeat=repeat)) / count
    return t_drp, t_pd, pd.__version__


def quantlib(build_native, dates, repeat):
    lines = [json.loads(line) for line in sh(build_native / "quantlib_vs_drp", "--dates", dates, "--repeat", repeat).splitlines()]
    disagree = lines[0]["disagreeing_days"]
    return disagree, [x for x in lines[1:]]


# ---- the table -------------------------------------------------------------------------------
def fmt(seconds):
    for unit, scale in (("s", 1), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("build_dir", nargs="?", default=os.environ.get("DRP_BUILD_DIR", "build"))
    ap.add_argument("--log", type=pathlib.Path, help="the timed Merton log (default: 10x the year, generated)")
    ap.add_argument("--repeat", type=int, default=5, help="best of this many runs (default 5)")
    ap.add_argument("--quantlib-dates", type=int, default=10_000)
    ap.add_argument("--callgrind", action="store_true", help="instruction counts of the native pairs (valgrind)")
    args = ap.parse_args()
    build = pathlib.Path(args.build_dir).resolve()
    peers_dir = pathlib.Path(os.environ.get("DRP_PEERS_DIR", ROOT / "build-peers"))
    sys.path.insert(0, str(build / "python"))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    os.environ["DRP_BUILD_DIR"] = str(build)
    import drp
    import numpy
    import calendar_vs_numpy
    import transitions

    if not (peers_dir / "quantlib" / "include").exists():
        sys.exit("QuantLib's headers are not unpacked: run benchmarks/peers/install.sh")
    native = compile_native(build, peers_dir)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        log = args.log
        if log is None:
            env = dict(os.environ, PYTHONPATH=str(build / "python"))
            subprocess.run([sys.executable, ROOT / "examples" / "generate_events.py", "--policy", "merton", "--disputes", "1300",
                            "--out", tmp], check=True, env=env, capture_output=True)
            log = tmp / "merton.jsonl"
            log = log.rename(tmp / "merton-10x.jsonl")
        checks, m = run_models(drp, native, log, args.repeat, tmp)
        cpp_ir = None
        if args.callgrind:
            cpp_ir = callgrind_ir([native / "drp_apply", log, "--repeat", 1], "apply_all") / m["events"]
    numpy_rows = calendar_vs_numpy.measure()
    scalar_drp, scalar_pd, pandas_version = pandas_scalar(drp)
    disagree, ql_rows = quantlib(native, args.quantlib_dates, args.repeat)
    if any(r["wrong"] for r in ql_rows):
        sys.exit(f"QuantLib's advance differs from drp where the calendars agree: {ql_rows}")
    ql_ir = {}
    if args.callgrind:
        for r in ql_rows:
            per = 2_000
            ql_ir[r["n"]] = tuple(callgrind_ir([native / "quantlib_vs_drp", "--only", who, "--n", r["n"], "--dates", per], f"run_{who}") / per
                                  for who in ("drp", "quantlib"))

    xstate_version = json.loads((HERE / "node_modules" / "xstate" / "package.json").read_text())["version"]
    node_version = sh("node", "--version").strip()
    ql_version = (peers_dir / "quantlib" / "version").read_text().strip()
    rows = [
        (f"Merton event, C++ `dispute::apply(event&&)` with actions vs XState {xstate_version} actor.send (Node {node_version})",
         m["cpp"], m["xstate"], f"{cpp_ir:,.0f} instructions/event (drp)" if cpp_ir else ""),
        (f"Merton event, Python `Dispute.apply(dict)` vs XState {xstate_version} (Node)", m["python"], m["xstate"], ""),
        (f"Merton event, Python `Dispute.apply(dict)` vs python3-transitions {transitions.__version__}", m["python"], m["transitions"], ""),
    ]
    for name, t_drp, t_np in numpy_rows:
        rows.append((f"1M dates, Python vectorised `{name.replace(' vs ', '` vs numpy `')}` (numpy {numpy.__version__})", t_drp, t_np, ""))
    rows.append((f"Python scalar `Calendar.add_working_days(date, 10)` vs `Timestamp + CustomBusinessDay(10)` (pandas {pandas_version})",
                 scalar_drp, scalar_pd, ""))
    for r in ql_rows:
        ir = ql_ir.get(r["n"])
        rows.append((f"C++ `calendar::add_working_days(d, {r['n']})` vs QuantLib {ql_version} `UnitedKingdom().advance(d, {r['n']}, Days)`",
                     r["drp_ns"] * 1e-9, r["quantlib_ns"] * 1e-9,
                     f"{ir[0]:,.0f} vs {ir[1]:,.0f} instructions ({ir[1] / ir[0]:,.0f}×)" if ir else ""))

    load = os.getloadavg()[0]
    print(f"drp build: {build}; {platform.node()}, {os.cpu_count()} cores, load average {load:.1f}; best of {args.repeat}")
    print(f"timed log: {m['events']:,} Merton events ({'--log' if args.log else '10x the year, examples/generate_events.py --disputes 1300'})")
    for c in checks:
        print("check: " + c)
    print(f"check: QuantLib UnitedKingdom and drp England & Wales differ on {len(disagree)} days of 1995-2031"
          f"{' (' + ', '.join(disagree) + ')' if disagree else ''}; advance equal on "
          f"{sum(r['checked'] for r in ql_rows):,} of {sum(r['checked'] + r['skipped'] for r in ql_rows):,} samples (the rest span such a day)")
    print("check: numpy and pandas results identical to drp's on every date")
    print()
    print("| path | drp | peer | peer ÷ drp | instructions |")
    print("|---|---|---|---|---|")
    for name, t_drp, t_peer, ir in rows:
        print(f"| {name} | {fmt(t_drp)} | {fmt(t_peer)} | {t_peer / t_drp:,.1f}× | {ir} |")


if __name__ == "__main__":
    main()
