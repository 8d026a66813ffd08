#!/usr/bin/env python3
"""Merton's dispute resolution flowchart as a python3-transitions state machine, fed an event
log and timed, for comparison with drp's Python `Dispute.apply(dict)` (benchmarks/peers/).

The same model as benchmarks/peers/xstate/merton.mjs: the stages are the machine's states
(informal, the optional dispute resolution meeting, IR1-IR4, IR5, then resolved or
withdrawn), escalation by `to` or to the next required stage, the time out as a running /
paused flag the transitions' conditions test, and every duty drp's Merton policy creates
with the same due times (working days over the England & Wales bank holidays of
policies/bank-holidays.json, Europe/London days through zoneinfo). It checks nothing drp
checks beyond what the machine's transitions allow, keeps no history and works out no
actions or explanations.

    /usr/bin/python3 benchmarks/peers/transitions_merton.py examples/year/merton.jsonl --repeat 5

prints {"events", "seconds", "events_per_second"} (best of --repeat, events parsed
beforehand); --states FILE writes each dispute's duties [id, stage, status, due (epoch
seconds or null)], as bench.mjs does, for compare.py to check against drp.
"""
from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import pathlib
import time
import zoneinfo

from transitions import Machine

ROOT = pathlib.Path(__file__).resolve().parents[2]
LONDON = zoneinfo.ZoneInfo("Europe/London")
END_OF_DAY = dt.time(23, 59, 59)

# (id, kind, response, notify/copy targets, the stage's own duties); response: "agreed" date,
# "none" (a response with no timescale), a number of working days, or None (no response duty).
STAGES = [
    ("informal", "informal", "agreed", [], [("challenge_meeting", "meeting", "challenge", None, True)]),
    ("drm", "meeting", "none", [("notify", ["SW"]), ("notify", ["TM"]), ("notify", ["HOS"])],
     [("hold_meeting", "meeting", "dispute_resolution", None, False)]),
    ("IR1", "formal", 10, [("copy", ["SW"])], []),
    ("IR2", "formal", 3, [("copy", ["TM"]), ("copy", ["SW"]), ("copy", ["IRO_MANAGER", "HOS_SAFEGUARDING"])], []),
    ("IR3", "formal", 3, [("copy", ["HOS"]), ("copy", ["TM"]), ("copy", ["SW"]),
                          ("copy", ["IRO_MANAGER", "HOS_SAFEGUARDING"])], []),
    ("IR4", "formal", 4, [("copy", ["CHIEF_OFFICER_CSC"]), ("copy", ["HOS"])], []),
    ("IR5", "referral", None, [], [("consult_hos_qapd", "consult", None, ["HOS_QAPD"], False)]),
]
OPTIONAL = {"drm"}
STAGE_IDS = [s[0] for s in STAGES]
ALERT = dt.timedelta(hours=24)
RECORD = dt.timedelta(hours=48)
RECORDED = {"raise", "escalate", "meeting", "consult", "refer", "extend", "pause", "resume"}
OVERALL_WORKING_DAYS = 20
REFERRAL_CALENDAR_DAYS = 3


class Calendar:
    """England & Wales working days: O(1) add and between over a prefix count."""

    def __init__(self, holidays_file, division="england-and-wales", first=dt.date(1995, 1, 1), last=dt.date(2035, 12, 31)):
        holidays = {dt.date.fromisoformat(e["date"]) for e in json.loads(pathlib.Path(holidays_file).read_text())[division]["events"]}
        self.first = first.toordinal()
        self.working = [o for o in range(self.first, last.toordinal() + 1)
                        if dt.date.fromordinal(o).weekday() < 5 and dt.date.fromordinal(o) not in holidays]

    def add_working_days(self, d: dt.date, n: int) -> dt.date:
        if n == 0:
            return d
        return dt.date.fromordinal(self.working[bisect.bisect_right(self.working, d.toordinal()) + n - 1])

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        return bisect.bisect_right(self.working, b.toordinal()) - bisect.bisect_right(self.working, a.toordinal())


def end_of(d: dt.date) -> dt.datetime:
    return dt.datetime.combine(d, END_OF_DAY, tzinfo=LONDON)


class Duty:
    __slots__ = ("id", "kind", "stage", "status", "due", "due_date", "rule", "target", "meeting", "discretionary", "paused")

    def __init__(self, id, kind, stage, due=None, due_date=None, rule=None, target=None, meeting=None, discretionary=False):
        self.id, self.kind, self.stage, self.status = id, kind, stage, "open"
        self.due, self.due_date, self.rule = due, due_date, rule
        self.target, self.meeting, self.discretionary, self.paused = target, meeting, discretionary, None


class Dispute:
    """The model: transitions' Machine moves `state` (the stage); the duties are kept here."""

    calendar: Calendar

    def __init__(self):
        self.stage = None
        self.paused = False
        self.obligations: list[Duty] = []
        self.consulted = []
        self.referrals = []

    # ---- deadlines ----
    def in_working_days(self, at: dt.datetime, n: int):
        d = self.calendar.add_working_days(at.astimezone(LONDON).date(), n)
        return {"due": end_of(d), "due_date": d, "rule": "working_days"}

    @staticmethod
    def agreed(due: str):
        if len(due) == 10:
            d = dt.date.fromisoformat(due)
            return {"due": end_of(d), "due_date": d, "rule": "agreed"}
        return {"due": dt.datetime.fromisoformat(due), "due_date": None, "rule": "agreed"}

    # ---- conditions ----
    def is_running(self, ev):
        return not self.paused

    def is_paused(self, ev):
        return self.paused

    # ---- callbacks (ev: transitions' EventData; ev.kwargs["e"] is the event dict) ----
    def enter_stage(self, ev):
        e = ev.kwargs["e"]
        at = dt.datetime.fromisoformat(e["at"])
        k = STAGE_IDS.index(ev.state.name)
        sid, kind, response, notices, duties = STAGES[k]
        self.stage = sid
        add = self.obligations.append
        if response == "agreed":
            add(Duty("response", "response", sid, **(self.agreed(e["due"]) if "due" in e else {})))
        elif response == "none":
            add(Duty("response", "response", sid))
        elif response is not None:
            add(Duty("response", "response", sid, **self.in_working_days(at, response)))
        for prefix, target in notices:
            add(Duty(f"{prefix}.{target[0]}", "notify", sid, target=target))
        for did, dkind, meeting, target, discretionary in duties:
            add(Duty(did, dkind, sid, target=target, meeting=meeting, discretionary=discretionary))
        add(Duty("alert_hos_qapd", "notify", sid, due=at + ALERT, rule="hours", target=["HOS_QAPD"]))
        overall = next((o for o in self.obligations if o.kind == "overall"), None)
        if kind == "formal" and overall is None:
            add(Duty("overall", "overall", sid, **self.in_working_days(at, OVERALL_WORKING_DAYS)))
        elif overall is not None and kind != "formal" and overall.status == "open":
            overall.status = "met"
        self.referral_clock()
        self.record_duty(ev)

    def leave_stage(self, ev):
        for o in self.obligations:
            if o.status == "open" and o.stage == self.stage and o.kind in ("response", "meeting", "consult"):
                o.status = "waived" if o.discretionary else "closed"

    def referral_clock(self):
        """Due 3 days after the first consultation in which the HOS QAPD agreed; once."""
        if any(o.kind == "referral" for o in self.obligations) or any(r != "declined" for r in self.referrals):
            return
        starts = [k[2] for k in self.consulted if k[0] == "HOS_QAPD" and k[1]]
        if not starts:
            return
        d = min(starts).astimezone(LONDON).date() + dt.timedelta(days=REFERRAL_CALENDAR_DAYS)
        self.obligations.append(Duty("referral", "referral", self.stage, due=end_of(d), due_date=d, rule="calendar_days"))

    def record_duty(self, ev):
        e = ev.kwargs["e"]
        if e["type"] in RECORDED:
            self.obligations.append(Duty("record_actions", "record", self.stage,
                                         due=dt.datetime.fromisoformat(e["at"]) + RECORD, rule="hours"))

    def respond(self, ev):
        for o in self.obligations:
            if o.status == "open" and o.stage == self.stage and o.kind == "response":
                o.status = "met"

    def extend(self, ev):
        new = self.agreed(ev.kwargs["e"]["until"])
        for o in self.obligations:
            if o.status == "open" and o.stage == self.stage and o.kind == "response":
                o.due, o.due_date, o.rule = new["due"], new["due_date"], new["rule"]

    def pause(self, ev):
        at = dt.datetime.fromisoformat(ev.kwargs["e"]["at"])
        day = at.astimezone(LONDON).date()
        for o in self.obligations:
            if o.status != "open" or o.due is None or o.due < at:
                continue
            if o.due_date is not None and o.rule != "calendar_days":
                o.paused = ("working_days", max(0, self.calendar.working_days_between(day, o.due_date)))
            elif o.due_date is not None:
                o.paused = ("calendar_days", max(0, (o.due_date - day).days))
            else:
                o.paused = ("seconds", max(dt.timedelta(0), o.due - at))
            o.due = o.due_date = None
        self.paused = True

    def resume(self, ev):
        at = dt.datetime.fromisoformat(ev.kwargs["e"]["at"])
        day = at.astimezone(LONDON).date()
        for o in self.obligations:
            if o.status != "open" or o.paused is None:
                continue
            unit, remaining = o.paused
            if unit == "seconds":
                o.due = at + remaining
            else:
                d = self.calendar.add_working_days(day, remaining) if unit == "working_days" else day + dt.timedelta(days=remaining)
                o.due, o.due_date = end_of(d), d
            o.paused = None
        self.paused = False

    def consult(self, ev):
        e = ev.kwargs["e"]
        self.consulted.append((e["role"], e.get("agreed") is True, dt.datetime.fromisoformat(e["at"])))
        for o in self.obligations:
            if o.status == "open" and o.kind == "consult" and e["role"] in o.target:
                o.status = "met"
        self.referral_clock()

    def refer(self, ev):
        concurrent = ev.kwargs["e"]["concurrent"]
        self.referrals.append("referred")
        for o in self.obligations:
            if o.status != "open":
                continue
            if o.kind == "referral" or (not concurrent and o.kind == "overall"):
                o.status = "met"
            elif not concurrent and o.kind == "response":
                o.status = "closed"

    def referral_decision(self, ev):
        self.referrals[-1] = "accepted" if ev.kwargs["e"]["accepted"] else "declined"

    def meeting(self, ev):
        kind = ev.kwargs["e"]["kind"]
        for o in self.obligations:
            if o.status == "open" and o.kind == "meeting" and o.stage == self.stage and o.meeting == kind:
                o.status = "met"

    def meet_named(self, ev):
        """record / notify naming a duty: the oldest owed one with that id (at `stage`, if
        given); notify by role: every owed notify duty whose target includes the role."""
        e = ev.kwargs["e"]
        name = e.get("obligation")
        if name:
            stage = e.get("stage")
            for o in self.obligations:
                if o.status == "open" and o.id == name and (stage is None or o.stage == stage) and o.kind in ("record", "notify"):
                    o.status = "met"
                    return
        else:
            for o in self.obligations:
                if o.status == "open" and o.kind == "notify" and e["role"] in o.target:
                    o.status = "met"

    def resolve(self, ev):
        for o in self.obligations:
            if o.status == "open":
                o.status = "met" if o.kind == "overall" else "closed"
        self.obligations.append(Duty("outcome_to_hos_qapd", "notify", self.stage, target=["HOS_QAPD"]))

    def withdraw(self, ev):
        for o in self.obligations:
            if o.status == "open":
                o.status = "closed"

    # start_stage / escalation targets
    def starts_at(self, ev):
        return ev.kwargs["e"].get("start_stage", "informal") == ev.transition.dest

    def escalates_to(self, ev):
        e = ev.kwargs["e"]
        if "to" in e:
            return e["to"] == ev.transition.dest
        here = STAGE_IDS.index(ev.transition.source)
        return next(s for s in STAGE_IDS[here + 1:] if s not in OPTIONAL) == ev.transition.dest


def merton_machine() -> Machine:
    states = ["new", "resolved", "withdrawn"] + [{"name": s, "on_enter": "enter_stage"} for s in STAGE_IDS]
    t = []
    for s in STAGE_IDS:
        t.append({"trigger": "raise", "source": "new", "dest": s, "conditions": "starts_at"})
    for i, s in enumerate(STAGE_IDS):
        for later in STAGE_IDS[i + 1:]:
            t.append({"trigger": "escalate", "source": s, "dest": later, "conditions": ["is_running", "escalates_to"],
                      "before": "leave_stage"})
    t += [
        {"trigger": "respond", "source": STAGE_IDS, "dest": None, "after": "respond"},
        {"trigger": "extend", "source": STAGE_IDS, "dest": None, "conditions": "is_running", "after": ["extend", "record_duty"]},
        {"trigger": "pause", "source": STAGE_IDS, "dest": None, "conditions": "is_running", "after": ["pause", "record_duty"]},
        {"trigger": "resume", "source": STAGE_IDS, "dest": None, "conditions": "is_paused", "after": ["resume", "record_duty"]},
        {"trigger": "consult", "source": STAGE_IDS, "dest": None, "after": ["consult", "record_duty"]},
        {"trigger": "meeting", "source": STAGE_IDS, "dest": None, "after": ["meeting", "record_duty"]},
        {"trigger": "refer", "source": STAGE_IDS, "dest": None, "after": ["refer", "record_duty"]},
        {"trigger": "resolve", "source": STAGE_IDS, "dest": "resolved", "after": "resolve"},
        {"trigger": "withdraw", "source": STAGE_IDS, "dest": "withdrawn", "after": "withdraw"},
        {"trigger": "record", "source": "*", "dest": None, "after": "meet_named"},
        {"trigger": "notify", "source": "*", "dest": None, "after": "meet_named"},
        {"trigger": "referral_decision", "source": "*", "dest": None, "after": "referral_decision"},
    ]
    # One machine for every dispute (add_model), as transitions' documentation suggests for many
    # objects of one kind; send_event passes the event dict to the callbacks.
    return Machine(model=None, states=states, transitions=t, initial="new", send_event=True, auto_transitions=False)


def run(machine, events):
    disputes = {}
    for e in events:
        d = disputes.get(e["dispute_id"])
        if d is None:
            d = disputes[e["dispute_id"]] = Dispute()
            machine.add_model(d)
        d.trigger(e["type"], e=e)
    return disputes


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("log", type=pathlib.Path)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--states", type=pathlib.Path)
    ap.add_argument("--holidays", type=pathlib.Path, default=ROOT / "policies" / "bank-holidays.json")
    args = ap.parse_args()
    Dispute.calendar = Calendar(args.holidays)
    events = [json.loads(line) for line in args.log.read_text().splitlines() if line]
    best = float("inf")
    for _ in range(args.repeat):
        machine = merton_machine()
        t0 = time.perf_counter()
        disputes = run(machine, events)
        best = min(best, time.perf_counter() - t0)
    if args.states:
        args.states.write_text(json.dumps({k: [[o.id, o.stage, o.status, None if o.due is None else int(o.due.timestamp())]
                                              for o in d.obligations] for k, d in disputes.items()}))
    print(json.dumps({"events": len(events), "seconds": best, "events_per_second": len(events) / best}))


if __name__ == "__main__":
    main()
