"""Another route taken instead of escalation (a complaint, advocacy) in the replay's tables,
the period report's process.other_routes (schemas/report.schema.json), its other_routes
table (Python and the CLI) and its page.

Merton with the two routes of docs/policy-authoring.md §8; the period is Q1 2025/26 (1 April
to 30 June 2025, London time). Every count is worked out by hand from the events below."""
import io
import json
import pathlib
import subprocess

import jsonschema
import pandas as pd
import pytest

import drp

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "schemas" / "report.schema.json").read_text())
ROUTES = {"complaint": {"title": "Children's complaints procedure"}, "advocacy": {"title": "Advocacy for the child"}}


def ev(kind, dispute, at, **fields):
    return {"type": kind, "dispute_id": dispute, "at": at, **fields}


def raise_(dispute, at, due):
    return ev("raise", dispute, at, child_ref=f"CH-{dispute}", category="drift_delay", urgency="standard",
              summary="s", due=due)


# P1: a complaint taken and ended in the quarter, then a second one still running at its end.
# P2: advocacy taken in March, ended at the first instant of the quarter.
# P3: no other route (resolved in the quarter).
# P4: advocacy taken one second before the quarter, still running.
EVENTS = [
    raise_("P2", "2025-03-03T09:00:00+00:00", "2025-03-10"),
    ev("other_route", "P2", "2025-03-04T10:00:00+00:00", route="advocacy"),
    raise_("P4", "2025-03-31T09:00:00+01:00", "2025-04-07"),
    ev("other_route", "P4", "2025-03-31T23:59:59+01:00", route="advocacy"),
    ev("other_route_ended", "P2", "2025-04-01T00:00:00+01:00", route="advocacy"),
    raise_("P3", "2025-04-02T09:00:00+01:00", "2025-04-09"),
    ev("resolve", "P3", "2025-04-08T09:00:00+01:00", summary="done", impact="Plan back on track"),
    raise_("P1", "2025-05-06T09:00:00+01:00", "2025-05-13"),
    ev("other_route", "P1", "2025-05-07T10:00:00+01:00", route="complaint"),
    ev("other_route_ended", "P1", "2025-05-20T16:00:00+01:00", route="complaint"),
    ev("other_route", "P1", "2025-06-03T10:00:00+01:00", route="complaint"),
]


def policy_text() -> str:
    doc = json.loads(drp.Policy.builtin("merton").source_text)
    doc["rules"]["other_routes"] = ROUTES
    return json.dumps(doc)


@pytest.fixture(scope="module")
def policy():
    return drp.Policy.from_text(policy_text(), "merton-with-routes.json")


@pytest.fixture(scope="module")
def report(policy):
    return drp.report(policy, EVENTS, quarter="Q1 2025/26")


def table(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), keep_default_na=False)


def test_the_report_counts_routes_in_the_quarter_and_validates(report):
    jsonschema.Draft202012Validator(SCHEMA).validate(report)
    assert report["process"]["other_routes"] == {
        "disputes": 1,  # P1 (twice); P2 and P4 took theirs in March
        "routes": [  # the policy's routes, by id, with their titles
            {"route": "advocacy", "title": "Advocacy for the child", "taken": 0, "ended": 1, "running_at_end": 1},
            {"route": "complaint", "title": "Children's complaints procedure", "taken": 2, "ended": 1,
             "running_at_end": 1},
        ]}


def test_the_trend_recounts_the_quarter_before(report):
    periods = report["trend"]["periods"]
    assert [(p["label"], p["other_route_disputes"]) for p in periods] == [("Q4 2024/25", 2), ("Q1 2025/26", 1)]


def test_the_other_routes_table_has_a_row_per_route_and_process_one_row(report):
    t = table(report.to_csv("other_routes"))
    assert list(t.columns) == ["authority", "period", "route", "title", "ended", "running_at_end", "taken"]
    assert t.to_dict("records") == [
        {"authority": "London Borough of Merton", "period": "Q1 2025/26", "route": "advocacy",
         "title": "Advocacy for the child", "ended": 1, "running_at_end": 1, "taken": 0},
        {"authority": "London Borough of Merton", "period": "Q1 2025/26", "route": "complaint",
         "title": "Children's complaints procedure", "ended": 1, "running_at_end": 1, "taken": 2}]
    process = table(report.to_csv("process"))
    assert len(process) == 1 and process.loc[0, "other_routes_disputes"] == 1
    assert not [c for c in process.columns if "routes_routes" in c]
    assert "other_routes" in drp.Report.TABLES
    frame = report.frame("other_routes")
    assert list(frame["route"]) == ["advocacy", "complaint"] and list(frame["taken"]) == [0, 2]


def test_the_page_shows_the_routes_by_their_titles(report):
    html = report.to_html()
    assert "Another route instead of escalation" in html
    assert "<td>Advocacy for the child</td><td>0</td><td>1</td><td>1</td>" in html


def test_the_cli_writes_the_same_table(drp_cli, report, tmp_path):
    path = tmp_path / "merton-with-routes.json"
    path.write_text(policy_text())
    log = tmp_path / "events.jsonl"
    log.write_text("".join(json.dumps(e) + "\n" for e in EVENTS))
    r = subprocess.run([drp_cli, "report", "--policy", str(path), str(log), "--quarter", "Q1 2025/26", "--format", "csv",
                        "--section", "other_routes"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout == report.to_csv("other_routes")


def test_the_replay_tables_carry_the_routes(policy):
    log = drp.replay_log(policy, EVENTS)  # as of the latest event, 3 June
    d = log.disputes.set_index("dispute_id")
    assert d["other_routes"].dtype == "Int64" and d["other_route_running"].dtype == "boolean"
    assert {k: int(v) for k, v in d["other_routes"].items()} == {"P1": 2, "P2": 1, "P3": 0, "P4": 1}
    assert d["other_route"].to_dict() == {"P1": "complaint", "P2": "advocacy", "P3": None, "P4": "advocacy"}
    assert {k: bool(v) for k, v in d["other_route_running"].items()} == {"P1": True, "P2": False, "P3": False,
                                                                        "P4": True}
    s = log.summaries().set_index("dispute_id")
    assert s.loc["P1", "other_routes"] == [
        {"route": "complaint", "taken_at": "2025-05-07T10:00:00+01:00", "ended_at": "2025-05-20T16:00:00+01:00"},
        {"route": "complaint", "taken_at": "2025-06-03T10:00:00+01:00", "ended_at": None}]
    assert s.loc["P3", "other_routes"] == []


def test_a_log_without_routes_reports_zero_and_shows_nothing_on_the_page():
    q = drp.report("merton", ROOT / "examples" / "year" / "merton.jsonl", quarter="Q1 2025/26")
    jsonschema.Draft202012Validator(SCHEMA).validate(q)
    assert q["process"]["other_routes"] == {"disputes": 0, "routes": []}
    assert all(p["other_route_disputes"] == 0 for p in q["trend"]["periods"])
    assert "nother route" not in q.to_html()
    assert q.to_csv("other_routes") == "authority,period\n"
