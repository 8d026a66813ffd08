"""drp calendar from the shell: outputs, exit codes (0 ok, 1 bad input, 2 usage)."""
import json
import subprocess


def run(cli, *args):
    return subprocess.run([cli, *args], capture_output=True, text=True, timeout=30)


def test_add_prints_the_due_date_and_explains_it(drp_cli):
    r = run(drp_cli, "calendar", "add", "2026-12-21", "10")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "2027-01-07"
    assert "Christmas Day" in lines[1] and "New Year’s Day" in lines[1]


def test_add_json(drp_cli):
    r = run(drp_cli, "calendar", "add", "2026-11-21", "5", "--json")
    assert json.loads(r.stdout)["due"] == "2026-11-27"


def test_between_with_closures(drp_cli):
    r = run(drp_cli, "calendar", "between", "2026-12-21", "2027-01-07", "--closure", "2026-12-29", "--closure", "2026-12-30")
    assert r.stdout.strip() == "8"


def test_holidays_of_a_year_per_division(drp_cli):
    r = run(drp_cli, "calendar", "holidays", "2026", "--division", "scotland", "--json")
    titles = [h["title"] for h in json.loads(r.stdout)]
    assert "St Andrew’s Day" in titles and "Easter Monday" not in titles


def test_is_working(drp_cli):
    assert run(drp_cli, "calendar", "is-working", "2026-12-25").stdout.strip() == "no"


def test_import_a_govuk_file(drp_cli, tmp_path):
    f = tmp_path / "bank-holidays.json"
    f.write_text(json.dumps({"england-and-wales": {"division": "england-and-wales", "events": [
        {"title": "Royal celebration", "date": "2031-06-06", "notes": "", "bunting": True}]}}))
    r = run(drp_cli, "calendar", "is-working", "2031-06-06", "--govuk", str(f))
    assert r.stdout.strip() == "no", r.stderr


def test_bad_input_exits_1_with_a_named_problem(drp_cli, tmp_path):
    r = run(drp_cli, "calendar", "add", "2026-02-30", "1")
    assert r.returncode == 1 and "2026-02-30" in r.stderr and "invalid_date" in r.stderr
    r = run(drp_cli, "calendar", "holidays", "1800")
    assert r.returncode == 1 and "out_of_range" in r.stderr
    r = run(drp_cli, "calendar", "add", "2026-01-01", "1", "--division", "wales")
    assert r.returncode == 1 and "wales" in r.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{oops")
    r = run(drp_cli, "calendar", "add", "2026-01-01", "1", "--govuk", str(bad))
    assert r.returncode == 1 and str(bad) in r.stderr and "invalid_json" in r.stderr
    r = run(drp_cli, "calendar", "add", "2026-01-01", "1", "--govuk", str(tmp_path / "missing.json"))
    assert r.returncode == 1 and "io" in r.stderr


def test_usage_errors_exit_2(drp_cli):
    assert run(drp_cli, "calendar", "add", "2026-01-01").returncode == 2
    assert run(drp_cli, "calendar", "add", "2026-01-01", "ten").returncode == 2
    assert run(drp_cli, "calendar", "--bogus").returncode == 2
    assert run(drp_cli, "frobnicate").returncode == 2
    assert run(drp_cli).returncode == 2


def test_help_on_every_command(drp_cli):
    for args in (["--help"], ["calendar", "--help"]):
        r = run(drp_cli, *args)
        assert r.returncode == 0 and "usage:" in r.stdout
