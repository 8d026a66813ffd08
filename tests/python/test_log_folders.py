"""A folder given as a log (issue 16): read as the *.jsonl files in it, in order of name, by
drp report, drp simulate and Python alike; a folder with none, and a report without a
period over logs with no event applied, are errors (exit 1), never an empty answer."""
import json
import pathlib
import shutil
import subprocess

import pandas as pd
import pytest

import conftest  # noqa: F401
import drp

ROOT = pathlib.Path(__file__).resolve().parents[2]
MERTON = ROOT / "examples" / "year" / "merton.jsonl"


@pytest.fixture(scope="module")
def monthly(tmp_path_factory):
    """examples/year/merton.jsonl cut into monthly files, named so that name order is time
    order, plus files a folder read must leave alone."""
    folder = tmp_path_factory.mktemp("monthly")
    lines = MERTON.read_text(encoding="utf-8").splitlines(keepends=True)
    by_month: dict[str, list[str]] = {}
    for line in lines:
        by_month.setdefault(json.loads(line)["at"][:7], []).append(line)
    for month, month_lines in by_month.items():
        (folder / f"{month}.jsonl").write_text("".join(month_lines), encoding="utf-8")
    (folder / "README.txt").write_text("not a log\n")
    (folder / ".2025-13.jsonl").write_text("{not json\n")  # hidden: an editor's backup
    (folder / "sub").mkdir()
    (folder / "sub" / "2025-00.jsonl").write_text("{not json\n")  # not read: no recursion
    assert len(by_month) == 12
    return folder


def test_python_reads_a_folder_as_its_files_in_order_of_name(monthly):
    whole = drp.replay("merton", MERTON)
    from_folder = drp.replay("merton", monthly)
    pd.testing.assert_frame_equal(from_folder, whole)
    assert len(whole) == sum(1 for line in MERTON.open() if '"type":"raise"' in line)


def test_the_order_is_the_names_byte_order(tmp_path):
    lines = MERTON.read_text(encoding="utf-8").splitlines(keepends=True)
    half = len(lines) // 2
    first, second = tmp_path / "2.jsonl", tmp_path / "10.jsonl"  # "10" sorts before "2"
    first.write_text("".join(lines[:half]))
    second.write_text("".join(lines[half:]))
    folder = drp.replay_log("merton", tmp_path, on_error="skip")
    by_name = drp.replay_log("merton", [second, first], on_error="skip")
    in_time = drp.replay_log("merton", [first, second], on_error="skip")
    pd.testing.assert_frame_equal(folder.disputes, by_name.disputes)
    pd.testing.assert_frame_equal(folder.refused, by_name.refused)
    assert len(in_time.refused) == 0 and len(folder.refused) > 0  # the order mattered


def test_a_folder_without_logs_is_an_error_with_a_hint(tmp_path):
    (tmp_path / "notes.txt").write_text("x\n")
    with pytest.raises(drp.IsDirectoryError) as info:  # also an IsADirectoryError
        drp.replay("merton", tmp_path)
    assert "holds no *.jsonl files" in str(info.value) and str(tmp_path) in str(info.value)
    with pytest.raises(drp.IoError):
        drp.report("merton", tmp_path, quarter="2025Q3")


def test_a_report_without_a_period_over_an_empty_log_is_refused(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    with pytest.raises(drp.InvalidArgumentError) as info:
        drp.report("merton", empty)
    assert "no events" in str(info.value) and "quarter=" in str(info.value)
    with pytest.raises(drp.InvalidArgumentError):
        drp.report("merton", [])
    # with a period there is something to say: a quarter with nothing in it
    quiet = drp.report("merton", empty, quarter="2025Q3")
    assert quiet["totals"]["raised"] == 0 and quiet["period"]["from"] == "2025-07-01"


def test_a_report_of_only_refused_events_is_refused_too():
    bad = {"type": "escalate", "at": "2025-01-08T10:00:00+00:00", "dispute_id": "NOPE-1", "reason": "no_response"}
    with pytest.raises(drp.InvalidArgumentError) as info:
        drp.report("merton", [bad], on_error="skip")
    assert "1 refused" in str(info.value)


def test_the_cli_report_reads_a_folder_like_the_files(drp_cli, monthly):
    files = subprocess.run([drp_cli, "report", "--policy", "merton", "--quarter", "2025Q3", "--identify-children",
                            str(MERTON)], capture_output=True, text=True, timeout=120)
    folder = subprocess.run([drp_cli, "report", "--policy", "merton", "--quarter", "2025Q3", "--identify-children",
                             str(monthly)], capture_output=True, text=True, timeout=120)
    assert files.returncode == 0 and folder.returncode == 0, folder.stderr
    a, b = json.loads(files.stdout), json.loads(folder.stdout)
    assert a["totals"] == b["totals"] and a["totals"]["raised"] > 0
    assert a["source"] == b["source"]


def test_the_cli_refuses_an_empty_folder_and_an_empty_log(drp_cli, tmp_path):
    r = subprocess.run([drp_cli, "report", "--policy", "merton", str(tmp_path)], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 1 and "holds no *.jsonl files" in r.stderr and r.stdout == "", r.stderr
    (tmp_path / "empty.jsonl").write_text("")
    r = subprocess.run([drp_cli, "report", "--policy", "merton", str(tmp_path)], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 1 and "no events" in r.stderr and "--quarter" in r.stderr and r.stdout == "", r.stderr
    r = subprocess.run([drp_cli, "simulate", "--policy", "merton", str(tmp_path / "nothing-here")],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1, r.stderr


def test_the_cli_simulate_reads_a_folder(drp_cli, tmp_path):
    events = ROOT / "examples" / "events" / "merton.jsonl"
    lines = events.read_text().splitlines(keepends=True)
    (tmp_path / "1.jsonl").write_text("".join(lines[:3]))
    (tmp_path / "2.jsonl").write_text("".join(lines[3:]))
    whole = subprocess.run([drp_cli, "simulate", "--policy", "merton", "--json", str(events)],
                           capture_output=True, text=True, timeout=60)
    split = subprocess.run([drp_cli, "simulate", "--policy", "merton", "--json", str(tmp_path)],
                           capture_output=True, text=True, timeout=60)
    assert whole.returncode == 0 and split.returncode == 0, split.stderr
    assert json.loads(split.stdout) == json.loads(whole.stdout) and len(json.loads(whole.stdout)) >= 1
    shutil.rmtree(tmp_path)
