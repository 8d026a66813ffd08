#!/usr/bin/env python3
"""Generates examples/year/<policy>.jsonl: a realistic year of DRP event logs.

A few hundred invented disputes across the five seed authorities, raised through 2025
and followed to resolution, withdrawal or the end of the year: informal challenges that
work, responses that come late or miss the point, escalations (now and then a bypass,
or starting higher), agreed extensions, Merton's "time outs", Cafcass referrals, and the
record/notify duties met mostly on time. Every event is applied to the engine as it is
generated, so the logs are valid under their policies by construction; when a policy
asks for something first (a consultation, legal advice) the simulated IRO does it.

Nothing is real: teams, child references and texts are made up; children recur on
purpose (and teams attract particular concerns) so that recurring themes show.

    PYTHONPATH=build/python /usr/bin/python3 examples/generate_events.py          # the examples
    PYTHONPATH=build/python /usr/bin/python3 examples/generate_events.py \\
        --policy merton --disputes 70000 --out /tmp/big                           # ~1M events

The output depends only on --seed (default 2025), the counts and drp's engine.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import heapq
import json
import pathlib
import random
import re
import sys
import zoneinfo

import drp

LONDON = zoneinfo.ZoneInfo("Europe/London")
YEAR_START = dt.datetime(2025, 1, 2, 9, 0, tzinfo=LONDON)
YEAR_END = dt.datetime(2025, 12, 31, 23, 59, 59, tzinfo=LONDON)

# disputes per authority over the year, and its teams (weights: some teams see more)
AUTHORITIES = {
    "merton": 130,
    "trust-qas": 90,
    "cic-issues-resolution": 80,
    "qa-form": 60,
    "tracked-recommendation": 70,
}
TEAMS = [
    ("Children in Care 1", 9, "care_planning"),
    ("Children in Care 2", 7, "drift_delay"),
    ("Assessment and Intervention", 5, "practice"),
    ("Fostering", 4, "resources"),
    ("Permanence and Adoption", 4, "permanency"),
    ("Leaving Care", 3, "care_planning"),
    ("Disabled Children", 2, "resources"),
    ("Court and Proceedings", 2, "permanency"),
]
CATEGORIES = {"care_planning": 26, "drift_delay": 24, "permanency": 14, "practice": 14, "childs_voice": 12, "resources": 10}
URGENCY = {"standard": 76, "urgent": 19, "imminent_risk": 5}
SUMMARIES = {
    "care_planning": ["Care plan not updated after review", "Contact arrangements in the care plan not implemented",
                      "Review recommendations not actioned", "Health assessment overdue"],
    "drift_delay": ["Permanence planning drifting since last review", "Agreed actions not completed by the date set",
                    "Pathway plan not started", "Delay in completing the sibling assessment"],
    "permanency": ["No permanence plan at the second review", "Special guardianship assessment not commissioned",
                   "Long-term matching delayed"],
    "practice": ["Statutory visits out of timescale", "Child not seen alone at visits", "Records not up to date"],
    "childs_voice": ["Child's wishes about family time not reflected in the plan",
                     "Child not consulted before the placement move", "Advocacy offer not made"],
    "resources": ["Therapeutic support not funded", "Suitable placement not identified", "Education support not in place"],
}
IMPACTS = [
    "Permanence plan agreed and the adoption application made",
    "Sibling family time reinstated fortnightly as the child asked",
    "Life-story work started with the child",
    "Placement stability meeting held and the placement kept",
    "The child's views recorded and acted on at the review",
    "School place found; the child started school within two weeks",
    "CAMHS referral made and first appointment offered",
    "Care plan updated and explained to the child",
    "Pathway plan completed before the young person's 18th birthday",
    "Overdue health assessment completed",
    "Independent visitor allocated",
    "Long-term foster care match confirmed",
    "Special guardianship assessment commissioned",
    "Education, health and care plan reviewed and support restored",
    "Advocate allocated; the child attended the review",
    "Statutory visits brought back into timescale and the child seen alone",
]
WITHDRAW = ["Child returned home to parents", "Child moved to another local authority",
            "Superseded by care proceedings", "Concern addressed through the review"]


@dataclasses.dataclass
class Profile:
    """How an authority's disputes tend to go (probabilities)."""
    resolve_at_stage: tuple = (0.55, 0.45, 0.45, 0.4, 0.35, 0.3, 0.3)  # by position on the ladder
    on_time: float = 0.8           # the response comes by its deadline
    duty_kept: float = 0.9         # a record/notify duty is met at all
    duty_on_time: float = 0.88     # ... and in time
    impact_recorded: float = 0.6   # a resolution records the difference it made
    bypass: float = 0.07
    start_higher: float = 0.05
    extension: float = 0.12
    time_out: float = 0.06
    concurrent_referral: float = 0.015
    withdraw: float = 0.03


PROFILES = {
    "merton": Profile(impact_recorded=0.9, on_time=0.74),
    "trust-qas": Profile(on_time=0.85),
    "cic-issues-resolution": Profile(on_time=0.78, impact_recorded=0.5),
    "qa-form": Profile(on_time=0.7),
    "tracked-recommendation": Profile(resolve_at_stage=(0.65, 0.5, 0.45, 0.4), impact_recorded=0.7),
}


class Simulation:
    """One authority's year."""

    def __init__(self, name: str, count: int, rng: random.Random, prefix: str):
        self.policy = drp.Policy.builtin(name)
        self.doc = json.loads(self.policy.source_text)
        self.name, self.count, self.rng, self.prefix = name, count, rng, prefix
        self.profile = PROFILES[name]
        self.cal = self.policy.calendar
        self.stages = self.doc["stages"]
        rules = [o for s in self.stages for o in s.get("obligations", [])] + self.doc.get("obligations", [])
        self.meeting_kinds = {o["id"]: o.get("meeting") for o in rules}
        self.discretionary = {o["id"] for o in rules if o.get("discretionary")}
        self.children: list[str] = []
        self.events: list[tuple] = []  # (at, sequence, event)
        self.sequence = 0

    # ---- time ------------------------------------------------------------------------------
    def office_time(self, day: dt.date) -> dt.datetime:
        return dt.datetime(day.year, day.month, day.day, self.rng.randint(9, 16), self.rng.choice((0, 10, 20, 30, 40, 50)),
                           tzinfo=LONDON)

    def office(self, t: dt.datetime) -> dt.datetime:
        """The same moment in whole minutes if in office hours (08:30-18:00 on a working day),
        else the next working morning."""
        t = t.astimezone(LONDON).replace(second=0, microsecond=0)
        if self.cal.is_working_day(t.date()) and dt.time(8, 30) <= t.time() <= dt.time(18, 0):
            return t
        day = t.date() if t.time() < dt.time(8, 30) and self.cal.is_working_day(t.date()) else self.cal.next_working_day(t.date())
        return dt.datetime(day.year, day.month, day.day, 9, self.rng.randint(0, 59), tzinfo=LONDON)

    def working_days_after(self, t: dt.datetime, n: int) -> dt.datetime:
        return self.office_time(self.cal.add_working_days(t.astimezone(LONDON).date(), max(n, 1)))

    # ---- one dispute -----------------------------------------------------------------------
    def run(self):
        rng = self.rng
        working_days = [d for d in (YEAR_START.date() + dt.timedelta(n) for n in range(364)) if self.cal.is_working_day(d)]
        for n in range(self.count):
            raised = self.office_time(rng.choice(working_days))
            Dispute(self, f"{self.prefix}-{2025}-{n + 1:04d}", raised).run()
        self.events.sort(key=lambda x: (x[0], x[1]))
        return [e for _, _, e in self.events]

    def pick_child(self) -> str:
        if self.children and self.rng.random() < 0.2:
            return self.rng.choice(self.children)
        ref = f"{self.prefix}C{self.rng.randint(10000, 99999)}"
        self.children.append(ref)
        return ref


class Refused(Exception):
    pass


class Dispute:
    def __init__(self, sim: Simulation, dispute_id: str, raised: dt.datetime):
        self.sim, self.rng, self.id = sim, sim.rng, dispute_id
        self.d = drp.Dispute(sim.policy)
        self.now = raised
        self.pending: list[tuple] = []  # duty events waiting for their time: (at, seq, event)
        self.seq = 0

    # ---- applying --------------------------------------------------------------------------
    def emit(self, event: dict, at: dt.datetime) -> list[dict]:
        """Applies a main-path event at `at` (after any duties due before it)."""
        at = self.sim.office(at)
        self.flush(at)
        at = max(at, self.now)
        if at > YEAR_END:
            raise StopIteration
        event = {"type": event["type"], "at": at.isoformat(), "dispute_id": self.id, **event}
        try:
            actions = self.d.apply(event)
        except drp.Error as e:
            raise Refused(str(e)) from None
        self.now = at
        self.record(event)
        self.duties(actions, at)
        return actions

    def record(self, event: dict) -> None:
        self.sim.sequence += 1
        ordered = {"type": event["type"], "at": event["at"], "dispute_id": self.id}
        ordered.update((k, v) for k, v in event.items() if k not in ordered)
        self.sim.events.append((dt.datetime.fromisoformat(event["at"]), self.sim.sequence, ordered))

    def flush(self, until: dt.datetime) -> None:
        while self.pending and self.pending[0][0] <= until:
            at, _, event = heapq.heappop(self.pending)
            at = max(self.sim.office(at), self.now)
            if at > YEAR_END:
                continue
            event = {**event, "at": at.isoformat()}
            try:
                actions = self.d.apply(event)
            except drp.Error:
                continue  # the duty lapsed (the stage moved on or the dispute closed)
            self.now = at
            self.record(event)
            self.duties(actions, at)

    def duties(self, actions: list[dict], at: dt.datetime) -> None:
        """Schedules the record / notify / meeting / consult duties the actions ask for."""
        p, rng = self.sim.profile, self.rng
        for a in actions:  # schemas/actions.schema.json: a duty arose ("do"), moved, was met or ended
            kind, obligation = a["kind"], a["obligation"]
            # Responses (the stage's and the policy's own of kind response) are met by respond,
            # on the main path; overall, referral and a stage's resolution by resolve and refer.
            if a["action"] != "do" or kind in ("overall", "referral", "response", "resolution"):
                continue
            if rng.random() > p.duty_kept or (obligation in self.sim.discretionary and rng.random() < 0.4):
                continue
            # "Immediately" is due as it arises: done within hours, like a duty with no time.
            due = dt.datetime.fromisoformat(a["due"]) if a["due"] and not a["immediately"] else None
            if due and rng.random() < p.duty_on_time:
                when = at + (due - at) * rng.uniform(0.05, 0.8)
            elif due:
                when = due + dt.timedelta(hours=rng.uniform(2, 60))
            else:
                when = at + dt.timedelta(hours=rng.uniform(0.2, 50))
            if kind == "meeting":
                if not self.sim.meeting_kinds.get(obligation):
                    continue
                event = {"type": "meeting", "kind": self.sim.meeting_kinds[obligation]}
            elif kind == "consult":
                first = (a["target"] or [None])[0]
                role = first["any_of"][0] if isinstance(first, dict) else first
                if not role:
                    continue
                event = {"type": "consult", "role": role, "agreed": True}
            elif kind == "notify":
                event = {"type": "notify", "obligation": obligation, "stage": a["stage"]} if a["stage"] else \
                    {"type": "notify", "obligation": obligation}
            else:  # record, reminder, and response duties other than the stage's response
                event = {"type": "record", "obligation": obligation}
                if a["stage"]:
                    event["stage"] = a["stage"]
            event = {"type": event["type"], "dispute_id": self.id, **event}
            self.seq += 1
            heapq.heappush(self.pending, (when, self.seq, event))

    def attempt(self, candidates: list[tuple[dict, dt.datetime]]) -> bool:
        """Applies the first candidate the policy accepts; meets a missing precondition
        (a consultation, legal advice) when the refusal names one."""
        for event, at in candidates:
            for _ in range(3):
                try:
                    self.emit(dict(event), at)
                    return True
                except Refused as e:
                    needed = re.search(r"no consultation with (\w+)", str(e))
                    if needed:
                        self.emit({"type": "consult", "role": needed.group(1), "agreed": True}, at)
                        at = at + dt.timedelta(minutes=30)
                        continue
                    if "legal advice has not been sought" in str(e):
                        self.emit({"type": "legal_advice"}, at)
                        at = at + dt.timedelta(minutes=30)
                        continue
                    break
        return False

    # ---- the story -------------------------------------------------------------------------
    def stage_info(self) -> tuple[int, dict]:
        k = next(i for i, s in enumerate(self.sim.stages) if s["id"] == self.d.stage)
        return k, self.sim.stages[k]

    def response_due(self) -> dt.datetime | None:
        for o in self.d.state()["obligations"]:
            if o["id"] in ("response", "resolution") and o["stage"] == self.d.stage and o["status"] == "open" \
                    and o["due"]:
                return dt.datetime.fromisoformat(o["due"])
        return None

    def run(self) -> None:
        try:
            self.raise_it()
            while self.d.status == "open":
                self.step()
            self.flush(YEAR_END)
        except StopIteration:
            self.flush(YEAR_END)

    def route_first(self, event: dict) -> str | None:
        """The stage a raise without start_stage opens at (the first whose condition holds)."""
        for extra in ({}, {"due": (self.now + dt.timedelta(days=30)).date().isoformat()}):
            probe = self.d.copy()
            try:
                probe.apply({**event, **extra, "at": self.now.isoformat(), "dispute_id": self.id})
                return probe.stage
            except drp.InvalidEventError:
                continue
        return None

    def raise_it(self) -> None:
        sim, rng, p = self.sim, self.rng, self.sim.profile
        team, _, favourite = rng.choices(TEAMS, weights=[w for _, w, _ in TEAMS])[0]
        category = favourite if rng.random() < 0.35 else rng.choices(list(CATEGORIES), weights=list(CATEGORIES.values()))[0]
        event = {"type": "raise", "by": "IRO", "child_ref": sim.pick_child(), "team": team, "category": category,
                 "urgency": rng.choices(list(URGENCY), weights=list(URGENCY.values()))[0],
                 "summary": rng.choice(SUMMARIES[category])}
        if sim.name == "qa-form" and rng.random() < 0.12:
            event["cross_council"] = True
        rules = sim.doc["rules"]
        start = None
        if rules["start_above_first"]["allowed"] and rng.random() < p.start_higher:
            formal = [s for s in sim.stages if s["kind"] == "formal"][:2]
            start = rng.choice(formal)
            if start["id"] != self.route_first(event):  # else it is not starting higher
                event["start_stage"] = start["id"]
                event["start_reason"] = "The team manager has no authority to agree the resources needed"
        # Which stage will it open at? Ask the engine on a copy, then agree a date if it runs to one.
        probe = self.d.copy()
        try:
            probe.apply({**event, "at": self.now.isoformat(), "dispute_id": self.id})
            timescale = next(s for s in sim.stages if s["id"] == probe.stage)["timescale"]
            agree = "agreed" in timescale and rng.random() < 0.7
        except drp.InvalidEventError as e:
            if '"due"' not in str(e):
                raise
            agree = True  # the stage runs to a date the IRO must agree
        if agree:
            event["due"] = self.sim.cal.add_working_days(self.now.date(), rng.choice((5, 7, 10, 15))).isoformat()
        if not self.attempt([(event, self.now)]):
            raise RuntimeError(f"{self.id}: the raise was refused")
        ref = rules["referral"]
        if ref["allowed"] and ref.get("concurrent_allowed") and rng.random() < p.concurrent_referral:
            self.attempt([({"type": "refer", "to": "cafcass", "concurrent": True}, self.now + dt.timedelta(hours=3))])

    def step(self) -> None:
        sim, rng, p = self.sim, self.rng, self.sim.profile
        k, stage = self.stage_info()
        entered = self.now
        if stage["kind"] == "referral":
            return self.referral_stage()
        if self.d.state()["referrals"] and self.d.state()["referrals"][-1]["status"] == "referred" and rng.random() < 0.5:
            self.attempt([({"type": "referral_decision", "accepted": rng.random() < 0.5}, self.working_days_after(5, 20))])
        if rng.random() < p.withdraw:
            self.emit({"type": "withdraw", "reason": rng.choice(WITHDRAW)}, self.working_days_after(1, 12))
            return
        rules = sim.doc["rules"]
        pause = rules["pause"]
        if pause["allowed"] and stage["kind"] in pause.get("kinds", [stage["kind"]]) and rng.random() < p.time_out:
            self.emit({"type": "pause", "approved_by": pause["approved_by"][0],
                       "reason": "Waiting for the new social worker to meet the child"}, self.working_days_after(1, 2))
            self.emit({"type": "resume"}, self.working_days_after(4, 15))
        due = self.response_due()
        ladder = sim.doc["stages"]
        resolve_p = p.resolve_at_stage[min(k, len(p.resolve_at_stage) - 1)]
        if due is None:  # no timescale: the responder answers in their own time
            answer = self.working_days_after(2, 15)
            late = False
        else:
            ext = rules["extension"]
            if ext["allowed"] and (not ext.get("stages") or stage["id"] in ext["stages"]) and rng.random() < p.extension:
                until = self.sim.cal.add_working_days(due.date(), rng.choice((3, 5, 10)))
                before = max(self.now + dt.timedelta(hours=1), due - dt.timedelta(hours=rng.uniform(1, 20)))
                if self.attempt([({"type": "extend", "until": until.isoformat(), "agreed_by": ext["agreed_by"][0]}, before)]):
                    due = self.response_due() or due
            late = rng.random() > p.on_time
            if late:
                answer = due + dt.timedelta(hours=rng.uniform(6, 24 * 8))
            else:
                span = max((due - self.now).total_seconds(), 3600)
                answer = self.now + dt.timedelta(seconds=span * rng.uniform(0.2, 0.98))
        if rng.random() < resolve_p:  # this level sorts it out
            if rng.random() < 0.85:
                self.emit({"type": "respond", "adequate": True}, answer)
            self.resolve(self.working_days_after(0, 4, after=max(answer, self.now)))
            return
        # not resolved here: no response, or one that misses the point
        silent = due is not None and rng.random() < 0.25
        if silent:
            at = due + dt.timedelta(hours=rng.uniform(2, 72))
            reasons = ["no_response", "not_resolved", "discretion"]
        else:
            self.emit({"type": "respond", "adequate": False}, answer)
            at = self.working_days_after(0, 3, after=self.now)
            reasons = ["inadequate_response", "not_resolved", "discretion"]
        if not self.escalate(k, reasons, at):
            self.resolve(self.working_days_after(2, 10, after=at))

    def escalate(self, k: int, reasons: list[str], at: dt.datetime) -> bool:
        sim, rng = self.sim, self.rng
        above = [s for s in sim.stages[k + 1:]]
        if not above:
            return False
        required = [s for s in above if not s.get("optional")]
        candidates = []
        if sim.doc["rules"]["bypass"]["allowed"] and len(required) > 1 and rng.random() < sim.profile.bypass:
            for reason in reasons:
                candidates.append(({"type": "escalate", "reason": reason, "to": required[1]["id"],
                                    "note": "Bypass: the concern is significant and needs a senior decision"}, at))
        hold_meeting = above[0].get("optional") and rng.random() < 0.3
        for reason in reasons:
            if hold_meeting:
                candidates.append(({"type": "escalate", "reason": reason}, at))
            if required:
                candidates.append(({"type": "escalate", "reason": reason, "to": required[0]["id"]}, at))
            candidates.append(({"type": "escalate", "reason": reason}, at))
        return self.attempt(candidates)

    def referral_stage(self) -> None:
        rng = self.rng
        state = self.d.state()
        if not state["referrals"] or state["referrals"][-1]["status"] != "referred":
            if state["referrals"] and state["referrals"][-1]["status"] == "accepted":
                return self.resolve(self.working_days_after(5, 30))
            if not self.attempt([({"type": "refer", "to": "cafcass", "concurrent": False}, self.working_days_after(1, 3))]):
                return self.resolve(self.working_days_after(3, 15))
        accepted = rng.random() < 0.6
        self.emit({"type": "referral_decision", "accepted": accepted}, self.working_days_after(5, 25))
        if accepted or rng.random() < 0.6:
            self.resolve(self.working_days_after(5, 30))
        else:
            self.emit({"type": "withdraw", "reason": "Cafcass declined; concern pursued through the review"},
                      self.working_days_after(2, 10))

    def resolve(self, at: dt.datetime) -> None:
        event = {"type": "resolve", "summary": "Agreed actions completed"}
        # A policy with reporting.impact_required (Merton) refuses a resolution without it.
        required = self.sim.doc.get("reporting", {}).get("impact_required", False)
        if self.rng.random() < self.sim.profile.impact_recorded or required:
            event["impact"] = self.rng.choice(IMPACTS)
        self.emit(event, at)

    def working_days_after(self, lo: int, hi: int = None, after: dt.datetime = None) -> dt.datetime:
        n = lo if hi is None else self.rng.randint(lo, hi)
        base = after or self.now
        if n == 0:
            return max(base + dt.timedelta(hours=self.rng.uniform(1, 6)), base)
        return max(self.sim.working_days_after(base, n), base)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--out", type=pathlib.Path, default=pathlib.Path(__file__).resolve().parent / "year")
    ap.add_argument("--policy", action="append", choices=list(AUTHORITIES), help="only these (repeatable)")
    ap.add_argument("--disputes", type=int, help="disputes per authority (default: the examples' counts)")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    prefixes = {"merton": "MER", "trust-qas": "TQS", "cic-issues-resolution": "CIC", "qa-form": "QAF",
                "tracked-recommendation": "TRK"}
    for name in args.policy or AUTHORITIES:
        rng = random.Random(f"{args.seed}:{name}")
        events = Simulation(name, args.disputes or AUTHORITIES[name], rng, prefixes[name]).run()
        path = args.out / f"{name}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for e in events:
                f.write(json.dumps(e, ensure_ascii=False, separators=(",", ":")) + "\n")
        print(f"{path}: {len(events)} events, {args.disputes or AUTHORITIES[name]} disputes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
