"""A regional comparison: several authorities' logs, each under its own policy, side by
side for one period; in process, on a local Dask cluster (one log per partition), and from
the drp report command, all with the same figures."""
import json
import os
import pathlib
import subprocess

import jsonschema
import pytest

import drp

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "year"
SCHEMA = json.loads((ROOT / "schemas" / "comparison.schema.json").read_text())
LOGS = {"merton": EXAMPLES / "merton.jsonl", "trust-qas": EXAMPLES / "trust-qas.jsonl",
        "cic-issues-resolution": EXAMPLES / "cic-issues-resolution.jsonl"}


@pytest.fixture(scope="module")
def side_by_side():
    return drp.compare(LOGS, quarter="Q2 2025/26")


def rate(part, whole):
    return None if whole == 0 else round(100 * part / whole, 1)


def test_each_authority_has_the_figures_of_its_own_report(side_by_side):
    jsonschema.Draft202012Validator(SCHEMA).validate(side_by_side)
    assert side_by_side["period"] == {"from": "2025-07-01", "to": "2025-09-30", "label": "Q2 2025/26"}
    assert [a["policy"] for a in side_by_side["authorities"]] == list(LOGS)
    for row in side_by_side["authorities"]:
        own = drp.report(row["policy"], LOGS[row["policy"]], quarter="Q2 2025/26")
        process = own["process"]
        assert row["authority"] == own["policy"]["authority"]
        assert row["responses_on_time_percent"] == own["timeliness"]["all_stages"]["met_percent"]
        assert row["bypass_percent"] == rate(process["bypasses"], process["escalations"])
        assert row["time_out_percent"] == rate(process["disputes_with_time_out"], own["totals"]["active"])
        assert row["cafcass_percent"] == rate(process["cafcass"]["referrals"], own["totals"]["active"])
        cap = own["timeliness"]["overall_cap"]
        assert row["overall_cap_met_percent"] == (cap["met_percent"] if cap["applies"] else None)
        assert [s["median_working_days"] for s in row["stages"]] == [
            s["working_days_in_stage"]["median"] for s in own["timeliness"]["stages"]]
        assert [s["title"] for s in row["stages"]] == [s.title for s in drp.Policy.builtin(row["policy"]).stages]


def test_the_tables_and_the_page(side_by_side):
    frame = side_by_side.frame()
    assert list(frame["policy"]) == list(LOGS) and "cafcass_percent" in frame.columns
    stages = side_by_side.stages()
    assert len(stages) == sum(len(drp.Policy.builtin(p).stages) for p in LOGS)
    assert side_by_side.to_csv().startswith("authority,period,policy,active,raised,")
    assert side_by_side.to_csv("stages").startswith("authority,period,policy,stage,title,completed,met_percent,")
    html = side_by_side.to_html()
    assert "<script" not in html and "London Borough of Merton" in html and "Q2 2025/26" in html
    with pytest.raises(drp.InvalidArgumentError, match="authorities or stages"):
        side_by_side.to_csv("nonsense")


def test_a_comparison_needs_one_period_for_all():
    with pytest.raises(drp.InvalidArgumentError, match="needs its period"):
        drp.compare(LOGS)
    with pytest.raises(drp.InvalidArgumentError, match="Q1 2025/26"):
        drp.compare(LOGS, quarter="Q9 2025/26")
    with pytest.raises(drp.InvalidArgumentError, match="compare one period"):
        drp._drp.comparison_report([dict(drp.report("merton", LOGS["merton"], quarter="2025Q1")),
                                    dict(drp.report("merton", LOGS["merton"], quarter="2025Q2"))])
    with pytest.raises(drp.InvalidArgumentError, match="at least one authority"):
        drp.compare({}, quarter="2025Q1")


def test_on_a_local_dask_cluster_the_figures_are_the_same(side_by_side, monkeypatch):
    import distributed  # Debian's python3-distributed (scripts/install-deps.sh)
    # the workers are new processes: they find the built package as this one does
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(pathlib.Path(drp.__file__).parents[1]), os.environ.get("PYTHONPATH", "")]))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        on_dask = drp.compare(LOGS, quarter="Q2 2025/26", client=client)
        assert len(client.scheduler_info()["workers"]) == 2
    assert on_dask == side_by_side


def test_a_dask_client_needs_files_the_workers_can_open():
    class Client:  # what drp.compare asks of a client before it sends anything
        def get(self, *args, **kwargs):
            raise AssertionError("nothing should be sent to the cluster")
    with pytest.raises(drp.InvalidArgumentError, match="workers can open"):
        drp.compare([("merton", [{"type": "raise"}])], quarter="2025Q1", client=Client())
    with pytest.raises(drp.InvalidArgumentError, match="workers can open"):
        drp.compare([(drp.Policy.builtin("merton"), str(LOGS["merton"]))], quarter="2025Q1", client=Client())
    with pytest.raises(drp.InvalidArgumentError, match="client must be a dask.distributed Client"):
        drp.compare(LOGS, quarter="2025Q1", client=object())
    with pytest.raises(drp.InvalidArgumentError, match="policy to its events"):
        drp.compare(["merton"], quarter="2025Q1")


def test_the_cli_compares_the_same(drp_cli, side_by_side):
    args = [drp_cli, "report", "--quarter", "2025/26Q2"]
    for policy, log in LOGS.items():
        args += ["--compare", f"{policy}={log}"]
    r = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == side_by_side
    r = subprocess.run(args + ["--format", "csv", "--section", "stages"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout == side_by_side.to_csv("stages")
    bad = subprocess.run([drp_cli, "report", "--quarter", "2025Q3", "--compare", "merton"], capture_output=True, text=True)
    assert bad.returncode == 2 and "POLICY=EVENTS.jsonl" in bad.stderr
    mixed = subprocess.run([drp_cli, "report", "--policy", "merton", "--compare", f"merton={LOGS['merton']}"],
                           capture_output=True, text=True)
    assert mixed.returncode == 2
