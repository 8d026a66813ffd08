"""The report's periods as councils ask for them: quarters of the UK financial year
(April-March) beside calendar quarters, labelled as asked, and the trend over the periods
before one, recounted here from the raw event log with pandas."""
import datetime as dt
import json
import pathlib
import subprocess

import jsonschema
import pandas as pd
import pytest

import drp

ROOT = pathlib.Path(__file__).resolve().parents[2]
MERTON_LOG = ROOT / "examples" / "year" / "merton.jsonl"
SCHEMA = json.loads((ROOT / "schemas" / "report.schema.json").read_text())


@pytest.mark.parametrize("text, first, last", [
    ("Q1 2025/26", dt.date(2025, 4, 1), dt.date(2025, 6, 30)),
    ("2025/26Q1", dt.date(2025, 4, 1), dt.date(2025, 6, 30)),
    ("2025/26 Q2", dt.date(2025, 7, 1), dt.date(2025, 9, 30)),
    ("Q3 2025/26", dt.date(2025, 10, 1), dt.date(2025, 12, 31)),
    ("Q4 2025/26", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    ("2025Q3", dt.date(2025, 7, 1), dt.date(2025, 9, 30)),
])
def test_a_quarter_is_the_days_councils_mean(text, first, last):
    assert drp.quarter(text) == (first, last)


@pytest.mark.parametrize("bad", ["Q1 2025/27", "Q5 2025/26", "2025/26", "Q1 2025-26", "2025Q9"])
def test_a_bad_quarter_names_the_accepted_forms(bad):
    with pytest.raises(drp.InvalidArgumentError, match=r"2025Q3.*Q1 2025/26.*2025/26Q1"):
        drp.quarter(bad)
    with pytest.raises(drp.InvalidArgumentError, match="Q1 2025/26"):
        drp.report("merton", MERTON_LOG, quarter=bad)


def test_a_quarter_that_is_not_text_is_a_drp_error():
    with pytest.raises(drp.InvalidArgumentError, match="quarter must be text such as '2025Q3' or 'Q1 2025/26', not int"):
        drp.quarter(3)


def test_the_report_is_labelled_as_asked():
    fy = drp.report("merton", MERTON_LOG, quarter="2025/26Q2")
    cal = drp.report("merton", MERTON_LOG, quarter="2025Q3")
    assert fy["period"]["label"] == "Q2 2025/26" and cal["period"]["label"] == "2025 Q3"
    assert (fy["period"]["from"], fy["period"]["to"]) == ("2025-07-01", "2025-09-30")
    assert fy["totals"] == cal["totals"]  # the same days, whichever way they were asked for
    assert "Dispute resolution: Q2 2025/26" in fy.to_html()
    assert [p["label"] for p in fy["trend"]["periods"]] == ["Q4 2024/25", "Q1 2025/26", "Q2 2025/26"]
    jsonschema.Draft202012Validator(SCHEMA).validate(fy)
    assert [p["label"] for p in cal["trend"]["periods"]] == ["2025 Q1", "2025 Q2", "2025 Q3"]


def test_the_cli_takes_financial_quarters(drp_cli):
    r = subprocess.run([drp_cli, "report", "--policy", "merton", "--quarter", "Q4 2025/26", str(MERTON_LOG)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["period"]["label"] == "Q4 2025/26"
    assert (report["period"]["from"], report["period"]["to"]) == ("2026-01-01", "2026-03-31")
    r = subprocess.run([drp_cli, "report", "--policy", "merton", "--quarter", "Q1 2025/27", str(MERTON_LOG)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "Q1 2025/26" in r.stderr and "2025Q3" in r.stderr


def london_date(at: pd.Series) -> pd.Series:
    return pd.to_datetime(at, utc=True).dt.tz_convert("Europe/London").dt.date


@pytest.fixture(scope="module")
def events():
    ev = pd.read_json(MERTON_LOG, lines=True, dtype=False)
    ev["day"] = london_date(ev["at"])
    return ev


def test_the_trend_counts_each_quarter_as_the_raw_log_does(events):
    report = drp.report("merton", MERTON_LOG, quarter="Q3 2025/26")
    periods = report["trend"]["periods"]
    # The log starts in January 2025: Q4 2024/25 is the first quarter it covers.
    assert events["day"].min() >= dt.date(2025, 1, 1)
    assert [p["label"] for p in periods] == ["Q4 2024/25", "Q1 2025/26", "Q2 2025/26", "Q3 2025/26"]
    assert report["trend"]["compared_with"] == "Q2 2025/26"
    closed = events[events["type"].isin(["resolve", "withdraw"])].groupby("dispute_id")["day"].min()
    raised = events[events["type"] == "raise"].set_index("dispute_id")["day"]
    for p in periods:
        first, last = dt.date.fromisoformat(p["from"]), dt.date.fromisoformat(p["to"])
        within = events["day"].between(first, last)
        assert p["raised"] == ((events["type"] == "raise") & within).sum(), p["label"]
        assert p["resolved"] == ((events["type"] == "resolve") & within).sum(), p["label"]
        assert p["withdrawn"] == ((events["type"] == "withdraw") & within).sum(), p["label"]
        assert p["cafcass_referrals"] == ((events["type"] == "refer") & within).sum(), p["label"]
        still_open = (raised <= last) & ~(closed.reindex(raised.index) <= last)
        assert p["open_at_end"] == still_open.sum(), p["label"]


def test_an_earlier_quarter_in_the_trend_has_the_figures_of_its_own_report():
    q3 = drp.report("merton", MERTON_LOG, quarter="Q3 2025/26")
    for earlier in q3["trend"]["periods"][:-1]:
        own = drp.report("merton", MERTON_LOG, quarter=earlier["label"])
        assert own["trend"]["periods"][-1] == earlier
        assert earlier["overdue_at_end"] == own["totals"]["overdue_at_end"]
        assert earlier["responses_met_percent"] == own["timeliness"]["all_stages"]["met_percent"]


def test_a_quarter_with_no_data_says_so():
    empty = drp.report("merton", MERTON_LOG, quarter="Q3 2024/25")
    assert empty["totals"]["active"] == 0
    assert empty["trend"]["periods"][-1]["active"] == 0 and empty["trend"]["compared_with"] is None
    jsonschema.Draft202012Validator(SCHEMA).validate(empty)
    html = empty.to_html()
    assert "No data for this period" in html and "1 October 2024 to 31 December 2024" in html
    assert "No data for this period" not in drp.report("merton", MERTON_LOG, quarter="Q1 2025/26").to_html()


def test_an_empty_log_without_a_period_is_refused_not_reported_as_1970(drp_cli, tmp_path):
    with pytest.raises(drp.InvalidArgumentError, match="the logs hold no events.*give the period"):
        drp.report("merton", [])
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    r = subprocess.run([drp_cli, "report", "--policy", "merton", str(empty)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and "give the period" in r.stderr and r.stdout == ""
    # with a period, an empty log is a report with no data, and the command says so
    r = subprocess.run([drp_cli, "report", "--policy", "merton", "--quarter", "Q1 2025/26", str(empty)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and json.loads(r.stdout)["totals"]["active"] == 0
    assert "no dispute was open at any time in Q1 2025/26" in r.stderr
