"""Test oracle for applying events to a dispute (docs/events-and-state.md).

The C++ engine is the authority; this module restates the rules of
docs/events-and-state.md in plain Python so that the example logs in examples/events/ are
checked to be permitted, their end states in examples/events/expected.json are computed
rather than only worked out by hand, and tests/fixtures/states/ is a state the rules
really produce. It covers the policy features the seed policies use; JSON Logic is
limited to the operators the seeds' conditions need.

    d = Dispute(policy, Calendar.load(division))
    d.apply(event)            # raises Refused(code, message) and leaves d unchanged
    d.state(at=None)          # dict shaped as schemas/dispute-state.schema.json
"""
from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
LONDON = ZoneInfo("Europe/London")
DAY_END = dt.time(23, 59, 59)
END_WITH_STAGE = {"response", "resolution", "meeting", "consult", "reminder"}  # kinds owed only while at their stage
MET_BY_NAME = {"record", "notify", "reminder"}  # kinds record/notify events name


class Refused(Exception):
    """An event the engine must reject; `code` is the drp error code."""

    def __init__(self, code: str, message: str):
        super().__init__(f"[drp.{code}] {message}")
        self.code = code


# ---- calendar and time ------------------------------------------------------------------

class Calendar:
    """Working days of one UK division from policies/bank-holidays.json (DESIGN.md 4.1)."""

    def __init__(self, holidays: dict[dt.date, dict]):
        self.holidays = holidays  # date -> the GOV.UK event (title, notes)

    @classmethod
    def load(cls, division: str = "england-and-wales") -> "Calendar":
        data = json.loads((ROOT / "policies" / "bank-holidays.json").read_text(encoding="utf-8"))
        return cls({dt.date.fromisoformat(e["date"]): e for e in data[division]["events"]})

    def is_working_day(self, d: dt.date) -> bool:
        return d.weekday() < 5 and d not in self.holidays

    def add_working_days(self, d: dt.date, n: int) -> dt.date:
        """n > 0: the n-th working day strictly after d; n == 0: d."""
        assert n >= 0
        while n:
            d += dt.timedelta(days=1)
            n -= self.is_working_day(d)
        return d

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """Working days x with a < x <= b (negative when b < a)."""
        if b < a:
            return -self.working_days_between(b, a)
        return sum(self.is_working_day(a + dt.timedelta(days=i)) for i in range(1, (b - a).days + 1))

    def skipped(self, a: dt.date, b: dt.date) -> list[dict]:
        """Holidays on weekdays x with a < x <= b."""
        return [{"date": d.isoformat(), "name": e["title"]} for d, e in sorted(self.holidays.items())
                if a < d <= b and d.weekday() < 5]


def parse_instant(text: str) -> dt.datetime:
    """RFC 3339 with offset; the fraction is truncated (the engine works in whole seconds)."""
    head, _, rest = text.partition(".")
    if rest:  # drop the fraction, keep the offset
        offset = rest.lstrip("0123456789")
        text = head + offset
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(dt.timezone.utc)


def local(t: dt.datetime) -> str:
    return t.astimezone(LONDON).isoformat()


def local_date(t: dt.datetime) -> dt.date:
    return t.astimezone(LONDON).date()


def end_of_day(d: dt.date, day_end: dt.time) -> dt.datetime:
    return dt.datetime.combine(d, day_end, LONDON).astimezone(dt.timezone.utc)


def fmt_day(d: dt.date) -> str:
    return f"{d:%a} {d.day} {d:%b %Y}"


# ---- conditions (the JSON Logic the seeds use) ----------------------------------------------

def evaluate(expr, facts: dict):
    if isinstance(expr, list):
        return [evaluate(e, facts) for e in expr]
    if not isinstance(expr, dict):
        return expr
    (op, args), = expr.items()
    if op == "var":
        name = args[0] if isinstance(args, list) else args
        return facts[name]
    args = args if isinstance(args, list) else [args]
    values = [evaluate(a, facts) for a in args]
    ops = {
        "==": lambda a, b: a == b, "===": lambda a, b: a == b,
        "!=": lambda a, b: a != b, "!==": lambda a, b: a != b,
        "<": lambda a, b: a < b, "<=": lambda a, b: a <= b,
        ">": lambda a, b: a > b, ">=": lambda a, b: a >= b,
        "in": lambda a, b: a in b, "!": lambda a: not a, "!!": lambda a: bool(a),
    }
    if op == "and":
        return all(values)
    if op == "or":
        return any(values)
    if op in ops:
        return ops[op](*values)
    raise NotImplementedError(f"operator {op!r} is not in this oracle")


# ---- the dispute -------------------------------------------------------------------------

class Dispute:
    def __init__(self, policy: dict, calendar: Calendar):
        self.policy = policy
        self.cal = calendar
        self.rules = policy["rules"]
        if "referral" not in self.rules:  # silent is not a prohibition: Regulation 45 for IROs
            iro = "IRO" in policy["applies_to"]
            self.rules = {**self.rules, "referral": {"allowed": iro, "at_any_point": iro, "concurrent_allowed": iro}}
        self.stage_index = {s["id"]: i for i, s in enumerate(policy["stages"])}
        cob = policy.get("close_of_business")
        self.day_end = dt.time.fromisoformat(cob) if cob else DAY_END
        self.s = {
            "dispute_id": None, "policy": {"id": policy["id"], "version": policy["version"]},
            "status": "new", "as_of": None, "paused": False, "pause": None, "stage": None,
            "stage_entered_at": None, "entry": None, "max_level": None, "urgency": None,
            "category": None, "cross_council": None, "child_ref": None, "referrals": [],
            "legal_advice": None, "consulted": [], "history": [], "obligations": [],
            "moves": [],  # moves between policy versions (drp_dispute_migrate): the oracle never moves
        }
        # What replay needs besides the serialised fields (derivable from history).
        self.x = {"last_at": None, "visits": [], "unit": {}, "told": {}}

    # -- public --------------------------------------------------------------------------

    def apply(self, event: dict) -> None:
        saved = copy.deepcopy((self.s, self.x))
        try:
            self._apply(event)
        except Exception:
            self.s, self.x = saved
            raise

    def state(self, at: str | None = None) -> dict:
        if at is None:
            out = copy.deepcopy(self.s)
            out["next_due"] = self.next_due()
            return out
        other = Dispute.__new__(Dispute)
        other.__dict__.update(self.__dict__)
        other.s, other.x = copy.deepcopy((self.s, self.x))
        t = parse_instant(at)
        if self.x["last_at"] and t < self.x["last_at"]:
            raise Refused("out_of_order", "cannot evaluate before the last applied event")
        other.s["next_due"] = self.next_due()  # of the stored statuses: as_of does not change it
        other._advance(t)
        other.s["as_of"] = local(t)
        return other.s

    def next_due(self) -> str | None:
        """The earliest deadline an open duty can pass (docs/events-and-state.md): not
        discretionary or immediate, and not stopped by a time out in force."""
        since = parse_instant(self.s["pause"]["since"]) if self.s["paused"] else None
        dues = [parse_instant(o["due"]) for o in self.s["obligations"]
                if self.owed(o) and o["due"] and not o["discretionary"] and not o["immediately"]]
        dues = [d for d in dues if since is None or d < since]
        return local(min(dues)) if dues else None

    # -- helpers ---------------------------------------------------------------------------

    def stage_def(self, sid: str | None = None) -> dict:
        return self.policy["stages"][self.stage_index[sid or self.s["stage"]]]

    def facts(self, stage: dict, entry: dict | None = None, max_level=None) -> dict:
        s = self.s
        entry = entry or s["entry"]
        last = s["referrals"][-1] if s["referrals"] else None
        return {
            "urgency": s["urgency"], "category": s["category"], "cross_council": s["cross_council"],
            "stage.id": stage["id"], "stage.level": stage["level"], "stage.kind": stage["kind"],
            "stage.optional": stage.get("optional", False),
            "entry.reason": entry["reason"], "entry.bypass": entry["bypass"], "entry.from": entry["from"],
            "max_level": s["max_level"] if max_level is None else max_level,
            "consulted": sorted({c["role"] for c in s["consulted"]}),
            "legal_advice": s["legal_advice"] is not None,
            "referral.status": last["status"] if last else "none",
            "referral.concurrent": last["concurrent"] if last else False,
            "paused": s["paused"],
            "case_type": s.get("case_type"), "raised_by": self.x.get("raised_by"),
        }

    def holds(self, thing: dict, facts: dict) -> bool:
        return "when" not in thing or bool(evaluate(thing["when"], facts))

    def owed(self, o: dict) -> bool:
        return o["status"] in ("open", "overdue")

    def duties(self, **match):
        return [(i, o) for i, o in enumerate(self.s["obligations"])
                if self.owed(o) and all(o[k] == v for k, v in match.items())]

    def response(self):
        """Index and duty of the current stage's response or resolution clock (any status),
        or (None, None)."""
        for i in range(len(self.s["obligations"]) - 1, -1, -1):
            o = self.s["obligations"][i]
            if o["id"] in ("response", "resolution") and o["kind"] in ("response", "resolution") \
                    and o["stage"] == self.s["stage"]:
                return i, o  # stages are entered at most once: escalation only goes forward
        return None, None

    def compute(self, rule: dict | None, start: dt.datetime):
        """(due, due_date, unit, skipped) for a duration, or an agreed date/instant."""
        if rule is None:
            return None, None, None, []
        if "agreed" in rule:
            return self.until(rule["agreed"]) + ([],)
        (unit, n), = rule.items()
        if unit == "hours":
            return start + dt.timedelta(hours=n), None, "seconds", []
        d = local_date(start)
        if unit == "calendar_days":
            day = d + dt.timedelta(days=n)
            return end_of_day(day, self.day_end), day, "calendar_days", []
        day = self.cal.add_working_days(d, n)
        return end_of_day(day, self.day_end), day, "working_days", self.cal.skipped(d, day)

    def until(self, text: str):
        """(due, due_date, unit) for an agreed or extended date or instant."""
        if "T" in text:
            return parse_instant(text), None, "seconds"
        day = dt.date.fromisoformat(text)
        return end_of_day(day, self.day_end), day, "working_days"

    def check_until(self, text: str, at: dt.datetime, field: str) -> None:
        due, day, _ = self.until(text)
        if (day is not None and day < local_date(at)) or (day is None and due <= at):
            raise Refused("invalid_event", f"{field} {text} lies before the event")

    def text(self, rule, start: dt.datetime, due, day, skipped) -> str:
        if rule is None:
            return "No time is stated."
        if "immediately" in rule:
            return "Due immediately."
        if "agreed" in rule:
            return f"Agreed date {rule['agreed']}."
        (unit, n), = rule.items()
        words = unit.replace("_", " ") if n != 1 else unit.replace("_", " ")[:-1]
        if unit == "hours":
            return f"{n} {words} from {local(start)} is {local(due)}."
        out = f"{n} {words} from {fmt_day(local_date(start))} is {fmt_day(day)}"
        if skipped:
            out += "; skipped " + ", ".join(self.day_name(h) for h in skipped)
        return out + f"; due at {self.day_end.isoformat()} local time."

    def day_name(self, skipped: dict) -> str:
        day = dt.date.fromisoformat(skipped["date"])
        note = self.cal.holidays[day]["notes"]
        return f"{fmt_day(day)} ({skipped['name']}{', ' + note.lower() if note else ''})"

    # -- creating, meeting and closing duties ---------------------------------------------

    def create(self, *, id, kind, stage, role, target, system, trigger, event, start,
               rule, source, discretionary=False, guidance=False, created=None) -> int:
        immediately = rule == {"immediately": True}
        if immediately:
            due, day, unit, skipped = start, None, None, []
        else:
            due, day, unit, skipped = self.compute(rule, start)
        o = {
            "id": id, "kind": kind, "stage": stage, "role": list(role),
            "target": copy.deepcopy(target) if target else None, "system": system,
            "created_at": local(created or start),
            "due": local(due) if due else None, "due_date": day.isoformat() if day else None,
            "status": "open", "discretionary": discretionary, "immediately": immediately,
            "guidance": guidance, "met_at": None, "closed_at": None,
            "explain": {
                "source": source, "trigger": trigger, "event": event, "start": local(start),
                "rule": rule, "day_end": self.day_end.isoformat() if day else None,
                "skipped": skipped, "pauses": [], "extensions": [],
                "text": self.text(rule, start, due, day, skipped),
            },
        }
        self.s["obligations"].append(o)
        index = len(self.s["obligations"]) - 1
        self.x["unit"][index] = unit
        return index

    def create_from_policy(self, rule: dict, source: str, stage: dict, trigger: str,
                           event: int | None, start: dt.datetime, created: dt.datetime) -> None:
        if "immediately" in rule:
            timing = {"immediately": True}
        else:
            timing = rule.get("within")
        self.create(id=rule["id"], kind=rule["kind"], stage=stage["id"], role=rule["role"],
                    target=rule.get("target"), system=rule.get("system"), trigger=trigger,
                    event=event, start=start, rule=timing, source=source,
                    discretionary=rule.get("discretionary", False), created=created)

    def triggered(self, trigger: str, event: int | None, start: dt.datetime,
                  event_type: str | None = None) -> None:
        """Stage then global obligations of this trigger at the current stage."""
        stage = self.stage_def()
        facts = self.facts(stage)
        i = self.stage_index[stage["id"]]
        scoped = [(f"/stages/{i}/obligations/{j}", r) for j, r in enumerate(stage.get("obligations", []))]
        scoped += [(f"/obligations/{j}", r) for j, r in enumerate(self.policy.get("obligations", []))]
        for source, rule in scoped:
            if rule["from"] != trigger or not self.holds(rule, facts):
                continue
            if trigger == "event" and event_type not in rule["events"]:
                continue
            begin = start
            if trigger == "stage_entry" and rule.get("from_stage"):
                earlier = [t for sid, t in self.x["visits"] if sid == rule["from_stage"]]
                begin = earlier[-1] if earlier else start
            self.create_from_policy(rule, source, stage, trigger, event, begin, start)
            if trigger == "response_due":  # due when the response is, and moved with it
                self.follow_response(len(self.s["obligations"]) - 1)

    def follow_response(self, index: int) -> None:
        i, resp = self.response()
        o = self.s["obligations"][index]
        o["due"], o["due_date"] = resp["due"], resp["due_date"]
        o["explain"]["day_end"] = resp["explain"]["day_end"]
        self.x["unit"][index] = self.x["unit"][i]

    def finish(self, index: int, status: str, at: dt.datetime) -> None:
        o = self.s["obligations"][index]
        o["status"] = status
        o["met_at" if status == "met" else "closed_at"] = local(at)
        for p in o["explain"]["pauses"]:
            if p["to"] is None:
                p["to"] = local(at)

    def tell(self, kind: str, role: str, at: dt.datetime) -> None:
        """A notify (kind notify) or consult (kind consult) event reached `role`."""
        for i, o in self.duties(kind=kind):
            told = self.x["told"].setdefault(i, set())
            for n, r in enumerate(o["target"] or []):
                if r == role or (isinstance(r, dict) and role in r["any_of"]):
                    told.add(n)
            if o["target"] and len(told) == len(o["target"]):
                self.finish(i, "met", at)

    def meet_named(self, event: dict, at: dt.datetime) -> int:
        name, stage = event["obligation"], event.get("stage")
        known = self.defined_ids()
        if name not in known:
            raise Refused("invalid_event", f"the policy defines no obligation '{name}'")
        for i, o in self.duties(id=name):
            if o["kind"] in MET_BY_NAME and (stage is None or o["stage"] == stage):
                if event.get("role") and not any(
                        r == event["role"] or (isinstance(r, dict) and event["role"] in r["any_of"])
                        for r in o["target"] or []):
                    raise Refused("not_permitted", f"'{event['role']}' is not a target of '{name}'")
                self.finish(i, "met", at)
                return i
        raise Refused("not_permitted", f"no open duty '{name}'")

    def defined_ids(self) -> set[str]:
        ids = {r["id"] for r in self.policy.get("obligations", [])}
        first = lambda r: r if isinstance(r, str) else r["any_of"][0]
        for s in self.policy["stages"]:
            ids |= {r["id"] for r in s.get("obligations", [])}
            ids |= {f"{field}.{first(r)}" for field in ("notify", "copy") for r in s.get(field, [])}
        ids |= {f"informs.{first(r)}" for r in self.rules["referral"].get("informs", [])}
        return ids

    # -- time ------------------------------------------------------------------------------

    def _advance(self, t: dt.datetime) -> None:
        """Evaluate as of t: mark overdue duties. While paused nothing becomes overdue; a
        clock that ran out before the time out was not stopped and stays overdue."""
        since = parse_instant(self.s["pause"]["since"]) if self.s["paused"] else None
        for o in self.s["obligations"]:
            if self.owed(o):
                late = (o["due"] and not o["discretionary"] and not o["immediately"]
                        and t > parse_instant(o["due"])
                        and (since is None or parse_instant(o["due"]) < since))
                o["status"] = "overdue" if late else "open"

    # -- the events -----------------------------------------------------------------------

    def _apply(self, e: dict) -> None:
        s = self.s
        at = parse_instant(e["at"])
        if s["dispute_id"] is not None and e["dispute_id"] != s["dispute_id"]:
            raise Refused("invalid_event", "event of another dispute")
        if self.x["last_at"] and at < self.x["last_at"]:
            raise Refused("out_of_order", f"{e['at']} is earlier than the last event applied")
        for key in ("by", "agreed_by", "approved_by", "role"):
            if key in e and e[key] not in self.policy["roles"]:
                raise Refused("invalid_event", f"role '{e[key]}' is not defined in the policy")
        for role in e.get("judged_by", []):
            if role not in self.policy["roles"]:
                raise Refused("invalid_event", f"judged_by: role '{role}' is not defined in the policy")
        for key in ("start_stage", "to", "stage"):
            if key in e and e["type"] != "refer" and e[key] not in self.stage_index:
                raise Refused("unknown_stage", f"stage '{e[key]}' is not defined in the policy")
        # Names the policy does not define come before the type's own preconditions.
        if e["type"] == "raise":
            if e.get("policy_version", self.policy["version"]) != self.policy["version"]:
                raise Refused("invalid_event", "policy_version does not match the policy")
            if "categories" in self.policy and e["category"] not in self.policy["categories"]:
                raise Refused("invalid_event", f"category '{e['category']}' is not in the policy")
        if e["type"] in ("record", "notify") and "obligation" in e and e["obligation"] not in self.defined_ids():
            raise Refused("invalid_event", f"the policy defines no obligation '{e['obligation']}'")
        if e["type"] == "consult" and s["status"] == "new" and not self.consult_before_raise(e["role"]):
            raise Refused("not_permitted", "a consult before the raise is only for a start stage's consultation")
        if e["type"] not in ("raise", "consult") and s["status"] == "new":
            raise Refused("not_permitted", "the dispute has not been raised")
        if s["dispute_id"] is None:
            s["dispute_id"] = e["dispute_id"]
        after_end = {"record", "notify", "referral_decision", "other_route_ended"}
        if s["status"] in ("resolved", "withdrawn") and e["type"] not in after_end:
            raise Refused("not_permitted", f"the dispute is {s['status']}")
        self._advance(at)
        index = len(s["history"])
        s["history"].append(copy.deepcopy(e))
        getattr(self, "on_" + e["type"])(e, at, index)
        if s["status"] == "open":
            self.triggered("event", index, at, e["type"])
        self.x["last_at"] = at
        s["as_of"] = local(at)
        self._advance(at)

    def enter(self, stage: dict, e: dict, at: dt.datetime, index: int, entry: dict) -> None:
        s = self.s
        cap = self.rules.get("overall_cap")
        for i, o in self.duties(id="overall"):
            if stage["kind"] not in cap["kinds"]:
                self.finish(i, "met", at)
        s["stage"], s["stage_entered_at"], s["entry"] = stage["id"], local(at), entry
        s["max_level"] = max(stage["level"], s["max_level"] or 0)
        self.x["visits"].append((stage["id"], at))
        self.x["entered_index"] = index
        i = self.stage_index[stage["id"]]
        ts = stage["timescale"]
        if stage["responder"] or "none" not in ts:
            if "none" in ts:
                rule = None
            elif "by_urgency" in ts:
                rule = ts["by_urgency"].get(s["urgency"], ts.get("default"))
            elif "agreed" in ts:
                rule = {"agreed": e["due"]} if "due" in e else ts.get("default")
            else:
                rule = ts
            clock = stage.get("timescale_for", "response")  # a resolution clock: met only by resolve
            self.create(id=clock, kind=clock, stage=stage["id"], role=stage["responder"],
                        target=None, system=None, trigger="stage_entry", event=index, start=at,
                        rule=rule, source=f"/stages/{i}/timescale",
                        guidance=self.rules.get("timescales", {}).get("guidance", False))
        for field in ("notify", "copy"):
            for j, r in enumerate(stage.get(field, [])):
                first = r if isinstance(r, str) else r["any_of"][0]
                self.create(id=f"{field}.{first}", kind="notify", stage=stage["id"],
                            role=stage["raised_by"], target=[r], system=None, trigger="stage_entry",
                            event=index, start=at, rule=None, source=f"/stages/{i}/{field}/{j}")
        self.triggered("stage_entry", index, at)
        self.triggered("response_due", index, at)
        started = any(o["id"] == "overall" for o in s["obligations"])
        if cap and stage["kind"] in cap["kinds"] and not started:
            self.create(id="overall", kind="overall", stage=stage["id"], role=[], target=None,
                        system=None, trigger="stage_entry", event=index, start=at,
                        rule=cap["within"], source="/rules/overall_cap")
        ref = self.rules["referral"]
        if stage["kind"] == "referral" and ref.get("within") and not ref.get("preconditions"):
            self.referral_duty(at, index, "stage_entry")

    def referral_duty(self, at, index, trigger) -> None:
        self.create(id="referral", kind="referral", stage=self.s["stage"],
                    role=self.policy["applies_to"], target=None, system=None, trigger=trigger,
                    event=index, start=at, rule=self.rules["referral"]["within"],
                    source="/rules/referral/within")

    def consult_before_raise(self, role: str) -> bool:
        """Whether a stage a dispute may start at requires consulting `role` on a raise."""
        start = self.rules["start_above_first"]
        for k, st in enumerate(self.policy["stages"]):
            may_start = k == 0 or "when" in st or (start["allowed"] and st["id"] in start.get("stages", [st["id"]]))
            for p in st.get("requires", []) if may_start else []:
                if p.get("consult") == role and "start_above_first" in p.get("only_when", ["start_above_first"]):
                    return True
        return False

    def preconditions_met(self, items: list[dict], way: str | None = None) -> bool:
        """Whether `items` are met for an entry `way` ("start_above_first", "bypass" or
        None): a precondition with only_when applies only to the ways it lists."""
        for p in items:
            if "only_when" in p and way not in p["only_when"]:
                continue
            if "legal_advice" in p and self.s["legal_advice"] is None:
                return False
            if "consult" in p and not any(
                    c["role"] == p["consult"] and (c["agreed"] is True or not p.get("agreement"))
                    for c in self.s["consulted"]):
                return False
        return True

    def after_precondition_event(self, was_met: bool, at, index) -> None:
        ref = self.rules["referral"]
        if self.s["stage"] is not None and ref.get("allowed") and ref.get("preconditions") and ref.get("within") and not was_met \
                and self.preconditions_met(ref["preconditions"]):
            self.referral_duty(at, index, "preconditions_met")

    def bypassed(self, current: dict, target: dict, e: dict) -> bool:
        if "next" in current:
            return target["id"] not in current["next"]
        lo, hi = self.stage_index[current["id"]], self.stage_index[target["id"]]
        for between in self.policy["stages"][lo + 1:hi]:
            entry = {"reason": e["reason"], "from": current["id"], "bypass": False}
            if not between.get("optional") and self.holds(between, self.facts(between, entry, self.s["max_level"])):
                return True
        return False

    def check_due(self, stage: dict, e: dict, at) -> None:
        ts = stage["timescale"]
        if "agreed" in ts:
            if ts.get("required") and "due" not in e:
                raise Refused("invalid_event", f"'{stage['id']}' needs an agreed due date")
            if "due" in e:
                self.check_until(e["due"], at, "due")
        elif "due" in e:
            raise Refused("invalid_event", f"'{stage['id']}' has no agreed timescale")

    def on_raise(self, e, at, index):
        s = self.s
        if any(h["type"] == "raise" for h in s["history"][:-1]):
            raise Refused("not_permitted", "the dispute has already been raised")
        s.update(dispute_id=e["dispute_id"], status="open", urgency=e["urgency"],
                 category=e["category"], cross_council=e.get("cross_council", False),
                 child_ref=e["child_ref"])
        if e.get("case_type"):
            if self.policy.get("case_types") and e["case_type"] not in self.policy["case_types"]:
                raise Refused("invalid_event", f"case_type '{e['case_type']}' is not in the policy")
            s["case_type"] = e["case_type"]
        self.x["raised_by"] = e.get("by")
        entry = {"reason": "raise", "from": None, "bypass": False}
        route = [st for st in self.policy["stages"] if self.holds(st, self.facts(st, entry, st["level"]))]
        if not route:
            raise Refused("not_permitted", "no stage's condition holds for this dispute")
        stage = route[0]
        if e.get("start_stage", stage["id"]) != stage["id"]:
            wanted = self.stage_def(e["start_stage"])
            rule = self.rules["start_above_first"]
            if self.stage_index[wanted["id"]] < self.stage_index[stage["id"]]:
                raise Refused("not_permitted", "the start stage lies before the first stage on the route")
            if not rule["allowed"] or wanted["id"] not in rule.get("stages", [wanted["id"]]):
                raise Refused("not_permitted", f"starting at '{wanted['id']}' is not allowed")
            if not self.holds(wanted, self.facts(wanted, entry, wanted["level"])):
                raise Refused("not_permitted", f"'{wanted['id']}' cannot be a start stage")
            if rule.get("requires_reason") and "start_reason" not in e:
                raise Refused("invalid_event", "starting higher needs a start_reason")
            stage = wanted
        elif "start_reason" in e:
            raise Refused("invalid_event", "start_reason without starting higher")
        if "by" in e and e["by"] not in stage["raised_by"]:
            raise Refused("not_permitted", f"'{e['by']}' does not raise '{stage['id']}'")
        higher = stage["id"] != route[0]["id"]
        if not self.preconditions_met(stage.get("requires", []), "start_above_first" if higher else None):
            raise Refused("not_permitted", f"'{stage['id']}' requires an earlier consultation")
        self.check_due(stage, e, at)
        s["entry"] = entry  # facts of dispute_raised duties see the start stage
        s["stage"], s["max_level"] = stage["id"], stage["level"]
        s["stage_entered_at"] = local(at)
        self.triggered("dispute_raised", index, at)
        self.enter(stage, e, at, index, entry)

    def on_escalate(self, e, at, index):
        s = self.s
        if s["paused"]:
            raise Refused("not_permitted", "the dispute is paused")
        last = s["referrals"][-1] if s["referrals"] else None
        if last and not last["concurrent"] and last["status"] != "declined":
            raise Refused("not_permitted", "a non-concurrent referral is pending or accepted")
        routes = s.get("other_routes", [])
        if routes and routes[-1]["ended_at"] is None:
            raise Refused("not_permitted", "another route is being taken instead of escalation")
        current = self.stage_def()
        reason = self.rules["escalation"]["reasons"].get(e["reason"])
        if reason is None or current["id"] not in reason.get("stages", [current["id"]]):
            raise Refused("not_permitted", f"'{e['reason']}' is not allowed from '{current['id']}'")
        lo = self.stage_index[current["id"]]
        if "to" in e:
            target = self.stage_def(e["to"])
            if self.stage_index[target["id"]] <= lo:
                raise Refused("not_permitted", "escalation goes to a later stage only")
        elif "next" in current:
            if not current["next"]:
                raise Refused("not_permitted", f"no escalation from '{current['id']}'")
            target = self.stage_def(current["next"][0])
        else:
            target = None
            for st in self.policy["stages"][lo + 1:]:
                entry = {"reason": e["reason"], "from": current["id"], "bypass": False}
                if not st.get("optional") and self.holds(st, self.facts(st, entry, max(s["max_level"], st["level"]))):
                    target = st
                    break
            if target is None:
                raise Refused("not_permitted", f"no stage after '{current['id']}'")
        bypass = self.bypassed(current, target, e)
        entry = {"reason": e["reason"], "from": current["id"], "bypass": bypass}
        if not self.holds(target, self.facts(target, entry, max(s["max_level"], target["level"]))):
            raise Refused("not_permitted", f"'{target['id']}' does not apply to this dispute")
        if bypass:
            rule = self.rules["bypass"]
            if not rule["allowed"] or current["id"] not in rule.get("from_stages", [current["id"]]) \
                    or target["id"] not in rule.get("to_stages", [target["id"]]):
                raise Refused("not_permitted", f"bypass from '{current['id']}' to '{target['id']}' is not allowed")
            if rule.get("requires_reason") and "note" not in e:
                raise Refused("invalid_event", "a bypass needs a reason in the note")
        _, resp = self.response()
        if e["reason"] == "no_response":
            if resp is None or not self.owed(resp) or not resp["due"] or at <= parse_instant(resp["due"]):
                raise Refused("not_permitted", "the response is not overdue")
            since = self.x["entered_index"] + 1
            if resp["kind"] == "resolution" and any(h["type"] == "respond" for h in s["history"][since:-1]):
                raise Refused("not_permitted", "a response has been received (the timescale is for resolution)")
        if e["reason"] == "inadequate_response":
            since = self.x["entered_index"] + 1  # events after the one that entered the stage
            answers = [h for h in s["history"][since:-1] if h["type"] == "respond"]
            if not answers or answers[-1]["adequate"]:
                raise Refused("not_permitted", "no inadequate response at this stage")
        if not self.preconditions_met(target.get("requires", []), "bypass" if bypass else None):
            raise Refused("not_permitted", f"'{target['id']}' requires an earlier consultation")
        if "by" in e and e["by"] not in target["raised_by"]:
            raise Refused("not_permitted", f"'{e['by']}' does not raise '{target['id']}'")
        self.check_due(target, e, at)
        for i, o in self.duties(stage=current["id"]):
            if o["kind"] in END_WITH_STAGE:
                self.finish(i, "waived" if o["discretionary"] else "closed", at)
        self.enter(target, e, at, index, entry)

    def on_respond(self, e, at, index):
        i, resp = self.response()
        stage = self.stage_def()
        if resp is None:
            raise Refused("not_permitted", f"no response is expected at '{stage['id']}'")
        if any(role not in e.get("judged_by", []) for role in stage.get("judged_by", [])):
            raise Refused("not_permitted", f"a response at '{stage['id']}' is judged together by {stage['judged_by']}")
        others = [(j, o) for j, o in self.duties(stage=stage["id"], kind="response") if j != i]
        allowed = set(stage["responder"]).union(*(o["role"] for _, o in others))
        if "by" in e and stage["responder"] and e["by"] not in allowed:
            raise Refused("not_permitted", f"'{e['by']}' is not a responder at '{stage['id']}'")
        for j, o in [(i, resp)] * (self.owed(resp) and resp["kind"] == "response") + others:
            self.finish(j, "met", at)
        for j, _ in self.duties(stage=stage["id"], kind="reminder"):
            self.finish(j, "closed", at)  # the reminders were about the missing response
        self.triggered("response_received", index, at)

    def on_extend(self, e, at, index):
        rule, stage = self.rules["extension"], self.stage_def()
        if self.s["paused"]:
            raise Refused("not_permitted", "the dispute is paused")
        if not rule["allowed"] or stage["id"] not in rule.get("stages", [stage["id"]]) \
                or "none" in stage["timescale"]:
            raise Refused("not_permitted", f"no extension at '{stage['id']}'")
        if e["agreed_by"] not in rule["agreed_by"]:
            raise Refused("not_permitted", f"'{e['agreed_by']}' cannot agree an extension")
        i, resp = self.response()
        if resp is None or not self.owed(resp):
            raise Refused("not_permitted", "no response is owed")
        self.check_until(e["until"], at, "until")
        due, day, unit = self.until(e["until"])
        if resp["due"] and due <= parse_instant(resp["due"]):
            raise Refused("invalid_event", "until is not later than the due time in force")
        resp["explain"]["extensions"].append(
            {"at": local(at), "agreed_by": e["agreed_by"], "until": e["until"], "previous_due": resp["due"]})
        resp["due"], resp["due_date"] = local(due), day.isoformat() if day else None
        resp["explain"]["day_end"] = self.day_end.isoformat() if day else None
        self.x["unit"][i] = unit
        for j, _ in self.duties(stage=stage["id"], kind="reminder"):
            self.follow_response(j)

    def clocks(self):
        """Owed duties whose clocks a time out stops: every one with a deadline but those
        due immediately (docs/events-and-state.md section 7)."""
        return [(i, o) for i, o in self.duties() if o["due"] and not o["immediately"]]

    def on_pause(self, e, at, index):
        rule, stage, s = self.rules["pause"], self.stage_def(), self.s
        if s["paused"]:
            raise Refused("not_permitted", "already paused")
        if not rule["allowed"] or stage["kind"] not in rule.get("kinds", [stage["kind"]]) \
                or stage["id"] not in rule.get("stages", [stage["id"]]):
            raise Refused("not_permitted", f"no time out at '{stage['id']}'")
        if e["approved_by"] not in rule["approved_by"]:
            raise Refused("not_permitted", f"'{e['approved_by']}' cannot approve a time out")
        if rule.get("requires_reason") and "reason" not in e:
            raise Refused("invalid_event", "a time out needs a reason")
        for i, o in self.clocks():
            if not o["due"] or at > parse_instant(o["due"]):
                continue  # no clock, or already run out: nothing to stop
            unit = self.x["unit"][i]
            if unit == "seconds":
                remaining = int((parse_instant(o["due"]) - at).total_seconds())
            elif unit == "calendar_days":
                remaining = (dt.date.fromisoformat(o["due_date"]) - local_date(at)).days
            else:
                remaining = self.cal.working_days_between(local_date(at), dt.date.fromisoformat(o["due_date"]))
            o["explain"]["pauses"].append({"from": local(at), "to": None, "remaining": {unit: remaining}})
            o["due"] = o["due_date"] = None
        s["paused"] = True
        s["pause"] = {"since": local(at), "approved_by": e["approved_by"], "reason": e.get("reason")}

    def on_resume(self, e, at, index):
        s = self.s
        if not s["paused"]:
            raise Refused("not_permitted", "not paused")
        for i, o in enumerate(s["obligations"]):
            pauses = o["explain"]["pauses"]
            if self.owed(o) and pauses and pauses[-1]["to"] is None:
                pauses[-1]["to"] = local(at)
                (unit, n), = pauses[-1]["remaining"].items()
                if unit == "seconds":
                    o["due"] = local(at + dt.timedelta(seconds=n))
                    continue
                q = local_date(at)
                day = q + dt.timedelta(days=n) if unit == "calendar_days" else self.cal.add_working_days(q, n)
                if unit == "working_days":
                    o["explain"]["skipped"] += self.cal.skipped(q, day)
                o["due"], o["due_date"] = local(end_of_day(day, self.day_end)), day.isoformat()
        s["paused"], s["pause"] = False, None

    def on_legal_advice(self, e, at, index):
        rule, stage = self.rules["legal_advice"], self.stage_def()
        if not rule["allowed"] or not (rule["at_any_point"] or stage["id"] in rule["stages"]):
            raise Refused("not_permitted", f"legal advice is not provided for at '{stage['id']}'")
        was = self.preconditions_met(self.rules["referral"].get("preconditions", []))
        if self.s["legal_advice"] is None:
            self.s["legal_advice"] = local(at)
        self.after_precondition_event(was, at, index)

    def on_consult(self, e, at, index):
        was = self.preconditions_met(self.rules["referral"].get("preconditions", []))
        self.s["consulted"].append({"role": e["role"], "agreed": e.get("agreed"), "at": local(at)})
        self.tell("consult", e["role"], at)
        self.after_precondition_event(was, at, index)

    def on_refer(self, e, at, index):
        rule, stage, s = self.rules["referral"], self.stage_def(), self.s
        if not rule["allowed"] or not (rule["at_any_point"] or stage["id"] in rule["stages"]):
            raise Refused("not_permitted", f"no referral from '{stage['id']}'")
        if e["concurrent"] and not rule["concurrent_allowed"]:
            raise Refused("not_permitted", "a concurrent referral is not allowed")
        if "when" in rule and not self.holds(rule, self.facts(stage)):
            raise Refused("not_permitted", "the policy's condition for a referral does not hold")
        if s["referrals"] and s["referrals"][-1]["status"] != "declined":
            raise Refused("not_permitted", "a referral is pending or accepted")
        if not self.preconditions_met(rule.get("preconditions", [])):
            raise Refused("not_permitted", "the referral's preconditions are not met")
        s["referrals"].append({"to": "cafcass", "concurrent": e["concurrent"], "status": "referred",
                               "at": local(at), "decided_at": None})
        for i, _ in self.duties(id="referral"):
            self.finish(i, "met", at)
        for j, r in enumerate(rule.get("informs", [])):
            first = r if isinstance(r, str) else r["any_of"][0]
            self.create(id=f"informs.{first}", kind="notify", stage=stage["id"],
                        role=self.policy["applies_to"], target=[r], system=None,
                        trigger="referral_made", event=index, start=at, rule=None,
                        source=f"/rules/referral/informs/{j}")
        if not e["concurrent"]:
            i, resp = self.response()
            if resp is not None and self.owed(resp):
                self.finish(i, "closed", at)
            for i, _ in self.duties(id="overall"):
                self.finish(i, "met", at)

    def on_referral_decision(self, e, at, index):
        refs = self.s["referrals"]
        if not refs or refs[-1]["status"] != "referred":
            raise Refused("not_permitted", "no referral awaits a decision")
        refs[-1]["status"] = "accepted" if e["accepted"] else "declined"
        refs[-1]["decided_at"] = local(at)

    def on_meeting(self, e, at, index):
        for i, o in self.duties(kind="meeting"):
            rule = self.policy_rule(o)
            if rule and rule.get("meeting") == e["kind"]:
                self.finish(i, "met", at)
        self.triggered("meeting", index, at)

    def policy_rule(self, o: dict) -> dict | None:
        ptr = o["explain"]["source"].strip("/").split("/")
        node = self.policy
        for part in ptr:
            node = node[int(part)] if isinstance(node, list) else node[part]
        return node if isinstance(node, dict) and "kind" in node else None

    def on_record(self, e, at, index):
        self.meet_named(e, at)

    def on_notify(self, e, at, index):
        if "obligation" in e:
            self.meet_named(e, at)
        else:
            self.tell("notify", e["role"], at)

    def end(self, e, at, status: str) -> None:
        s = self.s
        for i, o in self.duties():
            met = o["kind"] in ("overall", "resolution") and status == "resolved"
            self.finish(i, "met" if met else "closed", at)
        s["status"], s["paused"], s["pause"] = status, False, None

    def on_resolve(self, e, at, index):
        if self.policy.get("reporting", {}).get("impact_required") and "impact" not in e:
            raise Refused("invalid_event", "the policy requires the impact for the child")
        self.end(e, at, "resolved")
        self.triggered("resolved", index, at)

    def on_withdraw(self, e, at, index):
        self.end(e, at, "withdrawn")

    def on_other_route(self, e, at, index):
        routes = self.s.setdefault("other_routes", [])
        if routes and routes[-1]["ended_at"] is None:
            raise Refused("not_permitted", "another route is already being taken")
        listed = self.rules.get("other_routes")
        if listed and e["route"] not in listed:
            raise Refused("invalid_event", f"'{e['route']}' is not one of the policy's other routes")
        routes.append({"route": e["route"], "taken_at": local(at), "ended_at": None})

    def on_other_route_ended(self, e, at, index):
        routes = self.s.get("other_routes", [])
        if not routes or routes[-1]["ended_at"] is not None:
            raise Refused("not_permitted", "no other route is being taken")
        if routes[-1]["route"] != e["route"]:
            raise Refused("invalid_event", f"the route being taken is '{routes[-1]['route']}'")
        routes[-1]["ended_at"] = local(at)


def replay(policy: dict, events: list[dict], at: str | None = None) -> dict[str, dict]:
    """State per dispute_id after applying `events` (each dispute separately)."""
    cal = Calendar.load(policy["division"])
    disputes: dict[str, Dispute] = {}
    for e in events:
        disputes.setdefault(e["dispute_id"], Dispute(policy, cal)).apply(e)
    return {k: d.state(at) for k, d in disputes.items()}
