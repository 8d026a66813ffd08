"""Test oracle for the policy rules JSON Schema cannot express.

The C++ validator (`drp validate`) is the authority; docs/policy-authoring.md
("Checks beyond the schema") lists every rule with its diagnostic. This module checks
the error-level rules that the seed policies and fixtures must satisfy, so the data is
kept honest before the C++ side exists. Each finding is (JSON pointer, message).
"""
from __future__ import annotations

import datetime

FACTS = {
    "urgency", "category", "cross_council",
    "stage.id", "stage.level", "stage.kind", "stage.optional",
    "entry.reason", "entry.bypass", "entry.from", "max_level",
    "consulted", "legal_advice", "referral.status", "referral.concurrent", "paused", "case_type", "raised_by",
}
RESERVED_OBLIGATION_IDS = {"response", "overall", "referral"}
ITERATING_OPS = {"all", "none", "some"}


def errors(policy: dict) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []

    def report(ptr: str, msg: str) -> None:
        found.append((ptr, msg))

    try:
        datetime.date.fromisoformat(policy["effective_from"])
    except ValueError:
        report("/effective_from", f"'{policy['effective_from']}' is not a calendar date")

    roles = set(policy["roles"])
    stages = policy["stages"]
    index = {}
    for i, stage in enumerate(stages):
        if stage["id"] in index:
            report(f"/stages/{i}/id", f"duplicate stage id '{stage['id']}' (first at /stages/{index[stage['id']]})")
        else:
            index[stage["id"]] = i
        if i and stage["level"] <= stages[i - 1]["level"]:
            report(f"/stages/{i}/level", f"level {stage['level']} does not increase on the previous stage's {stages[i - 1]['level']}")

    def role(ptr: str, value) -> None:
        if isinstance(value, dict):
            for j, r in enumerate(value["any_of"]):
                role(f"{ptr}/any_of/{j}", r)
        elif value not in roles:
            report(ptr, f"role '{value}' is not defined in /roles")

    def role_list(ptr: str, values) -> None:
        for j, value in enumerate(values or []):
            role(f"{ptr}/{j}", value)

    def stage_ref(ptr: str, value: str) -> None:
        if value not in index:
            report(ptr, f"stage '{value}' is not defined in /stages")

    def stage_list(ptr: str, values) -> None:
        for j, value in enumerate(values or []):
            stage_ref(f"{ptr}/{j}", value)

    def condition(ptr: str, expr, iterating: bool = False) -> None:
        if isinstance(expr, list):
            for j, item in enumerate(expr):
                condition(f"{ptr}/{j}", item, iterating)
        elif isinstance(expr, dict):
            (op, args), = expr.items()
            if op == "var" and not iterating:
                name = args[0] if isinstance(args, list) else args
                if name not in FACTS:
                    report(ptr, f"unknown fact '{name}'")
            elif op in ITERATING_OPS and isinstance(args, list):
                condition(f"{ptr}/{op}/0", args[:1], iterating)
                condition(f"{ptr}/{op}/1", args[1:], True)
            else:
                condition(f"{ptr}/{op}", args, iterating)

    def obligations(ptr: str, items, own_stage: int | None) -> None:
        seen = set()
        for j, ob in enumerate(items or []):
            p = f"{ptr}/{j}"
            if ob["id"] in seen:
                report(f"{p}/id", f"duplicate obligation id '{ob['id']}'")
            if ob["id"] in RESERVED_OBLIGATION_IDS:
                report(f"{p}/id", f"obligation id '{ob['id']}' is reserved")
            elif ob["id"] == "resolution" and any(s.get("timescale_for") == "resolution" for s in policy["stages"]):
                report(f"{p}/id", "obligation id 'resolution' is reserved (a stage's timescale is for resolution)")
            seen.add(ob["id"])
            if ob.get("every_role") and ob["kind"] not in ("response", "record", "notify"):
                report(f"{p}/every_role", f"every_role applies to response, record and notify duties, not {ob['kind']}")
            role_list(f"{p}/role", ob["role"])
            role_list(f"{p}/target", ob.get("target"))
            if "when" in ob:
                condition(f"{p}/when", ob["when"])
            if "from_stage" in ob:
                target = index.get(ob["from_stage"])
                if target is None:
                    stage_ref(f"{p}/from_stage", ob["from_stage"])
                elif own_stage is not None and target >= own_stage:
                    report(f"{p}/from_stage", f"'{ob['from_stage']}' is not an earlier stage")
            if ob["from"] == "response_due" and own_stage is not None \
                    and "none" in stages[own_stage]["timescale"]:
                report(f"{p}/from", "response_due on a stage without a response timescale")

    global_ids = {ob["id"] for ob in policy.get("obligations", [])}

    def after_ref(p: str, ob: dict, known: set, where: str) -> None:
        if "after" not in ob:
            return
        if ob["after"] == ob["id"]:
            report(f"{p}/after", f"'{ob['id']}' cannot start after itself")
        elif ob["after"] not in known:
            report(f"{p}/after", f"no obligation '{ob['after']}'{where} or among the global obligations")

    role_list("/applies_to", policy["applies_to"])
    for i, stage in enumerate(stages):
        p = f"/stages/{i}"
        for key in ("raised_by", "responder", "notify", "copy"):
            role_list(f"{p}/{key}", stage.get(key))
        for j, pre in enumerate(stage.get("requires", [])):
            if "consult" in pre:
                role(f"{p}/requires/{j}/consult", pre["consult"])
        if "when" in stage:
            condition(f"{p}/when", stage["when"])
        own = {ob["id"] for ob in stage.get("obligations", [])} | global_ids
        if "timescale_from" in stage and stage["timescale_from"] not in own:
            report(f"{p}/timescale_from", f"no obligation '{stage['timescale_from']}' at '{stage['id']}' "
                                          "or among the global obligations")
        for j, ob in enumerate(stage.get("obligations", [])):
            after_ref(f"{p}/obligations/{j}", ob, own, f" at '{stage['id']}'")
        for j, target in enumerate(stage.get("next", [])):
            if target not in index:
                stage_ref(f"{p}/next/{j}", target)
            elif index[target] <= i:
                report(f"{p}/next/{j}", f"next stage '{target}' is not later than '{stage['id']}'")
        obligations(f"{p}/obligations", stage.get("obligations"), i)
    obligations("/obligations", policy.get("obligations"), None)
    for j, ob in enumerate(policy.get("obligations", [])):
        after_ref(f"/obligations/{j}", ob, global_ids, "")
    stage_obligation_ids = {ob["id"] for s in stages for ob in s.get("obligations", [])}
    for j, ob in enumerate(policy.get("obligations", [])):
        if ob["id"] in stage_obligation_ids:
            report(f"/obligations/{j}/id", f"global obligation id '{ob['id']}' repeats a stage obligation id")

    rules = policy["rules"]
    stage_list("/rules/bypass/from_stages", rules["bypass"].get("from_stages"))
    stage_list("/rules/bypass/to_stages", rules["bypass"].get("to_stages"))
    stage_list("/rules/start_above_first/stages", rules["start_above_first"].get("stages"))
    stage_list("/rules/pause/stages", rules["pause"].get("stages"))
    role_list("/rules/pause/approved_by", rules["pause"].get("approved_by"))
    stage_list("/rules/extension/stages", rules["extension"].get("stages"))
    role_list("/rules/extension/agreed_by", rules["extension"].get("agreed_by"))
    for reason, rule in rules["escalation"]["reasons"].items():
        stage_list(f"/rules/escalation/reasons/{reason}/stages", rule.get("stages"))
    # Left out, the referral is the IRO's statutory power (Regulation 45).
    referral = rules.get("referral", {"allowed": "IRO" in policy["applies_to"]})
    stage_list("/rules/referral/stages", referral.get("stages"))
    role_list("/rules/referral/informs", referral.get("informs"))
    for j, pre in enumerate(referral.get("preconditions", [])):
        if "only_when" in pre:
            report(f"/rules/referral/preconditions/{j}/only_when",
                   "only_when is for a stage's requires, not a referral precondition")
        if "consult" in pre:
            role(f"/rules/referral/preconditions/{j}/consult", pre["consult"])
    stage_list("/rules/legal_advice/stages", rules["legal_advice"].get("stages"))
    if any(s["kind"] == "referral" for s in stages) and not referral["allowed"]:
        report("/rules/referral/allowed", "a referral stage exists but referral is not allowed")
    for j, report_ in enumerate(policy.get("reporting", {}).get("reports", [])):
        role_list(f"/reporting/reports/{j}/prepared_by", report_.get("prepared_by"))

    first_closure: dict[datetime.date, int] = {}
    for j, closure in enumerate(policy.get("closures", [])):
        ptr = f"/closures/{j}/date"
        try:
            day = datetime.date.fromisoformat(closure["date"])
        except ValueError:
            report(ptr, f"'{closure['date']}' is not a calendar date")
            continue
        if not 1970 <= day.year <= 2199:
            report(ptr, f"closure day {day.isoformat()} is outside the supported range 1970-2199")
        elif day in first_closure:
            report(ptr, f"closure day {day.isoformat()} is listed twice (first at /closures/{first_closure[day]})")
        else:
            first_closure[day] = j
    return found
