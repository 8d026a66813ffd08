"""The report as CSV tables a manager can open: one tidy table per section, a row per
stage, category, dispute or period, every row with the authority and the period; from
Python (Report.to_csv(section), Report.save(folder)) and the CLI (--section, a folder)."""
import io
import pathlib
import subprocess

import pandas as pd
import pytest

import drp

ROOT = pathlib.Path(__file__).resolve().parents[2]
MERTON_LOG = ROOT / "examples" / "year" / "merton.jsonl"


@pytest.fixture(scope="module")
def q2():
    return drp.report("merton", MERTON_LOG, quarter="Q2 2025/26")


def table(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), keep_default_na=False)


def test_the_timeliness_table_has_a_row_per_stage_and_the_reports_figures(q2):
    t = table(q2.to_csv("timeliness"))
    stages = [s.id for s in drp.Policy.builtin("merton").stages]
    assert list(t["stage"]) == stages + ["all"]
    assert (t["authority"] == "London Borough of Merton").all() and (t["period"] == "Q2 2025/26").all()
    assert list(t.columns[:5]) == ["authority", "period", "stage", "title", "timescale"]
    for row, figures in zip(t.itertuples(), q2["timeliness"]["stages"]):
        assert (row.completed, row.met, row.missed) == (figures["completed"], figures["met"], figures["missed"])
        assert str(row.working_days_in_stage_median) == str(figures["working_days_in_stage"]["median"] or "")
    total = t.iloc[-1]
    assert total["title"] == "All stages" and total["met"] == q2["timeliness"]["all_stages"]["met"]


def test_the_impact_table_has_every_record_the_page_shows_only_ten(q2):
    t = table(q2.to_csv("impact"))
    assert len(t) == len(q2["impact"]["records"]) > 10
    assert list(t["impact"]) == [r["impact"] for r in q2["impact"]["records"]]
    assert {"stage_title", "category_title"} <= set(t.columns)
    html = q2.to_html()
    assert html.count("<blockquote>") == 10
    assert f"and {len(t) - 10} more, not shown here" in html


def test_the_overdue_table_names_the_duties_in_words(q2):
    t = table(q2.to_csv("overdue"))
    assert len(t) == q2["open_at_end"]["overdue"]
    assert not t["overdue_duties"].str.contains("@").any()
    assert t["overdue"].str.contains("@").all()


def test_the_trend_table_has_a_row_per_period(q2):
    t = table(q2.to_csv("trend"))
    assert list(t["label"]) == [p["label"] for p in q2["trend"]["periods"]]
    assert list(t["raised"]) == [p["raised"] for p in q2["trend"]["periods"]]


def test_an_unknown_table_is_named(q2):
    with pytest.raises(drp.InvalidArgumentError, match="no report table 'nonsense'; choose from totals, trend"):
        q2.to_csv("nonsense")


def test_a_folder_receives_every_table_named_for_the_authority_period_and_section(q2, tmp_path):
    assert q2.save(tmp_path) == tmp_path
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(f"merton-Q2-2025-26-{s}.csv" for s in drp.Report.TABLES)
    assert (tmp_path / "merton-Q2-2025-26-by_category.csv").read_text() == q2.to_csv("by_category")
    totals = table((tmp_path / "merton-Q2-2025-26-totals.csv").read_text())
    assert len(totals) == 1 and totals.loc[0, "raised"] == q2["totals"]["raised"]


def test_the_cli_writes_one_table_or_a_folder_of_them(drp_cli, q2, tmp_path):
    run = lambda *a: subprocess.run([drp_cli, "report", "--policy", "merton", "--quarter", "2025/26Q2", str(MERTON_LOG), *a],
                                    capture_output=True, text=True, timeout=60)
    r = run("--format", "csv", "--section", "timeliness")
    assert r.returncode == 0, r.stderr
    assert r.stdout == q2.to_csv("timeliness")
    r = run("--format", "csv", "--output", str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert len(list(tmp_path.glob("merton-Q2-2025-26-*.csv"))) == len(drp.Report.TABLES)
    assert (tmp_path / "merton-Q2-2025-26-impact.csv").read_text() == q2.to_csv("impact")
    assert run("--format", "csv").stdout.startswith("section,key,measure,value\n")  # the long form stays
    r = run("--format", "csv", "--section", "nonsense")
    assert r.returncode == 2 and "timeliness" in r.stderr
    assert run("--format", "html", "--section", "impact").returncode == 2
