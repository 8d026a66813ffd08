"""What a pandas user expects of the replay's tables (issue 16), checked against the raw
event log read with json (not through drp), and numpy's busday_count for the calendar."""
import collections
import datetime as dt
import html
import json
import pathlib
import re

import numpy as np
import pandas as pd
import pytest

import conftest  # noqa: F401
import drp

ROOT = pathlib.Path(__file__).resolve().parents[2]
YEAR = ROOT / "examples" / "year"
MERTON = YEAR / "merton.jsonl"


def events(path=MERTON):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def log():
    return drp.replay_log("merton", MERTON)


# ---- `left` of each stage visit, recomputed from the events -------------------------------

@pytest.mark.parametrize("seed", sorted(p.stem for p in YEAR.glob("*.jsonl")))
def test_every_visit_left_when_the_next_began_or_the_dispute_closed(seed):
    visits = collections.defaultdict(list)  # dispute -> [[entered, left], ...]
    for e in events(YEAR / f"{seed}.jsonl"):
        at = pd.Timestamp(e["at"])
        v = visits[e["dispute_id"]]
        if e["type"] == "raise":
            v.append([at, pd.NaT])
        elif e["type"] == "escalate":
            v[-1][1] = at
            v.append([at, pd.NaT])
        elif e["type"] in ("resolve", "withdraw"):
            v[-1][1] = at
    expected = {(d, k + 1): tuple(t) for d, vs in visits.items() for k, t in enumerate(vs)}
    stages = drp.replay_log(seed, YEAR / f"{seed}.jsonl").stages
    got = {(r.dispute_id, r.visit): (r.entered, r.left) for r in stages.itertuples()}
    assert got.keys() == expected.keys()
    wrong = [k for k in expected if not (got[k][0] == expected[k][0] and
                                         (got[k][1] == expected[k][1] or (pd.isna(got[k][1]) and pd.isna(expected[k][1]))))]
    assert not wrong, wrong[:5]
    closed = sum(1 for vs in visits.values() if not pd.isna(vs[-1][1]))
    assert closed > 0  # the data has closed disputes: the case this checks


# ---- types ------------------------------------------------------------------------------

def test_fixed_sets_are_categoricals_with_every_value_of_the_set(log):
    frames = {"d": log.disputes, "s": log.stages}
    d = log.disputes
    stages = [st.id for st in log.policy.stages]
    expected = {
        ("d", "status"): ["open", "resolved", "withdrawn"],
        ("d", "urgency"): ["standard", "urgent", "imminent_risk"],
        ("d", "referral_status"): ["none", "referred", "accepted", "declined"],
        ("d", "category"): list(log.policy.categories),
        ("d", "stage"): stages,
        ("d", "first_stage"): stages,
        ("s", "kind"): ["informal", "meeting", "formal", "referral"],
        ("s", "entered_by"): ["raise", "start_above_first", "escalate", "bypass"],
        ("s", "reason"): ["raise", "no_response", "inadequate_response", "not_resolved", "discretion"],
        ("s", "response"): ["met", "missed", "ended_early", "open", "no_timescale"],
    }
    for st in stages:
        expected[("d", f"{st}_response")] = ["met", "missed", "ended_early", "open", "no_timescale"]
    for (table, name), categories in expected.items():
        frame = frames[table]
        assert isinstance(frame[name].dtype, pd.CategoricalDtype), name
        assert list(frame[name].cat.categories) == categories, name
    assert d["stage"].cat.ordered and d["urgency"].cat.ordered


def test_counts_are_nullable_integers_and_flags_booleans(log):
    d, s = log.disputes, log.stages
    for name in ("escalations", "bypasses", "time_outs", "referrals", "working_days_open", "overdue", "events",
                 *(f"{st.id}_working_days" for st in log.policy.stages)):
        assert d[name].dtype == "Int64", name
    for name in ("cross_council", "started_above_first", "paused", "concurrent_referral"):
        assert d[name].dtype == "boolean", name
    for name in ("visit", "working_days", "working_days_to_response", "extensions"):
        assert s[name].dtype == "Int64", name
    assert s["adequate"].dtype == "boolean"
    # not visited is <NA>, not NaN or 0
    last = log.policy.stages[-1].id
    never = d[d[f"{last}_entered"].isna()]
    assert len(never) > 0 and never[f"{last}_working_days"].isna().all()


def test_the_counts_match_the_events(log):
    raw = events()
    escalations = collections.Counter(e["dispute_id"] for e in raw if e["type"] == "escalate")
    referred = {e["dispute_id"] for e in raw if e["type"] == "refer"}
    d = log.disputes.set_index("dispute_id")
    assert {k: int(v) for k, v in d["escalations"].items() if v} == dict(escalations)
    assert set(d.index[d["referral_status"] != "none"]) == referred
    first_refer = {}
    for e in raw:
        if e["type"] == "refer":
            first_refer.setdefault(e["dispute_id"], pd.Timestamp(e["at"]))
    got = d["referred_at"].dropna()
    assert {k: v for k, v in got.items()} == first_refer
    advice = {}
    for e in raw:
        if e["type"] == "legal_advice":
            advice.setdefault(e["dispute_id"], pd.Timestamp(e["at"]))
    assert {k: v for k, v in d["legal_advice_at"].dropna().items()} == advice
    assert "referred" not in d.columns and "legal_advice" not in d.columns


def test_overdue_obligations_is_a_list_per_row():
    mid_year = drp.replay("merton", MERTON, as_of="2025-06-30")
    lists = mid_year["overdue_obligations"]
    assert all(isinstance(x, list) for x in lists)
    assert [len(x) for x in lists] == mid_year["overdue"].tolist()
    assert any(lists) and all(re.fullmatch(r"[a-z_]+@[A-Za-z0-9_]*", o) for x in lists for o in x)


def test_times_and_as_of_are_in_the_policys_zone(log):
    zone = log.disputes["raised"].dt.tz
    assert str(zone) == "Europe/London"
    for df in (log.disputes, log.stages):
        assert isinstance(df.attrs["as_of"], pd.Timestamp) and str(df.attrs["as_of"].tz) == str(zone)
    latest = max(pd.Timestamp(e["at"]) for e in events())
    assert log.as_of == latest


def test_refused_and_summaries_are_data_frames(log):
    assert isinstance(log.refused, pd.DataFrame) and log.refused.empty
    assert list(log.refused.columns) == ["record", "dispute_id", "code", "message"]
    summaries = log.summaries()
    assert isinstance(summaries, pd.DataFrame) and len(summaries) == len(log.disputes)
    assert summaries["dispute_id"].tolist() == log.disputes["dispute_id"].tolist()
    assert str(summaries["raised"].dt.tz) == "Europe/London"
    assert (summaries["raised"] == log.disputes["raised"]).all()
    assert all(isinstance(v, list) for v in summaries["visits"])


def test_grouping_by_a_categorical_with_observed_works_on_pandas_1_5(log):
    d = log.disputes
    counts = d.groupby("stage", observed=True)["status"].value_counts()
    plain = d.astype({"stage": str, "status": str}).groupby("stage")["status"].value_counts()
    observed = counts[counts > 0]
    assert {(str(a), str(b)): int(n) for (a, b), n in observed.items()} == \
        {(a, b): int(n) for (a, b), n in plain.items()}


# ---- the calendar on Series ---------------------------------------------------------------

def test_calendar_takes_and_returns_series_and_nat_stays_missing(log):
    cal = log.policy.calendar
    d = log.disputes.set_index("dispute_id")
    got = cal.working_days_between(d["raised"], d["closed"])
    assert isinstance(got, pd.Series) and got.dtype == "Int64" and got.index.equals(d.index)
    assert got.isna().tolist() == d["closed"].isna().tolist()
    # numpy's busday_count over the London dates, x with raised < x <= closed
    holidays = [h.date for y in (2024, 2025, 2026) for h in cal.holidays(y)]
    closed = d["closed"].dropna()
    a = d.loc[closed.index, "raised"].dt.tz_localize(None).to_numpy().astype("datetime64[D]") + 1
    b = closed.dt.tz_localize(None).to_numpy().astype("datetime64[D]") + 1
    expected = np.busday_count(a, b, holidays=np.array(holidays, dtype="datetime64[D]"))
    assert got.dropna().astype(int).tolist() == expected.tolist()

    later = cal.add_working_days(d["closed"], 5)
    assert isinstance(later, pd.Series) and later.index.equals(d.index)
    assert later.isna().tolist() == d["closed"].isna().tolist()
    for when, day in zip(closed.head(20), later.dropna().head(20)):
        assert day.date() == cal.add_working_days(when.date(), 5)

    flags = cal.is_working_day(pd.Series([pd.Timestamp("2025-12-25"), pd.NaT, pd.Timestamp("2025-12-29")]))
    assert flags.dtype == "boolean" and flags.isna().tolist() == [False, True, False]
    assert not flags[0] and flags[2]


def test_series_with_different_indexes_are_refused(log):
    cal = log.policy.calendar
    a = pd.Series([pd.Timestamp("2025-01-02")], index=[0])
    b = pd.Series([pd.Timestamp("2025-01-09")], index=[1])
    with pytest.raises(drp.InvalidArgumentError, match="different indexes"):
        cal.working_days_between(a, b)


# ---- redact and the report in Jupyter -----------------------------------------------------

def test_redact_drops_child_references_and_free_text(log):
    raw = events()
    children = {e["child_ref"] for e in raw if "child_ref" in e}
    texts = {e[k] for e in raw for k in ("summary", "impact", "note", "start_reason") if k in e}
    texts |= {e["reason"] for e in raw if e["type"] in ("pause", "withdraw") and "reason" in e}
    assert children and texts
    for table in (log.disputes, log.stages, log.summaries(), pd.DataFrame(raw)):
        out = drp.redact(table)
        text = out.to_csv(index=False)
        assert not [c for c in children if c in text]
        assert not [t for t in texts if t in text]
        assert out.attrs.get("redacted") is True and len(out) == len(table)
    frame = drp.redact(pd.DataFrame(raw))
    assert set(frame["reason"].dropna()) <= {"no_response", "inadequate_response", "not_resolved", "discretion"}
    assert set(frame["reason"].dropna())  # escalation reasons stay
    kept = drp.redact(log.disputes, keep=["impact"])
    assert "impact" in kept.columns and "child_ref" not in kept.columns
    assert "team" in kept.columns and "dispute_id" in kept.columns
    with pytest.raises(drp.ArgumentTypeError):
        drp.redact(raw)


def test_a_report_shows_its_page_in_jupyter():
    q3 = drp.report("merton", MERTON, quarter="2025Q3")
    shown = q3._repr_html_()
    m = re.fullmatch(r'<iframe title="[^"]*" srcdoc="([^"]*)" style="[^"]*"></iframe>', shown)
    assert m, shown[:200]
    assert html.unescape(m.group(1)) == q3.to_html()
    assert dt.date.fromisoformat(q3["period"]["from"]) == dt.date(2025, 7, 1)


def test_a_redacted_report_keeps_the_counts_and_drops_the_impact_texts(drp_cli):
    import subprocess
    impacts = {e["impact"] for e in events() if e["type"] == "resolve" and "impact" in e}
    full = drp.report("merton", MERTON, quarter="2025Q3")
    assert full["impact"]["records"] and any(r["impact"] in impacts for r in full["impact"]["records"])
    for shared in (drp.report("merton", MERTON, quarter="2025Q3", redact=True), drp.redact(full)):
        assert shared["impact"]["records"] == []
        assert shared["impact"]["with_impact"] == full["impact"]["with_impact"] > 0
        assert shared["totals"] == full["totals"]
        page = shared.to_html() + shared.to_csv()
        assert not [t for t in impacts if t in page]
    assert full["impact"]["records"]  # the original is not changed
    r = subprocess.run([drp_cli, "report", "--policy", "merton", "--quarter", "2025Q3", "--redact", str(MERTON)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    cli = json.loads(r.stdout)
    assert cli["impact"]["records"] == [] and cli["totals"] == full["totals"]
    assert not [t for t in impacts if t in r.stdout]
    r = subprocess.run([drp_cli, "report", "--policy", "merton", "--redact", "--identify-children", str(MERTON)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "--redact" in r.stderr
    with pytest.raises(drp.InvalidArgumentError):
        drp.report("merton", MERTON, quarter="2025Q3", redact=True, identify_children=True)
