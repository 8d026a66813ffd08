"""drp.replay and drp.report: event logs to a DataFrame and to the quarterly report, and the
drp report command giving the same figures (DESIGN.md §3 Report, §4.6, §4.7)."""
import datetime as dt
import io
import json
import pathlib
import subprocess

import jsonschema
import numpy as np
import pandas as pd
import pytest

import drp

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "year"
SEEDS = ["merton", "trust-qas", "cic-issues-resolution", "qa-form", "tracked-recommendation"]
SCHEMA = json.loads((ROOT / "schemas/report.schema.json").read_text())
MERTON_LOG = EXAMPLES / "merton.jsonl"


def events_of(path):
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


@pytest.fixture(scope="module")
def merton_frame():
    return drp.replay("merton", MERTON_LOG)


# ---- replay -----------------------------------------------------------------------------------

def test_one_row_per_dispute_with_the_documented_columns(merton_frame):
    df = merton_frame
    assert len(df) == df["dispute_id"].nunique() == 130
    for column in ["dispute_id", "child_ref", "team", "category", "urgency", "status", "raised", "closed", "stage",
                   "first_stage", "escalations", "bypasses", "time_outs", "referrals", "working_days_open",
                   "responses_met", "responses_missed", "overall", "overdue", "impact",
                   "IR1_entered", "IR1_working_days", "IR1_response"]:
        assert column in df.columns, column
    assert str(df["raised"].dtype) == "datetime64[ns, Europe/London]"
    assert df["status"].isin(["open", "resolved", "withdrawn"]).all()
    assert df["IR1_response"].dropna().isin(["met", "missed", "ended_early", "open", "no_timescale"]).all()
    assert df.attrs["policy"] == "merton"


def test_a_path_a_list_json_lines_and_a_data_frame_give_the_same_rows(merton_frame):
    records = events_of(MERTON_LOG)
    lines = MERTON_LOG.read_text().splitlines()
    frame = pd.read_json(MERTON_LOG, lines=True, dtype=False)
    for events in (records, lines, frame, [MERTON_LOG], str(MERTON_LOG)):
        pd.testing.assert_frame_equal(drp.replay("merton", events), merton_frame)


def test_a_data_frame_read_with_pandas_defaults_works(merton_frame):
    frame = pd.read_json(MERTON_LOG, lines=True)  # true/false columns with gaps become 1.0/0.0/NaN
    assert frame["adequate"].dtype == float
    pd.testing.assert_frame_equal(drp.replay("merton", frame), merton_frame)


def test_a_data_frame_with_aware_timestamps_works_and_naive_ones_are_refused(merton_frame):
    frame = pd.read_json(MERTON_LOG, lines=True, dtype=False)
    frame["at"] = pd.to_datetime(frame["at"], utc=True).dt.tz_convert("Europe/London")
    pd.testing.assert_frame_equal(drp.replay("merton", frame), merton_frame)
    frame["at"] = frame["at"].dt.tz_localize(None)
    with pytest.raises(drp.InvalidArgumentError, match="tz_localize"):
        drp.replay("merton", frame)


def test_replay_is_deterministic(merton_frame):
    pd.testing.assert_frame_equal(drp.replay(drp.Policy.builtin("merton"), MERTON_LOG), merton_frame)


def test_a_refused_event_names_its_record_or_line():
    records = events_of(MERTON_LOG)[:3]
    bad = dict(records[0], dispute_id="X-1", type="respond", adequate=True)
    for k in ("child_ref", "category", "urgency", "summary", "due", "team", "by"):
        bad.pop(k, None)
    with pytest.raises(drp.NotPermittedError, match=r"record 4 \(dispute X-1\)"):
        drp.replay("merton", records + [bad])
    result = drp.replay_log("merton", records + [bad], on_error="skip")
    assert result.refused["record"].tolist() == [4]
    assert result.refused["code"].tolist() == ["not_permitted"]
    with pytest.raises(drp.InvalidArgumentError):
        drp.replay("merton", records, on_error="ignore")


def test_a_bad_line_in_a_file_names_the_file_and_line(tmp_path):
    path = tmp_path / "log.jsonl"
    path.write_text(MERTON_LOG.read_text().splitlines()[0] + "\n{not json\n")
    with pytest.raises(drp.InvalidJsonError, match=r"log.jsonl line 2"):
        drp.replay("merton", path)
    with pytest.raises(drp.IoError):
        drp.replay("merton", tmp_path / "absent.jsonl")


def test_as_of_leaves_later_events_unapplied(merton_frame):
    mid = drp.replay_log("merton", MERTON_LOG, as_of=dt.date(2025, 6, 30))
    assert mid.after_as_of > 0 and mid.as_of == dt.datetime.fromisoformat("2025-06-30T23:59:59+01:00")
    assert (mid.disputes["raised"] <= pd.Timestamp("2025-06-30 23:59:59", tz="Europe/London")).all()
    h1 = merton_frame[merton_frame["raised"] < pd.Timestamp("2025-07-01", tz="Europe/London")]
    assert mid.disputes["status"].eq("open").sum() > h1["status"].eq("open").sum()


def test_the_stage_rows_agree_with_the_dispute_rows():
    result = drp.replay_log("merton", MERTON_LOG)
    stages, disputes = result.stages, result.disputes
    assert len(stages) == disputes["stages_visited"].sum()
    visits = stages.groupby("dispute_id")["visit"].max()
    assert (visits == disputes.set_index("dispute_id")["stages_visited"].loc[visits.index]).all()
    ir1 = stages[stages["stage"] == "IR1"].set_index("dispute_id")["working_days"]
    assert (ir1 == disputes.set_index("dispute_id").loc[ir1.index, "IR1_working_days"]).all()
    assert set(stages["entered_by"]) <= {"raise", "start_above_first", "escalate", "bypass"}
    assert stages["entered_by"].eq("bypass").sum() == disputes["bypasses"].sum()
    assert result.timings["cpp_total"] > 0 and result.timings["total"] >= result.timings["cpp_total"]
    assert "disputes=130" in repr(result)


@pytest.mark.parametrize("seed", SEEDS)
def test_every_example_log_replays_without_a_refusal(seed):
    result = drp.replay_log(seed, EXAMPLES / f"{seed}.jsonl", on_error="skip")
    assert result.refused.empty
    assert len(result.disputes) >= 60


# ---- report -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def q3():
    return drp.report("merton", MERTON_LOG, quarter="2025Q3")


def test_the_report_is_a_dict_in_the_published_shape(q3):
    assert isinstance(q3, dict) and isinstance(q3, drp.Report)
    jsonschema.Draft202012Validator(SCHEMA).validate(q3)
    assert q3["period"] == {"from": "2025-07-01", "to": "2025-09-30", "label": "2025 Q3",
                            "as_of": "2025-09-30T23:59:59+01:00"}
    assert repr(q3).startswith("drp.Report(policy='merton', period='2025 Q3', active=")


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("quarter", ["2025Q1", "2025Q2", "2025Q3", "2025Q4"])
def test_every_quarter_of_every_example_validates_against_the_schema(seed, quarter):
    report = drp.report(seed, EXAMPLES / f"{seed}.jsonl", quarter=quarter)
    jsonschema.Draft202012Validator(SCHEMA).validate(report)
    t = report["totals"]
    assert t["active"] == t["open_at_start"] + t["raised"]
    assert t["open_at_end"] == t["active"] - t["resolved"] - t["withdrawn"]
    assert sum(s["open_at_end"] for s in report["stages"]) == t["open_at_end"]
    assert sum(s["resolved"] for s in report["stages"]) == t["resolved"]
    assert sum(c["raised"] for c in report["by_category"]) == t["raised"]
    assert sum(u["raised"] for u in report["by_urgency"]) == t["raised"]


def test_the_figures_agree_with_pandas_over_the_replay(q3):
    """The report is computed in C++; an analyst recomputing from the replay gets the same."""
    result = drp.replay_log("merton", MERTON_LOG, as_of="2025-09-30")
    d, s = result.disputes, result.stages
    start, end = pd.Timestamp("2025-07-01", tz="Europe/London"), pd.Timestamp("2025-10-01", tz="Europe/London")
    in_q = lambda col: (col >= start) & (col < end)
    assert q3["totals"]["raised"] == in_q(d["raised"]).sum()
    assert q3["totals"]["resolved"] == (in_q(d["closed"]) & d["status"].eq("resolved")).sum()
    assert q3["totals"]["open_at_end"] == d["status"].eq("open").sum()
    assert q3["totals"]["overdue_at_end"] == (d["status"].eq("open") & (d["overdue"] > 0)).sum()
    # stage visits that ended in the quarter: left, or the dispute closed while there
    last = s["visit"] == s.groupby("dispute_id")["visit"].transform("max")
    closed = s["dispute_id"].map(d.set_index("dispute_id")["closed"])
    ended = s["left"].where(s["left"].notna(), closed.where(last))
    done = s[in_q(ended)]
    for row in q3["timeliness"]["stages"]:
        mine = done[done["stage"] == row["stage"]]
        assert row["completed"] == len(mine)
        assert row["met"] == mine["response"].eq("met").sum()
        assert row["missed"] == mine["response"].eq("missed").sum()
        days = row["working_days_in_stage"]
        if len(mine):
            assert days["median"] == pytest.approx(mine["working_days"].quantile(0.5), abs=0.01)
            assert days["p90"] == pytest.approx(mine["working_days"].quantile(0.9), abs=0.01)
        else:
            assert days["median"] is None
    assert q3["process"]["bypasses"] == (in_q(s["entered"]) & s["entered_by"].eq("bypass")).sum()
    impact = d[in_q(d["closed"]) & d["status"].eq("resolved")]
    assert q3["impact"]["with_impact"] == impact["impact"].notna().sum()


def test_the_cli_gives_the_same_report(drp_cli, tmp_path):
    # The same pseudonyms need the same key (without one each report makes its own).
    key = tmp_path / "pseudonyms.key"
    key.write_text("00112233445566778899aabbccddeeff\n")
    q3 = drp.report("merton", MERTON_LOG, quarter="2025Q3", key_file=key)
    r = subprocess.run([drp_cli, "report", "--policy", "merton", str(MERTON_LOG), "--quarter", "2025Q3",
                        "--key-file", str(key)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == json.loads(q3.to_json())
    out = tmp_path / "q3.csv"
    r = subprocess.run([drp_cli, "report", "--policy", "merton", str(MERTON_LOG), "--from", "2025-07-01", "--to",
                        "2025-09-30", "--format", "csv", "--output", str(out), "--key-file", str(key)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert out.read_text() == q3.to_csv()


def test_the_cli_exit_codes(drp_cli, tmp_path):
    run = lambda *a: subprocess.run([drp_cli, "report", *a], capture_output=True, text=True, timeout=60)
    assert run("--help").returncode == 0
    assert run("--policy", "merton").returncode == 2
    assert run("--policy", "merton", str(MERTON_LOG), "--format", "pdf").returncode == 2
    assert run("--policy", "merton", str(MERTON_LOG), "--from", "2025-07-01").returncode == 2
    assert run("--policy", "merton", str(MERTON_LOG), "--quarter", "2025Q9").returncode == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type": "respond", "at": "2025-01-01T09:00:00Z", "dispute_id": "X", "adequate": true}\n')
    r = run("--policy", "merton", str(bad))
    assert r.returncode == 1 and "bad.jsonl line 1 (dispute X)" in r.stderr
    r = run("--policy", "merton", str(bad), "--skip-refused", "--quarter", "2025Q1")
    assert r.returncode == 0 and json.loads(r.stdout)["source"]["events_refused"] == 1
    # every event refused and no period: no latest event to choose a quarter by (not "1970 Q1")
    r = run("--policy", "merton", str(bad), "--skip-refused")
    assert r.returncode == 1 and "1 refused" in r.stderr and "give the period" in r.stderr and r.stdout == "", r.stderr


def test_the_default_period_is_the_quarter_of_the_latest_event():
    report = drp.report("merton", MERTON_LOG)
    assert report["period"]["label"] == "2025 Q4"
    assert drp.quarter("2025Q4") == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    with pytest.raises(drp.InvalidArgumentError):
        drp.report("merton", MERTON_LOG, start="2025-01-01")
    with pytest.raises(drp.InvalidArgumentError):
        drp.report("merton", MERTON_LOG, quarter="2025Q1", start="2025-01-01", end="2025-03-31")


def test_a_report_of_part_of_a_log_sees_disputes_as_they_stood_then():
    h1 = drp.report("merton", MERTON_LOG, start=dt.date(2025, 1, 1), end=dt.date(2025, 6, 30))
    year = drp.report("merton", MERTON_LOG, start="2025-01-01", end="2025-12-31")
    assert h1["source"]["events_after_as_of"] > 0
    assert h1["totals"]["raised"] < year["totals"]["raised"]


def test_sections_come_as_data_frames(q3):
    timeliness = q3.frame("timeliness")
    assert list(timeliness["stage"]) == [s.id for s in drp.Policy.builtin("merton").stages]
    assert {"met", "missed", "working_days_in_stage_median", "working_days_to_response_p90"} <= set(timeliness.columns)
    tidy = q3.frame("tidy")
    assert list(tidy.columns) == ["section", "key", "measure", "value"]
    assert tidy.query("section == 'totals' and measure == 'raised'")["value"].iloc[0] == str(q3["totals"]["raised"])
    frames = q3.frames()
    assert set(frames) >= {"stages", "by_category", "overdue", "impact", "teams", "children", "tidy"}
    with pytest.raises(drp.InvalidArgumentError, match="no section"):
        q3.frame("nonsense")


def test_every_number_of_the_json_is_a_row_of_the_csv(q3):
    tidy = pd.read_csv(io.StringIO(q3.to_csv()), keep_default_na=False, dtype=str)

    def numbers(value):
        if isinstance(value, dict):
            for v in value.values():
                yield from numbers(v)
        elif isinstance(value, list):
            for v in value:
                yield from numbers(v)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            yield value
    assert len([n for n in numbers(q3) if n is not None]) == sum(
        1 for v in tidy["value"] if v.replace(".", "", 1).lstrip("-").isdigit())


def test_save_writes_each_format(q3, tmp_path):
    assert json.loads(q3.save(tmp_path / "r.json").read_text()) == json.loads(q3.to_json())
    assert q3.save(tmp_path / "r.csv").read_text().startswith("section,key,measure,value\n")
    assert q3.save(tmp_path / "r.html").read_text().startswith("<!DOCTYPE html>")
    with pytest.raises(drp.InvalidArgumentError):
        q3.save(tmp_path / "r.pdf")


def test_children_appear_by_key_unless_identified(q3):
    refs = set(drp.replay("merton", MERTON_LOG)["child_ref"])
    html = q3.to_html()
    assert not any(ref in html for ref in refs)
    assert not any(ref in q3.to_json() for ref in refs)
    assert all(len(row["child"]) == 22 and row["child"].startswith("C-") for row in q3["themes"]["children"]["list"])
    assert q3["themes"]["pseudonym_key"] == "random"
    named = drp.report("merton", MERTON_LOG, quarter="2025Q3", identify_children=True)
    assert all(row["child"] in refs for row in named["themes"]["children"]["list"])


def test_recurring_themes_widen_with_themes_from():
    narrow = drp.report("merton", MERTON_LOG, quarter="2025Q4")
    wide = drp.report("merton", MERTON_LOG, quarter="2025Q4", themes_from="2025-01-01", recurring_at_least=3)
    assert wide["themes"]["disputes"] > narrow["themes"]["disputes"]
    assert wide["themes"]["recurring_at_least"] == 3
    assert all(t["disputes"] >= 3 for t in wide["themes"]["team_categories"])


def test_what_difference_it_made_is_listed(q3):
    impact = q3["impact"]
    assert impact["impact_required"] is True  # Merton asks every resolution for it
    assert impact["with_impact"] == len(impact["records"]) > 0
    assert impact["percent"] == pytest.approx(100 * impact["with_impact"] / impact["resolved"], abs=0.05)
    assert all(r["impact"] for r in impact["records"])
    assert q3.frame("impact")["impact"].str.len().gt(0).all()


def test_the_html_page_is_self_contained(q3):
    html = q3.to_html()
    assert "<script" not in html and "src=" not in html and "href=" not in html and "@import" not in html
    assert html.count("<svg") >= 5
    assert "2025 Q3" in html and "London Borough of Merton" in html
