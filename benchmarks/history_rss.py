"""Memory kept per applied event, seen from Python: one Merton dispute raised, then N responses
(not adequate, each with a note) applied to it and kept in its history, and the growth of the
process's peak RSS divided by N. For docs/PERFORMANCE.md (issue 14's "1M events < 400 MB").
Responses, not meetings: each challenge meeting adds a duty (its record) that stays open, so
a dispute of N meetings holds N duties and applying costs O(N) per event.

    PYTHONPATH=build/python /usr/bin/python3 benchmarks/history_rss.py 1000000
"""
import datetime as dt
import resource
import sys

import drp

p = drp.Policy.coerce("merton")
d = drp.Dispute(p)
t0 = dt.datetime(2026, 12, 21, 10, 0, tzinfo=dt.timezone.utc)
d.apply({"type": "raise", "at": "2026-12-21T10:00:00Z", "dispute_id": "MER-2026-0001", "by": "IRO", "child_ref": "C-1",
         "category": "care_planning", "urgency": "standard", "summary": "Care plan review overdue", "due": "2027-01-08"})
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
for i in range(n):
    at = (t0 + dt.timedelta(seconds=30 * (i + 1))).strftime("%Y-%m-%dT%H:%M:%SZ")
    d.apply({"type": "respond", "at": at, "dispute_id": "MER-2026-0001", "by": "TM", "adequate": False,
             "note": "Spoke with the team manager about the plan"})
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"{n} events kept in one dispute's history: peak RSS grew {(peak - base) / 1024:.1f} MB, "
      f"{(peak - base) * 1024 / max(n, 1):.0f} B/event; process peak {peak / 1024:.1f} MB")
